#!/usr/bin/env node
// `npm start`: builds the app when needed, then opens the Electron window where Electron
// can run, or else the headless host, printing the address to open in a browser.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const built = join(root, 'out', 'renderer', 'index.html')

function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  console.error('Membangun tampilan Simpul…')
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

/** The Electron binary if it is already on disk; never triggers its download (no network here). */
function electronBinary() {
  if (process.env.SIMPUL_HEADLESS) return null
  const dir = join(root, 'node_modules', 'electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) && (process.env.DISPLAY || process.platform !== 'linux') ? bin : null
}

const electron = electronBinary()
const args = electron ? [join(root, 'node_modules', '.bin', 'electron-vite'), 'preview'] : [join(root, 'bin', 'simpul.js'), 'serve', ...process.argv.slice(2)]
if (!electron) console.error('Electron tidak tersedia di mesin ini: menjalankan Simpul tanpa jendela.')
// glibc gives every thread that allocates its own heap (up to 8 per core) and returns little
// of it: a national import through the database worker, with zlib and SQLite's sorters, left
// ≈ 60 MB more resident with the default than with two (README, issue 17: 517 → 454 MB).
// The variable is read once when a process starts, so the launcher sets it for the one it starts.
const env = process.platform === 'linux' && !process.env.MALLOC_ARENA_MAX ? { ...process.env, MALLOC_ARENA_MAX: '2' } : process.env
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
