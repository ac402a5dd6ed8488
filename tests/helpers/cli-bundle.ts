import { ensureCliBundle } from '../../scripts/build-cli.mjs'

/**
 * Global setup of Vitest and Playwright: bundles the command line once before the first test
 * spawns it (bin/simpul.js would otherwise rebuild it in several parallel first spawns). Each
 * spawn then costs ~0.3 s of CPU instead of ~1.3 s through tsx. If it cannot be built, the
 * spawns run the sources through tsx as before.
 */
export default async function setup(): Promise<void> {
  if (process.env.SIMPUL_CLI_TSX === '1') return
  if (!(await ensureCliBundle())) console.warn('simpul: the command-line bundle could not be built; the tests run the CLI through tsx (SIMPUL_DEBUG=1 says why)')
}
