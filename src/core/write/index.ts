import type Database from 'better-sqlite3'
import { AppError } from '../../shared/result'
import { msg, sayId, type Msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { readOfficeCode } from '../office/service'
import { columnsOf, levelOf, policyOf, refusalMsg, rowProblemList, type Party, type RowProblem, type TablePolicy, type WriteOp } from '../policy'
import { newId } from '../sync/ids'
import { nextHlc } from '../sync/hlc'
import { appendAudit, type AuditInsert } from '../db/audit-chain'
import { activeBulk } from '../db/bulk'
import { isWithin } from '../../shared/area'

/**
 * THE ONE WRITE PATH. Every change to a travelling row — from a screen (through the
 * handler table), a spreadsheet, the command line or another office's bundle — passes
 * here, so each one is checked the same way against the table policy (src/core/policy):
 * authority on the STORED row's scope (a row's scope never changes), the same row schema
 * and rules, the same audit entry, and the database's own rules (triggers) last.
 * Local writes get rev, hlc and origin here; a delete is always a tombstone.
 * Bundle rows come through `checkIncoming` (src/core/exchange/stages use it) and land with
 * `storeIncoming`, keeping the sender's rev, hlc and origin.
 */
export type Row = Record<string, unknown> & { id: string; scope: string; rev: number; hlc: string; origin: string; deleted_at: string | null }

export function requirePolicy(table: string): TablePolicy {
  const policy = policyOf(table)
  if (!policy) throw new Error(`${table} bukan tabel yang berpindah antar-kantor (tidak ada kebijakannya)`)
  return policy
}

/** This office as the policy sees it. */
export function officeParty(sqlite: Database.Database): Party {
  const code = readOfficeCode(sqlite)
  const level = code ? levelOf(code) : null
  if (!code || !level) throw new AppError('NO_OFFICE', msg('op.noOffice'))
  return { wilayahCode: code, level }
}

function assertMayWrite(policy: TablePolicy, office: Party, scope: string, op: WriteOp): void {
  const why = refusalMsg(policy, office, scope, op)
  if (why) throw new AppError('NOT_ALLOWED', msg('op.notAllowed', { why }))
}

function assertValid(sqlite: Database.Database, policy: TablePolicy, row: Record<string, unknown>, verb = 'disimpan'): void {
  const problems = rowProblemList(sqlite, policy, row)
  if (problems.length) {
    const label = policy.rowLabel(row)
    const texts = problems.map((p) => p.text)
    const hint = verb === 'dipulihkan' ? ' Data terhapus ini tetap di riwayat; buat data baru dengan isian yang benar.' : ''
    const message = `${policy.label.id}${label ? ` "${label}"` : ''} tidak dapat ${verb}: ${texts.join('; ')}.${hint}`
    // By key when saving and every problem has its key, so English screens read it.
    const keyed = verb === 'disimpan' && problems.every((p) => p.msg)
    const m = keyed ? msg('op.invalidRow', { table: policy.label, label: label ? ` "${label}"` : '', problems: problems.map((p) => p.msg!) }) : null
    throw new AppError('INVALID_ROW', m && sayId(m) === message ? m : message, { problems: texts })
  }
}

function checkColumns(sqlite: Database.Database, table: string, values: Record<string, unknown>): Set<string> {
  const cols = new Set(columnsOf(sqlite, table).map((c) => c.name))
  for (const k of Object.keys(values)) if (!cols.has(k)) throw new Error(`Kolom ${table}.${k} tidak ada`)
  return cols
}

// Prepared once per connection and SQL text: a spreadsheet or bundle writes thousands of rows
// with the same few statements, and compiling one (with its triggers) costs more than running it.
// SQLite re-prepares a cached statement by itself after a schema change (bulk mode's triggers).
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()
function cached(sqlite: Database.Database, sql: string): Database.Statement {
  let bySql = statements.get(sqlite)
  if (!bySql) statements.set(sqlite, (bySql = new Map()))
  let st = bySql.get(sql)
  if (!st) bySql.set(sql, (st = sqlite.prepare(sql)))
  return st
}

export function getRow(sqlite: Database.Database, table: string, id: string): Row | null {
  requirePolicy(table)
  return (cached(sqlite, `SELECT * FROM "${table}" WHERE id = ?`).get(id) as Row | undefined) ?? null
}

export function requireRow(sqlite: Database.Database, table: string, id: string): Row {
  const row = getRow(sqlite, table, id)
  if (!row) throw new AppError('NOT_FOUND', msg('op.notFoundRow', { table: policyOf(table)?.label ?? table }))
  return row
}

/** Where a bundle row came from, for its audit entry. */
export interface AuditSource {
  sourceOffice: string
  bundleId: string
}

/**
 * One entry in the hash-chained audit log (db/audit-chain.ts), naming the logged-in person;
 * for bundle rows also the sending office and the bundle. A plain string (older callers)
 * is kept as the user label when no one is logged in.
 */
export function audit(ctx: Ctx, table: string, rowId: string, action: string, before: unknown, after: unknown, from?: string | AuditSource): void {
  const actor = ctx.actor()
  const source = typeof from === 'object' ? from : null
  const entry: AuditInsert = {
    id: newId(),
    at: ctx.clock.now().toISOString(),
    user: actor?.username ?? (typeof from === 'string' ? from : ctx.user()),
    userId: actor?.userId ?? null,
    officeCode: readOfficeCode(ctx.sqlite) ?? '',
    table,
    rowId,
    action,
    before: asJson(before),
    after: asJson(after),
    sourceOffice: source?.sourceOffice ?? null,
    bundleId: source?.bundleId ?? null,
  }
  // In bulk mode (a large spreadsheet or bundle) entries are written in batches, same order, same chain.
  const bulk = activeBulk(ctx.sqlite)
  if (bulk) return bulk.audit(entry)
  appendAudit(ctx.sqlite, entry)
}

const asJson = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v))

/**
 * `shipped`: reference data shipped with Simpul (PHI parts, SPM fields, the 15 SKPD), loaded
 * into every office with the same id and rev 1 — content no office authored, so no
 * office's authority is asked; it still passes the row rules, and only its owner's later
 * edits (rev 2 and up) travel.
 */
export function insertRow(ctx: Ctx, table: string, values: Record<string, unknown>, opts: { scope?: string; id?: string; shipped?: boolean } = {}): Row {
  const policy = requirePolicy(table)
  const cols = checkColumns(ctx.sqlite, table, values)
  return ctx.sqlite.transaction(() => {
    const office = officeParty(ctx.sqlite)
    const scope = opts.scope ?? office.wilayahCode
    const id = opts.id ?? newId()
    const stored = getRow(ctx.sqlite, table, id)
    // An id chosen by the caller (defaults, monthly reports) may already exist elsewhere.
    if (stored && stored.scope !== scope) throw new AppError('SCOPE_FIXED', msg('write.scopeFixed', { table: { id: policy.label.id.toLowerCase(), en: policy.label.en.toLowerCase() }, scope: stored.scope }))
    if (!opts.shipped) assertMayWrite(policy, office, scope, 'create')
    const now = ctx.clock.now().toISOString()
    const full: Record<string, unknown> = { ...values, id, scope, rev: 1, hlc: nextHlc(ctx.sqlite, ctx.clock), origin: ctx.deviceId, deleted_at: null }
    if (cols.has('created_at')) full.created_at = now
    if (cols.has('updated_at')) full.updated_at = now
    assertValid(ctx.sqlite, policy, withDefaults(ctx.sqlite, table, full))
    if (!opts.shipped) assertReferences(ctx.sqlite, policy, full)
    const keys = Object.keys(full)
    cached(ctx.sqlite, `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`).run(full)
    const after = getRow(ctx.sqlite, table, id)!
    audit(ctx, table, after.id, 'create', null, after)
    return after
  })()
}

/**
 * The row as the database will store it: the columns not given take their SQL defaults.
 * Built by a function generated once per table that writes the row as one object literal:
 * V8 keeps such an object in fast mode, where the row check reads and counts its columns in a
 * fraction of what a row assembled key by key costs (issue 17).
 */
export function withDefaults(sqlite: Database.Database, table: string, row: Record<string, unknown>): Record<string, unknown> {
  return rowBuilder(sqlite, table)(row)
}

const builders = new WeakMap<Database.Database, Map<string, (row: Record<string, unknown>) => Record<string, unknown>>>()
function rowBuilder(sqlite: Database.Database, table: string): (row: Record<string, unknown>) => Record<string, unknown> {
  let byTable = builders.get(sqlite)
  if (!byTable) builders.set(sqlite, (byTable = new Map()))
  let build = byTable.get(table)
  if (!build) {
    const defaults = columnDefaults(sqlite, table)
    const cols = columnsOf(sqlite, table).map((c) => c.name)
    const fallback = cols.map((k) => defaults.get(k) ?? null)
    // A given value is taken as it is (undefined too, as `name in row` would); a missing column takes D[i].
    const fields = cols.map((k, i) => {
      const key = JSON.stringify(k)
      return `${key}: (v = row[${key}]) !== undefined || ${key} in row ? v : D[${i}]`
    })
    build = new Function('D', `return function withDefaults(row) { let v; return { ${fields.join(', ')} } }`)(fallback) as (row: Record<string, unknown>) => Record<string, unknown>
    byTable.set(table, build)
  }
  return build
}

/**
 * withDefaults for a bundle section: the whole stored row straight from a row's values in the
 * section's column order (`columns`: the table's own, as openSection checked), columns the
 * section lacks taking their SQL defaults — one object per incoming row instead of two (issue 17).
 */
export function sectionRowBuilder(sqlite: Database.Database, table: string, columns: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  const defaults = columnDefaults(sqlite, table)
  const at = new Map(columns.map((c, i) => [c, i]))
  const cols = columnsOf(sqlite, table).map((c) => c.name)
  const fallback = cols.map((k) => defaults.get(k) ?? null)
  const fields = cols.map((k, j) => `${JSON.stringify(k)}: ${at.has(k) ? `v[${at.get(k)}]` : `D[${j}]`}`)
  return new Function('D', `return function sectionRow(v) { return { ${fields.join(', ')} } }`)(fallback) as (values: unknown[]) => Record<string, unknown>
}

const defaultsCache = new WeakMap<Database.Database, Map<string, Map<string, unknown>>>()
function columnDefaults(sqlite: Database.Database, table: string): Map<string, unknown> {
  let byTable = defaultsCache.get(sqlite)
  if (!byTable) defaultsCache.set(sqlite, (byTable = new Map()))
  let d = byTable.get(table)
  if (!d) {
    d = new Map()
    for (const r of sqlite.prepare('SELECT name, dflt_value AS v FROM pragma_table_info(?)').all(table) as { name: string; v: string | null }[]) {
      if (r.v === null) continue
      const v = r.v.trim()
      d.set(r.name, /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v.replace(/^'(.*)'$/s, '$1').replaceAll("''", "'"))
    }
    byTable.set(table, d)
  }
  return d
}

/** Applies a patch; returns the row unchanged (no new rev) when nothing differs. */
export function updateRow(ctx: Ctx, table: string, id: string, patch: Record<string, unknown>, action = 'update'): Row {
  const policy = requirePolicy(table)
  const cols = checkColumns(ctx.sqlite, table, patch)
  return ctx.sqlite.transaction(() => {
    const before = requireRow(ctx.sqlite, table, id)
    const changed = Object.fromEntries(Object.entries(patch).filter(([k, v]) => before[k] !== v))
    if (Object.keys(changed).length === 0) return before
    if ('scope' in changed) {
      throw new AppError('SCOPE_FIXED', msg('write.scopeMove', { table: { id: policy.label.id.toLowerCase(), en: policy.label.en.toLowerCase() }, label: policy.rowLabel(before), from: before.scope, to: String(changed.scope) }))
    }
    for (const k of ['id', 'rev', 'hlc', 'origin'] as const) if (k in changed) throw new Error(`Kolom ${table}.${k} diatur oleh Simpul`)
    const op: WriteOp = action === 'delete' || action === 'restore' ? 'delete' : 'change'
    assertMayWrite(policy, officeParty(ctx.sqlite), before.scope, op)
    const set: Record<string, unknown> = { ...changed, rev: before.rev + 1, hlc: nextHlc(ctx.sqlite, ctx.clock), origin: ctx.deviceId }
    if (cols.has('updated_at')) set.updated_at = ctx.clock.now().toISOString()
    // A tombstone is never refused for old data that today's rules would not take. A restore
    // is checked: a tombstone from a bundle is not checked for its content, so what comes back
    // to life must pass the rules a change would (a forged tombstone cannot smuggle a row in).
    if (op === 'change' || action === 'restore') {
      const next = { ...before, ...set }
      assertValid(ctx.sqlite, policy, next, action === 'restore' ? 'dipulihkan' : 'disimpan')
      assertReferences(ctx.sqlite, policy, next)
    }
    cached(ctx.sqlite, `UPDATE "${table}" SET ${Object.keys(set).map((k) => `"${k}" = @${k}`).join(', ')} WHERE id = @__id`).run({ ...set, __id: id })
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

/**
 * Tables known to hold no row while a read-only stage runs: a reference into one is "not here
 * yet" without a lookup (a first import, and the warehouse office, whose SQLite holds no rows
 * and leaves references to PostgreSQL, would otherwise miss once per row).
 */
export type EmptyTables = (table: string) => boolean

/** Asks SQLite once per table whether it holds any row; valid only while nothing is written. */
export function emptyTables(sqlite: Database.Database): EmptyTables {
  const known = new Map<string, boolean>()
  return (table) => {
    let empty = known.get(table)
    if (empty === undefined) known.set(table, (empty = !sqlite.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get()))
    return empty
  }
}

/**
 * A row may point only at rows of its own area (the policy's `refs`). Returns the reason when
 * it points elsewhere, 'unknown' when a row it points at is not here (yet), null when fine.
 */
export function referenceProblem(sqlite: Database.Database, policy: TablePolicy, row: Record<string, unknown>, empty?: EmptyTables): string | 'unknown' | null {
  const why = referenceProblemMsg(sqlite, policy, row, empty)
  return why === null || why === 'unknown' ? why : sayId(why)
}

/** The same by key (write.refElsewhere), for a bundle's row report on an English screen. */
export function referenceProblemMsg(sqlite: Database.Database, policy: TablePolicy, row: Record<string, unknown>, empty?: EmptyTables): Msg | 'unknown' | null {
  let unknown = false
  const refs = policy.refs
  if (!refs) return null
  for (const ref of refs) {
    const target = row[ref.column]
    if (typeof target !== 'string' || (ref.when && !ref.when(row))) continue
    if (empty?.(ref.table)) {
      unknown = true
      continue
    }
    const found = cached(sqlite, `SELECT scope FROM "${ref.table}" WHERE id = ?`).get(target) as { scope: string } | undefined
    if (!found) unknown = true
    else if (!isWithin(found.scope, String(row.scope))) {
      const label = policyOf(ref.table)?.label
      return msg('write.refElsewhere', { table: label ? { id: label.id.toLowerCase(), en: label.en.toLowerCase() } : ref.table, scope: found.scope, own: String(row.scope) })
    }
  }
  return unknown ? 'unknown' : null
}

function assertReferences(sqlite: Database.Database, policy: TablePolicy, row: Record<string, unknown>): void {
  const why = referenceProblem(sqlite, policy, row)
  if (why && why !== 'unknown') throw new AppError('NOT_ALLOWED', msg('op.notAllowed', { why }))
}

/**
 * What a bundle section's check knows of all its rows: the row already holds every column,
 * defaults included (sectionRowBuilder); `sent`: the hidden columns the bundle itself carries;
 * `empty`: tables known to hold no row (emptyTables); `said`: the last authority verdict (one
 * section, one policy and one sender: it depends on the row's scope and operation alone).
 */
export interface IncomingContext {
  sent: readonly string[]
  empty?: EmptyTables
  /** True only for a row the policy's rules pass whole (rowPassesTest of the section's policy and hidden columns). */
  passes?: (row: Record<string, unknown>) => boolean
  said?: { scope: string; op: WriteOp; why: Msg | null } | null
}

/** A row problem by key (a problem without one keeps its Indonesian phrase). */
const problemMsg = (p: RowProblem): Msg => p.msg ?? msg('text.loc', { text: p.text })

/** What the policy says of one incoming row: null when it may be applied. */
export type IncomingVerdict = { kind: 'unauthorised' | 'invalid' | 'unresolved'; reason: Msg } | null

/**
 * Judges one row from another office's bundle against the policy, on the row as stored
 * here (if any): the sender must be allowed to create or change it in the STORED scope,
 * the scope must not change, and the row must pass the same schema and rules as a local
 * write. Pure reads; the apply stage writes with `storeIncoming`.
 */
export function checkIncoming(
  sqlite: Database.Database,
  policy: TablePolicy,
  sender: Party,
  incoming: Record<string, unknown>,
  stored: { scope: string; deleted_at: string | null } | undefined,
  hidden?: Set<string>,
  complete?: IncomingContext,
): IncomingVerdict {
  const scope = String(incoming.scope)
  if (stored && stored.scope !== scope) {
    return { kind: 'unauthorised', reason: msg('write.scopeChanged', { from: stored.scope, to: scope }) }
  }
  const op: WriteOp = !stored ? 'create' : incoming.deleted_at && !stored.deleted_at ? 'delete' : stored.deleted_at && !incoming.deleted_at ? 'delete' : 'change'
  // The sender's authority depends on the scope and the operation alone: rows in a row share them.
  const said = complete?.said
  let why: Msg | null
  if (said && said.scope === scope && said.op === op) why = said.why
  else {
    why = refusalMsg(policy, sender, scope, op)
    if (complete) complete.said = { scope, op, why }
  }
  if (why) return { kind: 'unauthorised', reason: why }
  const ref = incoming.deleted_at ? null : referenceProblemMsg(sqlite, policy, incoming, complete?.empty)
  if (ref && ref !== 'unknown') return { kind: 'unauthorised', reason: ref }
  // Columns this office is not granted arrive empty; anything else in them is refused, in a
  // tombstone too. (Empty is how export masks them: NULL, or '' and 0 where the column takes no NULL.)
  const leaked = hidden?.size ? (complete ? complete.sent : [...hidden]).filter((k) => ![null, undefined, '', 0].includes(incoming[k] as never)) : NO_COLUMNS
  if (leaked.length) return { kind: 'invalid', reason: msg('write.columnsNotSent', { columns: leaked.join(', ') }) }
  // A tombstone is never refused for its content (old data today's rules would not take must
  // still be deletable); a restore here checks it again (`updateRow`).
  if (incoming.deleted_at && stored) return null
  // A row that certainly passes needs no list of its problems.
  if (complete?.passes?.(incoming)) return ref === 'unknown' ? UNRESOLVED : null
  // Columns an older Simpul does not send take their defaults, as the insert will give them.
  const problems = rowProblemList(sqlite, policy, complete ? incoming : withDefaults(sqlite, policy.table, incoming), hidden)
  if (problems.length) return { kind: 'invalid', reason: msg('write.problems', { list: problems.map(problemMsg) }) }
  // A row it points at may come in the same bundle: the apply stage looks again once it is in.
  return ref === 'unknown' ? UNRESOLVED : null
}
const UNRESOLVED: IncomingVerdict = Object.freeze({ kind: 'unresolved', reason: msg('write.refMissing') })
const NO_COLUMNS: string[] = []
