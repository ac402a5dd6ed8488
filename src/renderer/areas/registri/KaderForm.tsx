import { ActionIcon, Alert, Badge, Button, Card, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconPlus, IconTrash, IconX } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DateField } from '../../components/DateField'
import { confirmDelete } from '../../components/confirm'
import { allowLeave, useLeaveGuard } from '../../components/leaveGuard'
import { maskNik } from '../../../shared/privacy'
import { EDUCATION, KADER_ROLES, type KaderRole } from '../../../shared/contract/registry'
import { ApiError, call } from '../../api'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { AuditTable } from './AuditTable'
import { NikInput } from './NikInput'
import { PosyanduPicker } from './PosyanduPicker'
import { useCan } from '../../session'
import { Fields } from '../../components/FormModal'
import { escapeCancels, fmtDate, NS, showServerErrors } from './shared'

interface Values {
  nik: string
  name: string
  sex: 'L' | 'P' | null
  birthDate: string
  phone: string
  education: string | null
  role: KaderRole
  posyanduId: string | null
  activeFrom: string
  activeTo: string
  notes: string
  trainings: { id?: string; name: string; year: number | string; organiser: string }[]
}

/** New kader (optionally for a given posyandu) or an existing one with its history. */
export function KaderForm({ id, posyanduId }: { id?: string; posyanduId?: string }) {
  const { t } = useTranslation(NS)
  const existing = useOp('registry.kaderGet', { id: id ?? '' }, Boolean(id))
  const preset = useOp('registry.posyanduGet', { id: posyanduId ?? '' }, Boolean(posyanduId))
  const [error, setError] = useState<string | null>(null)
  const [warnings, setWarnings] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [tab, setTab] = useState<string | null>(null)
  const form = useForm<Values>({
    initialValues: { nik: '', name: '', sex: null, birthDate: '', phone: '', education: null, role: 'anggota', posyanduId: posyanduId ?? null, activeFrom: '', activeTo: '', notes: '', trainings: [] },
    validate: {
      nik: (v) => (v.replace(/\s/g, '').length === 0 ? t('valid.nikRequired') : null),
      name: (v) => (v.trim().length < 2 ? t('valid.kaderName') : null),
      sex: (v) => (!v ? t('valid.pickSex') : null),
      birthDate: (v) => (!v ? t('valid.birthDate') : null),
      phone: (v) => (v && !/^(\+62|0)8\d{7,12}$/.test(v.replace(/[\s-]/g, '')) ? t('valid.phone') : null),
      posyanduId: (v) => (!v ? t('valid.pickPosyandu') : null),
      activeTo: (v, all) => (v && all.activeFrom && v < all.activeFrom ? t('valid.dateOrder') : null),
      trainings: { name: (v) => (v.trim().length < 2 ? t('valid.trainingName') : null) },
    },
  })
  const k = existing.data
  // What the NIK last filled in: a field still holding that value was not changed by hand,
  // so a corrected NIK may fill it again.
  const derived = useRef<{ birthDate: string | null; sex: 'L' | 'P' | null }>({ birthDate: null, sex: null })
  useEffect(() => {
    if (!k) return
    const loaded: Values = {
      nik: k.nik, name: k.name, sex: k.sex, birthDate: k.birthDate ?? '', phone: k.phone ?? '', education: k.education, role: k.role,
      posyanduId: k.posyanduId || null, activeFrom: k.activeFrom ?? '', activeTo: k.activeTo ?? '', notes: k.notes ?? '',
      trainings: k.trainings.map((x) => ({ id: x.id, name: x.name, year: x.year ?? '', organiser: x.organiser ?? '' })),
    }
    form.setValues(loaded)
    form.resetDirty(loaded)
    derived.current = { birthDate: null, sex: null }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [k])
  useLeaveGuard(form.isDirty())
  const can = useCan()
  const editable = can('registry.kaderSave')
  // A warning about NIK vs birth date/sex is about the values it was given: once they change, it goes.
  useEffect(() => setWarnings([]), [form.values.nik, form.values.birthDate, form.values.sex])
  const back = () => navigate(posyanduId ? `registri/posyandu/${posyanduId}` : 'registri/kader')

  const save = async (v: Values, acceptWarnings: boolean) => {
    setBusy(true)
    setError(null)
    try {
      const res = await call('registry.kaderSave', {
        id,
        acceptWarnings,
        data: {
          nik: v.nik.replace(/\s/g, ''), name: v.name, sex: v.sex ?? 'P', birthDate: v.birthDate, phone: v.phone.replace(/[\s-]/g, ''),
          education: (v.education as (typeof EDUCATION)[number]) ?? null, role: v.role, posyanduId: v.posyanduId ?? '',
          activeFrom: v.activeFrom, activeTo: v.activeTo, notes: v.notes,
          trainings: v.trainings.map((x) => ({ id: x.id, name: x.name, year: x.year === '' ? null : Number(x.year), organiser: x.organiser })),
        },
      })
      setWarnings([])
      notifications.show({ color: 'green', message: t('kader.saved') })
      form.resetDirty()
      allowLeave()
      if (id) void existing.reload()
      else navigate(posyanduId ? `registri/posyandu/${posyanduId}` : `registri/kader/${res.kader.id}`)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NEEDS_CONFIRMATION') setWarnings((e.details as { warnings: string[] }).warnings)
      else setError(showServerErrors(form, e))
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    if (!id || !(await confirmDelete(`${t('kader.one')} ${k?.name ?? ''} (NIK ${maskNik(k?.nik)})`))) return
    if (await callWithNotice('registry.kaderDelete', { id }, t('kader.deleted'))) (setTab('audit'), void existing.reload())
  }

  const formCard = (
    <form onSubmit={form.onSubmit((v) => save(v, false))} onKeyDown={escapeCancels(back)} noValidate>
      <Card withBorder>
        <Stack>
          <Fields editable={editable}>
          <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NikInput
              value={form.values.nik}
              onChange={(v) => (form.setFieldValue('nik', v), setWarnings([]))}
              error={form.errors.nik}
              birthDate={form.values.birthDate}
              sex={form.values.sex}
              onDecoded={(d) => {
                // Fill what the NIK says where nothing was entered yet, or where the NIK filled it
                // before and the operator has not changed it by hand since.
                const { birthDate, sex } = form.values
                if (!birthDate || birthDate === derived.current.birthDate) {
                  form.setFieldValue('birthDate', d.birthDate)
                  derived.current.birthDate = d.birthDate
                }
                if (!sex || sex === derived.current.sex) {
                  form.setFieldValue('sex', d.sex)
                  derived.current.sex = d.sex
                }
              }}
            />
            <TextInput label={t('kader.name')} withAsterisk {...form.getInputProps('name')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Radio.Group label={t('kader.sex')} withAsterisk {...form.getInputProps('sex')}>
              <Group mt={6}>
                <Radio value="P" label={t('sex.P')} />
                <Radio value="L" label={t('sex.L')} />
              </Group>
            </Radio.Group>
            <DateField label={t('kader.birthDate')} withAsterisk {...form.getInputProps('birthDate')} />
            <TextInput label={t('kader.phone')} inputMode="tel" placeholder="081234567890" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <PosyanduPicker value={form.values.posyanduId} onChange={(v) => form.setFieldValue('posyanduId', v)} error={form.errors.posyanduId}
              initialLabel={k?.memberships.find((m) => m.posyanduId === k.posyanduId)?.posyanduName ?? preset.data?.posyandu.name ?? null} />
            <Select label={t('kader.role')} data={KADER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} allowDeselect={false} {...form.getInputProps('role')} />
            <Select label={t('kader.education')} clearable data={[...EDUCATION]} {...form.getInputProps('education')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField label={t('kader.activeFrom')} {...form.getInputProps('activeFrom')} />
            <DateField label={t('kader.activeTo')} {...form.getInputProps('activeTo')} />
            <Textarea label={t('kader.notes')} autosize minRows={1} {...form.getInputProps('notes')} />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4}>{t('kader.trainings')}</Text>
            <Stack gap={6}>
              {form.values.trainings.map((_, i) => (
                <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput placeholder={t('kader.training')} aria-label={t('kader.training')} style={{ flex: 2 }} {...form.getInputProps(`trainings.${i}.name`)} />
                  <NumberInput placeholder={t('kader.trainingYear')} aria-label={t('kader.trainingYear')} w={100} thousandSeparator="" allowDecimal={false} {...form.getInputProps(`trainings.${i}.year`)} />
                  <TextInput placeholder={t('kader.organiser')} aria-label={t('kader.organiser')} style={{ flex: 1 }} {...form.getInputProps(`trainings.${i}.organiser`)} />
                  {editable && <ActionIcon variant="subtle" color="red" mt={6} aria-label={t('kader.removeTraining')} onClick={() => form.removeListItem('trainings', i)}><IconX size={16} /></ActionIcon>}
                </Group>
              ))}
              {editable && <Group>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('trainings', { name: '', year: '', organiser: '' })}>{t('kader.addTraining')}</Button>
              </Group>}
            </Stack>
          </div>
          </Stack>
          </Fields>
          {warnings.length > 0 && (
            <Alert color="yellow" icon={<IconAlertTriangle />} title={t('kader.warnTitle')} data-testid="kader-warnings">
              <Stack gap={6}>
                {warnings.map((w) => <Text size="sm" key={w}>{w}</Text>)}
                <Group><Button size="xs" color="yellow" onClick={() => save(form.values, true)} loading={busy}>{t('kader.saveAnyway')}</Button></Group>
              </Stack>
            </Alert>
          )}
          {error && <Alert color="red">{error}</Alert>}
          <Group>
            {editable && <Button type="submit" loading={busy} disabled={Boolean(k?.deletedAt)}>{t('common:action.save')}</Button>}
            <Button variant="default" onClick={back}>{editable ? t('common:action.cancel') : t('common:action.back')}</Button>
            {editable && <Text size="xs" c="dimmed">Enter = {t('common:action.save')} · Esc = {t('common:action.cancel')}</Text>}
            {id && !k?.deletedAt && can('registry.kaderDelete') && <Button ml="auto" variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={remove}>{t('common:action.delete')}</Button>}
          </Group>
        </Stack>
      </Card>
    </form>
  )

  return (
    <Stack maw={980}>
      <Group gap="xs">
        <Title order={3}>{id ? k?.name ?? t('kader.edit') : t('kader.new')}</Title>
        {k?.deletedAt && <Badge color="red">{t('status.deleted')}</Badge>}
        {!id && preset.data && <Badge variant="light">{preset.data.posyandu.name}</Badge>}
      </Group>
      {formCard}
      {id && k && (
        <Card withBorder p={0}>
          <Tabs value={tab ?? (k.deletedAt ? 'audit' : 'history')} onChange={setTab}>
            <Tabs.List>
              <Tabs.Tab value="history">{t('kader.memberships')}</Tabs.Tab>
              <Tabs.Tab value="audit">{t('kader.audit')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="history" p="sm">
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th>{t('col.posyandu')}</Table.Th><Table.Th>{t('col.from')}</Table.Th><Table.Th>{t('col.to')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {k.memberships.map((m) => (
                    <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`registri/posyandu/${m.posyanduId}`)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate(`registri/posyandu/${m.posyanduId}`)}>
                      <Table.Td>{m.posyanduName}</Table.Td><Table.Td>{fmtDate(m.fromDate)}</Table.Td><Table.Td>{fmtDate(m.toDate) || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Tabs.Panel>
            <Tabs.Panel value="audit" p="sm">
              <AuditTable table="kader" id={id} deletedAt={k.deletedAt} onRestored={() => void existing.reload()} />
            </Tabs.Panel>
          </Tabs>
        </Card>
      )}
    </Stack>
  )
}
