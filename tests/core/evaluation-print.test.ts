import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { annexHtml, escapeHtml } from '../../src/renderer/areas/evaluasi/annex'
import { emptyMonth } from '../../src/shared/evaluation/fields'
import { formatValue } from '../../src/shared/evaluation/strata'
import { callOp, makeCtx } from '../helpers/db'

const HOSTILE = '<img src=x onerror=alert(1)>'

describe('the printed evaluation report (evaluation.reportPrint)', () => {
  it('carries the rows of the full report as numbers, and prints a hostile posyandu name as text', async () => {
    const ctx = makeCtx({ office: '12.18' })
    insertRow(ctx, 'posyandu', { name: HOSTILE, desa_code: '12.18.04.2001' }, { scope: '12.18.04' })
    insertRow(ctx, 'posyandu', { name: 'Melati & "Mawar"', desa_code: '12.18.04.2001' }, { scope: '12.18.04' })
    insertRow(ctx, 'posyandu', { name: 'Kenanga', desa_code: '12.18.05.2001', is_phi_model: 1 }, { scope: '12.18.05' })
    generateMonthlyReports(ctx, { seed: 3, years: 2, endYear: 2025 })
    const source = { year: 2025, rules: 'strata-2011' }
    const full = await callOp(ctx, 'evaluation.report', source)
    const printed = await callOp(ctx, 'evaluation.reportPrint', source)
    // Everything else on the page is the same as in the full report.
    expect(printed).toMatchObject({ year: full.year, area: full.area, dataHash: full.dataHash, method: full.method, kecamatan: full.kecamatan, total: full.total })
    expect(printed.tieBreak).toMatch(/\S/)
    expect(printed.top.map((t) => t.name).sort()).toEqual(full.rows.filter((r) => r.result.stratum !== null && r.totalScore !== null).map((r) => r.name).sort())
    // Annex: one row per posyandu, values and texts as the full report has them.
    const rows = printed.annex.groups.flatMap((g) => g.rows)
    expect(rows).toHaveLength(3)
    for (const p of full.rows) {
      const row = rows.find((x) => x[0] === p.name)!
      expect(row[1]).toBe(p.pilot ? 1 : 0)
      expect(printed.annex.texts[row[2]]).toBe(p.desaName)
      expect(row[3]).toBe(p.result.monthsReported)
      expect(printed.annex.texts[row[4]]).toBe(p.result.label)
      expect(printed.annex.texts[row[5]]).toBe(p.result.blocking.join('; ') || 'semua kriteria terpenuhi')
      expect(row.slice(7)).toEqual(p.result.criteria.map((c) => c.value))
    }
    // The payload is far smaller than the full report (no reasons, texts or per-criterion objects).
    expect(JSON.stringify(printed).length).toBeLessThan(JSON.stringify(full).length / 2)

    const html = annexHtml(printed, { num: 'num', group: 'group' })
    expect(html).toContain(`<td>${escapeHtml(HOSTILE)}</td>`)
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
    expect(html).toContain('<td>Melati &amp; &quot;Mawar&quot;</td>')
    expect(html).toContain('<td>★ Kenanga</td>')
    // The same cells as before: a value with its unit dropped, "tl" when undecided.
    const kenanga = full.rows.find((r) => r.name === 'Kenanga')!
    const cells = kenanga.result.criteria.map((c) => `<td class="num">${c.value === null ? 'tl' : formatValue(c.value, c.unit).replace(/ (kali|orang|program)$/, '')}${c.value !== null && c.met === null ? ' (tl)' : ''}</td>`).join('')
    expect(html).toContain(`<td class="num">${kenanga.result.monthsReported}</td>${cells}<td>${kenanga.result.label}</td>`)
    expect(html.match(/<tbody>/g)).toHaveLength(2)
  })
  it('lists at most ten posyandu in the ranking and counts the rest of a shared rank', async () => {
    const ctx = makeCtx({ office: '12.18' })
    const values = { ...emptyMonth(), held: true, open_date: null, kader_on_duty: 5, s: 100, k: 90, d: 60, n: 50, t: 5, o: 3, b: 2 }
    const items = Array.from({ length: 13 }, (_, p) => {
      const id = insertRow(ctx, 'posyandu', { name: `Posyandu ${String(p + 1).padStart(2, '0')}`, desa_code: '12.18.04.2001' }, { scope: '12.18.04' }).id
      return Array.from({ length: 12 }, (_, i) => ({ posyanduId: id, month: `2025-${String(i + 1).padStart(2, '0')}`, values }))
    }).flat()
    await callOp(ctx, 'evaluation.monthlySave', { items })
    const printed = await callOp(ctx, 'evaluation.reportPrint', { year: 2025, rules: 'strata-2011' })
    // Thirteen equal scores: all rank 1=, ten listed in the tie-break order (then by name), three counted.
    expect(printed.top.map((t) => [t.rank, t.tied, t.name])).toEqual(Array.from({ length: 10 }, (_, i) => [1, true, `Posyandu ${String(i + 1).padStart(2, '0')}`]))
    expect(printed.topTiedMore).toEqual({ count: 3, rank: 1, totalScore: printed.top[0].totalScore })
  })
  it("the report's monthly trend equals the plain per-month averages (one pass over the rows)", async () => {
    const ctx = makeCtx({ office: '12.18' })
    for (let i = 0; i < 30; i++) insertRow(ctx, 'posyandu', { name: `Posyandu ${i}`, desa_code: i % 2 ? '12.18.04.2001' : '12.18.05.2001' }, { scope: i % 2 ? '12.18.04' : '12.18.05' })
    generateMonthlyReports(ctx, { seed: 5, years: 2, endYear: 2025 })
    for (const area of ['12.18', '12.18.04']) {
      const report = await callOp(ctx, 'evaluation.report', { year: 2025, rules: 'strata-2011', area })
      const ids = new Set(report.rows.map((r) => r.id))
      const rows = ctx.sqlite.prepare(`SELECT posyandu_id, month, s, k, d, n FROM monthly_report WHERE deleted_at IS NULL AND held = 1 AND month LIKE '2025-%'`).all() as Record<string, number | string | null>[]
      const plain = Array.from({ length: 12 }, (_, i) => {
        const month = `2025-${String(i + 1).padStart(2, '0')}`
        const list = rows.filter((r) => r.month === month && ids.has(r.posyandu_id as string))
        const avg = (num: string, den: string) => {
          const xs = list.filter((r) => typeof r[num] === 'number' && typeof r[den] === 'number' && (r[den] as number) > 0).map((r) => (r[num] as number) / (r[den] as number))
          return xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null
        }
        return { month, ds: avg('d', 's'), ks: avg('k', 's'), nd: avg('n', 'd'), reports: list.length }
      })
      expect(report.trend).toEqual(plain)
      expect(plain.some((p) => p.reports > 0)).toBe(true)
    }
  })
})
