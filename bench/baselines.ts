import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { systemClock } from '../src/core/clock'
import { withBulk } from '../src/core/db/bulk'
import { openSqlite, type DbKey } from '../src/core/db/cipher'
import { openDatabase, SQLITE_CACHE_KIB } from '../src/core/db/open'
import { migrationsDir } from '../src/core/paths'
import { ms } from './types'

/** Rows of some tables, as read from a database: the input of both insert baselines. */
export interface TableRows {
  table: string
  cols: string[]
  rows: unknown[][]
}

export function readRows(sqlite: Database.Database, tables: string[]): TableRows[] {
  return tables.map((table) => {
    const stmt = sqlite.prepare(`SELECT * FROM "${table}"`).raw(true)
    return { table, cols: stmt.columns().map((c) => c.name), rows: stmt.all() as unknown[][] }
  })
}

export const rowCount = (data: TableRows[]) => data.reduce((n, d) => n + d.rows.length, 0)

export const BARE_LABEL = 'bare tables (primary key only, no other index, no trigger), same rows'

/** Rows/s of plain prepared inserts of `data` into `db`, one transaction. */
export function insertAll(db: Database.Database, data: TableRows[]): number {
  const start = process.hrtime.bigint()
  db.transaction(() => {
    for (const d of data) {
      const ins = db.prepare(`INSERT INTO "${d.table}" (${d.cols.map((c) => `"${c}"`).join(',')}) VALUES (${d.cols.map(() => '?').join(',')})`)
      for (const r of d.rows) ins.run(r)
    }
  })()
  return rowCount(data) / (ms(start) / 1000)
}

/**
 * The physical limit on this machine: the same rows into tables with the same columns and
 * nothing else (primary key only: no index, no check, no trigger), same pragmas as Simpul.
 */
export function bareInsertRate(data: TableRows[], dir: string, name = 'bare.sqlite', key?: DbKey): number {
  // With `key`: the same into a SQLCipher file as Simpul stores its data (each page encrypted and
  // authenticated), a reference beside the plain file's figure, never the baseline.
  const db = key ? openSqlite(join(dir, name), key) : new Database(join(dir, name))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma(`cache_size = ${SQLITE_CACHE_KIB}`)
    for (const d of data) db.exec(`CREATE TABLE "${d.table}" (${d.cols.map((c) => (c === 'id' ? `"id" TEXT PRIMARY KEY` : `"${c}"`)).join(', ')})`)
    return insertAll(db, data)
  } finally {
    db.close()
  }
}

/**
 * The same rows into an empty database with Simpul's whole schema (indexes, search-index
 * triggers); with `bulk`, in bulk mode as a first large bundle applies (src/core/db/bulk.ts:
 * triggers suspended, secondary indexes and the rows' search entries built once at the end,
 * inside the same transaction).
 */
export function fullSchemaInsertRate(data: TableRows[], dir: string, name = 'full.sqlite', bulk = false): number {
  const file = join(dir, name)
  const db = openDatabase({ file, migrationsDir: migrationsDir(), backupsDir: join(dir, `${name}-backups`), clock: systemClock }).sqlite
  try {
    if (!bulk) return insertAll(db, data)
    const start = process.hrtime.bigint()
    // As a first large bundle applies: the tables are empty, so their secondary indexes are built once.
    withBulk(db, data.map((d) => d.table), () => insertAll(db, data), { rebuildIndexes: data.map((d) => d.table) })
    return rowCount(data) / (ms(start) / 1000)
  } finally {
    db.close()
  }
}

/** The longest time this thread's event loop was blocked while `fn` ran (ms). */
export async function longestBlock<T>(fn: () => Promise<T>): Promise<{ result: T; maxMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  h.enable()
  try {
    const result = await fn()
    // Let the sampling timer fire once more, so a block just before the end is counted.
    await new Promise((r) => setTimeout(r, 30))
    return { result, maxMs: h.max / 1e6 }
  } finally {
    h.disable()
  }
}
