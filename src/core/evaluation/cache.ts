import type Database from 'better-sqlite3'

/**
 * Results computed from the database (strata, report fingerprints, printed reports), kept per
 * connection until anything at all is written (issue 17: revisiting the strata screen or
 * printing the report again should not recompute a kabupaten-year).
 *
 * The version is SQLite's own: `PRAGMA data_version` changes when another connection (the
 * CLI, a second window, an import in another process) commits; `total_changes()` counts
 * every row this connection inserted, updated or deleted, triggers included; the schema
 * version covers a migration. Any write to any table therefore drops every entry — coarse,
 * but it cannot miss a write path, and reading screens write nothing. Inside an open
 * transaction nothing is cached or served (its writes may still roll back).
 */
interface Store {
  version: string
  entries: Map<string, unknown>
  stmt: Database.Statement
}

const stores = new WeakMap<Database.Database, Store>()
/** A few areas × years × sets; each kabupaten-year entry is a few MB at most. */
const MAX_ENTRIES = 8

function versionOf(store: Store): string {
  const [dataVersion, changes, schema] = store.stmt.raw(true).get() as [number, number, number]
  return `${dataVersion}:${changes}:${schema}`
}

/** The data version of this connection now (null inside a transaction: nothing may be cached then). */
export function dataVersion(sqlite: Database.Database): string | null {
  if (sqlite.inTransaction) return null
  let store = stores.get(sqlite)
  if (!store) {
    const stmt = sqlite.prepare(`SELECT (SELECT data_version FROM pragma_data_version), total_changes(), (SELECT schema_version FROM pragma_schema_version)`)
    stores.set(sqlite, (store = { version: '', entries: new Map(), stmt }))
  }
  const v = versionOf(store)
  if (v !== store.version) {
    store.version = v
    store.entries.clear()
  }
  return v
}

/**
 * `compute()`'s result for `key`, computed again only when the database changed since it was
 * kept. The result is shared between callers: treat it as read-only.
 */
export function cached<T>(sqlite: Database.Database, key: string, compute: () => T): T {
  if (dataVersion(sqlite) === null) return compute()
  const store = stores.get(sqlite)!
  if (store.entries.has(key)) {
    const hit = store.entries.get(key) as T
    // Most recently used last, so the oldest is dropped first.
    store.entries.delete(key)
    store.entries.set(key, hit)
    return hit
  }
  const value = compute()
  store.entries.set(key, value)
  if (store.entries.size > MAX_ENTRIES) store.entries.delete(store.entries.keys().next().value as string)
  return value
}
