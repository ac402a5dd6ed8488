import { Button, Group, Modal, Paper, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core'
import { useState } from 'react'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFileExport, IconMapPin, IconPlus, IconSearch, IconX, IconBuildingOff } from '@tabler/icons-react'
import { DataTable } from 'mantine-datatable'
import { useTranslation } from 'react-i18next'
import type { PosyanduFilter, PosyanduRow } from '../../../shared/contract/registry'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { downloadBase64, XLSX_TYPE } from '../../components/files'
import { ModelBadges, NS, pagedListProps, StatusBadge, useOffice, usePlaces, useSticky } from './shared'
import { FirstRunChecklist } from './FirstRun'
import { useCan } from '../../session'
import { ask } from '../../components/confirm'
import { DateField, todayIso } from '../../components/DateField'
import { screenNumber } from '../../i18n/months'
import { notifyDone } from './notify'

type State = Omit<PosyanduFilter, 'search'> & { text: string }
const INITIAL: State = { page: 1, pageSize: 50, sortBy: 'name', sortDir: 'asc', deleted: false, text: '' }

/** Posyandu list: server-side paging and sorting, FTS search, filters, counts, export. */
export function PosyanduList() {
  const { t } = useTranslation(NS)
  const office = useOffice()
  const places = usePlaces()
  const [s, setS] = useSticky<State>('posyandu', INITIAL)
  const [search] = useDebouncedValue(s.text, 250)
  const { text: _text, ...rest } = s
  const filter = { ...rest, search: search || undefined }
  const list = useOp('registry.posyanduList', filter)
  const filtered = Boolean(search || s.kecamatan || s.desa || s.status || s.model || s.deleted)
  const set = (patch: Partial<State>) => setS((o) => ({ ...o, page: 1, ...patch }))
  const desaOptions = places.desa.filter((d) => !s.kecamatan || d.kecamatanCode === s.kecamatan).map((d) => ({ value: d.code, label: d.name }))
  const exportXlsx = async (ids?: string[]) => {
    const out = await callWithNotice('registry.exportXlsx', { kind: 'posyandu', filter: ids ? { ...filter, ids, page: 1 } : filter })
    if (out) downloadBase64(out.base64, out.fileName, XLSX_TYPE)
  }
  const can = useCan()
  // The selection survives paging and filtering, as on the kader list.
  const [selected, setSelected] = useState<PosyanduRow[]>([])
  const selectable = can('registry.posyanduBulk') || can('registry.exportXlsx')

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs" align="flex-end">
          <TextInput
            label={t('list.search')} placeholder={t('list.searchPosyandu')} leftSection={<IconSearch size={16} />} w={280}
            value={s.text} onChange={(e) => set({ text: e.currentTarget.value })} data-autofocus
          />
          {office?.level === 'kabupaten' && (
            <Select label={t('list.kecamatan')} placeholder={t('list.all')} clearable searchable w={180}
              data={places.kecamatan.map((k) => ({ value: k.code, label: k.name }))} value={s.kecamatan ?? null}
              onChange={(v) => set({ kecamatan: v ?? undefined, desa: undefined })} />
          )}
          <Select label={t('list.desa')} placeholder={t('list.all')} clearable searchable w={180} data={desaOptions} value={s.desa ?? null} onChange={(v) => set({ desa: v ?? undefined })} />
          <Select label={t('list.status')} placeholder={t('list.all')} clearable w={120} value={s.status ?? null} onChange={(v) => set({ status: (v as State['status']) ?? undefined })}
            data={[{ value: 'aktif', label: t('status.aktif') }, { value: 'nonaktif', label: t('status.nonaktif') }]} />
          <Select label={t('list.model')} placeholder={t('list.all')} clearable w={140} value={s.model ?? null} onChange={(v) => set({ model: (v as State['model']) ?? undefined })}
            data={(['phi', 'ilp', 'spm'] as const).map((m) => ({ value: m, label: t(`model.${m}`) }))} />
        </Group>
        <Group gap="xs">
          {can('registry.exportXlsx') && <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={() => void exportXlsx()}>{t('list.export')}</Button>}
          {can('registry.posyanduSave') && <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('registri/posyandu/baru')}>{t('list.addPosyandu')}</Button>}
        </Group>
      </Group>
      <Group justify="space-between">
        <Text fw={600} data-testid="posyandu-count">{t('list.countPosyandu', { n: screenNumber(list.data?.total ?? 0) })}</Text>
        <Switch label={t('list.showDeleted')} checked={s.deleted} onChange={(e) => set({ deleted: e.currentTarget.checked })} />
      </Group>
      {selected.length > 0 && (
        <PosyanduBulkBar selected={selected} desa={places.desa} onClear={() => setSelected([])} onExport={() => exportXlsx(selected.map((r) => r.id))} onDone={() => (setSelected([]), void list.reload())} />
      )}
      {list.data?.total === 0 && !filtered ? <FirstRunChecklist /> : <DataTable<PosyanduRow>
        pinFirstColumn
        {...(selectable ? { selectedRecords: selected, onSelectedRecordsChange: setSelected } : {})}
        isRecordSelectable={(r) => !r.deletedAt}
        allRecordsSelectionCheckboxProps={{ 'aria-label': t('bulk.selectPage') }}
        getRecordSelectionCheckboxProps={(r) => ({ 'aria-label': t('bulk.selectOne', { name: r.name }) })}
        {...pagedListProps<PosyanduRow, State>({ s, setPage: (page) => setS((o) => ({ ...o, page })), set, list, t, open: (id) => navigate(`registri/posyandu/${id}`) })}
        columns={[
          { accessor: 'name', title: t('col.name'), sortable: true },
          { accessor: 'desaName', title: t('col.desa'), sortable: true },
          { accessor: 'kecamatanName', title: t('col.kecamatan'), sortable: true, hidden: office?.level !== 'kabupaten' },
          { accessor: 'model', title: t('col.model'), render: (r) => <ModelBadges phi={r.isPhiModel} ilp={r.isIlp} spm={r.isSpmPilot} /> },
          { accessor: 'yearFounded', title: t('col.year'), sortable: true, textAlign: 'right', width: 90 },
          { accessor: 'kaderCount', title: t('col.kader'), sortable: true, textAlign: 'right', width: 80 },
          { accessor: 'status', title: t('col.status'), sortable: true, width: 110, render: (r) => <StatusBadge status={r.status} deleted={r.deletedAt} /> },
        ]}
      />}
    </Stack>
  )
}

/**
 * What can be done to the chosen posyandu at once. Each asks one confirmation naming how many,
 * which ones and what changes; core writes one audit entry per posyandu.
 */
function PosyanduBulkBar(props: { selected: PosyanduRow[]; desa: { code: string; name: string; kecamatanCode: string }[]; onClear: () => void; onExport: () => void; onDone: () => void }) {
  const { t } = useTranslation(NS)
  const can = useCan()
  const n = props.selected.length
  const [mode, setMode] = useState<null | 'moveDesa' | 'deactivate'>(null)
  const [desa, setDesa] = useState<string | null>(null)
  const [date, setDate] = useState(todayIso())
  const [reason, setReason] = useState('')
  const ids = props.selected.map((r) => r.id)
  const names = props.selected.slice(0, 5).map((r) => `${r.name} (${r.desaName})`).join(', ') + (n > 5 ? t('bulk.andMore', { n: n - 5 }) : '')
  // A posyandu keeps its kecamatan: offer the desa of the chosen posyandu's kecamatan only.
  const kecamatan = new Set(props.selected.map((r) => r.kecamatanCode))
  const desaOptions = props.desa.filter((d) => kecamatan.size === 1 && kecamatan.has(d.kecamatanCode)).map((d) => ({ value: d.code, label: d.name }))
  const desaName = props.desa.find((d) => d.code === desa)?.name ?? ''
  const close = () => (setMode(null), setDesa(null), setReason(''))
  const run = async () => {
    const what = mode === 'moveDesa' ? t('bulkPosyandu.confirmMove', { n, target: desaName }) : t('bulkPosyandu.confirmDeactivate', { n, date, reason: reason.trim() })
    const message = (
      <Stack gap="xs">
        <Text size="sm">{names}</Text>
        <Text size="xs" c="dimmed">{t('bulkPosyandu.auditNote')}</Text>
      </Stack>
    )
    if (!(await ask({ title: what, message, confirmLabel: mode === 'moveDesa' ? t('bulkPosyandu.moveDesa') : t('bulkPosyandu.deactivate'), danger: mode === 'deactivate' }))) return
    const out = await callWithNotice('registry.posyanduBulk', mode === 'moveDesa' ? { action: 'moveDesa', ids, desaCode: desa ?? '' } : { action: 'deactivate', ids, date, reason })
    if (out) {
      notifyDone(t('bulkPosyandu.done', { changed: out.changed, unchanged: out.unchanged }))
      close()
      props.onDone()
    }
  }
  return (
    <Paper withBorder p="xs" bg="teal.0" data-testid="bulk-bar">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">{t('bulkPosyandu.selected', { n })}</Text>
        {can('registry.posyanduBulk') && <Button size="xs" variant="white" leftSection={<IconBuildingOff size={16} />} onClick={() => setMode('deactivate')}>{t('bulkPosyandu.deactivate')}</Button>}
        {can('registry.posyanduBulk') && <Button size="xs" variant="white" leftSection={<IconMapPin size={16} />} onClick={() => setMode('moveDesa')}>{t('bulkPosyandu.moveDesa')}</Button>}
        {can('registry.exportXlsx') && <Button size="xs" variant="white" leftSection={<IconFileExport size={16} />} onClick={props.onExport}>{t('bulk.export')}</Button>}
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={16} />} onClick={props.onClear}>{t('bulk.clear')}</Button>
      </Group>
      <Modal opened={mode !== null} onClose={close} title={mode === 'moveDesa' ? t('bulkPosyandu.moveDesa') : t('bulkPosyandu.deactivate')}>
        <Stack>
          <Text size="sm">{t('bulkPosyandu.selected', { n })}: {names}</Text>
          {mode === 'moveDesa' && (
            <Select label={t('bulkPosyandu.targetDesa')} description={t('bulkPosyandu.moveHint')} searchable data={desaOptions} value={desa} onChange={setDesa} nothingFoundMessage="—" />
          )}
          {mode === 'deactivate' && (
            <>
              <DateField label={t('bulk.inactiveFrom')} value={date} onChange={setDate} notInFuture />
              <Textarea label={t('bulkPosyandu.reason')} placeholder={t('bulkPosyandu.reasonPh')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common:action.cancel')}</Button>
            <Button disabled={mode === 'moveDesa' ? !desa : !date || reason.trim().length < 3} onClick={() => void run()}>{t('bulk.apply')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  )
}
