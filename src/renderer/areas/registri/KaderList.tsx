import { Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFileExport, IconPlus, IconSearch } from '@tabler/icons-react'
import { DataTable } from 'mantine-datatable'
import { useTranslation } from 'react-i18next'
import { KADER_ROLES, type KaderFilter, type KaderRow } from '../../../shared/contract/registry'
import { downloadBase64, XLSX_TYPE } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
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
  const set = (patch: Partial<State>) => setS((o) => ({ ...o, page: 1, ...patch }))
  const exportXlsx = async () => {
    const out = await callWithNotice('registry.exportXlsx', { kind: 'kader', filter })
    if (out) downloadBase64(out.base64, out.fileName, XLSX_TYPE)
  }
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
          <Button variant="default" leftSection={<IconFileExport size={16} />} onClick={exportXlsx}>{t('list.export')}</Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('registri/kader/baru')}>{t('list.addKader')}</Button>
        </Group>
      </Group>
      <Group justify="space-between">
        <Text fw={600} data-testid="kader-count">{t('list.countKader', { n: (list.data?.total ?? 0).toLocaleString('id-ID') })}</Text>
        <Switch label={t('list.showDeleted')} checked={s.deleted} onChange={(e) => set({ deleted: e.currentTarget.checked })} />
      </Group>
      <DataTable<KaderRow>
        {...pagedListProps<KaderRow, State>({ s, setPage: (page) => setS((o) => ({ ...o, page })), set, list, t, open: (id) => navigate(`registri/kader/${id}`) })}
        columns={[
          { accessor: 'name', title: t('col.name'), sortable: true },
          { accessor: 'nik', title: t('col.nik'), sortable: true, width: 170, render: (r) => <Text ff="monospace" size="sm">{r.nik}</Text> },
          { accessor: 'sex', title: t('col.sex'), width: 50 },
          { accessor: 'birthDate', title: t('col.birth'), sortable: true, width: 110, render: (r) => fmtDate(r.birthDate) },
          { accessor: 'role', title: t('col.role'), sortable: true, width: 110, render: (r) => t(`role.${r.role}`) },
          { accessor: 'posyanduName', title: t('col.posyandu'), sortable: true },
          { accessor: 'desaName', title: t('col.desa'), sortable: true },
          { accessor: 'kecamatanName', title: t('col.kecamatan'), hidden: office?.level !== 'kabupaten' },
          { accessor: 'active', title: t('col.status'), width: 100, render: (r) => <StatusBadge status={r.active} deleted={r.deletedAt} /> },
        ]}
      />
    </Stack>
  )
}
