import { copyFileSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, runCli, setupKecamatan, shot, test } from './fixtures'

test('letterhead and signatories are saved; a backup is restored from the screen after confirmation', async ({ page, host }) => {
  await setupKecamatan(page, host)
  await page.getByRole('link', { name: 'Pengaturan' }).click()
  await page.getByLabel('Pemerintah (baris 1 kop)').fill('PEMERINTAH KABUPATEN SERDANG BEDAGAI')
  await page.getByLabel('Nama kantor (baris 2 kop)').fill('KANTOR CAMAT SEI RAMPAH')
  await page.getByLabel('Tempat penandatanganan').fill('Sei Rampah')
  await page.getByLabel('Camat nama').fill('Drs. Ahmad Fauzi')
  await page.getByLabel('Camat NIP').fill('1970')
  await expect(page.getByText('NIP terdiri dari 18 angka')).toBeVisible()
  await page.getByLabel('Camat NIP').fill('197001012000031001')
  await expect(page.getByText('NIP terdiri dari 18 angka')).toHaveCount(0)
  await page.getByRole('button', { name: 'Simpan kop dan penandatangan' }).click()
  await expect(page.getByText('Kop surat dan penandatangan tersimpan')).toBeVisible()

  await page.getByRole('button', { name: 'Buat cadangan sekarang' }).click()
  await expect(page.getByRole('button', { name: 'Pulihkan' })).toHaveCount(1)

  // A change after the backup...
  await page.getByLabel('Nama operator').fill('Operator Baru')
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
  await expect(page.getByText('Pengaturan tersimpan')).toBeVisible()
  await shot(page, 'settings')

  // ...is undone by restoring, only after the confirmation.
  await page.getByRole('button', { name: 'Pulihkan' }).click()
  await expect(page.getByText('Pulihkan basis data dari cadangan?')).toBeVisible()
  await shot(page, 'settings-restore-confirm')
  await page.getByRole('button', { name: 'Batal' }).click()
  await expect(page.getByLabel('Nama operator')).toHaveValue('Operator Baru')
  await page.getByRole('button', { name: 'Pulihkan' }).first().click()
  await page.getByRole('button', { name: 'Ya, pulihkan' }).click()
  await page.waitForEvent('load')
  await page.getByRole('link', { name: 'Pengaturan' }).click()
  await expect(page.getByLabel('Nama operator')).toHaveValue('Siti Aminah')
  await expect(page.getByLabel('Camat nama')).toHaveValue('Drs. Ahmad Fauzi')
  // The pre-restore copy is listed too, so the restore can itself be undone.
  await expect(page.getByRole('cell', { name: 'pre-restore', exact: true })).toBeVisible()
  const integrity = await host.cli(['integrity', '--json'])
  expect(JSON.parse(integrity.stdout).ok).toBe(true)
})

test('a backup of another office is restored only after a second confirmation that names both offices', async ({ page, host }) => {
  await setupKecamatan(page, host)
  // Another office's backup lands in our backups folder (copied from a USB stick, say).
  const otherDb = join(host.dir, 'lain', 'simpul.sqlite')
  expect((await runCli(['init', '--office', '12.18.05', '--name', 'Kantor Camat Perbaungan', '--db', otherDb])).code).toBe(0)
  const made = JSON.parse((await runCli(['backup', '--db', otherDb, '--json'])).stdout) as { file: string; name: string }
  mkdirSync(join(host.dir, 'backups'), { recursive: true, mode: 0o700 })
  copyFileSync(made.file, join(host.dir, 'backups', made.name))

  await page.getByRole('link', { name: 'Pengaturan' }).click()
  const row = page.getByRole('row').filter({ hasText: made.name })
  await row.getByRole('button', { name: 'Pulihkan' }).click()
  await page.getByRole('button', { name: 'Ya, pulihkan' }).click()
  const warning = page.getByTestId('restore-other-office')
  await expect(page.getByText('Cadangan ini milik kantor lain')).toBeVisible()
  await expect(warning).toContainText('milik Kantor Camat Perbaungan (12.18.05), bukan kantor ini,')
  await expect(warning).toContainText('(12.18.04)')
  await shot(page, 'settings-restore-other-office')
  // Cancelling changes nothing.
  await warning.getByRole('button', { name: 'Batal' }).click()
  await expect(page.getByTestId('office-name')).toContainText('Sei Rampah')

  await row.getByRole('button', { name: 'Pulihkan' }).click()
  await page.getByRole('button', { name: 'Ya, pulihkan' }).click()
  await page.getByRole('button', { name: 'Ya, ganti dengan data Kantor Camat Perbaungan' }).click()
  await page.waitForEvent('load')
  await expect(page.getByTestId('office-name')).toContainText('Perbaungan')
  expect(statSync(host.dbFile).mode & 0o777).toBe(0o600)
  const integrity = await host.cli(['integrity', '--json'])
  expect(JSON.parse(integrity.stdout).ok).toBe(true)
})
