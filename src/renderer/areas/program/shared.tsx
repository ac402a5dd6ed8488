import { Badge, NumberInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ProgrammeReference } from '../../../shared/contract/programme'
import { useOp } from '../../hooks'

export const useT = () => useTranslation('program').t

/** This kabupaten's reference lists (active items), loaded once per screen. */
export function useReference() {
  return useOp('programme.reference', {})
}

export type Ref = ProgrammeReference

export const options = (items: { code: string; name: string }[]) => items.map((i) => ({ value: i.code, label: i.name }))
export const skpdOptions = (ref: Ref | undefined) => (ref?.skpd ?? []).map((s) => ({ value: s.id, label: s.shortName }))
export const nameOf = (items: { code: string; name: string }[] | undefined, code: string | null) => (code ? (items?.find((i) => i.code === code)?.name ?? code) : '—')

/** Whole rupiah with Indonesian grouping. */
export function MoneyInput(props: { label: string; value: number | string; onChange: (v: number | string) => void; error?: string }) {
  return <NumberInput label={props.label} value={props.value} onChange={props.onChange} error={props.error} min={0} allowDecimal={false} allowNegative={false} thousandSeparator="." decimalSeparator="," prefix="Rp " />
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
