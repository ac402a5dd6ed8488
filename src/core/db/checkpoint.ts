import type Database from 'better-sqlite3'

/**
 * COMMIT of a large write (a bulk import) without SQLite's automatic checkpoint: once the WAL
 * passes `wal_autocheckpoint` pages (1,000 by default) the COMMIT itself copies every page back
 * into the database file — 30–50 ms of a kabupaten bundle's import, seconds of a national one,
 * work a bare insert of the same rows never meets. The rows are as durable and as visible the
 * moment COMMIT returns (recovery replays a WAL after a kill -9); the copy runs at the next turn
 * of the event loop instead (a PASSIVE checkpoint, which never waits for readers), after the
 * import has answered. It is moved, not saved: the same pages are copied once either way.
 */
export function commitDeferringCheckpoint(sqlite: Database.Database): void {
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number
  sqlite.pragma('wal_autocheckpoint = 0')
  try {
    sqlite.exec('COMMIT')
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${before}`)
  }
  setImmediate(() => checkpointIdle(sqlite))
}

/** Copies the WAL back into the database file unless the connection is closed or busy in a transaction (the next COMMIT's automatic checkpoint then does it). */
export function checkpointIdle(sqlite: Database.Database): void {
  if (!sqlite.open || sqlite.inTransaction) return
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // busy or locked elsewhere: the next automatic checkpoint (or the backup before the next import) catches up
  }
}
