import { spawn, spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { updateRow } from '../../src/core/db/rows'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { warehouseInit, warehouseLoad } from '../../src/warehouse'
import { officeParty } from '../../src/core/write'
import { craft, edited, rows } from '../helpers/adversary'
import { CLI_ENV, makeCtx, tempDir } from '../helpers/db'
import { enrolPair, send } from '../helpers/exchange'
import { startPostgres, warehouseState, type TestPostgres } from '../helpers/postgres'
import { addPosyandu, desaOf } from '../helpers/registry'

/**
 * `warehouse load --jobs N`: a folder's senders spread over loader processes, each sender's
 * bundles in sequence order in one process, one transaction per bundle. The warehouse it
 * leaves is the serial load's; a hostile bundle is refused with nothing of it written while
 * the others load; a killed loader process loses only the bundle it was in, and the same
 * command again loads the rest.
 */
let server: TestPostgres
let wh: Ctx
let folder: string
let hostile: string
const KAB = ['21.01', '21.71', '21.72']

const kecOf = (ctx: Ctx, kab: string) => (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code LIMIT 2`).pluck().all(kab) as string[])

beforeAll(async () => {
  server = await startPostgres()
  wh = makeCtx({ office: '21' }) // a warehouse-only office: its SQLite holds no rows
  folder = tempDir('simpul-whpar-')
  for (const [i, code] of KAB.entries()) {
    const kab = makeCtx({ office: code })
    enrolPair(wh, kab)
    const [k1, k2] = kecOf(kab, code)
    addPosyandu(kab, `Posyandu Mawar ${i}`, desaOf(kab, k1))
    addPosyandu(kab, `Posyandu Melati ${i}`, desaOf(kab, k2))
    generateMonthlyReports(kab, { seed: 10 + i, years: 1 })
    send(kab, wh, folder) // #1
    const p = rows(kab, 'posyandu')[0]
    updateRow(kab, 'posyandu', String(p.id), { name: `Posyandu Mawar ${i} Baru` })
    send(kab, wh, folder) // #2: a change
    // #3 from Tanjungpinang: its own posyandu moved to its other kecamatan — only PostgreSQL knows where it is stored.
    if (code === '21.72') hostile = craft(kab, wh, folder, 'posyandu', [edited(rows(kab, 'posyandu').find((r) => r.id === p.id)!, { scope: k2, desa_code: desaOf(kab, k2) })])
  }
}, 180_000)
afterAll(() => server?.stop())

/** The warehouse at `url`, as one string (tests/helpers/postgres.ts). */
async function state(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await warehouseState(c, officeParty(wh.sqlite))
  } finally {
    await c.end()
  }
}

const summary = (out: Awaited<ReturnType<typeof warehouseLoad>>) => ({
  loaded: out.loaded.map((r) => `${r.from}#${r.seq}`),
  refused: out.refused.map((r) => r.file),
  skipped: out.skipped.map((r) => r.file),
})

let serialUrl: string
it('a parallel folder load leaves the serial load’s warehouse; the hostile bundle is refused in both, nothing of it written', async () => {
  expect(readdirSync(folder).length).toBe(7)
  serialUrl = await server.createDatabase('gudang_serial')
  await warehouseInit(wh, serialUrl)
  const serial = await warehouseLoad(wh, folder, { jobs: 1 })
  const parUrl = await server.createDatabase('gudang_paralel')
  await warehouseInit(wh, parUrl)
  const par = await warehouseLoad(wh, folder, { jobs: 3 })
  expect(par.workers!.length).toBe(3)
  expect(summary(par)).toEqual(summary(serial))
  expect(summary(par).loaded).toEqual(['21.01#1', '21.01#2', '21.71#1', '21.71#2', '21.72#1', '21.72#2'])
  expect(par.refused.map((r) => r.file)).toEqual([hostile])
  expect(par.refused[0].reason).toMatch(/dikirim sebagai milik .* Tidak ada data yang dimuat/)
  expect(await state(parUrl)).toBe(await state(serialUrl))
  // And again: everything is in, nothing changes.
  const again = await warehouseLoad(wh, folder, { jobs: 3 })
  expect(again.loaded).toEqual([])
  expect(await state(parUrl)).toBe(await state(serialUrl))
}, 180_000)

it('a loader process killed inside its transaction loses only that bundle; the same command again loads the rest', async () => {
  const url = await server.createDatabase('gudang_bunuh')
  await warehouseInit(wh, url)
  const watch = new pg.Client({ connectionString: url })
  await watch.connect()
  try {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'warehouse', 'load', folder, '--jobs', '2', '--db', wh.dataFile], {
      env: { ...process.env, ...CLI_ENV, SIMPUL_WAREHOUSE_HOLD_MS: '1500' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    let finished = false
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => ((finished = true), r(code))))
    // The command names its loader processes as it starts them.
    const workers = () => [...stderr.matchAll(/pemuat (\d+) mulai/g)].map((m) => Number(m[1]))
    const deadline = Date.now() + 90_000
    let victim = 0
    for (;;) {
      // Inside a transaction: holding before its commit, or waiting for the reference lock
      // the other one holds (src/warehouse/load.ts: one load at a time decides references).
      const held = Number((await watch.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'simpul-warehouse' AND xact_start IS NOT NULL`)).rows[0].n)
      const pids = workers()
      // Both inside a transaction: whichever is killed dies holding a bundle.
      if (held === 2 && pids.length === 2) {
        victim = pids[0]
        break
      }
      if (finished || Date.now() > deadline) throw new Error(`the two loaders were never inside a transaction at once; the command said:\n${stderr}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    process.kill(victim, 'SIGKILL')
    const code = await exited
    // The other process went on; the command reports what was not loaded and exits refused.
    expect(code).toBe(1)
    expect(stderr).toMatch(new RegExp(`pemuat ${victim} berhenti \\(SIGKILL\\)`))
    const first = await warehouseLoad(wh, folder, { jobs: 1 }) // nothing loaded twice: resumable
    const loadedBoth = (await watch.query(`SELECT peer_code || '#' || seq AS b FROM wh_load_log ORDER BY 1`)).rows.map((r) => r.b)
    expect(loadedBoth).toEqual(['21.01#1', '21.01#2', '21.71#1', '21.71#2', '21.72#1', '21.72#2'])
    expect(first.loaded.length).toBeGreaterThan(0)
    expect(first.refused.map((r) => r.file)).toEqual(expect.arrayContaining([hostile]))
    expect(await state(url)).toBe(await state(serialUrl))
  } finally {
    await watch.end()
  }
}, 180_000)

it('`--jobs` takes a whole number of loader processes; anything else is a usage error that loads nothing', async () => {
  const before = await state(serialUrl)
  await warehouseInit(wh, serialUrl)
  for (const bad of ['0', 'dua', '1.5']) {
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'warehouse', 'load', folder, '--jobs', bad, '--db', wh.dataFile], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/--jobs .* bukan jumlah pemuat/)
  }
  expect(await state(serialUrl)).toBe(before)
}, 60_000)
