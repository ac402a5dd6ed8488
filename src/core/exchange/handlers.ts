import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { BundleInspection, ImportProgress } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import type { Handlers } from '../handlers'
import { currentJob } from '../jobs'
import { ensurePrivateDir } from '../paths'
import { newId } from '../sync/ids'
import { takeUpload } from '../uploads'
import { exportBundle } from './export'
import { checkBundle, importBundle, senderFingerprint } from './import'
import { readHeader } from './format'
import { cardFileName, enrolOffice, listPeers, makeCard, peerRow, readCard, rekeySelf, relationProblem, relationProblemMsg, revokeOffice, selfCardInfo } from './peers'
import { dismissConflict, listConflicts, reapplyConflict, bundleHistory } from './review'

/** Manifest and verdict of a bundle file, without decrypting it. Throws only when unreadable. */
export function inspectBundle(ctx: Ctx, file: string, fileName = basename(file)): BundleInspection {
  const { manifest: m } = readHeader(file)
  const summary = {
    format: m.format,
    schemaVersion: m.schemaVersion,
    appVersion: m.appVersion,
    from: { code: m.from.code, name: m.from.name, level: m.from.level },
    to: { code: m.to.code, name: m.to.name },
    createdAt: m.createdAt,
    seq: m.seq,
    ack: m.ack,
    counts: m.counts,
    rows: m.rows,
    payloadSize: m.payload.size,
    payloadSha256: m.payload.sha256,
    rejectedReceipt: m.rejected.length,
  }
  const base = { fileName, sizeBytes: statSync(file).size, manifest: summary }
  try {
    const checked = checkBundle(ctx, file)
    return { ...base, ok: true, code: null, message: null, senderFingerprint: senderFingerprint(checked) }
  } catch (e) {
    if (!(e instanceof AppError)) throw e
    return { ...base, ok: false, code: e.code, message: e.message, msg: e.msg ?? null, senderFingerprint: peerRow(ctx, m.from.code)?.fingerprint ?? null }
  }
}

// Bundles handed over by the window wait in <dataDir>/inbox until imported.
const inboxFile = (ctx: Ctx, id: string) => join(ctx.dataDir, 'inbox', `${id}.simpul`)
function inboxName(ctx: Ctx, id: string): string {
  const file = inboxFile(ctx, id)
  if (!existsSync(file)) throw new AppError('NOT_FOUND', msg('bundle.fileGone'))
  return readFileSync(`${file}.name`, 'utf8')
}

const jobs = new WeakMap<Ctx, { progress: ImportProgress | null; cancel: boolean }>()

async function runJob(ctx: Ctx, inboxId: string, dryRun: boolean, reject: { table: string; id: string }[]) {
  const job = { progress: null as ImportProgress | null, cancel: false }
  if (jobs.get(ctx)?.progress && jobs.get(ctx)?.progress?.phase !== 'selesai') throw new AppError('BUNDLE_BUSY', msg('bundle.busy'))
  jobs.set(ctx, job)
  const fileName = inboxName(ctx, inboxId)
  // In the database worker the main thread answers progress and cancel itself (this thread is busy in SQLite).
  const signal = currentJob()
  const report = await importBundle(ctx, inboxFile(ctx, inboxId), {
    dryRun,
    reject,
    fileName,
    progress: (p) => ((job.progress = p), signal?.progress({ ...p })),
    cancelled: () => job.cancel || !!signal?.cancelled(),
  }).finally(() => (job.progress = job.progress ? { ...job.progress, phase: 'selesai' } : null))
  if (!dryRun) for (const f of [inboxFile(ctx, inboxId), `${inboxFile(ctx, inboxId)}.name`]) rmSync(f, { force: true })
  return report
}

export const exchangeHandlers = {
  'exchange.officeCard': (_i, ctx) => {
    const card = makeCard(ctx)
    return { ...selfCardInfo(ctx), fileName: cardFileName(card), base64: Buffer.from(JSON.stringify(card, null, 2)).toString('base64') }
  },
  'exchange.cardPreview': (i, ctx) => {
    const card = readCard(Buffer.from(i.base64, 'base64').toString('utf8'))
    const existing = listPeers(ctx).find((p) => p.wilayahCode === card.wilayahCode) ?? null
    return {
      wilayahCode: card.wilayahCode,
      name: card.name,
      level: card.level,
      fingerprint: card.fingerprint,
      problem: relationProblem(ctx.requireOffice(), card),
      problemMsg: relationProblemMsg(ctx.requireOffice(), card),
      existing,
      keysChanged: !!existing && existing.fingerprint !== card.fingerprint,
    }
  },
  'exchange.enrol': (i, ctx) => enrolOffice(ctx, Buffer.from(i.base64, 'base64').toString('utf8'), i.fingerprint),
  'exchange.peers': (_i, ctx) => listPeers(ctx),
  'exchange.revoke': (i, ctx) => revokeOffice(ctx, i.wilayahCode),
  'exchange.rekey': (_i, ctx) => rekeySelf(ctx),
  'exchange.bundleExport': (i, ctx) => {
    const res = exportBundle(ctx, i.to)
    return { ...res, base64: readFileSync(res.file).toString('base64') }
  },
  'exchange.bundleOpen': (i, ctx) => {
    ensurePrivateDir(join(ctx.dataDir, 'inbox'))
    const inboxId = newId()
    const file = inboxFile(ctx, inboxId)
    if (i.uploadId) renameSync(takeUpload(ctx.dataDir, i.uploadId), file) // both under the data folder: one rename
    else writeFileSync(file, Buffer.from(i.base64!, 'base64'), { mode: 0o600 })
    writeFileSync(`${file}.name`, basename(i.fileName), { mode: 0o600 })
    try {
      return { ...inspectBundle(ctx, file, basename(i.fileName)), inboxId }
    } catch (e) {
      rmSync(file, { force: true })
      rmSync(`${file}.name`, { force: true })
      throw e
    }
  },
  'exchange.bundleDryRun': (i, ctx) => runJob(ctx, i.inboxId, true, []),
  'exchange.bundleApply': (i, ctx) => runJob(ctx, i.inboxId, false, i.reject),
  'exchange.progress': (_i, ctx) => jobs.get(ctx)?.progress ?? null,
  'exchange.cancel': (_i, ctx) => {
    const job = jobs.get(ctx)
    if (!job || !job.progress || job.progress.phase === 'selesai') return { cancelled: false }
    job.cancel = true
    return { cancelled: true }
  },
  'exchange.history': (i, ctx) => bundleHistory(ctx, i.limit),
  'exchange.conflicts': (i, ctx) => listConflicts(ctx, i.status),
  'exchange.conflictReapply': (i, ctx) => reapplyConflict(ctx, i.id),
  'exchange.conflictDismiss': (i, ctx) => dismissConflict(ctx, i.id),
} satisfies Partial<Handlers>
