import type { Page } from '@playwright/test'
import { expect, shot, test, login, type SeededHost } from './fixtures'
import { MAIN_SCREENS } from './support/screens'
import { open, seriousViolations, view } from './support/view'

// Every main screen on the two common office monitors: nothing wider than the window (tables
// scroll inside themselves), a screenshot to look at, and no serious or critical axe finding.
// The parts below are independent offices: let the two workers take them side by side.
test.describe.configure({ mode: 'parallel' })

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
]

/** Opens the screens of one test in a fresh copy of the seeded office and looks at each at both sizes. */
async function lookAtEach(page: Page, host: SeededHost, screens: (listId: string) => { name: string; route: string; sheet?: boolean }[]) {
  const listId = host.seed.listId
  await page.setViewportSize(SIZES[0])
  await login(page, host)
  await expect(page.getByTestId('office-name')).toBeVisible()
  const problems: string[] = []
  for (const [i, s] of screens(listId).entries()) {
    await open(page, s.route)
    // Print previews: the whole sheet is visible, scaled down to the window.
    const sheet = s.sheet ? page.locator('.print-sheet').first() : null
    if (sheet) await expect(sheet).toBeVisible()
    for (const size of SIZES) {
      await page.setViewportSize(size)
      await page.waitForTimeout(100)
      if (sheet) {
        const box = (await sheet.boundingBox())!
        if (box.x + box.width > size.width + 1) problems.push(`${s.name} at ${size.width}: the sheet ends at ${Math.round(box.x + box.width)}px, wider than the window`)
      } else {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        if (overflow > 1) problems.push(`${s.name} at ${size.width}: page is ${overflow}px wider than the window`)
        // The icons-only menu of the narrow window, once.
        if (i === 0 && size.width < 1366) for (const v of await seriousViolations(page)) problems.push(`${s.name} at ${size.width}: ${v}`)
      }
      await view(page, `layout-${size.width}-${s.name}`)
    }
    if (!sheet) for (const v of await seriousViolations(page)) problems.push(`${s.name}: ${v}`)
  }
  expect(problems).toEqual([])
}

// Every main screen on the two common office monitors, in three parts that run side by side:
// each screen is opened once and looked at on each monitor (axe once: the same DOM; what
// differs by size is the overflow, checked at each).
const SCREENS = [...MAIN_SCREENS, { name: 'honor-daftar-detail', route: 'honor/daftar/:list' }]
const half = Math.ceil(SCREENS.length / 2)
const withList = (listId: string, list: typeof SCREENS) => list.map((s) => ({ ...s, route: s.route.replace(':list', listId) }))
for (const [part, list] of [SCREENS.slice(0, half), SCREENS.slice(half)].entries()) {
  test(`main screens, part ${part + 1} of 2, at 1024×768 and 1366×768: fits, screenshot, no serious axe violation`, async ({ page, screensHost: host }) => {
    test.setTimeout(240_000)
    await lookAtEach(page, host, (listId) => withList(listId, list))
  })
}

test('print previews at 1024×768 and 1366×768: the whole sheet is visible, scaled to the window', async ({ page, screensHost: host }) => {
  test.setTimeout(240_000)
  const year = new Date().getFullYear() - 1
  await lookAtEach(page, host, (listId) =>
    [
      ['print-evaluasi', `evaluasi/laporan/tahun/${year}/strata-2011`],
      ['print-rekap', `evaluasi/rekap/33.25.01/${year}-06`],
      ['print-program', `program/ringkasan/cetak/${year}/phi`],
      ['print-honor', `honor/daftar/${listId}/cetak`],
    ].map(([name, route]) => ({ name, route, sheet: true })),
  )
})

test('at 1024 px the menu is icons only, opens on request, and remembers the choice', async ({ page, demoHost: host }) => {
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
