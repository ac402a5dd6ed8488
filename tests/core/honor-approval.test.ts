import { describe, expect, it } from 'vitest'
import type { Caller } from '../../src/core/handlers'
import { insertRow } from '../../src/core/db/rows'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { addUser, callerOf, dispatch, makeCtx } from '../helpers/db'

/** Four people of a Bappeda: Ani prepares, Vera verifies, Lely (PPTK) approves, Rina (bendahara) pays. */
async function office() {
  const ctx = makeCtx({ office: '12.18' })
  const admin = callerOf(ctx)
  const ani = addUser(ctx, 'operator', 'ani', 'Ani Lubis')
  const vera = addUser(ctx, 'verifikator', 'vera', 'Vera Sinaga')
  const lely = addUser(ctx, 'pptk', 'lely', 'Lely Marpaung')
  const rina = addUser(ctx, 'bendahara', 'rina', 'Rina Sembiring')
  const call = async <K extends OpName>(who: Caller, name: K, input: Input<K>): Promise<Output<K>> => {
    const r = await dispatch(ctx, name, input, who)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.data as Output<K>
  }
  const refused = async <K extends OpName>(who: Caller, name: K, input: Input<K>) => {
    const r = await dispatch(ctx, name, input, who)
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(false)
    return (r as { error: { code: string; message: string } }).error
  }
  const melati = insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' }, { scope: '12.18.04' })
  const mawar = insertRow(ctx, 'posyandu', { name: 'Mawar', desa_code: '12.18.04.2002' }, { scope: '12.18.04' })
  const person = (nik: string, name: string) => ({ nik, name, sex: 'P' as const, bankName: 'Bank Sumut', accountNumber: `10${nik.slice(-8)}`, accountHolder: name, npwp: '12.345.678.9-012.000' })
  const siti = await call(admin, 'honor.personSave', person('1218044501900001', 'Siti Aminah'))
  const dewi = await call(admin, 'honor.personSave', person('1218044501900002', 'Dewi Lestari'))
  // Siti accompanies two posyandu: still one line, one honor per month.
  await call(admin, 'honor.assignmentSave', { personId: siti.id, posyanduId: melati.id, fromDate: '2025-01-01' })
  await call(admin, 'honor.assignmentSave', { personId: siti.id, posyanduId: mawar.id, fromDate: '2026-02-01' })
  await call(admin, 'honor.assignmentSave', { personId: dewi.id, posyanduId: mawar.id, fromDate: '2025-01-01' })
  await call(admin, 'honor.rateSave', { amount: 750_000, validFrom: '2025-01-01' })
  const month = (m: number) => ({ periodKind: 'bulan' as const, year: 2026, month: m, subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Koordinasi Posyandu' })
  const quarter = { periodKind: 'triwulan' as const, year: 2026, quarter: 1, subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Koordinasi Posyandu' }
  const snapshot = () => JSON.stringify(['honor_list', 'honor_line', 'audit_log'].map((t) => ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
  return { ctx, admin, ani, vera, lely, rina, call, refused, month, quarter, snapshot, siti }
}

describe('maker-checker for honor lists', () => {
  it('disusun → diverifikasi → disetujui → dibayar by four people, each named on the list and in the audit log', async () => {
    const { ctx, ani, vera, lely, rina, call, refused, month } = await office()
    const draft = await call(ani, 'honor.listCreate', month(3))
    expect(draft.lines.map((l) => [l.personName, l.posyanduName, l.months, l.gross])).toEqual([
      ['Siti Aminah', 'Melati, Mawar', 1, 750_000],
      ['Dewi Lestari', 'Mawar', 1, 750_000],
    ])
    // Each step belongs to one role, and comes in order.
    expect((await refused(ani, 'honor.finalise', { id: draft.list.id })).code).toBe('FORBIDDEN')
    expect((await refused(lely, 'honor.finalise', { id: draft.list.id })).code).toBe('LIST_NOT_VERIFIED')
    expect((await refused(rina, 'honor.markPaid', { id: draft.list.id, paidDate: '2026-04-02', paymentRef: 'SP2D 001' })).code).toBe('LIST_NOT_FINAL')
    const verified = await call(vera, 'honor.verify', { id: draft.list.id })
    expect(verified.list).toMatchObject({ status: 'verified', preparedByName: 'Ani Lubis', verifiedByName: 'Vera Sinaga' })
    expect((await refused(ani, 'honor.lineRemove', { lineId: draft.lines[0].id, reason: 'Coba ubah' })).code).toBe('LIST_VERIFIED')
    expect((await refused(rina, 'honor.finalise', { id: draft.list.id })).message).toMatch(/^Anda masuk sebagai Bendahara; peran ini tidak boleh menjalankan "honor.finalise"\. Yang boleh: PPTK \/ Pimpinan\.$/)
    const approved = await call(lely, 'honor.finalise', { id: draft.list.id })
    expect(approved.list).toMatchObject({ status: 'final', number: '001/HONOR/2026', approvedByName: 'Lely Marpaung' })
    // The real payment date may be before the approval date (24 November), not before March.
    expect((await refused(rina, 'honor.markPaid', { id: draft.list.id, paidDate: '2026-02-28', paymentRef: 'SP2D 001' })).code).toBe('PAID_BEFORE_PERIOD')
    const paid = await call(rina, 'honor.markPaid', { id: draft.list.id, paidDate: '2026-04-02', paymentRef: 'SP2D 001/LS/2026' })
    expect(paid.list).toMatchObject({ status: 'paid', paidDate: '2026-04-02', paidByName: 'Rina Sembiring' })
    const log = ctx.sqlite.prepare(`SELECT user, action FROM audit_log WHERE table_name = 'honor_list' ORDER BY seq`).all()
    expect(log).toEqual([
      { user: 'ani', action: 'create' },
      { user: 'vera', action: 'verify' },
      { user: 'lely', action: 'approve' },
      { user: 'rina', action: 'pay' },
    ])
  })

  it('one person cannot prepare and check or approve the same list, even after a role change', async () => {
    const { ctx, admin, ani, vera, call, refused, month, snapshot } = await office()
    const draft = await call(ani, 'honor.listCreate', month(1))
    await call(admin, 'people.update', { id: ani.userId, role: 'verifikator' })
    const before = snapshot()
    // (The refusal also carries its message key, `msg`, for English screens.)
    expect(await refused(ani, 'honor.verify', { id: draft.list.id })).toMatchObject({ code: 'MAKER_CHECKER', message: 'Daftar ini Anda susun sendiri; verifikasi harus dilakukan orang lain.' })
    expect(snapshot()).toBe(before)
    await call(vera, 'honor.verify', { id: draft.list.id })
    await call(admin, 'people.update', { id: ani.userId, role: 'pptk' })
    expect((await refused(ani, 'honor.finalise', { id: draft.list.id })).message).toBe('Daftar ini Anda susun sendiri; yang menyusun tidak boleh menyetujuinya.')
    await call(admin, 'people.update', { id: vera.userId, role: 'pptk' })
    expect((await refused(vera, 'honor.finalise', { id: draft.list.id })).message).toBe('Daftar ini Anda verifikasi sendiri; persetujuan harus oleh orang lain.')
    void ctx
  })

  it('refuses a second approved list paying the same person for the same month; a cancelled list leaves the recap and frees them', async () => {
    const { ani, vera, lely, rina, call, refused, month, quarter, snapshot } = await office()
    const march = await call(ani, 'honor.listCreate', month(3))
    await call(vera, 'honor.verify', { id: march.list.id })
    await call(lely, 'honor.finalise', { id: march.list.id })
    await call(rina, 'honor.markPaid', { id: march.list.id, paidDate: '2026-04-02', paymentRef: 'SP2D 001/LS/2026' })

    // The same four-line March again, and a quarter containing March: both refused at approval.
    for (const period of [month(3), quarter]) {
      const again = await call(ani, 'honor.listCreate', period)
      await call(vera, 'honor.verify', { id: again.list.id })
      expect((await call(lely, 'honor.listGet', { id: again.list.id })).overlaps.map((o) => [o.personName, o.otherNumber, o.otherStatus, o.months])).toEqual([
        ['Dewi Lestari', '001/HONOR/2026', 'paid', 'Mar 2026'],
        ['Siti Aminah', '001/HONOR/2026', 'paid', 'Mar 2026'],
      ])
      const before = snapshot()
      const err = await refused(lely, 'honor.finalise', { id: again.list.id })
      expect(err.code).toBe('HONOR_DOUBLE')
      expect(err.message).toMatch(/^Tidak dapat disetujui: Dewi Lestari sudah ada di daftar 001\/HONOR\/2026 \(dibayar\) untuk Mar 2026; Siti Aminah sudah ada di daftar 001\/HONOR\/2026 \(dibayar\) untuk Mar 2026\. Honor satu orang untuk satu bulan hanya dibayar sekali/)
      expect(snapshot()).toBe(before)
    }
    expect((await call(lely, 'honor.recap', { year: 2026 })).total).toMatchObject({ lines: 2, gross: 1_500_000 })

    // A wrong April list is approved, then cancelled by the PPTK with a reason.
    const april = await call(ani, 'honor.listCreate', month(4))
    await call(vera, 'honor.verify', { id: april.list.id })
    await call(lely, 'honor.finalise', { id: april.list.id })
    expect((await call(lely, 'honor.recap', { year: 2026 })).total.gross).toBe(3_000_000)
    expect((await refused(ani, 'honor.cancel', { id: april.list.id, reason: 'Salah periode' })).code).toBe('FORBIDDEN')
    expect((await refused(lely, 'honor.cancel', { id: april.list.id, reason: 'x' })).code).toBe('INVALID_INPUT')
    const cancelled = await call(lely, 'honor.cancel', { id: april.list.id, reason: 'SK pendamping April belum terbit' })
    expect(cancelled.list).toMatchObject({ status: 'cancelled', cancelReason: 'SK pendamping April belum terbit', cancelledByName: 'Lely Marpaung', number: '002/HONOR/2026' })
    // Still visible, out of the recap, and nothing can change it any more.
    expect((await call(lely, 'honor.listList', { year: 2026 })).map((l) => [l.number, l.status])).toContainEqual(['002/HONOR/2026', 'cancelled'])
    expect((await call(lely, 'honor.recap', { year: 2026 })).total.gross).toBe(1_500_000)
    expect((await refused(rina, 'honor.markPaid', { id: april.list.id, paidDate: '2026-05-02', paymentRef: 'SP2D 002' })).code).toBe('LIST_STATUS')
    expect((await refused(ani, 'honor.revise', { id: april.list.id, reason: 'Koreksi yang dibatalkan' })).code).toBe('LIST_CANCELLED')
    expect((await refused(lely, 'honor.cancel', { id: march.list.id, reason: 'Sudah dibayar, coba batalkan' })).code).toBe('LIST_PAID')
    // The right April list can now be approved.
    const april2 = await call(ani, 'honor.listCreate', month(4))
    await call(vera, 'honor.verify', { id: april2.list.id })
    expect((await call(lely, 'honor.finalise', { id: april2.list.id })).list.number).toBe('003/HONOR/2026')
  })

  it('a correction revision shows a person already on another approved list instead of refusing it', async () => {
    const { ctx, ani, vera, lely, call, month, quarter, siti } = await office()
    const march = await call(ani, 'honor.listCreate', month(3))
    await call(vera, 'honor.verify', { id: march.list.id })
    await call(lely, 'honor.finalise', { id: march.list.id })
    // The quarter goes through without Siti (she is on the March list)...
    const q = await call(ani, 'honor.listCreate', quarter)
    const sitiLine = q.lines.find((l) => l.personId === siti.id)!
    await call(ani, 'honor.lineRemove', { lineId: sitiLine.id, reason: 'Sudah di daftar Maret' })
    await call(ani, 'honor.lineRemove', { lineId: q.lines.find((l) => l.personId !== siti.id)!.id, reason: 'Dewi sudah di daftar Maret' })
    const dewiAssignment = q.lines.find((l) => l.personId !== siti.id)!.assignmentId!
    await call(ani, 'honor.lineAdd', { listId: q.list.id, assignmentId: dewiAssignment, monthFrom: '2026-01', monthTo: '2026-02', reason: 'Hanya Januari–Februari' })
    await call(vera, 'honor.verify', { id: q.list.id })
    await call(lely, 'honor.finalise', { id: q.list.id })
    // ...and its correction adds Siti for January–February; March is shown, not refused.
    const rev = await call(ani, 'honor.revise', { id: q.list.id, reason: 'Siti lupa dimasukkan' })
    const withSiti = await call(ani, 'honor.lineAdd', { listId: rev.list.id, assignmentId: sitiLine.assignmentId!, monthFrom: '2026-01', monthTo: '2026-03', reason: 'Siti Januari–Maret' })
    expect(withSiti.overlaps.map((o) => [o.personName, o.otherNumber, o.months])).toEqual([['Siti Aminah', '001/HONOR/2026', 'Mar 2026']])
    await call(vera, 'honor.verify', { id: rev.list.id })
    expect((await call(lely, 'honor.finalise', { id: rev.list.id })).list.number).toBe('002/HONOR/2026-R1')
    void ctx
  })

  it('a verifier returns a list to its preparer with a note; it can be edited again', async () => {
    const { ani, vera, call, refused, month } = await office()
    const draft = await call(ani, 'honor.listCreate', month(2))
    await call(vera, 'honor.verify', { id: draft.list.id })
    const back = await call(vera, 'honor.returnToDraft', { id: draft.list.id, reason: 'Rekening Dewi perlu dicek' })
    expect(back.list).toMatchObject({ status: 'draft', verifiedByName: null, returnNote: 'Rekening Dewi perlu dicek' })
    expect((await call(ani, 'honor.lineRemove', { lineId: draft.lines[0].id, reason: 'Dicek ulang' })).lines).toHaveLength(1)
    expect((await refused(ani, 'honor.returnToDraft', { id: draft.list.id, reason: 'Bukan perannya' })).code).toBe('FORBIDDEN')
  })

  it('a signatory NIP that is not 18 digits is refused and not saved', async () => {
    const { admin, call, refused } = await office()
    expect(await refused(admin, 'settings.set', { key: 'sign.pptk_nip', value: '19720315' })).toMatchObject({ code: 'NIP_INVALID', message: 'NIP terdiri dari 18 angka (tertulis 8). Tidak disimpan.' })
    expect((await call(admin, 'settings.get', {}))['sign.pptk_nip']).toBeUndefined()
    expect((await call(admin, 'settings.set', { key: 'sign.pptk_nip', value: '19720315 199803 2 004' }))['sign.pptk_nip']).toBe('197203151998032004')
  })
})
