// npm run stress [-- --hostile N] [--kills N] [--json [file]]
// The long versions of the fault tests: 10,000 hostile bundles and 200 SIGKILLed imports.
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { tempDir } from '../tests/helpers/db'
import { checkAfterCrash, crashSetup, freshCopy, hostileSetup, importInChild, mutant, prng, tryHostile } from '../tests/helpers/faults'

const { values } = parseArgs({ options: { hostile: { type: 'string' }, kills: { type: 'string' }, json: { type: 'boolean' }, out: { type: 'string' } } })
const HOSTILE = Number(values.hostile ?? 10_000)
const KILLS = Number(values.kills ?? 200)

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

const result = {
  at: new Date().toISOString(),
  hostile: { files: HOSTILE, byKind, failures: failures.length, examples: failures.slice(0, 20) },
  crash: { kills: KILLS, rows: 20_000, fullImportMs: Math.round(c.fullMs), ...outcomes },
}
console.log(JSON.stringify(result, null, 2))
if (values.json) writeFileSync(values.out ?? 'stress-results.json', JSON.stringify(result, null, 2))
process.exitCode = failures.length || outcomes.broken ? 1 : 0
