import { chmodSync, copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type Database from 'better-sqlite3'
import type { BackupInfo } from '../../shared/contract/app'
import { fileStamp, type Clock } from '../clock'
import { ensurePrivateDir } from '../paths'
import { getSetting } from '../settings'
import { fileState } from './cipher'

export const DEFAULT_KEEP_BACKUPS = 20
/** The reason written into the name of the copy an import makes before it writes. */
export const IMPORT_BACKUP_REASON = 'pre-import'
/** How many recent import days keep their "before the first bundle" copy (see rotateBackups). */
export const PROTECTED_IMPORT_DAYS = 7
const NAME = /^simpul-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.sqlite$/

/** The office's `backup.keep` setting (how many recent copies rotation keeps at least). */
export const keepBackups = (ctx: { sqlite: Database.Database }): number =>
  Number(getSetting(ctx.sqlite, 'backup.keep')) || DEFAULT_KEEP_BACKUPS

/**
 * A consistent copy of the open database, then old copies are rotated away by the rule of
 * rotateBackups. An encrypted database is copied byte for byte when it can be (copyEncryptedFile:
 * some 3 ms for a kabupaten's file); otherwise VACUUM INTO (works inside WAL mode, needs no
 * pause of the writer, but decodes and rebuilds every table and index: ~70 ms CPU for the
 * same file, seconds for a large one).
 */
export function backupDatabase(
  sqlite: Database.Database,
  backupsDir: string,
  reason: string,
  clock: Clock,
  keep = DEFAULT_KEEP_BACKUPS,
): BackupInfo {
  ensurePrivateDir(backupsDir)
  const safeReason = reason.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40) || 'manual'
  const stamp = fileStamp(clock.now())
  // Copies made within one second are numbered after the highest number already used in it,
  // so the newest always sorts first even when rotation removed the earlier ones.
  const used = readdirSync(backupsDir).map((f) => NAME.exec(f)).filter((m) => m && m[1] === stamp).map((m) => Number(m![2] ?? 1))
  const n = used.length ? Math.max(...used) + 1 : 1
  const file = join(backupsDir, n === 1 ? `simpul-${stamp}-${safeReason}.sqlite` : `simpul-${stamp}-${n}-${safeReason}.sqlite`)
  try {
    if (!copyEncryptedFile(sqlite, file)) sqlite.prepare('VACUUM INTO ?').run(file)
  } catch (e) {
    // A full disk leaves a cut-off copy: it must never be listed as a restore point (nor rotate others away).
    rmSync(file, { force: true })
    throw e
  }
  chmodSync(file, 0o600)
  rotateBackups(backupsDir, keep)
  const { n: _n, ...info } = describe(file)!
  return info
}

/**
 * Copies an encrypted database in WAL mode as its file: pages stay encrypted with the same
 * key, so the copy opens with it like the original. Consistent only while the main file alone
 * holds the whole database and nobody can change it, so: every WAL frame is first written
 * back (a PASSIVE checkpoint, which never waits for readers), then the write lock is taken
 * and the copy made only if no other connection committed in between (data_version). The
 * copy is then switched to a rollback journal, as a VACUUM INTO copy is (a standalone file).
 * Returns false (and copies nothing) when any of that does not hold. A plain database always
 * takes VACUUM INTO: its free pages may still hold deleted rows in clear.
 */
export function copyEncryptedFile(sqlite: Database.Database, file: string): boolean {
  if (sqlite.inTransaction || sqlite.memory || fileState(sqlite.name) !== 'encrypted') return false
  const version = sqlite.pragma('data_version', { simple: true })
  const [ck] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[]
  if (!ck || ck.busy || ck.log < 0 || ck.log !== ck.checkpointed) return false
  try {
    sqlite.exec('BEGIN IMMEDIATE')
  } catch (e) {
    // Another connection is writing: VACUUM INTO needs no write lock and copies a snapshot.
    if (String((e as { code?: string }).code).startsWith('SQLITE_BUSY')) return false
    throw e
  }
  try {
    if (sqlite.pragma('data_version', { simple: true }) !== version) return false
    copyFileSync(sqlite.name, file)
  } finally {
    sqlite.exec('ROLLBACK')
  }
  // ATTACH without a key uses the main database's key (SQLite3MultipleCiphers).
  sqlite.prepare('ATTACH DATABASE ? AS simpul_backup').run(file)
  try {
    sqlite.pragma('simpul_backup.journal_mode = DELETE')
  } finally {
    sqlite.exec('DETACH DATABASE simpul_backup')
  }
  return true
}

/**
 * The copy a bundle import makes just before it writes. Call it only once the bundle passed
 * every check: a bundle that is refused makes no copy and so rotates none away.
 */
export function backupBeforeImport(ctx: { sqlite: Database.Database; backupsDir: string; clock: Clock }): BackupInfo {
  return backupDatabase(ctx.sqlite, ctx.backupsDir, IMPORT_BACKUP_REASON, ctx.clock, keepBackups(ctx))
}

export function listBackups(backupsDir: string): BackupInfo[] {
  if (!existsSync(backupsDir)) return []
  return readdirSync(backupsDir)
    .map((n) => describe(join(backupsDir, n)))
    .filter((b): b is BackupInfo & { n: number } => b !== null)
    // Newest first: by time stamp, then by the counter of copies made in the same second.
    // (ISO time stamps of one form: compared by code unit, which needs no ICU collator — some 7 ms the first time)
    .sort((a, b) => (b.createdAt < a.createdAt ? -1 : b.createdAt > a.createdAt ? 1 : 0) || b.n - a.n)
    .map(({ n: _n, ...b }) => b)
}

const isImportBackup = (b: BackupInfo) => b.reason === IMPORT_BACKUP_REASON

/**
 * Which copies survive rotation. A flood of bundles (each import makes a copy) must never
 * leave the office without a point to go back to, so besides the newest `keep` copies these
 * always stay:
 *  1. the newest copy that no import made (manual, before a migration, before a restore):
 *     the last point a person or an upgrade chose;
 *  2. for each of the last PROTECTED_IMPORT_DAYS days on which bundles were imported, that
 *     day's first import copy: the database as it was before the day's first bundle.
 * Everything else goes, oldest first. So at most keep + 1 + PROTECTED_IMPORT_DAYS files stay.
 */
export function backupsToKeep(newestFirst: BackupInfo[], keep: number): Set<string> {
  const kept = new Set(newestFirst.slice(0, Math.max(1, keep)).map((b) => b.file))
  const lastChosen = newestFirst.find((b) => !isImportBackup(b))
  if (lastChosen) kept.add(lastChosen.file)
  const firstOfDay = new Map<string, BackupInfo>()
  for (const b of newestFirst) if (isImportBackup(b)) firstOfDay.set(b.createdAt.slice(0, 10), b) // oldest of the day wins
  for (const b of [...firstOfDay.values()].slice(0, PROTECTED_IMPORT_DAYS)) kept.add(b.file) // Map keeps newest day first
  return kept
}

export function rotateBackups(backupsDir: string, keep: number): void {
  const all = listBackups(backupsDir)
  const kept = backupsToKeep(all, keep)
  for (const old of all) if (!kept.has(old.file)) rmSync(old.file, { force: true })
}

function describe(file: string): (BackupInfo & { n: number }) | null {
  const m = NAME.exec(basename(file))
  if (!m) return null
  const s = m[1]
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}`
  return { file, name: basename(file), reason: m[3], createdAt, sizeBytes: statSync(file).size, n: Number(m[2] ?? 1) }
}
