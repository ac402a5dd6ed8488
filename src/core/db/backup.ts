import { chmodSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type Database from 'better-sqlite3'
import type { BackupInfo } from '../../shared/contract/app'
import { fileStamp, type Clock } from '../clock'
import { ensurePrivateDir } from '../paths'

export const DEFAULT_KEEP_BACKUPS = 20
const NAME = /^simpul-(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)\.sqlite$/

/**
 * A consistent copy of the open database (VACUUM INTO works inside WAL mode and
 * needs no pause of the writer), then old copies beyond `keep` are removed.
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
  sqlite.prepare('VACUUM INTO ?').run(file)
  chmodSync(file, 0o600)
  rotateBackups(backupsDir, keep)
  const { n: _n, ...info } = describe(file)!
  return info
}

export function listBackups(backupsDir: string): BackupInfo[] {
  if (!existsSync(backupsDir)) return []
  return readdirSync(backupsDir)
    .map((n) => describe(join(backupsDir, n)))
    .filter((b): b is BackupInfo & { n: number } => b !== null)
    // Newest first: by time stamp, then by the counter of copies made in the same second.
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.n - a.n)
    .map(({ n: _n, ...b }) => b)
}

export function rotateBackups(backupsDir: string, keep: number): void {
  for (const old of listBackups(backupsDir).slice(Math.max(1, keep))) rmSync(old.file, { force: true })
}

function describe(file: string): (BackupInfo & { n: number }) | null {
  const m = NAME.exec(basename(file))
  if (!m) return null
  const s = m[1]
  const createdAt = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}`
  return { file, name: basename(file), reason: m[3], createdAt, sizeBytes: statSync(file).size, n: Number(m[2] ?? 1) }
}
