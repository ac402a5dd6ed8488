import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { callOp, makeCtx } from '../helpers/db'
import { refusal } from '../helpers/exchange'

async function recapSheet(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Rekap')
  ws.addRow(['REKAPITULASI LAPORAN BULANAN POSYANDU (SKDN)'])
  ws.addRow(['KECAMATAN SEI RAMPAH — BULAN NOVEMBER 2026'])
  ws.addRow([])
  ws.addRow(['No', 'Nama Posyandu', 'Desa', 'Kader', 'S', 'K', 'D', 'N', 'T', 'O', 'B', 'BGM'])
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]))
  ws.addRow(['', 'JUMLAH', '', 20, 300, 270, 150])
  ws.addRow([])
  ws.addRow(['', 'Sei Rampah, 30 November 2026'])
  ws.addRow(['', 'Mengetahui,'])
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

describe('monthly reports from a spreadsheet', () => {
  it('a kecamatan recap sheet: per-row dry run and messages; nothing written while a row is wrong unless the valid rows are chosen', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const desa = (ctx.sqlite.prepare(`SELECT code, name FROM wilayah WHERE parent_code = '12.18.04' ORDER BY code LIMIT 2`).all() as { code: string; name: string }[])
    insertRow(ctx, 'posyandu', { name: 'Posyandu Mawar', desa_code: desa[0].code })
    insertRow(ctx, 'posyandu', { name: 'Posyandu Melati', desa_code: desa[0].code })
    insertRow(ctx, 'posyandu', { name: 'Posyandu Melati', desa_code: desa[1].code })
    const base64 = await recapSheet([
      ['Mawar', desa[0].name, 6, 100, 90, 50, 30, 10, 5, 5, 1],
      ['Posyandu Melati', desa[1].name, 5, 100, 90, 120, 30, 10, 5, 5, 0],
      ['Posyandu Melati', null, 5, 100, 90, 50, 30, 10, 5, 5, 0],
      ['Posyandu Anggrek', null, 5, 80, 70, 40, 20, 10, 5, 5, 0],
      ['Posyandu Melati', desa[0].name, 'lima', 100, 90, 50, 30, 10, 5, 4, 0],
    ])
    const p = await callOp(ctx, 'forms.importPreview', { code: 'SKDN', period: '2026-11', base64 })
    expect(p.mapping).toMatchObject({ posyandu: 'Nama Posyandu', d: 'D', kader_on_duty: 'Kader' })
    expect(p.rows.map((r) => r.row)).toEqual([5, 6, 7, 8, 9])
    expect(p.notices.join(' ')).toMatch(/JUMLAH|jumlah/i)
    const [mawar, melati1, ambiguous, unknown, bad] = p.rows
    expect(mawar).toMatchObject({ posyandu: 'Posyandu Mawar', errors: [], values: { d: 50, kader_on_duty: 6 } })
    expect(melati1.errors).toContain('D (120) tidak boleh lebih dari S (100)')
    expect(ambiguous.errors[0]).toMatch(/ada di beberapa desa/)
    expect(unknown.errors[0]).toMatch(/tidak terdaftar/)
    expect(bad.errors).toContain('Kader: "lima" bukan angka')
    expect(bad.warnings.join(' ')).toMatch(/seharusnya = N \+ T \+ O \+ B/)
    expect(p.counts).toEqual({ valid: 1, error: 4 })

    const before = ctx.sqlite.prepare('SELECT count(*) AS n FROM monthly_report').get()
    expect((await refusal(callOp(ctx, 'forms.importApply', { code: 'SKDN', period: '2026-11', base64 }))).message).toMatch(/Tidak ada yang disimpan: 4 baris bermasalah — baris 6: D \(120\)/)
    expect(ctx.sqlite.prepare('SELECT count(*) AS n FROM monthly_report').get()).toEqual(before)
    const done = await callOp(ctx, 'forms.importApply', { code: 'SKDN', period: '2026-11', base64, validOnly: true })
    expect(done).toMatchObject({ saved: 1, skipped: 4 })
    const sheet = await callOp(ctx, 'forms.sheet', { code: 'SKDN', period: '2026-11' })
    expect(sheet.rows.find((r) => r.posyandu.name === 'Posyandu Mawar')!.report.values).toMatchObject({ s: 100, d: 50, bgm: 1, held: true })
    // A column mapped by hand: "Kader" ignored.
    const manual = await callOp(ctx, 'forms.importPreview', { code: 'SKDN', period: '2026-11', base64, mapping: { kader_on_duty: null } })
    expect(manual.rows[4].errors).not.toContain('Kader: "lima" bukan angka')
  })
})

describe('recap sheets of other forms', () => {
  it('an ILP recap with two-row group headers: mapped by hand, yes/no read, saved with its form version; a sheet without a posyandu column names the headers to choose from', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const desa = ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '12.18.04' ORDER BY code LIMIT 1`).get() as { code: string }
    insertRow(ctx, 'posyandu', { name: 'Posyandu Teratai', desa_code: desa.code })
    insertRow(ctx, 'posyandu', { name: 'Posyandu Seruni', desa_code: desa.code })
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('ILP')
    ws.addRow(['REKAP POSYANDU ILP — OKTOBER 2026'])
    ws.addRow(['No', 'Nama Posyandu', 'Buka', 'Lansia', ''])
    ws.addRow(['', '', '', 'Dilayani', 'Tensi'])
    ws.mergeCells('A2:A3')
    ws.mergeCells('B2:B3')
    ws.mergeCells('C2:C3')
    ws.mergeCells('D2:E2')
    ws.addRow([1, 'Teratai', 'v', 30, 25])
    ws.addRow([2, 'Seruni', 'x', null, null])
    ws.addRow([3, 'Teratai', 'ya', 12, 20])
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
    const mapping = { lansia_datang: 'Lansia / Dilayani', lansia_tensi: 'Lansia / Tensi' }
    const p = await callOp(ctx, 'forms.importPreview', { code: 'ILP', period: '2026-10', base64, mapping })
    expect(p.notices[0]).toMatch(/Judul kolom bertingkat di baris 2–3/)
    expect(p.rows.map((r) => [r.row, r.posyandu, r.values, r.errors])).toEqual([
      [4, 'Posyandu Teratai', { held: true, lansia_datang: 30, lansia_tensi: 25 }, []],
      [5, 'Posyandu Seruni', { held: false, lansia_datang: null, lansia_tensi: null }, []],
      [6, 'Posyandu Teratai', { held: true, lansia_datang: 12, lansia_tensi: 20 }, ['Posyandu Teratai sudah ada di baris 4 (satu baris per posyandu)', expect.stringMatching(/lansia|Lansia/)]],
    ])
    const before = ctx.sqlite.prepare('SELECT count(*) AS n FROM form_report').get()
    expect((await refusal(callOp(ctx, 'forms.importApply', { code: 'ILP', period: '2026-10', base64, mapping }))).code).toBe('XLSX_ROWS_INVALID')
    expect(ctx.sqlite.prepare('SELECT count(*) AS n FROM form_report').get()).toEqual(before)
    expect(await callOp(ctx, 'forms.importApply', { code: 'ILP', period: '2026-10', base64, mapping, validOnly: true })).toMatchObject({ saved: 2, skipped: 1 })
    const saved = ctx.sqlite.prepare(`SELECT form_version, values_json FROM form_report WHERE form_code = 'ILP' AND period = '2026-10' ORDER BY values_json`).all()
    expect(saved).toEqual([{ form_version: 1, values_json: '{"held":false}' }, { form_version: 1, values_json: '{"held":true,"lansia_datang":30,"lansia_tensi":25}' }])

    // No column the import can take for the posyandu: refused, naming the headers (the screen offers them to map).
    const wb2 = new ExcelJS.Workbook()
    wb2.addWorksheet('x').addRows([['Unit', 'Buka', 'Kader'], ['Teratai', 'ya', 5]])
    const e = await refusal(callOp(ctx, 'forms.importPreview', { code: 'ILP', period: '2026-11', base64: Buffer.from(await wb2.xlsx.writeBuffer()).toString('base64') }))
    expect(e.code).toBe('XLSX_MAPPING')
    expect(e.message).toBe('Kolom wajib belum dipasangkan: Nama Posyandu.')
    expect(e.details).toMatchObject({ headers: ['Unit', 'Buka', 'Kader'], mapping: { posyandu: null, held: 'Buka', kader_on_duty: 'Kader' } })
  })
})
