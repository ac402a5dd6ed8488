import { Alert, Anchor, Badge, Button, Group, Modal, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconArrowLeft, IconPlus } from '@tabler/icons-react'
import { useEffect, useState, type ReactNode } from 'react'
import type { ProgrammeDetail } from '../../../shared/contract/programme'
import { formatRupiah } from '../../../shared/format'
import { ApiError, call } from '../../api'
import { RegulationPicker } from '../../components/RegulationPicker'
import { callWithNotice, useOp } from '../../hooks'
import { href, navigate } from '../../router'
import { confirmDelete } from '../../components/confirm'
import { fieldErrors, MoneyInput, nameOf, options, RegulationStatusBadge, skpdOptions, useReference, usePosyanduOptions, useT } from './shared'
import { OpState } from '../../components/LoadState'
import { allowLeave, useLeaveGuard } from '../../components/leaveGuard'
import { Fields } from '../../components/FormModal'
import { failedTitle } from '../../i18n/errors'
import { useCan } from '../../session'

export function Programmes() {
  const t = useT()
  const ref = useReference().data
  const years = useOp('programme.years', {}).data ?? []
  const [year, setYear] = useState<string | null>(null)
  const [text, setText] = useState('')
  const list = useOp('programme.list', { fiscalYear: year ? Number(year) : undefined, text })
  const can = useCan()
  return (
    <Stack>
      <OpState op={list} />
      <Group justify="space-between">
        <Title order={3}>{t('programme.title')}</Title>
        {can('programme.save') && <Button leftSection={<IconPlus size={18} />} onClick={() => navigate('program/program/baru')}>{t('programme.add')}</Button>}
      </Group>
      <Group>
        <TextInput placeholder={t('programme.search')} aria-label={t('programme.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={320} />
        <Select searchable placeholder={t('programme.allYears')} aria-label={t('fields.year')} data={years.map(String)} value={year} onChange={setYear} clearable w={160} />
      </Group>
      <Table.ScrollContainer minWidth={820} className="sticky-first">
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.year')}</Table.Th>
            <Table.Th>{t('fields.skpd')}</Table.Th>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{ref?.framework === 'spm' ? t('fields.spmField') : t('fields.phiPart')}</Table.Th>
            <Table.Th ta="right">{t('summary.budget')}</Table.Th>
            <Table.Th ta="right">{t('summary.realisation')}</Table.Th>
            <Table.Th>{t('fields.posyandu')}</Table.Th>
            <Table.Th>{t('fields.regulation')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.fiscalYear}</Table.Td>
              <Table.Td>{p.skpdName}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Anchor href={href(`program/program/${p.id}`)} data-content="data">{p.name}</Anchor>
                  {p.warnings.length > 0 && (
                    <Tooltip label={p.warnings.join(' ')} multiline w={360}><IconAlertTriangle size={16} color="#e8590c" aria-label={t('programme.warnings')} /></Tooltip>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{ref?.framework === 'spm' ? nameOf(ref?.spmFields, p.spmField) : nameOf(ref?.phiParts, p.phiPart)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatRupiah(p.budget)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>{formatRupiah(p.realisation)}</Table.Td>
              <Table.Td>{t('programme.posyanduCount', { count: p.posyanduCount })}</Table.Td>
              <Table.Td>{p.regulationStatus ? <RegulationStatusBadge status={p.regulationStatus} /> : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      {list.data?.length === 0 && <Text c="dimmed">{t('programme.none')}</Text>}
    </Stack>
  )
}

interface FormValues {
  skpdId: string | null
  fiscalYear: number | string
  name: string
  phiPart: string | null
  spmField: string | null
  targetGroups: string[]
  fundingSource: string | null
  budget: number | string
  realisation: number | string
  regulationId: string | null
  notes: string
  posyanduIds: string[]
}

const fromDetail = (p: ProgrammeDetail): FormValues => ({
  skpdId: p.skpdId, fiscalYear: p.fiscalYear, name: p.name, phiPart: p.phiPart, spmField: p.spmField, targetGroups: p.targetGroups, fundingSource: p.fundingSource,
  budget: p.budget, realisation: p.realisation, regulationId: p.regulationId, notes: p.notes ?? '', posyanduIds: p.posyandu.map((x) => x.id),
})

/** Create ("baru") or edit one programme, with the posyandu it reaches and its regulation. */
export function ProgrammeForm({ id }: { id: string }) {
  const t = useT()
  const ref = useReference().data
  const posyandu = usePosyanduOptions()
  const existing = useOp('programme.get', { id }, id !== 'baru')
  const [v, setV] = useState<FormValues>({
    skpdId: null, fiscalYear: new Date().getFullYear(), name: '', phiPart: null, spmField: null, targetGroups: [], fundingSource: 'apbd',
    budget: 0, realisation: 0, regulationId: null, notes: '', posyanduIds: [],
  })
  const [revoked, setRevoked] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  // What was loaded (or the empty form): leaving with anything else asks first.
  const [saved, setSaved] = useState(() => JSON.stringify(v))
  useEffect(() => {
    if (existing.data) {
      const loaded = fromDetail(existing.data)
      setV(loaded)
      setSaved(JSON.stringify(loaded))
    }
  }, [existing.data])
  useLeaveGuard(JSON.stringify(v) !== saved)
  const can = useCan()
  const set = <K extends keyof FormValues>(k: K) => (val: FormValues[K]) => setV((o) => ({ ...o, [k]: val }))

  const save = async (acknowledgeRevoked = false) => {
    setErrors({})
    const notAmount = (['budget', 'realisation'] as const).filter((k) => !Number.isSafeInteger(Number(v[k])) || v[k] === '')
    if (notAmount.length) return setErrors(Object.fromEntries(notAmount.map((k) => [k, t('common:money.invalid')])))
    try {
      const out = await call('programme.save', {
        id: id === 'baru' ? undefined : id,
        skpdId: v.skpdId ?? '', fiscalYear: Number(v.fiscalYear), name: v.name, phiPart: v.phiPart, spmField: v.spmField, targetGroups: v.targetGroups,
        fundingSource: v.fundingSource ?? '', budget: Number(v.budget), realisation: Number(v.realisation), regulationId: v.regulationId, notes: v.notes || null,
        posyanduIds: v.posyanduIds, acknowledgeRevoked,
      })
      setRevoked(null)
      allowLeave()
      notifications.show({ color: 'green', message: t('programme.saved') })
      for (const w of out.warnings) notifications.show({ color: 'orange', title: t('programme.warnings'), message: w, autoClose: 10000 })
      navigate('program/program')
    } catch (e) {
      const err = e as ApiError
      if (err.code === 'REGULATION_REVOKED') return setRevoked(err.message)
      setErrors(fieldErrors(err))
      notifications.show({ color: 'red', title: failedTitle(), message: err.message, autoClose: 8000 })
    }
  }
  const remove = async () => {
    if (!(await confirmDelete(`${t('programme.one')} ${v.name} (${v.fiscalYear})`))) return
    if (await callWithNotice('programme.delete', { id }, t('programme.deleted'))) (allowLeave(), navigate('program/program'))
  }

  const phi = <Select searchable key="phi" label={t('fields.phiPart')} data={options(ref?.phiParts ?? [])} value={v.phiPart} onChange={set('phiPart')} clearable />
  const spm = <Select searchable key="spm" label={t('fields.spmField')} data={options(ref?.spmFields ?? [])} value={v.spmField} onChange={set('spmField')} clearable />
  const classify: ReactNode[] = ref?.framework === 'spm' ? [spm, phi] : [phi, spm]
  const warnings = existing.data?.warnings ?? []

  return (
    <Stack maw={960}>
      <Anchor href={href('program/program')} size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('programme.title')}</Group></Anchor>
      <Title order={3}>{id === 'baru' ? t('programme.add') : t('programme.edit')}</Title>
      {warnings.map((w) => <Alert key={w} color="orange" icon={<IconAlertTriangle />}>{w}</Alert>)}
      <Fields editable={can('programme.save')}>
      <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select searchable label={t('fields.skpd')} data={skpdOptions(ref)} value={v.skpdId} onChange={set('skpdId')} error={errors.skpdId} />
        <NumberInput label={t('fields.year')} value={v.fiscalYear} onChange={set('fiscalYear')} min={2000} max={2100} allowDecimal={false} thousandSeparator="" error={errors.fiscalYear} />
        <Select searchable allowDeselect={false} label={t('fields.funding')} data={options(ref?.fundingSources ?? [])} value={v.fundingSource} onChange={set('fundingSource')} error={errors.fundingSource} />
      </SimpleGrid>
      <TextInput label={t('fields.name')} value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>{classify}</SimpleGrid>
      <MultiSelect searchable label={t('fields.targetGroups')} data={options(ref?.targetGroups ?? [])} value={v.targetGroups} onChange={set('targetGroups')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MoneyInput label={t('fields.budget')} value={v.budget} onChange={set('budget')} error={errors.budget} />
        <MoneyInput label={t('fields.realisation')} value={v.realisation} onChange={set('realisation')} error={errors.realisation} />
      </SimpleGrid>
      <RegulationPicker label={t('fields.regulation')} value={v.regulationId} onChange={set('regulationId')} />
      <MultiSelect label={t('fields.posyandu')} data={posyandu} value={v.posyanduIds} onChange={set('posyanduIds')} searchable hidePickedOptions maxDropdownHeight={260} />
      <Textarea label={t('fields.notes')} value={v.notes} onChange={(e) => set('notes')(e.currentTarget.value)} autosize minRows={2} />
      </Stack>
      </Fields>
      <Group>
        {can('programme.save') && <Button onClick={() => void save()}>{t('common:action.save')}</Button>}
        {id !== 'baru' && can('programme.delete') && <Button color="red" variant="subtle" onClick={() => void remove()}>{t('common:action.delete')}</Button>}
        {v.budget !== '' && Number(v.realisation) > Number(v.budget) && <Badge color="orange">{formatRupiah(Number(v.realisation) - Number(v.budget))} &gt; {t('summary.budget')}</Badge>}
      </Group>
      <Modal opened={!!revoked} onClose={() => setRevoked(null)} title={t('programme.revokedTitle')} size="lg">
        <Stack>
          <Alert color="red" icon={<IconAlertTriangle />}>{revoked}</Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoked(null)}>{t('common:action.cancel')}</Button>
            <Button color="red" onClick={() => void save(true)}>{t('programme.revokedGo')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
