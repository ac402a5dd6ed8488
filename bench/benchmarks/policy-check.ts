import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { generateDemo } from '../../src/core/demo'
import { appRoot } from '../../src/core/paths'
import { objectBuilder } from '../../src/core/exchange/stages/section'
import { policyOf, rowProblems } from '../../src/core/policy'
import { withDefaults } from '../../src/core/write'
import { makeCtx } from '../../tests/helpers/db'
import type { Benchmark, BenchResult } from '../types'

/** The tables an import meets most: the registry and the monthly reports (3.6 M of 4.5 M rows nationally). */
const TABLES = ['posyandu', 'kader', 'kader_posyandu', 'kader_training', 'monthly_report']
const COLD_ROWS = 1000

/** CPU µs of this process so far: on the shared machine, wall time mostly measures the other sessions. */
export const cpuMicros = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}

/** CPU µs per row of `fn` over `rows`, repeated to at least 30 ms of CPU. */
function perRow<T>(rows: T[], fn: (r: T) => unknown): number {
  let n = 0
  const t0 = cpuMicros()
  let us = 0
  do {
    for (const r of rows) fn(r)
    n += rows.length
    us = cpuMicros() - t0
  } while (us < 30_000)
  return us / n
}

/**
 * The table policy's row check (the check stage of bundle, spreadsheet and warehouse imports):
 * CPU µs per row of `rowProblems(withDefaults(row))` (what checkIncoming runs, on the row as the
 * check stage builds it from a section's values) on demo rows, the fast path (compiled test + quickCheck, zod only
 * for a row with a problem) beside the plain zod path on the same rows in the same run. Warm:
 * the best of 7 alternating rounds in this process. Cold: the first 1,000 rows (withDefaults
 * included, as the check stage does) in a fresh process where schema, compiled test and JIT
 * start from nothing, each path in its own process, best of 3. CPU time and best-of, not wall
 * time and median: on the shared 2-core machine the other sessions' load only ever adds time.
 */
export const policyCheck: Benchmark = {
  name: 'policy row check',
  run() {
    const ctx = makeCtx({ office: '33.25' })
    generateDemo(ctx, { scale: 'kecamatan', seed: 3 })
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const out: BenchResult[] = []
    for (const table of TABLES) {
      const policy = policyOf(table)!
      // As the check stage meets a row: an array of a section's values made an object, completed
      // with its defaults and checked (checkIncoming).
      const select = ctx.sqlite.prepare(`SELECT * FROM "${table}"`)
      const asObject = objectBuilder(select.columns().map((c) => c.name))
      const rows = select.raw().all() as unknown[][]
      const fast: number[] = []
      const zod: number[] = []
      for (let round = 0; round < 7; round++) {
        fast.push(perRow(rows, (v) => rowProblems(ctx.sqlite, policy, withDefaults(ctx.sqlite, table, asObject(v)))))
        zod.push(perRow(rows, (v) => rowProblems(ctx.sqlite, policy, withDefaults(ctx.sqlite, table, asObject(v)), undefined, 'zod')))
      }
      const warm = { fast: Math.min(...fast), zod: Math.min(...zod) }
      const cold = { fast: Infinity, zod: Infinity }
      for (let round = 0; round < 3; round++) {
        for (const path of ['fast', 'zod'] as const) {
          const child = spawnSync(process.execPath, ['--import', 'tsx', join(appRoot(), 'bench', 'policy-check-cold.ts'), ctx.dataFile, table, path, String(COLD_ROWS)], { encoding: 'utf8' })
          if (child.status !== 0) throw new Error(`policy-check-cold ${table} ${path}: ${child.stderr}`)
          cold[path] = Math.min(cold[path], (JSON.parse(child.stdout.trim().split('\n').pop()!) as { us: number }).us)
        }
      }
      const n = `${rows.length} rows`
      out.push(
        { name: `policy row check, ${table}, warm`, figure: warm.fast, unit: 'µs/row', baseline: warm.zod, baselineLabel: 'zod path, same rows', goal: '≤ 1/5 of the zod path', pass: warm.fast * 5 <= warm.zod, notes: n },
        { name: `policy row check, ${table}, cold (first ${Math.min(COLD_ROWS, rows.length)} rows, fresh process)`, figure: cold.fast, unit: 'µs/row', baseline: cold.zod, baselineLabel: 'zod path, fresh process', goal: '≤ 1/5 of the zod path', pass: cold.fast * 5 <= cold.zod, notes: n },
      )
    }
    ctx.close()
    return out
  },
}
