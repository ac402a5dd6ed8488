/**
 * Monthly reports from a spreadsheet: the kecamatan recap sheet offices already keep (one
 * row per posyandu, a column per field, title rows and totals around it). Reuses the
 * registry's sheet reader (src/core/registry/sheet.ts) for limits, headers, column
 * mapping and the rows to leave out; each row is checked with the same validateValues as
 * the grid, with the period before, and nothing is written while any row has an error
 * unless "import the valid rows" is chosen.
 */
import type { FormImportPreview, FormImportRow } from '../../shared/contract/forms'
import type { FormDef, FormField, FormValues } from '../../shared/forms/form'
import { previousPeriod, validateValues } from '../../shared/forms/form'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { listPosyandu } from '../evaluation/posyandu'
import { normalizeHeader, normalizeName, readNumber, readText, type CellValue } from '../registry/cells'
import { findTable, loadWorkbook, mapColumns, pairsToMapping, separateBody, sheetNotices, type SheetField } from '../registry/sheet'
import { compiled, getForm } from './definitions'
import { checkPeriod, readReports, saveFormReports, type FormItem } from './reports'
import { msg, type Msg, type Said, saidMsg, sayText } from '../../shared/messages'


const field = (key: string, label: string, required: boolean, ...aliases: string[]): SheetField => ({ key, label, required, aliases: [label, ...aliases].filter(Boolean).map(normalizeHeader) })

/** The columns a recap sheet of this form can have: the posyandu, its desa, then every field (by its short label, label, key or English label). */
export function sheetFields(form: FormDef): SheetField[] {
  return [
    field('posyandu', 'Nama Posyandu', true, 'Posyandu', 'Nama'),
    field('desa', 'Desa/Kelurahan', false, 'Desa', 'Kelurahan'),
    ...form.fields.map((f) => field(f.key, f.short ?? f.label.id, false, f.label.id, f.key, f.label.en)),
  ]
}

function readCell(f: FormField, v: CellValue, period: string): { value: FormValues[string]; error?: Msg } {
  if (v === null || v === '') return { value: null }
  switch (f.type) {
    case 'integer':
    case 'number': {
      const n = readNumber(v)
      return n === undefined || n === null ? { value: null, error: msg('forms.cellNotNumber', { field: f.short ?? f.label, v: String(v).slice(0, 20) }) } : { value: n }
    }
    case 'yesno': {
      const t = String(v).trim().toLowerCase()
      if (v === true || ['ya', 'y', '1', 'v', 'buka', 'yes'].includes(t)) return { value: true }
      if (v === false || ['tidak', 't', '0', 'x', 'tidak buka', 'no'].includes(t)) return { value: false }
      return { value: null, error: msg('forms.cellYesNo', { field: f.short ?? f.label }) }
    }
    case 'date': {
      if (v instanceof Date) return { value: v.toISOString().slice(0, 10) }
      const t = String(v).trim()
      return { value: /^\d{1,2}$/.test(t) && period.length === 7 ? `${period}-${t.padStart(2, '0')}` : t }
    }
    default:
      return { value: readText(v) }
  }
}

async function plan(ctx: Ctx, code: string, period: string, data: Buffer, mapping?: Record<string, string | null>) {
  const office = ctx.requireOffice()
  const form = getForm(ctx.sqlite, office.wilayahCode, code)
  checkPeriod(form, period)
  const fields = sheetFields(form)
  const read = findTable(await loadWorkbook(data), fields, `laporan ${form.code}`)
  const map = mapColumns(fields, read, mapping)
  const index = Object.fromEntries(Object.entries(map).map(([k, h]) => [k, h === null ? -1 : read.headers.indexOf(h)]))
  if (index.posyandu < 0) throw new AppError('XLSX_NO_POSYANDU', msg('forms.noPosyanduColumn'))
  const body = separateBody(read, [index.posyandu])
  const all = listPosyandu(ctx.sqlite, office.wilayahCode)
  const byName = new Map<string, typeof all>()
  for (const p of all) byName.set(normalizeName(p.name), [...(byName.get(normalizeName(p.name)) ?? []), p])
  const cf = compiled(form)
  const previous = readReports(ctx, form, previousPeriod(period), all.map((p) => p.id))
  const seen = new Map<string, number>()
  // A row with a name and no value in any field column is not a report (a signature, a note).
  const hasValues = (cells: CellValue[]) => form.fields.some((f) => index[f.key] >= 0 && readText(cells[index[f.key]] ?? null) !== null)
  const empty = body.rows.filter((r) => !hasValues(r.cells))
  const rows: FormImportRow[] = body.rows.filter((r) => hasValues(r.cells)).map((r) => {
    const get = (k: string) => (index[k] >= 0 ? (r.cells[index[k]] ?? null) : null)
    const errors: Said[] = []
    const warnings: Said[] = []
    const name = readText(get('posyandu'))
    const desa = readText(get('desa'))
    let candidates = name ? (byName.get(normalizeName(name)) ?? byName.get(normalizeName(`Posyandu ${name}`)) ?? []) : []
    if (candidates.length > 1 && desa) candidates = candidates.filter((p) => normalizeName(p.desaName) === normalizeName(desa))
    const p = candidates.length === 1 ? candidates[0] : null
    if (!p) errors.push(candidates.length > 1 ? msg('forms.posyanduSeveral', { name: name ?? '' }) : msg('forms.posyanduUnknown', { name: name ?? '' }))
    else if (seen.has(p.id)) errors.push(msg('forms.posyanduSameRow', { name: p.name, row: seen.get(p.id) ?? 0 }))
    else seen.set(p.id, r.row)
    const values: FormValues = {}
    for (const f of form.fields) {
      if (index[f.key] < 0) continue
      const c = readCell(f, get(f.key), period)
      if (c.error) errors.push(c.error)
      values[f.key] = c.value
    }
    for (const i of validateValues(cf, values, p ? (previous.get(p.id)?.values ?? null) : null, period)) (i.severity === 'error' ? errors : warnings).push(msg('text.loc', { text: i.message }))
    const errorMsgs = errors.map(saidMsg)
    const warningMsgs = warnings.map(saidMsg)
    return { row: r.row, posyandu: p?.name ?? name, posyanduId: p?.id ?? null, values, errors: errors.map(sayText), warnings: warnings.map(sayText), errorMsgs, warningMsgs }
  })
  const preview: FormImportPreview = {
    form: { code: form.code, version: form.version },
    period,
    sheet: read.name,
    headers: read.headers,
    mapping: map,
    rows,
    counts: { valid: rows.filter((r) => !r.errors.length).length, error: rows.filter((r) => r.errors.length).length },
    notices: [...sheetNotices({ ...read, rows: body.rows }, body.ignored), ...empty.map((r) => `Baris ${r.row} diabaikan: tidak ada isian laporan ("${readText(r.cells[index.posyandu] ?? null) ?? ''}")`)],
  }
  return { preview, form }
}

/** `--map "Kolom=field"` pairs for a form's recap sheet (the field by key or label). */
export function formMappingFromPairs(ctx: Ctx, code: string, pairs: string[]): Record<string, string | null> {
  const form = getForm(ctx.sqlite, ctx.requireOffice().wilayahCode, code)
  return pairsToMapping(sheetFields(form), pairs, `laporan ${form.code}`)
}

/** The dry run: how each row was read and what is wrong with it; nothing is written. */
export async function previewFormImport(ctx: Ctx, code: string, period: string, data: Buffer, mapping?: Record<string, string | null>): Promise<FormImportPreview> {
  return (await plan(ctx, code, period, data, mapping)).preview
}

/** Saves the rows (all or nothing; with `validOnly`, the rows without errors). */
export async function applyFormImport(ctx: Ctx, code: string, period: string, data: Buffer, mapping: Record<string, string | null> | undefined, validOnly: boolean) {
  const { preview, form } = await plan(ctx, code, period, data, mapping)
  if (preview.counts.error && !validOnly) {
    const first = preview.rows.filter((r) => r.errors.length).slice(0, 5).map((r) => `baris ${r.row}: ${r.errors.join('; ')}`)
    throw new AppError('XLSX_ROWS_INVALID', msg('forms.rowsInvalid', { n: preview.counts.error, first: first.join(' · ') }), preview.rows.filter((r) => r.errors.length))
  }
  const items: FormItem[] = preview.rows.filter((r) => !r.errors.length && r.posyanduId).map((r) => ({ posyanduId: r.posyanduId!, period, values: r.values, formVersion: form.version }))
  if (!items.length) throw new AppError('XLSX_NOTHING', msg('forms.nothing'))
  const saved = saveFormReports(ctx, code, items)
  return { saved: saved.length, skipped: preview.counts.error, preview }
}
