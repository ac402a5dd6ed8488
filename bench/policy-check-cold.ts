// The row check in a fresh process: the first rows of one table, as an import meets them.
//   tsx bench/policy-check-cold.ts <database> <table> <fast|zod> <rows>
// Prints one JSON line: CPU µs per row over those rows (schema and test built on the first one).
import { policyOf, rowProblems } from '../src/core/policy'
import { withDefaults } from '../src/core/write'
import { rawDb } from '../tests/helpers/raw-db'

const [file, table, path, n] = process.argv.slice(2)
const sqlite = rawDb(file, { readonly: true })
const policy = policyOf(table)!
const rows = sqlite.prepare(`SELECT * FROM "${table}" LIMIT ?`).all(Number(n)) as Record<string, unknown>[]
let problems = 0
const cpu = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}
const t0 = cpu()
for (const r of rows) problems += rowProblems(sqlite, policy, withDefaults(sqlite, table, r), undefined, path as 'fast' | 'zod').length
const us = (cpu() - t0) / rows.length
console.log(JSON.stringify({ us, rows: rows.length, problems }))
