import type Database from 'better-sqlite3'
import { AppError } from '../../../shared/result'
import { msg } from '../../../shared/messages'
import { TRAVELLING_COLUMNS } from '../../db/schema/columns'
import { columnsOf, hiddenColumns, policyOf, type Party, type TablePolicy } from '../../policy'
import { bundleRefusal } from '../format'
import type { SectionHead } from './payload'
import type { RowNamer } from '../rowLabel'

/** One table section of a bundle, checked against this database and its policy. */
export interface Section {
  name: string
  policy: TablePolicy
  columns: string[]
  complete: boolean
  at: Record<(typeof TRAVELLING_COLUMNS)[number], number>
  /** Columns this office is not granted (they arrive empty). */
  hidden: Set<string>
  /** A row's values as an object of its columns (objectBuilder, made once per section). */
  toObject: (values: unknown[]) => Record<string, unknown>
}

export interface RowKeys {
  id: string
  scope: string
  rev: number
  hlc: string
  origin: string
  deleted_at: string | null
}

const HLC_RE = /^\d{15}-\d{6}$/

/** A section head names a table with a policy and only columns this Simpul knows. */
export function openSection(sqlite: Database.Database, head: SectionHead, me: Party): Section {
  const policy = policyOf(head.table)
  if (!policy) throw new AppError('BUNDLE_SCHEMA', msg('bundle.unknownTable', { table: head.table.slice(0, 64) }))
  const known = new Set(columnsOf(sqlite, policy.table).map((c) => c.name))
  const unknown = head.columns.filter((c) => !known.has(c))
  if (unknown.length) {
    throw new AppError('BUNDLE_SCHEMA', `Bundel berisi kolom ${unknown.slice(0, 5).map((c) => `${policy.table}.${c.slice(0, 64)}`).join(', ')} yang tidak dikenal Simpul ini. Perbarui Simpul terlebih dahulu.`)
  }
  if (new Set(head.columns).size !== head.columns.length || !TRAVELLING_COLUMNS.every((c) => head.columns.includes(c))) throw bundleRefusal.tampered('daftar kolom tidak sah')
  const at = Object.fromEntries(TRAVELLING_COLUMNS.map((k) => [k, head.columns.indexOf(k)])) as Section['at']
  return { name: policy.table, policy, columns: head.columns, complete: head.complete, at, hidden: hiddenColumns(policy, me), toObject: objectBuilder(head.columns) }
}

/** The travelling columns of one row, or a refusal of the whole file when they are malformed. */
export function rowKeys(s: Section, values: unknown[]): RowKeys {
  if (values.length !== s.columns.length) throw bundleRefusal.tampered('baris tidak sah')
  const id = values[s.at.id]
  const scope = values[s.at.scope]
  const rev = values[s.at.rev]
  const hlc = values[s.at.hlc]
  const origin = values[s.at.origin]
  const deleted = values[s.at.deleted_at]
  if (
    typeof id !== 'string' || id.length > 64 ||
    typeof scope !== 'string' || scope.length > 20 ||
    !Number.isInteger(rev) ||
    typeof hlc !== 'string' || !HLC_RE.test(hlc) ||
    typeof origin !== 'string' || origin.length > 64 ||
    (deleted !== null && typeof deleted !== 'string')
  ) {
    throw bundleRefusal.tampered('kolom wajib baris tidak sah')
  }
  return { id, scope, rev: rev as number, hlc, origin, deleted_at: deleted as string | null }
}

/** rowKeys of a row it has already accepted (the same array, kept by the check stage): read, not proved again. */
export function keptRowKeys(s: Section, values: unknown[]): RowKeys {
  return { id: values[s.at.id] as string, scope: values[s.at.scope] as string, rev: values[s.at.rev] as number, hlc: values[s.at.hlc] as string, origin: values[s.at.origin] as string, deleted_at: values[s.at.deleted_at] as string | null }
}

/** The row as an object of its columns. */
export const asObject = (s: Section, values: unknown[]): Record<string, unknown> => s.toObject(values)

/** "Siti (NIK 1218********0001) · Posyandu Melati": how a row is named in reports and refusals (with `names`, what it points at by name). */
export function describeRow(s: Section, values: unknown[], names?: RowNamer): string {
  const row = asObject(s, values)
  const own = describeObject(s, row)
  return names ? names.label(row, own) : own
}

/**
 * asObject for every row of one section, as a function generated once from the section's
 * columns (openSection has checked they are the table's own, then makes it): it writes the row as one
 * object literal, which V8 keeps in fast mode, where the row check reads it in a fraction of
 * the time a row assembled key by key costs (issue 17).
 */
export function objectBuilder(columns: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  // a literal's "__proto__" would set the prototype: no table has such a column, and none may arrive as one
  if (columns.includes('__proto__')) throw bundleRefusal.tampered('daftar kolom tidak sah')
  const fields = columns.map((c, i) => `${JSON.stringify(c)}: v[${i}]`)
  return new Function('v', `return { ${fields.join(', ')} }`) as (values: unknown[]) => Record<string, unknown>
}

/** describeRow for a row already made an object. */
export function describeObject(s: Section, row: Record<string, unknown>): string {
  let label = ''
  try {
    label = s.policy.rowLabel(row).slice(0, 120)
  } catch {
    label = ''
  }
  return label
}
