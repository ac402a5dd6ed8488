import type { Locator, Page } from '@playwright/test'
import { expect, login, OPERATOR, READER, test } from './fixtures'
import { open, seriousViolations, view } from './support/view'

// Screens hide what a role cannot do (the dispatcher refuses it anyway), modal forms ask before
// throwing changes away, bulk changes on the posyandu list, and the monthly grid keeps months
// that have not come closed. Screenshots at the two office monitor sizes, looked at.

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
]
const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true })

test('a read-only person sees no button they cannot use; an operator sees theirs', async ({ page, peopleHost: host }) => {
  test.setTimeout(240_000)
  const problems: string[] = []
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await login(page, host, READER)
    await open(page, 'registri/posyandu')
    await expect(page.getByTestId('posyandu-count')).toBeVisible()
    await expect(button(page, 'Tambah posyandu')).toHaveCount(0)
    await expect(button(page, 'Ekspor .xlsx')).toHaveCount(0)
    await expect(page.getByRole('tab', { name: 'Impor .xlsx' })).toHaveCount(0)
    await expect(page.locator('main table tbody tr').first()).toBeVisible()
    await expect(page.locator('main table').getByRole('checkbox')).toHaveCount(0)
    await view(page, `roles-${size.width}-readonly-posyandu`)
    problems.push(...(await seriousViolations(page)).map((v) => `readonly posyandu: ${v}`))
    // A posyandu and a kader: shown, not editable.
    await page.locator('main table tbody tr').first().click()
    await expect(page.getByRole('tab', { name: /^Kader \(/ })).toBeVisible()
    for (const b of ['Ubah', 'Hapus', 'Tambah kader']) await expect(button(page, b)).toHaveCount(0)
    await page.getByTestId('posyandu-kader').locator('tbody tr').first().click()
    await expect(page.getByLabel('Nama lengkap')).toBeDisabled()
    await expect(button(page, 'Simpan')).toHaveCount(0)
    await expect(button(page, 'Hapus')).toHaveCount(0)
    await view(page, `roles-${size.width}-readonly-kader`)
    problems.push(...(await seriousViolations(page)).map((v) => `readonly kader: ${v}`))
    await open(page, 'program/program')
    await expect(button(page, 'Tambah program')).toHaveCount(0)
    await open(page, 'program/regulasi')
    await expect(button(page, 'Tambah regulasi')).toHaveCount(0)
    await open(page, 'program/kegiatan')
    await expect(button(page, 'Catat kegiatan')).toHaveCount(0)
    await view(page, `roles-${size.width}-readonly-kegiatan`)
    await open(page, 'program/referensi')
    await expect(button(page, 'Tambah SKPD')).toHaveCount(0)
    await open(page, 'pertukaran/kantor')
    await expect(page.getByRole('tab', { name: 'Riwayat' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Kirim bundel' })).toHaveCount(0)
    await expect(page.getByRole('tab', { name: 'Terima bundel' })).toHaveCount(0)
    await expect(page.getByRole('heading', { name: 'Daftarkan kantor' })).toHaveCount(0)
    await expect(page.getByTestId('self-fingerprint')).toHaveCount(0)
    await view(page, `roles-${size.width}-readonly-pertukaran`)
    problems.push(...(await seriousViolations(page)).map((v) => `readonly pertukaran: ${v}`))
    await open(page, 'pengaturan')
    await expect(button(page, 'Simpan')).toHaveCount(0)
    await expect(button(page, 'Buat cadangan sekarang')).toHaveCount(0)
    await expect(button(page, 'Pulihkan')).toHaveCount(0)
    await view(page, `roles-${size.width}-readonly-pengaturan`)
    problems.push(...(await seriousViolations(page)).map((v) => `readonly pengaturan: ${v}`))

    await login(page, host, OPERATOR)
    await open(page, 'registri/posyandu')
    await expect(button(page, 'Tambah posyandu')).toBeVisible()
    await expect(button(page, 'Ekspor .xlsx')).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Impor .xlsx' })).toBeVisible()
    await expect(page.locator('main table tbody tr').first().getByRole('checkbox')).toBeVisible()
    await view(page, `roles-${size.width}-operator-posyandu`)
    await open(page, 'program/regulasi')
    await expect(button(page, 'Tambah regulasi')).toBeVisible()
    await open(page, 'pertukaran/kantor')
    await expect(page.getByRole('tab', { name: 'Kirim bundel' })).toBeVisible()
    await expect(page.getByTestId('self-fingerprint')).toBeVisible()
    // Enrolling offices and new keys are the administrator's.
    await expect(page.getByRole('heading', { name: 'Daftarkan kantor' })).toHaveCount(0)
    await view(page, `roles-${size.width}-operator-pertukaran`)
    problems.push(...(await seriousViolations(page)).map((v) => `operator pertukaran: ${v}`))
    await open(page, 'pengaturan')
    await expect(button(page, 'Buat cadangan sekarang')).toBeVisible()
    await expect(button(page, 'Pulihkan')).toHaveCount(0)
  }
  expect(problems).toEqual([])
})

test('closing or escaping a modal form with changes asks first; without changes it just closes', async ({ page, peopleHost: host }) => {
  await login(page, host)
  await open(page, 'program/regulasi')
  await button(page, 'Tambah regulasi').click()
  const form = page.getByRole('dialog', { name: 'Tambah regulasi' })
  await expect(form).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(form).toHaveCount(0) // nothing typed: nothing to lose
  await button(page, 'Tambah regulasi').click()
  await form.getByLabel('Judul / tentang').fill('Pembentukan Pokjanal Posyandu')
  await page.keyboard.press('Escape')
  const ask = page.getByRole('dialog', { name: 'Perubahan belum disimpan' })
  await expect(ask).toBeVisible()
  await view(page, 'modal-guard-ask')
  await ask.getByRole('button', { name: 'Batal' }).click()
  await expect(form.getByLabel('Judul / tentang')).toHaveValue('Pembentukan Pokjanal Posyandu')
  // Closing the window (here: reloading it) with the changed modal open asks too; staying keeps the text.
  const unload = new Promise<string>((done) => page.once('dialog', (d) => { done(d.type()); void d.dismiss() }))
  void page.reload().catch(() => undefined)
  expect(await unload).toBe('beforeunload')
  await expect(form.getByLabel('Judul / tentang')).toHaveValue('Pembentukan Pokjanal Posyandu')
  // The × asks too; this time the changes go.
  await form.locator('.mantine-Modal-close').click()
  await ask.getByRole('button', { name: 'Buang perubahan' }).click()
  await expect(form).toHaveCount(0)
})

test('posyandu list: select many, set inactive with a reason, one confirmation naming them, an audit entry per posyandu (move to another desa: tests/core/registry-bulk.test.ts)', async ({ page, peopleHost: host }) => {
  test.setTimeout(120_000)
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await login(page, host, OPERATOR)
    await open(page, 'registri/posyandu')
    const rows = page.locator('main table tbody tr')
    const name = async (r: number) => (await rows.nth(r).locator('td').nth(1).innerText()).trim()
    const first = [await name(0), await name(1)]
    await rows.nth(0).getByRole('checkbox').check()
    await rows.nth(1).getByRole('checkbox').check()
    const bar = page.getByTestId('bulk-bar')
    await expect(bar).toContainText('2 posyandu dipilih')
    await view(page, `bulk-posyandu-${size.width}-selected`)
    if (size.width === 1366) break
    await bar.getByRole('button', { name: 'Set nonaktif' }).click()
    const form = page.getByRole('dialog', { name: 'Set nonaktif' })
    await form.getByLabel('Nonaktif sejak').fill('30/06/2026')
    await expect(form.getByRole('button', { name: 'Lanjut' })).toBeDisabled() // a reason is needed
    await form.getByLabel('Alasan nonaktif').fill('digabung dengan posyandu desa')
    await form.getByRole('button', { name: 'Lanjut' }).click()
    const confirm = page.getByRole('dialog', { name: 'Set 2 posyandu nonaktif sejak 2026-06-30 (digabung dengan posyandu desa)?' })
    await expect(confirm).toContainText(first[0])
    await expect(confirm).toContainText(first[1])
    await view(page, `bulk-posyandu-${size.width}-confirm`)
    await confirm.getByRole('button', { name: 'Set nonaktif' }).click()
    await expect(page.getByText('2 posyandu diubah, 0 sudah sesuai')).toBeVisible()
    await expect(page.getByTestId('bulk-bar')).toHaveCount(0)
    // Each one has its own entry in its history.
    await page.getByRole('cell', { name: first[0], exact: true }).click()
    await page.getByRole('tab', { name: 'Riwayat perubahan' }).click()
    await expect(page.getByTestId('audit-table')).toContainText('digabung dengan posyandu desa')
    await open(page, 'registri/posyandu')
  }
})

test('the monthly grid keeps months that have not come closed, with a hint', async ({ page, peopleHost: host }) => {
  // The office PC's calendar says mid-June: July to December have no report yet.
  await page.clock.setFixedTime(new Date(`${new Date().getFullYear()}-06-15T10:00:00+07:00`))
  for (const size of SIZES) {
    await page.setViewportSize(size)
    await login(page, host, OPERATOR)
    await open(page, 'evaluasi/entri')
    const pick = page.getByRole('combobox', { name: 'Posyandu' })
    await pick.click()
    await page.getByRole('option').first().click()
    await expect(page.getByTestId('future-hint')).toContainText('Bulan setelah Juni')
    await expect(page.getByRole('textbox', { name: 'S Jun', exact: true })).toBeEnabled()
    await expect(page.getByRole('textbox', { name: 'S Jul', exact: true })).toBeDisabled()
    await expect(page.getByRole('textbox', { name: 'S Des', exact: true })).toBeDisabled()
    await view(page, `grid-future-${size.width}`)
  }
})
