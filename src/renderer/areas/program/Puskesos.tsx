import { Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { IconFileSpreadsheet, IconPlus } from '@tabler/icons-react'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { FOLLOW_UP_STATUSES, type PuskesosRow } from '../../../shared/contract/programme'
import { downloadBase64, XLSX_TYPE } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'
import { options, skpdOptions, submit, useReference, usePosyanduOptions, useT } from './shared'
import { DateField } from '../../components/DateField'
import { OpState } from '../../components/LoadState'
import { Fields, FormModal, useDirtySince } from '../../components/FormModal'
import { screenDate } from '../../i18n/months'
import { useCan } from '../../session'

const STATUS_COLOR = { baru: 'gray', dirujuk: 'blue', ditindaklanjuti: 'yellow', selesai: 'teal' } as const
type Status = (typeof FOLLOW_UP_STATUSES)[number]

export function Puskesos() {
  const t = useT()
  const posyandu = usePosyanduOptions()
  const [status, setStatus] = useState<string | null>(null)
  const list = useOp('programme.puskesosList', { status: (status ?? undefined) as Status | undefined })
  const [editing, setEditing] = useState<PuskesosRow | 'new' | null>(null)
  const can = useCan()
  const statusOptions = FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: t(`puskesos.${s}`) }))
  const exportXlsx = async () => {
    const out = await callWithNotice('programme.puskesosExport', {})
    if (!out) return
    downloadBase64(out.base64, out.fileName, XLSX_TYPE)
    notifications.show({ color: 'green', message: t('puskesos.exported', { rows: out.rows, count: out.rows }) })
  }
  return (
    <Stack>
      <OpState op={list} />
      <Group justify="space-between">
        <Title order={3}>{t('puskesos.title')}</Title>
        <Group>
          {can('programme.puskesosExport') && <Button variant="light" leftSection={<IconFileSpreadsheet size={18} />} onClick={() => void exportXlsx()}>{t('puskesos.export')}</Button>}
          {can('programme.puskesosSave') && <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>{t('puskesos.add')}</Button>}
        </Group>
      </Group>
      <Select searchable placeholder={t('puskesos.allStatus')} aria-label={t('puskesos.filterStatus')} data={statusOptions} value={status} onChange={setStatus} clearable w={220} />
      <Table.ScrollContainer minWidth={820} className="sticky-first">
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.date')}</Table.Th>
            <Table.Th>Posyandu</Table.Th>
            <Table.Th>{t('fields.person')}</Table.Th>
            <Table.Th>{t('fields.category')}</Table.Th>
            <Table.Th>{t('fields.referredTo')}</Table.Th>
            <Table.Th>{t('fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((r) => (
            <Table.Tr key={r.id} onClick={() => setEditing(r)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setEditing(r)} style={{ cursor: 'pointer' }}>
              <Table.Td>{screenDate(r.date)}</Table.Td>
              <Table.Td>{r.posyanduName}</Table.Td>
              <Table.Td>{r.personName ?? '—'}{r.nik ? <Text size="xs" c="dimmed" ff="monospace">{r.nik}</Text> : null}</Table.Td>
              <Table.Td>{r.categoryName}</Table.Td>
              <Table.Td>{r.referredTo ?? '—'}</Table.Td>
              <Table.Td><Badge color={STATUS_COLOR[r.followUpStatus]}>{t(`puskesos.${r.followUpStatus}`)}</Badge></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      {list.data?.length === 0 && <Text c="dimmed">{t('puskesos.none')}</Text>}
      <FormModal opened={!!editing} onClose={() => setEditing(null)} title={t('puskesos.add')} size="lg">
        {editing && <PuskesosForm initial={editing === 'new' ? null : editing} posyandu={posyandu} statusOptions={statusOptions} onSaved={() => (setEditing(null), void list.reload())} />}
      </FormModal>
    </Stack>
  )
}

function PuskesosForm(props: { initial: PuskesosRow | null; posyandu: { value: string; label: string }[]; statusOptions: { value: string; label: string }[]; onSaved: () => void }) {
  const t = useT()
  const ref = useReference().data
  const i = props.initial
  const [v, setV] = useState({
    posyanduId: i?.posyanduId ?? null, date: i?.date ?? new Date().toISOString().slice(0, 10), category: i?.category ?? null, personName: i?.personName ?? '', nik: i?.nik ?? '',
    complaint: i?.complaint ?? '', referredSkpdId: i?.referredSkpdId ?? null, referredOther: i?.referredOther ?? '', followUpStatus: (i?.followUpStatus ?? 'baru') as string | null, followUpNote: i?.followUpNote ?? '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const can = useCan()
  useDirtySince(v)
  const set = (k: keyof typeof v) => (x: string | null) => setV((o) => ({ ...o, [k]: x }))
  const text = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => set(k)(e.currentTarget.value)
  const save = async () => {
    const out = await submit(
      'programme.puskesosSave',
      {
        id: i?.id, posyanduId: v.posyanduId ?? '', date: v.date ?? '', category: v.category ?? '', personName: v.personName || null, nik: v.nik || null, complaint: v.complaint || null,
        referredSkpdId: v.referredSkpdId, referredOther: v.referredOther || null, followUpStatus: (v.followUpStatus ?? 'baru') as Status, followUpNote: v.followUpNote || null,
      },
      t('puskesos.saved'),
      setErrors,
    )
    if (out) props.onSaved()
  }
  return (
    <Fields editable={can('programme.puskesosSave')}>
    <Stack>
      <SimpleGrid cols={2}>
        <Select searchable label="Posyandu" data={props.posyandu} value={v.posyanduId} error={errors.posyanduId} onChange={set('posyanduId')} />
        <DateField label={t('fields.date')} value={v.date ?? ''} error={errors.date} onChange={(x) => setV((o) => ({ ...o, date: x }))} notInFuture />
        <TextInput label={t('fields.person')} value={v.personName ?? ''} onChange={text('personName')} />
        <TextInput label={t('fields.nik')} error={errors.nik} value={v.nik ?? ''} onChange={text('nik')} maxLength={16} inputMode="numeric" />
      </SimpleGrid>
      <Select searchable label={t('fields.category')} error={errors.category} data={options(ref?.puskesosCategories ?? [])} value={v.category} onChange={set('category')} />
      <Textarea label={t('fields.complaint')} value={v.complaint ?? ''} onChange={text('complaint')} autosize minRows={2} />
      <SimpleGrid cols={2}>
        <Select searchable label={t('fields.referredTo')} error={errors.referredSkpdId} data={skpdOptions(ref)} value={v.referredSkpdId} onChange={set('referredSkpdId')} clearable />
        <TextInput label={t('fields.referredOther')} value={v.referredOther ?? ''} onChange={text('referredOther')} />
      </SimpleGrid>
      <Select searchable allowDeselect={false} label={t('fields.status')} data={props.statusOptions} value={v.followUpStatus} onChange={set('followUpStatus')} w={240} />
      <Textarea label={t('fields.followUpNote')} value={v.followUpNote ?? ''} onChange={text('followUpNote')} autosize minRows={1} />
      {can('programme.puskesosSave') && <Group><Button onClick={() => void save()}>{t('common:action.save')}</Button></Group>}
    </Stack>
    </Fields>
  )
}
