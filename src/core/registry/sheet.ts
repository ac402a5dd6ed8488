import type ExcelJS from 'exceljs'
import { excel } from '../excel'
import { unzipSync } from 'fflate'
import type { ImportIgnored } from '../../shared/contract/registry'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import { normalizeHeader, readText, type CellValue } from './cells'

/**
 * Reading a table out of a spreadsheet as offices keep them: a title block above the header,
 * a header of one or more rows with merged group cells ("Lokasi" over "Desa/Kel" and "Nama
 * Posyandu"), the data, and under it totals and a signature block. Nothing here knows about
 * kader or posyandu: the registry import and other sheet imports (monthly recaps) pass the
 * fields they expect.
 */

/** A column an import knows: its key, the name Simpul writes, and the headers offices use. */
export interface SheetField {
  key: string
  label: string
  required: boolean
  /** Normalised header texts (`normalizeHeader`) that mean this field. */
  aliases: string[]
}

export interface SheetRow {
  /** Row number as Excel shows it. */
  row: number
  cells: CellValue[]
  /** True when an empty row lies between this row and the one before it. */
  afterBlank: boolean
}

export interface Sheet {
  name: string
  /** Column names as shown to the person; a merged header gives "Lokasi / Nama Posyandu". */
  headers: string[]
  /** Each header's parts from top to bottom (["Lokasi", "Nama Posyandu"]), for matching. */
  headerParts: string[][]
  /** First and last row of the header (equal for a one-row header). */
  headerRow: number
  headerEnd: number
  /** Every non-empty row under the header, totals and signatures included (see `separateBody`). */
  rows: SheetRow[]
}

/** A spreadsheet is read whole into memory: refuse what would not fit on an old office PC. */
export const XLSX_LIMITS = { uncompressedBytes: 256 * 1024 * 1024, rows: 100_000 }

export function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue)
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('text' in v) return String(v.text)
    return null
  }
  return v as CellValue
}

/** Sums the sizes the zip declares for its parts, without unpacking them (an .xlsx is a zip). */
function declaredSize(data: Buffer): number {
  let total = 0
  try {
    unzipSync(data, {
      filter: (f) => {
        total += f.originalSize
        return false
      },
    })
  } catch {
    return -1
  }
  return total
}

export async function loadWorkbook(data: Buffer, limits = XLSX_LIMITS): Promise<ExcelJS.Workbook> {
  const size = declaredSize(data)
  if (size < 0) throw new AppError('XLSX_UNREADABLE', msg('sheet.notXlsx'))
  if (size > limits.uncompressedBytes) {
    throw new AppError('XLSX_TOO_LARGE', msg('sheet.tooLarge', { mb: Math.round(size / 1024 / 1024) }))
  }
  const wb = new (await excel()).Workbook()
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer)
  } catch (e) {
    throw new AppError('XLSX_UNREADABLE', msg('sheet.unreadable', { why: (e as Error).message }))
  }
  return wb
}

/** 0 → "A", 26 → "AA": how the person sees a column in Excel. */
export function columnLetter(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

function columnIndex(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

const rowTexts = (ws: ExcelJS.Worksheet, r: number, width: number) =>
  Array.from({ length: width }, (_, c) => readText(cellValue(ws.getCell(r, c + 1).value)) ?? '')

const distinct = (texts: string[]) => new Set(texts.filter(Boolean)).size

/** A merged cell spanning columns of row r only: a group header such as "Lokasi". */
function hasGroupMerge(ws: ExcelJS.Worksheet, r: number, width: number): boolean {
  for (let c = 1; c < width; c++) {
    const cell = ws.getCell(r, c)
    if (!cell.isMerged || cell.master.address !== cell.address) continue
    const right = ws.getCell(r, c + 1)
    const below = ws.getCell(r + 1, c)
    if (right.isMerged && right.master.address === cell.address && !(below.isMerged && below.master.address === cell.address)) return true
  }
  return false
}

/** Some cell of row r is merged down into row r + 1 ("Nama Kader" over two header rows). */
function mergesDown(ws: ExcelJS.Worksheet, r: number, width: number): boolean {
  for (let c = 1; c <= width; c++) {
    const below = ws.getCell(r + 1, c)
    if (below.isMerged && below.master.address === ws.getCell(r, c).master.address) return true
  }
  return false
}

/** A row that can be a sub-header: text only, no numbers, dates or NIK. */
function looksLikeHeaderRow(ws: ExcelJS.Worksheet, r: number, width: number): boolean {
  for (let c = 1; c <= width; c++) {
    const v = cellValue(ws.getCell(r, c).value)
    if (typeof v === 'number' || v instanceof Date || typeof v === 'boolean') return false
    if (typeof v === 'string' && /^\s*'?\d{6,}\s*$/.test(v)) return false
  }
  return true
}

function headerBlock(ws: ExcelJS.Worksheet, start: number, width: number) {
  let end = start
  // Up to three header rows, joined while a group cell or a tall merged cell says so.
  while (end - start < 2 && end < ws.rowCount && (mergesDown(ws, end, width) || hasGroupMerge(ws, end, width)) && looksLikeHeaderRow(ws, end + 1, width)) end++
  const rows = Array.from({ length: end - start + 1 }, (_, i) => rowTexts(ws, start + i, width))
  const parts = Array.from({ length: width }, (_, c) => {
    const out: string[] = []
    for (const texts of rows) if (texts[c] && out[out.length - 1] !== texts[c]) out.push(texts[c])
    return out
  })
  const seen = new Map<string, number>()
  const headers = parts.map((p, c) => {
    const name = p.join(' / ')
    if (!name) return ''
    seen.set(name, (seen.get(name) ?? 0) + 1)
    return seen.get(name)! > 1 ? `${name} (${columnLetter(c)})` : name
  })
  return { end, parts, headers }
}

/** Which field a header means: its whole text first, then its lowest part (the sub-header). */
function matchField(fields: SheetField[], parts: string[], whole: boolean): SheetField | undefined {
  if (!parts.length) return undefined
  const text = normalizeHeader(whole ? parts.join(' ') : parts[parts.length - 1])
  const joined = normalizeHeader(parts.join('/'))
  return fields.find((f) => f.aliases.includes(text) || (whole && f.aliases.includes(joined)))
}

/**
 * Finds the table: the first of the top ten rows (skipping title lines) whose header, one row
 * or several merged rows, names at least two known fields.
 */
export function findTable(wb: ExcelJS.Workbook, fields: SheetField[], what: string, limits = XLSX_LIMITS): Sheet {
  for (const ws of wb.worksheets) {
    if (ws.rowCount > limits.rows) {
      throw new AppError('XLSX_TOO_LARGE', msg('sheet.tooManyRows', { name: ws.name, rows: { id: ws.rowCount.toLocaleString('id-ID'), en: ws.rowCount.toLocaleString('en-GB') }, max: { id: limits.rows.toLocaleString('id-ID'), en: limits.rows.toLocaleString('en-GB') } }))
    }
    // A formatted cell far to the right must not make every row thousands of cells wide.
    const width = Math.min(Math.max(ws.columnCount, 1), 256)
    for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) {
      // A title ("DAFTAR KADER POSYANDU …"), merged across or not, has one text.
      if (distinct(rowTexts(ws, r, width)) < 2) continue
      const block = headerBlock(ws, r, width)
      const known = new Set(block.parts.map((p) => (matchField(fields, p, true) ?? matchField(fields, p, false))?.key).filter(Boolean))
      if (known.size < 2) continue
      let last = block.headers.length
      while (last > 0 && !block.headers[last - 1]) last--
      const headers = block.headers.slice(0, last)
      const rows: SheetRow[] = []
      let blank = false
      for (let i = block.end + 1; i <= ws.rowCount; i++) {
        const row = ws.getRow(i)
        const cells = headers.map((_, c) => cellValue(row.getCell(c + 1).value))
        if (cells.every((c) => readText(c) === null)) {
          blank = rows.length > 0
          continue
        }
        rows.push({ row: i, cells, afterBlank: blank })
        blank = false
      }
      return { name: ws.name, headers, headerParts: block.parts.slice(0, last), headerRow: r, headerEnd: block.end, rows }
    }
  }
  throw new AppError('XLSX_NO_HEADER', msg('sheet.noHeader', { what, list: fields.filter((x) => x.required).map((x) => `"${x.label}"`).join(', ') }))
}

/** Finds a column the person named: its exact text, the same text in other case/spacing, or its letter ("C"). */
export function resolveColumn(sheet: Pick<Sheet, 'headers'>, name: string): string {
  if (sheet.headers.includes(name)) return name
  const byText = sheet.headers.find((h) => h && normalizeHeader(h) === normalizeHeader(name))
  if (byText) return byText
  if (/^[A-Za-z]{1,2}$/.test(name.trim())) {
    const h = sheet.headers[columnIndex(name.trim())]
    if (h) return h
  }
  const list = sheet.headers.map((h, i) => (h ? `${columnLetter(i)} "${h}"` : '')).filter(Boolean).join(', ')
  throw new AppError('XLSX_MAPPING', msg('sheet.noColumn', { name, list }))
}

/**
 * Field key → header. `given` (from the screen or `--map`) wins; the rest is matched by the
 * headers offices write, whole header first, then the lowest row of a merged header.
 */
export function mapColumns(fields: SheetField[], sheet: Pick<Sheet, 'headers' | 'headerParts'>, given?: Record<string, string | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  const claimed = new Set<string>()
  for (const fd of fields) {
    if (given && fd.key in given) {
      const h = given[fd.key]
      out[fd.key] = h === null ? null : resolveColumn(sheet, h)
      if (out[fd.key]) claimed.add(out[fd.key]!)
    }
  }
  for (const whole of [true, false]) {
    for (const fd of fields) {
      if (fd.key in out && (out[fd.key] !== null || (given && fd.key in given))) continue
      const i = sheet.headers.findIndex((h, c) => h && !claimed.has(h) && matchField([fd], sheet.headerParts[c] ?? [h], whole))
      out[fd.key] = i >= 0 ? sheet.headers[i] : null
      if (i >= 0) claimed.add(sheet.headers[i])
    }
  }
  const missing = fields.filter((x) => x.required && !out[x.key])
  if (missing.length) {
    throw new AppError('XLSX_MAPPING', msg('sheet.unmapped', { list: missing.map((m) => m.label).join(', ') }), { mapping: out, headers: sheet.headers })
  }
  return out
}

/**
 * `--map "Kolom=field"` pairs as a mapping for `mapColumns`: the field named by its key, its
 * label or a header alias; the column by its text or letter (resolved against the sheet later).
 * `what` names the import in messages ("kader", "laporan SKDN").
 */
export function pairsToMapping(fields: SheetField[], pairs: string[], what: string): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=')
    const column = at > 0 ? pair.slice(0, at).trim() : ''
    const name = at > 0 ? pair.slice(at + 1).trim() : ''
    if (!column || !name) throw new AppError('XLSX_MAPPING', msg('sheet.mappingPair', { pair }))
    const fd = fields.find((x) => x.key.toLowerCase() === name.toLowerCase()) ?? fields.find((x) => x.aliases.includes(normalizeHeader(name)))
    if (!fd) throw new AppError('XLSX_MAPPING', msg('sheet.mappingField', { name, what, list: fields.map((x) => `${x.key} (${x.label})`).join(', ') }))
    if (fd.key in out) throw new AppError('XLSX_MAPPING', msg('sheet.mappingTwice', { field: fd.key, a: out[fd.key] ?? '', b: column }))
    out[fd.key] = column
  }
  return out
}

const texts = (cells: CellValue[]) => [...new Set(cells.map((c) => readText(c)).filter((t): t is string => t !== null))]
/** "J U M L A H" → "JUMLAH": offices space out the letters of a totals label. */
const unspaced = (t: string) => (/^(\p{L}\s+)+\p{L}$/u.test(t) ? t.replace(/\s+/g, '') : t)
const looksLikeNik = (c: CellValue) => (typeof c === 'number' && c > 1e14) || (typeof c === 'string' && /^'?\d{16}$/.test(c.replace(/[\s.-]/g, '')))

const TOTAL = /^(jumlah|total|sub\s?total|grand\s?total|rekapitulasi|rekap)\b/i
const SIGNATURE = /^(mengetahui|menyetujui|diketahui|disetujui|dibuat oleh|yang membuat|pembuat daftar|nip\b|nip\.|a\.\s?n\.?\s|an\.\s|plt\.?\s|plh\.?\s)/i
/** "Sei Rampah, 30 November 2026", "Sei Rampah,      November 2026" (day left to write by hand). */
const PLACE_DATE = /^[\p{L}][\p{L} .'-]*,\s*(\d{1,2}\s+)?\p{L}+\.?\s+\d{4}$|^[\p{L}][\p{L} .'-]*,\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/u

/** A totals label stands at the left, up to the first data column ("JUMLAH" merged over No and Nama); a note further right is data. */
const isTotalRow = (cells: CellValue[], upTo: number) =>
  !cells.some(looksLikeNik) && cells.slice(0, upTo + 1).some((c) => typeof c === 'string' && TOTAL.test(unspaced(c.trim())))
/** "Mengetahui,", "NIP. …": words that never stand in a data row. */
const isSignatureRow = (cells: CellValue[]) => {
  const t = texts(cells)
  return t.length <= 3 && t.some((x) => SIGNATURE.test(x))
}
/** "Sei Rampah, 30 November 2026" above the signatures; looks like a Tempat/Tgl Lahir cell, so only trusted after the data. */
const isPlaceDateRow = (cells: CellValue[]) => {
  const t = texts(cells)
  return t.length <= 3 && t.some((x) => PLACE_DATE.test(x))
}
/** One or two texts and nothing else: a note or a name under a signature, not a data row. */
const isSparseText = (cells: CellValue[]) => texts(cells).length <= 2 && cells.every((c) => c === null || typeof c === 'string') && !cells.some(looksLikeNik)
/** The column numbers some offices print under the header: 1, 2, 3, … */
const isNumberRow = (cells: CellValue[]) => {
  const n = cells.map((c) => (typeof c === 'number' ? c : typeof c === 'string' && /^\(?\d{1,2}\)?$/.test(c.trim()) ? Number(c.replace(/\D/g, '')) : c === null ? null : NaN))
  const given = n.filter((x) => x !== null) as number[]
  return given.length >= 3 && given.every((x, i) => x === given[0] + i)
}

const REASON = { number: 'baris nomor kolom', total: 'baris jumlah', footer: 'blok jumlah/tanda tangan' } as const

/**
 * Splits the rows under the header into data and what is not data: the column-number row,
 * total rows ("JUMLAH", also between groups), and the block under the table from the first
 * signature line ("Mengetahui,", "NIP. …") to the end. A place-and-date line ("Sei Rampah,
 * 30 November 2026") or a lone text after an empty row starts that block only when no data
 * row follows: `required` are the columns every data row fills.
 */
export function separateBody(sheet: Sheet, required: number[]): { rows: SheetRow[]; ignored: ImportIgnored[] } {
  const rows = sheet.rows
  const leftmost = required.length ? Math.max(0, Math.min(...required.filter((c) => c >= 0))) : 0
  const isTotal = (r: SheetRow) => isTotalRow(r.cells, leftmost)
  const kind: (keyof typeof REASON | null)[] = rows.map(() => null)
  const isData = (r: SheetRow) => required.every((c) => readText(r.cells[c] ?? null) !== null) && !isTotal(r) && !isSignatureRow(r.cells)
  let lastData = rows.length - 1
  while (lastData >= 0 && !isData(rows[lastData])) lastData--
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    if (i === 0 && isNumberRow(r.cells)) kind[i] = 'number'
    else if (isTotal(r)) kind[i] = 'total'
    else if (isSignatureRow(r.cells) || (i > lastData && (isPlaceDateRow(r.cells) || (r.afterBlank && isSparseText(r.cells))))) {
      for (let j = i; j < rows.length; j++) kind[j] = 'footer'
      break
    }
  }
  const ignored: ImportIgnored[] = []
  for (let i = 0; i < rows.length; i++) {
    const k = kind[i]
    if (!k) continue
    const last = ignored[ignored.length - 1]
    const reason = REASON[k]
    // Totals right above the signature block are one block: "Baris 48–55 … jumlah/tanda tangan".
    if (last && kind[i - 1] && kind[i - 1] !== 'number' && k !== 'number') {
      last.to = rows[i].row
      if (k === 'footer') (last.kind = k), (last.reason = REASON.footer)
    } else {
      ignored.push({ from: rows[i].row, to: rows[i].row, kind: k, reason, text: texts(rows[i].cells)[0]?.slice(0, 60) ?? '' })
    }
  }
  return { rows: rows.filter((_, i) => !kind[i]), ignored }
}

/** "Baris 48–55 diabaikan: blok jumlah/tanda tangan (mulai "JUMLAH")". */
export function ignoredNotice(b: ImportIgnored): string {
  return `Baris ${b.from}${b.to > b.from ? `–${b.to}` : ''} diabaikan: ${b.reason}${b.text ? ` (${b.to > b.from ? 'mulai ' : ''}"${b.text}")` : ''}`
}

/** What the preview tells about how the sheet was read, before the per-row report. */
export function sheetNotices(sheet: Sheet, ignored: ImportIgnored[]): string[] {
  const out: string[] = []
  if (sheet.headerEnd > sheet.headerRow) {
    const merged = sheet.headers.filter((_, i) => (sheet.headerParts[i]?.length ?? 0) > 1)
    out.push(`Judul kolom bertingkat di baris ${sheet.headerRow}–${sheet.headerEnd}${merged.length ? `; kolom dibaca sebagai ${merged.map((h) => `"${h}"`).join(', ')}` : ''}.`)
  }
  out.push(...ignored.map(ignoredNotice))
  return out
}
