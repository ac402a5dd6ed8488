import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { fieldDef } from '../../src/shared/evaluation/fields'
import { BUILTIN_SETS, computeStratum, describeTieBreak, metricFields, rankRows, type IndicatorSet, type MonthData, type StratumResult } from '../../src/shared/evaluation/strata'
import { callOp, makeCtx } from '../helpers/db'

const STRATA = BUILTIN_SETS.find((s) => s.code === 'strata-2011')!

/** Fields the set reads as numerators and as denominators (to fill missing data at either extreme). */
function roles(set: IndicatorSet) {
  const num = new Set<string>()
  const den = new Set<string>()
  for (const { metric: m } of set.criteria) {
    if (m.kind === 'avg') num.add(m.field)
    if (m.kind === 'avg_ratio' || m.kind === 'ratio') (num.add(m.num), den.add(m.den))
  }
  return { num, den }
}

/** Every missing value and month filled with the worst (low) or the best (high) value there could be. */
function fill(set: IndicatorSet, months: MonthData[], how: 'low' | 'high'): MonthData[] {
  const { num, den } = roles(set)
  const byMonth = new Map(months.map((m) => [m.month, m]))
  return Array.from({ length: 12 }, (_, i) => {
    const month = `2025-${String(i + 1).padStart(2, '0')}`
    const m: MonthData = { ...(byMonth.get(month) ?? { month, held: how === 'high' ? 1 : 0, programmes: null }) }
    if (m.held === 1 && m.programmes === null && !byMonth.has(month)) m.programmes = how === 'high' ? 'sehat' : null
    for (const f of metricFields(set)) {
      if (m[f] !== null && m[f] !== undefined) continue
      // The extremes are what the form allows (its max), e.g. S up to 5000.
      const max = fieldDef(f)?.max ?? 100000
      m[f] = den.has(f) ? (how === 'low' ? max : 1) : num.has(f) ? (how === 'low' ? 0 : max) : 0
    }
    return m
  })
}

const monthArb = (i: number) =>
  fc.record({
    month: fc.constant(`2025-${String(i + 1).padStart(2, '0')}`),
    held: fc.constantFrom(1, 1, 1, 0),
    programmes: fc.constantFrom(null, 'sehat'),
    kader_on_duty: fc.option(fc.integer({ min: 3, max: 7 }), { nil: null, freq: 4 }),
    s: fc.option(fc.integer({ min: 50, max: 60 }), { nil: null, freq: 6 }),
    d: fc.option(fc.integer({ min: 20, max: 50 }), { nil: null, freq: 6 }),
    k4: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 5 }),
    bumil_target: fc.option(fc.integer({ min: 10, max: 30 }), { nil: null, freq: 4 }),
    imunisasi: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 5 }),
    bayi_target: fc.option(fc.integer({ min: 10, max: 30 }), { nil: null, freq: 4 }),
    kb: fc.option(fc.integer({ min: 20, max: 80 }), { nil: null, freq: 5 }),
    pus: fc.option(fc.integer({ min: 60, max: 100 }), { nil: null, freq: 5 }),
    dana_sehat: fc.option(fc.integer({ min: 20, max: 80 }), { nil: null, freq: 5 }),
    kk: fc.option(fc.integer({ min: 60, max: 100 }), { nil: null, freq: 5 }),
  }) as fc.Arbitrary<MonthData>

/** A year with random months missing and random values missing. */
const yearArb = fc.tuple(...Array.from({ length: 12 }, (_, i) => fc.option(monthArb(i), { nil: null, freq: 5 }))).map((ms) => ms.filter((m): m is MonthData => m !== null))

describe('strata only on complete data', () => {
  it('a stratum is given only when no way of filling the missing data could change it; otherwise "data tidak lengkap" with what is missing', () => {
    for (const set of BUILTIN_SETS) {
      fc.assert(
        fc.property(yearArb, (months) => {
          const r = computeStratum(set, months)
          const low = computeStratum(set, fill(set, months, 'low')).stratum
          const high = computeStratum(set, fill(set, months, 'high')).stratum
          if (r.stratum !== null) {
            expect(low).toBe(r.stratum)
            expect(high).toBe(r.stratum)
            expect(r.missing).toEqual([])
          } else {
            expect(r.reason).toMatch(/^Data tidak lengkap: /)
            expect(r.missing.length).toBeGreaterThan(0)
            expect(r.aktif).toBe(false)
            if (months.length) expect(low).not.toBe(high)
          }
        }),
        { numRuns: 1500 },
      )
    }
  })

  it('six of twelve months, or kader on duty never filled in, is not Pratama', () => {
    const good = (month: string): MonthData => ({ month, held: 1, programmes: 'sehat', kader_on_duty: 6, s: 100, d: 60, k4: 2, bumil_target: 20, imunisasi: 2, bayi_target: 20, kb: 60, pus: 100, dana_sehat: 60, kk: 100 })
    const six = Array.from({ length: 6 }, (_, i) => good(`2025-0${i + 1}`))
    expect(computeStratum(STRATA, six)).toMatchObject({ stratum: null, label: 'Data tidak lengkap' })
    expect(computeStratum(STRATA, six).reason).toMatch(/buka 6 kali, 6 bulan belum dilaporkan/)
    const noKader = Array.from({ length: 12 }, (_, i) => ({ ...good(`2025-${String(i + 1).padStart(2, '0')}`), kader_on_duty: null }))
    const r = computeStratum(STRATA, noKader)
    expect(r.stratum).toBeNull()
    expect(r.missing).toEqual(['kader bertugas: data tidak lengkap'])
  })

  it('coverage above 100 % is flagged in the reason shown on screen and printed', () => {
    const months = Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, held: 1, programmes: 'sehat', kader_on_duty: 6, s: 100, d: 60, k4: 4, bumil_target: 36, imunisasi: 2, bayi_target: 20, kb: 60, pus: 100, dana_sehat: 60, kk: 100 }))
    const r = computeStratum(STRATA, months)
    expect(r.stratum).toBe('mandiri')
    expect(r.criteria.find((c) => c.id === 'kia')).toMatchObject({ over: true })
    expect(r.reason).toMatch(/KIA \(K4\/sasaran bumil\) 133,3% ≥ 50% \(di atas 100%: periksa sasaran\)/)
  })

  it('ten posyandu all scoring 100 share rank 1, ordered by the stated tie-break, not alphabetically', () => {
    const result = (criteriaMet: number, ds: number, months: number): StratumResult => ({
      ...computeStratum(STRATA, []),
      stratum: 'mandiri',
      criteria: STRATA.criteria.map((c, i) => ({ id: c.id, label: c.label, value: c.id === 'ds' ? ds : 1, threshold: c.threshold, unit: c.unit, met: i < criteriaMet })),
      monthsReported: months,
    })
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({ name: `Posyandu Anggrek ${i}`, totalScore: 100, result: result(8, 0.5 + i / 100, 12) })),
      { name: 'Posyandu Zaitun', totalScore: 90, result: result(7, 0.9, 12) },
      { name: 'Posyandu Belum', totalScore: null, result: computeStratum(STRATA, []) },
    ]
    const ranked = rankRows(rows, STRATA)
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 11])
    expect(ranked.slice(0, 10).every((r) => r.tied)).toBe(true)
    // Higher D/S first within the shared rank (the set's tie-break), not the name.
    expect(ranked[0].row.name).toBe('Posyandu Anggrek 9')
    expect(ranked.some((r) => r.row.name === 'Posyandu Belum')).toBe(false)
    expect(describeTieBreak(STRATA)).toMatch(/^Skor total sama berperingkat sama; urutan di dalamnya menurut jumlah kriteria terpenuhi, lalu rata-rata D\/S/)
  })

  it('totals count incomplete years apart from every level; the workbook writes criteria as numbers with percent formats', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const full = (id: string, over: Record<string, number | null> = {}) =>
      Array.from({ length: 12 }, (_, i) => ({ posyanduId: id, period: `2025-${String(i + 1).padStart(2, '0')}`, values: { held: true, kader_on_duty: 6, s: 100, k: 90, d: 60, n: 40, t: 10, o: 5, b: 5, k4: 2, bumil_target: 20, imunisasi: 2, bayi_target: 20, kb: 60, pus: 100, dana_sehat: 60, kk: 100, programmes: 'sehat', ...over } }))
    const ids = ['Anggrek', 'Bougenvil', 'Cempaka', 'Dahlia'].map((name, i) => insertRow(ctx, 'posyandu', { name, desa_code: `12.18.04.${2001 + i}` }).id)
    await callOp(ctx, 'forms.saveReports', { code: 'SKDN', items: [...full(ids[0]), ...full(ids[1], { kader_on_duty: null }), ...full(ids[2]).slice(0, 6)] })
    const out = await callOp(ctx, 'evaluation.strata', { year: 2025 })
    expect(out.total).toMatchObject({ posyandu: 4, noData: 1, incomplete: 2, byStratum: { pratama: 0, madya: 0, purnama: 0, mandiri: 1 } })
    const t = out.total
    expect(Object.values(t.byStratum).reduce((s, n) => s + n, 0) + t.incomplete + t.noData).toBe(t.posyandu)
    const x = await callOp(ctx, 'evaluation.exportXlsx', { kind: 'report', year: 2025 })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('Posyandu')!
    const header = (ws.getRow(5).values as unknown[]).slice(1)
    const dsCol = header.indexOf('D/S') + 1
    const bukaCol = header.indexOf('buka (kali)') + 1
    expect(dsCol).toBeGreaterThan(0)
    const rowNo = Array.from({ length: 4 }, (_, i) => 6 + i).find((n) => ws.getRow(n).getCell(2).value === 'Anggrek')!
    const anggrek = ws.getRow(rowNo)
    expect(anggrek.getCell(dsCol).value).toBeCloseTo(0.6)
    expect(anggrek.getCell(dsCol).numFmt).toBe('0.0%')
    expect(anggrek.getCell(bukaCol).value).toBe(12)
    const cli = (await callOp(ctx, 'evaluation.strata', { year: 2025 })).rows.find((r) => r.name === 'Bougenvil')!
    expect(cli.result).toMatchObject({ stratum: null, missing: ['kader bertugas: data tidak lengkap'] })
  })
})

describe('yearly targets', () => {
  it('months without their own targets take them from the yearly SASARAN form; a year without either stays "data tidak lengkap"', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const id = insertRow(ctx, 'posyandu', { name: 'Anggrek', desa_code: '12.18.04.2001' }).id
    const months = Array.from({ length: 12 }, (_, i) => ({ posyanduId: id, period: `2025-${String(i + 1).padStart(2, '0')}`, values: { held: true, kader_on_duty: 6, s: 100, k: 90, d: 60, n: 40, t: 10, o: 5, b: 5, k4: 2, imunisasi: 2, kb: 60, dana_sehat: 60, programmes: 'sehat' } }))
    await callOp(ctx, 'forms.saveReports', { code: 'SKDN', items: months })
    const before = (await callOp(ctx, 'evaluation.strata', { year: 2025 })).rows[0].result
    expect(before.stratum).toBeNull()
    expect(before.missing.join(' ')).toMatch(/KIA/)
    await callOp(ctx, 'forms.saveReports', { code: 'SASARAN', items: [{ posyanduId: id, period: '2025', values: { sasaran_bumil: 30, sasaran_bayi: 30, sasaran_balita: 100, pus: 100, kk: 100 } }] })
    const after = (await callOp(ctx, 'evaluation.strata', { year: 2025 })).rows[0].result
    expect(after.stratum).toBe('mandiri')
    expect(after.criteria.find((c) => c.id === 'kia')!.value).toBeCloseTo(24 / 30)
    // The yearly form refuses a monthly period.
    await expect(callOp(ctx, 'forms.saveReports', { code: 'SASARAN', items: [{ posyanduId: id, period: '2025-01', values: { pus: 1 } }] })).rejects.toThrow(/tahunan: YYYY/)
  })
})
