// npm run bench [-- --json] [--out file] [--national] [--only name] [--scale 0.25]
// --scale shrinks the benchmarks that know it (exchange, evaluation) while iterating; README figures use 1.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

// The app's processes start with MALLOC_ARENA_MAX=2 (bin/simpul.js, scripts/start.mjs): so
// does the benchmark, whose in-process imports stand for theirs (read only at process start).
if (process.platform === 'linux' && !process.env.MALLOC_ARENA_MAX) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, MALLOC_ARENA_MAX: '2' } })
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig))
  const code = await new Promise<number>((r) => child.on('exit', (c, sig) => r(c ?? (sig ? 1 : 0))))
  process.exit(code)
}
import { benchmarks } from './index'
import type { BenchResult } from './types'

const { values } = parseArgs({ options: { json: { type: 'boolean' }, out: { type: 'string' }, national: { type: 'boolean' }, only: { type: 'string' }, scale: { type: 'string' } }, allowPositionals: true })
const results: BenchResult[] = []
for (const b of benchmarks) {
  if (values.only && !b.name.includes(values.only)) continue
  if (b.national && !values.national) continue
  process.stderr.write(`… ${b.name}\n`)
  results.push(...(await b.run({ national: !!values.national, scale: values.scale ? Number(values.scale) : 1 })))
}
const fmt = (n: number | null) => (n === null ? '—' : n >= 100 ? n.toFixed(0) : n.toFixed(2))
const rows = results.map((r) => [r.pass ? 'ok' : 'MISS', r.name, `${fmt(r.figure)} ${r.unit}`, r.baseline === null ? '—' : `${fmt(r.baseline)} ${r.unit} (${r.baselineLabel})`, r.goal])
const widths = [4, ...[1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), 8))]
console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n'))
for (const r of results) if (r.notes) console.log(`  ${r.name}: ${r.notes}`)
if (values.json) {
  const file = values.out ?? 'bench-results.json'
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2))
  console.error(`JSON: ${file}`)
}
