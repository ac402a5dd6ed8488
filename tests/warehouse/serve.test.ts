import { spawnSync } from 'node:child_process'
import { cpSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openContext, type Ctx } from '../../src/core/context'
import { provinceSummary } from '../../src/core/province/service'
import { inProcessClient } from '../../src/core/worker/client'
import { startHost, type RunningHost } from '../../src/host/server'
import { opNames } from '../../src/shared/contract'
import { warehouseInit, warehouseLoad } from '../../src/warehouse'
import { readOnlyRefusal, WAREHOUSE_READS, warehouseClient, warehousePool, type WarehouseClient } from '../../src/warehouse/serve'
import { addUser, CLI_ENV, keyFor, TEST_PASSWORD, tempDir } from '../helpers/db'
import { receive, send } from '../helpers/exchange'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { exchangeUp, provinceWorld, type ProvinceWorld } from '../helpers/province'
import { addPosyandu } from '../helpers/registry'

/**
 * `simpul warehouse serve`: the headless host in front of a warehouse. The province office
 * Kepulauan Riau keeps its bundles in SQLite as usual; its twin — the same office (same keys,
 * same enrolled kabupaten, same people) copied before any bundle arrived — loads the same
 * bundles only into PostgreSQL, so whatever its host answers about posyandu can only come
 * from PostgreSQL. Both must give the same figures.
 */
let server: TestPostgres
let w: ProvinceWorld
let twin: Ctx
let pool: pg.Pool
let client: WarehouseClient
let host: RunningHost
let cookie = ''

const post = async (op: string, body: unknown, who = cookie) => {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-simpul-token': host.token, ...(who ? { cookie: who } : {}) },
    body: JSON.stringify(body),
  })
  return { res, body: (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } } }
}
const login = async (username: string) => {
  const r = await post('people.login', { username, password: TEST_PASSWORD }, '')
  expect(r.body.ok, JSON.stringify(r.body)).toBe(true)
  return (r.res.headers.get('set-cookie') ?? '').split(';')[0]
}
const sqliteCount = (ctx: Ctx, table: string) => (ctx.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n

beforeAll(async () => {
  server = await startPostgres()
  const url = await server.createDatabase('gudang_serve')
  w = provinceWorld()
  w.prov.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const dir = tempDir('simpul-whtwin-')
  cpSync(w.prov.dataDir, dir, { recursive: true })
  twin = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', clock: w.prov.clock, key: keyFor(join(dir, 'simpul.sqlite')) })
  addUser(twin, 'readonly', 'tamu')
  await warehouseInit(twin, url)
  for (const f of await exchangeUp(w)) await receive(w.prov, f)
  const loaded = await warehouseLoad(twin, w.outDir) // the folder: kecamatan bundles in it are not for this office
  expect(loaded.loaded.length).toBe(2)
  pool = await warehousePool(url)
  client = warehouseClient(inProcessClient(twin), pool, w.prov.clock)
  const renderer = tempDir('simpul-whrenderer-')
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Simpul</title>')
  host = await startHost({ client, rendererDir: renderer })
  cookie = await login('admin')
}, 180_000)
afterAll(async () => {
  await host?.close()
  await client?.close()
  server?.stop()
})

describe('warehouse serve', () => {
  it('answers province.summary over HTTP from PostgreSQL, with the same figures as the SQLite province office', async () => {
    expect(sqliteCount(twin, 'posyandu')).toBe(0) // the twin's SQLite holds no data row at all
    const before = client.answeredByWarehouse
    const r = await post('province.summary', { year: 2026 })
    expect(r.body.ok, JSON.stringify(r.body)).toBe(true)
    const desktop = provinceSummary(w.prov, 2026)
    expect(desktop.total.posyandu).toBeGreaterThan(0)
    expect(r.body.data).toEqual(desktop)
    expect(client.answeredByWarehouse).toBe(before + 1)
  })

  it('keeps the login and role rules: nobody logged in is refused; a read-only person reads the dashboard but not the people list', async () => {
    const anon = await post('province.summary', { year: 2026 }, '')
    expect(anon.body.error?.code).toBe('UNAUTHENTICATED')
    const guest = await login('tamu')
    expect((await post('province.summary', { year: 2026 }, guest)).body.ok).toBe(true)
    const people = await post('people.list', {}, guest)
    expect(people.body.error?.code).toBe('FORBIDDEN')
    expect((await post('people.list', {})).body.ok).toBe(true) // the administrator may
    const bad = await post('province.summary', { year: 1900 })
    expect(bad.body.error?.code).toBe('INVALID_INPUT')
  })

  it('refuses every write with a clear message and changes nothing, in PostgreSQL or in the office database', async () => {
    const pgBefore = (await pool.query(`SELECT (SELECT count(*) FROM posyandu) AS p, (SELECT count(*) FROM wh_load_log) AS l`)).rows[0]
    const settings = twin.sqlite.prepare(`SELECT group_concat(key || '=' || value, '|') AS s FROM meta`).get()
    for (const [op, input] of [
      ['settings.set', { key: 'letterhead.name', value: 'Gudang' }],
      ['people.add', { username: 'baru', displayName: 'Orang Baru', role: 'operator', password: 'rahasia-baru-123' }],
      ['people.changePassword', { oldPassword: TEST_PASSWORD, newPassword: 'rahasia-lain-456' }],
      ['registry.demo', { scale: 'kecamatan', seed: 1 }],
      ['exchange.bundleApply', { inboxId: 'x', reject: [] }],
      ['office.setup', { wilayahCode: '21', level: 'provinsi', name: 'Lain' }],
    ] as const) {
      const r = await post(op, input)
      expect(r.body.error?.code, op).toBe('WAREHOUSE_READ_ONLY')
      expect(r.body.error?.message).toMatch(/hanya untuk dibaca.*Tidak ada data yang diubah/)
    }
    expect((await pool.query(`SELECT (SELECT count(*) FROM posyandu) AS p, (SELECT count(*) FROM wh_load_log) AS l`)).rows[0]).toEqual(pgBefore)
    expect(twin.sqlite.prepare(`SELECT group_concat(key || '=' || value, '|') AS s FROM meta`).get()).toEqual(settings)
    // The old password still works: nothing was changed.
    await login('admin')
  })

  it('passes only reads on: no operation that names a change is in the list', () => {
    const writeVerb = /\.(save|create|delete|remove|set|add|update|import|apply|restore|submit|approve|accept|return|reopen|finali[sz]e|verify|pay|cancel|enrol|revoke|rekey|demo|setup|first|change|reset|bundleOpen|bundleExport|bundleDryRun|attach\b|lock|unlock|generate|record|score\b)/i
    const passed = [...WAREHOUSE_READS]
    // The window's language for the Electron menu and dialogs: a no-op in the headless host, no data.
    const noData = new Set(['platform.setLanguage'])
    expect(passed.filter((op) => writeVerb.test(op) && !noData.has(op))).toEqual([])
    expect(passed).toContain('province.summary')
    expect(opNames.length - passed.length).toBeGreaterThan(50) // most of the contract writes
    expect(readOnlyRefusal('x.y').ok).toBe(false)
  })

  it('a newer bundle loaded while the host runs shows at the next call, still equal to SQLite', async () => {
    const kec = w.kec.get('21.01.04')!
    const bintan = w.kab.get('21.01')!
    const desa = (kec.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '21.01.04' ORDER BY code LIMIT 1 OFFSET 3`).get() as { code: string }).code
    addPosyandu(kec, 'Posyandu Seruni Baru', desa)
    await receive(bintan, send(kec, bintan, w.outDir))
    const f = send(bintan, w.prov, w.outDir)
    const before = (await post('province.summary', { year: 2026 })).body.data.total.posyandu
    await receive(w.prov, f)
    const r = await warehouseLoad(twin, f)
    expect(r.loaded.length).toBe(1)
    const after = (await post('province.summary', { year: 2026 })).body.data
    expect(after.total.posyandu).toBe(before + 1)
    expect(after).toEqual(provinceSummary(w.prov, 2026))
  })
})

describe('`simpul warehouse serve`', () => {
  it('refuses an office without a warehouse, saying what to run first, and a server that cannot be read', () => {
    const db = join(tempDir('simpul-whserve-'), 'kantor.sqlite')
    const env = { ...process.env, ...CLI_ENV }
    const init = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'init', '--office', '21', '--name', 'Provinsi Kepulauan Riau', '--admin', 'admin', '--db', db], { encoding: 'utf8', env })
    expect(init.status, init.stderr).toBe(0)
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'warehouse', 'serve', '--db', db], { encoding: 'utf8', env })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/Gudang data belum disiapkan.*warehouse init --pg/)
    // --pg names another server (a replica): one that is not there is refused before any host starts.
    const gone = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'warehouse', 'serve', '--db', db, '--pg', `postgresql://postgres@localhost/none?host=${encodeURIComponent(join(server.dir, 'tidak-ada'))}`], { encoding: 'utf8', env })
    expect(gone.status).toBe(1)
    expect(gone.stderr).toMatch(/tidak dapat dibaca/)
  })
})

it('the host’s connections to PostgreSQL are read-only on the server’s side too', async () => {
  await expect(pool.query(`CREATE TABLE coba (a int)`)).rejects.toThrow(/read-only transaction/)
})
