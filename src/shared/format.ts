/** Display formats used on screens and printed reports (pure, no node, no DOM). */

export const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']
export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * The language of a date or month text: printed documents, core messages and the CLI are
 * Indonesian (the default); a screen passes its own language (`screenMonth`/`screenDate` in
 * src/renderer/i18n/months.ts), so an English screen says "December 2025", never "Desember".
 */
export type DisplayLocale = 'id' | 'en'
export const monthNamesOf = (locale: DisplayLocale = 'id') => (locale === 'en' ? MONTHS_EN : BULAN)

const thousands = (n: number, sep = '.') => Math.trunc(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep)

/**
 * 1250000 → "1.250.000" (Indonesian grouping, the default: printed documents, CLI); with
 * locale 'en' "1,250,000". Screens pass their language (`screenNumber` in src/renderer/i18n/months.ts).
 */
export const formatNumber = (n: number, locale: DisplayLocale = 'id') => `${n < 0 ? '-' : ''}${thousands(n, locale === 'en' ? ',' : '.')}`

/** The decimal mark of a language: 31.5 → "31,5" / "31.5". */
export const formatDecimal = (x: number, digits: number, locale: DisplayLocale = 'id') => {
  const s = x.toFixed(digits)
  return locale === 'en' ? s : s.replace('.', ',')
}

/** 1250000 → "Rp 1.250.000". Money is integer rupiah everywhere. */
export const formatRupiah = (n: number) => `${n < 0 ? '-' : ''}Rp ${thousands(n)}`

/** "2026-08-17" → "17 Agustus 2026" ("17 August 2026" with locale 'en'). */
export function formatDateLong(iso: string, locale: DisplayLocale = 'id'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${Number(m[3])} ${monthNamesOf(locale)[Number(m[2]) - 1]} ${m[1]}`
}

/** "2025-12" → "Desember 2025" ("December 2025" with locale 'en'). */
export function formatMonth(ym: string, locale: DisplayLocale = 'id'): string {
  const m = /^(\d{4})-(\d{2})/.exec(ym)
  return m ? `${monthNamesOf(locale)[Number(m[2]) - 1]} ${m[1]}` : ym
}

/**
 * An honor period in words: "Januari 2026", "Triwulan I 2026", "Januari – Mei 2026",
 * "November 2025 – Februari 2026" (Indonesian, the default: the printed list, the CLI, core's
 * messages); locale 'en' for screens: "January 2026", "Quarter I 2026", …
 */
export function formatPeriod(p: { kind: string; monthFrom: string; monthTo: string }, locale: DisplayLocale = 'id'): string {
  const name = (ym: string) => monthNamesOf(locale)[Number(ym.slice(5, 7)) - 1]
  const y1 = p.monthFrom.slice(0, 4)
  const y2 = p.monthTo.slice(0, 4)
  if (p.monthFrom === p.monthTo) return `${name(p.monthFrom)} ${y1}`
  const q = (Number(p.monthFrom.slice(5, 7)) + 2) / 3
  if (p.kind === 'triwulan' && Number.isInteger(q) && y1 === y2) return `${locale === 'en' ? 'Quarter' : 'Triwulan'} ${['I', 'II', 'III', 'IV'][q - 1]} ${y1}`
  return y1 === y2 ? `${name(p.monthFrom)} – ${name(p.monthTo)} ${y1}` : `${name(p.monthFrom)} ${y1} – ${name(p.monthTo)} ${y2}`
}

/** 0.4234 → "42,3%" ("42.3%" with locale 'en'); null → "—" (missing data is never shown as zero). */
export function formatPercent(ratio: number | null | undefined, digits = 1, locale: DisplayLocale = 'id'): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—'
  return `${formatDecimal(ratio * 100, digits, locale)}%`
}

/**
 * Reads a rupiah amount the way Indonesian offices type it: "1.250.000", "1250000",
 * "Rp 1.250.000" and "Rp1.250.000,-" are all 1,250,000. Dots (and spaces) group
 * thousands; a decimal part ("1.250.000,50", "1000000.5") is refused, since money is
 * integer rupiah. Returns null for anything that is not such an amount.
 */
export function parseRupiah(text: string): number | null {
  let s = text.trim().replace(/^rp\.?\s*/i, '').replace(/,-$/, '').replace(/\s+/g, '')
  const negative = s.startsWith('-')
  if (negative) s = s.slice(1)
  if (/^\d+$/.test(s) || /^\d{1,3}(\.\d{3})+$/.test(s)) {
    const n = Number(s.replace(/\./g, ''))
    return Number.isSafeInteger(n) ? (negative ? -n : n) : null
  }
  return null
}
