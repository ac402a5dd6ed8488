import { BULAN } from './format'

/** Display helpers for honor lists, shared by the screens, the printout and the xlsx. */

/** 2 → "2", 2.5 → "2,5" (months are fractional when a partial month is prorated). */
export const formatMonths = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace('.', ','))

const short = (ym: string) => BULAN[Number(ym.slice(5, 7)) - 1].slice(0, 3)

/** "Jan – Mar 2026", "Feb 2026", "Nov 2025 – Feb 2026". */
export function monthRange(from: string, to: string): string {
  if (from === to) return `${short(from)} ${from.slice(0, 4)}`
  return from.slice(0, 4) === to.slice(0, 4) ? `${short(from)} – ${short(to)} ${to.slice(0, 4)}` : `${short(from)} ${from.slice(0, 4)} – ${short(to)} ${to.slice(0, 4)}`
}
