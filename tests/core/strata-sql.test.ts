import { describe, expect, it } from 'vitest'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { indicatorSet } from '../../src/core/evaluation/sets'
import { computeStrata, loadYear, loadYearInputs } from '../../src/core/evaluation/strata'
import { newId } from '../../src/core/sync/ids'
import { computeStratum, stratumFromInput, withThresholds, type StratumResult } from '../../src/shared/evaluation/strata'
import { makeCtx } from '../helpers/db'

// Sums in another order may differ in the last bit (0.5449010654490105 vs …106); compare at 12 digits.
const rounded = (r: StratumResult) => ({ ...r, criteria: r.criteria.map((c) => ({ ...c, value: c.value === null ? null : Number(c.value.toPrecision(12)) })) })

// computeStrata reduces a year by one SQL GROUP BY; the renderer and single posyandu use the
// JS reduction of the months. Both must give the same stratum, values, reasons and score.
describe('strata by SQL aggregate', () => {
  it('equal the month-by-month computation for every posyandu, both built-in sets and edited thresholds', () => {
    const ctx = makeCtx({ office: '12.18' })
    const desa = (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE code LIKE '12.18.%' AND level = 'desa' ORDER BY code LIMIT 60`).all() as { code: string }[]).map((d) => d.code)
    const insert = ctx.sqlite.prepare(`INSERT INTO posyandu (id, scope, rev, hlc, origin, name, desa_code, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, '', '')`)
    ctx.sqlite.transaction(() => desa.forEach((code, i) => insert.run(newId(), code.slice(0, 8), `000000000000001-${String(i).padStart(6, '0')}`, ctx.deviceId, `Posyandu ${i}`, code)))()
    generateMonthlyReports(ctx, { seed: 5, years: 3, endYear: 2025 })
    // Some awkward months: closed months, a target of 0, empty programme lists.
    ctx.sqlite.exec(`UPDATE monthly_report SET held = 0 WHERE rowid % 17 = 0`)
    ctx.sqlite.exec(`UPDATE monthly_report SET bumil_target = 0 WHERE rowid % 23 = 0`)
    ctx.sqlite.exec(`UPDATE monthly_report SET programmes = '' WHERE rowid % 5 = 0`)
    let compared = 0
    for (const code of ['strata-2011', 'posyandu-aktif']) {
      const base = indicatorSet(ctx.sqlite, '12.18', code)
      const edited = withThresholds(base, Object.fromEntries(base.criteria.map((c) => [c.id, c.threshold * 0.8])))
      for (const set of [base, edited]) {
        for (const year of [2024, 2025]) {
          const months = loadYear(ctx.sqlite, '12.18', year)
          const inputs = loadYearInputs(ctx.sqlite, '12.18', year, set)
          expect(inputs.size).toBeGreaterThan(40)
          for (const [id, list] of months) {
            const bySql = inputs.get(id)
            const byMonths = computeStratum(set, list)
            if (!bySql) expect(byMonths.monthsReported).toBe(0)
            else expect(rounded(stratumFromInput(set, bySql))).toEqual(rounded(byMonths))
            compared++
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(400)
    // And the area result still carries every posyandu.
    const out = computeStrata(ctx.sqlite, { code: '12.18', name: 'Serdang Bedagai' }, 2025, indicatorSet(ctx.sqlite, '12.18', 'strata-2011'))
    expect(out.rows).toHaveLength(desa.length)
  })
})
