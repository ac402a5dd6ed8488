import type Database from 'better-sqlite3'
import type { OfficeLevel } from '../../shared/contract/app'
import { TRAVELLING_COLUMNS } from '../db/schema/columns'

export interface TravellingTable {
  name: string
  columns: string[]
}

const cache = new WeakMap<Database.Database, Map<string, TravellingTable>>()

/**
 * Every table that travels between offices, found at run time: those with all of
 * id, scope, rev, hlc, origin and deleted_at. Areas add tables without telling exchange.
 */
export function travellingTables(sqlite: Database.Database): Map<string, TravellingTable> {
  let found = cache.get(sqlite)
  if (found) return found
  found = new Map()
  const names = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  for (const { name } of names) {
    const columns = (sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string }[]).map((c) => c.name)
    if (TRAVELLING_COLUMNS.every((c) => columns.includes(c))) found.set(name, { name, columns })
  }
  cache.set(sqlite, found)
  return found
}

export interface Party {
  wilayahCode: string
  level: OfficeLevel
}

/** Authority is by scope alone: a kecamatan writes its own scope; a kabupaten its own and all below it. */
export function mayWrite(sender: Party, scope: string): boolean {
  if (scope === sender.wilayahCode) return true
  return sender.level === 'kabupaten' && scope.startsWith(`${sender.wilayahCode}.`)
}

/** Rows worth sending to an office: its own scope, the scopes above it (master data), and for a kabupaten all below it. */
export function concerns(receiver: Party, scope: string): boolean {
  if (scope === receiver.wilayahCode || receiver.wilayahCode.startsWith(`${scope}.`)) return true
  return receiver.level === 'kabupaten' && scope.startsWith(`${receiver.wilayahCode}.`)
}

/** SQL condition and parameters for `mayWrite(sender) AND concerns(receiver)`. */
export function scopeFilter(sender: Party, receiver: Party): { sql: string; params: string[] } {
  const side = (p: Party, up: boolean) => {
    const parts = ['scope = ?']
    const params = [p.wilayahCode]
    if (p.level === 'kabupaten') (parts.push(`substr(scope, 1, ?) = ?`), params.push(String(p.wilayahCode.length + 1), `${p.wilayahCode}.`))
    if (up) {
      const segs = p.wilayahCode.split('.')
      for (let i = 1; i < segs.length; i++) (parts.push('scope = ?'), params.push(segs.slice(0, i).join('.')))
    }
    return { sql: `(${parts.join(' OR ')})`, params }
  }
  const a = side(sender, false)
  const b = side(receiver, true)
  return { sql: `${a.sql} AND ${b.sql}`, params: [...a.params, ...b.params] }
}
