import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { splitPlaceDate } from '../../src/core/registry/cells'
import { getKader, listKader } from '../../src/core/registry/kader'
import { listPosyandu } from '../../src/core/registry/posyandu'
import { applyImport, exportList, mappingFromPairs, previewImport } from '../../src/core/registry/xlsx'
import { kaderFilter, posyanduFilter } from '../../src/shared/contract/registry'
import { AppError } from '../../src/shared/result'
import { makeCtx, tempDir } from '../helpers/db'
import { addPosyandu, snapshot } from '../helpers/registry'

/**
 * Spreadsheets as a kecamatan office keeps them: a title block, a two-row header with
 * "Lokasi" merged over "Desa/Kel" and "Nama Posyandu", a row of column numbers, the data,
 * then "JUMLAH" and the signature block (Mengetahui, Camat …, NIP).
 */
async function officeKaderSheet(data: unknown[][], opts: { lokasiSub?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Kader 2026')
  ws.addRow(['DAFTAR NAMA KADER POSYANDU'])
  ws.mergeCells('A1:I1')
  ws.addRow(['KECAMATAN SEI RAMPAH KABUPATEN SERDANG BEDAGAI'])
  ws.mergeCells('A2:I2')
  ws.addRow(['KEADAAN BULAN NOVEMBER 2026'])
  ws.mergeCells('A3:I3')
  ws.addRow([])
  ws.addRow(['No', 'Nama Kader', 'NIK', 'Tempat/Tgl Lahir', 'L/P', 'Jabatan', 'Lokasi', null, 'Keterangan'])
  ws.addRow([null, null, null, null, null, null, 'Desa/Kel', opts.lokasiSub ?? 'Nama Posyandu', null])
  for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'I']) ws.mergeCells(`${col}5:${col}6`)
  ws.mergeCells('G5:H5')
  ws.addRow([1, 2, 3, 4, 5, 6, 7, 8, 9])
  data.forEach((r, i) => ws.addRow([i + 1, ...r]))
  const total = ws.addRow(['JUMLAH', null, null, null, null, null, null, `${data.length} orang`, null])
  ws.mergeCells(`A${total.number}:G${total.number}`)
  ws.addRow([])
  ws.addRow([null, 'Mengetahui,', null, null, null, null, 'Sei Rampah, 30 November 2026'])
  ws.addRow([null, 'Camat Sei Rampah', null, null, null, null, 'Ketua Pokja I TP PKK'])
  ws.addRow([])
  ws.addRow([])
  ws.addRow([null, 'Drs. AHMAD SYAHRIAL, M.Si', null, null, null, null, 'Hj. NURHAYATI'])
  ws.addRow([null, 'NIP. 19700101 199003 1 005'])
  ws.getColumn(3).numFmt = '@'
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const SITI = ['Siti Aminah', '1218044508900001', 'Sei Rampah, 5 Agustus 1990', 'P', 'Ketua', 'Sei Rampah', 'Posyandu Anggrek', null]
const BUDI = ['Budi Santoso', '1218041708850003', 'Medan, 17-08-1985', 'L', 'Anggota', 'Sei Rampah', 'Posyandu Anggrek', 'pindahan']
// The NIK says 2 February 1985; the sheet says 22 January 1994: the mismatch must be shown.
const RINA = ['Rina Marlina', '1218044202850001', 'Tebing Tinggi, 22 Januari 1994', 'P', 'Sekretaris', 'Firdaus', 'Posyandu Mawar', null]

function office() {
  const ctx = makeCtx({ office: '12.18.04' })
  addPosyandu(ctx, 'Posyandu Anggrek', '12.18.04.2006')
  addPosyandu(ctx, 'Posyandu Mawar', '12.18.04.2002')
  return ctx
}

describe('Tempat/Tgl Lahir cells', () => {
  it('split into place and date, in the ways offices write them', () => {
    const t = '2026-11-30'
    expect(splitPlaceDate('Sei Rampah, 22 Januari 1994', t)).toEqual({ place: 'Sei Rampah', date: '1994-01-22' })
    expect(splitPlaceDate('Medan, 22-01-1994', t)).toEqual({ place: 'Medan', date: '1994-01-22' })
    expect(splitPlaceDate('MEDAN 22/01/1994', t)).toEqual({ place: 'MEDAN', date: '1994-01-22' })
    expect(splitPlaceDate('Tebing Tinggi / 3 Agt 1979', t)).toEqual({ place: 'Tebing Tinggi', date: '1979-08-03' })
    expect(splitPlaceDate('Pematang Siantar, 1985-08-17', t)).toEqual({ place: 'Pematang Siantar', date: '1985-08-17' })
    expect(splitPlaceDate('22 Januari 1994', t)).toEqual({ place: null, date: '1994-01-22' })
    expect(splitPlaceDate('Perbaungan', t)).toEqual({ place: 'Perbaungan', date: null })
    expect(splitPlaceDate(null, t)).toEqual({ place: null, date: null })
    expect(() => splitPlaceDate('Perbaungan, 31 Februari 1988', t)).toThrow(/tidak dapat dibaca sebagai tanggal|bukan tanggal yang mungkin/)
    expect(() => splitPlaceDate('Perbaungan, kemarin', t)).toThrow(/tidak dapat dibaca sebagai tanggal/)
  })
})

describe('office kader sheets', () => {
  it('preview maps the merged header, leaves out the column numbers, totals and signatures, and says so', async () => {
    const ctx = office()
    const before = snapshot(ctx)
    const p = await previewImport(ctx, 'kader', await officeKaderSheet([SITI, BUDI, RINA]))
    expect(snapshot(ctx)).toEqual(before)
    expect(p.headerRows).toEqual({ from: 5, to: 6 })
    expect(p.headers).toEqual(['No', 'Nama Kader', 'NIK', 'Tempat/Tgl Lahir', 'L/P', 'Jabatan', 'Lokasi / Desa/Kel', 'Lokasi / Nama Posyandu', 'Keterangan'])
    expect(p.mapping).toMatchObject({
      name: 'Nama Kader',
      nik: 'NIK',
      sex: 'L/P',
      birthPlaceDate: 'Tempat/Tgl Lahir',
      birthDate: null,
      role: 'Jabatan',
      desa: 'Lokasi / Desa/Kel',
      posyandu: 'Lokasi / Nama Posyandu',
    })
    expect(p.ignored).toEqual([
      { from: 7, to: 7, kind: 'number', reason: 'baris nomor kolom', text: '1' },
      { from: 11, to: 18, kind: 'footer', reason: 'blok jumlah/tanda tangan', text: 'JUMLAH' },
    ])
    expect(p.notices).toEqual([
      'Judul kolom bertingkat di baris 5–6; kolom dibaca sebagai "Lokasi / Desa/Kel", "Lokasi / Nama Posyandu".',
      'Baris 7 diabaikan: baris nomor kolom ("1")',
      'Baris 11–18 diabaikan: blok jumlah/tanda tangan (mulai "JUMLAH")',
    ])
    expect(p.counts).toEqual({ new: 3, changed: 0, unchanged: 0, error: 0 })
    expect(p.rows.map((r) => r.row)).toEqual([8, 9, 10])
    // The date of "Tempat/Tgl Lahir" is compared with the NIK; no silent fallback to the NIK's date.
    expect(p.rows[0].warnings).toEqual([])
    expect(p.rows[2].warnings).toContain('Tanggal lahir 1994-01-22 berbeda dengan tanggal dalam NIK (1985-02-02).')
    ctx.close()
  })

  it('imports the rows with birth place and the birth date as written; a second import changes nothing', async () => {
    const ctx = office()
    const file = await officeKaderSheet([SITI, BUDI, RINA])
    const res = await applyImport(ctx, 'kader', file, undefined, false)
    expect(res.written).toBe(3)
    const rows = listKader(ctx, kaderFilter.parse({})).rows
    const byName = Object.fromEntries(rows.map((r) => [r.name, getKader(ctx, r.id)]))
    expect(Object.keys(byName).sort()).toEqual(['Budi Santoso', 'Rina Marlina', 'Siti Aminah'])
    expect(byName['Siti Aminah']).toMatchObject({ birthPlace: 'Sei Rampah', birthDate: '1990-08-05', role: 'ketua' })
    expect(byName['Budi Santoso']).toMatchObject({ birthPlace: 'Medan', birthDate: '1985-08-17', sex: 'L' })
    expect(byName['Rina Marlina']).toMatchObject({ birthPlace: 'Tebing Tinggi', birthDate: '1994-01-22', role: 'sekretaris' })
    expect(rows.find((r) => r.name === 'Rina Marlina')?.posyanduName).toBe('Posyandu Mawar')
    const again = await previewImport(ctx, 'kader', file)
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 3, error: 0 })
    // The export carries the birth place and reads back unchanged.
    const exported = Buffer.from((await exportList(ctx, { kind: 'kader', filter: kaderFilter.parse({}) })).base64, 'base64')
    const back = await previewImport(ctx, 'kader', exported)
    expect(back.mapping).toMatchObject({ birthPlace: 'Tempat Lahir', birthDate: 'Tgl Lahir' })
    expect(back.counts).toEqual({ new: 0, changed: 0, unchanged: 3, error: 0 })
    ctx.close()
  })

  it('an unreadable Tempat/Tgl Lahir is an error row; the whole file is refused and the database unchanged', async () => {
    const ctx = office()
    const bad = ['Dewi Lestari', '1218045201880010', 'Perbaungan, 31 Februari 1988', 'P', 'Anggota', 'Sei Rampah', 'Posyandu Anggrek', null]
    const noDate = ['Yuni Hartati', '1218046103910002', 'Perbaungan', 'P', 'Anggota', 'Sei Rampah', 'Posyandu Anggrek', null]
    const file = await officeKaderSheet([SITI, bad, noDate])
    const p = await previewImport(ctx, 'kader', file)
    expect(p.rows[1]).toMatchObject({ status: 'error', reasons: [expect.stringMatching(/^Tempat\/Tgl lahir: "31 Februari 1988"/)] })
    expect(p.rows[2].warnings).toContain('Tanggal lahir kosong; dipakai tanggal lahir dari NIK (21 Maret 1991)')
    const before = snapshot(ctx)
    await expect(applyImport(ctx, 'kader', file, undefined, false)).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'IMPORT_HAS_ERRORS')
    expect(snapshot(ctx)).toEqual(before)
    ctx.close()
  })

  it('an incomplete row in the middle is an error row, not the start of the signature block', async () => {
    const ctx = office()
    const half = ['Yuni Hartati', null, 'Sei Rampah, 21 Maret 1991', null, null, null, null, null]
    const p = await previewImport(ctx, 'kader', await officeKaderSheet([SITI, half, BUDI]))
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([[8, 'new'], [9, 'error'], [10, 'new']])
    expect(p.rows[1].reasons).toContain('NIK kosong')
    expect(p.ignored.map((b) => [b.from, b.to])).toEqual([[7, 7], [11, 18]])
    ctx.close()
  })

  it('a broken copy of the office file is refused with a clear message and writes nothing', async () => {
    const ctx = office()
    const good = await officeKaderSheet([SITI, BUDI])
    const before = snapshot(ctx)
    for (const broken of [good.subarray(0, Math.floor(good.length * 0.6)), Buffer.concat([good.subarray(0, 200), Buffer.alloc(500, 7)])]) {
      await expect(applyImport(ctx, 'kader', broken, undefined, true)).rejects.toSatisfy((e) => e instanceof AppError && /bukan lembar kerja \.xlsx/.test(e.message))
    }
    expect(snapshot(ctx)).toEqual(before)
    ctx.close()
  })

  it('a header the import does not know is mapped by name or column letter', async () => {
    const ctx = office()
    const file = await officeKaderSheet([SITI], { lokasiSub: 'Posyandu Binaan' })
    await expect(previewImport(ctx, 'kader', file)).rejects.toThrow(/Kolom wajib belum dipasangkan: Nama Posyandu/)
    const byName = await previewImport(ctx, 'kader', file, mappingFromPairs('kader', ['Lokasi / Posyandu Binaan=posyandu']))
    expect(byName.mapping.posyandu).toBe('Lokasi / Posyandu Binaan')
    expect(byName.counts.new).toBe(1)
    const byLetter = await previewImport(ctx, 'kader', file, mappingFromPairs('kader', ['H=Nama Posyandu']))
    expect(byLetter.mapping.posyandu).toBe('Lokasi / Posyandu Binaan')
    await expect(previewImport(ctx, 'kader', file, mappingFromPairs('kader', ['Posyandu=posyandu']))).rejects.toThrow(/Kolom "Posyandu" tidak ada di lembar kerja\. Kolom yang ada: A "No", B "Nama Kader"/)
    expect(() => mappingFromPairs('kader', ['Nama Kader=nama_ibu'])).toThrow(/Field "nama_ibu" tidak dikenal untuk kader/)
    expect(() => mappingFromPairs('kader', ['Nama Kader'])).toThrow(/tulis "Kolom=field"/)
    ctx.close()
  })
})

describe('office posyandu sheets', () => {
  it('subtotals between desa and a spaced-out total are left out; data after an empty row is still read; a note under the table is not', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Posyandu')
    ws.addRow(['REKAPITULASI POSYANDU KECAMATAN SEI RAMPAH'])
    ws.addRow(['No', 'Nama Posyandu', 'Desa', 'Alamat', 'Tahun Berdiri', 'Keterangan'])
    ws.addRow([1, 'Posyandu Anggrek', 'Sei Rampah', 'Dusun I', 2005])
    // A note that starts like a total, right of the data, is part of the row.
    ws.addRow([2, 'Posyandu Kenanga', 'Sei Rampah', 'Dusun III', 2011, 'Jumlah kader kurang'])
    ws.addRow([null, 'Jumlah Desa Sei Rampah', null, null, 2])
    ws.addRow([])
    ws.addRow([3, 'Posyandu Mawar', 'Firdaus', 'Dusun II', 1998])
    ws.addRow(['J U M L A H', null, null, null, 3])
    ws.addRow([])
    ws.addRow(['Keterangan: data sementara, menunggu SK Kepala Desa'])
    const data = Buffer.from(await wb.xlsx.writeBuffer())
    const p = await previewImport(ctx, 'posyandu', data)
    expect(p.rows.map((r) => [r.row, r.status])).toEqual([[3, 'new'], [4, 'new'], [7, 'new']])
    expect(p.notices).toEqual(['Baris 5 diabaikan: baris jumlah ("Jumlah Desa Sei Rampah")', 'Baris 8–10 diabaikan: blok jumlah/tanda tangan (mulai "J U M L A H")'])
    const res = await applyImport(ctx, 'posyandu', data, undefined, false)
    expect(res.written).toBe(3)
    expect(listPosyandu(ctx, posyanduFilter.parse({})).rows.map((r) => r.name)).toEqual(['Posyandu Anggrek', 'Posyandu Kenanga', 'Posyandu Mawar'])
    ctx.close()
  })
})

describe('simpul import xlsx --map', () => {
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args], { encoding: 'utf8' })
    return { code: r.status, out: r.stdout, err: r.stderr }
  }

  it('maps a merged column from the command line and reports the rows it left out', async () => {
    const dir = tempDir()
    const db = join(dir, 'kec.sqlite')
    expect(cli('init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--db', db).code).toBe(0)
    const posyandu = join(dir, 'posyandu.xlsx')
    const pwb = new ExcelJS.Workbook()
    const pws = pwb.addWorksheet('P')
    pws.addRow(['Nama Posyandu', 'Desa/Kelurahan'])
    pws.addRow(['Posyandu Anggrek', 'Sei Rampah'])
    await pwb.xlsx.writeFile(posyandu)
    expect(cli('import', 'xlsx', '--kind', 'posyandu', posyandu, '--db', db).code).toBe(0)

    const file = join(dir, 'kader.xlsx')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, await officeKaderSheet([SITI, BUDI], { lokasiSub: 'Posyandu Binaan' }))
    const unmapped = cli('import', 'xlsx', '--kind', 'kader', file, '--dry-run', '--db', db)
    expect(unmapped.code).toBe(1)
    expect(unmapped.err).toMatch(/Kolom wajib belum dipasangkan: Nama Posyandu/)

    const dry = cli('import', 'xlsx', '--kind', 'kader', file, '--map', 'Lokasi / Posyandu Binaan=posyandu', '--dry-run', '--db', db)
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('judul kolom di baris 5–6')
    expect(dry.out).toContain('"Lokasi / Posyandu Binaan" → posyandu (Nama Posyandu)')
    expect(dry.out).toContain('"Tempat/Tgl Lahir" → birthPlaceDate (Tempat/Tgl Lahir)')
    expect(dry.out).toContain('Baris 10–17 diabaikan: blok jumlah/tanda tangan (mulai "JUMLAH")')
    expect(dry.out).toContain('baru 2, berubah 0, sama 0, salah 0')

    const real = cli('import', 'xlsx', '--kind', 'kader', file, '--map', 'H=posyandu', '--json', '--db', db)
    expect(real.code).toBe(0)
    const out = JSON.parse(real.out)
    expect(out).toMatchObject({ written: 2, ignored: [{ from: 7, to: 7 }, { from: 10, to: 17, reason: 'blok jumlah/tanda tangan' }] })

    const wrong = cli('import', 'xlsx', '--kind', 'kader', file, '--map', 'Nama Kader=nama_ibu', '--dry-run', '--db', db)
    expect(wrong.code).toBe(1)
    expect(wrong.err).toMatch(/Field "nama_ibu" tidak dikenal untuk kader\. Yang ada: name \(Nama Kader\)/)
  })
})
