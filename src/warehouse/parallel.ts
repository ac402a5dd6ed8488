import { fork } from 'node:child_process'
import { join } from 'node:path'
import { appRoot, bundledFile } from '../core/paths'
import type { Ctx } from '../core/context'
import { AppError } from '../shared/result'
import type { BundleOutcome, FolderLoad, LoadOptions } from './index'

/** Messages to a loader process (src/warehouse/worker.ts) and back. */
export type ToWorker =
  | { type: 'init'; holdBeforeCommitMs?: number }
  | { type: 'load'; office: WorkerOffice; files: string[] }
  | { type: 'end' }
/** The warehouse office whose bundles these are (its database, key and clock). */
export interface WorkerOffice {
  dataFile: string
  key: Uint8Array | null
  clockOffsetMs: number
}
export type FromWorker =
  | { type: 'ready' }
  | { type: 'outcome'; outcome: BundleOutcome }
  | { type: 'fatal'; code?: string; message: string }
  | { type: 'bye'; peakRss: number }

/**
 * A folder load over `jobs` loader processes, each with its own PostgreSQL connection. Loads
 * of different senders do not wait for each other (the advisory lock is per sender, the
 * summary rows are per kabupaten/kota), so each process takes a whole sender's bundles, in
 * sequence order. A process holds up to AHEAD senders at a time, so that it checks the next
 * sender's first bundle (JavaScript, this process) while the one before is in its PostgreSQL
 * transaction (the server's work): a national year is one bundle per sender, and with one
 * sender at a time each process and its server backend would take turns, each idle while the
 * other works. Every bundle is still one transaction: a process that dies leaves the bundle
 * it was in not loaded, and the bundles it held but had not begun untouched (all reported as
 * refused, to be loaded by the same command run again); the others go on.
 */
/**
 * Senders a loader process holds at once: the one in its transaction, the one being checked,
 * and one more, already there when the one in its transaction commits (the check of the next
 * begins at once, before the parent could answer that commit with another sender).
 */
const AHEAD = 3

export async function parallelLoad(sources: { ctx: Ctx; order: { file: string; sender: string }[] }[], jobs: number, opts: LoadOptions): Promise<FolderLoad> {
  // One group per office and sender, in sequence order; a process keeps the office it has open.
  const queue: { office: WorkerOffice; files: string[] }[] = []
  for (const { ctx, order } of sources) {
    const office: WorkerOffice = { dataFile: ctx.dataFile, key: ctx.dbKey, clockOffsetMs: ctx.clock.now().getTime() - Date.now() }
    const bySender = new Map<string, string[]>()
    for (const o of order) bySender.set(o.sender, [...(bySender.get(o.sender) ?? []), o.file])
    queue.push(...[...bySender.values()].map((files) => ({ office, files })))
  }
  const outcomes: BundleOutcome[] = []
  const workers: { pid: number; peakRss: number }[] = []
  let fatal: AppError | Error | null = null
  const notLoaded = (file: string, why: string): Extract<BundleOutcome, { kind: 'refused' | 'skipped' }> => ({ kind: 'refused', file, reason: `Bundel belum dimuat: ${why}. Tidak ada data dari bundel ini yang dimuat; jalankan lagi "warehouse load" untuk memuatnya.` })

  /** The processes started, to share the first senders out before the second ones. */
  const started: { isReady: () => boolean; topUp: (limit?: number) => void }[] = []
  /** Senders handed out in turns: each process one more, until each holds AHEAD (or the queue is empty). */
  const shareOut = () => {
    for (let limit = 1; limit <= AHEAD; limit++) for (const s of started) s.topUp(limit)
  }
  const run = () =>
    new Promise<void>((resolve) => {
      const child = fork(bundledFile('warehouse-worker') ?? join(appRoot(), 'src', 'warehouse', 'worker-boot.mjs'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      const pid = child.pid ?? 0
      opts.note?.(`pemuat ${pid} mulai`)
      /** The senders' bundles handed to this process and not all answered yet. */
      const held: string[][] = []
      const done = new Set<string>()
      let ready = false
      let ended = false
      // Up to AHEAD senders; 'end' once the queue is empty and every sender handed is answered.
      const topUp = (limit = AHEAD) => {
        if (!ready || ended) return
        for (let i = held.length - 1; i >= 0; i--) if (held[i].every((f) => done.has(f))) held.splice(i, 1)
        while (!fatal && held.length < limit && queue.length) {
          const next = queue.shift()!
          held.push(next.files)
          child.send({ type: 'load', ...next } satisfies ToWorker)
        }
        if ((fatal || !queue.length) && !held.length) {
          ended = true
          child.send({ type: 'end' } satisfies ToWorker)
        }
      }
      // Every process's first sender before any process's second, so a small folder is shared out.
      const starting = () => {
        ready = true
        const waiting = started.filter((s) => !s.isReady())
        if (!waiting.length) shareOut()
        else if (!held.length && queue.length) {
          const next = queue.shift()!
          held.push(next.files)
          child.send({ type: 'load', ...next } satisfies ToWorker)
        }
      }
      started.push({ isReady: () => ready || stopped, topUp })
      child.on('message', (m: FromWorker) => {
        if (m.type === 'ready') starting()
        else if (m.type === 'outcome') {
          const o = m.outcome
          outcomes.push(o)
          done.add(o.file)
          opts.note?.(o.kind === 'loaded' ? `${o.file}: dimuat (${o.report.rows} baris dari ${o.report.from} #${o.report.seq}, pemuat ${pid})` : `${o.file}: ${o.reason}`)
          topUp(started.every((s) => s.isReady()) ? AHEAD : 1)
        } else if (m.type === 'fatal') fatal ??= m.code ? new AppError(m.code, m.message) : new Error(m.message)
        else if (m.type === 'bye') workers.push({ pid, peakRss: m.peakRss })
      })
      let stopped = false
      // A process that could not start or be reached reports 'error', maybe without an 'exit':
      // its bundles are then not loaded, as if it had died (the others go on).
      child.on('error', () => end(null, null))
      child.on('exit', (code, signal) => end(code, signal))
      const end = (code: number | null, signal: NodeJS.Signals | null) => {
        if (stopped) return
        stopped = true
        ended = true
        // The bundle it was in rolled back with its connection; the rest of what it held waits for the next run.
        for (const f of held.flat()) {
          if (done.has(f)) continue
          const o = notLoaded(f, `pemuat ${pid} berhenti (${signal ?? `kode ${code}`}) sebelum bundel ini selesai`)
          outcomes.push(o)
          opts.note?.(`${f}: ${o.reason}`)
        }
        held.length = 0
        // The others may have been waiting for this one to start before their second sender.
        if (started.every((s) => s.isReady())) shareOut()
        resolve()
      }
      child.send({ type: 'init', holdBeforeCommitMs: opts.holdBeforeCommitMs } satisfies ToWorker)
    })

  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, run))
  if (fatal) throw fatal
  // Senders no process took (every process stopped early).
  for (const g of queue) for (const f of g.files) outcomes.push(notLoaded(f, 'semua pemuat berhenti'))
  const rank = new Map(sources.flatMap((s) => s.order).map((o, i) => [o.file, i]))
  outcomes.sort((a, b) => rank.get(a.file)! - rank.get(b.file)!)
  const out: FolderLoad = { loaded: [], skipped: [], refused: [], workers }
  for (const o of outcomes) {
    if (o.kind === 'loaded') out.loaded.push(o.report)
    else out[o.kind].push({ file: o.file, reason: o.reason })
  }
  return out
}
