import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, setupKabupaten, shot, test } from './fixtures'
import { tsScript } from './support/ts-script'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

test('evaluators give manual scores with notes for a period; out-of-range input is held back', async ({ page, host }) => {
  await setupKabupaten(page, host)
  execFileSync(process.execPath, [...tsScript('tests/e2e/helpers/seed-posyandu.ts'), host.dbFile, '12.18.04.2001', 'Posyandu Melati', 'Posyandu Mawar'], { cwd: ROOT })
  await page.goto(`${host.url.split('#')[0]}#/evaluasi/periode`)
  await page.getByLabel('Nama periode').fill('Monev Posyandu 2025')
  await page.getByRole('button', { name: 'Buat periode' }).click()
  await page.getByRole('button', { name: 'Nilai manual' }).click()
  await expect(page.getByText('Nilai manual — Monev Posyandu 2025')).toBeVisible()

  const admin = page.getByLabel('Posyandu Melati Kelengkapan administrasi')
  await admin.fill('15')
  await admin.blur()
  // The field holds at most the item's maximum (10).
  await expect(admin).toHaveValue('10')
  await page.getByLabel('Posyandu Melati Inovasi dan kemitraan').fill('7')
  await page.getByLabel('Posyandu Melati catatan').fill('Buku register lengkap; kemitraan dengan PKK desa')
  await page.getByRole('row', { name: /Posyandu Melati/ }).getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByText('Nilai tersimpan')).toBeVisible()
  await shot(page, 'evaluation-scores')

  await page.reload()
  await expect(page.getByLabel('Posyandu Melati Kelengkapan administrasi')).toHaveValue('10')
  await expect(page.getByLabel('Posyandu Melati catatan')).toHaveValue('Buku register lengkap; kemitraan dengan PKK desa')
  await expect(page.getByLabel('Posyandu Mawar Kelengkapan administrasi')).toHaveValue('')
})
