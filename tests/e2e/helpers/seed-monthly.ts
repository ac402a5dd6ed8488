// Usage: node --import tsx tests/e2e/helpers/seed-monthly.ts <db file> <posyandu id> <YYYY-MM>...
// Records a plain monthly report for each month (the entry grid has its own spec).
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'
import { saveMonthly } from '../../../src/core/evaluation/monthly'
import { emptyMonth } from '../../../src/shared/evaluation/fields'

const [dbFile, posyanduId, ...months] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const values = { ...emptyMonth(), held: true, open_date: null, kader_on_duty: 5, s: 100, k: 90, d: 60, n: 50, t: 5, o: 3, b: 2 }
saveMonthly(ctx, months.map((month) => ({ posyanduId, month, values })))
ctx.close()
