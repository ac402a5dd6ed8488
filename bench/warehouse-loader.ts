// The warehouse loader as its own process, so its peak memory is its own:
//   tsx bench/warehouse-loader.ts <jobs.json> [loaders]   (jobs: [{ "db": office database, "folder": bundles }];
//   loaders: loader processes shared by all folders, as `warehouse load --jobs`; 0 or none: one per core)
// Prints one JSON line: rows loaded, seconds, peak RSS (this process; the largest loader process),
// the largest COPY buffer, refusals.
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { openContext } from '../src/core/context'
import { warehouseLoadOffices } from '../src/warehouse'
// The offices' databases are encrypted test databases (tests/helpers/db.ts makeCtx).
import { keyFor } from '../tests/helpers/raw-db'

const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { db: string; folder: string }[]
const loaders = Number(process.argv[3] ?? 0) || availableParallelism()
const startRss = process.memoryUsage().rss
let peakRss = startRss
const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25)
let rows = 0
let copyBufferPeak = 0
const phases: Record<string, number> = {}
const t0 = process.hrtime.bigint()
const offices = jobs.map((job) => ({ ctx: openContext({ dataFile: job.db, host: 'cli', key: keyFor(job.db) }), path: job.folder }))
let out
try {
  out = await warehouseLoadOffices(offices, { jobs: loaders })
} finally {
  for (const o of offices) o.ctx.close()
}
for (const r of out.loaded) {
  rows += r.rows
  copyBufferPeak = Math.max(copyBufferPeak, r.copyBufferPeak)
  for (const [k, v] of Object.entries(r.phases)) phases[k] = (phases[k] ?? 0) + v
}
const refused = out.refused.map((r) => `${r.file}: ${r.reason}`)
const seconds = Number(process.hrtime.bigint() - t0) / 1e9
clearInterval(timer)
// The kernel's own high-water mark catches a peak between two samples.
const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024
const workerPeak = Math.max(0, ...(out.workers ?? []).map((w) => w.peakRss))
// All processes together (each one's own peak, added up: an upper bound of what they held at once).
const totalPeak = Math.max(peakRss, hwm) + (out.workers ?? []).reduce((n, w) => n + w.peakRss, 0)
console.log(JSON.stringify({ rows, bundles: out.loaded.length, seconds, startRss, peakRss: Math.max(peakRss, hwm, workerPeak), mainPeak: Math.max(peakRss, hwm), workerPeak, totalPeak, loaders, copyBufferPeak, phases, refused }))
