import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { BackupInfo } from '../../shared/contract/app'
import { AppError } from '../../shared/result'
import { systemClock } from '../clock'
import { openContext, type Ctx } from '../context'
import { migrationsDir } from '../paths'
import { backupDatabase } from './backup'
import { readMigrations } from './migrate'
import { APPLICATION_ID, inspectDatabaseFile, integrityCheck, openDatabase } from './open'

/** A backup may replace the database only if it is a Simpul database, not newer, and intact. */
export function checkBackup(backupFile: string): void {
  if (!existsSync(backupFile)) throw new AppError('NOT_FOUND', `Berkas cadangan ${backupFile} tidak ada.`)
  const head = inspectDatabaseFile(backupFile)
  if (head.applicationId !== APPLICATION_ID) throw new AppError('DB_NOT_SIMPUL', `${backupFile} bukan cadangan Simpul.`)
  const latest = readMigrations(migrationsDir()).length
  if (head.userVersion > latest) {
    throw new AppError('DB_NEWER', `Cadangan ini dibuat oleh Simpul yang lebih baru (skema ${head.userVersion}, aplikasi ini ${latest}). Perbarui Simpul terlebih dahulu.`)
  }
  const check = new Database(backupFile, { readonly: true })
  try {
    const res = integrityCheck(check)
    if (!res.ok) throw new AppError('BACKUP_CORRUPT', `Cadangan rusak: ${res.messages.join('; ')}`)
  } finally {
    check.close()
  }
}

function replaceFile(dataFile: string, backupFile: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(dataFile + suffix, { force: true })
  copyFileSync(backupFile, dataFile)
}

/**
 * Replaces a closed database with a checked backup (command line); the current file is
 * backed up first, and the result is opened once (migrating an older backup).
 */
export function restoreDatabase(dataFile: string, backupFile: string): { restored: string; previousBackup: string | null } {
  checkBackup(backupFile)
  const backupsDir = join(dirname(dataFile), 'backups')
  let previousBackup: string | null = null
  if (existsSync(dataFile)) {
    const cur = openDatabase({ file: dataFile, migrationsDir: migrationsDir(), backupsDir, clock: systemClock })
    try {
      previousBackup = backupDatabase(cur.sqlite, backupsDir, 'pre-restore', systemClock).file
    } finally {
      cur.sqlite.close()
    }
  }
  replaceFile(dataFile, backupFile)
  openContext({ dataFile, host: 'cli' }).close()
  return { restored: dataFile, previousBackup }
}

/** The same from a running window or host: back up, close, replace, reopen the same context. */
export function restoreInContext(ctx: Ctx, backupFile: string, keep?: number): { previousBackup: BackupInfo } {
  checkBackup(backupFile)
  const previousBackup = backupDatabase(ctx.sqlite, ctx.backupsDir, 'pre-restore', ctx.clock, keep)
  ctx.close()
  try {
    replaceFile(ctx.dataFile, backupFile)
  } finally {
    ctx.reopen()
  }
  return { previousBackup }
}
