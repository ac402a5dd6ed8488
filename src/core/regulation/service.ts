import type Database from 'better-sqlite3'
import type { RegulationDependent, RegulationDetail, RegulationSummary } from '../../shared/contract/regulation'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow, requireRow, updateRow } from '../db/rows'
import { msg } from '../../shared/messages'

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
         AND (kind || ' ' || number || ' ' || year || ' ' || title || ' ' || coalesce(notes, '')) LIKE ?
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

function refuseDuplicate(sqlite: Database.Database, f: RegulationFields, exceptId: string | null): void {
  const dup = sqlite
    .prepare(`SELECT id FROM regulation WHERE deleted_at IS NULL AND kind = ? AND number = ? AND year = ? AND id IS NOT ?`)
    .get(f.kind, f.number, f.year, exceptId)
  if (dup) throw new AppError('REGULATION_EXISTS', msg('regulation.exists', { kind: f.kind, number: f.number, year: f.year }))
}

function checkSignedYear(f: RegulationFields): void {
  if (f.dateSigned && Number(f.dateSigned.slice(0, 4)) !== f.year) {
    throw new AppError('REGULATION_DATE_YEAR', msg('regulation.dateYear', { date: f.dateSigned, year: f.year }))
  }
}

/** Kabupaten regulations are master data (scope = kabupaten); a kecamatan's own (SK Camat) stay in its scope. */
export function createRegulation(ctx: Ctx, f: RegulationFields): RegulationSummary {
  refuseDuplicate(ctx.sqlite, f, null)
  checkSignedYear(f)
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

function requireRegulation(sqlite: Database.Database, id: string) {
  const row = requireRow(sqlite, 'regulation', id)
  if (row.deleted_at) throw new AppError('NOT_FOUND', msg('regulation.deleted'))
  return row
}

export function updateRegulation(ctx: Ctx, id: string, f: RegulationFields): RegulationSummary {
  requireRegulation(ctx.sqlite, id)
  refuseDuplicate(ctx.sqlite, f, id)
  checkSignedYear(f)
  updateRow(ctx, 'regulation', id, {
    kind: f.kind,
    number: f.number,
    year: f.year,
    title: f.title,
    date_signed: f.dateSigned ?? null,
    notes: f.notes ?? null,
  })
  return getRegulation(ctx.sqlite, id)!
}

/**
 * Marks a regulation as amended or revoked by a later one (or in force again). The old row
 * keeps its data; its status and `changed_by_id` say what happened and by which regulation.
 */
export function setRegulationStatus(ctx: Ctx, id: string, status: 'berlaku' | 'diubah' | 'dicabut', byId: string | null): RegulationDetail {
  requireRegulation(ctx.sqlite, id)
  if (status === 'berlaku') {
    if (byId) throw new AppError('REGULATION_STATUS', msg('regulation.inForceBy'))
    updateRow(ctx, 'regulation', id, { status, changed_by_id: null })
    return regulationDetail(ctx, id)!
  }
  const verb = status === 'diubah' ? 'change' : 'revoke'
  if (!byId) throw new AppError('REGULATION_BY_REQUIRED', msg(`regulation.${verb}.byRequired`))
  if (byId === id) throw new AppError('REGULATION_SELF', msg(`regulation.${verb}.self`))
  const by = requireRegulation(ctx.sqlite, byId)
  if (by.status === 'dicabut') throw new AppError('REGULATION_BY_REVOKED', msg(`regulation.${verb}.byRevoked`, { label: regulationLabel(by as unknown as Raw) }))
  // Refuse a loop: the new regulation must not itself have been changed (directly or not) by this one.
  for (let cur: string | null = by.changed_by_id as string | null, n = 0; cur && n < 1000; n++) {
    if (cur === id) throw new AppError('REGULATION_CYCLE', msg(`regulation.${verb}.cycle`))
    cur = (ctx.sqlite.prepare(`SELECT changed_by_id AS c FROM regulation WHERE id = ?`).get(cur) as { c: string | null } | undefined)?.c ?? null
  }
  updateRow(ctx, 'regulation', id, { status, changed_by_id: byId })
  return regulationDetail(ctx, id)!
}

/** Short, human label of any row: its name or title when it has one. */
function rowLabel(row: Record<string, unknown>, table: string): string {
  for (const k of ['name', 'title', 'label', 'person_name']) if (typeof row[k] === 'string' && row[k]) return row[k] as string
  return `${table} ${String(row.id).slice(-8)}`
}

/**
 * Everything that rests on a regulation: every live row of any table with a column named
 * `regulation_id` or ending in `_regulation_id` (programmes, PHI model designations,
 * pendamping appointments, honor rates — including tables other areas add later).
 */
export function regulationDependents(sqlite: Database.Database, id: string): RegulationDependent[] {
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  const out: RegulationDependent[] = []
  for (const { name: table } of tables) {
    const cols = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)
    const hasTombstone = cols.includes('deleted_at')
    for (const column of cols.filter((c) => c === 'regulation_id' || c.endsWith('_regulation_id'))) {
      const rows = sqlite
        .prepare(`SELECT * FROM "${table}" WHERE "${column}" = ?${hasTombstone ? ' AND deleted_at IS NULL' : ''} ORDER BY rowid`)
        .all(id) as Record<string, unknown>[]
      for (const r of rows) out.push({ table, column, id: String(r.id ?? r.rowid), label: rowLabel(r, table) })
    }
  }
  return out
}

export function regulationDetail(ctx: Ctx, id: string): RegulationDetail | null {
  const base = getRegulation(ctx.sqlite, id)
  if (!base) return null
  const row = ctx.sqlite.prepare(`SELECT notes, attachment_sha256 AS sha256, attachment_size AS size, attachment_name AS name FROM regulation WHERE id = ?`).get(id) as {
    notes: string | null
    sha256: string | null
    size: number | null
    name: string | null
  }
  const changes = (ctx.sqlite.prepare(`SELECT ${COLS} FROM regulation WHERE changed_by_id = ? AND deleted_at IS NULL ORDER BY year, number`).all(id) as Raw[]).map(withLabel)
  return {
    ...base,
    notes: row.notes,
    attachment: row.sha256 ? { sha256: row.sha256, size: row.size ?? 0, name: row.name ?? `${row.sha256}.pdf` } : null,
    changedBy: base.changedById ? getRegulation(ctx.sqlite, base.changedById) : null,
    changes,
    dependents: regulationDependents(ctx.sqlite, id),
  }
}


