import { BULAN, formatDateLong, formatMonth, formatPeriod, formatNumber, formatPercent, MONTHS_EN, monthNamesOf, type DisplayLocale } from '../../shared/format'
// The i18next instance itself (initialised by ./index): this module stays free of the screens' catalogues, so pure grid code that formats months can be tested in Node.
import i18n from 'i18next'

/** The screen's language for dates and months (reports print Indonesian ones). */
export const screenLang = (): DisplayLocale => (i18n.language === 'en' ? 'en' : 'id')
/** Month names of the screen's language. */
export const monthNames = () => monthNamesOf(screenLang())

/**
 * A period or date text written by core in Indonesian ("Triwulan II 2025", "Januari s.d. Maret
 * 2026", "24 November 2026") in the screen's language. Unchanged in Indonesian.
 */
export function localiseMonths(text: string): string {
  if (i18n.language !== 'en') return text
  let s = text.replace(/\bTriwulan\b/g, 'Quarter').replace(/\bSemester\b/g, 'Half-year').replace(/\bs\.d\.\s/g, 'to ')
  BULAN.forEach((b, i) => (s = s.replace(new RegExp(`\\b${b}\\b`, 'g'), MONTHS_EN[i])))
  return s
}

/** Screen (not print) formats in the screen's language: printed documents stay Indonesian. */
const screenLocale = () => (i18n.language === 'en' ? 'en-GB' : 'id-ID')
/** "24 November 2026" / "24 November 2026", "17 Agustus" → "17 August". */
export const screenDate = (iso: string) => formatDateLong(iso, screenLang())
/** An honor period in the screen's language: "Triwulan I 2026" / "Quarter I 2026" (the printed list keeps core's Indonesian `periodLabel`). */
export const screenPeriod = (p: { periodKind: string; monthFrom: string; monthTo: string }) => formatPeriod({ kind: p.periodKind, monthFrom: p.monthFrom, monthTo: p.monthTo }, screenLang())
/** "Maret 2026" / "March 2026". */
export const screenMonth = (ym: string) => formatMonth(ym, screenLang())
/** "Mar" / "Mar", "Agu" / "Aug": column heads of a year grid and chart axes. */
export const shortMonth = (ym: string) => monthNames()[Number(ym.slice(5, 7)) - 1].slice(0, 3)
/** Counts with the screen's grouping: 12.500 / 12,500 (printed documents keep formatNumber's Indonesian). */
export const screenNumber = (n: number) => formatNumber(n, screenLang())
/** A ratio as a percent with the screen's decimal mark: 0.895 → "89,5%" / "89.5%". */
export const screenPercent = (ratio: number | null | undefined, digits = 1) => formatPercent(ratio, digits, screenLang())
/** A moment as the screen's language writes it. */
export const screenDateTime = (iso: string) => new Date(iso).toLocaleString(screenLocale())
/** Millions for chart axes: "150 jt" / "150 M". */
export const millions = (n: number) => `${screenNumber(Math.round(n / 1_000_000))} ${i18n.language === 'en' ? 'M' : 'jt'}`
