import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { ADMIN, expect, login, pick, setupKabupaten, shot, test, type Host } from './fixtures'
import { tsScript } from './support/ts-script'

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const SHOTS = join(ROOT, 'test-results', 'screenshots')

/** Runs tests/e2e/honor-seed.ts against the host's database (posyandu and the Kepbup belong to other areas). */
const seed = (host: Host, ...args: string[]) => execFileSync(process.execPath, [...tsScript('tests/e2e/honor-seed.ts'), host.dbFile, ...args], { cwd: ROOT })

/** The office's people besides the administrator; all share the e2e password. */
const STAFF = {
  ani: { username: 'ani', password: ADMIN.password, name: 'Ani Lubis', role: 'operator' },
  vera: { username: 'vera', password: ADMIN.password, name: 'Vera Sinaga', role: 'verifikator' },
  lely: { username: 'lely', password: ADMIN.password, name: 'Lely Marpaung', role: 'pptk' },
  rina: { username: 'rina', password: ADMIN.password, name: 'Rina Sembiring', role: 'bendahara' },
}
type Staff = (typeof STAFF)[keyof typeof STAFF]

/** Adds people through the CLI, as the administrator (the users screen is shown in the second test). */
async function addStaff(host: Host, ...people: Staff[]) {
  for (const p of people) {
    const r = await host.cli(['user', 'add', p.username, '--role', p.role, '--name', p.name])
    expect(r.code, r.stderr).toBe(0)
  }
}

/** Logs in as someone and opens a honor list by its URL. */
async function openListAs(page: Page, host: Host, who: Staff, listId: string) {
  await login(page, host, who, `honor/daftar/${listId}`)
  await expect(page.getByTestId('current-user')).toHaveText(who.name)
}

const listIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash).split('/').pop()!

async function fillLetterhead(page: Page) {
  await page.getByRole('link', { name: 'Pengaturan' }).click()
  await page.locator('input[type=file][accept="image/png,image/jpeg"]').setInputFiles(join(ROOT, 'node_modules/playwright-core/lib/server/chromium/appIcon.png'))
  await page.getByLabel('Pemerintah (baris 1 kop)').fill('PEMERINTAH KABUPATEN SERDANG BEDAGAI')
  await page.getByLabel('Nama kantor (baris 2 kop)').fill('BADAN PERENCANAAN PEMBANGUNAN DAERAH')
  await page.getByLabel('Alamat').fill('Jl. Negara No. 300, Sei Rampah 20695')
  await page.getByLabel('Tempat penandatanganan').fill('Sei Rampah')
  const signers: [string, string, string][] = [
    ['Pengguna Anggaran (Kepala Bappeda)', 'Ir. H. Syahrial Nasution, M.Si', '196805121994031007'],
    ['PPTK', 'Dra. Lely Marpaung', '197203151998032004'],
    ['Bendahara Pengeluaran', 'Rina Sembiring, S.E.', '198507222010012015'],
  ]
  for (const [role, name, nip] of signers) {
    await page.getByLabel(`${role} nama`).fill(name)
    await page.getByLabel(`${role} NIP`).fill(nip)
  }
  await page.getByRole('button', { name: 'Simpan kop dan penandatangan' }).click()
  await expect(page.getByText('Kop surat dan penandatangan tersimpan')).toBeVisible()
}

async function addPerson(page: Page, p: { nik: string; name: string; npwp?: string; bank: string; account: string }) {
  await page.getByRole('button', { name: 'Tambah pendamping' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('textbox', { name: /^NIK/ }).fill(p.nik)
  await dialog.getByLabel('Nama lengkap').fill(p.name)
  if (p.npwp) await dialog.getByLabel('NPWP', { exact: true }).fill(p.npwp)
  await dialog.getByLabel('Nama bank').fill(p.bank)
  await dialog.getByLabel('Nomor rekening').fill(p.account)
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('cell', { name: p.name, exact: true })).toBeVisible()
}

async function assign(page: Page, person: string, posyandu: string, from: string) {
  await page.getByRole('button', { name: 'Tugaskan ke posyandu' }).click()
  const dialog = page.getByRole('dialog')
  await pick(page, 'Pendamping', person)
  await pick(page, 'Posyandu', posyandu)
  await pick(page, 'Keputusan (SK penugasan)', '208/050/2014')
  await dialog.getByLabel('Mulai').fill(from)
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  await expect(dialog).toBeHidden()
}

async function savePdf(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true })
  const file = join(SHOTS, `${name}.pdf`)
  await page.emulateMedia({ media: 'print' })
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true })
  await page.emulateMedia({ media: 'screen' })
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, name)])
  return file
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-']).toString()
const rupiah = (n: number) => n.toLocaleString('id-ID')

test('appoint two pendamping, set a rate typed with dots, the operator makes a quarterly list, the verifier checks it, the PPTK approves; xlsx and PDF (A4 and F4)', async ({ page, host }) => {
  test.setTimeout(120_000)
  await setupKabupaten(page, host)
  seed(host)
  await fillLetterhead(page)

  await page.getByRole('link', { name: 'Pendamping & Honor' }).click()
  await expect(page.getByText('Belum ada pendamping')).toBeVisible()
  // A bad NIK is refused beside its field and nothing is saved.
  await page.getByRole('button', { name: 'Tambah pendamping' }).click()
  await page.getByRole('dialog').getByRole('textbox', { name: /^NIK/ }).fill('12180445')
  await page.getByRole('dialog').getByLabel('Nama lengkap').fill('Siti Aminah')
  await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByText('NIK harus 16 angka')).toBeVisible()
  await shot(page, 'honor-person-invalid')
  await page.getByRole('dialog', { name: 'Tambah pendamping' }).getByRole('button', { name: 'Batal' }).click()
  // The form has changes: Batal asks before throwing them away.
  await page.getByRole('dialog', { name: 'Perubahan belum disimpan' }).getByRole('button', { name: 'Buang perubahan' }).click()

  await addPerson(page, { nik: '1218044501900001', name: 'Siti Aminah', npwp: '12.345.678.9-118.000', bank: 'Bank Sumut', account: '1001900001' })
  await addPerson(page, { nik: '1218051203850002', name: 'Budi Santoso', bank: 'BRI', account: '3320010045507' })
  await assign(page, 'Siti Aminah', 'Melati', '2025-07-01')
  await assign(page, 'Budi Santoso', 'Mawar', '2025-07-01')
  await expect(page.getByRole('cell', { name: /Kepbup No. 208\/050\/2014/ }).first()).toBeVisible()
  await shot(page, 'honor-pendamping')

  await page.getByRole('tab', { name: 'Tarif honor' }).click()
  await page.getByRole('button', { name: 'Tambah tarif' }).click()
  // Typed the Indonesian way, with thousands dots.
  await page.getByRole('dialog').getByLabel('Honor per bulan (Rp)').pressSequentially('330.000')
  await page.getByRole('dialog').getByLabel('Berlaku mulai').fill('2026-01-01')
  await pick(page, 'Dasar penetapan', '208/050/2014')
  await page.getByRole('dialog').getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByRole('cell', { name: 'Rp 330.000' })).toBeVisible()
  await shot(page, 'honor-tarif')

  // Many more pendamping (seeded) so the printed list runs over several pages.
  seed(host, '--extra', '24')
  await addStaff(host, STAFF.ani, STAFF.vera, STAFF.lely)

  // The administrator enters master data but does not prepare lists.
  await page.getByRole('tab', { name: 'Daftar honor' }).click()
  await expect(page.getByRole('tab', { name: 'Daftar honor', selected: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Buat daftar honor' })).toHaveCount(0)

  await login(page, host, STAFF.ani, 'honor/daftar')
  await page.getByRole('button', { name: 'Buat daftar honor' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Tahun anggaran').fill('2026')
  await pick(page, 'Triwulan', 'Triwulan I')
  await dialog.getByLabel('Kode sub-kegiatan (DPA)').fill('5.01.01.2.06.0003')
  await dialog.getByLabel('Nama sub-kegiatan').fill('Koordinasi Pelaksanaan Sinergi Posyandu Holistik Integratif')
  await dialog.getByRole('button', { name: 'Buat daftar honor' }).click()
  await expect(page.getByRole('heading', { name: 'Disusun' })).toBeVisible()
  await expect(page.getByText('Triwulan I 2026').first()).toBeVisible()
  // 26 pendamping × 3 months × Rp 330.000.
  const gross = 26 * 3 * 330_000
  await expect(page.getByTestId('total-gross')).toHaveText(`Rp ${rupiah(gross)}`)
  // The operator cannot approve: the button is not there.
  await expect(page.getByRole('button', { name: 'Setujui (final)' })).toHaveCount(0)
  await shot(page, 'honor-draft')
  const listId = listIdOf(page)

  await openListAs(page, host, STAFF.vera, listId)
  await page.getByRole('button', { name: 'Verifikasi' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Verifikasi' }).click()
  await expect(page.getByText('Diverifikasi', { exact: true }).first()).toBeVisible()

  await openListAs(page, host, STAFF.lely, listId)
  await page.getByRole('button', { name: 'Setujui (final)' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Setujui (final)' }).click()
  await expect(page.getByRole('heading', { name: '001/HONOR/2026' })).toBeVisible()
  await expect(page.getByText('Disetujui (final)', { exact: true }).first()).toBeVisible()
  await expect(page.getByText('isinya dikunci oleh basis data')).toBeVisible()
  await expect(page.getByTestId('approval-steps')).toContainText('Ani Lubis')
  await expect(page.getByTestId('approval-steps')).toContainText('Vera Sinaga')
  await expect(page.getByTestId('approval-steps')).toContainText('Lely Marpaung')
  await shot(page, 'honor-final')

  // The database sums, from the command line.
  const listed = await host.cli(['honor', 'lists', '--json'])
  const [list] = JSON.parse(listed.stdout) as { id: string; number: string; totalGross: number; totalTax: number; totalNet: number }[]
  expect(list).toMatchObject({ number: '001/HONOR/2026', totalGross: gross })

  // xlsx through the browser's download.
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Unduh .xlsx' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('honor-001-HONOR-2026.xlsx')
  const xlsxFile = join(host.dir, 'honor.xlsx')
  await download.saveAs(xlsxFile)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(xlsxFile)
  const ws = wb.getWorksheet('Daftar Honor')!
  const total = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(2).value === 'JUMLAH')!
  expect((total.getCell(7).value as { result: number }).result).toBe(list.totalGross)
  expect((total.getCell(8).value as { result: number }).result).toBe(list.totalTax)
  expect((total.getCell(9).value as { result: number }).result).toBe(list.totalNet)
  const bankSheet = wb.getWorksheet('Transfer Bank')!
  expect((bankSheet.getRow(28).getCell(5).value as { result: number }).result).toBe(list.totalNet)

  // The printable list, as PDF on A4 and F4 landscape.
  await page.getByRole('button', { name: 'Cetak / PDF' }).click()
  await expect(page.getByTestId('print-table')).toBeVisible()
  await expect(page.getByText('BADAN PERENCANAAN PEMBANGUNAN DAERAH')).toBeVisible()
  await shot(page, 'honor-print-screen')
  const a4 = pdfText(await savePdf(page, 'honor-print-a4'))
  await page.getByText('F4 / Folio').click()
  const f4 = pdfText(await savePdf(page, 'honor-print-f4'))
  for (const text of [a4, f4]) {
    const pages = text.split('\f').filter((p) => p.trim())
    expect(pages.length).toBeGreaterThan(1)
    // The table header repeats on every page that holds table rows.
    for (const p of pages.slice(0, -1)) expect(p).toMatch(/Honor\/bulan/)
    expect(text).toContain(rupiah(list.totalGross))
    expect(text).toContain(rupiah(list.totalTax))
    expect(text).toContain(rupiah(list.totalNet))
    expect(text.replace(/\s+/g, ' ')).toContain('Sei Rampah, ')
    expect(text).toContain('Rina Sembiring, S.E.')
    expect(text).toContain('196805121994031007')
  }
})

test('four people: prepared, verified, approved, paid on its real date; a second March list is refused, a wrong April list is cancelled, a correction is approved', async ({ page, host }) => {
  test.setTimeout(180_000)
  await setupKabupaten(page, host)
  seed(host, '--people')
  await addStaff(host, STAFF.ani, STAFF.vera, STAFF.lely)

  // The administrator adds the treasurer on the users screen.
  await page.getByRole('link', { name: 'Pengguna & Audit' }).click()
  await page.getByRole('button', { name: 'Tambah pengguna' }).click()
  const add = page.getByRole('dialog')
  await add.getByLabel('Nama lengkap').fill(STAFF.rina.name)
  await add.getByLabel('Nama pengguna').fill(STAFF.rina.username)
  await add.getByRole('combobox', { name: 'Peran', exact: true }).click()
  await page.getByRole('option', { name: 'Bendahara', exact: true }).click()
  await add.getByLabel('Kata sandi awal').fill(STAFF.rina.password)
  await add.getByRole('button', { name: 'Simpan' }).click()
  await expect(page.getByTestId('users-table')).toContainText('Rina Sembiring')
  await shot(page, 'people-users')

  /** The operator makes a monthly list; returns its id. */
  const makeMonth = async (monthName: string) => {
    await login(page, host, STAFF.ani, 'honor/daftar')
    await page.getByRole('button', { name: 'Buat daftar honor' }).click()
    await page.getByText('Bulanan').click()
    await page.getByRole('dialog').getByLabel('Tahun anggaran').fill('2026')
    await pick(page, 'Bulan', monthName)
    await page.getByRole('dialog').getByLabel('Kode sub-kegiatan (DPA)').fill('5.01.01.2.06.0003')
    await page.getByRole('dialog').getByLabel('Nama sub-kegiatan').fill('Koordinasi Sinergi Posyandu')
    await page.getByRole('dialog').getByRole('button', { name: 'Buat daftar honor' }).click()
    await expect(page.getByTestId('total-gross')).toHaveText('Rp 660.000')
    return listIdOf(page)
  }
  const verify = async (id: string) => {
    await openListAs(page, host, STAFF.vera, id)
    await page.getByRole('button', { name: 'Verifikasi' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Verifikasi' }).click()
    await expect(page.getByText('Diverifikasi', { exact: true }).first()).toBeVisible()
  }
  const approve = async (id: string) => {
    await openListAs(page, host, STAFF.lely, id)
    await page.getByRole('button', { name: 'Setujui (final)' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Setujui (final)' }).click()
  }

  const march = await makeMonth('Maret')
  await verify(march)
  await approve(march)
  await expect(page.getByRole('heading', { name: '001/HONOR/2026' })).toBeVisible()

  // The treasurer records the real transfer date, earlier than today's approval.
  await openListAs(page, host, STAFF.rina, march)
  await expect(page.getByRole('button', { name: 'Buat revisi' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Catat pembayaran' }).click()
  await page.getByRole('dialog').getByLabel('Tanggal bayar').fill('2026-02-27')
  await page.getByRole('dialog').getByLabel('Nomor SP2D / bukti transfer').fill('SP2D 00123/LS/2026')
  await page.getByRole('dialog').getByRole('button', { name: 'Catat pembayaran' }).click()
  await expect(page.getByText('sebelum periode daftar dimulai (2026-03-01)')).toBeVisible()
  await page.getByRole('dialog').getByLabel('Tanggal bayar').fill('2026-04-02')
  await page.getByRole('dialog').getByRole('button', { name: 'Catat pembayaran' }).click()
  await expect(page.getByText('Dibayar', { exact: true }).first()).toBeVisible()
  await expect(page.getByText(/SP2D 00123\/LS\/2026/)).toBeVisible()
  await expect(page.getByTestId('approval-steps')).toContainText('Rina Sembiring')

  // A second March list with the same people: verified, but the PPTK cannot approve it.
  const again = await makeMonth('Maret')
  await verify(again)
  await openListAs(page, host, STAFF.lely, again)
  await expect(page.getByTestId('overlaps')).toContainText('Siti Aminah — daftar 001/HONOR/2026 (Dibayar), Mar 2026')
  await page.getByRole('button', { name: 'Setujui (final)' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Setujui (final)' }).click()
  await expect(page.getByText(/Tidak dapat disetujui: Budi Santoso sudah ada di daftar 001\/HONOR\/2026 \(dibayar\) untuk Mar 2026/)).toBeVisible()
  await shot(page, 'honor-double-refused')
  await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click()
  await expect(page.getByRole('heading', { name: 'Diverifikasi' })).toBeVisible()

  // A wrong April list gets approved, then the PPTK cancels it with a reason.
  const april = await makeMonth('April')
  await verify(april)
  await approve(april)
  await expect(page.getByRole('heading', { name: '002/HONOR/2026' })).toBeVisible()
  await page.getByRole('button', { name: 'Batalkan daftar' }).click()
  await page.getByRole('dialog').getByLabel('Alasan pembatalan').fill('SK pendamping April belum terbit')
  await page.getByRole('dialog').getByRole('button', { name: 'Batalkan daftar' }).click()
  await expect(page.getByTestId('cancelled-info')).toContainText('oleh Lely Marpaung: SK pendamping April belum terbit')
  await shot(page, 'honor-cancelled')

  // Correction of March by the operator: Budi did not serve in March.
  await openListAs(page, host, STAFF.ani, march)
  await page.getByRole('button', { name: 'Buat revisi' }).click()
  await page.getByRole('dialog').getByLabel('Alasan koreksi').fill('Budi tidak bertugas Maret')
  await page.getByRole('dialog').getByRole('button', { name: 'Buat revisi' }).click()
  await expect(page.getByText('Revisi 1').first()).toBeVisible()
  await expect(page.getByText('Belum ada perbedaan.')).toBeVisible()
  const revision = listIdOf(page)
  await page.getByRole('button', { name: 'Hapus baris 2' }).click()
  await page.getByRole('dialog').getByLabel('Alasan').fill('Tidak bertugas Maret')
  await page.getByRole('dialog').getByRole('button', { name: 'Hapus baris' }).click()
  await expect(page.getByTestId('diff')).toContainText('Budi Santoso')
  await expect(page.getByTestId('diff')).toContainText('-Rp 320.100')
  await expect(page.getByText(/Budi Santoso — Mawar, Mar 2026: Tidak bertugas Maret/)).toBeVisible()
  await shot(page, 'honor-revision-diff')
  await verify(revision)
  await approve(revision)
  await expect(page.getByRole('heading', { name: '001/HONOR/2026-R1' })).toBeVisible()

  await page.getByText('← Kembali ke daftar').click()
  await expect(page.getByText('Diganti oleh revisi 001/HONOR/2026-R1')).toBeVisible()
  await expect(page.getByText('Dibatalkan', { exact: true }).first()).toBeVisible()
  await shot(page, 'honor-lists')
  await page.getByRole('tab', { name: 'Rekap' }).click()
  await page.getByLabel('Tahun anggaran').fill('2026')
  await expect(page.getByTestId('recap-kecamatan')).toContainText('Sei Rampah')
  await expect(page.getByTestId('recap-kecamatan')).not.toContainText('Tanjung Beringin')
  // Only the approved correction counts: not the paid original, not the cancelled April.
  await expect(page.getByTestId('recap-kecamatan')).toContainText('Rp 321.750')
  await shot(page, 'honor-recap')

  // Everyone's steps are in the chained audit log, intact.
  await login(page, host, ADMIN, 'pengguna/audit')
  await expect(page.getByTestId('audit-chain')).toContainText('Rantai audit utuh')
  await shot(page, 'people-audit')
})
