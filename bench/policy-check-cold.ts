// The row check in a fresh process: the first rows of one table, as an import meets them.
//   tsx bench/policy-check-cold.ts <database> <table> <fast|zod> <rows>
// Prints one JSON line: CPU µs per row over those rows (schema and test built on the first one).
import { objectBuilder } from '../src/core/exchange/stages/section'
import { columnsOf, policyOf, rowProblems } from '../src/core/policy'
import { withDefaults } from '../src/core/write'
import { rawDb } from '../tests/helpers/raw-db'

const [file, table, path, n] = process.argv.slice(2)
const sqlite = rawDb(file, { readonly: true })
const policy = policyOf(table)!
// The check stage has read the table's columns when it opened the section, before its first row.
columnsOf(sqlite, table)
const select = sqlite.prepare(`SELECT * FROM "${table}" LIMIT ?`)
const columns = select.columns().map((c) => c.name)
const rows = select.raw().all(Number(n)) as unknown[][]
let problems = 0
const cpu = () => {
  const u = process.cpuUsage()
  return u.user + u.system
}
const t0 = cpu()
// as the check stage meets its rows: values made an object (built once per section), completed, checked
const asObject = objectBuilder(columns)
for (const v of rows) problems += rowProblems(sqlite, policy, withDefaults(sqlite, table, asObject(v)), undefined, path as 'fast' | 'zod').length
const us = (cpu() - t0) / rows.length
console.log(JSON.stringify({ us, rows: rows.length, problems }))
