import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withinSql } from '../../src/core/db/area'
import { callOp } from '../helpers/db'
import { receive, send } from '../helpers/exchange'
import { exchangeUp, nationWorld } from '../helpers/province'

const plan = (sqlite: Database.Database, sql: string, ...args: unknown[]) =>
  (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ')

describe('area filters in SQL: the national root contains every code', () => {
  it('withinSql: no filter for ID, the prefix pair for any other code', () => {
    expect(withinSql('scope', 'ID')).toEqual({ sql: '1=1', args: [] })
    expect(withinSql('p.desa_code', '21.71')).toEqual({ sql: `(p.desa_code = ? OR p.desa_code LIKE ? || '.%')`, args: ['21.71', '21.71'] })
    expect(withinSql('scope', '21.71', '@kec')).toEqual({ sql: `(scope = @kec OR scope LIKE @kec || '.%')`, args: [] })
  })

  it('at the national office the evaluation and programme reads return the relayed posyandu; at a kabupaten exactly what the old filters gave, with the same query plans', async () => {
    const n = nationWorld()
    for (const w of n.provinces.values()) {
      for (const f of await exchangeUp(w)) await receive(w.prov, f)
      await receive(n.nat, send(w.prov, n.nat, n.outDir))
    }
    const year = n.nat.clock.now().getFullYear()
    const live = (sqlite: Database.Database, where = '1=1') =>
      (sqlite.prepare(`SELECT id FROM posyandu WHERE deleted_at IS NULL AND ${where} ORDER BY id`).all() as { id: string }[]).map((r) => r.id)
    const natIds = live(n.nat.sqlite)
    expect(natIds.length).toBe(8) // Kepri 6 + Riau 2, relayed through their provinces
    const sorted = (xs: { id: string }[]) => xs.map((x) => x.id).sort()

    const strata = await callOp(n.nat, 'evaluation.strata', { year })
    expect(sorted(strata.rows)).toEqual(natIds)
    // The relayed monthly reports are read too: strata are decided from months, not "no data".
    const natMonths = (n.nat.sqlite.prepare(`SELECT count(*) AS n FROM monthly_report WHERE deleted_at IS NULL AND month LIKE ?`).get(`${year}-%`) as { n: number }).n
    expect(natMonths).toBeGreaterThan(0)
    expect(strata.rows.reduce((s, r) => s + r.result.monthsReported, 0)).toBe(natMonths)
    expect(sorted(await callOp(n.nat, 'evaluation.posyandu', {}))).toEqual(natIds)
    expect(sorted(await callOp(n.nat, 'programme.posyanduOptions', {}))).toEqual(natIds)
    // Drill-down to one province from the national office.
    expect(sorted((await callOp(n.nat, 'evaluation.strata', { year, area: '21' })).rows)).toEqual(live(n.nat.sqlite, `desa_code LIKE '21.%'`))
    const report = await callOp(n.nat, 'evaluation.report', { year })
    expect(report.total.posyandu).toBe(8)

    // A kabupaten: the same rows as the filters before the helper, and the same plans.
    const batam = n.provinces.get('21')!.kab.get('21.71')!
    const old = `(p.desa_code = '21.71' OR p.desa_code LIKE '21.71' || '.%')`
    const kabIds = live(batam.sqlite, old.replaceAll('p.', ''))
    expect(kabIds.length).toBe(4)
    const kabStrata = await callOp(batam, 'evaluation.strata', { year })
    expect(sorted(kabStrata.rows)).toEqual(kabIds)
    const kabMonths = (batam.sqlite.prepare(`SELECT count(*) AS n FROM monthly_report WHERE deleted_at IS NULL AND month LIKE ? AND (scope = '21.71' OR scope LIKE '21.71.%')`).get(`${year}-%`) as { n: number }).n
    expect(kabStrata.rows.reduce((s, r) => s + r.result.monthsReported, 0)).toBe(kabMonths)
    expect(sorted(await callOp(batam, 'evaluation.posyandu', {}))).toEqual(kabIds)
    expect(sorted(await callOp(batam, 'programme.posyanduOptions', {}))).toEqual(kabIds)
    const month = `SELECT posyandu_id FROM monthly_report WHERE deleted_at IS NULL AND month BETWEEN ? AND ? AND`
    const w = withinSql('scope', '21.71')
    expect(plan(batam.sqlite, `${month} ${w.sql}`, '2026-01', '2026-12', ...w.args)).toBe(plan(batam.sqlite, `${month} (scope = ? OR scope LIKE ? || '.%')`, '2026-01', '2026-12', '21.71', '21.71'))
    const joined = `SELECT p.id FROM posyandu p JOIN monthly_report m INDEXED BY monthly_report_posyandu_month ON m.posyandu_id = p.id AND m.deleted_at IS NULL AND m.month BETWEEN ? AND ? WHERE`
    const wm = withinSql('m.scope', '21.71')
    expect(plan(batam.sqlite, `${joined} ${wm.sql} GROUP BY p.id`, '2026-01', '2026-12', ...wm.args)).toBe(
      plan(batam.sqlite, `${joined} m.scope = ? OR m.scope LIKE ? || '.%' GROUP BY p.id`, '2026-01', '2026-12', '21.71', '21.71'),
    )
  }, 60_000)
})
