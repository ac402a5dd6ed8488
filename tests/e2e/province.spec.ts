import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ADMIN, expect, fillAdmin, login, passRecoveryCode, runCli, shot, startHost, test } from './fixtures'
import { tsScript } from './support/ts-script'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

test('province dashboard: empty, then Kepri from seven kabupaten bundles — figures, stale kabupaten, trend, 1024×768, and the printed coordination report', async ({ page, host }) => {
  test.setTimeout(240_000)
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
  await page.setViewportSize({ width: 1024, height: 768 })

  // A province office with nothing received yet: the dashboard says what to do.
  const init = await host.cli(['init', '--office', '21', '--name', 'Tim Pembina Posyandu Provinsi Kepulauan Riau', '--admin', 'admin'])
  expect(init.code, init.stderr).toBe(0)
  await login(page, host)
  await expect(page.getByRole('heading', { name: /Dasbor Provinsi/ })).toBeVisible()
  await expect(page.getByTestId('province-empty')).toContainText('Belum ada data dari kabupaten/kota')
  await expect(page.getByTestId('province-print')).toBeDisabled()
  // A province pays no pendamping: no honor area in its menu.
  await expect(page.getByRole('link', { name: 'Pendamping & Honor' })).toHaveCount(0)
  await shot(page, 'province-empty')

  // Seven kabupaten/kota offices, each with its own database, send their bundles (three years of reports).
  const demo = await host.cli(['demo', '--scale', 'provinsi', '--size', '0.1', '--years', '3', '--json'])
  expect(demo.code, demo.stderr).toBe(0)
  execFileSync(process.execPath, [...tsScript('tests/e2e/support/province-seed.ts'), host.dbFile], { cwd: ROOT })
  // The dashboard opens on the last whole year (this year's strata wait for December).
  const year = new Date().getFullYear() - 1
  const cli = await host.cli(['province', 'summary', '--year', String(year), '--json'])
  expect(cli.code, cli.stderr).toBe(0)
  const s = JSON.parse(cli.stdout) as import('../../src/shared/contract/province').ProvinceSummary

  await page.reload()
  const table = page.getByTestId('province-table')
  await expect(table.locator('tbody tr')).toHaveCount(8)
  await expect(page.getByTestId('kab-21.71')).toContainText('Kota Batam')
  const fmt = (n: number) => n.toLocaleString('id-ID')
  await expect(page.getByTestId('kpi-posyandu')).toContainText(fmt(s.total.posyandu))
  await expect(page.getByTestId('kpi-kader')).toContainText(fmt(s.total.kader))
  await expect(page.getByTestId('kpi-aktif')).toContainText(`${fmt(s.total.aktif)} dari ${fmt(s.total.denominator)} posyandu, tahun ${year}`)
  await expect(page.getByTestId('province-year')).toHaveValue(String(year))
  await expect(page.getByTestId('province-total')).toContainText(`${fmt(s.total.aktif)} / ${fmt(s.total.denominator)}`)
  expect(s.total.aktif).toBeGreaterThan(0)
  await expect(page.getByTestId('province-total')).toContainText(`${fmt(s.total.completeness.reported)} / ${fmt(s.total.completeness.expected)}`)
  await expect(page.getByTestId('method-note')).toContainText('Strata Posyandu (Pedoman Umum Pengelolaan Posyandu, 2011)')
  // Kepulauan Anambas last sent two months ago: flagged, with its bundle date.
  await expect(page.getByTestId('stale-list')).toContainText('Kabupaten Kepulauan Anambas')
  await expect(page.getByTestId('stale-list')).not.toContainText('Kota Batam')
  await expect(page.getByTestId('kab-21.05')).toContainText('usang')
  await expect(page.getByTestId('chart-trend').locator('.recharts-line')).toHaveCount(2)
  await expect(page.getByTestId('trend-table').locator('tbody tr')).toHaveCount(3)
  // At 1024 × 768 the page itself does not scroll sideways (the wide table scrolls in its box).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024)
  await shot(page, 'province-dashboard-1024')

  // The stale limit is a setting: at 90 days no kabupaten is flagged.
  await page.getByTestId('stale-days').fill('90')
  await page.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByTestId('stale-none')).toContainText('dalam 90 hari terakhir')
  await page.getByTestId('stale-days').fill('45')
  await page.getByRole('button', { name: 'OK' }).click()
  await expect(page.getByTestId('stale-list')).toContainText('Kabupaten Kepulauan Anambas')

  await expect(page.getByTestId('method-note')).toContainText('× 12 bulan')
  // This year: only the finished months are due.
  await page.getByRole('combobox', { name: 'Tahun' }).click()
  await page.getByRole('option', { name: String(year + 1), exact: true }).click()
  await expect(page.getByTestId('method-note')).toContainText(`× ${new Date().getMonth()} bulan`)
  await shot(page, 'province-dashboard-this-year')
  await page.getByRole('combobox', { name: 'Tahun' }).click()
  await page.getByRole('option', { name: String(year), exact: true }).click()
  await expect(page.getByTestId('method-note')).toContainText('× 12 bulan')

  // The printed report for the coordination meeting.
  await page.getByTestId('province-print').click()
  await expect(page.getByTestId('report-title')).toHaveText('Laporan Perkembangan Posyandu Provinsi Kepulauan Riau')
  await expect(page.getByText('PEMERINTAH PROVINSI KEPULAUAN RIAU')).toBeVisible()
  await expect(page.getByText('Hj. Dewi Kumalasari Ansar')).toBeVisible()
  await expect(page.getByText('NIP. 197205151998032004')).toBeVisible()
  await expect(page.locator('.print-sheet [data-testid^="chart-"] .recharts-wrapper')).toHaveCount(3)
  await shot(page, 'province-report-screen')
  const dir = join(ROOT, 'test-results', 'pdf')
  mkdirSync(dir, { recursive: true })
  await page.emulateMedia({ media: 'print' })
  const pdf = join(dir, 'province-report.pdf')
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true })
  const png = spawnSync('pdftoppm', ['-png', '-r', '60', pdf, join(ROOT, 'test-results', 'screenshots', 'province-report-pdf')])
  expect(png.status).toBe(0)
  await page.emulateMedia({ media: 'screen' })

  // A year the operation refuses: the error state with its message and "try again".
  await page.evaluate(() => (window.location.hash = '#/provinsi/cetak/1999'))
  await expect(page.getByTestId('load-error')).toBeVisible()
  await shot(page, 'province-report-error')

  // Offered down: the province offers its thresholds for the 2011 strata (D/S from 40 %).
  await page.evaluate(() => (window.location.hash = '#/provinsi/tawaran'))
  await page.getByRole('combobox', { name: 'Set indikator' }).click()
  await page.getByRole('option', { name: /Strata Posyandu \(Pedoman/ }).click()
  await page.getByLabel('Nama set (boleh kosong)').fill('Strata Posyandu Kepri 2026')
  await page.getByLabel('Catatan untuk kabupaten/kota').fill('Hasil Rapat Koordinasi Tim Pembina 2026')
  await page.getByLabel('Ambang D/S').fill('40')
  await page.getByRole('button', { name: 'Tawarkan set ini' }).click()
  await expect(page.getByText('Tawaran disimpan')).toBeVisible()
  const card = page.getByTestId('offer-strata-2011')
  await expect(card).toContainText('Strata Posyandu Kepri 2026')
  await expect(card).toContainText('D/S ≥ 40%')
  await expect(card.getByText('belum menjawab')).toHaveCount(7)
  await shot(page, 'province-offers')

  // The offer goes down in a bundle; at Kota Batam (the demo's own kabupaten database) it is adopted on screen.
  const batamDir = join(host.dir, 'kantor-kabupaten', '21.71')
  const bundle = join(host.dir, 'ke-batam.simpul')
  const exp = await host.cli(['bundle', 'export', '--to', '21.71', '--out', bundle])
  expect(exp.code, exp.stderr).toBe(0)
  const batam = await startHost(batamDir)
  try {
    await page.goto(batam.url)
    await fillAdmin(page)
    await page.getByRole('button', { name: 'Buat dan masuk' }).click()
    await passRecoveryCode(page)
    await expect(page.getByTestId('office-name')).toContainText('Kota Batam')
    const imp = await runCli(['bundle', 'import', bundle, '--db', batam.dbFile], { SIMPUL_USER: ADMIN.username, SIMPUL_PASSWORD: ADMIN.password })
    expect(imp.code, imp.stderr).toBe(0)
    await page.evaluate(() => (window.location.hash = '#/evaluasi/provinsi'))
    const offer = page.getByTestId('offer-strata-2011')
    await expect(offer).toContainText('D/S ≥ 40%')
    await expect(offer).toContainText('Dipakai sekarang (bawaan):')
    await expect(offer).toContainText('D/S ≥ 50%')
    await shot(page, 'kabupaten-offers')
    await offer.getByRole('button', { name: 'Adopsi' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Adopsi' }).click()
    await expect(offer).toContainText('diadopsi')
    await expect(offer).toContainText('Milik kabupaten sekarang:')
    await expect(offer.getByRole('button', { name: 'Adopsi' })).toHaveCount(0)
    // Its own copy is on the Set indikator tab, editable, with the province's threshold.
    await page.getByRole('tab', { name: 'Set indikator' }).click()
    await expect(page.getByLabel('Ambang D/S').first()).toHaveValue('40')
    await page.getByRole('tab', { name: 'Tawaran provinsi' }).click()
    await shot(page, 'kabupaten-offers-adopted')
  } finally {
    batam.proc.kill('SIGTERM')
  }
})
