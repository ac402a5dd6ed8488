import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, fillAdmin, login, passRecoveryCode, shot, test } from './fixtures'
import { englishOnly, INDONESIAN_MONTHS, INDONESIAN_WORDS, indonesianOnly } from './support/catalogue'
import { tsScript } from './support/ts-script'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

test('setup on screen as a national office (ID): no area to pick, the name suggested, the national badge', async ({ page, host }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.goto(host.url)
  await page.getByText('Kantor nasional').click()
  await expect(page.getByTestId('setup-nasional')).toContainText('seluruh Indonesia (kode wilayah ID)')
  await expect(page.getByRole('combobox', { name: 'Provinsi' })).toHaveCount(0)
  await expect(page.getByLabel('Nama kantor')).toHaveValue('Kementerian Dalam Negeri')
  await fillAdmin(page)
  await shot(page, 'setup-nasional')
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await passRecoveryCode(page)
  await expect(page.getByTestId('office-name')).toHaveText('Kementerian Dalam Negeri')
  await expect(page.getByText('nasional', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Dasbor Nasional' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Pendamping & Honor' })).toHaveCount(0)
  // The figures answer for the whole country, with no province yet.
  const info = await host.cli(['province', 'summary', '--year', '2025', '--json'])
  expect(info.code, info.stderr).toBe(0)
  expect(JSON.parse(info.stdout)).toMatchObject({ area: { code: 'ID', name: 'Indonesia' }, unit: 'provinsi', kabupaten: [] })
})

test('setup on screen as a province office', async ({ page, host }) => {
  await page.goto(host.url)
  await page.getByText('Kantor provinsi').click()
  await expect(page.getByRole('combobox', { name: 'Kabupaten/kota' })).toHaveCount(0)
  const input = page.getByRole('combobox', { name: 'Provinsi' })
  await input.click()
  await input.fill('kepri')
  await page.getByRole('option', { name: /Kepulauan Riau/ }).first().click()
  await expect(page.getByLabel('Nama kantor')).toHaveValue('Tim Pembina Posyandu Provinsi Kepulauan Riau')
  await fillAdmin(page)
  await shot(page, 'setup-provinsi')
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await passRecoveryCode(page)
  await expect(page.getByTestId('office-name')).toHaveText('Tim Pembina Posyandu Provinsi Kepulauan Riau')
})

test('national dashboard: empty, then two provinces relayed from their kabupaten — per province, national total, one province per kabupaten, printed report', async ({ page, host }) => {
  test.setTimeout(240_000)
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
  await page.setViewportSize({ width: 1024, height: 768 })
  const init = await host.cli(['init', '--office', 'ID', '--name', 'Kementerian Dalam Negeri', '--admin', 'admin'])
  expect(init.code, init.stderr).toBe(0)
  await login(page, host)
  await expect(page.getByRole('heading', { name: /Dasbor Nasional — Indonesia/ })).toBeVisible()
  await expect(page.getByTestId('province-empty')).toContainText('Belum ada data dari provinsi')
  // A national office offers nothing down to the kabupaten/kota: no offers tab.
  await expect(page.getByRole('tab', { name: 'Tawaran ke kabupaten/kota' })).toHaveCount(0)
  await shot(page, 'national-empty')

  const work = mkdtempSync(join(tmpdir(), 'simpul-nat-work-'))
  const seeded = JSON.parse(execFileSync(process.execPath, [...tsScript('tests/e2e/support/national-seed.ts'), host.dbFile, work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!) as { code: string; posyandu: number }[]
  const year = new Date().getFullYear() - 1
  const cli = await host.cli(['province', 'summary', '--year', String(year), '--json'])
  expect(cli.code, cli.stderr).toBe(0)
  const s = JSON.parse(cli.stdout) as import('../../src/shared/contract/province').ProvinceSummary
  expect(s.kabupaten.map((p) => p.code)).toEqual(['21', '34'])
  expect(s.kabupaten.map((p) => p.posyandu)).toEqual(seeded.map((p) => p.posyandu))

  await page.reload()
  const table = page.getByTestId('province-table')
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await expect(table.locator('thead')).toContainText('Provinsi')
  await expect(page.getByTestId('kab-21')).toContainText('Kepulauan Riau')
  await expect(page.getByTestId('province-total')).toContainText('JUMLAH NASIONAL')
  const fmt = (n: number) => n.toLocaleString('id-ID')
  await expect(page.getByTestId('kpi-posyandu')).toContainText(fmt(s.total.posyandu))
  await expect(page.getByTestId('kpi-posyandu')).toContainText('2 provinsi')
  await expect(page.getByTestId('kpi-kader')).toContainText(fmt(s.total.kader))
  await expect(page.getByTestId('kpi-aktif')).toContainText(`${fmt(s.total.aktif)} dari ${fmt(s.total.denominator)} posyandu, tahun ${year}`)
  await expect(page.getByTestId('province-total')).toContainText(`${fmt(s.total.aktif)} / ${fmt(s.total.denominator)}`)
  await expect(page.getByTestId('chart-strata')).toContainText(`Sebaran strata per provinsi, ${year}`)
  await expect(page.getByTestId('stale-none')).toContainText('Semua provinsi mengirim bundel')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024)
  await shot(page, 'national-dashboard-1024')

  // One province, per kabupaten/kota: the province's own figures.
  const kepri = await host.cli(['province', 'summary', '--year', String(year), '--province', '21', '--json'])
  const k = JSON.parse(kepri.stdout) as typeof s
  await page.getByTestId('province-detail').click()
  await page.getByRole('option', { name: 'Provinsi Kepulauan Riau, per kabupaten/kota' }).click()
  await expect(page.getByRole('heading', { name: /Dasbor Nasional — Kepulauan Riau/ })).toBeVisible()
  await expect(table.locator('tbody tr')).toHaveCount(k.kabupaten.length + 1)
  expect(k.kabupaten.length).toBe(7)
  await expect(page.getByTestId('province-total')).toContainText('JUMLAH PROVINSI')
  await expect(page.getByTestId('kab-21.71')).toContainText('Kota Batam')
  await expect(page.getByTestId('kpi-posyandu')).toContainText(fmt(s.kabupaten.find((p) => p.code === '21')!.posyandu))
  await shot(page, 'national-dashboard-kepri')

  // The printed report of the whole country, signed by the national team.
  await page.getByTestId('province-detail').click()
  await page.getByRole('option', { name: 'Seluruh Indonesia, per provinsi' }).click()
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await page.getByTestId('province-print').click()
  await expect(page.getByTestId('report-title')).toHaveText('Laporan Perkembangan Posyandu Nasional')
  await expect(page.getByText('Bahan Rapat Koordinasi Tim Pembina Posyandu Tingkat Pusat')).toBeVisible()
  await expect(page.getByText('Dr. Rahmawati Siregar, M.Si.')).toBeVisible()
  await expect(page.getByText('A. Posyandu, kader dan strata per provinsi')).toBeVisible()
  await shot(page, 'national-report')
  await expect(page.getByTestId('province-total')).toContainText(`${fmt(s.total.completeness.reported)} / ${fmt(s.total.completeness.expected)}`)

  // English reads the level names by key.
  await page.getByRole('button', { name: 'Kembali' }).click()
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await expect(page.getByRole('heading', { name: /National dashboard — Indonesia/ })).toBeVisible()
  await expect(page.getByTestId('province-total')).toContainText('NATIONAL TOTAL')
  await expect(page.getByText('national', { exact: true })).toBeVisible()
  await shot(page, 'national-dashboard-en')
  // English numbers: "1,139 / 1,272" and "89.5%", never the Indonesian "1.139" or "89,5%" (the printed report keeps those).
  const en = (n: number) => n.toLocaleString('en-GB')
  const { reported, expected } = s.total.completeness
  expect(expected).toBeGreaterThan(999)
  await expect(page.getByTestId('province-total')).toContainText(`${en(reported)} / ${en(expected)}`)
  await expect(page.getByTestId('kpi-completeness')).toContainText(`${en(reported)} of ${en(expected)}`)
  await expect(page.getByTestId('kpi-completeness')).toContainText(`${(Math.round((1000 * reported) / expected) / 10).toFixed(1)}%`)
  const screenText = await page.evaluate(() => document.body.innerText + ' ' + [...document.querySelectorAll('svg text')].map((e) => e.textContent).join(' '))
  expect(screenText.match(/(^|[^\d.,])\d{1,3}(\.\d{3})+(?![\d.,])/g) ?? []).toEqual([])
  expect(screenText.match(/\d+,\d+\s?%/g) ?? []).toEqual([])
  expect(screenText.match(/(^|[^\d.,])\d+,\d(?![\d,])/g) ?? []).toEqual([])
  // No Indonesian catalogue text on the English screen (the data, such as names, stays as it is).
  const text = await page.evaluate(() => document.body.innerText)
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  expect([...indonesianOnly(), ...INDONESIAN_WORDS, ...INDONESIAN_MONTHS].filter((id) => new RegExp(`(^|[^\\p{L}])${escape(id)}($|[^\\p{L}])`, 'u').test(text))).toEqual([])

  // Printed from an English screen, the report's numbers stay Indonesian.
  await page.getByTestId('province-print').click()
  await expect(page.getByTestId('report-title')).toBeVisible()
  await expect(page.getByTestId('province-total')).toContainText(`${fmt(reported)} / ${fmt(expected)}`)
  // Its headings too: no English catalogue text on the sheet; the toolbar (not printed) is English.
  const sheet = await page.locator('.print-sheet').first().innerText()
  expect(englishOnly().filter((x) => new RegExp(`(^|[^\\p{L}])${escape(x)}($|[^\\p{L}])`, 'u').test(sheet))).toEqual([])
  await expect(page.getByRole('button', { name: 'Back', exact: true })).toBeVisible()
  await shot(page, 'national-report-from-en')
})
