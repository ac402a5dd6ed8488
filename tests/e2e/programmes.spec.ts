import { spawnSync, execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { expect, login, shot, test, type Host } from './fixtures'
import { tsScript } from './support/ts-script'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

/** Picks an option of the Mantine Select (or MultiSelect) whose label is exactly `label`. */
async function pick(page: Page, label: string, text: string) {
  const input = page.getByRole('combobox', { name: label, exact: true })
  await input.click()
  await input.fill(text)
  await page.getByRole('option', { name: new RegExp(text, 'i') }).first().click()
}

/** A kabupaten office (Bappeda Serdang Bedagai) with four posyandu in two kecamatan. */
async function kabupatenWithPosyandu(page: Page, host: Host) {
  const init = await host.cli(['init', '--office', '12.18', '--name', 'Bappeda Kabupaten Serdang Bedagai', '--admin', 'admin', '--admin-name', 'Rina Marpaung'])
  expect(init.code, init.stderr).toBe(0)
  const seeded = spawnSync(process.execPath, [...tsScript('tests/e2e/scripts/seed.ts'), host.dbFile,
    'Melati@12.18.04.2002', 'Mawar@12.18.04.2001', 'Anggrek@12.18.05.2002', 'Kenanga@12.18.05.2003'], { cwd: ROOT, encoding: 'utf8' })
  expect(seeded.status, seeded.stderr).toBe(0)
  await login(page, host)
  await expect(page.getByTestId('office-name')).toHaveText('Bappeda Kabupaten Serdang Bedagai')
  await page.getByRole('link', { name: 'Program & Regulasi' }).click()
}

async function addRegulation(page: Page, r: { kind: string; number: string; year: string; title: string; date?: string }) {
  await page.getByRole('tab', { name: 'Regulasi' }).click()
  await page.getByRole('button', { name: 'Tambah regulasi' }).click()
  const dialog = page.getByRole('dialog')
  await pick(page, 'Jenis', r.kind)
  await dialog.getByLabel('Nomor').fill(r.number)
  await dialog.getByLabel('Tahun').fill(r.year)
  await dialog.getByLabel('Judul / tentang').fill(r.title)
  if (r.date) await dialog.getByLabel('Tanggal ditetapkan').fill(r.date)
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByRole('heading', { name: new RegExp(`${r.kind} Nomor ${r.number}`) })).toBeVisible()
}

test('a regulation with its PDF, a programme resting on it at three posyandu, seen in the summary and on paper', async ({ page, host }) => {
  await kabupatenWithPosyandu(page, host)

  // Regulation with its signed PDF; opening it checks the checksum and hands over the same bytes.
  await addRegulation(page, { kind: 'Perbup', number: '23', year: '2013', title: 'Pedoman Pelaksanaan Posyandu Holistik Integratif', date: '2013-05-23' })
  await page.locator('input[type=file]').setInputFiles({ name: 'perbup-23-2013.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(page.getByText('perbup-23-2013.pdf')).toBeVisible()
  await expect(page.getByText(createHash('sha256').update(PDF).digest('hex'))).toBeVisible()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Buka PDF' }).click()])
  expect(download.suggestedFilename()).toBe('perbup-23-2013.pdf')
  expect(readFileSync((await download.path())!).equals(PDF)).toBe(true)
  await shot(page, 'programmes-regulation')

  // A programme of Dinas Kesehatan, resting on the Perbup, reaching three posyandu.
  await page.getByRole('tab', { name: 'Program SKPD' }).click()
  await page.getByRole('button', { name: 'Tambah program' }).click()
  await pick(page, 'SKPD', 'Dinas Kesehatan')
  await page.getByLabel('Nama program').fill('Pemberian makanan tambahan balita')
  await pick(page, 'Bagian PHI', 'Posyandu Sehat')
  await pick(page, 'Bidang SPM', 'Kesehatan')
  await pick(page, 'Kelompok sasaran', 'Balita')
  await page.getByLabel('Anggaran (Rp)').fill('150000000')
  await page.getByLabel('Realisasi (Rp)').fill('120500000')
  await pick(page, 'Dasar hukum (regulasi)', 'Pedoman Pelaksanaan')
  for (const name of ['Melati', 'Mawar', 'Anggrek']) await pick(page, 'Posyandu yang dijangkau', name)
  await page.keyboard.press('Escape')
  await shot(page, 'programmes-form')
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByText('Program tersimpan').first()).toBeVisible()
  const row = page.getByRole('row', { name: /Pemberian makanan tambahan balita/ })
  await expect(row).toContainText('Dinas Kesehatan')
  await expect(row).toContainText('Rp 150.000.000')
  await expect(row).toContainText('3 posyandu')
  await shot(page, 'programmes-list')

  // The summary: per SKPD, per PHI part, and coverage per kecamatan (2 of 2, 1 of 2).
  await page.getByRole('tab', { name: 'Ringkasan' }).click()
  await expect(page.getByRole('row', { name: /Dinas Kesehatan 1 Rp 150\.000\.000 Rp 120\.500\.000 80,3% 3/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Posyandu Sehat 1 Rp 150\.000\.000/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Sei Rampah 2 2 100,0%/ })).toBeVisible()
  await expect(page.getByRole('row', { name: /Tanjung Beringin 2 1 50,0%/ })).toBeVisible()
  await expect(page.locator('.recharts-bar-rectangle').first()).toBeVisible()
  await shot(page, 'programmes-summary')
  await page.getByText('Bidang SPM', { exact: true }).click()
  await expect(page.getByRole('row', { name: /^Kesehatan 1 Rp 150\.000\.000/ })).toBeVisible()

  // The printable page, through Chromium's PDF printer.
  await page.getByRole('button', { name: 'Halaman cetak' }).click()
  await expect(page.getByText('REKAPITULASI PROGRAM SKPD PADA POSYANDU')).toBeVisible()
  await expect(page.getByText('KABUPATEN SERDANG BEDAGAI — TAHUN ANGGARAN')).toBeVisible()
  await shot(page, 'programmes-print')
  const pdfFile = join(ROOT, 'test-results', 'screenshots', 'programmes-summary-print.pdf')
  await page.emulateMedia({ media: 'print' })
  await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  try {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, pdfFile.replace(/\.pdf$/, '')])
  } catch {
    /* poppler-utils missing: the PDF is still kept */
  }
  expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-')
})

test('revoking a regulation shows on the programme resting on it, and saving against it needs a conscious yes', async ({ page, host }) => {
  await kabupatenWithPosyandu(page, host)
  await addRegulation(page, { kind: 'Kepbup', number: '154/060/2014', year: '2014', title: 'Sepuluh Model Posyandu Holistik Integratif' })
  const oldUrl = page.url()
  await addRegulation(page, { kind: 'Kepbup', number: '12/2025', year: '2025', title: 'Pencabutan Kepbup Model PHI' })

  await page.getByRole('tab', { name: 'Program SKPD' }).click()
  await page.getByRole('button', { name: 'Tambah program' }).click()
  await pick(page, 'SKPD', 'Bappeda')
  await page.getByLabel('Nama program').fill('Pembinaan model PHI')
  await pick(page, 'Bagian PHI', 'Posyandu Peduli')
  await page.getByLabel('Anggaran (Rp)').fill('25000000')
  await pick(page, 'Dasar hukum (regulasi)', 'Sepuluh Model')
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByText('Program tersimpan').first()).toBeVisible()

  // Revoke the Kepbup by the newer one.
  await page.goto(oldUrl)
  await expect(page.getByTestId('dependents')).toContainText('Pembinaan model PHI')
  await pick(page, 'Status', 'Dicabut')
  await pick(page, 'Regulasi yang mengubah/mencabut', 'Pencabutan')
  await page.getByRole('button', { name: 'Terapkan' }).click()
  await expect(page.getByTestId('changed-by')).toContainText('Kepbup No. 12/2025 — Pencabutan Kepbup Model PHI')
  await shot(page, 'programmes-regulation-revoked')

  // The programme list flags it; opening the programme explains why.
  await page.getByRole('tab', { name: 'Program SKPD' }).click()
  const row = page.getByRole('row', { name: /Pembinaan model PHI/ })
  await expect(row.getByText('Dicabut')).toBeVisible()
  await row.getByRole('link', { name: 'Pembinaan model PHI' }).click()
  await expect(page.getByText(/sudah DICABUT oleh Kepbup No\. 12\/2025/)).toBeVisible()
  // Saving again on a revoked regulation asks first; cancelling writes nothing.
  await page.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByRole('dialog', { name: 'Regulasi sudah dicabut' })).toBeVisible()
  await page.waitForTimeout(400) // let the modal finish fading in before the picture
  await shot(page, 'programmes-revoked-warning')
  await page.getByRole('button', { name: 'Tetap simpan dengan regulasi ini' }).click()
  await expect(page.getByText('Program tersimpan').first()).toBeVisible()
})

test('Puskesos desk: a referral is recorded and exported for DTSEN; reference lists are editable', async ({ page, host }) => {
  await kabupatenWithPosyandu(page, host)
  await page.getByRole('tab', { name: 'Puskesos' }).click()
  await page.getByRole('button', { name: 'Catat layanan' }).click()
  const dialog = page.getByRole('dialog')
  await pick(page, 'Posyandu', 'Melati')
  await dialog.getByLabel('Nama warga').fill('Rahmawati')
  await dialog.getByLabel('NIK (boleh kosong)').fill('121804550590')
  await pick(page, 'Kategori keluhan', 'Bantuan sosial')
  await pick(page, 'Dirujuk ke SKPD', 'Dinas Sosial')
  await pick(page, 'Status tindak lanjut', 'Dirujuk')
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  // The message stands beside the NIK field, and nothing is saved.
  await expect(dialog.getByText('NIK harus 16 angka')).toBeVisible()
  await expect(page.getByText('Belum ada layanan.')).toBeVisible()
  await dialog.getByLabel('NIK (boleh kosong)').fill('1218045505900001')
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByRole('row', { name: /Rahmawati/ })).toContainText('Dirujuk')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Ekspor rujukan untuk DTSEN/ }).click()])
  expect(download.suggestedFilename()).toMatch(/^rujukan-puskesos-dtsen-\d{4}-\d{2}-\d{2}\.xlsx$/)
  await shot(page, 'programmes-puskesos')

  await page.getByRole('tab', { name: 'Kegiatan Posyandu' }).click()
  await page.getByRole('button', { name: 'Catat kegiatan' }).click()
  await pick(page, 'Posyandu', 'Anggrek')
  await pick(page, 'Bagian PHI', 'Posyandu Peduli')
  await page.getByRole('dialog').getByLabel('Uraian kegiatan').fill('Penimbangan bank sampah')
  await page.getByRole('dialog').getByLabel('Usia produktif/keluarga').fill('23')
  await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByRole('row', { name: /Penimbangan bank sampah/ })).toContainText('23')
  await expect(page.getByRole('dialog')).toBeHidden()
  await shot(page, 'programmes-activities')

  await page.getByRole('tab', { name: 'Referensi & SKPD' }).click()
  await expect(page.getByText('Posyandu Kreatif', { exact: true }).first()).toBeVisible()
  await page.getByText('Bidang SPM', { exact: true }).click()
  await expect(page.getByText('Kerangka tampilan tersimpan')).toBeVisible()
  await shot(page, 'programmes-reference')
})
