import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openContext } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { appRoot } from '../../src/core/paths'
import { CLI_ENV, tempDir , keyFor } from '../helpers/db'

const simpul = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/**
 * A kecamatan recap as offices keep it: two title lines, a two-row header with merged group
 * cells ("Lokasi" over Desa and Nama Posyandu, "Penimbangan Balita" over S … B, "Jml Kader"
 * merged down), the rows, a JUMLAH row and a signature block.
 */
async function recap(file: string, rows: (string | number | null)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Rekap Okt')
  ws.addRow(['REKAPITULASI HASIL KEGIATAN POSYANDU'])
  ws.mergeCells('A1:L1')
  ws.addRow(['KECAMATAN SEI RAMPAH — BULAN OKTOBER 2026'])
  ws.mergeCells('A2:L2')
  ws.addRow(['No', 'Lokasi', '', 'Jml Kader', 'Penimbangan Balita', '', '', '', '', '', '', 'Ket'])
  ws.addRow(['', 'Desa', 'Nama Posyandu', '', 'S', 'K', 'D', 'N', 'T', 'O', 'B', ''])
  ws.mergeCells('A3:A4')
  ws.mergeCells('B3:C3')
  ws.mergeCells('D3:D4')
  ws.mergeCells('E3:K3')
  ws.mergeCells('L3:L4')
  rows.forEach((r, i) => ws.addRow([i + 1, ...r]))
  ws.addRow(['J U M L A H', '', '', 17, 300, 260, 140])
  ws.addRow([])
  ws.addRow(['', '', '', '', '', '', '', '', 'Sei Rampah, 5 November 2026'])
  ws.addRow(['', '', '', '', '', '', '', '', 'Mengetahui,'])
  ws.addRow(['', '', '', '', '', '', '', '', 'NIP. 197001011990031001'])
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
}

describe('report import (recap sheet → monthly reports)', () => {
  it('dry run per row, per-row errors with the database unchanged, --valid-only, --map, --json', async () => {
    const dir = tempDir()
    const db = join(dir, 'kec.sqlite')
    expect(simpul('init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--db', db).code).toBe(0)
    const ctx = openContext({ dataFile: db, host: 'cli', key: keyFor(db) })
    const desa = ctx.sqlite.prepare(`SELECT code, name FROM wilayah WHERE parent_code = '12.18.04' ORDER BY code LIMIT 1`).get() as { code: string; name: string }
    for (const name of ['Posyandu Anggrek', 'Posyandu Bougenvil', 'Posyandu Cempaka']) insertRow(ctx, 'posyandu', { name, desa_code: desa.code })
    const count = () => (ctx.sqlite.prepare('SELECT count(*) AS n FROM monthly_report WHERE deleted_at IS NULL').get() as { n: number }).n
    const file = join(dir, 'rekap.xlsx')
    await recap(file, [
      [desa.name, 'Anggrek', 6, 100, 90, 50, 30, 10, 5, 5, null],
      [desa.name, 'Posyandu Bougenvil', 5, 80, 70, 90, 30, 10, 5, 5, 'D lebih dari S'],
      [desa.name, 'Cempaka', 'enam', 60, 50, 40, 20, 10, 5, 5, null],
      [desa.name, 'Posyandu Dahlia', 6, 60, 50, 40, 20, 10, 5, 5, null],
    ])

    // Without a mapping "Jml Kader" is not recognised: named as unused.
    const auto = simpul('report', 'import', file, '--form', 'skdn', '--month', '2026-10', '--dry-run', '--db', db)
    expect(auto.out).toMatch(/Tidak dipakai: "No", "Jml Kader", "Ket"/)
    const map = ['--map', 'Jml Kader=kader_on_duty']
    // The dry run: every row with its problems; refused (exit 1) because rows are wrong; nothing written.
    const dry = simpul('report', 'import', file, '--form', 'skdn', '--month', '2026-10', ...map, '--dry-run', '--db', db)
    expect(dry.code).toBe(1)
    expect(dry.out).toMatch(/Judul kolom bertingkat di baris 3–4/)
    expect(dry.out).toMatch(/"Lokasi \/ Nama Posyandu" → posyandu/)
    expect(dry.out).toMatch(/"Penimbangan Balita \/ D" → d/)
    expect(dry.out).toMatch(/baris\s+5\s+benar\s+Posyandu Anggrek/)
    expect(dry.out).toMatch(/baris\s+6\s+SALAH\s+Posyandu Bougenvil — D \(90\) tidak boleh lebih dari S \(80\)/)
    expect(dry.out).toMatch(/baris\s+7\s+SALAH\s+Posyandu Cempaka — Kader: "enam" bukan angka/)
    expect(dry.out).toMatch(/baris\s+8\s+SALAH\s+Posyandu Dahlia — Posyandu "Posyandu Dahlia" tidak terdaftar/)
    expect(dry.out).toMatch(/Baris 9–13 diabaikan: blok jumlah\/tanda tangan/)
    expect(dry.out).toMatch(/Uji coba: tidak ada yang ditulis/)
    expect(count()).toBe(0)

    // Saving all rows is refused while any is wrong: exit 1, the first problems named, nothing written.
    const all = simpul('report', 'import', file, '--form', 'SKDN', '--month', '2026-10', ...map, '--db', db, '--json')
    expect(all.code).toBe(1)
    const refusal = JSON.parse(all.out).error
    expect(refusal.code).toBe('XLSX_ROWS_INVALID')
    expect(refusal.message).toMatch(/Tidak ada yang disimpan: 3 baris bermasalah — baris 6: D \(90\) tidak boleh lebih dari S \(80\)/)
    expect(count()).toBe(0)

    // The valid rows only: Anggrek saved, numbers as numbers; this time the kader column named by its letter.
    const some = simpul('report', 'import', file, '--form', 'SKDN', '--month', '2026-10', '--map', 'D=kader_on_duty', '--valid-only', '--db', db, '--json')
    expect(some.code).toBe(0)
    const saved = JSON.parse(some.out)
    expect(saved).toMatchObject({ saved: 1, skipped: 3, counts: { valid: 1, error: 3 }, mapping: { kader_on_duty: 'Jml Kader' } })
    expect(saved.rows[0]).toMatchObject({ row: 5, posyandu: 'Posyandu Anggrek', values: { kader_on_duty: 6, s: 100, d: 50 } })
    expect(ctx.sqlite.prepare(`SELECT s, d, kader_on_duty, form_version FROM monthly_report WHERE month = '2026-10'`).all()).toEqual([{ s: 100, d: 50, kader_on_duty: 6, form_version: 1 }])

    // A column that is not there, a field that does not exist: refused with the lists.
    const missing = JSON.parse(simpul('report', 'import', file, '--form', 'SKDN', '--month', '2026-10', '--map', 'Jumlah Kader=kader_on_duty', '--dry-run', '--db', db, '--json').out)
    expect(missing.error.message).toMatch(/Kolom "Jumlah Kader" tidak ada di lembar kerja. Kolom yang ada: A "No", B "Lokasi \/ Desa"/)
    const badField = simpul('report', 'import', file, '--form', 'SKDN', '--month', '2026-10', '--map', 'Jml Kader=kaderku', '--dry-run', '--db', db)
    expect(badField.code).toBe(1)
    expect(badField.err).toMatch(/Field "kaderku" tidak dikenal untuk laporan SKDN/)

    // Not a spreadsheet, a wrong period, no arguments: clear messages, exit 1 or 2, nothing written.
    const junk = join(dir, 'bukan.xlsx')
    writeFileSync(junk, 'ini bukan lembar kerja')
    const j = simpul('report', 'import', junk, '--form', 'SKDN', '--month', '2026-10', '--db', db)
    expect(j.code).toBe(1)
    expect(j.err).toMatch(/bukan lembar kerja \.xlsx/)
    expect(JSON.parse(simpul('report', 'import', file, '--form', 'SKDN', '--month', '2026', '--db', db, '--json').out).error.code).toBe('PERIOD_INVALID')
    expect(simpul('report', 'import', file, '--db', db).code).toBe(2)
    expect(count()).toBe(1)
    ctx.close()
  })
})
