import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { expect, login, pick, setupKecamatan, shot, test } from './fixtures'

/** Chooses an option of a Mantine Select that is not searchable. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

async function writeXlsx(file: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Data')
  for (const r of rows) ws.addRow(r)
  await wb.xlsx.writeFile(file)
  return file
}

test('add a posyandu and two kader through the screens; search finds them', async ({ page, host }) => {
  await setupKecamatan(page, host)
  await page.getByRole('link', { name: 'Registri' }).click()
  await page.getByRole('button', { name: 'Tambah posyandu' }).click()
  // Enter on an empty form: messages beside the fields, nothing saved.
  await page.getByLabel('Nama posyandu').press('Enter')
  await expect(page.getByText('Nama posyandu minimal 3 huruf')).toBeVisible()
  await expect(page.getByText('Pilih desa/kelurahan dari daftar')).toBeVisible()
  await shot(page, 'registry-posyandu-validation')
  // Esc cancels and returns to the list; the form opens again empty.
  await page.getByLabel('Nama posyandu').press('Escape')
  await expect(page.getByTestId('posyandu-count')).toHaveText('0 posyandu')
  await page.getByRole('button', { name: 'Tambah posyandu' }).click()
  await page.getByLabel('Nama posyandu').fill('Posyandu Melati 1')
  await pick(page, 'Desa/kelurahan', 'Firdaus')
  await page.getByLabel('Alamat').fill('Dusun II, Jl. Lintas Sumatera')
  await page.getByLabel('Tahun berdiri').fill('1998')
  await page.getByLabel('Alamat').press('Enter')
  await expect(page.getByRole('heading', { name: 'Posyandu Melati 1' })).toBeVisible()

  // First kader: the NIK field shows what it decodes while typing; birth date and sex follow.
  await page.getByRole('button', { name: 'Tambah kader' }).click()
  await page.getByLabel('NIK').pressSequentially('12180445')
  await expect(page.getByTestId('nik-partial')).toHaveText('Wilayah penerbit: Kec. Sei Rampah · 8 dari 16 digit')
  await page.getByLabel('NIK').fill('1218044508900001')
  await expect(page.getByTestId('nik-decoded')).toContainText('Kec. Sei Rampah')
  await expect(page.getByTestId('nik-decoded')).toContainText('lahir 05-08-1990 · Perempuan')
  await expect(page.getByLabel('Tanggal lahir')).toHaveValue('05/08/1990')
  await page.getByLabel('Nama lengkap').fill('Siti Aminah')
  await choose(page, 'Jabatan', 'Ketua')
  await shot(page, 'registry-kader-form')
  await page.getByLabel('Nama lengkap').press('Enter')
  await expect(page.getByRole('heading', { name: 'Posyandu Melati 1' })).toBeVisible()
  await expect(page.getByTestId('posyandu-kader')).toContainText('Siti Aminah')

  // Second kader: a NIK of a man entered as a woman needs a conscious "save anyway".
  await page.getByRole('button', { name: 'Tambah kader' }).click()
  await page.getByLabel('Perempuan').check()
  await page.getByLabel('NIK').fill('1218041708850003')
  await expect(page.getByText('berbeda dengan NIK (laki-laki)')).toBeVisible()
  await page.getByLabel('Nama lengkap').fill('Rina Marlina')
  await page.getByLabel('Nama lengkap').press('Enter')
  await expect(page.getByTestId('kader-warnings')).toContainText('Jenis kelamin perempuan berbeda dengan NIK')
  await shot(page, 'registry-kader-warning')
  await page.getByLabel('Laki-laki').check()
  await page.getByLabel('Nama lengkap').fill('Budi Santoso')
  await page.getByLabel('Nama lengkap').press('Enter')
  await expect(page.getByTestId('posyandu-kader')).toContainText('Budi Santoso')
  await shot(page, 'registry-posyandu-detail')

  await page.getByRole('tab', { name: 'Kader', exact: true }).click()
  await expect(page.getByTestId('kader-count')).toHaveText('2 kader')
  const search = page.getByPlaceholder('Nama, NIK, posyandu atau desa…')
  await search.fill('siti am')
  await expect(page.getByTestId('kader-count')).toHaveText('1 kader')
  await expect(page.getByRole('cell', { name: 'Siti Aminah', exact: true })).toBeVisible()
  await search.fill('12180417')
  await expect(page.getByRole('cell', { name: 'Budi Santoso', exact: true })).toBeVisible()
  await search.fill('melati')
  await expect(page.getByTestId('kader-count')).toHaveText('2 kader')
  await shot(page, 'registry-kader-search')
  await page.getByRole('tab', { name: 'Posyandu', exact: true }).click()
  await page.getByPlaceholder('Nama posyandu, desa, kecamatan…').fill('firda')
  await expect(page.getByRole('cell', { name: 'Posyandu Melati 1', exact: true })).toBeVisible()
  await expect(page.getByTestId('posyandu-count')).toHaveText('1 posyandu')

  // The same NIK typed again is allowed only after review, and then listed as a possible duplicate.
  await page.getByRole('cell', { name: 'Posyandu Melati 1', exact: true }).click()
  await page.getByRole('button', { name: 'Tambah kader' }).click()
  await page.getByLabel('NIK').fill('1218044508900001')
  await page.getByLabel('Nama lengkap').fill('Siti Aminah Lubis')
  await page.getByLabel('Nama lengkap').press('Enter')
  await expect(page.getByTestId('kader-warnings')).toContainText('NIK ini sudah dipakai kader Siti Aminah')
  await page.getByRole('button', { name: 'Sudah saya periksa, simpan' }).click()
  await expect(page.getByTestId('posyandu-kader')).toContainText('Siti Aminah Lubis')
  await page.getByRole('tab', { name: 'Kemungkinan duplikat' }).click()
  await expect(page.getByText('NIK 1218044508900001 dipakai 2 kader')).toBeVisible()
  await shot(page, 'registry-duplicates')
  // Reviewed as two different people: hidden from the list, kept when shown, nothing merged.
  await page.getByPlaceholder('Alasan (mis. sudah dicek ke Dukcapil)').fill('Dicek ke Dukcapil: NIK salah ketik pada kartu lama')
  await page.getByRole('button', { name: 'Bukan orang yang sama' }).click()
  await expect(page.getByText('NIK 1218044508900001 dipakai 2 kader')).toHaveCount(0)
  await page.locator('label', { hasText: 'Tampilkan yang sudah ditinjau' }).click()
  await expect(page.getByText('Sudah ditinjau: orang berbeda')).toBeVisible()
  await shot(page, 'registry-duplicates-reviewed')
})

test('import posyandu and kader spreadsheets through the screen, with a per-row report', async ({ page, host }) => {
  await setupKecamatan(page, host)
  const posyanduFile = await writeXlsx(join(host.dir, 'posyandu.xlsx'), [
    ['Nama Posyandu', 'Desa/Kelurahan', 'Alamat', 'Tahun Berdiri'],
    ['Posyandu Anggrek', 'Sei Rampah', 'Dusun I', 2001],
    ['Posyandu Mawar', 'Firdaus', 'Dusun IV', 2005],
  ])
  const kaderFile = await writeXlsx(join(host.dir, 'kader.xlsx'), [
    ['Nama Kader', 'NIK', 'Tgl Lahir', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan'],
    ['Siti Aminah', '1218044508900001', '05/08/1990', 'Ketua', 'Posyandu Anggrek', 'Sei Rampah'],
    ['Dewi Lestari', '1218045201880011', '12/01/1988', 'Anggota', 'Mawar', 'Firdaus'],
    ['Ani Suryani', '1.21804E+15', '', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
    ['Yuni Hartati', '1218046103910002', '21/03/1991', 'Anggota', 'Posyandu Anggrek', 'Desa Entah'],
  ])
  await page.getByRole('link', { name: 'Registri' }).click()
  await page.getByRole('tab', { name: 'Impor .xlsx' }).click()
  await page.getByTestId('import-kind').getByText('Posyandu').click()
  await page.locator('input[type=file]').setInputFiles(posyanduFile)
  await expect(page.getByTestId('import-counts')).toHaveText('2 baru · 0 berubah · 0 sama · 0 salah')
  await page.getByRole('button', { name: 'Impor sekarang' }).click()
  await expect(page.getByTestId('import-counts')).toHaveText('0 baru · 0 berubah · 2 sama · 0 salah')

  await page.getByTestId('import-kind').getByText('Kader').click()
  await page.locator('input[type=file]').setInputFiles(kaderFile)
  await expect(page.getByTestId('import-counts')).toHaveText('2 baru · 0 berubah · 0 sama · 2 salah')
  await expect(page.getByTestId('import-preview')).toContainText('notasi ilmiah')
  await expect(page.getByTestId('import-preview')).toContainText('Desa/kelurahan "Desa Entah" tidak ada di wilayah kantor ini')
  await expect(page.getByRole('button', { name: 'Impor sekarang' })).toBeDisabled()
  await shot(page, 'registry-import-preview')
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Unduh laporan kesalahan (.xlsx)' }).click()
  expect((await download).suggestedFilename()).toBe('kesalahan-impor-kader.xlsx')
  await page.getByLabel('Impor baris yang benar saja').check()
  await page.getByRole('button', { name: 'Impor sekarang' }).click()
  await expect(page.getByTestId('import-counts')).toHaveText('0 baru · 0 berubah · 2 sama · 2 salah')
  await page.getByRole('tab', { name: 'Kader', exact: true }).click()
  await expect(page.getByTestId('kader-count')).toHaveText('2 kader')
  await page.getByPlaceholder('Nama, NIK, posyandu atau desa…').fill('dewi')
  await expect(page.getByRole('cell', { name: 'Dewi Lestari', exact: true })).toBeVisible()
})

test('kabupaten demo: 9,000 kader page smoothly; delete and restore from the change history', async ({ page, host }) => {
  test.slow() // a kabupaten-scale demo first: on a busy machine it alone takes most of a minute
  const demo = await host.cli(['demo', '--scale', 'kabupaten', '--seed', '5', '--admin', 'admin', '--json'])
  expect(demo.code).toBe(0)
  const kaderTotal = (JSON.parse(demo.stdout) as { counts: { kader: number } }).counts.kader
  await login(page, host)
  await page.getByRole('link', { name: 'Registri' }).click()
  await expect(page.getByTestId('posyandu-count')).toHaveText('1.236 posyandu')
  await shot(page, 'registry-posyandu-list')
  await page.getByRole('tab', { name: 'Kader', exact: true }).click()
  await expect(page.getByTestId('kader-count')).toHaveText(`${kaderTotal.toLocaleString('id-ID')} kader`)
  await page.getByRole('button', { name: '2', exact: true }).click()
  await expect(page.getByText(`51–100 dari ${kaderTotal.toLocaleString('id-ID')}`)).toBeVisible()
  await pick(page, 'Kecamatan', 'Bandar')
  await choose(page, 'Jabatan', 'Ketua')
  await shot(page, 'registry-kader-list')
  const first = page.locator('table tbody tr').first()
  // The first cell is the selection checkbox; the name follows.
  const name = (await first.locator('td').nth(1).innerText()).trim()
  await first.click()
  await expect(page.getByRole('heading', { name })).toBeVisible()
  await page.getByRole('button', { name: 'Hapus', exact: true }).click()
  // The delete asks first, naming the kader.
  const confirm = page.getByRole('dialog', { name: 'Hapus data?' })
  await expect(confirm).toContainText(name)
  await confirm.getByRole('button', { name: 'Hapus', exact: true }).click()
  await expect(page.getByText('Kader ini sudah dihapus.')).toBeVisible()
  await expect(page.getByTestId('audit-table')).toContainText('dihapus')
  await shot(page, 'registry-kader-deleted')
  await page.getByRole('button', { name: 'Pulihkan' }).click()
  await expect(page.getByText('Kader ini sudah dihapus.')).toBeHidden()
  await expect(page.getByTestId('audit-table')).toContainText('dipulihkan')
  await shot(page, 'registry-kader-audit')
})
