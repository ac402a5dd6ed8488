import { existsSync, readFileSync } from 'node:fs'
import { ADMIN, expect, fillAdmin, login, pick, setupKecamatan, shot, startHost, test } from './fixtures'

test('first-run setup creates a kecamatan office and opens the shell', async ({ page, host }) => {
  await page.goto(host.url)
  await expect(page.getByRole('heading', { name: 'Penyiapan awal' })).toBeVisible()
  // The place is chosen from the Kemendagri list, not typed.
  await pick(page, 'Provinsi', 'Sumatera Utara')
  await pick(page, 'Kabupaten/kota', 'Serdang Bedagai')
  await pick(page, 'Kecamatan', 'Sei Rampah')
  await expect(page.getByLabel('Nama kantor')).toHaveValue('Kantor Camat Sei Rampah')
  // No administrator yet: messages beside the fields, nothing saved.
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await expect(page.getByText('Nama lengkap minimal 2 huruf')).toBeVisible()
  await expect(page.getByText('Kata sandi minimal 8 karakter')).toBeVisible()
  await shot(page, 'setup-validation')
  await fillAdmin(page)
  await page.getByLabel('Ulangi kata sandi').fill('lain-sekali-123')
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await expect(page.getByText('Kata sandi tidak sama')).toBeVisible()
  await page.getByLabel('Ulangi kata sandi').fill(ADMIN.password)
  await shot(page, 'setup')
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()

  // The database is encrypted now: its recovery code is shown once, with a print button, for the office safe.
  await expect(page.getByRole('heading', { name: 'Kode pemulihan' })).toBeVisible()
  const recoveryCode = (await page.getByTestId('recovery-code').textContent())!.trim()
  expect(recoveryCode).toMatch(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/)
  await expect(page.getByRole('button', { name: 'Cetak' })).toBeVisible()
  await shot(page, 'setup-recovery-code')
  expect(readFileSync(host.dbFile).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3')
  expect(existsSync(`${host.dbFile}.keyring`)).toBe(true)
  await page.getByRole('button', { name: 'Sudah saya simpan, lanjutkan' }).click()

  await expect(page.getByTestId('office-name')).toHaveText('Kantor Camat Sei Rampah')
  for (const area of ['Registri', 'Program & Regulasi', 'Pendamping & Honor', 'Laporan & Evaluasi', 'Pertukaran Data', 'Pengguna & Audit', 'Pengaturan', 'Tentang']) {
    await expect(page.getByRole('link', { name: area })).toBeVisible()
  }
  await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName)
  await expect(page.getByTestId('current-role')).toHaveText('Administrator')
  await shot(page, 'shell')

  // Logging out shows the login screen; a wrong password is refused there, the right one opens the shell again.
  await page.getByRole('button', { name: 'Keluar' }).click()
  await page.getByLabel('Nama pengguna').fill('admin')
  await page.getByLabel('Kata sandi').fill('salah-sekali')
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await expect(page.getByTestId('login-error')).toHaveText('Nama pengguna atau kata sandi salah.')
  await shot(page, 'login-refused')
  await login(page, host)
  await expect(page.getByTestId('office-name')).toHaveText('Kantor Camat Sei Rampah')

  const office = await host.cli(['integrity', '--json'])
  expect(office.code).toBe(0)
})

test('after a restart the encrypted database opens with a login; a forgotten password is replaced with the recovery code', async ({ page, host }) => {
  await page.goto(host.url)
  await pick(page, 'Provinsi', 'Sumatera Utara')
  await pick(page, 'Kabupaten/kota', 'Serdang Bedagai')
  await pick(page, 'Kecamatan', 'Sei Rampah')
  await fillAdmin(page)
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  const recoveryCode = (await page.getByTestId('recovery-code').textContent())!.trim()
  await page.getByRole('button', { name: 'Sudah saya simpan, lanjutkan' }).click()
  await expect(page.getByTestId('office-name')).toHaveText('Kantor Camat Sei Rampah')

  // The PC restarts: a new host on the same data folder starts with the database closed.
  host.proc.kill('SIGTERM')
  await new Promise((r) => host.proc.once('exit', r))
  const again = await startHost(host.dir)
  try {
    await page.goto(again.url)
    // The login screen names the office (from the keyring) although the database is still closed.
    await expect(page.getByText('Simpul · Kantor Camat Sei Rampah')).toBeVisible()
    await page.getByLabel('Nama pengguna').fill('admin')
    await page.getByLabel('Kata sandi').fill('salah-sekali')
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await expect(page.getByTestId('login-error')).toHaveText('Nama pengguna atau kata sandi salah.')
    await page.getByLabel('Nama pengguna').fill('tamu')
    await page.getByLabel('Kata sandi').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    await expect(page.getByTestId('login-error')).toContainText('Minta administrator masuk lebih dulu')

    // Forgotten password: the recovery code from the safe sets a new one and logs the administrator in.
    await page.getByRole('button', { name: 'Lupa kata sandi? Pakai kode pemulihan' }).click()
    await page.getByLabel('Kode pemulihan').fill('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF')
    await page.getByLabel('Nama pengguna administrator').fill('admin')
    await page.getByLabel('Kata sandi baru').fill('sandi-baru-4567')
    await page.getByLabel('Ulangi kata sandi').fill('sandi-baru-4567')
    await page.getByRole('button', { name: 'Pulihkan dan masuk' }).click()
    await expect(page.getByTestId('recover-error')).toHaveText('Kode pemulihan salah.')
    await page.getByLabel('Kode pemulihan').fill(recoveryCode.toLowerCase().replace(/-/g, ' '))
    await shot(page, 'login-recovery')
    await page.getByRole('button', { name: 'Pulihkan dan masuk' }).click()
    await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName)
    await expect(page.getByTestId('office-name')).toHaveText('Kantor Camat Sei Rampah')
    await login(page, again, { username: 'admin', password: 'sandi-baru-4567' })
  } finally {
    again.proc.kill('SIGTERM')
    await new Promise((r) => again.proc.once('exit', r))
  }
})

test('about screen credits the wilayah data and English can be chosen', async ({ page, host }) => {
  await setupKecamatan(page, host)
  await page.getByRole('link', { name: 'Tentang' }).click()
  await expect(page.getByText('idn-area-data', { exact: false }).first()).toBeVisible()
  await expect(page.getByText('ODbL', { exact: false }).first()).toBeVisible()
  await expect(page.getByTestId('app-version')).toHaveText(/\d+\.\d+\.\d+/)
  await shot(page, 'about')
  await page.getByRole('link', { name: 'Pengaturan' }).click()
  await page.getByText('English').click()
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Registry' })).toBeVisible()
  await shot(page, 'settings-en')
})

test('the host refuses API calls without the token', async ({ host, request }) => {
  const base = host.url.split('#')[0]
  const res = await request.post(`${base}api/office.get`, { data: {} })
  expect(res.status()).toBe(401)
  const body = await res.json()
  expect(body.ok).toBe(false)
  expect(body.error.code).toBe('UNAUTHORIZED')
})

test('an empty setup says what is missing beside every field; "jateng" finds Jawa Tengah', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  for (const msg of ['Pilih provinsi', 'Pilih kabupaten/kota', 'Pilih kecamatan', 'Nama kantor minimal 3 huruf', 'Nama lengkap minimal 2 huruf', 'Kata sandi minimal 8 karakter']) {
    await expect(page.getByText(msg, { exact: true })).toBeVisible()
  }
  await shot(page, 'setup-empty-submit')
  const prov = page.getByRole('combobox', { name: 'Provinsi' })
  await prov.click()
  await prov.fill('jateng')
  await expect(page.getByRole('option')).toHaveText(['Jawa Tengah (33)'])
  await page.getByRole('option', { name: 'Jawa Tengah (33)' }).click()
  await expect(page.getByText('Pilih provinsi', { exact: true })).toBeHidden()
  const kab = page.getByRole('combobox', { name: 'Kabupaten/kota' })
  await kab.click()
  await kab.fill('kab batang')
  await expect(page.getByRole('option', { name: /Batang/ })).toBeVisible()
})
