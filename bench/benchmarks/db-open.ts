import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openSqlite } from '../../src/core/db/cipher'
import { openContext } from '../../src/core/context'
import { setupOffice } from '../../src/core/office/service'
import { tempDir, TEST_DB_KEY } from '../../tests/helpers/db'
import { median, ms, type Benchmark } from '../types'

/** DB open + migrate + first query of the encrypted database, next to a bare keyed open of the same file. */
export const dbOpen: Benchmark = {
  name: 'db-open',
  run() {
    const dir = tempDir('simpul-bench-')
    const dataFile = join(dir, 'simpul.sqlite')
    const t0 = process.hrtime.bigint()
    const first = openContext({ dataFile, host: 'cli', key: TEST_DB_KEY })
    setupOffice(first, { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor Camat Sei Rampah', operatorName: 'Bench' })
    const createMs = ms(t0)
    first.close()

    const app: number[] = []
    const raw: number[] = []
    for (let i = 0; i < 15; i++) {
      let t = process.hrtime.bigint()
      const ctx = openContext({ dataFile, host: 'cli', key: TEST_DB_KEY })
      ctx.office()
      app.push(ms(t))
      ctx.close()
      t = process.hrtime.bigint()
      const db = openSqlite(dataFile, TEST_DB_KEY)
      db.prepare('SELECT * FROM office WHERE is_self = 1').get()
      raw.push(ms(t))
      db.close()
    }
    rmSync(dir, { recursive: true, force: true })
    const figure = median(app)
    return [
      { name: 'DB open + migrate check + first query (median of 15)', figure, unit: 'ms', baseline: median(raw), baselineLabel: 'bare SQLCipher open (same raw key) + same query', goal: '< 300 ms', pass: figure < 300 },
      { name: 'new database: create + migrate + load wilayah reference + office', figure: createMs, unit: 'ms', baseline: null, baselineLabel: '', goal: 'once per install', pass: true },
    ]
  },
}
