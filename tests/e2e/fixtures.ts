import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'
import { tsScript } from './support/ts-script'

export interface Host {
  url: string
  dbFile: string
  dir: string
  /** Runs a command-line command against this host's database. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>
}

/** The administrator every e2e database gets (through the setup screen or `init --admin`). */
export const ADMIN = { username: 'admin', displayName: 'Siti Aminah', password: 'rahasia-uji-123' }
/** Runs CLI commands as that administrator. */
const CLI_AS_ADMIN = { SIMPUL_USER: ADMIN.username, SIMPUL_PASSWORD: ADMIN.password }

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BIN = join(ROOT, 'bin', 'simpul.js')

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d) => (stdout += d))
    p.stderr.on('data', (d) => (stderr += d))
    p.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
  })
}

/** Starts `simpul serve` on a fresh database in a temp folder, as a newcomer would. */
export async function startHost(dir = mkdtempSync(join(tmpdir(), 'simpul-e2e-'))): Promise<Host & { proc: ChildProcess }> {
  const dbFile = join(dir, 'simpul.sqlite')
  const proc = spawn(process.execPath, [BIN, 'serve', '--db', dbFile, '--json'], { cwd: ROOT, env: { ...process.env } })
  let out = ''
  let err = ''
  proc.stderr.on('data', (d) => (err += d))
  const url = await new Promise<string>((ok, ko) => {
    const timer = setTimeout(() => ko(new Error(`host did not start: ${err}`)), 30_000)
    proc.stdout.on('data', (d) => {
      out += d
      try {
        const parsed = JSON.parse(out) as { url: string }
        clearTimeout(timer)
        ok(parsed.url)
      } catch {
        /* wait for the whole JSON */
      }
    })
    proc.on('exit', (code) => ko(new Error(`host exited ${code}: ${err}`)))
  })
  return { url, dbFile, dir, proc, cli: (args) => runCli([...args, '--db', dbFile], CLI_AS_ADMIN) }
}

/** A read-only person and an operator (the `people` seed), with the administrator's password. */
export const READER = { username: 'baca', password: ADMIN.password, name: 'Dina Hanya Baca' }
export const OPERATOR = { username: 'ani', password: ADMIN.password, name: 'Ani Lubis' }

type SeedName = 'demo' | 'screens' | 'people'
/**
 * Data folders several tests start from. Each is built once per run, by the first test that
 * needs it (the other worker waits for it), and copied for every test: a copy takes
 * milliseconds, the kecamatan demo alone ~2 s of CPU, and sixteen tests start from it. Every
 * test still gets a database of its own, made by exactly the commands it used to run itself.
 */
const SEEDS: Record<SeedName, { from?: SeedName; build: (dbFile: string) => Promise<Record<string, string>> }> = {
  /** `simpul demo --scale kecamatan --seed 7 --admin admin`: Kabupaten Batang's demo data, its administrator. */
  demo: {
    build: async (dbFile) => {
      const demo = await runCli(['demo', '--scale', 'kecamatan', '--seed', '7', '--admin', ADMIN.username, '--db', dbFile], CLI_AS_ADMIN)
      if (demo.code !== 0) throw new Error(`demo: ${demo.stderr}`)
      return {}
    },
  },
  /** The demo plus the layout seed (pendamping, a rate, a quarterly honor list, a regulation, a programme): `listId`. */
  screens: {
    from: 'demo',
    build: async (dbFile) => ({ listId: execFileSync(process.execPath, [...tsScript('tests/e2e/support/layout-seed.ts'), dbFile], { cwd: ROOT }).toString().trim() }),
  },
  /** The demo plus READER (readonly) and OPERATOR, added with `simpul user add`. */
  people: {
    from: 'demo',
    build: async (dbFile) => {
      for (const [u, role, name] of [[READER.username, 'readonly', READER.name], [OPERATOR.username, 'operator', OPERATOR.name]]) {
        const r = await runCli(['user', 'add', u, '--role', role, '--name', name, '--db', dbFile], CLI_AS_ADMIN)
        if (r.code !== 0) throw new Error(`user add ${u}: ${r.stderr}`)
      }
      return {}
    },
  },
}

// The run's folder (support/e2e-setup.ts); a worker started without that setup keeps its own.
const RUN = process.env.SIMPUL_E2E_RUN ?? mkdtempSync(join(tmpdir(), 'simpul-e2e-run-'))
const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The built seed folder and what its build returned; builds it (or waits for the worker building it). */
async function seeded(name: SeedName): Promise<{ dir: string; info: Record<string, string> }> {
  const dir = join(RUN, name)
  const ready = join(RUN, `${name}.json`)
  const lock = join(RUN, `${name}.lock`)
  const deadline = Date.now() + 180_000
  while (!existsSync(ready)) {
    let mine = false
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      mine = true
    } catch {
      // Another worker builds it; a builder that died (its test timed out) leaves the lock to the next one.
      const holder = Number(readFileSync(lock, 'utf8'))
      if (holder && !alive(holder)) rmSync(lock, { force: true })
      if (Date.now() > deadline) throw new Error(`the ${name} seed was not ready after three minutes`)
      await new Promise((r) => setTimeout(r, 100))
    }
    if (!mine) continue
    try {
      if (existsSync(ready)) break // finished by the other worker just before this one took the lock
      rmSync(dir, { recursive: true, force: true })
      const seed = SEEDS[name]
      if (seed.from) cpSync((await seeded(seed.from)).dir, dir, { recursive: true })
      else mkdirSync(dir)
      const info = await seed.build(join(dir, 'simpul.sqlite'))
      writeFileSync(`${ready}.tmp`, JSON.stringify(info))
      renameSync(`${ready}.tmp`, ready)
    } finally {
      rmSync(lock, { force: true })
    }
  }
  return { dir, info: JSON.parse(readFileSync(ready, 'utf8')) as Record<string, string> }
}

type HostProc = Host & { proc: ChildProcess }
export type SeededHost = HostProc & { seed: Record<string, string> }

/** The host of one test: on a fresh database, or on a copy of a seed; stopped and removed after it. */
async function hostFor(use: (h: SeededHost) => Promise<void>, seed?: SeedName): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-e2e-'))
  const built = seed ? await seeded(seed) : null
  if (built) cpSync(built.dir, dir, { recursive: true })
  const h = await startHost(dir)
  await use({ ...h, seed: built?.info ?? {} })
  h.proc.kill('SIGTERM')
  if (h.proc.exitCode === null && h.proc.signalCode === null) await new Promise((r) => h.proc.once('exit', r))
  if (!process.env.SIMPUL_KEEP_TEMP) rmSync(h.dir, { recursive: true, force: true })
}

export const test = base.extend<{ host: HostProc; demoHost: SeededHost; screensHost: SeededHost; peopleHost: SeededHost }>({
  host: async ({}, use) => hostFor(use),
  /** A host on the `demo` seed: as `host` after `host.cli(['demo', '--scale', 'kecamatan', '--seed', '7', '--admin', 'admin'])`. */
  demoHost: async ({}, use) => hostFor(use, 'demo'),
  /** The demo and the layout seed; `seed.listId` is the honor list's id. */
  screensHost: async ({}, use) => hostFor(use, 'screens'),
  /** The demo, READER and OPERATOR. */
  peopleHost: async ({}, use) => hostFor(use, 'people'),
})

export { expect }

const SHOTS = join(ROOT, 'test-results', 'screenshots')

/** Saves a full-page screenshot to test-results/screenshots/<name>.png (kept as CI artefacts). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

/** Picks an option in a Mantine Select by typing part of its label. */
export async function pick(page: Page, label: string | RegExp, text: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label })
  await input.click()
  await input.fill(text)
  await page.getByRole('option', { name: new RegExp(text, 'i') }).first().click()
}

/** Completes first-run setup as a kecamatan office in Serdang Bedagai. */
export async function setupKecamatan(page: Page, host: Host, kecamatan = 'Sei Rampah'): Promise<void> {
  await page.goto(host.url)
  await pick(page, 'Provinsi', 'Sumatera Utara')
  await pick(page, 'Kabupaten/kota', 'Serdang Bedagai')
  await pick(page, 'Kecamatan', kecamatan)
  await fillAdmin(page)
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await passRecoveryCode(page)
  await expect(page.getByTestId('office-name')).toContainText(kecamatan)
}

/**
 * Setup encrypts the database and shows its recovery code once; returns the code after
 * pressing "continue" (the office would print it for the safe).
 */
export async function passRecoveryCode(page: Page): Promise<string> {
  const code = page.getByTestId('recovery-code')
  await expect(code).toHaveText(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/)
  const text = (await code.textContent())!.trim()
  await page.getByRole('button', { name: 'Sudah saya simpan, lanjutkan' }).click()
  return text
}

/** The administrator fields of the setup (or first-administrator) screen. */
export async function fillAdmin(page: Page, admin = ADMIN): Promise<void> {
  await page.getByLabel('Nama lengkap').fill(admin.displayName)
  await page.getByLabel('Nama pengguna').fill(admin.username)
  await page.getByLabel('Kata sandi', { exact: true }).fill(admin.password)
  await page.getByLabel('Ulangi kata sandi').fill(admin.password)
}

/**
 * Opens the host and logs in (as the administrator unless told otherwise); logs out first
 * when someone else is logged in. The session is an HttpOnly cookie of the browser context.
 */
export async function login(page: Page, host: Host, user: { username: string; password: string } = ADMIN, path = ''): Promise<void> {
  await page.goto(path ? `${host.url.split('#')[0]}#/${path}` : host.url)
  const logout = page.getByRole('button', { name: 'Keluar' })
  const form = page.getByRole('button', { name: 'Masuk', exact: true })
  await expect(logout.or(form).first()).toBeVisible()
  if (await logout.isVisible()) {
    await logout.click()
    await expect(form).toBeVisible()
  }
  await page.getByLabel('Nama pengguna').fill(user.username)
  await page.getByLabel('Kata sandi').fill(user.password)
  await form.click()
  await expect(page.getByTestId('current-user')).toBeVisible()
  // Logging out went back to the start page; open the asked one.
  if (path) await page.evaluate((p) => (window.location.hash = `#/${p}`), path)
}

/** First-run setup as the Bappeda of Kabupaten Serdang Bedagai (12.18). */
export async function setupKabupaten(page: Page, host: Host, operator = 'Rahmat Hidayat'): Promise<void> {
  await page.goto(host.url)
  await page.getByText('Kantor kabupaten/kota').click()
  await pick(page, 'Provinsi', 'Sumatera Utara')
  await pick(page, 'Kabupaten/kota', 'Serdang Bedagai')
  await page.getByLabel('Nama kantor').fill('Bappeda Kabupaten Serdang Bedagai')
  await fillAdmin(page, { ...ADMIN, displayName: operator })
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click()
  await passRecoveryCode(page)
  await expect(page.getByTestId('office-name')).toHaveText('Bappeda Kabupaten Serdang Bedagai')
}
