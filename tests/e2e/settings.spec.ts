import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { ADMIN, expect, login, runCli, setupKecamatan, shot, test } from './fixtures'
import { tsScript } from './support/ts-script'

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
  await page.getByLabel('Jumlah cadangan yang disimpan').fill('7')
  await page.getByRole('button', { name: 'Simpan', exact: true }).click()
  await expect(page.getByText('Pengaturan tersimpan')).toBeVisible()
  await shot(page, 'settings')

  // ...is undone by restoring, only after the confirmation.
  await page.getByRole('button', { name: 'Pulihkan' }).click()
  await expect(page.getByText('Pulihkan basis data dari cadangan?')).toBeVisible()
  await shot(page, 'settings-restore-confirm')
  await page.getByRole('button', { name: 'Batal' }).click()
  await expect(page.getByLabel('Jumlah cadangan yang disimpan')).toHaveValue('7')
  await page.getByRole('button', { name: 'Pulihkan' }).first().click()
  await page.getByRole('button', { name: 'Ya, pulihkan' }).click()
  await page.waitForEvent('load')
  await page.getByRole('link', { name: 'Pengaturan' }).click()
  await expect(page.getByLabel('Jumlah cadangan yang disimpan')).toHaveValue('20')
  await expect(page.getByLabel('Camat nama')).toHaveValue('Drs. Ahmad Fauzi')
  // The pre-restore copy is listed too, so the restore can itself be undone.
  await expect(page.getByRole('cell', { name: 'pre-restore', exact: true })).toBeVisible()
  const integrity = await host.cli(['integrity', '--json'])
  expect(JSON.parse(integrity.stdout).ok).toBe(true)
})

test('a backup of another office is restored only after a second confirmation that names both offices', async ({ page, host }) => {
  await setupKecamatan(page, host)
  // Another office's backup lands in our backups folder (copied from a USB stick, say). It is a
  // plain one, made before that office's Simpul encrypted its data: an encrypted backup of
  // another office cannot be opened here at all (its key is in that office's keyring).
  const otherDb = join(host.dir, 'lain', 'simpul.sqlite')
  const other = { SIMPUL_USER: 'lain', SIMPUL_PASSWORD: ADMIN.password }
  const plain = spawnSync(process.execPath, [...tsScript('tests/e2e/support/plain-office.ts'), otherDb, '12.18.05', 'Kantor Camat Perbaungan', 'lain'], { encoding: 'utf8' })
  expect(plain.status, plain.stderr).toBe(0)
  const made = JSON.parse(plain.stdout) as { file: string; name: string }
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
  // The other office's data comes with its own people: this session's user is not one of them.
  await expect(page.getByRole('button', { name: 'Masuk', exact: true })).toBeVisible()
  await login(page, host, { username: 'lain', password: ADMIN.password })
  await expect(page.getByTestId('office-name')).toContainText('Perbaungan')
  expect(statSync(host.dbFile).mode & 0o777).toBe(0o600)
  // Restored into this office's encrypted database: it is encrypted with this office's key.
  expect(readFileSync(host.dbFile).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3')
  const integrity = await runCli(['integrity', '--json', '--db', host.dbFile], other)
  expect(JSON.parse(integrity.stdout).ok).toBe(true)
})
