import { BULAN, formatDateLong, formatMonth } from '../../shared/format'
import i18n from '.'

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** Month names of the screen's language (reports print Indonesian ones). */
export const monthNames = () => (i18n.language === 'en' ? MONTHS_EN : BULAN)

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
export const screenDate = (iso: string) => localiseMonths(formatDateLong(iso))
/** "Maret 2026" / "March 2026". */
export const screenMonth = (ym: string) => localiseMonths(formatMonth(ym))
/** "Mar" / "Mar", "Agu" / "Aug": column heads of a year grid and chart axes. */
export const shortMonth = (ym: string) => monthNames()[Number(ym.slice(5, 7)) - 1].slice(0, 3)
/** Counts with the screen's grouping: 12.500 / 12,500. */
export const screenNumber = (n: number) => n.toLocaleString(screenLocale())
/** A moment as the screen's language writes it. */
export const screenDateTime = (iso: string) => new Date(iso).toLocaleString(screenLocale())
/** Millions for chart axes: "150 jt" / "150 M". */
export const millions = (n: number) => `${screenNumber(Math.round(n / 1_000_000))} ${i18n.language === 'en' ? 'M' : 'jt'}`
