import { Alert, Button, Card, Center, Select, SegmentedControl, Stack, Text, TextInput, Title, type ComboboxItem, type OptionsFilter } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Office, OfficeLevel } from '../../shared/contract/app'
import { NATIONAL_CODE } from '../../shared/area'
import type { UserInfo } from '../../shared/contract/people'
import { AdminFields, adminValidate } from './Login'
import { ApiError, call } from '../api'
import { useOp } from '../hooks'
import { wilayahMatches } from '../../shared/wilayahAliases'

/** First run: choose the office's wilayah from the Kemendagri reference, never typed. */
export function Setup({ onDone }: { onDone: (o: Office & { user: UserInfo; recoveryCode?: string }) => void }) {
  const { t } = useTranslation()
  const [level, setLevel] = useState<OfficeLevel>('kecamatan')
  const [prov, setProv] = useState<string | null>(null)
  const [kab, setKab] = useState<string | null>(null)
  const [kec, setKec] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  // After a submit, every missing choice says so beside its field, not only the first one.
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  // Which pickers a level needs: a national office's area is the whole country (the reserved code ID).
  const needsProv = level !== 'nasional'
  const needsKab = level === 'kabupaten' || level === 'kecamatan'
  const provinces = useOp('wilayah.children', { parentCode: null })
  const regencies = useOp('wilayah.children', { parentCode: prov }, prov !== null && needsKab)
  const districts = useOp('wilayah.children', { parentCode: kab }, kab !== null && level === 'kecamatan')
  const form = useForm({
    initialValues: { name: '', displayName: '', username: '', password: '', confirm: '' },
    validate: {
      name: (v) => (v.trim().length < 3 ? t('setup.nameShort') : null),
      ...adminValidate(t),
    },
  })
  const opts = (list?: { code: string; name: string }[]) => (list ?? []).map((w) => ({ value: w.code, label: `${w.name} (${w.code})` }))
  const names = new Map([...(provinces.data ?? []), ...(regencies.data ?? []), ...(districts.data ?? [])].map((w) => [w.code, w.name]))
  const filter: OptionsFilter = ({ options, search }) =>
    (options as ComboboxItem[]).filter((o) => wilayahMatches(names.get(o.value) ?? o.label, o.value, search))
  const missing = {
    prov: tried && needsProv && !prov ? t('setup.missingProvinsi') : null,
    kab: tried && needsKab && !kab ? t('setup.missingKabupaten') : null,
    kec: tried && level === 'kecamatan' && !kec ? t('setup.missingKecamatan') : null,
  }
  const nameOf = (list: { code: string; name: string }[] | undefined, code: string | null) => list?.find((w) => w.code === code)?.name ?? ''
  const target = level === 'kecamatan' ? kec : level === 'kabupaten' ? kab : level === 'provinsi' ? prov : NATIONAL_CODE

  const suggest = (lvl: typeof level, kabCode: string | null, kecCode: string | null, provCode: string | null = prov) => {
    if (lvl === 'nasional') form.setFieldValue('name', t('setup.nameNasional'))
    if (lvl === 'provinsi' && provCode) form.setFieldValue('name', t('setup.nameProvinsi', { name: nameOf(provinces.data, provCode) }))
    if (lvl === 'kabupaten' && kabCode) form.setFieldValue('name', `Bappeda ${nameOf(regencies.data, kabCode)}`)
    if (lvl === 'kecamatan' && kecCode) form.setFieldValue('name', `Kantor Camat ${nameOf(districts.data, kecCode)}`)
  }

  const submit = form.onSubmit(async (v) => {
    setTried(true)
    if (!target) return
    setBusy(true)
    setError(null)
    try {
      onDone(await call('office.setup', { wilayahCode: target, level, name: v.name, admin: { username: v.username, displayName: v.displayName, password: v.password } }))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  })

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Card withBorder shadow="sm" w={560} p="xl">
        <form onSubmit={(e) => (setTried(true), submit(e))} noValidate>
          <Stack>
            <div>
              <Text c="teal.8" fw={700} size="sm">Simpul · {t('app.tagline')}</Text>
              <Title order={2}>{t('setup.title')}</Title>
            </div>
            <Text size="sm">{t('setup.intro')}</Text>
            <div>
              <Text fw={500} size="sm" mb={4}>{t('setup.level')}</Text>
              <SegmentedControl
                fullWidth
                // Four kinds of office in a 560 px card: a long name wraps inside its segment.
                styles={{ label: { whiteSpace: 'normal', lineHeight: 1.25, height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' } }}
                value={level}
                onChange={(v) => {
                  setLevel(v as typeof level)
                  suggest(v as typeof level, kab, kec)
                }}
                data={[
                  { value: 'kecamatan', label: t('setup.levelKecamatan') },
                  { value: 'kabupaten', label: t('setup.levelKabupaten') },
                  { value: 'provinsi', label: t('setup.levelProvinsi') },
                  { value: 'nasional', label: t('setup.levelNasional') },
                ]}
              />
            </div>
            {level === 'nasional' && <Alert color="blue" data-testid="setup-nasional">{t('setup.nasionalHint')}</Alert>}
            {needsProv && (
              <Select
                label={t('setup.provinsi')} placeholder={t('setup.pick')} searchable data={opts(provinces.data)} value={prov}
                onChange={(v) => (setProv(v), setKab(null), setKec(null), suggest(level, null, null, v))} nothingFoundMessage={t('setup.notFound')} data-testid="setup-provinsi" filter={filter} error={missing.prov} withAsterisk
              />
            )}
            {needsKab && (
              <Select
                label={t('setup.kabupaten')} placeholder={t('setup.pick')} searchable data={opts(regencies.data)} value={kab} disabled={!prov}
                onChange={(v) => (setKab(v), setKec(null), suggest(level, v, null))} nothingFoundMessage={t('setup.notFound')} data-testid="setup-kabupaten" filter={filter} error={missing.kab} withAsterisk
              />
            )}
            {level === 'kecamatan' && (
              <Select
                label={t('setup.kecamatan')} placeholder={t('setup.pick')} searchable data={opts(districts.data)} value={kec} disabled={!kab}
                onChange={(v) => (setKec(v), suggest(level, kab, v))} nothingFoundMessage={t('setup.notFound')} data-testid="setup-kecamatan" filter={filter} error={missing.kec} withAsterisk
              />
            )}
            <TextInput label={t('setup.officeName')} withAsterisk {...form.getInputProps('name')} />
            <Text fw={600} size="sm" mt="sm">{t('setup.adminTitle')}</Text>
            <Text size="xs" c="dimmed" mt={-10}>{t('setup.adminHint')}</Text>
            <AdminFields form={form} />
            {error && <Alert color="red" icon={<IconAlertTriangle />}>{error}</Alert>}
            <Button type="submit" loading={busy} size="md">{t('setup.submit')}</Button>
          </Stack>
        </form>
      </Card>
    </Center>
  )
}
