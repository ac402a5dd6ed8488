import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import cliBundle from '../../helpers/cli-bundle'

/**
 * Global setup of Playwright: the command line bundled once (tests/helpers/cli-bundle.ts), and
 * one folder for the run, where the seeded data folders several tests start from are built
 * once (fixtures.ts, `seeded`). The workers inherit SIMPUL_E2E_RUN; the folder goes at the end.
 */
export default async function setup(): Promise<() => void> {
  await cliBundle()
  const root = mkdtempSync(join(tmpdir(), 'simpul-e2e-run-'))
  process.env.SIMPUL_E2E_RUN = root
  return () => {
    if (!process.env.SIMPUL_KEEP_TEMP) rmSync(root, { recursive: true, force: true })
  }
}
