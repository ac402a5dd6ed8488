import { mkdirSync, renameSync } from 'node:fs'
import { basename, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
// Inside the repository, so the seeds' appRoot() still finds package.json and drizzle/.
const OUT = join(ROOT, 'out', 'cli', 'test-scripts')
const built = new Map<string, string>()

/**
 * The node arguments that run a TypeScript seed script of the e2e tests (path from the
 * repository root). The script is bundled by esbuild once per Playwright worker (packages
 * external, like the command line of scripts/build-cli.mjs): a run then costs ~0.3 s of CPU
 * instead of ~1.3 s for tsx compiling the sources again. SIMPUL_CLI_TSX=1 runs it through tsx.
 */
export function tsScript(script: string): string[] {
  const file = resolve(ROOT, script)
  if (process.env.SIMPUL_CLI_TSX === '1') return ['--import', 'tsx', file]
  let out = built.get(file)
  if (!out) {
    out = join(OUT, `${relative(ROOT, file).replace(/[\\/]/g, '_').replace(/\.ts$/, '')}.mjs`)
    const tmp = join(OUT, `.${basename(out)}-${process.pid}`)
    mkdirSync(OUT, { recursive: true })
    buildSync({ absWorkingDir: ROOT, entryPoints: [file], outfile: tmp, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' })
    // Another worker may be reading the same name: it sees the old file or the new one, whole.
    renameSync(tmp, out)
    built.set(file, out)
  }
  return [out]
}
