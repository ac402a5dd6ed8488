import { Badge, Group } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { useEffect, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
import { screenNumber } from '../../i18n/months'
import { useOp } from '../../hooks'

export const NS = 'registri'

/** List state that survives opening a record and coming back (per tab of the window). */
export function useSticky<T>(key: string, initial: T): [T, (v: T | ((old: T) => T)) => void] {
  const [v, setV] = useState<T>(() => {
    const s = sessionStorage.getItem(`registri.${key}`)
    return s ? { ...initial, ...(JSON.parse(s) as T) } : initial
  })
  useEffect(() => sessionStorage.setItem(`registri.${key}`, JSON.stringify(v)), [key, v])
  return [v, setV]
}

export function useOffice() {
  return useOp('office.get', {}).data ?? null
}

export function usePlaces() {
  return useOp('registry.places', {}).data ?? { kecamatan: [], desa: [] }
}

export const fmtDate = (iso: string | null | undefined) => (iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}` : '')

export function StatusBadge({ status, deleted }: { status: 'aktif' | 'nonaktif' | boolean; deleted?: string | null }) {
  const { t } = useTranslation(NS)
  if (deleted) return <Badge color="red" variant="light">{t('status.deleted')}</Badge>
  const active = status === true || status === 'aktif'
  return <Badge color={active ? 'teal' : 'gray'} variant="light">{t(active ? 'status.aktif' : 'status.nonaktif')}</Badge>
}

export function ModelBadges({ phi, ilp, spm }: { phi: boolean; ilp: boolean; spm: boolean }) {
  const { t } = useTranslation(NS)
  return (
    <Group gap={4} wrap="nowrap">
      {phi && <Badge size="sm" color="grape" variant="light">{t('model.phi')}</Badge>}
      {ilp && <Badge size="sm" color="blue" variant="light">{t('model.ilp')}</Badge>}
      {spm && <Badge size="sm" color="orange" variant="light">{t('model.spm')}</Badge>}
    </Group>
  )
}

/** Puts the server's field messages beside the fields; returns the message when none fits a field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function showServerErrors(form: UseFormReturnType<any>, e: unknown): string | null {
  if (!(e instanceof ApiError)) return String(e)
  const details = Array.isArray(e.details) ? (e.details as { path: string[]; message: string }[]) : []
  const placed = details.filter((d) => d.path?.length)
  for (const d of placed) form.setFieldError(d.path.filter((p) => p !== 'data').join('.'), d.message)
  if (e.code === 'POSYANDU_NAME_TAKEN') return (form.setFieldError('name', e.message), null)
  return placed.length ? null : e.message
}

/** Esc cancels a form, unless it is closing an open dropdown. */
export function escapeCancels(cancel: () => void) {
  return (ev: KeyboardEvent) => {
    if (ev.key !== 'Escape') return
    const el = ev.target as HTMLElement
    if (el.getAttribute('aria-expanded') === 'true') return
    ev.preventDefault()
    cancel()
  }
}

/**
 * The paging, sorting and keyboard props both registry lists share: server-side pages,
 * sort by column, a row opens on click or Enter.
 */
export function pagedListProps<R extends { id: string }, S extends { page: number; pageSize: number; sortBy: string; sortDir: 'asc' | 'desc' }>(opts: {
  s: S
  setPage: (page: number) => void
  set: (patch: Partial<S>) => void
  list: { data?: { rows: R[]; total: number }; loading: boolean }
  t: (key: string, vars?: Record<string, unknown>) => string
  open: (id: string) => void
  /** True when a search or filter is active: an empty page then "matches nothing"; otherwise there is nothing yet. */
  filtered?: boolean
  emptyText?: string
}) {
  const { s, set, list, t, open } = opts
  return {
    withTableBorder: true, striped: true, highlightOnHover: true, minHeight: 200, height: 'calc(100vh - 300px)',
    records: list.data?.rows ?? [], fetching: list.loading, totalRecords: list.data?.total ?? 0,
    page: s.page, onPageChange: opts.setPage, recordsPerPage: s.pageSize,
    recordsPerPageOptions: [25, 50, 100, 200], onRecordsPerPageChange: (pageSize: number) => set({ pageSize } as Partial<S>), recordsPerPageLabel: t('list.perPage'),
    paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) => t('list.pageOf', { from, to, total: screenNumber(totalRecords) }),
    noRecordsText: opts.filtered === false ? (opts.emptyText ?? t('firstRun.noneYet')) : t('list.none'),
    sortStatus: { columnAccessor: s.sortBy, direction: s.sortDir },
    onSortStatusChange: (st: { columnAccessor: string; direction: 'asc' | 'desc' }) => set({ sortBy: st.columnAccessor, sortDir: st.direction } as Partial<S>),
    onRowClick: ({ record }: { record: R }) => open(record.id),
    customRowAttributes: (r: R) => ({ tabIndex: 0, onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && open(r.id) }),
  }
}
