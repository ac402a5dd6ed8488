import type { Page } from '@playwright/test'
import { expect, login, shot, test } from './fixtures'
import { INDONESIAN_WORDS, indonesianOnly } from './support/catalogue'
import { MAIN_SCREENS, seedScreens } from './support/screens'

// English is complete except printed documents: no rendered English screen may contain a
// text of the Indonesian catalogue (data such as posyandu names stays as entered).
const CATALOGUE = [...indonesianOnly(), ...INDONESIAN_WORDS]

async function open(page: Page, route: string) {
  await page.evaluate((r) => (window.location.hash = `#/${r}`), route)
  await page.waitForTimeout(150)
  await expect(page.locator('main .mantine-Loader-root')).toHaveCount(0, { timeout: 20_000 })
  await page.waitForTimeout(250)
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

test('every main screen in English shows no Indonesian catalogue text', async ({ page, host }) => {
  test.setTimeout(180_000)
  expect(CATALOGUE.length).toBeGreaterThan(200)
  const listId = await seedScreens(host)
  await login(page, host)
  await page.evaluate(() => localStorage.setItem('simpul.lang', 'en'))
  await page.reload()
  await expect(page.getByRole('link', { name: 'Registry' })).toBeVisible()
  const found: string[] = []
  for (const s of [...MAIN_SCREENS, { name: 'honor-daftar-detail', route: `honor/daftar/${listId}` }]) {
    await open(page, s.route)
    // Data shown as entered (agency names, reference lists) is marked data-content="data"; it stays Indonesian.
    const text = await page.evaluate(() => {
      const hidden = [...document.querySelectorAll<HTMLElement>('[data-content="data"]')]
      for (const el of hidden) el.style.display = 'none'
      const t = document.body.innerText
      for (const el of hidden) el.style.display = ''
      return t
    })
    for (const id of CATALOGUE) {
      if (new RegExp(`(^|[^\\p{L}])${escape(id)}($|[^\\p{L}])`, 'u').test(text)) found.push(`${s.name}: "${id}"`)
    }
    await shot(page, `english-${s.name}`)
  }
  expect(found).toEqual([])
})

test('a refusal from core reads English on an English screen (no Indonesian catalogue text)', async ({ page, host }) => {
  await host.cli(['demo', '--scale', 'kecamatan', '--seed', '7', '--admin', 'admin'])
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
  await page.getByRole('dialog', { name: 'Set 1 cadres inactive from 1950-01-01?' }).getByRole('button', { name: 'Set inactive' }).click()
  const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'Failed' })
  await expect(notice).toContainText(`Cadre ${name} is active only from`)
  const text = await notice.innerText()
  const found = CATALOGUE.filter((id) => new RegExp(`(^|[^\\p{L}])${escape(id)}($|[^\\p{L}])`, 'u').test(text))
  await shot(page, 'english-refusal')
  expect(found).toEqual([])
})
