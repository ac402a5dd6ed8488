// Usage: node --import tsx tests/e2e/helpers/seed-posyandu.ts <db file> <desa code> <name>...
// Registers posyandu directly in a host's database (the registry screens live in another area).
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'
import { insertRow } from '../../../src/core/db/rows'

const [dbFile, desa, ...names] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
for (const name of names) {
  const row = insertRow(ctx, 'posyandu', { name, desa_code: desa }, { scope: desa.split('.').slice(0, 3).join('.') })
  process.stdout.write(`${row.id}\n`)
}
ctx.close()
