// The warehouse loader as its own process, so its peak memory is its own:
//   tsx bench/warehouse-loader.ts <jobs.json>   (jobs: [{ "db": office database, "folder": bundles }])
// Prints one JSON line: rows loaded, seconds, peak RSS, the largest COPY buffer, refusals.
import { readFileSync } from 'node:fs'
import { openContext } from '../src/core/context'
import { warehouseLoad } from '../src/warehouse'
// The offices' databases are encrypted test databases (tests/helpers/db.ts makeCtx).
import { keyFor } from '../tests/helpers/raw-db'

const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { db: string; folder: string }[]
const startRss = process.memoryUsage().rss
let peakRss = startRss
const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25)
let rows = 0
let bundles = 0
let copyBufferPeak = 0
const phases: Record<string, number> = {}
const refused: string[] = []
const t0 = process.hrtime.bigint()
for (const job of jobs) {
  const ctx = openContext({ dataFile: job.db, host: 'cli', key: keyFor(job.db) })
  try {
    const out = await warehouseLoad(ctx, job.folder)
    for (const r of out.loaded) {
      rows += r.rows
      bundles++
      copyBufferPeak = Math.max(copyBufferPeak, r.copyBufferPeak)
      for (const [k, v] of Object.entries(r.phases)) phases[k] = (phases[k] ?? 0) + v
    }
    refused.push(...out.refused.map((r) => `${r.file}: ${r.reason}`))
  } finally {
    ctx.close()
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9
clearInterval(timer)
// The kernel's own high-water mark catches a peak between two samples.
const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024
console.log(JSON.stringify({ rows, bundles, seconds, startRss, peakRss: Math.max(peakRss, hwm), copyBufferPeak, phases, refused }))
