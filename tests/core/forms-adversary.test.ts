import { describe, expect, it } from 'vitest'
import { formDefinitionId } from '../../src/core/forms/definitions'
import { markId } from '../../src/core/forms/marks'
import { formReportId } from '../../src/core/forms/reports'
import { builtinForm } from '../../src/shared/forms/builtin'
import { craft, edited, kabupatenWorld, LATER_HLC, op, rowOf } from '../helpers/adversary'
import { callOp } from '../helpers/db'
import { dbState, receive, refusal, send } from '../helpers/exchange'

/** Forms are the kabupaten's and values the posyandu's kecamatan's: a modified Simpul at a kecamatan cannot change either elsewhere. */
describe('report forms against a kecamatan operator who edits their own database', () => {
  it('cannot change the kabupaten’s form, nor write another kecamatan’s report; a valid report of its own goes through', async () => {
    const w = await kabupatenWorld(['12.18.04', '12.18.05'])
    const [a, b] = w.kec
    const ilp = builtinForm('ILP')!
    const saved = await op(w.kab, 'forms.save', { form: { ...ilp, rules: ilp.rules.slice(1) } })
    for (const k of w.kec) await receive(k, send(w.kab, k, w.outDir))
    const row = rowOf(a, 'form_definition', formDefinitionId('12.18', 'ILP', saved.form.version))!
    expect(row).toBeDefined()
    // A: "loosen" the kabupaten's form by dropping every rule.
    const loosened = edited(row, { definition_json: JSON.stringify({ ...saved.form, rules: [] }) })
    const before = dbState(w.kab)
    const e = await refusal(receive(w.kab, craft(a, w.kab, w.outDir, 'form_definition', [loosened])))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(e.message).toMatch(/Formulir laporan "ILP versi 2" \(kantor 12\.18\.04 tidak berwenang mengubah formulir laporan milik wilayah 12\.18\)/)
    expect(dbState(w.kab)).toBe(before)
    // A: a report for B's posyandu, in B's scope.
    await op(b, 'forms.saveReports', { code: 'ILP', items: [{ posyanduId: w.posyandu[1].id, period: '2026-10', values: { held: true, lansia_datang: 10 } }] })
    await receive(w.kab, send(b, w.kab, w.outDir))
    const theirs = rowOf(w.kab, 'form_report', formReportId('ILP', w.posyandu[1].id, '2026-10'))!
    const e2 = await refusal(receive(w.kab, craft(a, w.kab, w.outDir, 'form_report', [edited(theirs, { values_json: JSON.stringify({ held: false }) })])))
    expect(e2.message).toMatch(/12\.18\.05/)
    expect(JSON.parse(String(rowOf(w.kab, 'form_report', theirs.id as string)!.values_json))).toEqual({ held: true, lansia_datang: 10 })
    // Its own report with a value that is not a scalar is left out with a reason.
    await op(a, 'forms.saveReports', { code: 'ILP', items: [{ posyanduId: w.posyandu[0].id, period: '2026-10', values: { held: true, lansia_datang: 12 } }] })
    const own = rowOf(a, 'form_report', formReportId('ILP', w.posyandu[0].id, '2026-10'))!
    const res = await receive(w.kab, craft(a, w.kab, w.outDir, 'form_report', [{ ...own, rev: 2, hlc: LATER_HLC, values_json: JSON.stringify({ held: true, lansia_datang: { $gt: 1 } }) }]))
    expect(res.totals.refused + res.totals.rejected).toBeGreaterThan(0)
    await receive(w.kab, send(a, w.kab, w.outDir))
    expect(JSON.parse(String(rowOf(w.kab, 'form_report', own.id as string)!.values_json))).toEqual({ held: true, lansia_datang: 12 })
  })

  it('cannot mark another kecamatan’s findings, nor change a kecamatan’s marks from the kabupaten', async () => {
    const w = await kabupatenWorld(['12.18.04', '12.18.05'])
    const [a, b] = w.kec
    // B's report breaks a warning rule, B marks it; the kabupaten receives both.
    await op(b, 'forms.saveReports', { code: 'SKDN', items: [{ posyanduId: w.posyandu[1].id, period: '2026-10', values: { held: true, s: 100, k: 90, d: 45, n: 20, t: 10, o: 6, b: 4 } }] })
    await op(b, 'forms.mark', { code: 'SKDN', posyanduId: w.posyandu[1].id, period: '2026-10', kind: 'rule', subject: 'D=N+T+O+B', status: 'follow_up', note: 'Periksa buku register.' })
    await receive(w.kab, send(b, w.kab, w.outDir))
    const theirs = rowOf(w.kab, 'quality_mark', markId('SKDN', w.posyandu[1].id, '2026-10', 'rule', 'D=N+T+O+B'))!
    expect(theirs).toMatchObject({ scope: '12.18.05', status: 'follow_up' })
    // A: "close" B's follow-up, in B's scope; then the same mark claimed in A's own scope.
    const before = dbState(w.kab)
    const e = await refusal(receive(w.kab, craft(a, w.kab, w.outDir, 'quality_mark', [edited(theirs, { status: 'checked', note: 'beres' })])))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(e.message).toMatch(/12\.18\.05/)
    const e2 = await refusal(receive(w.kab, craft(a, w.kab, w.outDir, 'quality_mark', [{ ...theirs, id: markId('SKDN', w.posyandu[1].id, '2026-10', 'rule', 'x'), subject: 'x', scope: '12.18.04' }])))
    expect(e2.message).toMatch(/posyandu/i)
    expect(dbState(w.kab)).toBe(before)
    // The kabupaten's own "mark" on B's finding is refused by its write path, and nothing travels down.
    expect((await refusal(callOp(w.kab, 'forms.mark', { code: 'SKDN', posyanduId: w.posyandu[1].id, period: '2026-10', kind: 'rule', subject: 'D=N+T+O+B', status: 'checked', note: 'ok' }))).code).toBe('MARK_KECAMATAN_ONLY')
    await receive(b, send(w.kab, b, w.outDir))
    expect(rowOf(b, 'quality_mark', theirs.id as string)).toMatchObject({ status: 'follow_up', rev: 1 })
  })
})
