import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { applyImport, previewImport, readSheet } from '../../src/core/registry/xlsx'
import { AppError } from '../../src/shared/result'
import { makeCtx } from '../helpers/db'
import { addPosyandu, snapshot, workbook } from '../helpers/registry'

const HEAD = ['Nama Kader', 'NIK', 'JK', 'Tgl Lahir', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan']
const GOOD = ['Siti Aminah', '1218044508900001', 'P', '05/08/1990', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah']

function office() {
  const ctx = makeCtx({ office: '12.18.04' })
  addPosyandu(ctx, 'Posyandu Anggrek', '12.18.04.2006')
  return ctx
}

/** Every refusal is an AppError with an Indonesian message, and nothing is written. */
async function refused(ctx: ReturnType<typeof office>, data: Buffer, pattern: RegExp) {
  const before = snapshot(ctx)
  let err: unknown
  try {
    await applyImport(ctx, 'kader', data, undefined, true)
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).message).toMatch(pattern)
  expect(snapshot(ctx)).toEqual(before)
}

describe('hostile spreadsheets', () => {
  it('refuses files that are not workbooks: random bytes, an empty file, a zip without a sheet, a cut-off workbook', async () => {
    const ctx = office()
    const good = await workbook([HEAD, GOOD])
    await refused(ctx, randomBytes(5000), /bukan lembar kerja \.xlsx/)
    await refused(ctx, Buffer.alloc(0), /bukan lembar kerja \.xlsx/)
    await refused(ctx, Buffer.from(zipSync({ 'readme.txt': strToU8('halo') })), /xlsx|baris judul/)
    await refused(ctx, good.subarray(0, Math.floor(good.length / 2)), /bukan lembar kerja \.xlsx/)
  })

  it('refuses a zip bomb by the sizes it declares, before unpacking it', async () => {
    const ctx = office()
    const huge = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(300 * 1024 * 1024) }, { level: 9 })
    expect(huge.length).toBeLessThan(2 * 1024 * 1024)
    await refused(ctx, Buffer.from(huge), /terlalu besar/)
  })

  it('refuses a sheet with more rows than one import may hold', async () => {
    const rows = [HEAD, ...Array.from({ length: 300 }, () => GOOD)]
    await expect(readSheet(await workbook(rows), 'kader', { uncompressedBytes: 1e9, rows: 200 })).rejects.toThrow(/paling banyak 200 baris/)
  })

  it('reads formulas by their stored result, and gives per-row messages for wrong types', async () => {
    const ctx = office()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Kader')
    ws.addRow(HEAD)
    ws.addRow(GOOD)
    // A name built by a formula, with the value Excel stored.
    ws.addRow([{ formula: 'CONCAT("Budi"," Santoso")', result: 'Budi Santoso' }, '1218041708850003', 'L', '17/08/1985', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'])
    // A formula with no stored result (never calculated): the name is missing.
    ws.addRow([{ formula: 'A2' }, '1218043202850001', 'P', '02/02/1985', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'])
    ws.addRow(['Rina', true, 'P', '02/02/1985', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'])
    ws.addRow(['Dewi', '1218045201880010', 'P', false, 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'])
    ws.addRow([12345, '1218045506920004', 'X', new Date(Date.UTC(2990, 0, 1)), 'Raja', 'Posyandu Anggrek', 'Sei Rampah'])
    const data = Buffer.from(await wb.xlsx.writeBuffer())
    const before = snapshot(ctx)
    const p = await previewImport(ctx, 'kader', data)
    expect(snapshot(ctx)).toEqual(before)
    const byRow = new Map(p.rows.map((r) => [r.row, r]))
    expect(byRow.get(2)?.status).toBe('new')
    expect(byRow.get(3)).toMatchObject({ status: 'new', label: expect.stringContaining('Budi Santoso') })
    for (const r of [4, 5, 6, 7]) {
      expect(byRow.get(r)?.status, `row ${r}`).toBe('error')
      expect(byRow.get(r)?.reasons.join(' '), `row ${r}`).toMatch(/[a-z]{4,}/)
    }
    // With errors, nothing is written unless the valid rows are chosen on purpose.
    await expect(applyImport(ctx, 'kader', data, undefined, false)).rejects.toThrow(/4 baris bermasalah; tidak ada yang diimpor/)
    expect(snapshot(ctx)).toEqual(before)
    const valid = await applyImport(ctx, 'kader', data, undefined, true)
    expect(valid.written).toBe(2)
  })
})
