import { basename } from 'node:path'
import type { ImportProgress, ImportReport, TableCounts } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { msg, sayId } from '../../shared/messages'
import type { Ctx } from '../context'
import { policyOf } from '../policy'
import { applyBundle } from './stages/apply'
import { backupBeforeImport } from './stages/backup'
import { checkRows } from './stages/check'
import { readBundleHeader } from './stages/header'
import { verifyPayloadHash } from './stages/payload'
import { checkSender, type CheckedBundle } from './stages/sender'

export { compareVersions } from './stages/apply'
export { senderFingerprint, type CheckedBundle } from './stages/sender'

export interface ImportOptions {
  dryRun?: boolean
  reject?: { table: string; id: string }[]
  progress?: (p: ImportProgress) => void
  cancelled?: () => boolean
  /** How many row-level items the report lists (the rest are counted). */
  itemsCap?: number
  fileName?: string
}

/** Stages 1–2: everything that needs no decryption. Throws with a Bahasa Indonesia message; writes nothing. */
export function checkBundle(ctx: Ctx, file: string): CheckedBundle {
  return checkSender(ctx, readBundleHeader(file))
}

const busy = new WeakSet<object>()

/**
 * Imports one bundle, as a chain of named stages (src/core/exchange/stages/):
 *
 *   1 header → 2 signature, sender, receiver, replay → 3 decrypt and stream rows →
 *   4 check each row against the table policy → 5 plan (the dry run) → 6 back up →
 *   7 apply in one BEGIN IMMEDIATE transaction → 8 receipt
 *
 * Stages 1–4 only read, so a refused bundle writes nothing, makes no backup and rotates
 * none away.
 */
export async function importBundle(ctx: Ctx, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  if (busy.has(ctx.sqlite)) throw new AppError('BUNDLE_BUSY', msg('bundle.busy'))
  busy.add(ctx.sqlite)
  try {
    return await runStages(ctx, file, opts)
  } finally {
    busy.delete(ctx.sqlite)
  }
}

async function runStages(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportReport> {
  const dryRun = !!opts.dryRun
  const fileName = opts.fileName ?? basename(file)
  const checked = checkBundle(ctx, file) // 1, 2
  const m = checked.header.manifest
  const total = m.payload.size
  const progress = (phase: ImportProgress['phase']) => (doneBytes: number, rows: number) => opts.progress?.({ phase, doneBytes, totalBytes: total, rows })
  const stream = { cancelled: opts.cancelled }

  await verifyPayloadHash(file, checked.header, { ...stream, progress: progress('memeriksa') }) // 3
  const check = await checkRows(ctx, file, checked, { ...stream, progress: progress('memeriksa') }) // 3, 4
  // Tables as the screens name them (the policy's label), rows by their label.
  const refusalMsg = check.unauthorisedTotal
    ? msg('bundle.refusedAll', {
        n: check.unauthorisedTotal,
        name: checked.peer.name,
        code: checked.peer.wilayah_code,
        rows: check.unauthorised.map((r) => msg('bundle.refusedRow', { table: policyOf(r.table)?.label ?? r.table, label: r.label || r.id, reason: r.reason })),
        more: check.unauthorisedTotal > check.unauthorised.length ? '; …' : '',
      })
    : null
  const refusal = refusalMsg && sayId(refusalMsg)
  if (refusalMsg && !dryRun) {
    throw new AppError('BUNDLE_UNAUTHORISED', msg('bundle.refusedNothingChanged', { refusal: refusalMsg }), { rows: check.unauthorised.map((r) => `${r.table} ${r.id}`) })
  }

  const backupFile = dryRun || refusal ? null : backupBeforeImport(ctx) // 6 (5 is the dry run: the same apply, rolled back)
  const applied = await applyBundle(ctx, file, checked, check, {
    ...stream,
    progress: progress('menerapkan'),
    dryRun: dryRun || !!refusal,
    reject: new Set((opts.reject ?? []).map((r) => `${r.table}:${r.id}`)),
    itemsCap: opts.itemsCap ?? 5000,
    fileName,
  }) // 7, 8
  opts.progress?.({ phase: 'selesai', doneBytes: total, totalBytes: total, rows: check.rows })

  const tables = applied.counts
  const totals = tables.reduce(
    (s, c) => ({ label: '', new: s.new + c.new, changed: s.changed + c.changed, unchanged: s.unchanged + c.unchanged, refused: s.refused + c.refused, conflict: s.conflict + c.conflict, rejected: s.rejected + c.rejected, withdrawn: s.withdrawn + c.withdrawn }),
    { label: '', new: 0, changed: 0, unchanged: 0, refused: 0, conflict: 0, rejected: 0, withdrawn: 0 } as Omit<TableCounts, 'table'>,
  )
  return { dryRun, fileName, from: checked.peer.wilayah_code, seq: m.seq, tables, totals, items: applied.items, itemsTotal: applied.itemsTotal, refusal, refusalMsg, backupFile }
}
