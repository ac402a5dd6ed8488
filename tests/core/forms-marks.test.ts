import { describe, expect, it } from 'vitest'
import { markId } from '../../src/core/forms/marks'
import type { FormValues } from '../../src/shared/forms/form'
import { addUser, callOp, makeCtx } from '../helpers/db'
import { addPosyandu, makeOffices, receive, refusal, send } from '../helpers/exchange'

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`
/** A clean SKDN month; `over` changes some values. */
const skdn = (over: FormValues = {}): FormValues => ({ held: true, kader_on_duty: 5, s: 100, k: 90, d: 40, n: 20, t: 10, o: 6, b: 4, ...over })

describe('follow-up marks on data-quality findings', () => {
  it('the kecamatan marks a violation and an outlier with a note; they travel to the kabupaten; a fixed violation leaves its mark as history', async () => {
    const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
    const p = addPosyandu(kec, 'Posyandu Kenanga').id
    const operator = addUser(kec, 'operator', 'ani', 'Ani Operator')
    const verifier = addUser(kec, 'verifikator', 'budi', 'Budi Verifikator')
    // Ten months; March breaks the warning D = N + T + O + B; August's kader count is far from its history.
    const items = Array.from({ length: 10 }, (_, i) => ({
      posyanduId: p,
      period: month(i + 1),
      values: skdn(i + 1 === 3 ? { d: 45 } : i + 1 === 8 ? { kader_on_duty: 40 } : { kader_on_duty: 5 + (i % 2) }),
    }))
    await callOp(kec, 'forms.saveReports', { code: 'SKDN', items }, operator)
    const q = await callOp(kec, 'forms.quality', { code: 'SKDN', year: 2026 }, operator)
    expect(q.canMark).toBe(true)
    const violation = q.violations.find((v) => v.period === '2026-03')!
    expect(violation).toMatchObject({ rule: 'D=N+T+O+B', importance: 'warning', mark: null })
    const outlier = q.outliers.find((o) => o.period === '2026-08')!
    expect(outlier).toMatchObject({ field: 'kader_on_duty', value: 40, reason: 'z', mark: null })

    // Bad marks: each refused with a message, nothing written.
    const count = () => kec.sqlite.prepare('SELECT count(*) AS n FROM quality_mark').get()
    const base = { code: 'SKDN', posyanduId: p, period: '2026-03', kind: 'rule' as const, subject: 'D=N+T+O+B' }
    expect((await refusal(callOp(kec, 'forms.mark', { ...base, status: 'checked' }, operator))).message).toMatch(/Tulis catatan untuk tanda "sudah dicek — data benar": mengapa datanya benar/)
    expect((await refusal(callOp(kec, 'forms.mark', { ...base, period: '2026-04', status: 'fixed' }, operator))).message).toMatch(/Tidak ada pelanggaran aturan "D=N\+T\+O\+B" pada laporan Posyandu Kenanga April 2026/)
    expect((await refusal(callOp(kec, 'forms.mark', { ...base, status: 'fixed' }, addUser(kec, 'readonly', 'tamu')))).code).toBe('FORBIDDEN')
    expect(count()).toEqual({ n: 0 })

    const m1 = await callOp(kec, 'forms.mark', { ...base, status: 'checked', note: 'Dicek ke buku register: 5 balita tidak ditimbang bulan lalu tapi tercatat.' }, operator)
    expect(m1).toMatchObject({ status: 'checked', markedByName: 'Ani Operator', finding: expect.stringMatching(/N \+ T \+ O \+ B/) })
    await callOp(kec, 'forms.mark', { code: 'SKDN', posyanduId: p, period: '2026-08', kind: 'outlier', subject: 'kader_on_duty', status: 'follow_up', note: 'Minta kader Kenanga memeriksa daftar hadir Agustus.' }, verifier)
    const marked = await callOp(kec, 'forms.quality', { code: 'SKDN', year: 2026 })
    expect(marked.violations.find((v) => v.period === '2026-03')!.mark).toMatchObject({ status: 'checked', note: expect.stringMatching(/buku register/) })
    expect(marked.outliers.find((o) => o.period === '2026-08')!.mark).toMatchObject({ status: 'follow_up', markedByName: 'Budi Verifikator', finding: 'Kader bertugas = 40 (median 5,5, z 46,5)' })

    // The kabupaten sees them after the bundle, and may not mark.
    await receive(kab, send(kec, kab, outDir))
    const atKab = await callOp(kab, 'forms.quality', { code: 'SKDN', year: 2026 })
    expect(atKab.canMark).toBe(false)
    expect(atKab.violations.find((v) => v.period === '2026-03')!.mark).toMatchObject({ status: 'checked', markedByName: 'Ani Operator', scope: '12.18.04' })
    expect(atKab.outliers.find((o) => o.period === '2026-08')!.mark?.status).toBe('follow_up')
    expect((await refusal(callOp(kab, 'forms.mark', { ...base, status: 'fixed' }))).code).toBe('MARK_KECAMATAN_ONLY')

    // Fixed at the kecamatan: the violation is gone, its mark stays as history and can still be changed.
    await callOp(kec, 'forms.saveReports', { code: 'SKDN', items: [{ posyanduId: p, period: '2026-03', values: skdn() }] }, operator)
    await callOp(kec, 'forms.mark', { ...base, status: 'fixed', note: 'D dibetulkan menjadi 40.' }, operator)
    const after = await callOp(kec, 'forms.quality', { code: 'SKDN', year: 2026 })
    expect(after.violations.filter((v) => v.period === '2026-03')).toEqual([])
    expect(after.history).toEqual([expect.objectContaining({ period: '2026-03', kind: 'rule', status: 'fixed', note: 'D dibetulkan menjadi 40.', finding: m1!.finding })])
    const row = kec.sqlite.prepare('SELECT rev FROM quality_mark WHERE id = ?').get(markId('SKDN', p, '2026-03', 'rule', 'D=N+T+O+B')) as { rev: number }
    expect(row.rev).toBe(2)
    // The audit keeps both decisions.
    expect((kec.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE table_name = 'quality_mark'`).get() as { n: number }).n).toBeGreaterThanOrEqual(3)

    await receive(kab, send(kec, kab, outDir))
    const kabAfter = await callOp(kab, 'forms.quality', { code: 'SKDN', year: 2026 })
    expect(kabAfter.violations.filter((v) => v.period === '2026-03')).toEqual([])
    expect(kabAfter.history.map((m) => [m.period, m.status])).toEqual([['2026-03', 'fixed']])

    // Withdrawn: a tombstone that travels too.
    await callOp(kec, 'forms.mark', { code: 'SKDN', posyanduId: p, period: '2026-08', kind: 'outlier', subject: 'kader_on_duty', status: null }, verifier)
    await receive(kab, send(kec, kab, outDir))
    expect((await callOp(kab, 'forms.quality', { code: 'SKDN', year: 2026 })).outliers.find((o) => o.period === '2026-08')!.mark).toBeNull()
  })

  it('a percent indicator above 100 % is a finding (coverage) that can be marked like an outlier', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const p = addPosyandu(ctx, 'Posyandu Seroja').id
    // Five cases closed in March though two were referred: the rule allows last month's referrals, the indicator is 250 %.
    await callOp(ctx, 'forms.saveReports', { code: 'PUSKESOS', items: [
      { posyanduId: p, period: '2026-02', values: { pengaduan: 4, dirujuk: 3, selesai: 0 } },
      { posyanduId: p, period: '2026-03', values: { pengaduan: 3, dirujuk: 2, selesai: 5 } },
    ] })
    const q = await callOp(ctx, 'forms.quality', { code: 'PUSKESOS', year: 2026 })
    expect(q.violations).toEqual([])
    expect(q.outliers).toEqual([expect.objectContaining({ period: '2026-03', field: 'selesai', reason: 'coverage', value: 2.5, median: null })])
    const m = await callOp(ctx, 'forms.mark', { code: 'PUSKESOS', posyanduId: p, period: '2026-03', kind: 'outlier', subject: 'selesai', status: 'checked', note: 'Tiga rujukan Februari selesai bulan Maret.' })
    expect(m!.finding).toMatch(/= 250% \(di atas 100%: periksa sasaran atau data\)/)
  })

  it('a kecamatan cannot mark another kecamatan’s posyandu', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices(['12.18.04', '12.18.05'])
    const p = addPosyandu(a, 'Posyandu Mawar').id
    await callOp(a, 'forms.saveReports', { code: 'SKDN', items: [{ posyanduId: p, period: '2026-03', values: skdn({ d: 45 }) }] })
    await receive(kab, send(a, kab, outDir))
    await receive(b, send(kab, b, outDir))
    // b does not even receive a's posyandu (and the write path would refuse its scope).
    expect((await refusal(callOp(b, 'forms.mark', { code: 'SKDN', posyanduId: p, period: '2026-03', kind: 'rule', subject: 'D=N+T+O+B', status: 'fixed' }))).code).toMatch(/NOT_FOUND|AREA_OUTSIDE/)
  })
})
