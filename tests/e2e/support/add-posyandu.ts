// npx tsx tests/e2e/support/add-posyandu.ts <db file> <name>... — adds posyandu rows the way
// the registry screens would (through insertRow), for e2e tests of other areas.
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'
import { insertRow } from '../../../src/core/db/rows'

const [dbFile, ...names] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const scope = ctx.requireOffice().wilayahCode
names.forEach((name, i) => insertRow(ctx, 'posyandu', { name, desa_code: `${scope}.${2001 + i}`, address: `Dusun ${i + 1}` }))
ctx.close()
