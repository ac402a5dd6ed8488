import type { Ctx } from '../../context'
import { backupBeforeImport as importBackup } from '../../db/backup'

/**
 * Stage 6 — back up, only once the bundle passed every check: a refused bundle makes no
 * backup and rotates none away. Rotation never lets import copies push out the day's
 * first import copy or the newest manual/pre-migrate/pre-restore copy (db/backup.ts).
 */
export function backupBeforeImport(ctx: Ctx): string {
  return importBackup(ctx).file
}
