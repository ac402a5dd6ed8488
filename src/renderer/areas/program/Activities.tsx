import { Autocomplete, Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { callWithNotice, useOp } from '../../hooks'
import { nameOf, options, skpdOptions, submit, useReference, usePosyanduOptions, useT } from './shared'
import { DateField } from '../../components/DateField'
import { confirmDelete } from '../../components/confirm'
import { OpState } from '../../components/LoadState'
import { FormModal, useDirtySince } from '../../components/FormModal'
import { screenDate } from '../../i18n/months'
import { useCan } from '../../session'

const today = () => new Date().toISOString().slice(0, 10)

export function Activities() {
  const t = useT()
  const ref = useReference().data
  const posyandu = usePosyanduOptions()
  const [posyanduId, setPosyanduId] = useState<string | null>(null)
  const list = useOp('programme.activityList', { posyanduId: posyanduId ?? undefined })
  const [adding, setAdding] = useState(false)
  const can = useCan()
  const remove = async (a: { id: string; what: string; posyanduName: string; date: string }) => {
    if (!(await confirmDelete(`${t('activity.one')} "${a.what}" — ${a.posyanduName}, ${screenDate(a.date)}`))) return
    const id = a.id
    if (await callWithNotice('programme.activityDelete', { id })) void list.reload()
  }
  return (
    <Stack>
      <OpState op={list} />
      <Group justify="space-between">
        <Title order={3}>{t('activity.title')}</Title>
        {can('programme.activitySave') && <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>{t('activity.add')}</Button>}
      </Group>
      <Select searchable placeholder={t('activity.allPosyandu')} aria-label={t('fields.posyandu')} data={posyandu} value={posyanduId} onChange={setPosyanduId} clearable w={420} />
      <Table.ScrollContainer minWidth={760} className="sticky-first">
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.date')}</Table.Th>
            <Table.Th>Posyandu</Table.Th>
            <Table.Th>{ref?.framework === 'spm' ? t('fields.spmField') : t('fields.phiPart')}</Table.Th>
            <Table.Th>{t('fields.what')}</Table.Th>
            <Table.Th ta="right">{t('activity.total')}</Table.Th>
            <Table.Th>{t('fields.agency')}</Table.Th>
            {can('programme.activityDelete') && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>{screenDate(a.date)}</Table.Td>
              <Table.Td>{a.posyanduName}</Table.Td>
              <Table.Td>{ref?.framework === 'spm' ? nameOf(ref?.spmFields, a.spmField) : nameOf(ref?.phiParts, a.phiPart)}</Table.Td>
              <Table.Td>{a.what}</Table.Td>
              <Table.Td ta="right">{a.totalParticipants}</Table.Td>
              <Table.Td>{[a.skpdName, a.agencyOther].filter(Boolean).join(', ') || '—'}</Table.Td>
              {can('programme.activityDelete') && <Table.Td><Button size="compact-xs" variant="subtle" color="red" onClick={() => void remove(a)} aria-label={t('common:action.delete')}><IconTrash size={14} /></Button></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      {list.data?.length === 0 && <Text c="dimmed">{t('activity.none')}</Text>}
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t('activity.add')} size="lg">
        <ActivityForm posyandu={posyandu} defaultPosyandu={posyanduId} onSaved={() => (setAdding(false), void list.reload())} />
      </FormModal>
    </Stack>
  )
}

function ActivityForm(props: { posyandu: { value: string; label: string }[]; defaultPosyandu: string | null; onSaved: () => void }) {
  const t = useT()
  const ref = useReference().data
  const [v, setV] = useState({ posyanduId: props.defaultPosyandu, date: today(), phiPart: null as string | null, spmField: null as string | null, what: '', skpdId: null as string | null, agencyOther: '' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [participants, setParticipants] = useState<Record<string, number>>({})
  useDirtySince({ v, participants })
  const set = (k: keyof typeof v) => (x: string | null) => setV((o) => ({ ...o, [k]: x }))
  const suggestions = (ref?.phiParts ?? []).filter((p) => !v.phiPart || p.code === v.phiPart).flatMap((p) => p.activities.map((a) => a.name))
  const save = async () => {
    const out = await submit(
      'programme.activitySave',
      { posyanduId: v.posyanduId ?? '', date: v.date, phiPart: v.phiPart, spmField: v.spmField, what: v.what, participants, skpdId: v.skpdId, agencyOther: v.agencyOther || null },
      t('activity.saved'),
      setErrors,
    )
    if (out) props.onSaved()
  }
  const phi = <Select searchable key="phi" label={t('fields.phiPart')} data={options(ref?.phiParts ?? [])} value={v.phiPart} onChange={set('phiPart')} clearable />
  const spm = <Select searchable key="spm" label={t('fields.spmField')} data={options(ref?.spmFields ?? [])} value={v.spmField} onChange={set('spmField')} clearable />
  const classify: ReactNode[] = ref?.framework === 'spm' ? [spm, phi] : [phi, spm]
  return (
    <Stack>
      <Select searchable label="Posyandu" data={props.posyandu} value={v.posyanduId} error={errors.posyanduId} onChange={set('posyanduId')} />
      <DateField label={t('fields.date')} value={v.date} error={errors.date} onChange={set('date')} notInFuture w={200} />
      <SimpleGrid cols={2}>{classify}</SimpleGrid>
      <Autocomplete label={t('fields.what')} error={errors.what} data={[...new Set(suggestions)]} value={v.what} onChange={(x) => set('what')(x)} />
      <Text size="sm" fw={500}>{t('fields.participants')}</Text>
      <SimpleGrid cols={3}>
        {(ref?.targetGroups ?? []).map((g) => (
          <NumberInput key={g.code} label={g.name} min={0} allowDecimal={false} value={participants[g.code] ?? ''} onChange={(n) => setParticipants((p) => ({ ...p, [g.code]: Number(n) || 0 }))} />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <Select searchable label={t('fields.agency')} data={skpdOptions(ref)} value={v.skpdId} onChange={set('skpdId')} clearable />
        <TextInput label={t('fields.agencyOther')} value={v.agencyOther} onChange={(e) => set('agencyOther')(e.currentTarget.value)} />
      </SimpleGrid>
      <Group><Button onClick={() => void save()}>{t('common:action.save')}</Button></Group>
    </Stack>
  )
}
