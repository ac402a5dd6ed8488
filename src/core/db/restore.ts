import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileState, openSqlite, type DbKey } from './cipher'
import type { BackupInfo } from '../../shared/contract/app'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import { systemClock } from '../clock'
import { openContext, type Ctx } from '../context'
import { migrationsDir } from '../paths'
import { backupDatabase, keepBackups } from './backup'
import { readMigrations } from './migrate'
import { APPLICATION_ID, inspectDatabaseFile, integrityCheck, openDatabase } from './open'

/** The office a database file belongs to, as a person would recognise it. */
export interface OfficeLabel {
  wilayahCode: string
  name: string
}

export interface RestoreOptions {
  /** The person has confirmed that a backup of another office replaces this office's data. */
  confirmOtherOffice?: boolean
}

/**
 * Backups are encrypted with the database key; a plain one (made before this office's
 * database was encrypted) still restores, and is encrypted as it is opened.
 */
const openBackup = (file: string, key: DbKey | null) =>
  openSqlite(file, fileState(file) === 'encrypted' ? key : null, { readonly: true, fileMustExist: true })

function inspectBackup(file: string, key: DbKey | null) {
  try {
    return inspectDatabaseFile(file, fileState(file) === 'encrypted' ? key : null)
  } catch (e) {
    if (e instanceof AppError && (e.code === 'DB_WRONG_KEY' || e.code === 'DB_KEY_REQUIRED')) {
      throw new AppError('BACKUP_OTHER_KEY', msg('backup.otherKey', { file }))
    }
    throw e
  }
}

/** A backup may replace the database only if it is a Simpul database, not newer, and intact. */
export function checkBackup(backupFile: string, key: DbKey | null = null): void {
  if (!existsSync(backupFile)) throw new AppError('NOT_FOUND', msg('backup.missing', { file: backupFile }))
  const head = inspectBackup(backupFile, key)
  if (head.applicationId !== APPLICATION_ID) throw new AppError('DB_NOT_SIMPUL', msg('backup.notSimpul', { file: backupFile }))
  const latest = readMigrations(migrationsDir()).length
  if (head.userVersion > latest) {
    throw new AppError('DB_NEWER', msg('backup.newer', { schema: head.userVersion, latest }))
  }
  const check = openBackup(backupFile, key)
  try {
    const res = integrityCheck(check)
    if (!res.ok) throw new AppError('BACKUP_CORRUPT', msg('backup.corrupt', { why: res.messages.join('; ') }))
  } finally {
    check.close()
  }
}

/** This install's office as recorded in a database file; null before first-run setup. */
export function officeOfFile(file: string, key: DbKey | null = null): OfficeLabel | null {
  const ro = openBackup(file, key)
  try {
    const hasTable = ro.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'office'`).get()
    if (!hasTable) return null
    const row = ro.prepare('SELECT wilayah_code AS wilayahCode, name FROM office WHERE is_self = 1').get() as OfficeLabel | undefined
    return row ?? null
  } finally {
    ro.close()
  }
}

const sameOffice = (a: OfficeLabel, b: OfficeLabel) =>
  a.wilayahCode === b.wilayahCode && a.name.trim().toLowerCase() === b.name.trim().toLowerCase()

/**
 * A backup of another office (another wilayah code or office name) would replace every row of
 * this office with theirs: it is restored only after a confirmation that names both offices.
 */
export function checkBackupOffice(current: OfficeLabel | null, backupFile: string, opts: RestoreOptions = {}, key: DbKey | null = null): void {
  const backup = officeOfFile(backupFile, key)
  if (!current || !backup || sameOffice(current, backup) || opts.confirmOtherOffice) return
  throw new AppError(
    'BACKUP_OTHER_OFFICE',
    msg('backup.otherOffice', { backup: backup.name, backupCode: backup.wilayahCode, current: current.name, currentCode: current.wilayahCode }),
    { current: { wilayahCode: current.wilayahCode, name: current.name }, backup },
  )
}

/** Puts a copy of the backup in place of the closed database: owner-only, swapped in by one rename. */
function replaceFile(dataFile: string, backupFile: string): void {
  const incoming = `${dataFile}.restoring`
  copyFileSync(backupFile, incoming)
  chmodSync(incoming, 0o600)
  for (const suffix of ['-wal', '-shm']) rmSync(dataFile + suffix, { force: true })
  renameSync(incoming, dataFile)
}

/**
 * Replaces a closed database with a checked backup (command line); the current file is
 * backed up first, and the result is opened once (migrating an older backup).
 */
export function restoreDatabase(
  dataFile: string,
  backupFile: string,
  opts: RestoreOptions = {},
  key: DbKey | null = null,
): { restored: string; previousBackup: string | null } {
  checkBackup(backupFile, key)
  const backupsDir = join(dirname(dataFile), 'backups')
  let previousBackup: string | null = null
  if (existsSync(dataFile)) {
    const cur = openDatabase({ file: dataFile, migrationsDir: migrationsDir(), backupsDir, clock: systemClock, key })
    try {
      const current = cur.sqlite.prepare('SELECT wilayah_code AS wilayahCode, name FROM office WHERE is_self = 1').get() as OfficeLabel | undefined
      checkBackupOffice(current ?? null, backupFile, opts, key)
      previousBackup = backupDatabase(cur.sqlite, backupsDir, 'pre-restore', systemClock, keepBackups(cur)).file
    } finally {
      cur.sqlite.close()
    }
  }
  replaceFile(dataFile, backupFile)
  openContext({ dataFile, host: 'cli', key }).close()
  return { restored: dataFile, previousBackup }
}

/** The same from a running window or host: back up, close, replace, reopen the same context. */
export function restoreInContext(ctx: Ctx, backupFile: string, keep?: number, opts: RestoreOptions = {}): { previousBackup: BackupInfo } {
  checkBackup(backupFile, ctx.dbKey)
  checkBackupOffice(ctx.office(), backupFile, opts, ctx.dbKey)
  const previousBackup = backupDatabase(ctx.sqlite, ctx.backupsDir, 'pre-restore', ctx.clock, keep)
  ctx.close()
  try {
    replaceFile(ctx.dataFile, backupFile)
  } finally {
    ctx.reopen()
  }
  return { previousBackup }
}
