import { expect, pick, setupKecamatan, shot, test } from './fixtures'

test('first-run setup creates a kecamatan office and opens the shell', async ({ page, host }) => {
  await page.goto(host.url)
  await expect(page.getByRole('heading', { name: 'Penyiapan awal' })).toBeVisible()
  // The place is chosen from the Kemendagri list, not typed.
  await pick(page, 'Provinsi', 'Sumatera Utara')
  await pick(page, 'Kabupaten/kota', 'Serdang Bedagai')
  await pick(page, 'Kecamatan', 'Sei Rampah')
  await expect(page.getByLabel('Nama kantor')).toHaveValue('Kantor Camat Sei Rampah')
  // Missing operator name: a message beside the field, nothing saved.
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await expect(page.getByText('Nama operator minimal 2 huruf')).toBeVisible()
  await shot(page, 'setup-validation')
  await page.getByLabel('Nama operator').fill('Siti Aminah')
  await shot(page, 'setup')
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()

  await expect(page.getByTestId('office-name')).toHaveText('Kantor Camat Sei Rampah')
  for (const area of ['Registri', 'Program & Regulasi', 'Pendamping & Honor', 'Laporan & Evaluasi', 'Pertukaran Data', 'Pengaturan', 'Tentang']) {
    await expect(page.getByRole('link', { name: area })).toBeVisible()
  }
  await shot(page, 'shell')

  const office = await host.cli(['integrity', '--json'])
  expect(office.code).toBe(0)
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
  for (const msg of ['Pilih provinsi', 'Pilih kabupaten/kota', 'Pilih kecamatan', 'Nama kantor minimal 3 huruf', 'Nama operator minimal 2 huruf']) {
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
