import { chmodSync, existsSync } from 'node:fs'
import type Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { AppError } from '../../shared/result'
import type { Clock } from '../clock'
import { environmentFailure } from '../failures'
import { backupDatabase, DEFAULT_KEEP_BACKUPS } from './backup'
import { encryptPlainBackups, encryptPlainFile, fileState, openSqlite, type DbKey } from './cipher'
import { readMigrations } from './migrate'
import * as schema from './schema'
import { msg } from '../../shared/messages'

/** Page cache per connection, in KiB as PRAGMA cache_size takes it (negative = KiB). */
export const SQLITE_CACHE_KIB = -32768

/** 'SIMP' in the SQLite header, so a stranger's database is recognised before it is touched. */
export const APPLICATION_ID = 0x53494d50

export type Db = BetterSQLite3Database<typeof schema>

export interface OpenedDb {
  sqlite: Database.Database
  db: Db
  schemaVersion: number
  migratedFrom: number
  backupFile: string | null
}

export interface OpenOptions {
  file: string
  migrationsDir: string
  backupsDir: string
  clock: Clock
  keepBackups?: number
  /** How long a write waits for another connection's lock before SQLITE_BUSY (default 5 s). */
  busyTimeoutMs?: number
  /**
   * The database key (db/cipher.ts). With a key, a new file is created encrypted and a plain
   * one is encrypted first (after a backup; see encryptPlainFile). Without one, only a plain
   * file opens; an encrypted file is refused as locked.
   */
  key?: DbKey | null
}

/** The refusal for an encrypted file opened without (or with the wrong) key. */
export const lockedError = (file: string) =>
  new AppError('DB_KEY_REQUIRED', msg('db.keyRequired', { file }))

/** Reads the header of an existing file without writing to it. */
export function inspectDatabaseFile(file: string, key: DbKey | null = null): { userVersion: number; applicationId: number; tables: number } {
  const state = fileState(file)
  if (state === 'encrypted' && !key) throw lockedError(file)
  const ro = openSqlite(file, state === 'encrypted' ? key : null, { readonly: true, fileMustExist: true })
  try {
    return {
      userVersion: ro.pragma('user_version', { simple: true }) as number,
      applicationId: ro.pragma('application_id', { simple: true }) as number,
      tables: (ro.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n,
    }
  } catch (e) {
    // Held by another program or unreadable for permissions: that is not "not a database".
    if (environmentFailure(e)) throw e
    if (state === 'encrypted' && (e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new AppError('DB_WRONG_KEY', msg('db.wrongKey', { file }))
    }
    throw new AppError('DB_NOT_SIMPUL', msg('db.notSqlite', { file, why: (e as Error).message }))
  } finally {
    ro.close()
  }
}

/**
 * Opens (or creates) a Simpul database: refuses a foreign or newer-schema file before
 * writing anything, backs up an existing file before migrating it, then applies the
 * pending migrations in one transaction.
 */
export function openDatabase(opts: OpenOptions): OpenedDb {
  const migrations = readMigrations(opts.migrationsDir)
  const latest = migrations.length
  let current = 0
  const key = opts.key ?? null
  if (existsSync(opts.file)) {
    const head = inspectDatabaseFile(opts.file, key)
    if (head.tables > 0 && head.applicationId !== APPLICATION_ID) {
      throw new AppError('DB_NOT_SIMPUL', msg('db.notSimpul', { file: opts.file }))
    }
    if (head.userVersion > latest) {
      throw new AppError(
        'DB_NEWER',
        msg('db.newer', { schema: head.userVersion, latest }),
        { dbVersion: head.userVersion, appVersion: latest },
      )
    }
    current = head.userVersion
    if (key && fileState(opts.file) === 'plain') {
      // An office upgrading from a release without encryption, or a restored plain backup.
      encryptPlainFile(opts.file, key, { backupsDir: opts.backupsDir, clock: opts.clock })
      encryptPlainBackups(opts.backupsDir, key)
    }
  }

  const created = !existsSync(opts.file)
  const sqlite = openSqlite(opts.file, key)
  try {
    if (created) chmodSync(opts.file, 0o600)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    // 32 MB of page cache (SQLite's default is 2 MB): a kabupaten's registry and two years of
    // monthly reports stay in memory, so strata, reports and searches do not re-read the file.
    sqlite.pragma(`cache_size = ${SQLITE_CACHE_KIB}`)
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`)

    let backupFile: string | null = null
    if (current < latest) {
      if (current > 0) {
        backupFile = backupDatabase(sqlite, opts.backupsDir, `pre-migrate-v${current}`, opts.clock, opts.keepBackups ?? DEFAULT_KEEP_BACKUPS).file
      }
      sqlite.transaction(() => {
        for (const m of migrations.slice(current)) {
          for (const stmt of m.statements) sqlite.exec(stmt)
        }
        sqlite.pragma(`application_id = ${APPLICATION_ID}`)
        sqlite.pragma(`user_version = ${latest}`)
      })()
    }
    return { sqlite, db: drizzle(sqlite, { schema }), schemaVersion: latest, migratedFrom: current, backupFile }
  } catch (e) {
    sqlite.close()
    throw e
  }
}

export function integrityCheck(sqlite: Database.Database): { ok: boolean; messages: string[] } {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[]
  const messages = rows.map((r) => r.integrity_check)
  const fk = sqlite.pragma('foreign_key_check') as unknown[]
  if (fk.length) messages.push(`${fk.length} pelanggaran kunci asing`)
  return { ok: messages.length === 1 && messages[0] === 'ok', messages }
}
