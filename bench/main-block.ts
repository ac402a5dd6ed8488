// The exchange benchmark's import through the database worker alone, for what the main thread
// does meanwhile (issue 17: its longest block < 100 ms):
//   npx tsx bench/main-block.ts [--scale 0.1] [--load 2] [--prof /tmp/prof]
// --scale is of the national bundle (300,000 posyandu + 1,500,000 kader; 0.0062 ≈ a kabupaten).
// --load N starts N busy loops (`node -e 'for(;;){}'`) for the import and stops them after, to
// see the block on a busy machine; the split of each late turn into this thread's CPU time and
// its wait for a CPU (bench/baselines.ts MainThreadWatch) tells our work from the scheduler's.
// With --load-apart the loops run in a session of their own (setsid), as other programs do: with
// Linux's autogroup scheduling each session gets its share of the CPUs, so this is the harder case.
// --nice N runs the job worker at that nice value (default 0, the usual priority).
// --prof writes <dir>/main-thread.cpuprofile (the main thread only, during the apply); read it
// with bench/profile-summary.ts. Run it under MALLOC_ARENA_MAX=2 as the benchmark does.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { callerOf } from '../tests/helpers/db'
import { describeWatch } from './baselines'
import { importThroughWorker, kabupatenBundle } from './benchmarks/exchange'

const { values: args } = parseArgs({ options: { scale: { type: 'string' }, load: { type: 'string' }, prof: { type: 'string' }, 'load-apart': { type: 'boolean' }, nice: { type: 'string' } } })
const scale = Number(args.scale ?? 0.1)
const { kec, kab, out, bundle, pristine: dir } = kabupatenBundle(Math.round(300_000 * scale), Math.round(1_500_000 * scale), 'main-block')
const caller = callerOf(kab)
for (const c of [kec, kab]) c.close()

const loops = Array.from({ length: Number(args.load ?? 0) }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore', detached: !!args['load-apart'] }))
const session = args.prof ? new Session() : null
try {
  if (session) {
    mkdirSync(args.prof!, { recursive: true })
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: 200 })
    await session.post('Profiler.start')
  }
  const r = await importThroughWorker(join(dir, 'simpul.sqlite'), bundle.file, caller, args.nice === undefined ? undefined : Number(args.nice))
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(join(args.prof!, 'main-thread.cpuprofile'), JSON.stringify(profile))
  }
  console.log(`${bundle.rows} rows, ${(statSync(bundle.file).size / 1e6).toFixed(1)} MB bundle, ${loops.length} busy loops${args['load-apart'] ? ' (in their own session)' : ''}, job worker nice ${args.nice ?? 0}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  console.log(`apply: longest block ${Math.round(r.maxBlockMs)} ms (monitorEventLoopDelay); ${Math.round(bundle.rows / (r.importMs / 1000))} rows/s through the worker; ${r.reads} reads, slowest ${Math.round(r.slowestReadMs)} ms; ${r.progress} progress messages`)
  console.log(`  ${describeWatch(r.watch)}`)
  console.log(`open (the file handed over): longest block ${Math.round(r.openBlockMs)} ms`)
  console.log(`  ${describeWatch(r.openWatch)}`)
} finally {
  for (const l of loops) l.kill()
  session?.disconnect()
  rmSync(dir, { recursive: true, force: true })
  rmSync(out, { recursive: true, force: true })
}
