import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, login, pick, shot, startHost, test } from './fixtures'
import { tsScript } from './support/ts-script'

const addPosyandu = (dbFile: string, ...names: string[]) =>
  execFileSync(process.execPath, [...tsScript('tests/e2e/support/add-posyandu.ts'), dbFile, ...names])

test('two offices enrol each other, then a kecamatan bundle is dry-run and applied at the kabupaten', async ({ page, host, browser }) => {
  test.setTimeout(120_000)
  // `host` is the kabupaten; a second host is the kecamatan on another computer.
  const kec = await startHost()
  try {
    expect((await host.cli(['init', '--office', '12.18', '--name', 'Bappeda Serdang Bedagai', '--admin', 'admin'])).code).toBe(0)
    expect((await kec.cli(['init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin'])).code).toBe(0)
    addPosyandu(kec.dbFile, 'Posyandu Mawar', 'Posyandu Melati', 'Posyandu Kenanga')
    const kecPage = await browser.newPage()
    const dir = test.info().outputPath()

    // Each office downloads its card and the other enrols it, comparing fingerprints.
    const cards: Record<string, { file: string; fp: string }> = {}
    for (const [name, p, h] of [['kab', page, host], ['kec', kecPage, kec]] as const) {
      await login(p, h)
      await p.getByRole('link', { name: 'Pertukaran Data' }).click()
      await expect(p.getByTestId('self-fingerprint')).toHaveText(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/)
      const fp = (await p.getByTestId('self-fingerprint').textContent())!
      const download = p.waitForEvent('download')
      await p.getByRole('button', { name: 'Unduh kartu kantor' }).click()
      const file = join(dir, (await download).suggestedFilename())
      await (await download).saveAs(file)
      cards[name] = { file, fp }
    }
    await shot(kecPage, 'exchange-office-card')
    for (const [p, card, other] of [[page, cards.kec, 'Kantor Camat Sei Rampah'], [kecPage, cards.kab, 'Bappeda Serdang Bedagai']] as const) {
      await p.locator('input[type=file]').setInputFiles(card.file)
      // The card's fingerprint is not shown: the operator types what was read over the phone.
      await expect(p.getByText(card.fp)).toHaveCount(0)
      const enrol = p.getByRole('button', { name: 'Daftarkan kantor' })
      await expect(enrol).toBeDisabled()
      const typed = p.getByLabel('Sidik jari yang dibacakan lewat telepon')
      const wrong = card.fp.startsWith('A') ? `B${card.fp.slice(1)}` : `A${card.fp.slice(1)}`
      await typed.fill(wrong.toLowerCase())
      await enrol.click()
      await expect(p.getByText('Sidik jari tidak cocok dengan kartu ini')).toBeVisible()
      if (p === page) await shot(p, 'exchange-enrol-mismatch')
      await expect(p.getByTestId('peers')).toHaveCount(0)
      await typed.fill(card.fp.replace(/-/g, ' ').toLowerCase())
      if (p === page) await shot(p, 'exchange-enrol')
      await enrol.click()
      await expect(p.getByTestId('peers')).toContainText(other)
    }
    await shot(page, 'exchange-offices')

    // The kecamatan creates a bundle for the kabupaten and saves it.
    await kecPage.getByRole('tab', { name: 'Kirim bundel' }).click()
    await pick(kecPage, 'Kantor tujuan', 'Bappeda')
    const saved = kecPage.waitForEvent('download')
    await kecPage.getByRole('button', { name: 'Buat bundel' }).click()
    const bundle = join(dir, (await saved).suggestedFilename())
    await (await saved).saveAs(bundle)
    expect((await saved).suggestedFilename()).toMatch(/^simpul_12\.18\.04_12\.18_\d{4}-\d{2}-\d{2}_1\.simpul$/)
    await expect(kecPage.getByTestId('export-result')).toContainText('KB')
    await shot(kecPage, 'exchange-send')

    // The kabupaten opens it: manifest first, then a dry run, then apply.
    await page.getByRole('tab', { name: 'Terima bundel' }).click()
    await page.locator('input[type=file]').setInputFiles(bundle)
    // People's words: the office by name, tables as the screens name them, no wilayah codes.
    await expect(page.getByTestId('manifest')).toContainText('Kantor Camat Sei Rampah (kecamatan)')
    await expect(page.getByTestId('manifest')).toContainText('Posyandu 3')
    await expect(page.getByText('Pemeriksaan lolos')).toBeVisible()
    await shot(page, 'exchange-inspect')
    await page.getByRole('button', { name: 'Uji coba' }).click()
    await expect(page.getByTestId('dry-run')).toContainText('belum ada yang disimpan')
    await expect(page.getByTestId('import-counts').getByRole('row', { name: /Posyandu/ })).toContainText('3')
    await expect(page.getByText('Posyandu Melati')).toBeVisible()
    const items = page.getByTestId('dry-run').locator('table').nth(1)
    await expect(items).toContainText('Sei Rampah')
    await expect(items).not.toContainText('12.18.04')
    await shot(page, 'exchange-dry-run')
    expect(JSON.parse((await host.cli(['bundle', 'inspect', bundle, '--json'])).stdout).ok).toBe(true)
    await page.getByRole('button', { name: 'Terapkan' }).click()
    await expect(page.getByTestId('import-result')).toBeVisible()
    await expect(page.getByText('Cadangan sebelum impor')).toBeVisible()
    await shot(page, 'exchange-applied')

    // The same file again is refused with a clear message, and history shows both sides.
    await page.getByRole('button', { name: 'Terima bundel lain' }).click()
    await page.locator('input[type=file]').setInputFiles(bundle)
    await expect(page.getByTestId('bundle-refused')).toContainText('sudah pernah diimpor')
    await page.getByRole('tab', { name: 'Riwayat' }).click()
    await expect(page.getByTestId('history')).toContainText('diterima dari')
    await shot(page, 'exchange-history')
    await kecPage.getByRole('tab', { name: 'Riwayat' }).click()
    await expect(kecPage.getByTestId('history')).toContainText('belum ada tanda terima')
    await kecPage.close()
  } finally {
    kec.proc.kill('SIGTERM')
  }
})
