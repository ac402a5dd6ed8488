import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { expect, setupKecamatan, shot, test } from './fixtures'
import { tsScript } from './support/ts-script'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

test('an office kader sheet (title, merged two-row header, totals and signatures) previews with what was left out', async ({ page, host }) => {
  await setupKecamatan(page, host)
  execFileSync(process.execPath, [...tsScript('tests/e2e/helpers/seed-posyandu.ts'), host.dbFile, '12.18.04.2006', 'Posyandu Anggrek'], { cwd: ROOT })
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Kader')
  ws.addRow(['DAFTAR NAMA KADER POSYANDU KECAMATAN SEI RAMPAH'])
  ws.mergeCells('A1:H1')
  ws.addRow([])
  ws.addRow(['No', 'Nama Kader', 'NIK', 'Tempat/Tgl Lahir', 'Jabatan', 'Lokasi', null, 'Ket.'])
  ws.addRow([null, null, null, null, null, 'Desa/Kel', 'Nama Posyandu', null])
  for (const col of ['A', 'B', 'C', 'D', 'E', 'H']) ws.mergeCells(`${col}3:${col}4`)
  ws.mergeCells('F3:G3')
  ws.addRow([1, 'Siti Aminah', '1218044508900001', 'Sei Rampah, 5 Agustus 1990', 'Ketua', 'Sei Rampah', 'Posyandu Anggrek'])
  ws.addRow([2, 'Rina Marlina', '1218044202850001', 'Tebing Tinggi, 22 Januari 1994', 'Anggota', 'Sei Rampah', 'Posyandu Anggrek'])
  ws.addRow(['JUMLAH', null, null, null, null, null, '2 orang'])
  ws.addRow([])
  ws.addRow([null, 'Mengetahui,', null, null, null, 'Sei Rampah, 30 November 2026'])
  ws.addRow([null, 'Camat Sei Rampah', null, null, null, 'Ketua Pokja I'])
  ws.addRow([null, 'NIP. 19700101 199003 1 005'])
  const file = join(host.dir, 'kader-kantor.xlsx')
  await wb.xlsx.writeFile(file)

  await page.getByRole('link', { name: 'Registri' }).click()
  await page.getByRole('tab', { name: 'Impor .xlsx' }).click()
  await page.getByTestId('import-kind').getByText('Kader').click()
  await page.locator('input[type=file]').setInputFiles(file)
  await expect(page.getByTestId('import-counts')).toHaveText('2 baru · 0 berubah · 0 sama · 0 salah')
  const notices = page.getByTestId('import-notices')
  await expect(notices).toContainText('Judul kolom bertingkat di baris 3–4')
  await expect(notices).toContainText('Baris 7–11 diabaikan: blok jumlah/tanda tangan ("JUMLAH")')
  await expect(page.getByRole('combobox', { name: 'Nama Posyandu (wajib)' })).toHaveValue('Lokasi / Nama Posyandu')
  await expect(page.getByTestId('import-preview')).toContainText('Tanggal lahir 1994-01-22 berbeda dengan tanggal dalam NIK (1985-02-02).')
  await shot(page, 'registry-import-office-sheet')
  await page.getByRole('button', { name: 'Impor sekarang' }).click()
  await expect(page.getByTestId('import-counts')).toHaveText('0 baru · 0 berubah · 2 sama · 0 salah')
})
