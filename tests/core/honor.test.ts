import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { insertRow, updateRow } from '../../src/core/db/rows'
import { PARTIAL_MONTH_SETTING } from '../../src/core/honor/lists'
import { honorListWorkbook, RUPIAH_FORMAT } from '../../src/core/honor/xlsx'
import { setSetting } from '../../src/core/settings'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { addUser, callerOf, dispatch, makeCtx } from '../helpers/db'
import type { Caller } from '../../src/core/handlers'
import { allowed, rolesFor } from '../../src/shared/contract/roles'

/**
 * The office's people: the test administrator enters master data; an operator prepares
 * lists, a verifikator checks, a PPTK approves and a bendahara pays (four people).
 */
const staff = new WeakMap<Ctx, Record<'operator' | 'verifikator' | 'pptk' | 'bendahara', Caller>>()
function callerFor(ctx: Ctx, name: OpName): Caller {
  if (allowed('admin', name)) return callerOf(ctx)
  let s = staff.get(ctx)
  if (!s) staff.set(ctx, (s = { operator: addUser(ctx, 'operator', 'ani'), verifikator: addUser(ctx, 'verifikator', 'vera'), pptk: addUser(ctx, 'pptk', 'lely'), bendahara: addUser(ctx, 'bendahara', 'rina') }))
  return s[rolesFor(name)[0] as keyof typeof s]
}

/** Calls an operation as the window would, as a person whose role may; throws with the message when refused. */
async function op<K extends OpName>(ctx: Ctx, name: K, input: Input<K>, caller = callerFor(ctx, name)): Promise<Output<K>> {
  const r = await dispatch(ctx, name, input, caller)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data as Output<K>
}
/** Verified by the verifikator, then approved by the PPTK. */
async function approve(ctx: Ctx, id: string) {
  await op(ctx, 'honor.verify', { id })
  return op(ctx, 'honor.finalise', { id })
}
async function refused(ctx: Ctx, name: OpName, input: unknown, caller = callerFor(ctx, name)) {
  const r = await dispatch(ctx, name, input, caller)
  expect(r.ok, JSON.stringify(r)).toBe(false)
  return (r as { error: { code: string; message: string } }).error
}

/** Every honor row, to show a refused call changed nothing. */
const snapshot = (ctx: Ctx) =>
  JSON.stringify(
    ['pendamping_person', 'pendamping_assignment', 'honor_rate', 'honor_list', 'honor_line', 'audit_log'].map((t) => ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()),
  )

const person = (nik: string, name: string, extra: Record<string, unknown> = {}) => ({
  nik,
  name,
  sex: 'P' as const,
  bankName: 'Bank Sumut',
  accountNumber: `10${nik.slice(-8)}`,
  accountHolder: name,
  npwp: '12.345.678.9-012.000',
  ...extra,
})

/** A Bappeda office with three posyandu in two kecamatan, two pendamping, and rates. */
async function setup(opts: { partial?: 'full' | 'prorate' } = {}) {
  const ctx = makeCtx({ office: '12.18' })
  if (opts.partial) setSetting(ctx.sqlite, PARTIAL_MONTH_SETTING, opts.partial)
  const melati = insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' }, { scope: '12.18.04' })
  const mawar = insertRow(ctx, 'posyandu', { name: 'Mawar', desa_code: '12.18.05.2002' }, { scope: '12.18.05' })
  const kenanga = insertRow(ctx, 'posyandu', { name: 'Kenanga', desa_code: '12.18.04.2006' }, { scope: '12.18.04' })
  const decree = await op(ctx, 'regulation.create', { kind: 'Kepbup', number: '208/050/2014', year: 2014, title: 'Pendamping PHI' })
  const siti = await op(ctx, 'honor.personSave', person('1218044501900001', 'Siti Aminah'))
  const budi = await op(ctx, 'honor.personSave', person('1218051203850002', 'Budi Santoso', { sex: 'L', npwp: null, nikAsNpwp: false }))
  const a1 = await op(ctx, 'honor.assignmentSave', { personId: siti.id, posyanduId: melati.id, regulationId: decree.id, fromDate: '2025-01-01' })
  const a2 = await op(ctx, 'honor.assignmentSave', { personId: budi.id, posyanduId: mawar.id, regulationId: decree.id, fromDate: '2025-06-01', toDate: '2026-02-14' })
  // Rate changes on 1 February: January at 300,000, then 330,000.
  await op(ctx, 'honor.rateSave', { amount: 300_000, validFrom: '2025-01-01', validTo: '2026-01-31', regulationId: decree.id })
  await op(ctx, 'honor.rateSave', { amount: 330_000, validFrom: '2026-02-01', regulationId: decree.id })
  callerFor(ctx, 'honor.listCreate') // the four people exist before any snapshot
  return { ctx, siti, budi, melati, mawar, kenanga, decree, a1: a1.assignment, a2: a2.assignment }
}

const quarter1 = { periodKind: 'triwulan' as const, year: 2026, quarter: 1, subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Koordinasi Pelaksanaan Sinergi Posyandu' }

describe('honor list generation', () => {
  it('makes one line per person for the quarter, whose rate changes mid-period, and counts a partial month as a full month when the setting says "full"', async () => {
    const { ctx } = await setup({ partial: 'full' })
    const d = await op(ctx, 'honor.listCreate', quarter1)
    expect(d.list).toMatchObject({ status: 'draft', number: null, periodLabel: 'Triwulan I 2026', monthFrom: '2026-01', monthTo: '2026-03', partialMonthRule: 'full' })
    const brief = d.lines.map((l) => [l.personName, l.monthFrom, l.monthTo, l.months, l.rate, l.gross, l.tax, l.net])
    expect(brief).toEqual([
      // Sei Rampah first (kecamatan order), then Tanjung Beringin. One line, one transfer per person:
      // January at 300,000 and February–March at 330,000.
      ['Siti Aminah', '2026-01', '2026-03', 3, 330_000, 960_000, 24_000, 936_000],
      // Budi ends 14 February: February counts fully; no NPWP → 120%.
      ['Budi Santoso', '2026-01', '2026-02', 2, 330_000, 630_000, 18_900, 611_100],
    ])
    expect(d.lines[0].note).toBe('Tarif: Jan 2026 Rp 300.000; Feb – Mar 2026 Rp 330.000')
    expect(d.lines[0]).toMatchObject({ posyanduName: 'Melati', desaName: 'Cempedak Lobang', kecamatanName: 'Sei Rampah', accountNumber: '1001900001' })
    expect(d.list).toMatchObject({ lineCount: 2, totalGross: 1_590_000, totalTax: 42_900, totalNet: 1_547_100 })
    expect(d.totalWords).toBe('satu juta lima ratus empat puluh tujuh ribu seratus rupiah')
  })

  it('prorates a month the appointment only partly covers when the setting says "prorate"', async () => {
    const { ctx } = await setup({ partial: 'prorate' })
    const d = await op(ctx, 'honor.listCreate', { ...quarter1, periodKind: 'bulan', month: 2 })
    const budi = d.lines.find((l) => l.personName === 'Budi Santoso')!
    // 14 of 28 days of February 2026 at 330,000.
    expect(budi).toMatchObject({ months: 0.5, rate: 330_000, gross: 165_000, tax: 4_950, note: 'Prorata Feb 2026: 14/28 hari' })
    expect(d.list.partialMonthRule).toBe('prorate')
  })

  it('warns about a second pendamping for the same posyandu and role, and refuses bad input leaving the database unchanged', async () => {
    const { ctx, melati, kenanga, budi, siti } = await setup()
    const second = await op(ctx, 'honor.assignmentSave', { personId: budi.id, posyanduId: melati.id, fromDate: '2026-01-01' })
    expect(second.warnings).toEqual([expect.stringMatching(/Melati sudah punya pendamping aktif.*Siti Aminah/)])
    await op(ctx, 'honor.assignmentSave', { personId: budi.id, posyanduId: kenanga.id, role: 'koordinator kecamatan', fromDate: '2026-01-01' })

    const before = snapshot(ctx)
    expect((await refused(ctx, 'honor.personSave', person('12180445019', 'Pendek'))).message).toMatch(/NIK harus 16 angka/)
    expect((await refused(ctx, 'honor.personSave', person('1218044501900001', 'Kembar'))).message).toMatch(/sudah terdaftar atas nama Siti Aminah/)
    expect((await refused(ctx, 'honor.personSave', person('1218044501900009', 'Pak PNS', { isPns: true, nip: '198001012005011001' }))).message).toMatch(/golongannya/)
    expect((await refused(ctx, 'honor.personSave', person('1218044501900009', 'Bebas', { taxRule: 'tanpa_potongan' }))).message).toMatch(/alasan/)
    expect((await refused(ctx, 'honor.rateSave', { amount: 350_000, validFrom: '2026-06-01' })).message).toMatch(/tumpang tindih/)
    expect((await refused(ctx, 'honor.rateSave', { amount: 350.5, validFrom: '2030-01-01' })).message).toMatch(/rupiah bulat/)
    expect((await refused(ctx, 'honor.assignmentSave', { personId: siti.id, posyanduId: melati.id, fromDate: '2026-05-01', toDate: '2026-04-01' })).message).toMatch(/sebelum tanggal mulai/)
    expect((await refused(ctx, 'honor.listCreate', { ...quarter1, year: 2024 })).message).toMatch(/Tidak ada pendamping aktif pada Triwulan I 2024/)
    expect((await refused(ctx, 'honor.listCreate', quarter1)).message).toMatch(/Belum ada tarif honor koordinator kecamatan yang berlaku pada 2026-01-01/)
    expect((await refused(ctx, 'honor.listCreate', { ...quarter1, subKegiatanCode: '' })).message).toMatch(/sub-kegiatan/)
    expect((await refused(ctx, 'honor.personDelete', { id: siti.id })).message).toMatch(/masih punya penugasan/)
    expect(snapshot(ctx)).toBe(before)
  })

  it('is kabupaten work: a kecamatan office is refused', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const err = await refused(ctx, 'honor.personSave', person('1218044501900001', 'Siti'))
    expect(err).toMatchObject({ code: 'HONOR_KABUPATEN_ONLY' })
    expect((ctx.sqlite.prepare('SELECT count(*) n FROM pendamping_person').get() as { n: number }).n).toBe(0)
  })
})

describe('honor list lifecycle', () => {
  it('edits a draft with reasons, finalises with a number, and the database refuses any change afterwards — even raw SQL', async () => {
    const { ctx, a1 } = await setup()
    const draft = await op(ctx, 'honor.listCreate', quarter1)
    // Remove and re-add Siti's line, with reasons.
    const removed = await op(ctx, 'honor.lineRemove', { lineId: draft.lines[0].id, reason: 'Salah bulan, dihitung ulang' })
    expect(removed.lines).toHaveLength(1)
    expect(removed.removed).toEqual([expect.objectContaining({ personName: 'Siti Aminah', changeReason: 'Salah bulan, dihitung ulang' })])
    const readded = await op(ctx, 'honor.lineAdd', { listId: draft.list.id, assignmentId: a1.id, monthFrom: '2026-01', monthTo: '2026-03', reason: 'Tambah kembali setelah cek' })
    expect(readded.lines).toHaveLength(2)
    expect((await refused(ctx, 'honor.lineAdd', { listId: draft.list.id, assignmentId: a1.id, monthFrom: '2026-03', monthTo: '2026-03', reason: 'Dobel sekali lagi' })).message).toMatch(/sudah ada di daftar/)

    const fin = await approve(ctx, draft.list.id)
    expect(fin.list).toMatchObject({ status: 'final', number: '001/HONOR/2026', totalGross: 1_590_000, totalNet: 1_547_100 })
    const id = draft.list.id
    const lineId = fin.lines[0].id

    const before = snapshot(ctx)
    // Through the app's operations…
    expect((await refused(ctx, 'honor.lineRemove', { lineId, reason: 'Coba hapus' })).code).toBe('LIST_FROZEN')
    expect((await refused(ctx, 'honor.lineAdd', { listId: id, assignmentId: a1.id, monthFrom: '2026-01', monthTo: '2026-01', reason: 'Coba tambah' })).code).toBe('LIST_FROZEN')
    expect((await refused(ctx, 'honor.listDelete', { id })).code).toBe('LIST_FROZEN')
    // …and with raw SQL on the app's own connection: the triggers refuse.
    const raw = (sql: string, ...args: unknown[]) => () => ctx.sqlite.prepare(sql).run(...args)
    expect(raw(`UPDATE honor_line SET gross = gross + 1 WHERE id = ?`, lineId)).toThrow(/sudah final/)
    expect(raw(`UPDATE honor_line SET deleted_at = '2026-12-01' WHERE id = ?`, lineId)).toThrow(/sudah final/)
    expect(raw(`DELETE FROM honor_line WHERE id = ?`, lineId)).toThrow(/sudah final/)
    expect(raw(`UPDATE honor_list SET title = 'Lain' WHERE id = ?`, id)).toThrow(/sudah final/)
    expect(raw(`UPDATE honor_list SET status = 'draft' WHERE id = ?`, id)).toThrow(/sudah final/)
    expect(raw(`UPDATE honor_list SET status = 'paid' WHERE id = ?`, id)).toThrow(/sudah final/)
    expect(raw(`DELETE FROM honor_list WHERE id = ?`, id)).toThrow(/sudah final/)
    expect(
      raw(
        `INSERT INTO honor_line SELECT 'extra', scope, rev, hlc, origin, deleted_at, list_id, person_id, assignment_id, posyandu_id, rate_id, person_name, nik, npwp,
           posyandu_name, desa_name, kecamatan_code, kecamatan_name, bank_name, account_number, account_holder, month_from, month_to, months, rate, gross, tax, net,
           tax_rule, tax_basis, note, change_reason, sort_no, created_at, updated_at FROM honor_line WHERE id = ?`,
        lineId,
      ),
    ).toThrow(/sudah final/)
    expect(snapshot(ctx)).toBe(before)
    // Re-applying an identical row (as an exchange would, with a new rev) is harmless and allowed.
    expect(raw(`UPDATE honor_line SET rev = rev WHERE id = ?`, lineId)).not.toThrow()

    // Payment is the one change a final list accepts: on the real date, which may be before the
    // approval (24 November) but not before the period starts, nor in the future.
    expect((await refused(ctx, 'honor.markPaid', { id, paidDate: '2025-12-31', paymentRef: 'SP2D 0012' })).message).toBe('Tanggal bayar 2025-12-31 sebelum periode daftar dimulai (2026-01-01).')
    expect((await refused(ctx, 'honor.markPaid', { id, paidDate: '2026-11-25', paymentRef: 'SP2D 0012' })).code).toBe('PAID_IN_FUTURE')
    const paid = await op(ctx, 'honor.markPaid', { id, paidDate: '2026-04-03', paymentRef: 'SP2D 00123/LS/2026' })
    expect(paid.list).toMatchObject({ status: 'paid', paidDate: '2026-04-03', paymentRef: 'SP2D 00123/LS/2026', preparedByName: 'Uji ani', verifiedByName: 'Uji vera', approvedByName: 'Uji lely', paidByName: 'Uji rina' })
    expect(raw(`UPDATE honor_list SET payment_ref = 'lain' WHERE id = ?`, id)).toThrow(/sudah final/)
    expect((await refused(ctx, 'honor.markPaid', { id, paidDate: '2026-11-20', paymentRef: 'SP2D lain' })).code).toBe('LIST_PAID')
  })

  it('a correction after final is a revision that refers to the old list and shows the difference; the recap counts the revision only', async () => {
    const { ctx, kenanga, siti } = await setup()
    const first = await approve(ctx, (await op(ctx, 'honor.listCreate', quarter1)).list.id)
    const rev = await op(ctx, 'honor.revise', { id: first.list.id, reason: 'Budi tidak bertugas Februari' })
    expect(rev.list).toMatchObject({ status: 'draft', revisionOf: first.list.id, revisionNo: 1, revisionReason: 'Budi tidak bertugas Februari' })
    expect(rev.lines.map((l) => l.gross)).toEqual(first.lines.map((l) => l.gross))
    expect(rev.diff).toMatchObject({ previousNumber: '001/HONOR/2026', rows: [], total: { delta: { gross: 0 } } })
    // Budi did not work in February: his line is replaced by January only.
    const budi = rev.lines.find((l) => l.personName === 'Budi Santoso')!
    await op(ctx, 'honor.lineRemove', { lineId: budi.id, reason: 'Tidak bertugas Februari' })
    const edited = await op(ctx, 'honor.lineAdd', { listId: rev.list.id, assignmentId: budi.assignmentId!, monthFrom: '2026-01', monthTo: '2026-01', reason: 'Hanya Januari' })
    // A second posyandu of Siti is not a second honor for the same month.
    const extra = await op(ctx, 'honor.assignmentSave', { personId: siti.id, posyanduId: kenanga.id, fromDate: '2026-03-01' })
    expect((await refused(ctx, 'honor.lineAdd', { listId: rev.list.id, assignmentId: extra.assignment.id, monthFrom: '2026-03', monthTo: '2026-03', reason: 'SK tambahan Maret' })).message).toBe('Siti Aminah sudah ada di daftar ini untuk bulan tersebut.')
    expect(edited.diff!.rows).toEqual([
      { personName: 'Budi Santoso', posyanduName: 'Mawar', before: { months: 2, gross: 630_000, tax: 18_900, net: 611_100 }, after: { months: 1, gross: 300_000, tax: 9_000, net: 291_000 }, delta: { months: -1, gross: -330_000, tax: -9_900, net: -320_100 } },
    ])
    expect(edited.diff!.total.delta).toEqual({ months: -1, gross: -330_000, tax: -9_900, net: -320_100 })
    expect((await refused(ctx, 'honor.revise', { id: first.list.id, reason: 'Revisi kedua dari yang lama' })).code).toBe('REVISION_EXISTS')

    // Until the revision is final, the recap still counts the first list.
    expect((await op(ctx, 'honor.recap', { year: 2026 })).total.gross).toBe(1_590_000)
    const fin = await approve(ctx, rev.list.id)
    expect(fin.list.number).toBe('001/HONOR/2026-R1')
    const old = await op(ctx, 'honor.listGet', { id: first.list.id })
    expect(old.list.supersededBy).toMatchObject({ id: rev.list.id, status: 'final' })
    expect(old.lines.map((l) => l.gross)).toEqual(first.lines.map((l) => l.gross))

    const recap = await op(ctx, 'honor.recap', { year: 2026 })
    expect(recap.byKecamatan).toEqual([
      { kecamatanCode: '12.18.04', kecamatanName: 'Sei Rampah', persons: 1, lines: 1, gross: 960_000, tax: 24_000, net: 936_000 },
      { kecamatanCode: '12.18.05', kecamatanName: 'Tanjung Beringin', persons: 1, lines: 1, gross: 300_000, tax: 9_000, net: 291_000 },
    ])
    expect(recap.total).toEqual({ persons: 2, lines: 2, gross: 1_260_000, tax: 33_000, net: 1_227_000 })
    expect(recap.byYear).toEqual([{ year: 2026, lists: 1, gross: 1_260_000, tax: 33_000, net: 1_227_000 }])
  })
})

describe('xlsx export', () => {
  it('writes the treasurer workbook whose SUM totals equal the database sums, with rupiah formats, frozen header and a bank-transfer sheet', async () => {
    const { ctx } = await setup()
    setSetting(ctx.sqlite, 'letterhead.office', 'BADAN PERENCANAAN PEMBANGUNAN DAERAH')
    setSetting(ctx.sqlite, 'sign.bendahara_name', 'Rina Marpaung')
    const fin = await approve(ctx, (await op(ctx, 'honor.listCreate', quarter1)).list.id)
    const exported = await op(ctx, 'honor.exportXlsx', { id: fin.list.id })
    expect(exported.fileName).toBe('honor-001-HONOR-2026.xlsx')

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('Daftar Honor')!
    const headerRow = ws.views[0] as { state: string; ySplit: number }
    expect(headerRow.state).toBe('frozen')
    expect(ws.getRow(headerRow.ySplit).getCell(2).value).toBe('Nama')
    expect(ws.getRow(headerRow.ySplit).getCell(9).value).toBe('Netto')
    const totalRow = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(2).value === 'JUMLAH')!
    const db = ctx.sqlite.prepare(`SELECT sum(gross) g, sum(tax) t, sum(net) n, count(*) c FROM honor_line WHERE list_id = ? AND deleted_at IS NULL`).get(fin.list.id) as Record<string, number>
    const cell = (c: number) => totalRow.getCell(c).value as { formula: string; result: number }
    expect(cell(7)).toEqual({ formula: `SUM(G${headerRow.ySplit + 1}:G${headerRow.ySplit + db.c})`, result: db.g })
    expect(cell(8).result).toBe(db.t)
    expect(cell(9).result).toBe(db.n)
    // The formula range really holds the lines: add them up from the cells.
    let gross = 0
    for (let r = headerRow.ySplit + 1; r <= headerRow.ySplit + db.c; r++) gross += ws.getRow(r).getCell(7).value as number
    expect(gross).toBe(db.g)
    expect(ws.getRow(headerRow.ySplit + 1).getCell(7).numFmt).toBe(RUPIAH_FORMAT)
    const texts = ws.getSheetValues().flat().filter((v) => typeof v === 'string') as string[]
    expect(texts).toContain('BADAN PERENCANAAN PEMBANGUNAN DAERAH')
    expect(texts).toContain('Rina Marpaung')
    expect(texts.some((t) => t.includes('Satu juta lima ratus empat puluh tujuh ribu seratus rupiah'))).toBe(true)

    const bank = wb.getWorksheet('Transfer Bank')!
    expect(bank.getRow(1).values).toEqual([undefined, 'No', 'Bank', 'No. Rekening', 'Atas nama', 'Jumlah', 'Keterangan'])
    expect(bank.getRow(2).getCell(3).value).toBe('1001900001')
    const bankTotal = bank.getRow(db.c + 2).getCell(5).value as { formula: string; result: number }
    expect(bankTotal).toEqual({ formula: `SUM(E2:E${db.c + 1})`, result: db.n })
    expect(bank.getRow(2).getCell(5).numFmt).toBe(RUPIAH_FORMAT)
    // The same workbook through the CLI as a file.
    const { buffer } = await honorListWorkbook(ctx, fin.list.id)
    expect(buffer.length).toBeGreaterThan(5000)
  })
})

describe('draft refresh', () => {
  it('refuses to finalise without bank accounts, then takes a corrected account and NPWP into the draft and lowers the tax', async () => {
    const { ctx, budi } = await setup()
    await op(ctx, 'honor.personSave', { ...person(budi.nik, budi.name, { sex: 'L', npwp: null }), id: budi.id, accountNumber: null })
    const draft = await op(ctx, 'honor.listCreate', { ...quarter1, periodKind: 'bulan', month: 1 })
    expect(draft.warnings).toEqual(['Budi Santoso: nomor rekening belum diisi.'])
    const before = snapshot(ctx)
    expect((await refused(ctx, 'honor.verify', { id: draft.list.id })).message).toMatch(/Nomor rekening belum diisi untuk: Budi Santoso/)
    expect(snapshot(ctx)).toBe(before)
    await op(ctx, 'honor.personSave', { ...person(budi.nik, budi.name, { sex: 'L' }), id: budi.id })
    const refreshed = await op(ctx, 'honor.listRefresh', { id: draft.list.id })
    const line = refreshed.lines.find((l) => l.personName === 'Budi Santoso')!
    expect(line).toMatchObject({ accountNumber: '1003850002', npwp: '12.345.678.9-012.000', gross: 300_000, tax: 7_500 })
    expect(refreshed.warnings).toEqual([])
    expect((await approve(ctx, draft.list.id)).list.status).toBe('final')
    expect((await refused(ctx, 'honor.listRefresh', { id: draft.list.id })).code).toBe('LIST_FROZEN')
  })
})

describe('persons from kader and tax preview', () => {
  it('finds a kader to take the person from, keeps the link, and previews PPh 21 by the same rules', async () => {
    const { ctx } = await setup()
    const kader = insertRow(ctx, 'kader', { nik: '1218046607880003', name: 'Nurhayati', sex: 'P', phone: '081234567890', education: 'SMA' }, { scope: '12.18.04' })
    const found = await op(ctx, 'honor.kaderSearch', { text: 'nurha' })
    expect(found).toEqual([{ id: kader.id, nik: '1218046607880003', name: 'Nurhayati', sex: 'P', phone: '081234567890', education: 'SMA' }])
    const p = await op(ctx, 'honor.personSave', { ...person(found[0].nik, found[0].name), kaderId: kader.id, phone: found[0].phone })
    expect(p).toMatchObject({ kaderId: kader.id, nik: '1218046607880003', taxRule: 'bukan_pegawai', activeAssignments: 0 })
    expect(await op(ctx, 'honor.taxPreview', { gross: 990_000, rule: 'bukan_pegawai', hasNpwp: false })).toMatchObject({ tax: 29_700, net: 960_300 })
    expect((await refused(ctx, 'honor.taxPreview', { gross: -5, rule: 'bukan_pegawai' })).code).toBe('INVALID_INPUT')
  })
})

describe('lists of the old kind (one line per appointment)', () => {
  /**
   * A database from before "one line per person": Siti holds two posyandu and the list has a
   * line for each appointment, with the full quarter each — as the previous release wrote it.
   */
  async function oldStyle() {
    const s = await setup({ partial: 'full' })
    const a3 = await op(s.ctx, 'honor.assignmentSave', { personId: s.siti.id, posyanduId: s.kenanga.id, regulationId: s.decree.id, fromDate: '2025-01-01' })
    const d = await op(s.ctx, 'honor.listCreate', quarter1)
    const siti = s.ctx.sqlite.prepare(`SELECT * FROM honor_line WHERE list_id = ? AND person_id = ?`).get(d.list.id, s.siti.id) as Record<string, unknown>
    updateRow(s.ctx, 'honor_line', siti.id as string, { posyandu_name: 'Melati', assignment_id: s.a1.id, posyandu_id: s.melati.id })
    const { id: _id, rev: _rev, hlc: _hlc, origin: _origin, created_at: _c, updated_at: _u, ...copy } = siti
    insertRow(s.ctx, 'honor_line', { ...copy, assignment_id: a3.assignment.id, posyandu_id: s.kenanga.id, posyandu_name: 'Kenanga', sort_no: 3 }, { scope: siti.scope as string })
    return { ...s, listId: d.list.id }
  }
  const stored = (ctx: Ctx, listId: string) => ctx.sqlite.prepare(`SELECT person_name AS n, posyandu_name AS p, gross FROM honor_line WHERE list_id = ? AND deleted_at IS NULL ORDER BY sort_no`).all(listId)

  it('a draft shows one line per person; verifying it is refused until the preparer regenerates it, which leaves one line per person', async () => {
    const { ctx, listId } = await oldStyle()
    expect(stored(ctx, listId)).toHaveLength(3)
    const shown = await op(ctx, 'honor.listGet', { id: listId })
    expect(shown.oldLines).toBe(true)
    expect(shown.lines.map((l) => [l.personName, l.posyanduName])).toEqual([['Siti Aminah', 'Melati, Kenanga'], ['Budi Santoso', 'Mawar']])
    const e = await refused(ctx, 'honor.verify', { id: listId })
    expect(e).toMatchObject({ code: 'LIST_OLD_LINES', message: expect.stringMatching(/satu baris per penugasan untuk Siti Aminah/) })
    const fresh = await op(ctx, 'honor.listRefresh', { id: listId })
    expect(fresh.oldLines).toBe(false)
    // One line for Siti, both posyandu named, the quarter paid once (January 300,000, then 330,000).
    expect(stored(ctx, listId)).toEqual([
      { n: 'Siti Aminah', p: 'Melati, Kenanga', gross: 960_000 },
      { n: 'Budi Santoso', p: 'Mawar', gross: 630_000 },
    ])
    expect(fresh.removed.map((l) => l.changeReason)).toEqual(['Digabung: satu baris per orang per periode', 'Digabung: satu baris per orang per periode'])
    await approve(ctx, listId)
  })

  it('a final list of the old kind stays as stored and is shown (and exported) as one line per person with its amounts added up', async () => {
    const { ctx, listId } = await oldStyle()
    // The previous release finalised it: the status set as that release did, before the new checks.
    ctx.sqlite.prepare(`UPDATE honor_list SET status = 'final', number = '001/HONOR/2026' WHERE id = ?`).run(listId)
    const before = JSON.stringify(stored(ctx, listId))
    const shown = await op(ctx, 'honor.listGet', { id: listId })
    expect(shown.oldLines).toBe(true)
    const siti = shown.lines.find((l) => l.personName === 'Siti Aminah')!
    expect(siti).toMatchObject({ posyanduName: 'Melati, Kenanga', gross: 1_920_000, months: 6 })
    expect(shown.lines.reduce((n, l) => n + l.net, 0)).toBe(shown.list.totalNet)
    const xlsx = await op(ctx, 'honor.exportXlsx', { id: listId })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer)
    const names: string[] = []
    wb.worksheets[0].eachRow((r) => names.push(String(r.values)))
    expect(names.filter((r) => r.includes('Siti Aminah'))).toHaveLength(1)
    expect(JSON.stringify(stored(ctx, listId))).toBe(before)
  })
})
