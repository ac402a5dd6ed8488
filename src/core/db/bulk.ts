import type Database from 'better-sqlite3'
import { auditChainer, CHAINED_COLS, type AuditInsert, type ChainedRow } from './audit-chain'

/**
 * Bulk writes inside one open transaction: a spreadsheet of thousands of kader, a large
 * bundle, demo data. Two costs dominate a row-by-row write there, and both are deferred
 * to one set-based step at the end while everything stays in the same transaction (so a
 * failure or a kill -9 rolls the suspension back with the rows):
 *
 * - the search-index (FTS5) triggers: each kader insert re-derives its entry, and each
 *   membership insert re-derives it again. While bulk mode is on they are dropped and
 *   replaced by TEMP triggers that only note the touched ids; `finish()` rebuilds the
 *   entries of exactly those rows and recreates the triggers from their stored SQL.
 * - audit entries: `audit()` in rows.ts hands them to the open batch, which writes them
 *   with one prepared multi-row INSERT per 200 entries, in order.
 * - (optional, `rebuildIndexes`) the secondary indexes of tables that at least double: a
 *   first kabupaten or national bundle. Keeping four kader indexes up to date row by row
 *   costs more than the rows themselves; they are dropped and built once, sorted, in
 *   `finish()`. Unique indexes stay: they are rules a row must pass as it is written.
 *
 * Inserted rows are found again by their rowid (above the table's highest before bulk mode),
 * so an insert costs no extra write; updates are noted by a TEMP trigger.
 */

/** One entry of audit_log, before it is linked into the hash chain. */
export type AuditEntry = AuditInsert

const AUDIT_BATCH = 200

/** The search-index triggers bulk mode suspends (delete triggers stay: travelling rows are never hard-deleted). */
// A Map, not an object: table names may come from a hostile bundle's manifest ("constructor").
const SEARCH_TRIGGERS = new Map<string, string[]>([
  ['kader', ['kader_fts_insert', 'kader_fts_update']],
  ['kader_posyandu', ['kader_posyandu_fts_insert', 'kader_posyandu_fts_update']],
  ['posyandu', ['posyandu_fts_insert', 'posyandu_fts_update']],
])

// The same expressions as the triggers in drizzle/0002_registry.sql and 0021 (a test compares the two paths).
// (the area token: the row's scope without its dots, drizzle/0021_search_area.sql)
const AREA = (scope: string) => `'a' || replace(${scope}, '.', '')`
const KADER_PLACE = (kaderId: string) =>
  `(SELECT group_concat(p.name || ' ' || coalesce(w.name, ''), ' ') FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id LEFT JOIN wilayah w ON w.code = p.desa_code WHERE kp.kader_id = ${kaderId} AND kp.deleted_at IS NULL AND kp.to_date IS NULL)`
const POSYANDU_PLACE = (desaCode: string) => `(SELECT coalesce(d.name, '') || ' ' || coalesce(c.name, '') FROM wilayah d LEFT JOIN wilayah c ON c.code = d.parent_code WHERE d.code = ${desaCode})`

const TEMP_TRIGGERS = ['ins', 'upd', 'del']

export interface BulkSession {
  /** Queues one audit entry (written in order, in batches). */
  audit(entry: AuditEntry): void
  /** Writes queued audit entries, rebuilds the touched search entries, restores the triggers. */
  finish(): { auditEntries: number; searchRows: number }
}

const sessions = new WeakMap<Database.Database, BulkSession>()

/** The bulk session open on this connection, if any (rows.ts sends audit entries there). */
export function activeBulk(sqlite: Database.Database): BulkSession | undefined {
  return sessions.get(sqlite)
}

/**
 * Starts bulk mode for `tables` on a connection that is inside a transaction. Call
 * `finish()` before committing; on an error just roll back (the dropped triggers come
 * back with the rollback) and call `abandonBulk`.
 */
export function beginBulk(sqlite: Database.Database, tables: string[], opts: { rebuildIndexes?: string[] } = {}): BulkSession {
  if (!sqlite.inTransaction) throw new Error('beginBulk: buka transaksi dulu')
  if (sessions.has(sqlite)) throw new Error('beginBulk: mode massal sudah aktif')
  const suspended: { name: string; sql: string }[] = []
  const indexed = [...SEARCH_TRIGGERS.keys()].filter((t) => tables.includes(t))
  // Rows above this rowid were inserted in bulk mode (lowered when a row is deleted meanwhile,
  // so a reused rowid is still found; re-deriving an older row's entry changes nothing).
  const inserted = new Map<string, number>()
  if (indexed.length) {
    sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS bulk_touched (tbl TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tbl, id))`)
    sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS bulk_mark (tbl TEXT PRIMARY KEY, above INTEGER NOT NULL)`)
    for (const t of indexed) {
      for (const name of SEARCH_TRIGGERS.get(t)!) {
        const row = sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name) as { sql: string } | undefined
        if (!row) continue
        suspended.push({ name, sql: row.sql })
        sqlite.exec(`DROP TRIGGER "${name}"`)
      }
      // Note who was touched; kader_posyandu touches its kader (both old and new).
      const note = t === 'kader_posyandu' ? ['kader', 'new.kader_id'] : [t, 'new.id']
      const max = (sqlite.prepare(`SELECT max(rowid) AS m FROM main."${t}"`).get() as { m: number | null }).m ?? 0
      if (max < 2 ** 62) {
        inserted.set(t, max)
        sqlite.prepare(`INSERT OR REPLACE INTO bulk_mark VALUES (?, ?)`).run(t, max)
        sqlite.exec(`CREATE TEMP TRIGGER bulk_${t}_del AFTER DELETE ON main."${t}" BEGIN UPDATE bulk_mark SET above = min(above, old.rowid - 1) WHERE tbl = '${t}'; END`)
      } else {
        // Rowids near the limit are chosen at random by SQLite: note each insert instead.
        sqlite.exec(`CREATE TEMP TRIGGER bulk_${t}_ins AFTER INSERT ON main."${t}" BEGIN INSERT OR IGNORE INTO bulk_touched VALUES ('${note[0]}', ${note[1]}); END`)
      }
      sqlite.exec(
        `CREATE TEMP TRIGGER bulk_${t}_upd AFTER UPDATE ON main."${t}" BEGIN INSERT OR IGNORE INTO bulk_touched VALUES ('${note[0]}', ${note[1]});${
          t === 'kader_posyandu' ? ` INSERT OR IGNORE INTO bulk_touched VALUES ('kader', old.kader_id);` : ''
        } END`,
      )
    }
  }
  const droppedIndexes: { name: string; sql: string }[] = []
  for (const t of opts.rebuildIndexes ?? []) {
    if (!tables.includes(t)) continue
    const list = sqlite
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %' ORDER BY name`)
      .all(t) as { name: string; sql: string }[]
    for (const ix of list) sqlite.exec(`DROP INDEX main."${ix.name}"`)
    droppedIndexes.push(...list)
  }

  // Entries are linked into the audit hash chain as they are queued, in order.
  const chain = auditChainer(sqlite)
  const queue: ChainedRow[] = []
  let written = 0
  const slots = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
  const many = sqlite.prepare(`INSERT INTO audit_log ${CHAINED_COLS} VALUES ${Array.from({ length: AUDIT_BATCH }, () => slots).join(', ')}`)
  const one = sqlite.prepare(`INSERT INTO audit_log ${CHAINED_COLS} VALUES ${slots}`)
  const flush = (all: boolean) => {
    while (queue.length >= AUDIT_BATCH) many.run(queue.splice(0, AUDIT_BATCH).flat())
    if (all) for (const e of queue.splice(0)) one.run(e)
  }

  const session: BulkSession = {
    audit(entry) {
      queue.push(chain.next(entry))
      written++
      if (queue.length >= AUDIT_BATCH) flush(false)
    },
    finish() {
      sessions.delete(sqlite)
      flush(true)
      chain.commit()
      // Indexes first: the search entries below are read through them.
      for (const ix of droppedIndexes) sqlite.exec(ix.sql)
      let searchRows = 0
      if (indexed.length) {
        for (const t of indexed) for (const k of TEMP_TRIGGERS) sqlite.exec(`DROP TRIGGER IF EXISTS temp.bulk_${t}_${k}`)
        // The rows inserted meanwhile (rowid above the mark): a membership's kader is noted; a kader's or
        // posyandu's own entry is built straight from its table's rowid range, not copied into bulk_touched first.
        const above = new Map<string, number>()
        for (const [t] of inserted) {
          const mark = (sqlite.prepare(`SELECT above FROM bulk_mark WHERE tbl = ?`).get(t) as { above: number }).above
          if (t === 'kader_posyandu') sqlite.prepare(`INSERT OR IGNORE INTO bulk_touched SELECT 'kader', kader_id FROM main."${t}" WHERE rowid > ? ORDER BY rowid`).run(mark)
          else above.set(t, mark)
        }
        searchRows = rebuildSearchEntries(sqlite, above)
        for (const s of suspended) sqlite.exec(s.sql)
        sqlite.exec(`DROP TABLE IF EXISTS temp.bulk_touched`)
        sqlite.exec(`DROP TABLE IF EXISTS temp.bulk_mark`)
      }
      return { auditEntries: written, searchRows }
    },
  }
  sessions.set(sqlite, session)
  return session
}

/** After a rollback: forget the session and remove what lives outside the transaction. */
export function abandonBulk(sqlite: Database.Database): void {
  sessions.delete(sqlite)
  if (!sqlite.open) return
  for (const t of SEARCH_TRIGGERS.keys()) for (const k of TEMP_TRIGGERS) sqlite.exec(`DROP TRIGGER IF EXISTS temp.bulk_${t}_${k}`)
  sqlite.exec(`DROP TABLE IF EXISTS temp.bulk_touched`)
  sqlite.exec(`DROP TABLE IF EXISTS temp.bulk_mark`)
}

/**
 * Runs `fn` in bulk mode inside one transaction (nested in the caller's, if any): commits
 * the rows, their audit entries and their search entries together, or none of them.
 */
export function withBulk<T>(sqlite: Database.Database, tables: string[], fn: () => T, opts: { rebuildIndexes?: string[] } = {}): T {
  try {
    return sqlite.transaction(() => {
      const session = beginBulk(sqlite, tables, opts)
      const out = fn()
      session.finish()
      return out
    })()
  } finally {
    if (sessions.has(sqlite)) abandonBulk(sqlite)
  }
}

/**
 * Re-derives the search entries of the rows noted in temp.bulk_touched and of the kader and
 * posyandu rows above their table's mark in `above` (inserted in bulk mode); returns how many.
 */
function rebuildSearchEntries(sqlite: Database.Database, above: Map<string, number>): number {
  // A posyandu's name and desa are part of its kader's entries.
  const newPosyandu = above.has('posyandu') ? ` UNION ALL SELECT id FROM main.posyandu WHERE rowid > ${above.get('posyandu')}` : ''
  sqlite.exec(`INSERT OR IGNORE INTO bulk_touched SELECT 'kader', kp.kader_id FROM kader_posyandu kp WHERE kp.posyandu_id IN (SELECT id FROM bulk_touched WHERE tbl = 'posyandu'${newPosyandu})`)
  let n = 0
  // Keys numbered from here on are new, so no search entry can exist under them yet: only the
  // entries of older keys need deleting (INTEGER PRIMARY KEY numbers upwards until near the limit).
  const known = (sqlite.prepare(`SELECT max(n) AS m FROM search_key`).get() as { m: number | null }).m ?? 0
  const fresh = known < 2 ** 62 ? `AND s.n <= ${known}` : ''
  for (const [tbl, fts, cols, values] of [
    ['kader', 'kader_fts', 'name, nik, area, place', `r.name, r.nik, ${AREA('r.scope')}, ${KADER_PLACE('r.id')}`],
    ['posyandu', 'posyandu_fts', 'name, area, place', `r.name, ${AREA('r.scope')}, ${POSYANDU_PLACE('r.desa_code')}`],
  ] as const) {
    // The rows noted (in the order they were noted) and those inserted (above the mark, in the order
    // they were written): each row once, as `r`.
    const mark = above.get(tbl)
    const noted = `FROM bulk_touched t JOIN "${tbl}" r ON r.id = t.id WHERE t.tbl = '${tbl}'${mark === undefined ? '' : ` AND r.rowid <= ${mark}`}`
    const written = mark === undefined ? null : `FROM "${tbl}" r WHERE r.rowid > ${mark}`
    sqlite.exec(`INSERT INTO search_key(row_id) SELECT r.id ${noted} AND NOT EXISTS (SELECT 1 FROM search_key s WHERE s.row_id = r.id) ORDER BY t.rowid`)
    if (written) sqlite.exec(`INSERT INTO search_key(row_id) SELECT r.id ${written} AND NOT EXISTS (SELECT 1 FROM search_key s WHERE s.row_id = r.id) ORDER BY r.rowid`)
    for (const from of written ? [noted, written] : [noted]) {
      const keyed = from.replace(' WHERE ', ' JOIN search_key s ON s.row_id = r.id WHERE ')
      sqlite.exec(`DELETE FROM ${fts} WHERE rowid IN (SELECT s.n ${keyed} ${fresh})`)
      n += sqlite.prepare(`INSERT INTO ${fts}(rowid, ${cols}) SELECT s.n, ${values} ${keyed} ORDER BY s.n`).run().changes
    }
  }
  return n
}
