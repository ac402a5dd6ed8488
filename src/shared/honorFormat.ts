import { monthNamesOf, type DisplayLocale } from './format'

/** Display helpers for honor lists, shared by the screens, the printout and the xlsx. */

/** 2 → "2", 2.5 → "2,5" (months are fractional when a partial month is prorated). */
export const formatMonths = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace('.', ','))

/** "Jan – Mar 2026", "Feb 2026", "Nov 2025 – Feb 2026" ("Agu"/"Aug", "Des"/"Dec" by locale; paper and xlsx Indonesian). */
export function monthRange(from: string, to: string, locale: DisplayLocale = 'id'): string {
  const short = (ym: string) => monthNamesOf(locale)[Number(ym.slice(5, 7)) - 1].slice(0, 3)
  if (from === to) return `${short(from)} ${from.slice(0, 4)}`
  return from.slice(0, 4) === to.slice(0, 4) ? `${short(from)} – ${short(to)} ${to.slice(0, 4)}` : `${short(from)} ${from.slice(0, 4)} – ${short(to)} ${to.slice(0, 4)}`
}
