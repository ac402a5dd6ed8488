// The database worker: owns one SQLite connection and runs the handler table for the
// main process or the host, which only pass messages (src/core/worker/client.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { AppError } from '../../shared/result'
import { openContext, type Ctx } from '../context'
import { failureFor } from '../failures'
import { dispatch } from '../handlers'
import { runWithJob, type JobProgress } from '../jobs'
import type { FromWorker, ToWorker, WorkerInit } from './protocol'
import { lowerThreadPriority } from './priority'

const port = parentPort
if (!port) throw new Error('src/core/worker/entry.ts berjalan hanya sebagai worker_threads')
const post = (m: FromWorker) => port.postMessage(m)
const init = workerData as WorkerInit

if (init.nice) lowerThreadPriority(init.nice)

let ctx: Ctx | null = null
let reportedKey = init.keyHex ?? null
try {
  const key = init.keyHex ? Buffer.from(init.keyHex, 'hex') : null
  ctx = openContext({ dataFile: init.dataFile, host: init.host, migrationsDir: init.migrationsDir, busyTimeoutMs: init.busyTimeoutMs, key })
  post({ type: 'ready', dataFile: ctx.dataFile, dataDir: ctx.dataDir, schemaVersion: ctx.schemaVersion })
} catch (e) {
  // A refusal (newer schema, not a Simpul file) or a failure of the computer (disk full, locked), in words.
  const error = e instanceof AppError ? { code: e.code, message: e.message, details: e.details } : failureFor(e)
  if (!(e instanceof AppError)) console.error('[simpul worker] membuka basis data gagal', e)
  post({ type: 'failed', error })
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'close') {
    ctx?.close()
    ctx = null
    post({ type: 'closed' })
    port.close()
    return
  }
  if (m.type !== 'call' || !ctx) return
  // The cancel flag is shared memory: the main thread sets it while this thread is busy in SQLite.
  const flag = m.cancel ? new Int32Array(m.cancel) : null
  const signal = {
    progress: (progress: JobProgress) => post({ type: 'progress', id: m.id, progress }),
    cancelled: () => !!flag && Atomics.load(flag, 0) === 1,
  }
  void runWithJob(signal, () => dispatch(ctx!, m.op, m.input, m.caller)).then((result) => {
    // A login, the first administrator or the setup may have encrypted a plain database just now.
    const keyHex = ctx?.dbKey?.toString('hex') ?? null
    if (keyHex && keyHex !== reportedKey) {
      reportedKey = keyHex
      post({ type: 'key', keyHex })
    }
    post({ type: 'result', id: m.id, result })
  })
})
