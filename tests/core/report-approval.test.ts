import { describe, expect, it } from 'vitest'
import type { Caller } from '../../src/core/handlers'
import type { Ctx } from '../../src/core/context'
import { emptyMonth } from '../../src/shared/evaluation/fields'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { addUser, callerOf, dispatch } from '../helpers/db'
import { addPosyandu, makeOffices, receive, send } from '../helpers/exchange'

const values = () => ({ ...emptyMonth(), held: true, open_date: null, kader_on_duty: 5, s: 100, k: 90, d: 60, n: 50, t: 5, o: 3, b: 2 })

async function call<K extends OpName>(ctx: Ctx, who: Caller, name: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(ctx, name, input, who)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data as Output<K>
}
async function refused<K extends OpName>(ctx: Ctx, who: Caller, name: K, input: Input<K>) {
  const r = await dispatch(ctx, name, input, who)
  expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false)
  return (r as { error: { code: string; message: string } }).error
}

describe('monthly report approval (DHIS2 way)', () => {
  it('kecamatan submits and approves a month, the kabupaten accepts it; accepted months are locked on both sides and the approvals travel', async () => {
    const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
    const siti = addUser(kec, 'operator', 'siti', 'Siti Aminah')
    const camat = addUser(kec, 'pptk', 'camat', 'Drs. Camat Sei Rampah')
    const verKab = addUser(kab, 'verifikator', 'vera', 'Vera Sinaga')
    const melati = addPosyandu(kec, 'Melati')
    const save = (who: Caller, month: string) => dispatch(kec, 'evaluation.monthlySave', { items: [{ posyanduId: melati.id, month, values: values() }] }, who)

    expect((await refused(kec, siti, 'reportApproval.submit', { month: '2026-03' })).code).toBe('REPORT_EMPTY')
    expect((await save(siti, '2026-03')).ok).toBe(true)
    const submitted = await call(kec, siti, 'reportApproval.submit', { month: '2026-03' })
    expect(submitted).toMatchObject({ status: 'submitted', submittedByName: 'Siti Aminah', reports: 1, locked: true })
    // Submitted: the operator cannot change the month's reports underneath its approvers.
    expect(await save(siti, '2026-03')).toMatchObject({ ok: false, error: { code: 'REPORT_SUBMITTED' } })
    expect((await refused(kec, siti, 'reportApproval.approve', { month: '2026-03' })).code).toBe('FORBIDDEN')
    const approved = await call(kec, camat, 'reportApproval.approve', { month: '2026-03' })
    expect(approved).toMatchObject({ status: 'approved', approvedByName: 'Drs. Camat Sei Rampah' })
    // The kabupaten cannot accept what it has not received yet.
    expect((await refused(kab, verKab, 'reportApproval.accept', { kecamatanCode: '12.18.04', month: '2026-03' })).code).toBe('REPORT_NOT_APPROVED')

    await receive(kab, send(kec, kab, outDir))
    const atKab = await call(kab, verKab, 'reportApproval.list', { year: 2026 })
    expect(atKab).toEqual([expect.objectContaining({ kecamatanCode: '12.18.04', kecamatanName: 'Sei Rampah', month: '2026-03', status: 'approved', approvedByName: 'Drs. Camat Sei Rampah', reports: 1, acceptance: null })])
    expect((await refused(kab, callerOf(kab), 'reportApproval.submit', { month: '2026-03' })).code).toBe('REPORT_KECAMATAN_ONLY')
    const accepted = await call(kab, verKab, 'reportApproval.accept', { kecamatanCode: '12.18.04', month: '2026-03' })
    expect(accepted.acceptance).toMatchObject({ status: 'accepted', decidedByName: 'Vera Sinaga' })
    // Locked at the kabupaten, even for raw SQL.
    expect(() => kab.sqlite.prepare(`UPDATE monthly_report SET s = 1 WHERE month = '2026-03'`).run()).toThrow(/REPORT_ACCEPTED/)

    // The acceptance travels down; the kecamatan sees it and can no longer reopen the month.
    await receive(kec, send(kab, kec, outDir))
    const back = (await call(kec, siti, 'reportApproval.list', { year: 2026 })).find((m) => m.month === '2026-03')!
    expect(back).toMatchObject({ status: 'approved', locked: true, acceptance: { status: 'accepted', decidedByName: 'Vera Sinaga' } })
    expect((await refused(kec, camat, 'reportApproval.reopen', { month: '2026-03', reason: 'Ada salah ketik' })).code).toBe('REPORT_ACCEPTED')
    expect(() => kec.sqlite.prepare(`UPDATE monthly_report SET s = 1 WHERE month = '2026-03'`).run()).toThrow(/REPORT_ACCEPTED/)
    // Other months stay open.
    expect((await save(siti, '2026-04')).ok).toBe(true)
  })

  it('the kabupaten returns a month with a note; the kecamatan reopens, corrects and submits again', async () => {
    const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
    const siti = addUser(kec, 'operator', 'siti')
    const camat = addUser(kec, 'verifikator', 'camat')
    const verKab = addUser(kab, 'pptk', 'kabid')
    const melati = addPosyandu(kec, 'Melati')
    await dispatch(kec, 'evaluation.monthlySave', { items: [{ posyanduId: melati.id, month: '2026-05', values: values() }] }, siti)
    await call(kec, siti, 'reportApproval.submit', { month: '2026-05' })
    // The one who submitted cannot approve, even with the right role.
    const both = addUser(kec, 'verifikator', 'dua-peran')
    kec.sqlite.prepare(`UPDATE report_approval SET submitted_by = ?`).run(both.userId)
    expect((await refused(kec, both, 'reportApproval.approve', { month: '2026-05' })).code).toBe('MAKER_CHECKER')
    await call(kec, camat, 'reportApproval.approve', { month: '2026-05' })
    await receive(kab, send(kec, kab, outDir))
    const returned = await call(kab, verKab, 'reportApproval.return', { kecamatanCode: '12.18.04', month: '2026-05', reason: 'D lebih besar dari bulan lalu, mohon dicek' })
    expect(returned.acceptance).toMatchObject({ status: 'returned', note: 'D lebih besar dari bulan lalu, mohon dicek' })
    await receive(kec, send(kab, kec, outDir))
    const reopened = await call(kec, camat, 'reportApproval.reopen', { month: '2026-05', reason: 'Dikembalikan kabupaten' })
    expect(reopened).toMatchObject({ status: 'draft', locked: false, acceptance: { status: 'returned' } })
    expect((await dispatch(kec, 'evaluation.monthlySave', { items: [{ posyanduId: melati.id, month: '2026-05', values: { ...values(), d: 55 } }] }, siti)).ok).toBe(true)
    expect((await call(kec, siti, 'reportApproval.submit', { month: '2026-05' })).status).toBe('submitted')
  })
})
