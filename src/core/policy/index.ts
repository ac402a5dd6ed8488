import type Database from 'better-sqlite3'
import { z } from 'zod'
import { TRAVELLING_COLUMNS } from '../db/schema/columns'
import { issueMsg, msg, saidMsg, sayId, sayText, type Msg } from '../../shared/messages'
import { isBelow, levelOfCode, OFFICE_LEVELS, parentCode } from '../../shared/area'
import * as c from './columns'
import { compileRowTest, type RowTest } from './fast'
import { TABLE_POLICIES } from './tables'
import type { Grant, Level, Party, Relation, TablePolicy, WriteOp } from './types'

export type { Grant, Level, Party, Relation, TablePolicy, WriteOp } from './types'
export { TABLE_POLICIES } from './tables'

const byTable = new Map(TABLE_POLICIES.map((p) => [p.table, p]))

export const policyOf = (table: string): TablePolicy | undefined => byTable.get(table)

/** The level of a wilayah code: `ID` nasional, 2 digits provinsi, then kabupaten, kecamatan (a desa code has no office). */
export const levelOf = (code: string): Level | null => levelOfCode(code)

/**
 * How an office stands to a scope, or null when the scope is none of its business. `above`
 * is the office directly above (a kabupaten over its kecamatan, a province over its
 * kabupaten/kota, the national office over its provinces): a province does not write its
 * kecamatan's data, it only receives (and relays) it.
 */
export function relationOf(office: Pick<Party, 'wilayahCode'>, scope: string): Relation | null {
  if (scope === office.wilayahCode) return 'owner'
  if (parentCode(scope) === office.wilayahCode) return 'above'
  return null
}

/** The level directly below one (null below a kecamatan). */
export const levelBelow = (level: Level): Level | null => OFFICE_LEVELS[OFFICE_LEVELS.indexOf(level) + 1] ?? null

/**
 * Descendant: receive and relay. A province passes its kabupaten's rows (and their
 * kecamatan's) on to the national office; it never wrote them and may not write them. An
 * incoming row is a relayed one when the sender sends UP to an ancestor of its own, the row's
 * scope lies strictly inside the sender's area, some office inside that area may write it
 * (the owner, or the office directly above it — which lies inside the sender's area too), and
 * the receiver is granted the table. So a province can pass on only rows of its own
 * kabupaten/kota (never another province's, never one outside it), only of tables the
 * national office receives, and never a row whose stored scope differs (checked apart).
 */
export function relays(policy: TablePolicy, sender: Party, scope: string, op: WriteOp): boolean {
  const to = sender.sendingTo
  if (!to || !isBelow(sender.wilayahCode, to.wilayahCode) || !isBelow(scope, sender.wilayahCode)) return false
  if (!policy.writers[op].length) return false
  return grantTo(policy, to).rows !== 'none'
}

/** A bundle's sender as the policy judges its rows: with the receiving office, for `relays`. */
export const senderParty = (peer: { wilayah_code: string; level: Level }, me: Party): Party => ({
  wilayahCode: peer.wilayah_code,
  level: peer.level,
  sendingTo: { wilayahCode: me.wilayahCode, level: me.level },
})

/**
 * May this office do `op` on a row of `table` whose stored scope (or, for a new row, its
 * scope) is `scope`? Returns a reason in Indonesian when it may not.
 */
export function refusal(policy: TablePolicy, office: Party, scope: string, op: WriteOp): string | null {
  const m = refusalMsg(policy, office, scope, op)
  return m && sayId(m)
}

/** The same reason by message key (policy.*), for screens in another language. */
export function refusalMsg(policy: TablePolicy, office: Party, scope: string, op: WriteOp): Msg | null {
  const level = levelOf(scope)
  if (!level || (policy.scopeLevel !== 'any' && level !== policy.scopeLevel)) {
    return msg('policy.scopeLevel', { table: policy.label, level: msg(`policy.level.${policy.scopeLevel}`), scope })
  }
  const rel = relationOf(office, scope)
  if ((!rel || !policy.writers[op].includes(rel)) && !relays(policy, office, scope, op)) {
    return msg(`policy.${op}`, { office: office.wilayahCode, tableLower: { id: policy.label.id.toLowerCase(), en: policy.label.en.toLowerCase() }, scope })
  }
  return null
}

export interface ColumnInfo {
  name: string
  type: string
  notnull: boolean
}

const tableInfo = new WeakMap<Database.Database, Map<string, ColumnInfo[]>>()

export function columnsOf(sqlite: Database.Database, table: string): ColumnInfo[] {
  let cache = tableInfo.get(sqlite)
  if (!cache) tableInfo.set(sqlite, (cache = new Map()))
  let cols = cache.get(table)
  if (!cols) {
    cols = (sqlite.prepare('SELECT name, type, "notnull" AS nn FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string; type: string; nn: number }[]).map((r) => ({
      name: r.name,
      type: r.type.toUpperCase(),
      notnull: r.nn === 1,
    }))
    cache.set(table, cols)
  }
  return cols
}

const TRAVEL_SCHEMA: Record<string, z.ZodType> = {
  id: c.id.or(c.text(64, 1)),
  scope: c.wilayahCode,
  rev: z.number().int().min(1).max(1_000_000_000),
  hlc: z.string().regex(/^\d{15}-\d{6}$/, 'HLC tidak sah'),
  origin: c.text(64, 1),
  deleted_at: c.timestamp.nullable(),
  created_at: c.timestamp,
  updated_at: c.timestamp,
}

function fromSqlType(col: ColumnInfo): z.ZodType {
  const base = col.type.startsWith('INT') ? z.number().int().min(-1e15).max(1e15) : col.type === 'REAL' ? z.number().finite() : c.text(c.DEFAULT_TEXT_MAX)
  return col.notnull ? base : base.nullable()
}

interface CompiledRow {
  /** The zod schema: the truth, and the one that writes the messages. Built when first needed (a few ms a table, which a clean import never spends). */
  schema: () => z.ZodType
  /** Compiled from the same column schemas: true only for a row the schema certainly accepts. */
  fast: RowTest
}

const compiled = new WeakMap<Database.Database, Map<string, CompiledRow>>()

function compiledRow(sqlite: Database.Database, policy: TablePolicy): CompiledRow {
  let cache = compiled.get(sqlite)
  if (!cache) compiled.set(sqlite, (cache = new Map()))
  let entry = cache.get(policy.table)
  if (!entry) {
    const cols = columnsOf(sqlite, policy.table)
    const names = new Set(cols.map((k) => k.name))
    for (const k of Object.keys(policy.columns ?? {})) if (!names.has(k)) throw new Error(`Kebijakan ${policy.table} menyebut kolom ${k} yang tidak ada`)
    const shape: Record<string, z.ZodType> = {}
    for (const col of cols) {
      const own = policy.columns?.[col.name] ?? TRAVEL_SCHEMA[col.name]
      shape[col.name] = own ? (col.notnull ? own : own.nullable()) : fromSqlType(col)
    }
    let schema: z.ZodType | null = null
    entry = { schema: () => (schema ??= z.strictObject(shape)), fast: compileRowTest(shape) }
    cache.set(policy.table, entry)
  }
  return entry
}

/** The zod schema of a whole stored row of a table: its policy's columns, the rest from their SQL types. */
export const rowSchema = (sqlite: Database.Database, policy: TablePolicy): z.ZodType => compiledRow(sqlite, policy).schema()

/** One problem with a row: its Indonesian phrase and, where it has one, its key. */
export interface RowProblem {
  text: string
  msg: Msg | null
}

/**
 * Every problem with a row, as short Indonesian phrases with their keys (empty: the row may be stored).
 * A row the compiled test and the policy's `quickCheck` prove fine costs a few plain checks;
 * any other goes through the zod schema and the policy's `check`, which say what is wrong.
 * `path: 'zod'` takes the slow path for every row (the reference the fast one is tested against).
 * A column's problem reads "column: phrase" (`op.problem`).
 */
export function rowProblemList(sqlite: Database.Database, policy: TablePolicy, row: Record<string, unknown>, skip?: Set<string>, path: 'fast' | 'zod' = 'fast'): RowProblem[] {
  const { schema, fast } = compiledRow(sqlite, policy)
  if (path === 'zod' || !fast(row, skip)) {
    const parsed = schema().safeParse(row)
    if (!parsed.success) {
      const issues = skip?.size ? parsed.error.issues.filter((i) => !skip.has(String(i.path[0]))) : parsed.error.issues
      if (issues.length) {
        return issues.slice(0, 5).map((i) => {
          const m = issueMsg(i as { message: string; params?: Record<string, unknown> })
          if (!i.path.length) return { text: i.message, msg: m }
          const column = i.path.join('.')
          return { text: `${column}: ${i.message}`, msg: m && msg('op.problem', { column, text: m }) }
        })
      }
    }
  }
  if (path === 'fast' && policy.quickCheck?.(row)) return []
  return (policy.check?.(row) ?? []).map((s) => ({ text: sayText(s), msg: saidMsg(s) }))
}

/**
 * A test of whole rows that is true only where `rowProblemList(sqlite, policy, row, skip)` finds
 * nothing: the compiled schema test for this set of skipped columns (as it holds them now: a bundle
 * section's hidden columns, which never change) and the policy's quick check or rules. False means
 * "ask rowProblemList" (which says what is wrong). Resolved once, so a bundle section's rows skip
 * the lookups and the empty lists a row costs there (issue 17).
 */
export function rowPassesTest(sqlite: Database.Database, policy: TablePolicy, skip?: ReadonlySet<string>): (row: Record<string, unknown>) => boolean {
  const fast = compiledRow(sqlite, policy).fast.forSkip(skip)
  const { quickCheck, check } = policy
  return (row) => fast(row) && (!!quickCheck?.(row) || !check || check(row).length === 0)
}

/** The same problems as Indonesian phrases only (a bundle's row report, tests). */
export const rowProblems = (sqlite: Database.Database, policy: TablePolicy, row: Record<string, unknown>, skip?: Set<string>, path: 'fast' | 'zod' = 'fast'): string[] =>
  rowProblemList(sqlite, policy, row, skip, path).map((p) => p.text)

/** The grant of a table to a receiving office, or `none`. */
export function grantTo(policy: TablePolicy, receiver: Party): Grant {
  return policy.receivers[receiver.level] ?? { rows: 'none' }
}

/** Columns of a table that a receiver is not sent (their values go out as NULL or ''). */
export function hiddenColumns(policy: TablePolicy, receiver: Party): Set<string> {
  const g = grantTo(policy, receiver)
  return new Set(g.rows === 'none' ? [] : (g.hide ?? []).filter((k) => !(TRAVELLING_COLUMNS as readonly string[]).includes(k)))
}

/** The SQL literal a hidden column is sent (and kept) as: NULL, or '' / 0 where the column takes no NULL. */
export const maskSql = (c: ColumnInfo) => (c.notnull ? (c.type.startsWith('INT') || c.type === 'REAL' ? '0' : "''") : 'NULL')

/** Does a table travel at all? Tables with a policy do; no other table ever does. */
export const travels = (table: string) => byTable.has(table)
