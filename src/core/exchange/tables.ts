import type Database from 'better-sqlite3'
import { TRAVELLING_COLUMNS } from '../db/schema/columns'
import { columnsOf, TABLE_POLICIES } from '../policy'

export interface TravellingTable {
  name: string
  columns: string[]
}

/**
 * The tables that travel: exactly those with a table policy (src/core/policy/tables.ts).
 * A table that merely has the travelling columns but no policy never leaves this office.
 */
export function travellingTables(sqlite: Database.Database): Map<string, TravellingTable> {
  const found = new Map<string, TravellingTable>()
  for (const p of TABLE_POLICIES) found.set(p.table, { name: p.table, columns: columnsOf(sqlite, p.table).map((c) => c.name) })
  return found
}

/** Tables with every travelling column (id, scope, rev, hlc, origin, deleted_at): each must have a policy. */
export function tablesWithTravellingColumns(sqlite: Database.Database): string[] {
  const names = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  return names.map((n) => n.name).filter((name) => {
    const cols = columnsOf(sqlite, name).map((c) => c.name)
    return TRAVELLING_COLUMNS.every((c) => cols.includes(c))
  })
}
