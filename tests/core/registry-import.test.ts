import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { parseDateCell, readNikCell } from '../../src/core/registry/cells'
import { listKader } from '../../src/core/registry/kader'
import { listPosyandu, savePosyandu } from '../../src/core/registry/posyandu'
import { applyImport, exportList, importErrorReport, previewImport } from '../../src/core/registry/xlsx'
import { kaderFilter, posyanduFilter, posyanduInput } from '../../src/shared/contract/registry'
import { AppError } from '../../src/shared/result'
import { sayId } from '../../src/shared/messages'
import { makeCtx } from '../helpers/db'
import { addPosyandu, snapshot, workbook } from '../helpers/registry'

const serial = (iso: string) => (Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000
const HEAD = ['Nama Kader', 'NIK', 'JK', 'Tgl Lahir', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan']

async function kaderSheet() {
  return workbook([
    ['DAFTAR KADER POSYANDU KECAMATAN SEI RAMPAH'], // a title row above the header, as offices do
    HEAD,
    ['Siti Aminah', '1218044508900001', 'P', '05/08/1990', 'Ketua', 'Posyandu Anggrek', 'Sei Rampah'],
    ['Budi Santoso', '1218041708850003', 'L', serial('1985-08-17'), 'anggota', 'Anggrek', 'Desa Sei Rampah'],
    ['Rina Marlina', '1218043202850001', 'P', '02-02-1985', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
    ['Dewi Lestari', 1218045201880010, 'P', '12 Januari 1988', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
    ['Ani Suryani', '1.21804E+15', 'P', '', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
    ['Yuni Hartati', '1218046103910002', 'P', '21/03/1991', 'Anggota', 'Posyandu Anggrek', 'Desa Entah'],
    ['', '1218045506920004', 'P', '15/06/1992', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
  ])
}

describe('cell readers', () => {
  it('dates arrive as Excel serials, dd/mm/yyyy, ISO or Indonesian text', () => {
    const t = '2026-11-24'
    expect(parseDateCell(serial('1985-08-17'), t)).toBe('1985-08-17')
    expect(parseDateCell('17/08/1985', t)).toBe('1985-08-17')
    expect(parseDateCell('17-8-85', t)).toBe('1985-08-17')
    expect(parseDateCell('1985-08-17', t)).toBe('1985-08-17')
    expect(parseDateCell('17 Agustus 1985', t)).toBe('1985-08-17')
    expect(parseDateCell(new Date(Date.UTC(1985, 7, 17)), t)).toBe('1985-08-17')
    expect(parseDateCell('', t)).toBeNull()
    expect(() => parseDateCell('31/02/1985', t)).toThrow(/bukan tanggal yang mungkin/)
    expect(() => parseDateCell('kemarin', t)).toThrow(/tidak dapat dibaca sebagai tanggal/)
  })

  it('a NIK that Excel turned into a number is reported, never silently fixed', () => {
    expect(readNikCell('1218044508900001')).toEqual({ nik: '1218044508900001' })
    expect(sayId(readNikCell('1.21804E+15').error!)).toMatch(/notasi ilmiah/)
    expect(sayId(readNikCell(1218044508900010).error!)).toMatch(/Excel hanya menyimpan 15 digit/)
    expect(sayId(readNikCell(1.21804e15).error!)).toMatch(/tersimpan sebagai angka/)
    expect(sayId(readNikCell(1218044508900001).warning!)).toMatch(/format kolom NIK sebagai Teks/)
  })
})

describe('kader import', () => {
  it('reports every row: good rows new, bad NIK, scientific NIK, unknown desa and missing name as errors', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addPosyandu(ctx, 'Posyandu Anggrek', '12.18.04.2006')
    const p = await previewImport(ctx, 'kader', await kaderSheet())
    expect(p.mapping).toMatchObject({ name: 'Nama Kader', nik: 'NIK', sex: 'JK', birthDate: 'Tgl Lahir', posyandu: 'Nama Posyandu', desa: 'Desa/Kelurahan', phone: null })
    expect(p.counts).toEqual({ new: 2, changed: 0, unchanged: 0, error: 5 })
    const byRow = Object.fromEntries(p.rows.map((r) => [r.row, r]))
    expect(byRow[3]).toMatchObject({ status: 'new', reasons: [] })
    expect(byRow[4]).toMatchObject({ status: 'new', reasons: [] })
    expect(byRow[5].reasons.join()).toMatch(/Tanggal lahir dalam NIK tidak mungkin/)
    expect(byRow[6].reasons.join()).toMatch(/Excel hanya menyimpan 15 digit/)
    expect(byRow[7].reasons.join()).toMatch(/notasi ilmiah/)
    expect(byRow[8].reasons.join()).toMatch(/Desa\/kelurahan "Desa Entah" tidak ada di wilayah kantor ini/)
    expect(byRow[9].reasons).toEqual(['Nama kader kosong'])
    ctx.close()
  })

  it('a file with errors imports nothing; "import the valid rows" imports exactly those', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addPosyandu(ctx, 'Posyandu Anggrek', '12.18.04.2006')
    const file = await kaderSheet()
    const before = snapshot(ctx)
    await expect(applyImport(ctx, 'kader', file, undefined, false)).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === 'IMPORT_HAS_ERRORS' && /5 baris bermasalah; tidak ada yang diimpor/.test(e.message),
    )
    expect(snapshot(ctx)).toEqual(before)

    const res = await applyImport(ctx, 'kader', file, undefined, true)
    expect(res.written).toBe(2)
    const rows = listKader(ctx, kaderFilter.parse({})).rows
    expect(rows.map((r) => [r.name, r.nik, r.birthDate, r.role, r.posyanduName])).toEqual([
      ['Budi Santoso', '1218041708850003', '1985-08-17', 'anggota', 'Posyandu Anggrek'],
      ['Siti Aminah', '1218044508900001', '1990-08-05', 'ketua', 'Posyandu Anggrek'],
    ])
    // Importing the same file again changes nothing.
    const again = await previewImport(ctx, 'kader', file)
    expect(again.counts).toMatchObject({ new: 0, unchanged: 2, error: 5 })
    ctx.close()
  })

  it('a changed row is shown with the changed fields and updated with an audit entry', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addPosyandu(ctx, 'Posyandu Anggrek', '12.18.04.2006')
    await applyImport(ctx, 'kader', await workbook([HEAD, ['Siti Aminah', '1218044508900001', 'P', '05/08/1990', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah']]), undefined, false)
    const file = await workbook([HEAD, ['Siti Aminah', '1218044508900001', 'P', '05/08/1990', 'Ketua', 'Posyandu Anggrek', 'Sei Rampah']])
    const p = await previewImport(ctx, 'kader', file)
    expect(p.rows[0]).toMatchObject({ status: 'changed', changes: ['role'] })
    await applyImport(ctx, 'kader', file, undefined, false)
    expect(listKader(ctx, kaderFilter.parse({})).rows[0].role).toBe('ketua')
    const audit = ctx.sqlite.prepare(`SELECT action FROM audit_log WHERE table_name = 'kader' ORDER BY id`).all()
    expect(audit).toEqual([{ action: 'create' }, { action: 'update' }])
    ctx.close()
  })

  it('the error report downloads as .xlsx with the reason beside each bad row', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addPosyandu(ctx, 'Posyandu Anggrek', '12.18.04.2006')
    const out = await importErrorReport(ctx, 'kader', await kaderSheet())
    expect(out.fileName).toBe('kesalahan-impor-kader.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).getCell(2).value).toBe('Alasan')
    expect(ws.rowCount).toBe(6)
    expect(ws.getRow(2).getCell(1).value).toBe(5)
    expect(String(ws.getRow(5).getCell(2).value)).toMatch(/Desa Entah/)
    ctx.close()
  })

  it('a file that is not a spreadsheet, or lacks the required columns, is refused clearly', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const before = snapshot(ctx)
    await expect(previewImport(ctx, 'kader', Buffer.from('bukan xlsx'))).rejects.toThrow(/bukan lembar kerja .xlsx/)
    await expect(previewImport(ctx, 'kader', await workbook([['Nama Kader', 'Alamat'], ['Siti', 'Jl. A']]))).rejects.toThrow(/Tidak ditemukan baris judul kolom/)
    await expect(previewImport(ctx, 'kader', await workbook([['Nama Kader', 'NIK', 'Desa'], ['Siti', '1', 'X']]))).rejects.toThrow(/Kolom wajib belum dipasangkan: Nama Posyandu/)
    expect(snapshot(ctx)).toEqual(before)
    ctx.close()
  })
})

describe('posyandu import and export', () => {
  it('imports posyandu, then the exported kader list imports back as unchanged', async () => {
    const ctx = makeCtx({ office: '12.18' })
    const file = await workbook([
      ['Nama Posyandu', 'Desa', 'Kecamatan', 'Alamat', 'RT', 'RW', 'Tahun Berdiri'],
      ['Posyandu Anggrek', 'Sei Rampah', 'Sei Rampah', 'Dusun I', '001', '002', 2005],
      ['Posyandu Mawar', 'Firdaus', 'Sei Rampah', null, null, null, 'dulu'],
      ['Posyandu Melati', 'Sukajadi', null, null, null, null, null],
    ])
    const p = await previewImport(ctx, 'posyandu', file)
    expect(p.rows.map((r) => [r.status, r.reasons.join()])).toEqual([
      ['new', ''],
      ['error', 'Tahun berdiri bukan angka'],
      ['error', expect.stringMatching(/Ada \d desa bernama "Sukajadi"; isi kolom Kecamatan/)],
    ])
    await applyImport(ctx, 'posyandu', file, undefined, true)
    expect(listPosyandu(ctx, posyanduFilter.parse({})).rows.map((r) => [r.name, r.desaName, r.yearFounded])).toEqual([['Posyandu Anggrek', 'Sei Rampah', 2005]])
    // A stored PHI model posyandu stays one when a sheet without model columns touches it.
    const stored = listPosyandu(ctx, posyanduFilter.parse({})).rows[0]
    savePosyandu(ctx, stored.id, posyanduInput.parse({ name: 'Posyandu Anggrek', desaCode: stored.desaCode, isPhiModel: true, phiDecree: 'Kepbup 154/060/2014', status: 'nonaktif', statusDate: '2026-01-01', statusReason: 'Renovasi' }))
    const touch = await previewImport(ctx, 'posyandu', await workbook([['Nama Posyandu', 'Desa', 'Kecamatan', 'Alamat'], ['Posyandu Anggrek', 'Sei Rampah', 'Sei Rampah', 'Dusun II']]))
    expect(touch.rows[0]).toMatchObject({ status: 'changed', changes: ['address'] })

    await applyImport(ctx, 'kader', await workbook([HEAD, ['Siti Aminah', '1218044508900001', 'P', '05/08/1990', 'Ketua', 'Posyandu Anggrek', 'Sei Rampah']]), undefined, false)
    const exported = await exportList(ctx, { kind: 'kader', filter: kaderFilter.parse({}) })
    const back = await previewImport(ctx, 'kader', Buffer.from(exported.base64, 'base64'))
    expect(back.counts).toEqual({ new: 0, changed: 0, unchanged: 1, error: 0 })
    ctx.close()
  })
})
