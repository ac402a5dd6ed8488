import { keepBackups } from '../../app/handlers'
import type { Ctx } from '../../context'
import { backupDatabase } from '../../db/backup'

/**
 * Stage 6 — back up, only once the bundle passed every check: a refused bundle makes no
 * backup and rotates none away.
 */
export function backupBeforeImport(ctx: Ctx): string {
  return backupDatabase(ctx.sqlite, ctx.backupsDir, 'pre-import', ctx.clock, keepBackups(ctx)).file
}
