import type Database from 'better-sqlite3'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { readOfficeCode } from '../office/service'
import { newId } from '../sync/ids'
import { nextHlc } from '../sync/hlc'
import { activeBulk, type AuditEntry } from './bulk'

/**
 * Writes to travelling tables go through here, so every change gets its rev, hlc,
 * origin and audit entry the same way, and a delete is always a tombstone.
 * Values use the table's own (snake_case) column names.
 */
export type Row = Record<string, unknown> & { id: string; scope: string; rev: number; hlc: string; origin: string; deleted_at: string | null }

const columnCache = new WeakMap<Database.Database, Map<string, Set<string>>>()

export function tableColumns(sqlite: Database.Database, table: string): Set<string> {
  let byTable = columnCache.get(sqlite)
  if (!byTable) columnCache.set(sqlite, (byTable = new Map()))
  let cols = byTable.get(table)
  if (!cols) {
    cols = new Set((sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((r) => r.name))
    if (!cols.has('hlc') || !cols.has('deleted_at')) throw new Error(`${table} bukan tabel yang berpindah antar-kantor`)
    byTable.set(table, cols)
  }
  return cols
}

function checkColumns(cols: Set<string>, table: string, values: Record<string, unknown>): void {
  for (const k of Object.keys(values)) if (!cols.has(k)) throw new Error(`Kolom ${table}.${k} tidak ada`)
}

export function getRow(sqlite: Database.Database, table: string, id: string): Row | null {
  tableColumns(sqlite, table)
  return (sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Row | undefined) ?? null
}

export function requireRow(sqlite: Database.Database, table: string, id: string): Row {
  const row = getRow(sqlite, table, id)
  if (!row) throw new AppError('NOT_FOUND', `Data tidak ditemukan (${table} ${id}).`)
  return row
}

export function audit(ctx: Ctx, table: string, rowId: string, action: string, before: unknown, after: unknown): void {
  const entry: AuditEntry = [
    newId(),
    ctx.clock.now().toISOString(),
    ctx.user(),
    readOfficeCode(ctx.sqlite) ?? '',
    table,
    rowId,
    action,
    before === null || before === undefined ? null : JSON.stringify(before),
    after === null || after === undefined ? null : JSON.stringify(after),
  ]
  // In bulk mode (a large spreadsheet or bundle) entries are written in batches, same order.
  const bulk = activeBulk(ctx.sqlite)
  if (bulk) return bulk.audit(entry)
  ctx.sqlite
    .prepare(
      `INSERT INTO audit_log(id, at, user, office_code, table_name, row_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(entry)
}

export function insertRow(ctx: Ctx, table: string, values: Record<string, unknown>, opts: { scope?: string; id?: string } = {}): Row {
  const cols = tableColumns(ctx.sqlite, table)
  checkColumns(cols, table, values)
  return ctx.sqlite.transaction(() => {
    const now = ctx.clock.now().toISOString()
    const full: Record<string, unknown> = {
      ...values,
      id: opts.id ?? newId(),
      scope: opts.scope ?? ctx.officeCode(),
      rev: 1,
      hlc: nextHlc(ctx.sqlite, ctx.clock),
      origin: ctx.deviceId,
      deleted_at: null,
    }
    if (cols.has('created_at')) full.created_at = now
    if (cols.has('updated_at')) full.updated_at = now
    const keys = Object.keys(full)
    ctx.sqlite
      .prepare(`INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`)
      .run(full)
    const after = getRow(ctx.sqlite, table, full.id as string)!
    audit(ctx, table, after.id, 'create', null, after)
    return after
  })()
}

/** Applies a patch; returns the row unchanged (no new rev) when nothing differs. */
export function updateRow(ctx: Ctx, table: string, id: string, patch: Record<string, unknown>, action = 'update'): Row {
  const cols = tableColumns(ctx.sqlite, table)
  checkColumns(cols, table, patch)
  return ctx.sqlite.transaction(() => {
    const before = requireRow(ctx.sqlite, table, id)
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => before[k] !== v))
    if (Object.keys(changed).length === 0) return before
    const set: Record<string, unknown> = { ...changed, rev: before.rev + 1, hlc: nextHlc(ctx.sqlite, ctx.clock), origin: ctx.deviceId }
    if (cols.has('updated_at')) set.updated_at = ctx.clock.now().toISOString()
    ctx.sqlite
      .prepare(`UPDATE "${table}" SET ${Object.keys(set).map((k) => `"${k}" = @${k}`).join(', ')} WHERE id = @__id`)
      .run({ ...set, __id: id })
    const after = getRow(ctx.sqlite, table, id)!
    audit(ctx, table, id, action, before, after)
    return after
  })()
}

export function deleteRow(ctx: Ctx, table: string, id: string): Row {
  const before = requireRow(ctx.sqlite, table, id)
  if (before.deleted_at) return before
  return updateRow(ctx, table, id, { deleted_at: ctx.clock.now().toISOString() }, 'delete')
}

export function restoreRow(ctx: Ctx, table: string, id: string): Row {
  const before = requireRow(ctx.sqlite, table, id)
  if (!before.deleted_at) return before
  return updateRow(ctx, table, id, { deleted_at: null }, 'restore')
}
