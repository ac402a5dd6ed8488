// The exchange benchmark's kabupaten import alone, cold (the first import of the process, as the
// benchmark times it) and then warm, for a profile or a before/after of its CPU time:
//   npx tsx bench/import-profile.ts [--scale 1] [--runs 3] [--prof /tmp/prof]
// With --prof each run writes <dir>/import-<n>.cpuprofile (V8's profiler around the import only,
// not the generation and export before it); read one with bench/profile-summary.ts. Run it under
// MALLOC_ARENA_MAX=2 as the benchmark does.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openContext } from '../src/core/context'
import { importBundle } from '../src/core/exchange/import'
import { tempDir, TEST_DB_KEY } from '../tests/helpers/db'
import { readRows, bareInsertRate } from './baselines'
import { kabupatenBundle } from './benchmarks/exchange'

const { values: args } = parseArgs({ options: { scale: { type: 'string' }, runs: { type: 'string' }, prof: { type: 'string' } } })
const scale = Number(args.scale ?? 1)
const { kec, kab, out, bundle, pristine } = kabupatenBundle(Math.round(1236 * scale), Math.round(9000 * scale), 'import-profile')
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1000
}
// Laps (CPU ms since the previous one), printed per run where code under study calls
// `;(globalThis as any).__lap?.('name')` (instrumentation added by hand while profiling, never committed)
let lapAt = process.cpuUsage()
let laps: [string, number][] = []
;(globalThis as any).__lap = (name: string) => {
  const u = process.cpuUsage(lapAt)
  laps.push([name, (u.user + u.system) / 1000])
  lapAt = process.cpuUsage()
}
const session = args.prof ? new Session() : null
if (session) {
  mkdirSync(args.prof!, { recursive: true })
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
}
for (let run = 0; run < Number(args.runs ?? 3); run++) {
  // Each run on a fresh copy of the receiver as it was before any import (the first one on kab itself).
  const dir = tempDir('simpul-import-profile-run-')
  cpSync(pristine, dir, { recursive: true })
  const ctx = run === 0 ? kab : openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', key: TEST_DB_KEY })
  if (session) await session.post('Profiler.start')
  const c0 = process.cpuUsage()
  await importBundle(ctx, bundle.file)
  const importCpu = cpuMs(c0)
  const c1 = process.cpuUsage()
  ctx.sqlite.pragma('wal_checkpoint(PASSIVE)')
  const checkpointCpu = cpuMs(c1)
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(join(args.prof!, `import-${run}.cpuprofile`), JSON.stringify(profile))
  }
  if (laps.length) console.log(laps.map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', '))
  laps = []
  console.log(`run ${run}${run === 0 ? ' (cold)' : ''}: import ${importCpu.toFixed(0)} ms CPU, checkpoint ${checkpointCpu.toFixed(0)} ms`)
  if (run > 0) ctx.close()
  rmSync(dir, { recursive: true, force: true })
}
const c = process.cpuUsage()
bareInsertRate(readRows(kec.sqlite, ['posyandu', 'kader']), out)
console.log(`bare insert of the same rows: ${cpuMs(c).toFixed(0)} ms CPU`)
for (const ctx of [kec, kab]) (ctx.close(), rmSync(ctx.dataDir, { recursive: true, force: true }))
rmSync(out, { recursive: true, force: true })
rmSync(pristine, { recursive: true, force: true })
