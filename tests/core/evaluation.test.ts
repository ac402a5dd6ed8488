import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { insertRow, updateRow } from '../../src/core/db/rows'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { monthlyReportId } from '../../src/core/evaluation/monthly'
import { emptyMonth, validateMonthly, type MonthlyValues } from '../../src/shared/evaluation/fields'
import { BUILTIN_SETS, computeStratum, type MonthData } from '../../src/shared/evaluation/strata'
import type { Input, OpName, Output } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { makeCtx, dispatch } from '../helpers/db'

/** dispatch with the operation's own input and output types. */
const run = async <K extends OpName>(ctx: Ctx, op: K, input: Input<K>) => (await dispatch(ctx, op, input)) as Result<Output<K>>

const STRATA = BUILTIN_SETS.find((s) => s.code === 'strata-2011')!
const AKTIF = BUILTIN_SETS.find((s) => s.code === 'posyandu-aktif')!

/** A month that meets every Mandiri criterion; tests then spoil one thing at a time. */
const good = (month: string, over: Partial<MonthData> = {}): MonthData => ({
  month,
  held: 1,
  programmes: 'sehat',
  kader_on_duty: 5,
  s: 100,
  k: 90,
  d: 50,
  n: 40,
  k4: 1,
  bumil_target: 24,
  imunisasi: 1,
  bayi_target: 24,
  kb: 50,
  pus: 100,
  dana_sehat: 50,
  kk: 100,
  ...over,
})
const year = (n: number, over: (i: number) => Partial<MonthData> = () => ({})) =>
  Array.from({ length: n }, (_, i) => good(`2025-${String(i + 1).padStart(2, '0')}`, over(i)))
/** 12 reported months, of which only `held` were open (the rest marked "tidak buka"). */
const openings = (held: number) => year(12, (i) => (i < held ? { k4: 2, imunisasi: 2 } : { held: 0 }))

describe('strata (pure rules, 2011 set)', () => {
  it('a year meeting every criterion is Mandiri and counts as aktif', () => {
    const r = computeStratum(STRATA, year(12))
    expect(r.stratum).toBe('mandiri')
    expect(r.aktif).toBe(true)
    expect(r.incomplete).toBe(false)
    expect(r.score).toBe(100)
  })

  it('opening frequency: 7 days is Pratama, 8 days passes', () => {
    const seven = computeStratum(STRATA, openings(7))
    expect(seven.stratum).toBe('pratama')
    expect(seven.reason).toMatch(/^Pratama: buka 7 kali < 8/)
    expect(computeStratum(STRATA, openings(8)).stratum).toBe('mandiri')
  })

  it('kader on duty: an average of 4 is Pratama, 5 passes (a 4,9 average too is below)', () => {
    expect(computeStratum(STRATA, year(12, () => ({ kader_on_duty: 4 }))).stratum).toBe('pratama')
    const almost = computeStratum(STRATA, year(12, (i) => ({ kader_on_duty: i === 0 ? 4 : 5 })))
    expect(almost.stratum).toBe('pratama')
    expect(almost.reason).toMatch(/kader bertugas 4,9 orang < 5 orang/)
    expect(computeStratum(STRATA, year(12, () => ({ kader_on_duty: 5 }))).stratum).toBe('mandiri')
  })

  it('D/S: 49% stops at Madya with the reason shown, 50% passes', () => {
    const r = computeStratum(STRATA, year(10, () => ({ d: 49, n: 40 })).concat(openings(12).slice(10, 12).map((m) => ({ ...m, d: 49 }))))
    expect(r.stratum).toBe('madya')
    expect(r.reason).toBe('Madya: D/S 49% < 50%; buka 12 kali; kader bertugas 5 orang ≥ 5 orang')
    expect(computeStratum(STRATA, year(12, () => ({ d: 50 }))).stratum).toBe('mandiri')
  })

  it('cumulative coverage and dana sehat: 49% vs 50% at Purnama and Mandiri', () => {
    // K4 summed over the year against the (last) target: 11.76/24 = 49% vs 12/24 = 50%.
    expect(computeStratum(STRATA, year(12, () => ({ bumil_target: 24, k4: 1 }))).stratum).toBe('mandiri')
    expect(computeStratum(STRATA, year(12, () => ({ bumil_target: 25, k4: 1 }))).stratum).toBe('madya')
    const ds = computeStratum(STRATA, year(12, () => ({ dana_sehat: 49 })))
    expect(ds.stratum).toBe('purnama')
    expect(ds.aktif).toBe(true)
    expect(ds.reason).toMatch(/^Purnama: dana sehat \(KK\) 49% < 50%/)
  })

  it('missing months: openings that unreported months could still reach are "data tidak lengkap", not a failure', () => {
    // 7 open days reported, 2 months never reported: 8 is still possible.
    const r = computeStratum(STRATA, year(9, (i) => (i < 7 ? {} : { held: 0 })).slice(0, 9).filter((_, i) => i < 7 || i === 8))
    expect(r.monthsReported).toBe(8)
    expect(r.incomplete).toBe(true)
    // Undecided is no stratum at all (issue 14: never counted inside Pratama).
    expect(r.stratum).toBeNull()
    expect(r.reason).toMatch(/^Data tidak lengkap: buka 7 kali, 4 bulan belum dilaporkan/)
    expect(r.criteria.find((c) => c.id === 'buka')!.met).toBeNull()
    // 8 reported open days with 4 months missing: the opening threshold is met regardless
    // (the year's stratum still waits: the last months could change the coverage).
    expect(computeStratum(STRATA, year(8, () => ({ k4: 2, imunisasi: 2 }))).criteria.find((c) => c.id === 'buka')!.met).toBe(true)
    // 3 open days and 4 months missing: 8 is out of reach, a plain failure.
    const low = computeStratum(STRATA, [...year(3), ...openings(12).slice(3, 8).map((m) => ({ ...m, held: 0 }))])
    expect(low.incomplete).toBe(false)
    expect(low.stratum).toBe('pratama')
  })

  it('missing values are not zeros: no KB data leaves a posyandu that meets Madya without a stratum, "data tidak lengkap"', () => {
    const r = computeStratum(STRATA, year(12, () => ({ kb: null })))
    expect(r.stratum).toBeNull()
    expect(r.atLeast).toBe('madya')
    expect(r.missing).toEqual(['KB (peserta/PUS): data tidak lengkap'])
    expect(r.reason).toMatch(/\(sejauh ini memenuhi Madya\)$/)
    expect(r.incomplete).toBe(true)
    expect(r.reason).toMatch(/KB \(peserta\/PUS\): data tidak lengkap/)
    expect(r.criteria.find((c) => c.id === 'kb')!.value).toBeNull()
  })

  it('a posyandu with no data has no stratum', () => {
    const r = computeStratum(STRATA, [])
    expect(r.stratum).toBeNull()
    expect(r.reason).toBe('Data tidak lengkap: belum ada laporan bulanan')
    expect(r.aktif).toBe(false)
    expect(r.score).toBeNull()
  })

  it('the "Posyandu Aktif" set uses fewer criteria', () => {
    const r = computeStratum(AKTIF, year(12, () => ({ kb: null, dana_sehat: 0 })))
    expect(r.stratum).toBe('aktif')
    expect(r.aktif).toBe(true)
    expect(computeStratum(AKTIF, openings(7)).stratum).toBe('belum_aktif')
  })
})

describe('monthly report validation rules', () => {
  const month = (over: Partial<MonthlyValues>): MonthlyValues => ({ ...emptyMonth(), held: true, ...over }) as MonthlyValues
  it('rejects D > S, N > D, K > S with clear messages and warns when D ≠ N+T+O+B', () => {
    const issues = validateMonthly(month({ s: 50, k: 55, d: 60, n: 61, t: 0, o: 0, b: 0 }), '2025-03')
    const messages = issues.filter((i) => i.severity === 'error').map((i) => i.message)
    expect(messages).toContain('D (60) tidak boleh lebih dari S (50)')
    expect(messages).toContain('K (55) tidak boleh lebih dari S (50)')
    expect(messages).toContain('N (61) tidak boleh lebih dari D (60)')
    expect(issues.find((i) => i.rule === 'D=N+T+O+B')).toMatchObject({ severity: 'warning', message: 'D (60) seharusnya = N + T + O + B (61)' })
    expect(validateMonthly(month({ s: 50, k: 45, d: 40, n: 30, t: 5, o: 3, b: 2 }), '2025-03')).toEqual([])
  })
  it('a month marked "tidak buka" may not carry activity, and the open date must fall in the month', () => {
    expect(validateMonthly(month({ held: false, d: 3 }), '2025-03')[0].message).toMatch(/tidak buka, tetapi ada isian kegiatan \(D\)/)
    expect(validateMonthly(month({ open_date: '2025-04-02' }), '2025-03')[0].message).toBe('Tanggal buka 2025-04-02 di luar bulan 2025-03')
    expect(validateMonthly(month({ open_date: '2025-02-30' }), '2025-02')[0].message).toBe('Tanggal buka tidak sah')
  })
})

/* ---------- services on a real database ---------- */

function seedPosyandu(ctx: Ctx, name: string, desa = '12.18.04.2001'): string {
  return insertRow(ctx, 'posyandu', { name, desa_code: desa }, { scope: desa.slice(0, 8) }).id
}
const values = (over: Record<string, unknown> = {}) => ({ ...emptyMonth(), held: true, open_date: null, kader_on_duty: 5, s: 100, k: 90, d: 60, n: 50, t: 5, o: 3, b: 2, ...over })
const fullYear = (posyanduId: string, y = 2025, over: Record<string, unknown> = {}) =>
  Array.from({ length: 12 }, (_, i) => ({ posyanduId, month: `${y}-${String(i + 1).padStart(2, '0')}`, values: values(over) }))
const count = (ctx: Ctx, table: string) => (ctx.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n
const snapshot = (ctx: Ctx) => JSON.stringify(ctx.sqlite.prepare(`SELECT * FROM monthly_report ORDER BY id`).all())

describe('monthly reports on a real database', () => {
  it('refuses a month that has not come and a posyandu day that has not passed (today is 24 November 2026)', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const id = seedPosyandu(ctx, 'Melati')
    const before = snapshot(ctx)
    const december = await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2026-12', values: values() }] })
    expect(!december.ok && december.error.message).toMatch(/Melati, Desember 2026: bulan ini belum tiba/)
    const later = await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2026-11', values: values({ open_date: '2026-11-28' }) }] })
    expect(!later.ok && later.error.message).toMatch(/tanggal buka 2026-11-28 belum lewat/)
    expect(snapshot(ctx)).toBe(before)
    expect((await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2026-11', values: values({ open_date: '2026-11-20' }) }] })).ok).toBe(true)
  })

  it('saves a year, reads it back per posyandu and per desa, and refuses D > S leaving the database unchanged', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const id = seedPosyandu(ctx, 'Melati')
    const saved = await run(ctx, 'evaluation.monthlySave', { items: fullYear(id) })
    expect(saved.ok).toBe(true)
    const back = await run(ctx, 'evaluation.monthlyYear', { posyanduId: id, year: 2025 })
    expect(back.ok && back.data.months.map((m) => m.values.d)).toEqual(Array(12).fill(60))
    expect(back.ok && back.data.months[0]).toMatchObject({ id: monthlyReportId(id, '2025-01'), rev: 1 })
    const desa = await run(ctx, 'evaluation.monthlyDesa', { desaCode: '12.18.04.2001', month: '2025-03' })
    expect(desa.ok && desa.data.rows.map((r) => [r.posyandu.name, r.report.values.s])).toEqual([['Melati', 100]])
    const row = ctx.sqlite.prepare(`SELECT scope, held, rev FROM monthly_report WHERE id = ?`).get(monthlyReportId(id, '2025-01'))
    expect(row).toEqual({ scope: '12.18.04', held: 1, rev: 1 })

    const before = snapshot(ctx)
    const audits = count(ctx, 'audit_log')
    const bad = await run(ctx, 'evaluation.monthlySave', {
      items: [
        { posyanduId: id, month: '2025-02', values: values({ d: 70, n: 60 }) },
        { posyanduId: id, month: '2025-03', values: values({ d: 120 }) },
      ],
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'MONTHLY_INVALID' } })
    expect(!bad.ok && bad.error.message).toMatch(/Melati, Maret 2025: D \(120\) tidak boleh lebih dari S \(100\)/)
    expect(snapshot(ctx)).toBe(before)
    expect(count(ctx, 'audit_log')).toBe(audits)
  })

  it('an emptied month becomes a tombstone and can be entered again (same row, next revision)', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const id = seedPosyandu(ctx, 'Mawar')
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(id).slice(0, 1) })
    const cleared = await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2025-01', values: emptyMonth() }] })
    expect(cleared.ok && cleared.data[0].id).toBeNull()
    expect(ctx.sqlite.prepare(`SELECT deleted_at IS NOT NULL AS gone FROM monthly_report`).get()).toEqual({ gone: 1 })
    const again = await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2025-01', values: values({ held: false, s: 100, k: null, d: null, n: null, t: null, o: null, b: null, kader_on_duty: null }) }] })
    expect(again.ok && again.data[0]).toMatchObject({ rev: 4, values: { held: false } })
    expect(count(ctx, 'monthly_report')).toBe(1)
  })

  it('strata over the database, per kecamatan, through the handler', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const a = seedPosyandu(ctx, 'Anggrek')
    const b = seedPosyandu(ctx, 'Bougenvil', '12.18.04.2002')
    seedPosyandu(ctx, 'Cempaka')
    await run(ctx, 'evaluation.monthlySave', { items: [...fullYear(a), ...fullYear(b, 2025, { d: 40, n: 30 }).slice(0, 7)] })
    const res = await run(ctx, 'evaluation.strata', { year: 2025 })
    if (!res.ok) throw new Error(res.error.message)
    const by = Object.fromEntries(res.data.rows.map((r) => [r.name, r.result]))
    // No programme is a plain failure, so the missing KIA/KB/immunisation data cannot change Madya.
    expect(by.Anggrek.stratum).toBe('madya')
    expect(by.Anggrek.incomplete).toBe(false)
    expect(by.Anggrek.reason).toMatch(/^Madya: KIA \(K4\/sasaran bumil\): data tidak lengkap; .*tidak ada program tambahan/)
    expect(by.Bougenvil.stratum).toBeNull()
    expect(by.Bougenvil.reason).toMatch(/^Data tidak lengkap: buka 7 kali, 5 bulan belum dilaporkan/)
    expect(by.Cempaka.stratum).toBeNull()
    expect(res.data.total).toMatchObject({ posyandu: 3, noData: 1, incomplete: 1, aktif: 0, aktifPct: 0, byStratum: { pratama: 0, madya: 1, purnama: 0, mandiri: 0 } })
    expect(res.data.kecamatan.map((k) => k.name)).toEqual(['Sei Rampah'])
    const unknown = await run(ctx, 'evaluation.strata', { year: 2025, rules: 'nope' })
    expect(!unknown.ok && unknown.error.message).toMatch(/Set indikator "nope" tidak dikenal/)
  })
})

describe('evaluation periods and locking', () => {
  it('a locked period refuses later edits of its monthly reports, scores and itself (core and trigger), and only the kabupaten locks', async () => {
    const kec = makeCtx({ office: '12.18.04' })
    seedPosyandu(kec, 'Kenanga')
    // Evaluation periods and their locks are kabupaten master data (the table policy).
    const period0 = await run(kec, 'evaluation.periodCreate', { name: 'Monev 2025', year: 2025, indicatorSetCode: 'strata-2011' })
    expect(period0).toMatchObject({ ok: false, error: { code: 'NOT_ALLOWED' } })

    const ctx = makeCtx({ office: '12.18' })
    const id = seedPosyandu(ctx, 'Kenanga')
    seedPosyandu(ctx, 'Lili', '12.18.05.2001')
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(id) })
    const p = await run(ctx, 'evaluation.periodCreate', { name: 'Monev Kabupaten 2025', year: 2025, indicatorSetCode: 'strata-2011', evaluators: 'Tim Pembina' })
    if (!p.ok) throw new Error(p.error.message)
    expect(await run(ctx, 'evaluation.scoreSave', { periodId: p.data.id, posyanduId: id, item: 'administrasi', score: 8, notes: 'buku lengkap' })).toMatchObject({ ok: true })
    const tooHigh = await run(ctx, 'evaluation.scoreSave', { periodId: p.data.id, posyanduId: id, item: 'administrasi', score: 11 })
    expect(!tooHigh.ok && tooHigh.error.message).toBe('Nilai Kelengkapan administrasi paling tinggi 10.')
    // Criteria 3 of 8 met (37,5) and administrasi 8 of 20 manual points: 0,8 × 37,5 + 0,2 × 40 = 38.
    const draft = await run(ctx, 'evaluation.report', { periodId: p.data.id })
    expect(draft.ok && draft.data.rows.find((r) => r.id === id)).toMatchObject({ manualScore: 8, totalScore: 38, result: { score: 37.5 } })
    const locked = await run(ctx, 'evaluation.periodLock', { id: p.data.id })
    expect(locked).toMatchObject({ ok: true, data: { status: 'locked', lockedBy: 'Penguji' } })
    expect(locked.ok && locked.data.dataHash).toMatch(/^[0-9a-f]{12}$/)

    const before = snapshot(ctx)
    const edit = await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2025-05', values: values({ d: 10, n: 5 }) }] })
    expect(edit).toMatchObject({ ok: false, error: { code: 'EVALUATION_LOCKED' } })
    expect(!edit.ok && edit.error.message).toBe('Laporan Mei 2025 posyandu Kenanga tidak dapat diubah: periode evaluasi "Monev Kabupaten 2025" sudah dikunci.')
    // The trigger holds even for code that skips the service (e.g. an import).
    expect(() => updateRow(ctx, 'monthly_report', monthlyReportId(id, '2025-05'), { notes: 'diubah' })).toThrow(/EVALUATION_LOCKED/)
    expect(() => insertRow(ctx, 'monthly_report', { posyandu_id: id, month: '2025-12', held: 1 }, { scope: '12.18.04' })).toThrow(/EVALUATION_LOCKED/)
    expect(() => updateRow(ctx, 'evaluation_period', p.data.id, { name: 'diubah' })).toThrow(/EVALUATION_LOCKED/)
    expect(await run(ctx, 'evaluation.scoreSave', { periodId: p.data.id, posyanduId: id, item: 'inovasi', score: 5 })).toMatchObject({ ok: false, error: { code: 'EVALUATION_LOCKED' } })
    expect(await run(ctx, 'evaluation.periodLock', { id: p.data.id })).toMatchObject({ ok: false, error: { code: 'EVALUATION_LOCKED' } })
    expect(snapshot(ctx)).toBe(before)
    // Other years stay editable.
    expect(await run(ctx, 'evaluation.monthlySave', { items: fullYear(id, 2026).slice(0, 1) })).toMatchObject({ ok: true })
  })

  it('a locked period keeps its thresholds when the kabupaten edits the set later', async () => {
    const ctx = makeCtx({ office: '12.18' })
    const id = seedPosyandu(ctx, 'Teratai')
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(id, 2025, { kader_on_duty: 4 }) })
    const p = await run(ctx, 'evaluation.periodCreate', { name: 'Monev 2025', year: 2025, indicatorSetCode: 'strata-2011' })
    if (!p.ok) throw new Error(p.error.message)
    await run(ctx, 'evaluation.periodLock', { id: p.data.id })
    const edited = await run(ctx, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: { kader: 4 } })
    expect(edited.ok && edited.data.criteria.find((c) => c.id === 'kader')!.threshold).toBe(4)
    const live = await run(ctx, 'evaluation.strata', { year: 2025, rules: 'strata-2011' })
    expect(live.ok && live.data.rows[0].result.stratum).toBe('madya')
    const report = await run(ctx, 'evaluation.report', { periodId: p.data.id })
    expect(report.ok && report.data.rows[0].result.stratum).toBe('pratama')
    expect(report.ok && report.data.method[1]).toBe('kader bertugas ≥ 5 orang (syarat Madya ke atas)')
    expect(report.ok && report.data.dataHash).toBe(p.data.dataHash ?? (report.ok && report.data.dataHash))
    const bad = await run(ctx, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: { ds: 50 } })
    expect(!bad.ok && bad.error.message).toMatch(/pecahan 0–1/)
    const kec = makeCtx({ office: '12.18.04' })
    expect(await run(kec, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: { kader: 4 } })).toMatchObject({ ok: false, error: { code: 'KABUPATEN_ONLY' } })
  })
})

describe('data hash of a report', () => {
  it('changes when and only when the underlying data changes', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const id = seedPosyandu(ctx, 'Dahlia')
    const other = seedPosyandu(ctx, 'Flamboyan', '12.18.04.2002')
    await run(ctx, 'evaluation.monthlySave', { items: [...fullYear(id), ...fullYear(other)] })
    const hash = async (area = '12.18.04.2001') => {
      const r = await run(ctx, 'evaluation.report', { year: 2025, rules: 'strata-2011', area })
      if (!r.ok) throw new Error(r.error.message)
      return r.data.dataHash
    }
    const h0 = await hash()
    expect(await hash()).toBe(h0)
    // A save that changes nothing, and data outside the report (other desa, a later year): same hash.
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(id).slice(0, 1) })
    await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: other, month: '2025-04', values: values({ d: 61, n: 51 }) }] })
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(id, 2026).slice(0, 2) })
    expect(await hash()).toBe(h0)
    // One number changes: a different hash; put back: the same hash again (rev and hlc are not data).
    await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2025-04', values: values({ d: 61, n: 51 }) }] })
    const h1 = await hash()
    expect(h1).not.toBe(h0)
    await run(ctx, 'evaluation.monthlySave', { items: [{ posyanduId: id, month: '2025-04', values: values() }] })
    expect(await hash()).toBe(h0)
    // The posyandu's name is printed, so renaming it changes the hash; the previous year counts too.
    updateRow(ctx, 'posyandu', id, { name: 'Dahlia Indah' })
    const h2 = await hash()
    expect(h2).not.toBe(h0)
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(id, 2024).slice(0, 1) })
    expect(await hash()).not.toBe(h2)
  })
})

describe('reports, recap and demo data', () => {
  it('demo reports: plausible SKDN, gaps, a spread of strata; recap and xlsx exports read back', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const desas = (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '12.18.04' ORDER BY code`).all() as { code: string }[]).map((d) => d.code)
    for (let i = 0; i < 80; i++) seedPosyandu(ctx, `Posyandu ${i + 1}`, desas[i % desas.length])
    const made = generateMonthlyReports(ctx, { seed: 7, years: 3, endYear: 2025 })
    expect(made.posyandu).toBe(80)
    expect(made.reports).toBeGreaterThan(80 * 36 * 0.7)
    expect(made.reports).toBeLessThan(80 * 36)
    const rows = ctx.sqlite.prepare(`SELECT * FROM monthly_report`).all() as Record<string, number | string | null>[]
    const errors = rows.flatMap((r) =>
      validateMonthly({ ...(r as unknown as MonthlyValues), held: r.held === 1, programmes: r.programmes ? String(r.programmes).split(',') : [] }, String(r.month)).filter((i) => i.severity === 'error'),
    )
    expect(errors).toEqual([])
    expect(rows.filter((r) => r.held === 1).every((r) => r.d === (r.n as number) + (r.t as number) + (r.o as number) + (r.b as number))).toBe(true)
    expect(rows.some((r) => r.held === 0)).toBe(true)
    const strata = await run(ctx, 'evaluation.strata', { year: 2025 })
    if (!strata.ok) throw new Error(strata.error.message)
    const spread = strata.data.total.byStratum
    expect(Object.values(spread).filter((n) => n > 0).length).toBeGreaterThanOrEqual(3)
    // Same seed, fresh database: the same data.
    const again = makeCtx({ office: '12.18.04' })
    for (let i = 0; i < 80; i++) seedPosyandu(again, `Posyandu ${i + 1}`, desas[i % desas.length])
    expect(generateMonthlyReports(again, { seed: 7, years: 3, endYear: 2025 }).reports).toBe(made.reports)

    const recap = await run(ctx, 'evaluation.recap', { area: '12.18.04', month: '2025-06' })
    if (!recap.ok) throw new Error(recap.error.message)
    expect(recap.data.rows.length).toBe(Math.min(80, desas.length))
    expect(recap.data.total.posyandu).toBe(80)
    expect(recap.data.total.totals.d).toBe(recap.data.rows.reduce((s, r) => s + (r.totals.d ?? 0), 0))
    const x = await run(ctx, 'evaluation.exportXlsx', { kind: 'recap', area: '12.18.04', month: '2025-06' })
    if (!x.ok) throw new Error(x.error.message)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(x.data.base64, 'base64') as unknown as ArrayBuffer)
    expect(wb.getWorksheet('Rekap SKDN')!.getCell('A1').value).toBe('Rekapitulasi Bulanan Posyandu (SKDN) Kecamatan Sei Rampah')
    // Numbers as numbers, ratios as Excel percent cells (not "63,8%" text).
    const sheet = wb.getWorksheet('Rekap SKDN')!
    const header = (sheet.getRow(5).values as unknown[]).map((v) => String(v ?? ''))
    const total = sheet.getRow(sheet.rowCount)
    expect(total.getCell(header.indexOf('D')).value).toBe(recap.data.total.totals.d)
    const ds = total.getCell(header.indexOf('D/S'))
    expect(typeof ds.value).toBe('number')
    expect(ds.value as number).toBeCloseTo(recap.data.total.ratios.ds!, 6)
    expect(ds.numFmt).toBe('0.0%')
    const rx = await run(ctx, 'evaluation.exportXlsx', { kind: 'report', year: 2025 })
    if (!rx.ok) throw new Error(rx.error.message)
    const wb2 = new ExcelJS.Workbook()
    await wb2.xlsx.load(Buffer.from(rx.data.base64, 'base64') as unknown as ArrayBuffer)
    expect(wb2.worksheets.map((w) => w.name)).toEqual(['Ringkasan', 'Posyandu', 'Metode'])
    expect(wb2.getWorksheet('Posyandu')!.rowCount).toBe(3 + 1 + 1 + 80)
  })
})
