// npx tsx tests/e2e/support/run-sql.ts <db file> <sql> — changes a test office's database behind
// Simpul's back, as the operator of another office could do to their own file (a hostile bundle's origin).
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'

const [dbFile, sql] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
ctx.sqlite.exec(sql)
ctx.close()
