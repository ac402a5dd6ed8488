import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { AppError } from '../../shared/result'
import { systemClock } from '../clock'
import { openContext } from '../context'
import { migrationsDir } from '../paths'
import { backupDatabase } from './backup'
import { APPLICATION_ID, inspectDatabaseFile, integrityCheck, openDatabase } from './open'

/**
 * Replaces the database with a checked backup: the backup must be a Simpul database,
 * not newer than this app, and pass integrity_check; the current file is backed up first.
 */
export function restoreDatabase(dataFile: string, backupFile: string): { restored: string; previousBackup: string | null } {
  const head = inspectDatabaseFile(backupFile)
  if (head.applicationId !== APPLICATION_ID) throw new AppError('DB_NOT_SIMPUL', `${backupFile} bukan cadangan Simpul.`)
  const check = new Database(backupFile, { readonly: true })
  try {
    const res = integrityCheck(check)
    if (!res.ok) throw new AppError('BACKUP_CORRUPT', `Cadangan rusak: ${res.messages.join('; ')}`)
  } finally {
    check.close()
  }
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
  for (const suffix of ['-wal', '-shm']) rmSync(dataFile + suffix, { force: true })
  copyFileSync(backupFile, dataFile)
  // Migrates an older backup and proves the result opens.
  openContext({ dataFile, host: 'cli' }).close()
  return { restored: dataFile, previousBackup }
}
