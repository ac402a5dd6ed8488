import { describe, expect, it } from 'vitest'
import { warehouseBench } from '../../bench/benchmarks/warehouse'

/**
 * The national benchmark's own path on a small national sample (three provinces, two
 * kabupaten/kota each): real offices sign the generated bundles, the loader runs as its own
 * process, the raw COPY and the dashboard calls run — and the figures the warehouse host
 * serves add up to exactly what was generated. `npm run bench -- --national` runs the same
 * code with 514 kabupaten/kota and 300,000 posyandu.
 */
describe('national warehouse sample', () => {
  it('loads generated kabupaten bundles through province offices; the dashboard adds up to what was generated', async () => {
    const run = await warehouseBench({ posyandu: 900, provinces: ['11', '21', '64'], kabupatenPerProvince: 2, calls: 30, label: 'sample' }, () => {})
    expect(run.loaded.refused).toEqual([])
    expect(run.loaded.bundles).toBe(6)
    // 900 posyandu: each with 12 monthly reports, a kader count and (most) a stratum.
    expect(run.loaded.rows).toBeGreaterThan(900 * 14 - 200)
    expect(run.summaries.map((s) => s.area.code)).toEqual(['11', '21', '64'])
    for (const s of run.summaries) expect(s.kabupaten.length).toBe(2)
    const sum = (k: 'posyandu' | 'kader' | 'aktif' | 'denominator') => run.summaries.reduce((n, s) => n + s.total[k], 0)
    expect(sum('posyandu')).toBe(run.expected.posyandu)
    expect(sum('denominator')).toBe(run.expected.posyandu)
    expect(sum('kader')).toBe(run.expected.kader)
    expect(sum('aktif')).toBe(run.expected.aktif)
    const strata: Record<string, number> = {}
    for (const s of run.summaries) for (const [k, n] of Object.entries(s.total.strata)) strata[k] = (strata[k] ?? 0) + n
    expect(strata).toEqual(run.expected.strata)
    // Every figure stands beside a baseline measured in the same run.
    expect(run.results.map((r) => r.unit)).toEqual(['rows/s', 'MB', 'ms'])
    for (const r of run.results) {
      expect(Number.isFinite(r.figure) && r.figure > 0, r.name).toBe(true)
      expect(r.baseline! > 0, r.name).toBe(true)
    }
  }, 240_000)
})
