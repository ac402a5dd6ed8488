import { existsSync, mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository (or packaged app) root: the nearest folder above this file with package.json. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'drizzle'))) return dir
    const up = dirname(dir)
    if (up === dir) throw new Error('Folder aplikasi Simpul tidak ditemukan')
    dir = up
  }
}

/** True only inside the command-line bundle of scripts/build-cli.mjs (an esbuild define). */
declare const __SIMPUL_CLI_BUNDLE__: boolean | undefined

/**
 * Inside the bundled command line (out/cli), the bundled entry `name`.mjs beside it (`worker`,
 * `warehouse-worker`); null when running from the TypeScript sources or another build.
 */
export function bundledFile(name: string): string | null {
  if (typeof __SIMPUL_CLI_BUNDLE__ === 'undefined' || !__SIMPUL_CLI_BUNDLE__) return null
  return join(dirname(fileURLToPath(import.meta.url)), `${name}.mjs`)
}

export const migrationsDir = (root = appRoot()) => join(root, 'drizzle')

/**
 * Where the window, the host and the command line keep their data by default: the same
 * folder Electron calls userData for productName "Simpul", so all three share one file.
 * SIMPUL_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(): string {
  if (process.env.SIMPUL_DATA_DIR) return resolve(process.env.SIMPUL_DATA_DIR)
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Simpul')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Simpul')
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Simpul')
}

export const defaultDataFile = () => join(defaultDataDir(), 'simpul.sqlite')

/** Creates a folder readable only by its owner (NIK and bank accounts live below it). */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}
