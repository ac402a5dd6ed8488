/**
 * Test helper: registers posyandu straight into a database while the registry screens are
 * built elsewhere. Usage: node --import tsx seed-posyandu.ts <db> <name>@<desa code> ...
 * Prints the new ids as JSON.
 */
import { openContext } from '../../../src/core/context'
import { insertRow } from '../../../src/core/db/rows'

const [dataFile, ...specs] = process.argv.slice(2)
const ctx = openContext({ dataFile, host: 'cli' })
const ids = specs.map((s) => {
  const [name, desa] = s.split('@')
  return insertRow(ctx, 'posyandu', { name, desa_code: desa }, { scope: desa.split('.').slice(0, 3).join('.') }).id
})
ctx.close()
process.stdout.write(`${JSON.stringify(ids)}\n`)
