import { Button, Card, FileButton, Group, Image, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callWithNotice, useOp } from '../../hooks'
import { SIGNER_ROLES } from '../../components/print/Print'
import { NipInput, nipError } from '../../components/NipInput'

const FIELDS = [
  { key: 'letterhead.government', label: 'letterhead.government', placeholder: 'PEMERINTAH KABUPATEN SERDANG BEDAGAI' },
  { key: 'letterhead.office', label: 'letterhead.office', placeholder: 'BADAN PERENCANAAN PEMBANGUNAN DAERAH' },
  { key: 'letterhead.address', label: 'letterhead.address', placeholder: 'Jl. Negara No. 300, Sei Rampah' },
  { key: 'letterhead.place', label: 'letterhead.place', placeholder: 'Sei Rampah' },
]

/** Kop surat and signatories used by every printed report. */
export function LetterheadSettings() {
  const { t } = useTranslation()
  const settings = useOp('settings.get', {})
  const [values, setValues] = useState<Record<string, string>>({})
  useEffect(() => setValues(settings.data ?? {}), [settings.data])
  const set = (key: string, value: string) => setValues((v) => ({ ...v, [key]: value }))

  const save = async () => {
    // A wrong NIP would print on every signed report: nothing is saved until each is right.
    const wrong = SIGNER_ROLES.find((r) => nipError(values[`sign.${r.role}_nip`]))
    if (wrong) {
      notifications.show({ color: 'red', message: t('letterhead.nipBlocked', { role: t(`letterhead.role.${wrong.role}`, { defaultValue: wrong.label }) }) })
      return
    }
    const keys = [...FIELDS.map((f) => f.key), 'letterhead.logo', ...SIGNER_ROLES.flatMap((r) => ['name', 'nip', 'title'].map((p) => `sign.${r.role}_${p}`))]
    for (const key of keys) {
      if ((values[key] ?? '') !== (settings.data?.[key] ?? '')) await callWithNotice('settings.set', { key, value: values[key] ?? '' })
    }
    await settings.reload()
    notifications.show({ color: 'green', message: t('letterhead.saved') })
  }

  const readLogo = (file: File | null) => {
    if (!file) return
    const reader = new FileReader()
    reader.onload = () => set('letterhead.logo', String(reader.result))
    reader.readAsDataURL(file)
  }

  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('letterhead.title')}</Title>
        <Group align="flex-start">
          {values['letterhead.logo'] ? <Image src={values['letterhead.logo']} w={72} h={72} fit="contain" alt="logo" /> : <Text c="dimmed" size="sm">{t('letterhead.logoNone')}</Text>}
          <FileButton onChange={readLogo} accept="image/png,image/jpeg">
            {(p) => <Button variant="light" {...p}>{t('letterhead.logoPick')}</Button>}
          </FileButton>
        </Group>
        {FIELDS.map((f) => (
          <TextInput key={f.key} label={t(f.label)} placeholder={f.placeholder} value={values[f.key] ?? ''} onChange={(e) => set(f.key, e.currentTarget.value)} />
        ))}
        {SIGNER_ROLES.map((r) => (
          <div key={r.role}>
            <Text fw={600} size="sm">{t(`letterhead.role.${r.role}`, { defaultValue: r.label })}</Text>
            <SimpleGrid cols={3}>
              <TextInput aria-label={`${t(`letterhead.role.${r.role}`, { defaultValue: r.label })} ${t('letterhead.name')}`} placeholder={t('letterhead.namePh')} value={values[`sign.${r.role}_name`] ?? ''} onChange={(e) => set(`sign.${r.role}_name`, e.currentTarget.value)} />
              <NipInput aria-label={`${t(`letterhead.role.${r.role}`, { defaultValue: r.label })} NIP`} placeholder={t('letterhead.nipPh')} value={values[`sign.${r.role}_nip`] ?? ''} onChange={(x) => set(`sign.${r.role}_nip`, x)} />
              <TextInput aria-label={`${t(`letterhead.role.${r.role}`, { defaultValue: r.label })} ${t('letterhead.jobTitle')}`} placeholder={t('letterhead.titlePh')} value={values[`sign.${r.role}_title`] ?? ''} onChange={(e) => set(`sign.${r.role}_title`, e.currentTarget.value)} />
            </SimpleGrid>
          </div>
        ))}
        <Group><Button onClick={() => void save()}>{t('letterhead.save')}</Button></Group>
      </Stack>
    </Card>
  )
}
