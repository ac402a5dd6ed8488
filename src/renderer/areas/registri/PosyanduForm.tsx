import { Alert, Button, Card, Checkbox, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateField } from '../../components/DateField'
import { allowLeave, useLeaveGuard } from '../../components/leaveGuard'
import { call } from '../../api'
import { useOp } from '../../hooks'
import { navigate } from '../../router'
import { notifications } from '@mantine/notifications'
import { useCan } from '../../session'
import { escapeCancels, NS, showServerErrors, useOffice, usePlaces } from './shared'

interface Values {
  name: string
  kecamatan: string | null
  desaCode: string | null
  address: string
  rt: string
  rw: string
  latitude: number | string
  longitude: number | string
  yearFounded: number | string
  kemendagriNumber: string
  isPhiModel: boolean
  phiDecree: string
  isIlp: boolean
  isSpmPilot: boolean
  status: 'aktif' | 'nonaktif'
  statusDate: string
  statusReason: string
}

const num = (v: number | string) => (v === '' || v === null ? null : Number(v))

/** New or edit posyandu. Enter saves, Esc cancels; messages appear beside the fields. */
export function PosyanduForm({ id }: { id?: string }) {
  const { t } = useTranslation(NS)
  const office = useOffice()
  const places = usePlaces()
  const existing = useOp('registry.posyanduGet', { id: id ?? '' }, Boolean(id))
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm<Values>({
    initialValues: {
      name: '', kecamatan: null, desaCode: null, address: '', rt: '', rw: '', latitude: '', longitude: '', yearFounded: '', kemendagriNumber: '',
      isPhiModel: false, phiDecree: '', isIlp: false, isSpmPilot: false, status: 'aktif', statusDate: '', statusReason: '',
    },
    validate: {
      name: (v) => (v.trim().length < 3 ? t('valid.posyanduName') : null),
      desaCode: (v) => (!v ? t('valid.pickDesa') : null),
      rt: (v) => (v && !/^\d{1,3}$/.test(v) ? t('valid.rt') : null),
      rw: (v) => (v && !/^\d{1,3}$/.test(v) ? t('valid.rw') : null),
      phiDecree: (v, all) => (all.isPhiModel && !v.trim() ? t('valid.phiDecree') : null),
      statusDate: (v, all) => (all.status === 'nonaktif' && !v ? t('valid.statusDate') : null),
      statusReason: (v, all) => (all.status === 'nonaktif' && !v.trim() ? t('valid.statusReason') : null),
    },
  })
  const p = existing.data?.posyandu
  useEffect(() => {
    if (!p) return
    const loaded: Values = {
      name: p.name, kecamatan: p.scope, desaCode: p.desaCode, address: p.address ?? '', rt: p.rt ?? '', rw: p.rw ?? '',
      latitude: p.latitude ?? '', longitude: p.longitude ?? '', yearFounded: p.yearFounded ?? '', kemendagriNumber: p.kemendagriNumber ?? '',
      isPhiModel: p.isPhiModel, phiDecree: p.phiDecree ?? '', isIlp: p.isIlp, isSpmPilot: p.isSpmPilot, status: p.status,
      statusDate: p.statusDate ?? '', statusReason: p.statusReason ?? '',
    }
    form.setValues(loaded)
    form.resetDirty(loaded)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p])
  const kec = office?.level === 'kecamatan' ? office.wilayahCode : form.values.kecamatan
  const desa = places.desa.filter((d) => !kec || d.kecamatanCode === kec).map((d) => ({ value: d.code, label: office?.level === 'kabupaten' && !kec ? `${d.name} (${places.kecamatan.find((k) => k.code === d.kecamatanCode)?.name})` : d.name }))
  useLeaveGuard(form.isDirty())
  const can = useCan()
  const cancel = () => navigate(id ? `registri/posyandu/${id}` : 'registri/posyandu')

  const submit = form.onSubmit(async (v) => {
    setBusy(true)
    setError(null)
    try {
      const saved = await call('registry.posyanduSave', {
        id,
        data: {
          name: v.name, desaCode: v.desaCode ?? '', address: v.address, rt: v.rt, rw: v.rw, latitude: num(v.latitude), longitude: num(v.longitude),
          yearFounded: num(v.yearFounded), kemendagriNumber: v.kemendagriNumber, isPhiModel: v.isPhiModel, phiDecree: v.phiDecree,
          isIlp: v.isIlp, isSpmPilot: v.isSpmPilot, status: v.status, statusDate: v.statusDate, statusReason: v.statusReason,
        },
      })
      notifications.show({ color: 'green', message: t('posyandu.saved') })
      form.resetDirty()
      allowLeave()
      navigate(`registri/posyandu/${saved.id}`)
    } catch (e) {
      setError(showServerErrors(form, e))
    } finally {
      setBusy(false)
    }
  })

  return (
    <form onSubmit={submit} onKeyDown={escapeCancels(cancel)} noValidate>
      <Stack maw={860}>
        <Title order={3}>{t(id ? 'posyandu.edit' : 'posyandu.new')}</Title>
        <Card withBorder>
          <Stack>
            <TextInput label={t('posyandu.name')} placeholder={t('posyandu.namePh')} withAsterisk data-autofocus autoFocus {...form.getInputProps('name')} />
            <SimpleGrid cols={office?.level === 'kabupaten' ? 2 : 1}>
              {office?.level === 'kabupaten' && (
                <Select label={t('posyandu.kecamatan')} searchable clearable data={places.kecamatan.map((k) => ({ value: k.code, label: k.name }))}
                  {...form.getInputProps('kecamatan')} onChange={(v) => (form.setFieldValue('kecamatan', v), form.setFieldValue('desaCode', null))} />
              )}
              <Select label={t('posyandu.desa')} searchable withAsterisk data={desa} nothingFoundMessage="—" {...form.getInputProps('desaCode')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <TextInput label={t('posyandu.address')} style={{ gridColumn: 'span 2' }} {...form.getInputProps('address')} />
              <TextInput label={t('posyandu.rt')} {...form.getInputProps('rt')} />
              <TextInput label={t('posyandu.rw')} {...form.getInputProps('rw')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 4 }}>
              <NumberInput label={t('posyandu.yearFounded')} min={1945} max={2100} allowDecimal={false} thousandSeparator="" {...form.getInputProps('yearFounded')} />
              <TextInput label={t('posyandu.kemendagri')} {...form.getInputProps('kemendagriNumber')} />
              <NumberInput label={t('posyandu.latitude')} decimalScale={6} {...form.getInputProps('latitude')} />
              <NumberInput label={t('posyandu.longitude')} decimalScale={6} {...form.getInputProps('longitude')} />
            </SimpleGrid>
            <Group align="flex-start">
              <Stack gap="xs">
                <Checkbox label={t('posyandu.isPhi')} {...form.getInputProps('isPhiModel', { type: 'checkbox' })} />
                <Checkbox label={t('posyandu.isIlp')} {...form.getInputProps('isIlp', { type: 'checkbox' })} />
                <Checkbox label={t('posyandu.isSpm')} {...form.getInputProps('isSpmPilot', { type: 'checkbox' })} />
              </Stack>
              {form.values.isPhiModel && <TextInput label={t('posyandu.phiDecree')} placeholder={t('posyandu.phiDecreePh')} withAsterisk w={300} {...form.getInputProps('phiDecree')} />}
            </Group>
            <div>
              <Text size="sm" fw={500} mb={4}>{t('posyandu.status')}</Text>
              <SegmentedControl data={[{ value: 'aktif', label: t('status.aktif') }, { value: 'nonaktif', label: t('status.nonaktif') }]} {...form.getInputProps('status')} />
            </div>
            {form.values.status === 'nonaktif' && (
              <SimpleGrid cols={2}>
                <DateField label={t('posyandu.statusDate')} withAsterisk {...form.getInputProps('statusDate')} />
                <TextInput label={t('posyandu.statusReason')} withAsterisk {...form.getInputProps('statusReason')} />
              </SimpleGrid>
            )}
            {error && <Alert color="red">{error}</Alert>}
            <Group>
              {can('registry.posyanduSave') && <Button type="submit" loading={busy}>{t('common:action.save')}</Button>}
              <Button variant="default" onClick={cancel}>{t('common:action.cancel')}</Button>
              <Text size="xs" c="dimmed">Enter = {t('common:action.save')} · Esc = {t('common:action.cancel')}</Text>
            </Group>
          </Stack>
        </Card>
      </Stack>
    </form>
  )
}
