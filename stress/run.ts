// npm run stress [-- --hostile N] [--kills N] [--runs N] [--json [file]]
// The long versions of the fault tests: 10,000 hostile bundles, 200 SIGKILLed imports, and
// the convergence property with SIMPUL_PROPERTY_RUNS = 1,000 (npm test runs 50) and the fast
// strata property with 40,000 years (npm test: 2,000).
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { STRESS_PROPERTY_RUNS } from '../tests/helpers/budget'
import { tempDir } from '../tests/helpers/db'
import { checkAfterCrash, crashSetup, freshCopy, hostileSetup, importInChild, mutant, prng, tryHostile } from '../tests/helpers/faults'

const { values } = parseArgs({ options: { hostile: { type: 'string' }, kills: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } } })
const HOSTILE = Number(values.hostile ?? 10_000)
const KILLS = Number(values.kills ?? 200)
const RUNS = Number(values.runs ?? STRESS_PROPERTY_RUNS)

const s = hostileSetup()
const dir = tempDir('simpul-stress-')
const byKind: Record<string, { n: number; maxMs: number; failures: number }> = {}
const failures: string[] = []
for (let i = 0; i < HOSTILE; i++) {
  const m = mutant(s, i, dir)
  const o = await tryHostile(s, m)
  const k = (byKind[o.name] ??= { n: 0, maxMs: 0, failures: 0 })
  k.n++
  k.maxMs = Math.max(k.maxMs, Math.round(o.ms))
  const ok = o.refused && o.unchanged && o.ms <= 10_000 && /[a-z]{3,}/.test(o.message) && !/kesalahan di dalam/i.test(o.message)
  if (!ok) (k.failures++, failures.push(`#${i} ${o.name}: ${o.message.slice(0, 200)}`))
  if (i % 500 === 499) process.stderr.write(`hostile ${i + 1}/${HOSTILE}\n`)
}

const c = await crashSetup(20_000)
const r = prng(7)
const outcomes = { none: 0, all: 0, broken: 0 }
for (let k = 0; k < KILLS; k++) {
  const d = freshCopy(c.pristineDir)
  await importInChild(`${d}/simpul.sqlite`, c.bundle, r.int(100, Math.round(c.fullMs)))
  const a = checkAfterCrash(d, c)
  if (!a.integrity || !a.allOrNothing) outcomes.broken++
  else if (a.count === c.before) outcomes.none++
  else outcomes.all++
  if (k % 20 === 19) process.stderr.write(`kills ${k + 1}/${KILLS}\n`)
}

// The budgeted properties are vitest files (convergence; the fast strata against their
// yardstick, 40 years per run): run them with the stress budget.
const convergeStart = Date.now()
const converge = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'tests/core/exchange-converge.test.ts', 'tests/core/strata-fast.test.ts'], {
  env: { ...process.env, SIMPUL_PROPERTY_RUNS: String(RUNS) },
  stdio: ['ignore', 'inherit', 'inherit'],
})
const convergence = { runs: RUNS, ok: converge.status === 0, ms: Date.now() - convergeStart }

const result = {
  at: new Date().toISOString(),
  hostile: { files: HOSTILE, byKind, failures: failures.length, examples: failures.slice(0, 20) },
  crash: { kills: KILLS, rows: 20_000, fullImportMs: Math.round(c.fullMs), ...outcomes },
  convergence,
}
console.log(JSON.stringify(result, null, 2))
if (values.json) writeFileSync(values.out ?? 'stress-results.json', JSON.stringify(result, null, 2))
process.exitCode = failures.length || outcomes.broken || !convergence.ok ? 1 : 0
