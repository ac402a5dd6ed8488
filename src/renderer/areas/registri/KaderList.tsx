import { Button, Group, Modal, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useDebouncedValue } from '@mantine/hooks'
import { IconArrowsExchange, IconFileExport, IconPlus, IconSearch, IconUserOff, IconX } from '@tabler/icons-react'
import { DataTable } from 'mantine-datatable'
import { useTranslation } from 'react-i18next'
import { KADER_ROLES, type KaderFilter, type KaderRow } from '../../../shared/contract/registry'
import { downloadBase64, XLSX_TYPE } from '../../components/files'
import { ask } from '../../components/confirm'
import { DateField, todayIso } from '../../components/DateField'
import { callWithNotice, useOp } from '../../hooks'
import { maskNik } from '../../../shared/privacy'
import { PosyanduPicker } from './PosyanduPicker'
import { navigate } from '../../router'
import { notifyDone } from './notify'
import { useCan } from '../../session'
import { screenNumber } from '../../i18n/months'
import { fmtDate, NS, pagedListProps, StatusBadge, useOffice, usePlaces, useSticky } from './shared'

type State = Omit<KaderFilter, 'search'> & { text: string }
const INITIAL: State = { page: 1, pageSize: 50, sortBy: 'name', sortDir: 'asc', deleted: false, text: '' }

/** Kader list: server-side paging and sorting, FTS search over name/NIK/posyandu/desa, filters, export. */
export function KaderList() {
  const { t } = useTranslation(NS)
  const office = useOffice()
  const places = usePlaces()
  const [s, setS] = useSticky<State>('kader', INITIAL)
  const [search] = useDebouncedValue(s.text, 250)
  const { text: _text, ...rest } = s
  const filter = { ...rest, search: search || undefined }
  const list = useOp('registry.kaderList', filter)
  const filtered = Boolean(search || s.kecamatan || s.desa || s.status || s.role || s.deleted)
  const set = (patch: Partial<State>) => setS((o) => ({ ...o, page: 1, ...patch }))
  const exportXlsx = async (ids?: string[]) => {
    const out = await callWithNotice('registry.exportXlsx', { kind: 'kader', filter: ids ? { ...filter, ids, page: 1 } : filter })
    if (out) downloadBase64(out.base64, out.fileName, XLSX_TYPE)
  }
  // The selection survives paging and filtering, so an operator can pick kader from several pages.
  const [selected, setSelected] = useState<KaderRow[]>([])
  const can = useCan()
  const selectable = can('registry.kaderBulk') || can('registry.exportXlsx')
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group gap="xs" align="flex-end">
          <TextInput label={t('list.search')} placeholder={t('list.searchKader')} leftSection={<IconSearch size={16} />} w={280}
            value={s.text} onChange={(e) => set({ text: e.currentTarget.value })} />
          {office?.level === 'kabupaten' && (
            <Select label={t('list.kecamatan')} placeholder={t('list.all')} clearable searchable w={180}
              data={places.kecamatan.map((k) => ({ value: k.code, label: k.name }))} value={s.kecamatan ?? null}
              onChange={(v) => set({ kecamatan: v ?? undefined, desa: undefined })} />
          )}
          <Select label={t('list.desa')} placeholder={t('list.all')} clearable searchable w={180} value={s.desa ?? null} onChange={(v) => set({ desa: v ?? undefined })}
            data={places.desa.filter((d) => !s.kecamatan || d.kecamatanCode === s.kecamatan).map((d) => ({ value: d.code, label: d.name }))} />
          <Select label={t('list.status')} placeholder={t('list.all')} clearable w={120} value={s.status ?? null} onChange={(v) => set({ status: (v as State['status']) ?? undefined })}
            data={[{ value: 'aktif', label: t('status.aktif') }, { value: 'nonaktif', label: t('status.nonaktif') }]} />
          <Select label={t('list.role')} placeholder={t('list.all')} clearable w={140} value={s.role ?? null} onChange={(v) => set({ role: (v as State['role']) ?? undefined })}
            data={KADER_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Group>
        <Group gap="xs">
          {can('registry.exportXlsx') && <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={() => void exportXlsx()}>{t('list.export')}</Button>}
          {can('registry.kaderSave') && <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('registri/kader/baru')}>{t('list.addKader')}</Button>}
        </Group>
      </Group>
      <Group justify="space-between">
        <Text fw={600} data-testid="kader-count">{t('list.countKader', { n: screenNumber(list.data?.total ?? 0), count: list.data?.total ?? 0 })}</Text>
        <Switch label={t('list.showDeleted')} checked={s.deleted} onChange={(e) => set({ deleted: e.currentTarget.checked })} />
      </Group>
      {selected.length > 0 && <BulkBar selected={selected} onClear={() => setSelected([])} onExport={() => exportXlsx(selected.map((r) => r.id))} onDone={() => (setSelected([]), void list.reload())} />}
      <DataTable<KaderRow>
        pinFirstColumn
        {...(selectable ? { selectedRecords: selected, onSelectedRecordsChange: setSelected } : {})}
        isRecordSelectable={(r) => !r.deletedAt}
        allRecordsSelectionCheckboxProps={{ 'aria-label': t('bulk.selectPage') }}
        getRecordSelectionCheckboxProps={(r) => ({ 'aria-label': t('bulk.selectOne', { name: r.name }) })}
        {...pagedListProps<KaderRow, State>({ s, setPage: (page) => setS((o) => ({ ...o, page })), set, list, t, open: (id) => navigate(`registri/kader/${id}`), filtered, emptyText: t('firstRun.noKader') })}
        columns={[
          { accessor: 'name', title: t('col.name'), sortable: true, width: 200 },
          { accessor: 'nik', title: t('col.nik'), sortable: true, width: 170, render: (r) => <Text ff="monospace" size="sm">{r.nik}</Text> },
          { accessor: 'sex', title: t('col.sex'), width: 100, render: (r) => t(`sex.${r.sex}`) },
          { accessor: 'birthDate', title: t('col.birth'), sortable: true, width: 110, render: (r) => fmtDate(r.birthDate) },
          { accessor: 'role', title: t('col.role'), sortable: true, width: 110, render: (r) => t(`role.${r.role}`) },
          { accessor: 'posyanduName', title: t('col.posyandu'), sortable: true, width: 180 },
          { accessor: 'desaName', title: t('col.desa'), sortable: true, width: 150 },
          { accessor: 'kecamatanName', title: t('col.kecamatan'), width: 150, hidden: office?.level !== 'kabupaten' },
          { accessor: 'active', title: t('col.status'), width: 110, render: (r) => <StatusBadge status={r.active} deleted={r.deletedAt} /> },
        ]}
      />
    </Stack>
  )
}

/** What can be done to the chosen kader at once: each asks one confirmation naming how many and what. */
function BulkBar(props: { selected: KaderRow[]; onClear: () => void; onExport: () => void; onDone: () => void }) {
  const { t } = useTranslation(NS)
  const n = props.selected.length
  const [mode, setMode] = useState<null | 'move' | 'deactivate'>(null)
  const [target, setTarget] = useState<string | null>(null)
  const [targetLabel, setTargetLabel] = useState('')
  const [date, setDate] = useState(todayIso())
  const ids = props.selected.map((r) => r.id)
  const can = useCan()
  const names = props.selected.slice(0, 5).map((r) => `${r.name} (${maskNik(r.nik)})`).join(', ') + (n > 5 ? t('bulk.andMore', { n: n - 5 }) : '')
  const run = async () => {
    const what = mode === 'move' ? t('bulk.confirmMove', { n, count: n, target: targetLabel }) : t('bulk.confirmDeactivate', { n, count: n, date })
    if (!(await ask({ title: what, message: names, confirmLabel: mode === 'move' ? t('bulk.move') : t('bulk.deactivate'), danger: mode === 'deactivate' }))) return
    const out = await callWithNotice('registry.kaderBulk', mode === 'move' ? { action: 'move', ids, posyanduId: target ?? '' } : { action: 'deactivate', ids, date })
    if (out) {
      notifyDone(t('bulk.done', { changed: out.changed, unchanged: out.unchanged, count: out.changed }))
      setMode(null)
      props.onDone()
    }
  }
  return (
    <Paper withBorder p="xs" bg="teal.0" data-testid="bulk-bar">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">{t('bulk.selected', { n, count: n })}</Text>
        {can('registry.kaderBulk') && <Button size="xs" variant="white" leftSection={<IconArrowsExchange size={16} />} onClick={() => setMode('move')}>{t('bulk.move')}</Button>}
        {can('registry.kaderBulk') && <Button size="xs" variant="white" leftSection={<IconUserOff size={16} />} onClick={() => setMode('deactivate')}>{t('bulk.deactivate')}</Button>}
        {can('registry.exportXlsx') && <Button size="xs" variant="white" leftSection={<IconFileExport size={16} />} onClick={props.onExport}>{t('bulk.export')}</Button>}
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={16} />} onClick={props.onClear}>{t('bulk.clear')}</Button>
      </Group>
      <Modal opened={mode !== null} onClose={() => setMode(null)} title={mode === 'move' ? t('bulk.move') : t('bulk.deactivate')}>
        <Stack>
          <Text size="sm">{t('bulk.selected', { n, count: n })}: {names}</Text>
          {mode === 'move' && (
            <PosyanduPicker value={target} onChange={(v) => setTarget(v)} onLabel={setTargetLabel} />
          )}
          {mode === 'deactivate' && <DateField label={t('bulk.inactiveFrom')} value={date} onChange={setDate} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setMode(null)}>{t('common:action.cancel')}</Button>
            <Button disabled={mode === 'move' ? !target : !date} onClick={() => void run()}>{t('bulk.apply')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  )
}
