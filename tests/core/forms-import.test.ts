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
