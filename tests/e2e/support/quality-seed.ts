// npx tsx tests/e2e/support/quality-seed.ts <db file> <year> <posyandu name> — twelve SKDN months for
// one posyandu, saved the way the grid saves them: March breaks the warning D = N + T + O + B,
// August's kader count is far from the posyandu's own history (an outlier).
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'
import { saveFormReports } from '../../../src/core/forms/reports'

const [dbFile, year, name] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const { id } = ctx.sqlite.prepare('SELECT id FROM posyandu WHERE name = ? AND deleted_at IS NULL').get(name) as { id: string }
const items = Array.from({ length: 12 }, (_, i) => {
  const m = i + 1
  return { posyanduId: id, period: `${year}-${String(m).padStart(2, '0')}`, values: { held: true, kader_on_duty: m === 8 ? 40 : 5 + (m % 2), s: 100, k: 90, d: m === 3 ? 45 : 40, n: 20, t: 10, o: 6, b: 4 } }
})
saveFormReports(ctx, 'SKDN', items)
ctx.close()
