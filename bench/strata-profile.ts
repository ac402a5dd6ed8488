// Strata of one kabupaten-year beside the plain SQL aggregate, alone, for a profile or a
// before/after (the evaluation benchmark's data, kept in a file between runs):
//   node --import tsx bench/strata-profile.ts [runs=30] [db=/tmp/simpul-strata-profile.sqlite]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/strata-profile.ts
//   node --trace-opt --trace-deopt --import tsx bench/strata-profile.ts 8   (what is compiled, and deoptimised, in which run)
// Prints each run's CPU (strata/aggregate, ms; all threads: the compiler's and the collector's
// too) and the median of the first 7, the benchmark's figure: the first runs pay for compiling.
import { existsSync } from 'node:fs'
import { openContext } from '../src/core/context'
import { generateMonthlyReports } from '../src/core/evaluation/demo'
import { indicatorSet } from '../src/core/evaluation/sets'
import { computeStrata } from '../src/core/evaluation/strata'
import { setupOffice } from '../src/core/office/service'
import { seedPosyandu, sqlAggregate } from './benchmarks/evaluation'
import { addUser } from '../tests/helpers/db'

const runs = Number(process.argv[2] ?? 30)
const file = process.argv[3] ?? '/tmp/simpul-strata-profile.sqlite'
const fresh = !existsSync(file)
const ctx = openContext({ dataFile: file, host: 'cli' })
if (fresh) {
  setupOffice(ctx, { wilayahCode: '12.18', level: 'kabupaten', name: 'Bappeda Serdang Bedagai', operatorName: 'Bench' })
  addUser(ctx, 'admin', 'admin', 'Penguji')
  seedPosyandu(ctx)
  generateMonthlyReports(ctx, { seed: 1, years: 2, endYear: 2025 })
}
const set = indicatorSet(ctx.sqlite, '12.18', 'strata-2011')
const area = { code: '12.18', name: 'Serdang Bedagai' }
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const s: number[] = []
const b: number[] = []
for (let i = 0; i < runs; i++) {
  if (process.argv.includes('--trace-opt') || process.execArgv.includes('--trace-opt')) console.log(`=== run ${i}`)
  let c = cpu()
  computeStrata(ctx.sqlite, area, 2025, set, { previousYear: false })
  s.push(cpu() - c)
  c = cpu()
  sqlAggregate(ctx)
  b.push(cpu() - c)
}
const med = (xs: number[]) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)]
console.log(s.map((x, i) => `${x.toFixed(0)}/${b[i].toFixed(0)}`).join(' '))
const first = Math.min(7, runs)
console.log(`first ${first}: strata CPU ${med(s.slice(0, first)).toFixed(1)} ms, aggregate ${med(b.slice(0, first)).toFixed(1)} ms: ${(med(s.slice(0, first)) / med(b.slice(0, first))).toFixed(2)}×`)
console.log(`strata CPU ${med(s).toFixed(1)} ms, aggregate ${med(b).toFixed(1)} ms: ${(med(s) / med(b)).toFixed(2)}× (median of ${runs})`)
ctx.close()
