import { isValidDate, looksScientific } from '../../shared/nik'
import { msg, type Msg } from '../../shared/messages'
import { AppError } from '../../shared/result'

/**
 * Reading the values offices actually type into spreadsheets: dates as Excel serials,
 * dd/mm/yyyy or "12 Mei 1985"; NIK as text or (by accident) as a number.
 */
export type CellValue = string | number | boolean | Date | null

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1, feb: 2, februari: 2, pebruari: 2, february: 2, mar: 3, maret: 3, march: 3,
  apr: 4, april: 4, mei: 5, may: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7,
  agu: 8, agt: 8, ags: 8, agus: 8, agustus: 8, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, nopember: 11, november: 11, des: 12, desember: 12, dec: 12, december: 12,
}

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (y: number, m: number, d: number) => (isValidDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null)

/** Excel's day count (1900 system, with its phantom 29 Feb 1900) to an ISO date. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 80_000) return null
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}

/** A cell that cannot be read, by key (the import row's reason). */
const unreadable = (m: Msg) => new AppError('CELL_UNREADABLE', m)

/** Returns an ISO date, null for an empty cell, or throws a message (an AppError with its key) for something unreadable. */
export function parseDateCell(v: CellValue, today: string): string | null {
  if (v === null || v === '') return null
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw unreadable(msg('sheet.dateInvalid'))
    return v.toISOString().slice(0, 10)
  }
  if (typeof v === 'number') {
    const d = excelSerialToIso(v)
    if (!d) throw unreadable(msg('sheet.dateSerial', { v }))
    return d
  }
  const s = String(v).trim().toLowerCase()
  if (!s) return null
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  if (m) {
    const d = iso(+m[1], +m[2], +m[3])
    if (d) return d
    throw unreadable(msg('sheet.dateImpossible', { v: String(v) }))
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s)
  if (m) {
    let y = +m[3]
    if (m[3].length === 2) y = 2000 + y > +today.slice(0, 4) ? 1900 + y : 2000 + y
    const d = iso(y, +m[2], +m[1])
    if (d) return d
    throw unreadable(msg('sheet.dateImpossibleDmy', { v: String(v) }))
  }
  m = /^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$/.exec(s)
  if (m && MONTHS[m[2]]) {
    const d = iso(+m[3], MONTHS[m[2]], +m[1])
    if (d) return d
  }
  if (/^\d+(\.\d+)?$/.test(s)) {
    const d = excelSerialToIso(Number(s))
    if (d) return d
  }
  throw unreadable(msg('sheet.dateUnreadable', { v: String(v) }))
}

export interface NikCell {
  nik: string
  /** Set when the cell cannot be trusted (Excel number accidents). */
  error?: Msg
  warning?: Msg
}

/** A NIK cell as text. Numbers are how Excel damages NIK: report, never silently fix. */
export function readNikCell(v: CellValue): NikCell {
  if (v === null) return { nik: '' }
  if (typeof v === 'number') {
    const text = Number.isSafeInteger(v) ? String(v) : v.toExponential()
    if (!Number.isSafeInteger(v) || text.length !== 16) {
      return { nik: text, error: msg('sheet.nikNumber', { shown: v.toPrecision(6) }) }
    }
    if (text.endsWith('0')) {
      return {
        nik: text,
        error: msg('sheet.nikNumber15', { nik: text, shown: v.toExponential(5).toUpperCase() }),
      }
    }
    return { nik: text, warning: msg('sheet.nikNumberWarning') }
  }
  const s = String(v).trim().replace(/^'/, '')
  if (looksScientific(s)) return { nik: s, error: msg('nik.NIK_SCIENTIFIC', { raw: s }) }
  return { nik: s.replace(/[\s.-]/g, '') }
}

export function readSex(v: CellValue): 'L' | 'P' | null | undefined {
  const s = String(v ?? '').trim().toLowerCase().replace(/[^a-z]/g, '')
  if (!s) return null
  if (['l', 'lk', 'laki', 'lakilaki', 'pria', 'male', 'm'].includes(s)) return 'L'
  if (['p', 'pr', 'perempuan', 'wanita', 'female', 'f', 'w'].includes(s)) return 'P'
  return undefined
}

export function readText(v: CellValue): string | null {
  if (v === null) return null
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim()
  return s ? s : null
}

/** Phone numbers lose their leading 0 when Excel reads them as numbers. */
export function readPhone(v: CellValue): string | null {
  if (typeof v === 'number') return `0${v}`.replace(/^0(?=62)/, '+')
  const s = readText(v)?.replace(/[\s().-]/g, '') ?? null
  if (s && /^8\d{8,12}$/.test(s)) return `0${s}`
  if (s && /^62\d+$/.test(s)) return `+${s}`
  return s
}

export function readNumber(v: CellValue): number | null | undefined {
  if (v === null || v === '') return null
  if (typeof v === 'number') return v
  const s = String(v).trim().replace(',', '.')
  if (!s) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : undefined
}

/** Lower case, no punctuation but '/', single spaces: "Tgl. Lahir " → "tgl lahir". */
export const normalizeHeader = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .replace(/\s*\/\s*/g, '/')
    .trim()

/** For matching desa/posyandu names: no "Desa"/"Kelurahan" prefix, case and spacing ignored. */
export const normalizeName = (s: string) =>
  s
    .toLowerCase()
    .replace(/^(desa|kelurahan|kel|ds|posyandu)\.?\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()

/**
 * A "Tempat/Tgl Lahir" cell as on the KTP: "Sei Rampah, 22 Januari 1994", "Medan, 22-01-1994",
 * "MEDAN 22/01/1994", or a date alone. Throws (like `parseDateCell`) for a date that cannot be
 * read, so the NIK's date is never used in its place without a word.
 */
export function splitPlaceDate(v: CellValue, today: string): { place: string | null; date: string | null } {
  if (v === null || v === '') return { place: null, date: null }
  if (typeof v !== 'string') return { place: null, date: parseDateCell(v, today) }
  const s = v.trim().replace(/\s+/g, ' ')
  const clean = (t: string) => t.replace(/^[\s,;/-]+|[\s,;/-]+$/g, '') || null
  const m = /^(.*?)[\s,;/]*\b(\d{1,2}\s?[./-]?\s?(?:\p{L}+\.?|\d{1,2})\s?[./-]?\s?\d{2,4}|\d{4}-\d{1,2}-\d{1,2})$/u.exec(s)
  if (m) return { place: clean(m[1]), date: parseDateCell(m[2].replace(/\s*([./-])\s*/g, '$1'), today) }
  const comma = s.lastIndexOf(',')
  if (comma > 0) return { place: clean(s.slice(0, comma)), date: parseDateCell(s.slice(comma + 1).trim(), today) }
  if (/\d/.test(s)) throw unreadable(msg('sheet.placeDateUnreadable', { v }))
  return { place: clean(s), date: null }
}
