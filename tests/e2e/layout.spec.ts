import { expect, shot, test, login } from './fixtures'
import { MAIN_SCREENS, seedScreens } from './support/screens'
import { open, seriousViolations, view } from './support/view'

// Every main screen on the two common office monitors: nothing wider than the window (tables
// scroll inside themselves), a screenshot to look at, and no serious or critical axe finding.
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
]

// One seeded office for both sizes: each screen is opened once and looked at on each monitor
// (axe once: the same DOM; what differs by size is the overflow, checked at each).
test('every main screen at 1024×768 and 1366×768: fits, screenshot, no serious axe violation', async ({ page, host }) => {
  test.setTimeout(300_000)
  const listId = await seedScreens(host)
  await page.setViewportSize(SIZES[0])
  await login(page, host)
  await expect(page.getByTestId('office-name')).toBeVisible()
  const problems: string[] = []
  const atEachSize = async (name: string, check: (size: { width: number; height: number }) => Promise<void>) => {
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await page.waitForTimeout(100)
      await check(size)
      await view(page, `layout-${size.width}-${name}`)
    }
  }
  for (const [i, s] of [...MAIN_SCREENS, { name: 'honor-daftar-detail', route: `honor/daftar/${listId}` }].entries()) {
    await open(page, s.route)
    await atEachSize(s.name, async (size) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      if (overflow > 1) problems.push(`${s.name} at ${size.width}: page is ${overflow}px wider than the window`)
      // The icons-only menu of the narrow window, once.
      if (i === 0 && size.width < 1366) for (const v of await seriousViolations(page)) problems.push(`${s.name} at ${size.width}: ${v}`)
    })
    for (const v of await seriousViolations(page)) problems.push(`${s.name}: ${v}`)
  }
  // Print previews: the whole sheet is visible, scaled down to the window.
  const year = new Date().getFullYear() - 1
  for (const [name, route] of [['print-evaluasi', `evaluasi/laporan/tahun/${year}/strata-2011`], ['print-rekap', `evaluasi/rekap/33.25.01/${year}-06`], ['print-program', `program/ringkasan/cetak/${year}/phi`], ['print-honor', `honor/daftar/${listId}/cetak`]]) {
    await open(page, route)
    const sheet = page.locator('.print-sheet').first()
    await expect(sheet).toBeVisible()
    await atEachSize(name, async (size) => {
      const box = (await sheet.boundingBox())!
      if (box.x + box.width > size.width + 1) problems.push(`${name} at ${size.width}: the sheet ends at ${Math.round(box.x + box.width)}px, wider than the window`)
    })
  }
  expect(problems).toEqual([])
})

test('at 1024 px the menu is icons only, opens on request, and remembers the choice', async ({ page, host }) => {
  await host.cli(['demo', '--scale', 'kecamatan', '--seed', '7', '--admin', 'admin'])
  await page.setViewportSize({ width: 1024, height: 768 })
  await login(page, host)
  const nav = page.getByRole('navigation')
  await expect(nav).toHaveCSS('width', '64px')
  // Icons only, still named for screen readers and keyboard users.
  await expect(page.getByRole('link', { name: 'Registri' })).toBeVisible()
  await page.getByTestId('sidebar-toggle').click()
  await expect(nav).toHaveCSS('width', '232px')
  await expect(page.getByRole('link', { name: 'Registri' })).toContainText('Registri')
  await shot(page, 'layout-1024-menu-open')
  await page.reload()
  await expect(page.getByRole('navigation')).toHaveCSS('width', '232px')
})
