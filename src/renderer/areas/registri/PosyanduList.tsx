import { Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFileExport, IconPlus, IconSearch } from '@tabler/icons-react'
import { DataTable } from 'mantine-datatable'
import { useTranslation } from 'react-i18next'
import type { PosyanduFilter, PosyanduRow } from '../../../shared/contract/registry'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { downloadBase64, XLSX_TYPE } from '../../components/files'
import { ModelBadges, NS, pagedListProps, StatusBadge, useOffice, usePlaces, useSticky } from './shared'
import { FirstRunChecklist } from './FirstRun'

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
  const exportXlsx = async () => {
    const out = await callWithNotice('registry.exportXlsx', { kind: 'posyandu', filter })
    if (out) downloadBase64(out.base64, out.fileName, XLSX_TYPE)
  }

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
          <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={exportXlsx}>{t('list.export')}</Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('registri/posyandu/baru')}>{t('list.addPosyandu')}</Button>
        </Group>
      </Group>
      <Group justify="space-between">
        <Text fw={600} data-testid="posyandu-count">{t('list.countPosyandu', { n: (list.data?.total ?? 0).toLocaleString('id-ID') })}</Text>
        <Switch label={t('list.showDeleted')} checked={s.deleted} onChange={(e) => set({ deleted: e.currentTarget.checked })} />
      </Group>
      {list.data?.total === 0 && !filtered ? <FirstRunChecklist /> : <DataTable<PosyanduRow>
        pinFirstColumn
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
