import { BULAN } from '../../shared/format'
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
