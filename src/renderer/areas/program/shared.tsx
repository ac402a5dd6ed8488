import { Badge } from '@mantine/core'
import { RupiahInput } from '../../components/RupiahInput'
import { notifications } from '@mantine/notifications'
import { useTranslation } from 'react-i18next'
import type { ProgrammeReference } from '../../../shared/contract/programme'
import type { Input, OpName, Output } from '../../../shared/contract'
import { ApiError, call } from '../../api'
import { failedTitle } from '../../i18n/errors'
import { useOp } from '../../hooks'

export const useT = () => useTranslation('program').t

/**
 * A regulation kind as a screen names it: the legal abbreviation (Perbup, Kepbup…) stays,
 * English adds what it is in the pickers ("Perbup (Regent Regulation)"); "Lainnya" is "Other".
 * `short` for table cells. A kind typed by an older Simpul shows as stored.
 */
export function useKindLabel() {
  const t = useT()
  return (kind: string, short = false) => (short && kind !== 'Lainnya' ? kind : t(`kinds.${kind}`, { defaultValue: kind }))
}

/** This kabupaten's reference lists (active items), loaded once per screen. */
export function useReference() {
  return useOp('programme.reference', {})
}

export type Ref = ProgrammeReference

export const options = (items: { code: string; name: string }[]) => items.map((i) => ({ value: i.code, label: i.name }))
export const skpdOptions = (ref: Ref | undefined) => (ref?.skpd ?? []).map((s) => ({ value: s.id, label: s.shortName }))
export const nameOf = (items: { code: string; name: string }[] | undefined, code: string | null) => (code ? (items?.find((i) => i.code === code)?.name ?? code) : '—')

/** Whole rupiah with Indonesian grouping: the shared RupiahInput. */
export function MoneyInput(props: { label: string; value: number | string; onChange: (v: number | string) => void; error?: string }) {
  return <RupiahInput label={props.label} value={typeof props.value === 'number' ? props.value : ''} onChange={props.onChange} error={props.error} />
}

const STATUS_COLOR = { berlaku: 'teal', diubah: 'yellow', dicabut: 'red' } as const

export function RegulationStatusBadge({ status }: { status: 'berlaku' | 'diubah' | 'dicabut' }) {
  const t = useT()
  return <Badge color={STATUS_COLOR[status]} variant={status === 'berlaku' ? 'light' : 'filled'}>{t(`regulation.${status}`)}</Badge>
}

/** Posyandu picker data: "Melati — Desa Firdaus, Kec. Sei Rampah". */
export function usePosyanduOptions() {
  const list = useOp('programme.posyanduOptions', {})
  return (list.data ?? []).map((p) => ({ value: p.id, label: `${p.name} — ${p.desaName}${p.kecamatanName ? `, Kec. ${p.kecamatanName}` : ''}` }))
}

/** Field messages from a refusal's zod details: { nik: 'NIK harus 16 angka' }. */
export function fieldErrors(e: unknown): Record<string, string> {
  const details = e instanceof ApiError && Array.isArray(e.details) ? (e.details as { path?: string[]; message: string }[]) : []
  return Object.fromEntries(details.filter((d) => d.path?.length).map((d) => [d.path![0], d.message]))
}

/**
 * Calls an operation from a form: on success a green notice; on refusal the message in red
 * and each invalid field's message beside that field.
 */
export async function submit<K extends OpName>(op: K, input: Input<K>, success: string, setErrors: (e: Record<string, string>) => void): Promise<Output<K> | undefined> {
  setErrors({})
  try {
    const out = await call(op, input)
    notifications.show({ color: 'green', message: success })
    return out
  } catch (e) {
    setErrors(fieldErrors(e))
    notifications.show({ color: 'red', title: failedTitle(), message: (e as Error).message, autoClose: 8000 })
    return undefined
  }
}
