import { randomBytes } from 'node:crypto'
import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { AppError } from '../../shared/result'
import { fileStamp, type Clock } from '../clock'
import { ensurePrivateDir } from '../paths'
import { msg } from '../../shared/messages'

/**
 * Encryption at rest: every Simpul database is a SQLCipher 4 file (SQLite3MultipleCiphers,
 * `cipher='sqlcipher'`, `legacy=4`) keyed with 32 random bytes given as a raw key
 * (`x'<64 hex>'`, so no PBKDF2 runs on open: the key is already random). The key itself is
 * never stored; it is kept wrapped in the keyring beside the database (people/keyring.ts).
 */
export type DbKey = Buffer

export const newDbKey = (): DbKey => randomBytes(32)

/** Makes a connection read and write SQLCipher pages with this key (before its first statement). */
export function applyKey(db: Database.Database, key: DbKey): void {
  if (key.length !== 32) throw new Error('kunci basis data harus 32 bita')
  db.pragma(`cipher = 'sqlcipher'`)
  db.pragma('legacy = 4')
  db.pragma(`key = "x'${key.toString('hex')}'"`)
}

/** A connection to a database file, keyed when a key is given. */
export function openSqlite(file: string, key: DbKey | null, options?: Database.Options): Database.Database {
  const db = new Database(file, options)
  try {
    if (key) applyKey(db, key)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * What a file is, by its first 16 bytes: no file (or an empty one, which SQLite treats as
 * new), a plain SQLite database, or anything else — for Simpul, an encrypted database.
 */
export function fileState(file: string): 'missing' | 'plain' | 'encrypted' {
  if (!existsSync(file) || statSync(file).size === 0) return 'missing'
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    readSync(fd, head, 0, 16, 0)
    return head.equals(PLAIN_HEADER) ? 'plain' : 'encrypted'
  } finally {
    closeSync(fd)
  }
}

const tableCounts = (db: Database.Database): Record<string, number> => {
  const names = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name)
  const out: Record<string, number> = {}
  for (const n of names) {
    try {
      out[n] = (db.prepare(`SELECT count(*) AS n FROM "${n.replace(/"/g, '""')}"`).get() as { n: number }).n
    } catch {
      // A virtual table whose module is not loaded here (none today) is not counted.
    }
  }
  return out
}

/**
 * Encrypts a plain database file in place, with nothing lost:
 *  1. a plain copy goes to backups/ (VACUUM INTO; the office's data as it was);
 *  2. the file leaves WAL mode (rekey works only on a rollback-journal file), is vacuumed
 *     (so free pages holding old plain rows are gone) and rekeyed;
 *  3. the encrypted file must pass integrity_check and hold the same row count per table;
 *  4. only then is the plain copy removed (it holds every NIK in clear). On any failure the
 *     plain copy is put back and the error thrown: the office keeps a working plain file.
 * Needs the only connection to the file (another open connection makes step 2 fail: busy).
 */
export function encryptPlainFile(file: string, key: DbKey, opts: { backupsDir: string; clock: Clock }): void {
  if (fileState(file) !== 'plain') throw new Error(`${file} bukan basis data tanpa enkripsi`)
  ensurePrivateDir(opts.backupsDir)
  const copy = join(opts.backupsDir, `plain-before-encryption-${fileStamp(opts.clock.now())}-${process.pid}.sqlite`)
  const db = new Database(file)
  let before: Record<string, number>
  try {
    db.pragma('busy_timeout = 2000')
    before = tableCounts(db)
    rmSync(copy, { force: true })
    db.prepare('VACUUM INTO ?').run(copy)
    chmodSync(copy, 0o600)
    const mode = db.pragma('journal_mode = DELETE', { simple: true })
    if (mode !== 'delete') throw new AppError('DB_BUSY', msg('db.busyEncrypt'))
    db.exec('VACUUM')
    db.pragma(`cipher = 'sqlcipher'`)
    db.pragma('legacy = 4')
    db.pragma(`rekey = "x'${key.toString('hex')}'"`)
  } catch (e) {
    db.close()
    if (existsSync(copy) && fileState(file) !== 'plain') restorePlain(file, copy)
    rmSync(copy, { force: true })
    throw e
  }
  db.close()
  try {
    const check = openSqlite(file, key)
    try {
      const ic = check.pragma('integrity_check', { simple: true })
      if (ic !== 'ok') throw new Error(`integrity_check: ${String(ic)}`)
      const after = tableCounts(check)
      const lost = Object.keys(before).filter((t) => after[t] !== before[t])
      if (lost.length) throw new Error(`jumlah baris berbeda setelah enkripsi: ${lost.join(', ')}`)
      check.pragma('journal_mode = WAL')
    } finally {
      check.close()
    }
  } catch (e) {
    restorePlain(file, copy)
    rmSync(copy, { force: true })
    throw new AppError('DB_ENCRYPT_FAILED', msg('db.encryptFailed', { why: (e as Error).message }))
  }
  rmSync(copy, { force: true })
}

function restorePlain(file: string, copy: string) {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
  copyFileSync(copy, file)
  chmodSync(file, 0o600)
}

/**
 * Backups made before the database was encrypted are plain copies of every NIK: once the
 * database has its key, they are encrypted with the same key in place (each is a standalone
 * rollback-journal file made by VACUUM INTO), so a restore point is never lost.
 */
export function encryptPlainBackups(backupsDir: string, key: DbKey): number {
  if (!existsSync(backupsDir)) return 0
  let n = 0
  for (const name of readdirSync(backupsDir)) {
    const f = join(backupsDir, name)
    if (!name.endsWith('.sqlite') || name.startsWith('plain-before-encryption-') || fileState(f) !== 'plain') continue
    const db = new Database(f)
    try {
      db.pragma('journal_mode = DELETE')
      db.pragma(`cipher = 'sqlcipher'`)
      db.pragma('legacy = 4')
      db.pragma(`rekey = "x'${key.toString('hex')}'"`)
      n++
    } finally {
      db.close()
    }
  }
  return n
}
