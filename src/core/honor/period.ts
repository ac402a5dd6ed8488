import { formatPeriod } from '../../shared/format'
import type { PartialMonthRule } from '../../shared/contract/honor'

/** Months as "YYYY-MM"; dates as "YYYY-MM-DD". Pure helpers for honor periods. */

export const daysInMonth = (ym: string) => new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate()
export const firstDay = (ym: string) => `${ym}-01`
export const lastDay = (ym: string) => `${ym}-${String(daysInMonth(ym)).padStart(2, '0')}`

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  for (;;) {
    const ym = `${y}-${String(m).padStart(2, '0')}`
    if (ym > to) return out
    out.push(ym)
    if (++m > 12) (m = 1), y++
  }
}

export const nextMonth = (ym: string) => monthsBetween(ym, `${Number(ym.slice(0, 4)) + 1}-12`)[1]


export interface Period {
  kind: 'bulan' | 'triwulan' | 'kustom'
  monthFrom: string
  monthTo: string
}

export function resolvePeriod(p: { periodKind: Period['kind']; year: number; month?: number; quarter?: number; monthFrom?: string; monthTo?: string }): Period {
  const ym = (m: number) => `${p.year}-${String(m).padStart(2, '0')}`
  if (p.periodKind === 'bulan') return { kind: 'bulan', monthFrom: ym(p.month!), monthTo: ym(p.month!) }
  if (p.periodKind === 'triwulan') return { kind: 'triwulan', monthFrom: ym(p.quarter! * 3 - 2), monthTo: ym(p.quarter! * 3) }
  return { kind: 'kustom', monthFrom: p.monthFrom!, monthTo: p.monthTo! }
}

/** "Januari 2026", "Triwulan I 2026", "Januari – Mei 2026", "November 2025 – Februari 2026" (Indonesian: printed lists, CLI). */
export const periodLabel = (p: Period): string => formatPeriod(p)

/**
 * How much of month `ym` an appointment from `from` to `to` (inclusive, null = open)
 * earns: none, all, or days/daysInMonth when the office prorates partial months.
 */
export function monthShare(ym: string, from: string, to: string | null, rule: PartialMonthRule): { days: number; of: number } {
  const of = daysInMonth(ym)
  const start = from > firstDay(ym) ? from : firstDay(ym)
  const end = to !== null && to < lastDay(ym) ? to : lastDay(ym)
  if (start > end) return { days: 0, of }
  const days = Number(end.slice(8, 10)) - Number(start.slice(8, 10)) + 1
  return rule === 'full' || days === of ? { days: of, of } : { days, of }
}
