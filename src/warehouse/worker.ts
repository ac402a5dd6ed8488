// One loader process of a parallel folder load (src/warehouse/parallel.ts): opens the warehouse
// office's database and its own PostgreSQL connection, then loads the senders it is handed,
// each in sequence order, reporting every bundle's outcome as it happens.
import { readFileSync } from 'node:fs'
import type pg from 'pg'
import { openContext, type Ctx } from '../core/context'
import { connectWarehouse, loadInOrder } from './index'
import type { FromWorker, ToWorker, WorkerOffice } from './parallel'

/** The office whose bundles it loads now, and its warehouse connection (kept while the next group is the same office). */
let ctx: Ctx | null = null
let client: pg.Client | null = null
let hold: number | undefined

async function open(office: WorkerOffice): Promise<void> {
  if (ctx?.dataFile === office.dataFile) return
  await close()
  const offset = office.clockOffsetMs
  ctx = openContext({ dataFile: office.dataFile, host: 'cli', key: office.key ? Buffer.from(office.key) : null, clock: { now: () => new Date(Date.now() + offset) } })
  client = await connectWarehouse(ctx)
}

async function close(): Promise<void> {
  await client?.end()
  ctx?.close()
  ;[client, ctx] = [null, null]
}
const send = (m: FromWorker) => process.send!(m)
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024

process.on('message', (m: ToWorker) => {
  void handle(m).catch((e: Error & { code?: string }) => {
    send({ type: 'fatal', code: e.code, message: e.message })
    process.exitCode = 1
    process.disconnect()
  })
})

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'init') {
    hold = m.holdBeforeCommitMs
    send({ type: 'ready' })
  } else if (m.type === 'load') {
    await open(m.office)
    await loadInOrder(ctx!, client!, m.files, { holdBeforeCommitMs: hold }, (outcome) => send({ type: 'outcome', outcome }))
    send({ type: 'idle' })
  } else {
    await close()
    send({ type: 'bye', peakRss: peakRss() })
    process.disconnect()
  }
}
