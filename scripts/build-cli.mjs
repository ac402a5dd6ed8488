#!/usr/bin/env node
// Bundles the command line and the two entries it starts (the database worker thread and the
// warehouse loader process) into out/cli/ with esbuild (tsx's own compiler, so no new
// dependency). A start of the bundle costs ~0.3 s of CPU instead of ~1.3 s through tsx, which
// compiles every source file again in each process; the tests spawn the CLI hundreds of times.
// Packages stay external (better-sqlite3-multiple-ciphers and pg load their native parts from
// node_modules exactly as under tsx). bin/simpul.js rebuilds when a file under src/ is newer.
//
//   node scripts/build-cli.mjs          build now
//   import { ensureCliBundle } ...      build only when stale (bin/simpul.js, test setup)
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const CLI_BUNDLE_DIR = join(ROOT, 'out', 'cli')
/** The entries, keyed by their bundle's name; the CLI is written last (it is the freshness stamp). */
const ENTRIES = {
  worker: 'src/core/worker/entry.ts',
  'warehouse-worker': 'src/warehouse/worker.ts',
  index: 'src/cli/index.ts',
}
export const CLI_BUNDLE = join(CLI_BUNDLE_DIR, 'index.mjs')

/** The newest modification time under src/ (folders too: a deleted file changes its folder). */
function newestSource(dir = join(ROOT, 'src')) {
  let t = statSync(dir).mtimeMs
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs)
  }
  return t
}

export function cliBundleFresh() {
  // This script too: a change to the entries or the options makes a new bundle.
  return existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs >= Math.max(newestSource(), statSync(fileURLToPath(import.meta.url)).mtimeMs)
}

/** Builds into a private folder, then renames each file into place: a concurrent start never reads half a file. */
export async function buildCli() {
  const started = new Date()
  const { build } = await import('esbuild')
  const tmp = join(CLI_BUNDLE_DIR, `.build-${process.pid}-${Date.now()}`)
  mkdirSync(tmp, { recursive: true })
  try {
    await build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(ROOT, file)])),
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      // Tells src/core/paths.ts (bundledFile) that the worker entries are bundled beside it.
      define: { __SIMPUL_CLI_BUNDLE__: 'true' },
      logLevel: 'error',
    })
    for (const name of Object.keys(ENTRIES)) {
      for (const ext of ['.mjs.map', '.mjs']) renameSync(join(tmp, name + ext), join(CLI_BUNDLE_DIR, name + ext))
    }
    // Stamped with the time the sources were read, so an edit made during the build still counts as newer.
    utimesSync(CLI_BUNDLE, started, started)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  return CLI_BUNDLE
}

/** The bundle, built first if a source is newer; null if it cannot be built here (then tsx runs the sources). */
export async function ensureCliBundle() {
  try {
    if (cliBundleFresh()) return CLI_BUNDLE
    return await buildCli()
  } catch (e) {
    if (process.env.SIMPUL_DEBUG) console.error('simpul: bundel baris perintah tidak dapat dibangun, memakai tsx:', e)
    return null
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now()
  await buildCli()
  console.error(`out/cli: command line bundled in ${Math.round(performance.now() - t0)} ms`)
}
