import { describe, expect, it } from 'vitest'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { dataHash } from '../../src/core/evaluation/report'
import { indicatorSet } from '../../src/core/evaluation/sets'
import { makeCtx } from '../helpers/db'
import { referenceDataHash } from '../helpers/data-hash-reference'

// Issue 17: SQLite now writes the month rows' JSON for the report's data hash. A locked period
// keeps the hash it was locked with, so the fingerprint must stay exactly what it was.
describe('evaluation data hash', () => {
  it('equals the earlier implementation, also on values Simpul never writes', () => {
    const ctx = makeCtx({ office: '12.18' })
    const desa = ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE code LIKE '12.18.%' AND level = 'desa' ORDER BY code LIMIT 40`).pluck().all() as string[]
    const insert = ctx.sqlite.prepare(`INSERT INTO posyandu (id, scope, rev, hlc, origin, name, desa_code, created_at, updated_at) VALUES (?, ?, 1, ?, 'uji', ?, ?, 'x', 'x')`)
    desa.forEach((code, i) => insert.run(`0192aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`, code.slice(0, 8), `000000000000001-${String(i).padStart(6, '0')}`, `Posyandu "${i}"`, code))
    generateMonthlyReports(ctx, { seed: 3, years: 2, endYear: 2025 })
    const set = indicatorSet(ctx.sqlite, '12.18', 'strata-2011')
    const seen = new Set<string>()
    const same = (area = '12.18') => {
      const ranges: [string, string][][] = [[['2024-01', '2025-12']], [['2025-03', '2025-03']], [['2030-01', '2030-12']]]
      for (const months of ranges) {
        const h = dataHash(ctx.sqlite, area, months, set, null)
        expect(h).toBe(referenceDataHash(ctx.sqlite, area, months, set, null))
        seen.add(h)
      }
    }
    same()
    same(desa[0].slice(0, 8))
    const some = (n: number, from: number) => `SELECT rowid FROM monthly_report ORDER BY rowid LIMIT ${n} OFFSET ${from}`
    // Text with quotes, backslashes, control characters and non-Latin letters prints the same.
    ctx.sqlite.prepare(`UPDATE monthly_report SET programmes = ?, open_date = ? WHERE rowid IN (${some(5, 10)})`).run('a"b\\c\u0001\u001f\n\t\u2028é😀', '2025-\u00000')
    same()
    // A deletion changes the hash, the same way in both.
    ctx.sqlite.exec(`UPDATE monthly_report SET deleted_at = 'x' WHERE rowid IN (${some(2, 40)})`)
    same()
    // A REAL, a BLOB, an integer beyond 2^53 and the smallest integer: the plain read.
    // Each on a row of its own, the BLOB last (JSON cannot hold it).
    const odd = [`d = 7.5`, `s = 0.1 + 0.2`, `n = 1e21`, `t = 1e999`, `kb = 9007199254740993`, `pus = -9223372036854775808`, `k4 = x'00ff'`]
    odd.forEach((change, i) => {
      ctx.sqlite.exec(`UPDATE monthly_report SET ${change} WHERE rowid IN (${some(1, 100 + 7 * i)})`)
      same()
    })
    expect(seen.size).toBeGreaterThan(8)
  })
})
