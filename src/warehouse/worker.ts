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

const fail = (e: Error & { code?: string }) => {
  if (!process.connected) return
  send({ type: 'fatal', code: e.code, message: e.message })
  process.exitCode = 1
  process.disconnect()
}
process.on('message', (m: ToWorker) => void handle(m).catch(fail))

/**
 * The senders handed to this process, loaded one after another: the files of the next one of
 * the same office join the run in progress (loadInOrder reads its list as it goes), so its
 * first bundle is checked while the one before is in its transaction.
 */
const waiting: { office: WorkerOffice; files: string[] }[] = []
let run: { dataFile: string; files: string[] } | null = null
let running: Promise<void> | null = null

async function drive(): Promise<void> {
  while (waiting.length) {
    const { office, files } = waiting.shift()!
    await open(office)
    run = { dataFile: office.dataFile, files: [...files] }
    // Senders of the same office handed meanwhile join this run.
    for (let i = 0; i < waiting.length; i++) if (waiting[i].office.dataFile === office.dataFile) run.files.push(...waiting.splice(i--, 1)[0].files)
    try {
      await loadInOrder(ctx!, client!, run.files, { holdBeforeCommitMs: hold }, (outcome) => send({ type: 'outcome', outcome }))
    } finally {
      run = null
    }
  }
}

async function handle(m: ToWorker): Promise<void> {
  if (m.type === 'init') {
    hold = m.holdBeforeCommitMs
    send({ type: 'ready' })
  } else if (m.type === 'load') {
    if (run?.dataFile === m.office.dataFile) run.files.push(...m.files)
    else waiting.push({ office: m.office, files: m.files })
    if (!running) {
      running = drive().finally(() => (running = null))
      running.catch(fail)
    }
  } else {
    await running
    await close()
    send({ type: 'bye', peakRss: peakRss() })
    process.disconnect()
  }
}
