import type Database from 'better-sqlite3'
import { formatMonth } from '../../shared/format'

/**
 * Names for what a row points at, so an import report says "Posyandu Melati, Maret 2026"
 * instead of "posyandu 01a2b3c4, Maret 2026": the policy's row label (pure, no database) is
 * used as it is unless the row refers to other rows by id, which are then named from this
 * database (a row new in the same bundle may not be there yet: then the policy's label stays).
 * Also the owning wilayah by name.
 */
export function rowNamer(sqlite: Database.Database) {
  const cache = new Map<string, string>()
  const nameOf = (table: string, id: unknown): string => {
    if (typeof id !== 'string') return ''
    const key = `${table}:${id}`
    let v = cache.get(key)
    if (v === undefined) {
      v = (sqlite.prepare(`SELECT name FROM "${table}" WHERE id = ?`).get(id) as { name?: string } | undefined)?.name ?? ''
      if (cache.size > 10_000) cache.clear()
      cache.set(key, v)
    }
    return v
  }
  const wilayah = new Map<string, string>()
  const scopeName = (code: string): string => {
    let v = wilayah.get(code)
    if (v === undefined) {
      v = (sqlite.prepare(`SELECT name FROM wilayah WHERE code = ?`).get(code) as { name?: string } | undefined)?.name ?? ''
      wilayah.set(code, v)
    }
    return v
  }
  const REFS: [string, string][] = [['kader_id', 'kader'], ['person_id', 'pendamping_person'], ['programme_id', 'programme'], ['posyandu_id', 'posyandu']]
  const label = (row: Record<string, unknown>, policyLabel: string): string => {
    const refs = REFS.filter(([col]) => typeof row[col] === 'string')
    if (!refs.length) return policyLabel
    const names = refs.map(([col, table]) => (col === 'posyandu_id' && row.posyandu_name ? String(row.posyandu_name) : nameOf(table, row[col])))
    if (names.some((n) => !n)) return policyLabel
    const own = row.name ?? row.person_name ?? row.what ?? row.item
    const when = typeof row.month === 'string' ? formatMonth(row.month) : typeof row.date === 'string' ? row.date : typeof row.from_date === 'string' ? `sejak ${row.from_date}` : ''
    return [own ? String(own) : '', ...names, when].filter(Boolean).join(' · ').slice(0, 160)
  }
  return { label, scopeName }
}
