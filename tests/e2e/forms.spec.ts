import { execFileSync } from 'node:child_process'
import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { BULAN } from '../../src/shared/format'
import { expect, pick, shot, startHost, test, login } from './fixtures'
import { tsScript } from './support/ts-script'

// This month: its deadline (the 5th of next month) is still ahead, so today's reports are on time.
const now = new Date()
const YEAR = String(now.getFullYear())
const MONTH = `${YEAR}-${String(now.getMonth() + 1).padStart(2, '0')}`
const MONTH_NAME = BULAN[now.getMonth()]

const addPosyandu = (dbFile: string, ...names: string[]) =>
  execFileSync(process.execPath, [...tsScript('tests/e2e/support/add-posyandu.ts'), dbFile, ...names])

const json = async (p: Promise<{ code: number; stdout: string; stderr: string }>) => {
  const r = await p
  if (r.code !== 0) throw new Error(`${r.code}: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

test('the kabupaten adds a field to the ILP form and sends it; the kecamatan fills it; completeness shows who has not reported', async ({ page, host, browser }) => {
  test.setTimeout(240_000)
  page.on('pageerror', (e) => console.log('PAGEERROR', e.message))
  const kec = await startHost()
  try {
    await json(host.cli(['init', '--office', '12.18', '--name', 'Dinas Kesehatan Serdang Bedagai', '--admin', 'admin', '--admin-name', 'Rahmat', '--json']))
    await json(kec.cli(['init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--admin-name', 'Siti', '--json']))
    addPosyandu(kec.dbFile, 'Posyandu Mawar', 'Posyandu Melati', 'Posyandu Kenanga')
    const dir = test.info().outputPath()
    // The offices swap cards (the fingerprint is read over the phone).
    const kabCard = await json(host.cli(['office', 'card', '--out', join(dir, 'kab.card'), '--json']))
    const kecCard = await json(kec.cli(['office', 'card', '--out', join(dir, 'kec.card'), '--json']))
    await json(host.cli(['office', 'enrol', kecCard.file, '--fingerprint', kecCard.fingerprint, '--json']))
    await json(kec.cli(['office', 'enrol', kabCard.file, '--fingerprint', kabCard.fingerprint, '--json']))
    // The kabupaten learns the kecamatan's posyandu first.
    const up = await json(kec.cli(['bundle', 'export', '--to', '12.18', '--out', dir, '--json']))
    await json(host.cli(['bundle', 'import', up.file, '--json']))

    // Kabupaten: the form editor adds "Lansia diskrining risiko jatuh" to the ILP form.
    await login(page, host)
    await page.getByRole('link', { name: 'Laporan & Evaluasi' }).click()
    await page.getByRole('tab', { name: 'Formulir' }).click()
    await expect(page.getByTestId('editor-fields')).toContainText('lansia_datang')
    await page.getByTestId('field-key').fill('lansia_jatuh')
    await page.getByTestId('field-label-id').fill('Lansia diskrining risiko jatuh')
    await page.getByTestId('field-label-en').fill('Older people screened for fall risk')
    await page.getByTestId('field-short').fill('Risiko jatuh')
    await pick(page, 'Bagian', 'Lanjut usia')
    await page.getByRole('button', { name: 'Tambah isian' }).click()
    await page.getByRole('tab', { name: 'Aturan' }).click()
    await page.getByTestId('rule-expr').fill('lansia_jatuh <= lansia_datang +')
    await page.getByTestId('rule-message-id').fill('Skrining jatuh tidak boleh lebih dari lansia dilayani')
    await page.getByTestId('rule-message-en').fill('Fall screenings cannot exceed older people served')
    await page.getByRole('button', { name: 'Tambah aturan' }).click()
    // A malformed rule is refused before anything is saved.
    await expect(page.getByTestId('editor-problems')).toContainText('tidak sah')
    await expect(page.getByRole('button', { name: 'Periksa dan simpan' })).toBeDisabled()
    await shot(page, 'forms-editor-bad-rule')
    await page.getByRole('button', { name: 'Hapus' }).last().click()
    await page.getByTestId('rule-expr').fill('lansia_jatuh <= lansia_datang')
    await page.getByTestId('rule-message-id').fill('Skrining jatuh tidak boleh lebih dari lansia dilayani')
    await page.getByTestId('rule-message-en').fill('Fall screenings cannot exceed older people served')
    await page.getByRole('button', { name: 'Tambah aturan' }).click()
    await expect(page.getByTestId('editor-problems')).toHaveCount(0)
    await page.getByRole('tab', { name: 'Pratinjau grid' }).click()
    await expect(page.getByLabel('Risiko jatuh Posyandu contoh')).toBeVisible()
    await page.getByRole('button', { name: 'Periksa dan simpan' }).click()
    const changes = page.getByTestId('form-changes')
    await expect(changes).toContainText('Isian baru: Lansia diskrining risiko jatuh (lansia_jatuh) di bagian Lanjut usia')
    await expect(changes).toContainText('Aturan baru (menolak simpan): lansia_jatuh <= lansia_datang')
    await expect(changes).not.toContainText('Indikator')
    await page.waitForTimeout(400) // the modal's fade-in, for the screenshot
    await shot(page, 'forms-editor-confirm')
    await page.getByRole('button', { name: 'Simpan versi 2' }).click()
    await expect(page.getByText('Formulir ILP versi 2 tersimpan')).toBeVisible()
    expect((await json(host.cli(['form', 'list', '--json']))).find((f: { code: string }) => f.code === 'ILP')).toMatchObject({ version: 2, owner: '12.18' })

    // The bundle carries version 2 down.
    const down = await json(host.cli(['bundle', 'export', '--to', '12.18.04', '--out', dir, '--json']))
    await json(kec.cli(['bundle', 'import', down.file, '--json']))
    expect((await json(kec.cli(['form', 'show', 'ILP', '--json']))).fields.some((f: { key: string }) => f.key === 'lansia_jatuh')).toBe(true)

    // Kecamatan: the ILP grid has the new column; two of three posyandu report this month.
    const kp = await browser.newPage()
    kp.on('pageerror', (e) => console.log('PAGEERROR kec', e.message))
    await kp.setViewportSize({ width: 1024, height: 768 })
    await login(kp, kec)
    await kp.getByRole('link', { name: 'Laporan & Evaluasi' }).click()
    await pick(kp, 'Formulir', 'Laporan bulanan Posyandu ILP')
    await pick(kp, 'Bulan', MONTH_NAME)
    await pick(kp, 'Tahun', YEAR)
    await expect(kp.getByTestId('form-source')).toContainText('versi 2')
    for (const [name, served, screened] of [['Posyandu Mawar', '20', '25'], ['Posyandu Melati', '12', '8']]) {
      await kp.getByLabel(`Buka ${name}`).fill('ya')
      await kp.getByLabel(`Lansia dilayani ${name}`).fill(served)
      await kp.getByLabel(`Risiko jatuh ${name}`).fill(screened)
      await kp.getByLabel(`Risiko jatuh ${name}`).press('Enter')
    }
    // Mawar screened more than it served: flagged as typed, with the kabupaten's message.
    await kp.getByLabel('Risiko jatuh Posyandu Mawar').focus()
    await expect(kp.getByTestId('checks')).toContainText('Skrining jatuh tidak boleh lebih dari lansia dilayani')
    await expect(kp.getByLabel('Risiko jatuh Posyandu Mawar')).toHaveAttribute('aria-invalid', 'true')
    await shot(kp, 'forms-ilp-grid-1024')
    await kp.getByLabel('Risiko jatuh Posyandu Mawar').fill('18')
    await expect(kp.getByTestId('checks')).toContainText('Tidak ada masalah')
    await kp.keyboard.press('Control+s')
    await expect(kp.getByText('Laporan tersimpan: 2 posyandu')).toBeVisible()

    // Completeness: Kenanga has not reported.
    await kp.getByRole('tab', { name: 'Kelengkapan' }).click()
    await pick(kp, 'Formulir', 'Laporan bulanan Posyandu ILP')
    await pick(kp, 'Bulan', MONTH_NAME)
    await pick(kp, 'Tahun', YEAR)
    const table = kp.getByTestId('completeness-table')
    await expect(table.getByRole('row', { name: /Posyandu Kenanga/ })).toContainText('belum melapor')
    await expect(table.getByRole('row', { name: /Posyandu Mawar/ })).toContainText('tepat waktu')
    await expect(kp.getByTestId('total-missing')).toHaveText('belum melapor: 1')
    await shot(kp, 'forms-completeness')
    const cli = await json(kec.cli(['completeness', '--form', 'ILP', '--month', MONTH, '--json']))
    expect(cli.rows.filter((r: { status: string }) => r.status === 'missing').map((r: { name: string }) => r.name)).toEqual(['Posyandu Kenanga'])
    await kp.getByRole('button', { name: /Cetak "posyandu yang belum melapor"/ }).click()
    await expect(kp.getByTestId('missing-print')).toContainText('Posyandu Kenanga')
    await expect(kp.getByTestId('missing-print')).not.toContainText('Posyandu Mawar')
    await shot(kp, 'forms-missing-print')

    // Kenanga's report arrives as the recap sheet the office keeps: dry run, then saved.
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Rekap ILP')
    ws.addRow(['REKAP LAPORAN POSYANDU ILP KECAMATAN SEI RAMPAH'])
    ws.addRow([])
    ws.addRow(['No', 'Nama Posyandu', 'Buka', 'Lansia dilayani', 'Risiko jatuh'])
    ws.addRow([1, 'Kenanga', 'ya', 9, 4])
    const xlsx = join(dir, 'rekap-ilp.xlsx')
    await wb.xlsx.writeFile(xlsx)
    await kp.goBack()
    await kp.getByRole('tab', { name: 'Laporan bulanan' }).click()
    await pick(kp, 'Formulir', 'Laporan bulanan Posyandu ILP')
    await pick(kp, 'Bulan', MONTH_NAME)
    await pick(kp, 'Tahun', YEAR)
    const chooser = kp.waitForEvent('filechooser')
    await kp.getByRole('button', { name: 'Impor rekap .xlsx' }).click()
    await (await chooser).setFiles(xlsx)
    await expect(kp.getByTestId('form-import-preview')).toContainText('1 dapat disimpan')
    await shot(kp, 'forms-import-preview')
    await kp.getByRole('button', { name: 'Simpan semua baris' }).click()
    await expect(kp.getByLabel('Risiko jatuh Posyandu Kenanga')).toHaveValue('4')
    await kp.getByRole('tab', { name: 'Kelengkapan' }).click()
    await pick(kp, 'Formulir', 'Laporan bulanan Posyandu ILP')
    await pick(kp, 'Bulan', MONTH_NAME)
    await pick(kp, 'Tahun', YEAR)
    await expect(kp.getByTestId('total-missing')).toHaveText('belum melapor: 0')
    await expect(kp.getByTestId('quality')).toContainText('Mutu data ILP')

    // The values come back to the kabupaten with their form version.
    const back = await json(kec.cli(['bundle', 'export', '--to', '12.18', '--out', dir, '--json']))
    await json(host.cli(['bundle', 'import', back.file, '--json']))
    const atKab = await json(host.cli(['completeness', '--form', 'ILP', '--month', MONTH, '--json']))
    expect(atKab.total).toMatchObject({ posyandu: 3, missing: 0 })
    expect(atKab.rows.find((r: { name: string }) => r.name === 'Posyandu Mawar')).toMatchObject({ formVersion: 2 })
    await kp.close()
  } finally {
    kec.proc.kill('SIGTERM')
  }
})
