import { Badge, Group } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { useEffect, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
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
