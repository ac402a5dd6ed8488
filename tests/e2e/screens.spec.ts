import { keyFor, rawDb } from '../helpers/raw-db'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, login, setupKecamatan, shot, test, type Host } from './fixtures'
import { tsScript } from './support/ts-script'

// Office-grade screens: Indonesian inputs, nothing lost by a click, bulk changes.

const ROOT = join(import.meta.dirname, '..', '..')
const seedPosyandu = (host: Host, ...names: string[]) =>
  execFileSync(process.execPath, [...tsScript('tests/e2e/support/add-posyandu.ts'), host.dbFile, ...names], { cwd: ROOT })

async function newKader(page: Page) {
  await page.getByRole('link', { name: 'Registri' }).click()
  await page.getByRole('tab', { name: 'Kader', exact: true }).click()
  await page.getByRole('button', { name: 'Tambah kader' }).click()
}

test('a NIK edit refills birth date and sex unless changed by hand; leaving a changed form asks first', async ({ page, host }) => {
  await setupKecamatan(page, host)
  seedPosyandu(host, 'Posyandu Melati')
  await newKader(page)
  const nik = page.getByLabel('NIK')
  const birth = page.getByLabel('Tanggal lahir')
  await nik.fill('1218044508900001') // woman born 05-08-1990
  await expect(birth).toHaveValue('05/08/1990')
  await expect(page.getByLabel('Perempuan')).toBeChecked()
  // A typo fixed in the NIK: both fields follow, since nobody changed them by hand.
  await nik.fill('1218041708850003') // man born 17-08-1985
  await expect(birth).toHaveValue('17/08/1985')
  await expect(page.getByLabel('Laki-laki')).toBeChecked()
  await expect(page.getByText('berbeda dengan NIK')).toHaveCount(0)
  // The operator corrects the birth date by hand (typed as an office writes it): the next NIK edit keeps it.
  await birth.fill('18/08/1985')
  await birth.blur()
  await expect(page.getByText('Tanggal lahir 18-08-1985 berbeda dengan tanggal dalam NIK (17-08-1985).')).toBeVisible()
  await nik.fill('1218045708850003') // the same man's NIK typed as a woman's
  await expect(birth).toHaveValue('18/08/1985')
  await expect(page.getByLabel('Perempuan')).toBeChecked()
  // Fixing the cause clears the warning.
  await birth.fill('17/08/1985')
  await birth.blur()
  await expect(page.getByText(/Tanggal lahir .* berbeda dengan tanggal dalam NIK/)).toHaveCount(0)
  await page.getByLabel('Nama lengkap').fill('Rina Marlina')
  await shot(page, 'screens-kader-nik-rederived')

  // A menu click asks before throwing the form away; "Batal" keeps everything.
  await page.getByRole('link', { name: 'Program & Regulasi' }).click()
  const leave = page.getByRole('dialog', { name: 'Perubahan belum disimpan' })
  await expect(leave).toBeVisible()
  await shot(page, 'screens-leave-guard')
  await leave.getByRole('button', { name: 'Batal' }).click()
  await expect(page.getByLabel('Nama lengkap')).toHaveValue('Rina Marlina')
  await expect(page).toHaveURL(/registri\/kader\/baru/)
  // A tab is a route too: same question; this time the changes are discarded.
  await page.getByRole('tab', { name: 'Posyandu', exact: true }).click()
  await expect(leave).toBeVisible()
  await leave.getByRole('button', { name: 'Buang perubahan' }).click()
  await expect(page).toHaveURL(/registri\/posyandu$/)
  await expect(page.getByTestId('posyandu-count')).toHaveText('1 posyandu')

  // Closing the window with changes: the browser's own question (beforeunload).
  await newKader(page)
  await page.getByLabel('Nama lengkap').fill('Siti')
  const asked = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await asked
  expect(dialog.type()).toBe('beforeunload')
  await dialog.dismiss()
})

test('rupiah typed the Indonesian way, dates as HH/BB/TTTT, deletes ask naming what goes', async ({ page, demoHost: host }) => {
  // Honor is kabupaten work: the demo creates a kabupaten office.
  await login(page, host)
  await page.getByRole('link', { name: 'Pendamping & Honor' }).click()
  await page.getByRole('tab', { name: 'Tarif honor' }).click()
  await page.getByRole('button', { name: 'Tambah tarif' }).click()
  const dialog = page.getByRole('dialog')
  const amount = dialog.getByLabel('Honor per bulan (Rp)')
  // Decimals are refused with a reason, and Save keeps the dialog open.
  await amount.fill('1.250.000,50')
  await expect(dialog.getByText('Rupiah tanpa sen')).toBeVisible()
  await dialog.getByLabel('Berlaku mulai').fill('01/01/2026')
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  await expect(dialog).toBeVisible()
  // "750.000" is seven hundred fifty thousand, shown as Rp 750.000 once the field is left.
  await amount.fill('750.000')
  await amount.blur()
  await expect(amount).toHaveValue('Rp 750.000')
  await shot(page, 'screens-rupiah-input')
  await dialog.getByRole('button', { name: 'Simpan' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('cell', { name: 'Rp 750.000' })).toBeVisible()
  await expect(page.getByRole('cell', { name: '1 Januari 2026' })).toBeVisible()
  const db = rawDb(host.dbFile, { readonly: true }, keyFor(host.dbFile)!)
  expect(db.prepare(`SELECT amount FROM honor_rate WHERE deleted_at IS NULL`).all()).toEqual([{ amount: 750000 }])

  // The trash icon asks first, naming the rate; cancelling keeps it.
  await page.getByRole('button', { name: /Hapus tarif/ }).click()
  const confirm = page.getByRole('dialog', { name: 'Hapus data?' })
  await expect(confirm).toContainText('Rp 750.000')
  await shot(page, 'screens-delete-confirm')
  await confirm.getByRole('button', { name: 'Batal' }).click()
  await expect(page.getByRole('cell', { name: 'Rp 750.000' })).toBeVisible()
  await page.getByRole('button', { name: /Hapus tarif/ }).click()
  await confirm.getByRole('button', { name: 'Hapus', exact: true }).click()
  await expect(page.getByRole('cell', { name: 'Rp 750.000' })).toHaveCount(0)
  expect(db.prepare(`SELECT count(*) AS n FROM honor_rate WHERE deleted_at IS NULL`).get()).toEqual({ n: 0 })
  db.close()
})

test('a wrong NIP cannot be saved: the error shows and the letterhead stays unsaved', async ({ page, host }) => {
  await setupKecamatan(page, host)
  await page.getByRole('link', { name: 'Pengaturan', exact: true }).click()
  await page.getByLabel('Camat nama').fill('Drs. Ahmad Yani')
  await page.getByLabel('Camat NIP').fill('19700101')
  await expect(page.getByText('NIP terdiri dari 18 angka (tertulis 8)')).toBeVisible()
  await page.getByRole('button', { name: 'Simpan kop dan penandatangan' }).click()
  await expect(page.getByText('Belum tersimpan: NIP Camat belum benar')).toBeVisible()
  await shot(page, 'screens-nip-blocked')
  const db = rawDb(host.dbFile, { readonly: true }, keyFor(host.dbFile)!)
  expect(db.prepare(`SELECT key FROM meta WHERE key LIKE 'sign.camat%'`).all()).toEqual([])
  db.close()
  await page.getByLabel('Camat NIP').fill('19700101 199503 1 001')
  await expect(page.getByText(/NIP terdiri dari 18 angka/)).toHaveCount(0)
  await page.getByRole('button', { name: 'Simpan kop dan penandatangan' }).click()
  await expect(page.getByText('Kop surat dan penandatangan tersimpan')).toBeVisible()
})

test('bulk: select kader across the list, set them inactive and move one, one confirmation, one audit entry per row', async ({ page, demoHost: host }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await login(page, host)
  await page.getByRole('link', { name: 'Registri' }).click()
  await page.getByRole('tab', { name: 'Kader', exact: true }).click()
  const rows = page.locator('table tbody tr')
  const cell = async (r: number, c: number) => (await rows.nth(r).locator('td').nth(c).innerText()).trim()
  const names = [await cell(0, 1), await cell(1, 1)]
  const niks = [await cell(0, 2), await cell(1, 2)]
  await rows.nth(0).getByRole('checkbox').check()
  await rows.nth(1).getByRole('checkbox').check()
  const bar = page.getByTestId('bulk-bar')
  await expect(bar).toContainText('2 kader dipilih')
  await shot(page, 'screens-bulk-selected')
  await bar.getByRole('button', { name: 'Set nonaktif' }).click()
  const form = page.getByRole('dialog', { name: 'Set nonaktif' })
  await form.getByLabel('Nonaktif sejak').fill('30/06/2026')
  await form.getByRole('button', { name: 'Lanjut' }).click()
  const confirm = page.getByRole('dialog', { name: 'Set 2 kader nonaktif sejak 2026-06-30?' })
  await expect(confirm).toContainText(names[0])
  await shot(page, 'screens-bulk-confirm')
  await confirm.getByRole('button', { name: 'Set nonaktif' }).click()
  await expect(page.getByText('2 kader diubah, 0 sudah sesuai')).toBeVisible()
  await expect(bar).toHaveCount(0)

  const db = rawDb(host.dbFile, { readonly: true }, keyFor(host.dbFile)!)
  const ids = niks.map((n) => (db.prepare(`SELECT id FROM kader WHERE nik = ?`).get(n) as { id: string }).id)
  for (const id of ids) {
    expect(db.prepare(`SELECT active_to FROM kader WHERE id = ?`).get(id)).toEqual({ active_to: '2026-06-30' })
    expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE table_name = 'kader' AND row_id = ? AND action = 'update'`).get(id)).toEqual({ n: 1 })
  }

  // Move one kader to another posyandu of the same kecamatan.
  await rows.nth(0).getByRole('checkbox').check()
  await bar.getByRole('button', { name: 'Pindahkan ke posyandu lain' }).click()
  const move = page.getByRole('dialog', { name: 'Pindahkan ke posyandu lain' })
  const target = move.getByRole('combobox', { name: 'Posyandu' })
  await target.click()
  await target.fill('Posyandu')
  const option = page.getByRole('option').nth(3)
  const label = (await option.innerText()).trim()
  await option.click()
  await move.getByRole('button', { name: 'Lanjut' }).click()
  const confirmMove = page.getByRole('dialog', { name: `Pindahkan 1 kader ke ${label}?` })
  await confirmMove.getByRole('button', { name: 'Pindahkan ke posyandu lain' }).click()
  await expect(page.getByText('1 kader diubah, 0 sudah sesuai')).toBeVisible()
  const now = db.prepare(`SELECT p.name || ' — ' || w.name AS label FROM kader_posyandu cp JOIN posyandu p ON p.id = cp.posyandu_id JOIN wilayah w ON w.code = p.desa_code WHERE cp.kader_id = ? AND cp.to_date IS NULL AND cp.deleted_at IS NULL`).all(ids[0]) as { label: string }[]
  expect(now.map((r) => r.label)).toEqual([label])
  db.close()
})

test('keyboard only: reach the menu, open a form, select rows, confirm a bulk change, cancel with Esc', async ({ page, demoHost: host }) => {
  await login(page, host)
  await expect(page.getByTestId('office-name')).toBeVisible()
  /** Presses Tab until the focused element has this accessible name (fails after 80 presses). */
  const tabTo = async (name: RegExp, back = false) => {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        return el ? el.getAttribute('aria-label') ?? el.innerText ?? '' : ''
      })
      if (name.test(label.trim())) return
    }
    throw new Error(`${name} is not reachable with Tab`)
  }
  await tabTo(/^Perkecil menu$/) // the sidebar toggle is a control too
  await tabTo(/^Registri$/)
  await page.keyboard.press('Enter')
  // Tabs are one stop (the chosen tab); the arrow keys move between them.
  await tabTo(/^Posyandu$/)
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('kader-count')).toBeVisible()
  await tabTo(/^Tambah kader$/)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Kader baru' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('kader-count')).toBeVisible()
  // Rows: the selection checkboxes take the focus in turn, Space ticks them.
  await tabTo(/^Pilih semua di halaman ini$/)
  await tabTo(/^Pilih /)
  await page.keyboard.press('Space')
  await tabTo(/^Pilih /)
  await page.keyboard.press('Space')
  await expect(page.getByTestId('bulk-bar')).toContainText('2 kader dipilih')
  await tabTo(/^Set nonaktif$/, true) // the bar is above the table: Shift+Tab goes back to it
  await page.keyboard.press('Enter')
  const form = page.getByRole('dialog', { name: 'Set nonaktif' })
  await expect(form).toBeVisible()
  await tabTo(/^Lanjut$/)
  await page.keyboard.press('Enter')
  const confirm = page.getByRole('dialog', { name: /^Set 2 kader nonaktif sejak/ })
  await expect(confirm).toBeVisible()
  // Esc answers "no": nothing changes.
  await page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  await shot(page, 'screens-keyboard')
  const db = rawDb(host.dbFile, { readonly: true }, keyFor(host.dbFile)!)
  expect(db.prepare(`SELECT count(*) AS n FROM kader WHERE active_to IS NOT NULL`).get()).toEqual({ n: 0 })
  db.close()
})
