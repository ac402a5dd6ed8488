// The warehouse loader's check stage alone (stages 1–4 of prepareBundle, no PostgreSQL) on a
// small national sample, for a profile or a before/after of its CPU a row:
//   node --import tsx bench/check-profile.ts [posyandu=12000] [runs=4]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/check-profile.ts
// Six kabupaten bundles of two provinces; each run checks every one of them again.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { generateNational } from './national'
import { prepareBundle } from '../src/warehouse/load'

const posyandu = Number(process.argv[2] ?? 12000)
const runs = Number(process.argv[3] ?? 4)
const data = await generateNational({ posyandu, provinces: ['21', '11'], kabupatenPerProvince: 3, seed: 15 })
process.stderr.write(`${data.totalRows} rows, ${data.kabupaten} bundles\n`)
for (let r = 0; r < runs; r++) {
  let check = 0
  let rows = 0
  const c0 = process.cpuUsage()
  for (const p of data.provinces) {
    for (const f of readdirSync(p.folder).sort()) {
      const b = await prepareBundle(p.ctx, join(p.folder, f), () => 0)
      check += b.phases.check
      rows += b.check.rows
    }
  }
  const c = process.cpuUsage(c0)
  console.log(`run ${r}: ${rows} rows, check ${check.toFixed(0)} ms = ${((check * 1000) / rows).toFixed(2)} µs/row by the clock, process CPU ${((c.user + c.system) / rows).toFixed(2)} µs/row`)
}
