import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import { expect, login, pick, setupKecamatan, shot, startHost, test } from './fixtures'
import { tsScript } from './support/ts-script'
import { englishOnly, INDONESIAN_MONTHS, INDONESIAN_WORDS, indonesianOnly } from './support/catalogue'
import { BULAN, MONTHS_EN } from '../../src/shared/format'
import { MAIN_SCREENS } from './support/screens'

// English is complete except printed documents: no rendered English screen may contain a
// text of the Indonesian catalogue (data such as posyandu names stays as entered).
const CATALOGUE = [...indonesianOnly(), ...INDONESIAN_WORDS, ...INDONESIAN_MONTHS]
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))

async function open(page: Page, route: string) {
  await page.evaluate((r) => (window.location.hash = `#/${r}`), route)
  await page.waitForTimeout(150)
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0, { timeout: 20_000 })
  await page.waitForTimeout(250)
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const indonesianIn = (text: string) => CATALOGUE.filter((id) => new RegExp(`(^|[^\\p{L}])${escape(id)}($|[^\\p{L}])`, 'u').test(text))
/** The visible text of the main area, without data shown as entered. */
const mainText = (page: Page) => page.locator('main').innerText()

test('every main screen in English shows no Indonesian catalogue text', async ({ page, screensHost: host }) => {
  test.setTimeout(180_000)
  expect(CATALOGUE.length).toBeGreaterThan(200)
  const listId = host.seed.listId
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await expect(page.getByRole('link', { name: 'Registry' })).toBeVisible()
  const found: string[] = []
  // Users & audit too (not a layout screen, but English like the rest).
  for (const s of [...MAIN_SCREENS, { name: 'honor-daftar-detail', route: `honor/daftar/${listId}` }, { name: 'pengguna', route: 'pengguna/users' }, { name: 'pengguna-audit', route: 'pengguna/audit' }]) {
    await open(page, s.route)
    // Data shown as entered (agency names, reference lists) is marked data-content="data"; it stays Indonesian.
    const text = await page.evaluate(() => {
      const hidden = [...document.querySelectorAll<HTMLElement>('[data-content="data"]')]
      for (const el of hidden) el.style.display = 'none'
      // What is not inner text but read all the same: placeholders, accessible names, tooltips.
      const attrs = [...document.querySelectorAll<HTMLElement>('main [placeholder], main [aria-label], main [title]')]
        .filter((el) => el.offsetParent !== null && !el.closest('[data-content="data"]'))
        .flatMap((el) => ['placeholder', 'aria-label', 'title'].map((a) => el.getAttribute(a) ?? ''))
        .filter(Boolean)
      const t = `${document.body.innerText}\n${attrs.join('\n')}`
      for (const el of hidden) el.style.display = ''
      return t
    })
    for (const id of CATALOGUE) {
      if (new RegExp(`(^|[^\\p{L}])${escape(id)}($|[^\\p{L}])`, 'u').test(text)) found.push(`${s.name}: "${id}"`)
    }
    // Tables by their screen names, sex in words (the data keeps app_user, L/P).
    if (s.name === 'pengguna-audit') for (const raw of text.match(/\b[a-z]+_[a-z_]+\b/g) ?? []) found.push(`${s.name}: table "${raw}"`)
    if (s.name === 'registri-kader' && /\t[LP]\t/.test(text)) found.push(`${s.name}: sex as L/P`)
    // The role Simpul gives an appointment and a rate ("pendamping") in English; the funding year "FY", not "TA".
    if ((s.name === 'honor-pendamping' || s.name === 'honor-tarif') && !/(^|\t)facilitator\t/m.test(text)) found.push(`${s.name}: role not in English`)
    if (s.name === 'honor-daftar-detail' && (/\bTA \d{4}\b/.test(text) || !/\bFY \d{4}\b/.test(text))) found.push(`${s.name}: fiscal year not in English`)
    // Numbers the English way: "89.5%", "1,139" (rupiah keeps its one form, "Rp 1.250.000").
    for (const raw of text.match(/\d+,\d+\s?%/g) ?? []) found.push(`${s.name}: percent "${raw}"`)
    // (Identifiers keep their dots: NPWP "02.123.456.7-118.000", wilayah codes.)
    for (const raw of text.replace(/Rp\s?[\d.]+/g, '').match(/(^|[^\d.,-])\d{1,3}(\.\d{3})+(?![\d.,-])/g) ?? []) found.push(`${s.name}: number "${raw.trim()}"`)
    await shot(page, `english-${s.name}`)
  }
  expect(found).toEqual([])
})

test('a refusal from core reads English on an English screen (no Indonesian catalogue text)', async ({ page, demoHost: host }) => {
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await open(page, 'registri/kader')
  const row = page.locator('main table tbody tr').first()
  const name = (await row.locator('td').nth(1).innerText()).trim()
  await row.getByRole('checkbox').check()
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Set inactive' }).click()
  const form = page.getByRole('dialog', { name: 'Set inactive' })
  // Before the cadre became active: core refuses (DATE_ORDER), in Indonesian; the screen says it in English.
  await form.getByLabel('Inactive from').fill('01/01/1950')
  await form.getByRole('button', { name: 'Continue' }).click()
  await page.getByRole('dialog', { name: 'Set 1 cadre inactive from 1950-01-01?' }).getByRole('button', { name: 'Set inactive' }).click()
  const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'Failed' })
  await expect(notice).toContainText(`Cadre ${name} is active only from`)
  const text = await notice.innerText()
  const found = CATALOGUE.filter((id) => new RegExp(`(^|[^\\p{L}])${escape(id)}($|[^\\p{L}])`, 'u').test(text))
  await shot(page, 'english-refusal')
  expect(found).toEqual([])
})

test('field messages and warnings of the cadre form read English (NIK, required name, warnings from core)', async ({ page, demoHost: host }) => {
  test.setTimeout(120_000)
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  const found: string[] = []
  const check = async (step: string) => {
    for (const id of indonesianIn(await mainText(page))) found.push(`${step}: "${id}"`)
  }
  await open(page, 'registri/kader/baru')
  const nik = page.getByRole('textbox', { name: 'NIK' })
  // An impossible birth date inside the NIK (day 00), then Save with no name: both fields say why, in English.
  await nik.fill('3325010013900001')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('The birth date inside the NIK is impossible.')).toBeVisible()
  await expect(page.getByText('A name needs at least 2 letters')).toBeVisible()
  await check('bad NIK, empty name')
  await shot(page, 'english-kader-field-errors')
  // Too short a NIK.
  await nik.fill('33250100')
  await nik.blur()
  await check('short NIK')

  // A real NIK, a birth date that differs from it: core answers with warnings to accept, by key.
  await nik.fill('3325014508900001')
  await page.getByLabel('Full name').fill('Uji Bahasa')
  await page.getByLabel('Birth date').fill('06/08/1990')
  await page.getByLabel('Birth date').blur()
  await pick(page, 'Posyandu', 'Posyandu')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const warnings = page.getByTestId('kader-warnings')
  await expect(warnings).toContainText('differs from the date in the NIK')
  await check('warnings of a new cadre')
  await shot(page, 'english-kader-warnings')
  await warnings.getByRole('button', { name: 'I have checked, save' }).click()
  await expect(page.getByText('Uji Bahasa').first()).toBeVisible()

  // The same NIK again: the duplicate warning names the cadre who has it.
  await open(page, 'registri/kader/baru')
  await page.getByRole('textbox', { name: 'NIK' }).fill('3325014508900001')
  await page.getByLabel('Full name').fill('Uji Lain')
  await pick(page, 'Posyandu', 'Posyandu')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByTestId('kader-warnings')).toContainText('This NIK is already used by cadre Uji Bahasa')
  await check('duplicate NIK')
  await shot(page, 'english-kader-duplicate')

  // A refusal core gives beside a field (a founding year in the future), keyed, on the posyandu form.
  await page.evaluate(() => (window.location.hash = '#/registri/posyandu/baru'))
  // (The half-filled cadre form asks before it is left.)
  await page.getByRole('dialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Discard changes' }).click()
  await open(page, 'registri/posyandu/baru')
  await page.getByLabel('Posyandu name').fill('Posyandu Uji Bahasa')
  await pick(page, 'Village', 'Brayo')
  await page.getByLabel('Year founded').fill('2100')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText('The founding year cannot be in the future')).toBeVisible()
  await check('posyandu founded in the future')
  await shot(page, 'english-posyandu-field-error')
  expect(found).toEqual([])
})

test('month names on an English province dashboard are English ("January to December"); the printed report stays Indonesian', async ({ page, host }) => {
  test.setTimeout(180_000)
  const init = await host.cli(['init', '--office', '21', '--name', 'Tim Pembina Posyandu Provinsi Kepulauan Riau', '--admin', 'admin'])
  expect(init.code, init.stderr).toBe(0)
  const demo = await host.cli(['demo', '--scale', 'provinsi', '--size', '0.01', '--years', '2', '--seed', '3', '--work', `${host.dir}/kantor-kabupaten`])
  expect(demo.code, demo.stderr).toBe(0)
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await expect(page.getByTestId('province-table')).toBeVisible({ timeout: 20_000 })
  const year = new Date().getFullYear() - 1
  // The figures arrive after the table frame (and the year settles on the last whole year): wait for them.
  await expect(page.getByText(`January to December ${year}`).first()).toBeVisible({ timeout: 20_000 })
  const text = await mainText(page)
  // The dashboard opens on the last whole year: completeness counts January to December of it.
  expect(text).toContain(`January to December ${year}`)
  expect(INDONESIAN_MONTHS.filter((m) => new RegExp(`(^|[^\\p{L}])${m}($|[^\\p{L}])`, 'u').test(text))).toEqual([])
  await shot(page, 'english-province-months')
  await page.getByTestId('province-print').click()
  await expect(page.getByText(`Januari s.d. Desember ${year}`)).toBeVisible()
  // The whole sheet is Indonesian: the table and chart headings too, not only the numbers.
  const sheet = await page.locator('.print-sheet').first().innerText()
  expect(englishOnly().filter((en) => new RegExp(`(^|[^\\p{L}])${escape(en)}($|[^\\p{L}])`, 'u').test(sheet))).toEqual([])
  await expect(page.getByRole('button', { name: 'Back', exact: true })).toBeVisible()
  await shot(page, 'english-province-print')
})

test('the spreadsheet import preview reads its row reasons and warnings in English', async ({ page, host }) => {
  test.setTimeout(120_000)
  await setupKecamatan(page, host)
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/e2e/helpers/seed-posyandu.ts'), host.dbFile, '12.18.04.2006', 'Posyandu Anggrek'], { cwd: ROOT })
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Kader')
  ws.addRow(['Nama Kader', 'NIK', 'JK', 'Tgl Lahir', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan', 'Aktif Sejak'])
  ws.addRow(['Siti Aminah', '1218044508900001', 'L', '05/08/1990', 'Ketua', 'Posyandu Anggrek', 'Sei Rampah', '01/01/2020'])
  ws.addRow(['Rina Marlina', '1218044202850001', 'P', '31/02/1985', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah', 'kemarin'])
  ws.addRow(['', '1218', 'X', '', 'Kepala', 'Posyandu Mawar', 'Desa Entah', ''])
  ws.addRow(['Dewi', 1218045506920004, 'P', '15/06/1992', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah', ''])
  const file = join(host.dir, 'kader-salah.xlsx')
  await wb.xlsx.writeFile(file)

  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await page.getByRole('link', { name: 'Registry' }).click()
  await page.getByRole('tab', { name: 'Import .xlsx' }).click()
  await page.getByTestId('import-kind').getByText('Cadres').click()
  await page.locator('input[type=file]').setInputFiles(file)
  const preview = page.getByTestId('import-preview')
  await expect(preview).toContainText('Birth date: "31/02/1985" is not a possible date (read as day/month/year)')
  await expect(preview).toContainText('Active from: "kemarin" cannot be read as a date')
  await expect(preview).toContainText('A NIK has 16 digits (4 characters typed).')
  await expect(preview).toContainText('Village "Desa Entah" is not in the area of this office')
  await expect(preview).toContainText('Sex male differs from the NIK (female).')
  await expect(preview).toContainText('The NIK was stored as a number in Excel')
  const text = await mainText(page)
  // Cell values quoted back ("kemarin", "Kepala", "Desa Entah") are data as typed, not catalogue text.
  await shot(page, 'english-registry-import-reasons')
  expect(indonesianIn(text.replace(/"[^"]*"/g, '""'))).toEqual([])
})

/** Whether a text holds a phrase as whole words. */
const holds = (text: string, phrase: string) => new RegExp(`(^|[^\\p{L}])${escape(phrase)}($|[^\\p{L}])`, 'u').test(text)

test('printed documents opened from an English screen stay Indonesian; their toolbars read English', async ({ page, screensHost: host }) => {
  test.setTimeout(240_000)
  const listId = host.seed.listId
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await expect(page.getByRole('link', { name: 'Registry' })).toBeVisible()
  const ENGLISH = englishOnly()
  expect(ENGLISH.length).toBeGreaterThan(200)
  const englishMonths = MONTHS_EN.filter((m, i) => m !== BULAN[i])
  const year = new Date().getFullYear() - 1
  const found: string[] = []
  // (The province and national reports: the province months test below prints one from English.)
  for (const [name, route, back] of [
    ['evaluation-report', `evaluasi/laporan/tahun/${year}/strata-2011`, true],
    ['rekap', `evaluasi/rekap/33.25.01/${year}-06`, true],
    ['programme-summary', `program/ringkasan/cetak/${year}/phi`, false],
    ['honor-list', `honor/daftar/${listId}/cetak`, false],
  ] as const) {
    await open(page, route)
    const sheet = page.locator('.print-sheet').first()
    await expect(sheet).toBeVisible({ timeout: 20_000 })
    await page.waitForTimeout(500)
    const text = await sheet.innerText()
    expect(text.length, name).toBeGreaterThan(200)
    for (const en of ENGLISH) if (holds(text, en)) found.push(`${name}: "${en}"`)
    for (const m of englishMonths) if (holds(text, m)) found.push(`${name}: month "${m}"`)
    // The toolbar is not printed: the screen's language.
    await expect(page.getByRole('button', { name: 'Print / PDF' })).toBeVisible()
    if (back) await expect(page.getByRole('button', { name: 'Back', exact: true })).toBeVisible()
    await shot(page, `english-print-${name}`)
  }
  expect(found).toEqual([])
})

test('regulation kinds and headings, and file sizes, in the screen\'s language', async ({ page, screensHost: host }) => {
  test.setTimeout(180_000)
  // (The layout seed adds the Kepbup on pendamping.)
  await login(page, host)
  // Indonesian first (the default): a backup's size with the Indonesian decimal mark.
  await open(page, 'pengaturan')
  await page.getByRole('button', { name: 'Buat cadangan sekarang' }).click()
  const backups = page.locator('main table').last()
  await expect(backups).toContainText(/\d+,\d+ (KB|MB)/)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await open(page, 'pengaturan')
  await expect(page.locator('main table').last()).toContainText(/\d+\.\d+ (KB|MB)/)
  await expect(page.locator('main table').last()).not.toContainText(/\d+,\d+ (KB|MB)/)

  await open(page, 'program/regulasi')
  await page.getByRole('link', { name: /Pendamping Posyandu Holistik/ }).first().click()
  await expect(page.getByRole('heading', { name: 'Kepbup No. 208/050/2014' })).toBeVisible()
  expect(await mainText(page)).not.toMatch(/\bNomor\b/)
  await open(page, 'program/regulasi')
  await page.getByRole('button', { name: 'Add regulation' }).click()
  const form = page.getByRole('dialog')
  const kind = form.getByRole('combobox', { name: 'Kind' })
  await expect(kind).toHaveValue('Perbup (Regent Regulation)')
  await kind.click()
  await kind.fill('Kepbup')
  await expect(page.getByRole('option', { name: 'Kepbup (Regent Decree)' })).toBeVisible()
  await kind.fill('Oth')
  await expect(page.getByRole('option', { name: 'Other', exact: true })).toBeVisible()
  await expect(page.getByRole('option', { name: /Lainnya/ })).toHaveCount(0)
  await shot(page, 'english-regulation-kinds')
})

test('a malformed rule in the form editor is explained in English (the expression\'s own error too)', async ({ page, host }) => {
  test.setTimeout(120_000)
  const init = await host.cli(['init', '--office', '12.18', '--name', 'Dinas Kesehatan Serdang Bedagai', '--admin', 'admin'])
  expect(init.code, init.stderr).toBe(0)
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await page.getByRole('link', { name: 'Reports & Evaluation' }).click()
  await page.getByRole('tab', { name: 'Forms' }).click()
  await expect(page.getByTestId('editor-fields')).toBeVisible()
  await page.getByRole('tab', { name: 'Rules' }).click()
  await page.getByTestId('rule-expr').fill('(1 <')
  await page.getByTestId('rule-message-id').fill('Uji aturan')
  await page.getByTestId('rule-message-en').fill('Rule test')
  await page.getByRole('button', { name: 'Add rule' }).click()
  const problems = page.getByTestId('editor-problems')
  await expect(problems).toContainText('"(1 <" is not valid: a number, a field or "(" expected, found the end of the expression')
  const text = await problems.innerText()
  await shot(page, 'english-form-editor-bad-rule')
  expect(indonesianIn(text)).toEqual([])
  expect(text).not.toMatch(/diharapkan|tertulis|akhir ekspresi/)
})

test('a bundle\'s dry run names each row left out, with its reason, in English', async ({ page, host }) => {
  test.setTimeout(180_000)
  const kec = await startHost()
  try {
    const ok = async (p: Promise<{ code: number; stdout: string; stderr: string }>) => {
      const r = await p
      expect(r.code, r.stderr).toBe(0)
      return r.stdout.trim() ? JSON.parse(r.stdout) : null
    }
    await ok(host.cli(['init', '--office', '12.18', '--name', 'Dinas Kesehatan Serdang Bedagai', '--admin', 'admin', '--json']))
    await ok(kec.cli(['init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--json']))
    const dir = test.info().outputPath()
    const kabCard = await ok(host.cli(['office', 'card', '--out', join(dir, 'kab.card'), '--json']))
    const kecCard = await ok(kec.cli(['office', 'card', '--out', join(dir, 'kec.card'), '--json']))
    await ok(host.cli(['office', 'enrol', kecCard.file, '--fingerprint', kecCard.fingerprint, '--json']))
    await ok(kec.cli(['office', 'enrol', kabCard.file, '--fingerprint', kabCard.fingerprint, '--json']))
    execFileSync(process.execPath, [...tsScript('tests/e2e/support/add-posyandu.ts'), kec.dbFile, 'Posyandu Melati', 'Posyandu Mawar'], { cwd: ROOT })
    // The kecamatan's own file, edited behind Simpul's back: a name no form lets through.
    execFileSync(process.execPath, [...tsScript('tests/e2e/support/run-sql.ts'), kec.dbFile, "UPDATE posyandu SET name = 'Ab' WHERE name = 'Posyandu Mawar'"], { cwd: ROOT })
    const up = await ok(kec.cli(['bundle', 'export', '--to', '12.18', '--out', dir, '--json']))

    await login(page, host)
    await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
    await page.reload()
    await page.getByRole('link', { name: 'Data Exchange' }).click()
    await page.getByRole('tab', { name: 'Receive bundle' }).click()
    await page.locator('input[type=file]').setInputFiles(up.file)
    await page.getByRole('button', { name: 'Dry run' }).click()
    const dry = page.getByTestId('dry-run')
    await expect(dry).toContainText('nothing saved yet')
    await expect(dry).toContainText('does not meet the data rules: name: at least 3 letters')
    const text = await dry.innerText()
    await shot(page, 'english-bundle-dry-run-reasons')
    expect(indonesianIn(text)).toEqual([])
    expect(text).not.toMatch(/tidak memenuhi|minimal 3 huruf/)
    // The manifest's version line too ("skema" is Indonesian).
    await expect(page.getByTestId('manifest')).toContainText(/format \d+ · schema \d+ · Simpul/)
  } finally {
    kec.proc.kill('SIGTERM')
  }
})
