import type ExcelJS from 'exceljs'
import { excel } from '../excel'
import {
  kaderInput,
  posyanduInput,
  type FileOut,
  type ImportField,
  type ImportKind,
  type ImportPreview,
  type ImportResult,
  type ImportRowReport,
  type KaderFilter,
  type KaderInput,
  type PosyanduFilter,
  type PosyanduInput,
} from '../../shared/contract/registry'
import { compareNik, decodeNik } from '../../shared/nik'
import { AppError } from '../../shared/result'
import { dateLoc, issueMsg, msg, saidMsg, sayText, type Msg, type Said } from '../../shared/messages'
import type { Ctx } from '../context'
import { requireRow } from '../db/rows'
import { officeArea, placesInArea, todayOf } from './area'
import { normalizeHeader, normalizeName, parseDateCell, readNikCell, readNumber, readPhone, readSex, readText, splitPlaceDate, type CellValue } from './cells'
import { getKader, kaderRows, KADER_SORT, possibleDuplicateMsgs, writeKader } from './kader'
import { checkNik } from './nik'
import { listPosyandu, posyanduFromRow, savePosyandu } from './posyandu'
import { findTable, loadWorkbook, mapColumns, pairsToMapping, separateBody, sheetNotices, XLSX_LIMITS, type Sheet, type SheetField } from './sheet'
import { withBulk } from '../db/bulk'
import { reportProgress, throwIfCancelled } from '../jobs'
import { isWithin } from '../../shared/area'

export { XLSX_LIMITS, type Sheet } from './sheet'

type FieldDef = SheetField & ImportField

const f = (key: string, label: string, required: boolean, ...aliases: string[]): FieldDef => ({ key, label, required, aliases: [label, ...aliases].map(normalizeHeader) })

/** Column headers as offices write them; the first is what Simpul exports. */
export const FIELDS: Record<ImportKind, FieldDef[]> = {
  kader: [
    f('name', 'Nama Kader', true, 'Nama', 'Nama Lengkap', 'Nama Kader Posyandu'),
    f('nik', 'NIK', true, 'No NIK', 'Nomor NIK', 'No KTP', 'Nomor Induk Kependudukan', 'NIK KTP'),
    f('sex', 'Jenis Kelamin', false, 'JK', 'L/P', 'Kelamin', 'Jns Kelamin'),
    f('birthDate', 'Tgl Lahir', false, 'Tanggal Lahir', 'Tgl. Lahir', 'Tgl_Lahir', 'Tanggal Lahir (HH/BB/TTTT)'),
    f('birthPlace', 'Tempat Lahir', false, 'Tmp Lahir', 'Tmpt Lahir', 'Tempat'),
    // One column for both, as on the KTP: "Sei Rampah, 22 Januari 1994"; split on import.
    f('birthPlaceDate', 'Tempat/Tgl Lahir', false, 'Tempat/Tanggal Lahir', 'Tempat Tanggal Lahir', 'Tempat Tgl Lahir', 'Tempat dan Tanggal Lahir', 'TTL', 'Tmp/Tgl Lahir', 'Tmpt/Tgl Lahir', 'Tempat/Tgl Lhr'),
    f('phone', 'No HP', false, 'No. HP', 'Nomor HP', 'HP', 'No Telp', 'Telepon', 'No HP/WA'),
    f('education', 'Pendidikan', false, 'Pendidikan Terakhir'),
    f('role', 'Jabatan', false, 'Peran', 'Kedudukan', 'Jabatan di Posyandu'),
    f('posyandu', 'Nama Posyandu', true, 'Posyandu'),
    f('desa', 'Desa/Kelurahan', true, 'Desa', 'Kelurahan', 'Nama Desa', 'Desa/Kel'),
    f('kecamatan', 'Kecamatan', false, 'Kec'),
    f('activeFrom', 'Aktif Sejak', false, 'TMT', 'Mulai Aktif', 'Tgl Mulai'),
  ],
  posyandu: [
    f('name', 'Nama Posyandu', true, 'Posyandu', 'Nama'),
    f('desa', 'Desa/Kelurahan', true, 'Desa', 'Kelurahan', 'Nama Desa', 'Desa/Kel'),
    f('kecamatan', 'Kecamatan', false, 'Kec'),
    f('address', 'Alamat', false, 'Alamat Posyandu'),
    f('rt', 'RT', false),
    f('rw', 'RW', false),
    f('yearFounded', 'Tahun Berdiri', false, 'Thn Berdiri', 'Tahun Dibentuk'),
    f('kemendagriNumber', 'No Registrasi', false, 'Nomor Registrasi', 'No Reg Kemendagri', 'Nomor Registrasi Kemendagri'),
    f('latitude', 'Lintang', false, 'Latitude', 'Lat'),
    f('longitude', 'Bujur', false, 'Longitude', 'Long', 'Lng'),
    f('status', 'Status', false),
    f('statusDate', 'Tgl Status', false, 'Tanggal Status', 'Tgl Nonaktif'),
    f('statusReason', 'Alasan Status', false, 'Alasan', 'Alasan Nonaktif'),
  ],
}

/** Reads the table of an .xlsx: title block, one- or multi-row header, rows under it. */
export async function readSheet(data: Buffer, kind: ImportKind, limits = XLSX_LIMITS): Promise<Sheet> {
  return findTable(await loadWorkbook(data, limits), FIELDS[kind], kind, limits)
}

/**
 * `--map "Kolom=field"` pairs (the field by key, label or a header alias) as a mapping for
 * `previewImport`/`applyImport`. The column is resolved against the sheet later.
 */
export function mappingFromPairs(kind: ImportKind, pairs: string[]): Record<string, string | null> {
  return pairsToMapping(FIELDS[kind], pairs, kind)
}

/** A row's report as planned: reasons and warnings by key where they have one (`keyedReport` turns them into the preview's). */
type RowReport = Omit<ImportRowReport, 'reasons' | 'warnings'> & { reasons: Said[]; warnings: Said[] }

/** What a cell reader or resolver threw, by key when it has one. */
const saidOf = (e: unknown): Said => (e instanceof AppError && e.msg) || (e as Error).message
/** The same under the column's name ("Tgl lahir: …"). */
const underColumn = (column: string, e: unknown): Msg => msg('sheet.prefixed', { field: msg(`sheet.column.${column}`), text: saidOf(e) })

interface Planned<T> {
  report: RowReport
  input?: T
  id?: string
}

/** Resolves desa (and optional kecamatan) names within the office area. */
function desaResolver(ctx: Ctx) {
  const places = placesInArea(ctx.sqlite, officeArea(ctx))
  const kecByName = new Map(places.kecamatan.map((k) => [normalizeName(k.name), k.code]))
  return (desa: string | null, kec: string | null): string => {
    if (!desa) throw new AppError('CELL_UNREADABLE', msg('sheet.desaEmpty'))
    if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(desa.trim())) {
      const hit = places.desa.find((d) => d.code === desa.trim())
      if (!hit) throw new AppError('CELL_UNREADABLE', msg('sheet.desaCodeOutside', { code: desa }))
      return hit.code
    }
    const kecCode = kec ? kecByName.get(normalizeName(kec)) : undefined
    if (kec && !kecCode) throw new AppError('CELL_UNREADABLE', msg('sheet.kecamatanOutside', { name: kec }))
    const hits = places.desa.filter((d) => normalizeName(d.name) === normalizeName(desa) && (!kecCode || d.kecamatanCode === kecCode))
    if (hits.length === 0) throw new AppError('CELL_UNREADABLE', kec ? msg('sheet.desaOutsideKec', { name: desa, kec }) : msg('sheet.desaOutside', { name: desa }))
    if (hits.length > 1) throw new AppError('CELL_UNREADABLE', msg('sheet.desaAmbiguous', { n: hits.length, name: desa }))
    return hits[0].code
  }
}

const zodReasons = (issues: { path: PropertyKey[]; message: string; params?: Record<string, unknown> }[]): Said[] => issues.map((i) => issueMsg(i) ?? i.message)

function planPosyandu(ctx: Ctx, sheet: Sheet, get: (cells: CellValue[], key: string) => CellValue): Planned<PosyanduInput>[] {
  const resolveDesa = desaResolver(ctx)
  const today = todayOf(ctx)
  const seen = new Map<string, number>()
  const find = ctx.sqlite.prepare(`SELECT id FROM posyandu WHERE desa_code = ? AND lower(name) = lower(?) AND deleted_at IS NULL`)
  return sheet.rows.map(({ row, cells }) => {
    const reasons: Said[] = []
    const name = readText(get(cells, 'name'))
    const report: RowReport = { row, status: 'error', reasons, warnings: [], label: name ?? '' }
    if (!name) reasons.push(msg('sheet.posyanduNameEmpty'))
    let desaCode = ''
    try {
      desaCode = resolveDesa(readText(get(cells, 'desa')), readText(get(cells, 'kecamatan')))
    } catch (e) {
      reasons.push(saidOf(e))
    }
    const num = (key: 'yearFounded' | 'latitude' | 'longitude') => {
      const n = readNumber(get(cells, key))
      if (n === undefined) reasons.push(msg('sheet.notNumber', { what: msg(`sheet.column.${key}`) }))
      return n ?? null
    }
    let statusDate: string | null = null
    try {
      statusDate = parseDateCell(get(cells, 'statusDate'), today)
    } catch (e) {
      reasons.push(underColumn('statusDate', e))
    }
    const statusText = readText(get(cells, 'status'))?.toLowerCase().replace(/[^a-z]/g, '')
    const status = !statusText ? undefined : statusText === 'aktif' ? 'aktif' : ['nonaktif', 'tidakaktif', 'tutup'].includes(statusText) ? 'nonaktif' : null
    if (status === null) reasons.push(msg('sheet.statusUnknown', { text: readText(get(cells, 'status')) ?? '' }))
    const candidate = {
      name: name ?? '',
      desaCode,
      address: readText(get(cells, 'address')),
      rt: readText(get(cells, 'rt')),
      rw: readText(get(cells, 'rw')),
      yearFounded: num('yearFounded'),
      kemendagriNumber: readText(get(cells, 'kemendagriNumber')),
      latitude: num('latitude'),
      longitude: num('longitude'),
      status: status ?? undefined,
      statusDate,
      statusReason: readText(get(cells, 'statusReason')),
    }
    if (reasons.length) return { report }
    const parsed = posyanduInput.safeParse(candidate)
    if (!parsed.success) return (reasons.push(...zodReasons(parsed.error.issues)), { report })
    const key = `${desaCode}|${normalizeName(name!)}`
    if (seen.has(key)) return (reasons.push(msg('sheet.posyanduSameRow', { row: seen.get(key) ?? 0 })), { report })
    seen.set(key, row)
    const existing = find.get(desaCode, parsed.data.name) as { id: string } | undefined
    if (!existing) return (report.status = 'new', { report, input: parsed.data })
    const current = posyanduFromRow(ctx, requireRow(ctx.sqlite, 'posyandu', existing.id))
    // Only what the sheet gives changes a stored posyandu: empty cells and the model flags
    // (not a spreadsheet column) keep what is stored.
    const given = Object.fromEntries(Object.entries(parsed.data).filter(([k, v]) => v !== null && (candidate as Record<string, unknown>)[k] != null))
    const merged: PosyanduInput = { ...current, ...given }
    const changes = (Object.keys(given) as (keyof PosyanduInput)[]).filter((k) => merged[k] !== current[k])
    report.status = changes.length ? 'changed' : 'unchanged'
    report.changes = changes
    return { report, input: merged, id: existing.id }
  })
}

function planKader(ctx: Ctx, sheet: Sheet, get: (cells: CellValue[], key: string) => CellValue, mapped: (key: string) => boolean): Planned<KaderInput>[] {
  const resolveDesa = desaResolver(ctx)
  const today = todayOf(ctx)
  const seen = new Map<string, number>()
  const posyanduStmt = ctx.sqlite.prepare(`SELECT id, name FROM posyandu WHERE desa_code = ? AND deleted_at IS NULL`)
  // Thousands of rows share a few desa and NIK regions: look each up once.
  const posyanduOfDesa = memo((desa: string) => posyanduStmt.all(desa) as { id: string; name: string }[])
  const regionWarnings = memo((_region: string, nik?: string): Said[] => checkNik(ctx.sqlite, ctx.clock, nik!).warnings.map((w) => w.msg ?? w.message))
  const findKader = ctx.sqlite.prepare(`SELECT id, scope FROM kader WHERE nik = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`)
  const area = officeArea(ctx)
  return sheet.rows.map(({ row, cells }) => {
    const reasons: Said[] = []
    const warnings: Said[] = []
    const name = readText(get(cells, 'name'))
    const report: RowReport = { row, status: 'error', reasons, warnings, label: name ?? '' }
    if (!name) reasons.push(msg('sheet.kaderNameEmpty'))
    const nikCell = readNikCell(get(cells, 'nik'))
    if (nikCell.warning) warnings.push(nikCell.warning)
    let decoded = null
    if (nikCell.error) reasons.push(nikCell.error)
    else if (!nikCell.nik) reasons.push(msg('sheet.nikEmpty'))
    else {
      const d = decodeNik(nikCell.nik, today)
      if (d.decoded) decoded = d.decoded
      else reasons.push(...d.errors.map((e) => e.msg ?? e.message))
    }
    report.label = [name, nikCell.nik].filter(Boolean).join(' · ')
    let birthDate: string | null = null
    let birthPlace = readText(get(cells, 'birthPlace'))
    let activeFrom: string | null = null
    try {
      birthDate = parseDateCell(get(cells, 'birthDate'), today)
    } catch (e) {
      reasons.push(underColumn('birthDate', e))
    }
    try {
      // "Sei Rampah, 22 Januari 1994": the date is compared with the NIK like any birth date.
      const ttl = splitPlaceDate(get(cells, 'birthPlaceDate'), today)
      if (ttl.date && birthDate && ttl.date !== birthDate) reasons.push(msg('sheet.birthDiffers', { date: birthDate, ttl: ttl.date }))
      birthDate ??= ttl.date
      birthPlace ??= ttl.place
    } catch (e) {
      reasons.push(underColumn('placeDate', e))
    }
    try {
      activeFrom = parseDateCell(get(cells, 'activeFrom'), today)
    } catch (e) {
      reasons.push(underColumn('activeFrom', e))
    }
    const sex = readSex(get(cells, 'sex'))
    if (sex === undefined) reasons.push(msg('sheet.sexUnknown', { text: readText(get(cells, 'sex')) ?? '' }))
    const roleText = readText(get(cells, 'role'))?.toLowerCase().replace('sekertaris', 'sekretaris') ?? 'anggota'
    const role = roleText === 'kader' ? 'anggota' : roleText
    if (!['ketua', 'sekretaris', 'bendahara', 'anggota'].includes(role)) reasons.push(msg('sheet.roleUnknown', { text: roleText }))
    let posyanduId = ''
    try {
      const desaCode = resolveDesa(readText(get(cells, 'desa')), readText(get(cells, 'kecamatan')))
      const pName = readText(get(cells, 'posyandu'))
      if (!pName) throw new AppError('CELL_UNREADABLE', msg('sheet.posyanduNameEmpty'))
      const hit = posyanduOfDesa(desaCode).find((p) => normalizeName(p.name) === normalizeName(pName))
      if (!hit) throw new AppError('CELL_UNREADABLE', msg('sheet.posyanduNotInDesa', { name: pName }))
      posyanduId = hit.id
    } catch (e) {
      reasons.push(saidOf(e))
    }
    if (reasons.length || !decoded) return { report }
    const educationText = readText(get(cells, 'education'))
    const candidate = {
      nik: decoded.nik,
      name: name!,
      sex: sex ?? decoded.sex,
      birthDate: birthDate ?? decoded.birthDate,
      birthPlace,
      phone: readPhone(get(cells, 'phone')),
      education: educationText ? educationText : null,
      role,
      posyanduId,
      activeFrom,
    }
    const parsed = kaderInput.safeParse({ ...candidate, education: matchEducation(educationText) })
    if (!parsed.success) return (reasons.push(...zodReasons(parsed.error.issues)), { report })
    if (educationText && !parsed.data.education) warnings.push(msg('sheet.educationUnknown', { text: educationText }))
    if (seen.has(decoded.nik)) return (reasons.push(msg('sheet.nikSameRow', { row: seen.get(decoded.nik) ?? 0 })), { report })
    seen.set(decoded.nik, row)
    warnings.push(...regionWarnings(decoded.kecamatanCode, decoded.nik), ...compareNik(decoded, { birthDate, sex }).map((w) => w.msg ?? w.message))
    const existing = findKader.get(decoded.nik) as { id: string; scope: string } | undefined
    // A birth-date column left empty: the NIK's date is used for a new kader, and said so.
    if (!birthDate && !existing && (mapped('birthDate') || mapped('birthPlaceDate'))) {
      warnings.push(msg('sheet.birthFromNik', { date: dateLoc(decoded.birthDate) }))
    }
    if (existing && !isWithin(existing.scope, area)) {
      return (reasons.push(msg('sheet.nikOutside', { scope: existing.scope })), { report })
    }
    if (!existing) {
      warnings.push(...possibleDuplicateMsgs(ctx, { nik: decoded.nik, name: parsed.data.name, birthDate: parsed.data.birthDate }))
      return (report.status = 'new', { report, input: parsed.data })
    }
    const current = getKader(ctx, existing.id)
    // Empty cells keep what is stored (also the birth date and sex the NIK would give).
    const given = Object.fromEntries(
      Object.entries(parsed.data).filter(([k, v]) => v !== null && (k !== 'role' || readText(get(cells, 'role'))) && (k !== 'birthDate' || birthDate) && (k !== 'sex' || sex)),
    )
    const merged: KaderInput = { ...current, ...given, trainings: current.trainings }
    const keys = ['name', 'sex', 'birthDate', 'birthPlace', 'phone', 'education', 'role', 'posyanduId', 'activeFrom'] as const
    const changes = keys.filter((k) => merged[k] !== current[k])
    report.status = changes.length ? 'changed' : 'unchanged'
    report.changes = changes
    return { report, input: merged, id: existing.id }
  })
}

/** Caches a function of one key (extra arguments only help compute the first answer). */
function memo<A extends unknown[], R>(fn: (key: string, ...rest: A) => R): (key: string, ...rest: A) => R {
  const cache = new Map<string, R>()
  return (key, ...rest) => {
    if (!cache.has(key)) cache.set(key, fn(key, ...rest))
    return cache.get(key)!
  }
}

function matchEducation(text: string | null): KaderInput['education'] {
  if (!text) return null
  const t = text.toUpperCase().replace(/[^A-Z0-9]/g, '')
  if (/^(SD|MI)/.test(t)) return 'SD'
  if (/^(SMP|MTS|SLTP)/.test(t)) return 'SMP'
  if (/^(SMA|SMK|MA|SLTA|STM|SMEA)/.test(t)) return 'SMA/SMK'
  if (/^D[123]/.test(t)) return 'D1-D3'
  if (/^(S1|D4)/.test(t)) return 'S1/D4'
  if (/^(S2|S3)/.test(t)) return 'S2/S3'
  if (/TIDAK|BELUM/.test(t)) return 'Tidak sekolah'
  return null
}

async function plan(ctx: Ctx, kind: ImportKind, data: Buffer, mapping?: Record<string, string | null>) {
  const read = await readSheet(data, kind)
  const map = mapColumns(FIELDS[kind], read, mapping)
  const index = Object.fromEntries(Object.entries(map).map(([k, h]) => [k, h === null ? -1 : read.headers.indexOf(h)]))
  const get = (cells: CellValue[], key: string) => (index[key] >= 0 ? (cells[index[key]] ?? null) : null)
  const mapped = (key: string) => index[key] >= 0
  // Totals, column numbers and the signature block under the table are left out, and said so.
  const body = separateBody(read, FIELDS[kind].filter((x) => x.required).map((x) => index[x.key]))
  const sheet: Sheet = { ...read, rows: body.rows }
  const planned = kind === 'kader' ? planKader(ctx, sheet, get, mapped) : planPosyandu(ctx, sheet, get)
  const rows = planned.map((p) => keyedReport(p.report))
  const counts = { new: 0, changed: 0, unchanged: 0, error: 0 }
  for (const r of rows) counts[r.status]++
  const preview: ImportPreview = {
    kind,
    sheet: sheet.name,
    headers: sheet.headers,
    headerRows: { from: sheet.headerRow, to: sheet.headerEnd },
    fields: FIELDS[kind].map(({ aliases: _a, ...x }) => x),
    mapping: map,
    rows,
    counts,
    ignored: body.ignored,
    notices: sheetNotices(sheet, body.ignored),
  }
  return { preview, planned, sheet }
}

export async function previewImport(ctx: Ctx, kind: ImportKind, data: Buffer, mapping?: Record<string, string | null>): Promise<ImportPreview> {
  return (await plan(ctx, kind, data, mapping)).preview
}

/**
 * Applies a spreadsheet in one transaction. With any error row nothing is written unless
 * `validOnly` says to import the valid rows and leave the others.
 */
/** From this many rows on, a sheet is written in bulk mode (src/core/db/bulk.ts); below, row by row is as fast. */
export const BULK_MIN_ROWS = 200

export async function applyImport(ctx: Ctx, kind: ImportKind, data: Buffer, mapping: Record<string, string | null> | undefined, validOnly: boolean): Promise<ImportResult> {
  const { preview, planned } = await plan(ctx, kind, data, mapping)
  if (preview.counts.error > 0 && !validOnly) {
    throw new AppError('IMPORT_HAS_ERRORS', msg('sheet.hasErrors', { n: preview.counts.error }), preview)
  }
  let written = 0
  // The office and operator cannot change during one import: read them once, not per row.
  const office = ctx.requireOffice()
  const user = ctx.user()
  const fixed: Ctx = { ...ctx, office: () => office, requireOffice: () => office, user: () => user }
  const todo = planned.filter((p) => p.input && p.report.status !== 'unchanged' && p.report.status !== 'error')
  const write = () => {
    for (const [i, p] of todo.entries()) {
      if (i % 500 === 0) (throwIfCancelled(), reportProgress({ phase: 'menyimpan', done: i, total: todo.length }))
      // Rows were checked by the plan above; warnings were shown in the preview.
      if (kind === 'kader') writeKader(fixed, p.id, p.input as KaderInput, (p.input as KaderInput).nik)
      else savePosyandu(fixed, p.id, p.input as PosyanduInput)
      written++
    }
  }
  // A large sheet: search entries rebuilt once and audit entries batched, same transaction.
  if (todo.length >= BULK_MIN_ROWS) withBulk(ctx.sqlite, kind === 'kader' ? ['kader', 'kader_posyandu'] : ['posyandu'], write)
  else ctx.sqlite.transaction(write)()
  return { ...preview, applied: true, written }
}

const download = async (wb: ExcelJS.Workbook, fileName: string): Promise<FileOut> => ({
  fileName,
  base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
})

function styleHeader(ws: ExcelJS.Worksheet) {
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
}

/** The rows with errors, their reasons first and the original cells after, as .xlsx. */
export async function importErrorReport(ctx: Ctx, kind: ImportKind, data: Buffer, mapping?: Record<string, string | null>): Promise<FileOut> {
  const { preview, sheet } = await plan(ctx, kind, data, mapping)
  const wb = new (await excel()).Workbook()
  const ws = wb.addWorksheet('Kesalahan')
  ws.addRow(['Baris', 'Alasan', ...sheet.headers])
  styleHeader(ws)
  const byRow = new Map(sheet.rows.map((r) => [r.row, r.cells]))
  for (const r of preview.rows.filter((x) => x.status === 'error')) {
    ws.addRow([r.row, r.reasons.join('; '), ...(byRow.get(r.row) ?? []).map((c) => (typeof c === 'number' && c > 1e12 ? String(c) : c))])
  }
  ws.getColumn(2).width = 60
  return download(wb, `kesalahan-impor-${kind}.xlsx`)
}

/** The filtered list as .xlsx, with the same column names the import reads. */
export async function exportList(ctx: Ctx, req: { kind: 'posyandu'; filter: PosyanduFilter } | { kind: 'kader'; filter: KaderFilter }): Promise<FileOut> {
  const wb = new (await excel()).Workbook()
  const ws = wb.addWorksheet(req.kind === 'kader' ? 'Kader' : 'Posyandu')
  if (req.kind === 'kader') {
    const f = req.filter
    const rows = kaderRows(ctx, f, `${KADER_SORT[f.sortBy]} ${f.sortDir === 'desc' ? 'DESC' : 'ASC'}`, 1_000_000, 0)
    ws.addRow(['Nama Kader', 'NIK', 'Jenis Kelamin', 'Tempat Lahir', 'Tgl Lahir', 'No HP', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan', 'Kecamatan', 'Status'])
    ws.getColumn(2).numFmt = '@'
    for (const r of rows) {
      ws.addRow([r.name, r.nik, r.sex, r.birthPlace, r.birthDate, r.phone, r.role, r.posyanduName, r.desaName, r.kecamatanName, r.active ? 'aktif' : 'nonaktif'])
    }
  } else {
    const page = listPosyandu(ctx, { ...req.filter, page: 1, pageSize: 1_000_000 })
    ws.addRow(['Nama Posyandu', 'Desa/Kelurahan', 'Kecamatan', 'Alamat', 'RT', 'RW', 'Tahun Berdiri', 'No Registrasi', 'Model PHI', 'ILP', 'Rintisan SPM', 'Status', 'Jumlah Kader'])
    for (const r of page.rows) {
      const p = requireRow(ctx.sqlite, 'posyandu', r.id)
      ws.addRow([r.name, r.desaName, r.kecamatanName, p.address, p.rt, p.rw, r.yearFounded, p.kemendagri_number, r.isPhiModel ? 'ya' : '', r.isIlp ? 'ya' : '', r.isSpmPilot ? 'ya' : '', r.status, r.kaderCount])
    }
  }
  styleHeader(ws)
  ws.columns.forEach((c) => (c.width = 18))
  return download(wb, `${req.kind}-${todayOf(ctx)}.xlsx`)
}

/** A row's report for the preview: reasons and warnings in Indonesian, and by key where they have one (for an English preview; absent when none is keyed). */
function keyedReport(r: RowReport): ImportRowReport {
  const reasonMsgs = r.reasons.map(saidMsg)
  const warningMsgs = r.warnings.map(saidMsg)
  return {
    ...r,
    reasons: r.reasons.map(sayText),
    warnings: r.warnings.map(sayText),
    ...(reasonMsgs.some(Boolean) ? { reasonMsgs } : {}),
    ...(warningMsgs.some(Boolean) ? { warningMsgs } : {}),
  }
}
