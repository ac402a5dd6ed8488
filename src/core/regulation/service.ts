import type Database from 'better-sqlite3'
import type { RegulationSummary } from '../../shared/contract/regulation'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow } from '../db/rows'

const COLS = `id, scope, kind, number, year, title, date_signed AS dateSigned, status, changed_by_id AS changedById`

type Raw = Omit<RegulationSummary, 'label'>

export const regulationLabel = (r: Pick<Raw, 'kind' | 'number' | 'year' | 'title'>) =>
  `${r.kind} No. ${r.number}${r.number.includes(String(r.year)) ? '' : ` Tahun ${r.year}`} — ${r.title}`

const withLabel = (r: Raw): RegulationSummary => ({ ...r, label: regulationLabel(r) })

export function searchRegulations(sqlite: Database.Database, text: string, kind: string | undefined, limit: number): RegulationSummary[] {
  const like = `%${text.replace(/[%_]/g, '')}%`
  const rows = sqlite
    .prepare(
      `SELECT ${COLS} FROM regulation
       WHERE deleted_at IS NULL AND (? IS NULL OR kind = ?)
         AND (kind || ' ' || number || ' ' || year || ' ' || title) LIKE ?
       ORDER BY year DESC, kind, number LIMIT ?`,
    )
    .all(kind ?? null, kind ?? null, like, limit) as Raw[]
  return rows.map(withLabel)
}

export function getRegulation(sqlite: Database.Database, id: string): RegulationSummary | null {
  const r = sqlite.prepare(`SELECT ${COLS} FROM regulation WHERE id = ?`).get(id) as Raw | undefined
  return r ? withLabel(r) : null
}

export interface RegulationFields {
  kind: string
  number: string
  year: number
  title: string
  dateSigned?: string | null
  notes?: string | null
}

/** Kabupaten regulations are master data (scope = kabupaten); a kecamatan's own (SK Camat) stay in its scope. */
export function createRegulation(ctx: Ctx, f: RegulationFields): RegulationSummary {
  const dup = ctx.sqlite
    .prepare(`SELECT id FROM regulation WHERE deleted_at IS NULL AND kind = ? AND number = ? AND year = ?`)
    .get(f.kind, f.number, f.year)
  if (dup) throw new AppError('REGULATION_EXISTS', `${f.kind} nomor ${f.number} tahun ${f.year} sudah terdaftar.`)
  const row = insertRow(ctx, 'regulation', {
    kind: f.kind,
    number: f.number,
    year: f.year,
    title: f.title,
    date_signed: f.dateSigned ?? null,
    notes: f.notes ?? null,
    status: 'berlaku',
  })
  return getRegulation(ctx.sqlite, row.id)!
}
