import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

const SHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots')

/** What the operator sees on that monitor without scrolling (the window, not the whole page). */
export async function view(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Opens a route and waits until its loaders are gone. */
export async function open(page: Page, route: string) {
  await page.evaluate((r) => (window.location.hash = `#/${r}`), route)
  await expect(page.locator('main')).toBeVisible()
  await page.waitForTimeout(150)
  await expect(page.locator('main .mantine-Loader-root, main [data-loading="true"]')).toHaveCount(0, { timeout: 20_000 })
  await page.waitForTimeout(250)
}

/** Serious and critical axe findings (WCAG 2.1 A/AA), with what axe measured. */
export async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + (n.any[0]?.message ? ` (${n.any[0].message})` : '')).join(' | ')}`)
}
