import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Textarea, NumberInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { REGULATION_KINDS, type RegulationDetail } from '../../../shared/contract/regulation'
import { useOp } from '../../hooks'
import { href, navigate } from '../../router'
import { RegulationStatusBadge, submit, useKindLabel, useT } from './shared'
import { DateField } from '../../components/DateField'
import { OpState } from '../../components/LoadState'
import { FormModal, useDirtySince } from '../../components/FormModal'
import { screenDate } from '../../i18n/months'
import { useCan } from '../../session'

export function Regulations() {
  const t = useT()
  const kindLabel = useKindLabel()
  const [text, setText] = useState('')
  const [kind, setKind] = useState<string | null>(null)
  const [debounced] = useDebouncedValue(text, 200)
  const list = useOp('regulation.search', { text: debounced, kind: kind ?? undefined, limit: 500 })
  const [adding, setAdding] = useState(false)
  const can = useCan()
  return (
    <Stack>
      <OpState op={list} />
      <Group justify="space-between">
        <Title order={3}>{t('regulation.title')}</Title>
        {can('regulation.create') && <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>{t('regulation.add')}</Button>}
      </Group>
      <Group>
        <TextInput placeholder={t('regulation.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={360} aria-label={t('regulation.search')} />
        <Select searchable placeholder={t('fields.kind')} data={REGULATION_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} value={kind} onChange={setKind} clearable w={180} aria-label={t('regulation.filterKind')} />
      </Group>
      <Table.ScrollContainer minWidth={760} className="sticky-first">
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.kind')}</Table.Th>
            <Table.Th>{t('fields.number')}</Table.Th>
            <Table.Th>{t('fields.title')}</Table.Th>
            <Table.Th>{t('fields.dateSigned')}</Table.Th>
            <Table.Th>{t('regulation.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{kindLabel(r.kind, true)}</Table.Td>
              <Table.Td>{r.number}{r.number.includes(String(r.year)) ? '' : ` / ${r.year}`}</Table.Td>
              <Table.Td data-content="data"><Anchor href={href(`program/regulasi/${r.id}`)}>{r.title}</Anchor></Table.Td>
              <Table.Td>{r.dateSigned ? screenDate(r.dateSigned) : '—'}</Table.Td>
              <Table.Td><RegulationStatusBadge status={r.status} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      {list.data?.length === 0 && <Text c="dimmed">{t('regulation.none')}</Text>}
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('regulation.add')} size="lg">
        <RegulationForm onSaved={(id) => (setAdding(false), navigate(`program/regulasi/${id}`))} />
      </FormModal>
    </Stack>
  )
}

export function RegulationForm({ initial, onSaved }: { initial?: RegulationDetail; onSaved: (id: string) => void }) {
  const t = useT()
  const kindLabel = useKindLabel()
  const [v, setV] = useState({
    kind: initial?.kind ?? 'Perbup',
    number: initial?.number ?? '',
    year: initial?.year ?? new Date().getFullYear(),
    title: initial?.title ?? '',
    dateSigned: initial?.dateSigned ?? '',
    notes: initial?.notes ?? '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  useDirtySince(v)
  const set = (k: keyof typeof v) => (val: unknown) => setV((o) => ({ ...o, [k]: val }))
  const save = async () => {
    const input = { kind: v.kind, number: v.number, year: Number(v.year), title: v.title, dateSigned: v.dateSigned || null, notes: v.notes || null }
    const out = initial
      ? await submit('regulation.update', { ...input, id: initial.id }, t('regulation.saved'), setErrors)
      : await submit('regulation.create', input, t('regulation.saved'), setErrors)
    if (out) onSaved(out.id)
  }
  return (
    <Stack>
      <Group grow>
        <Select searchable allowDeselect={false} label={t('fields.kind')} data={REGULATION_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} value={v.kind} error={errors.kind} onChange={(x) => set('kind')(x ?? '')} />
        <TextInput label={t('fields.number')} error={errors.number} value={v.number} onChange={(e) => set('number')(e.currentTarget.value)} />
        <NumberInput label={t('fields.regYear')} error={errors.year} value={v.year} onChange={set('year')} min={1945} max={2100} allowDecimal={false} />
      </Group>
      <Textarea label={t('fields.title')} error={errors.title} value={v.title} onChange={(e) => set('title')(e.currentTarget.value)} autosize minRows={2} />
      <DateField label={t('fields.dateSigned')} error={errors.dateSigned} value={v.dateSigned} onChange={set('dateSigned')} notInFuture w={200} />
      <Textarea label={t('fields.notes')} value={v.notes} onChange={(e) => set('notes')(e.currentTarget.value)} autosize minRows={2} />
      <Group><Button onClick={() => void save()}>{t('common:action.save')}</Button></Group>
    </Stack>
  )
}

