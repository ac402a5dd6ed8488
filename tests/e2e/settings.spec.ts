import { expect, setupKecamatan, shot, test } from './fixtures'

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
