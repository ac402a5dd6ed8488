import { spawn } from 'node:child_process'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { updateRow } from '../../src/core/db/rows'
import { provinceSummary } from '../../src/core/province/service'
import { warehouseInit, warehouseLoad, warehouseSummary } from '../../src/warehouse'
import { rows } from '../helpers/adversary'
import { CLI_ENV } from '../helpers/db'
import { receive, send } from '../helpers/exchange'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { exchangeUp, provinceWorld, type ProvinceWorld } from '../helpers/province'

/**
 * A folder load is resumable: one transaction per bundle, in sender-and-sequence order, so a
 * loader killed in the middle of a folder leaves the bundles before it loaded and nothing of
 * the one it was in; the same command again skips what is in and loads the rest.
 */
let server: TestPostgres
let w: ProvinceWorld
let client: pg.Client
beforeAll(async () => {
  server = await startPostgres()
  const url = await server.createDatabase('gudang_lanjut')
  client = new pg.Client({ connectionString: url })
  await client.connect()
  w = provinceWorld()
  await warehouseInit(w.prov, url)
}, 120_000)
afterAll(async () => {
  await client?.end()
  server?.stop()
})

const loaded = async () => (await client.query<{ peer_code: string; seq: number }>(`SELECT peer_code, seq FROM wh_load_log ORDER BY peer_code, seq`)).rows

it('a folder load killed in its second bundle keeps the first; run again, it loads the rest and skips nothing twice', async () => {
  const files = await exchangeUp(w)
  // A second round: a change at a Bintan kecamatan travels up, so the folder holds three province bundles.
  const kec = w.kec.get('21.01.04')!
  const bintan = w.kab.get('21.01')!
  updateRow(kec, 'posyandu', String(rows(kec, 'posyandu')[0].id), { name: 'Posyandu Kenanga Lanjut' })
  await receive(bintan, send(kec, bintan, w.outDir))
  files.push(send(bintan, w.prov, w.outDir))
  for (const f of files) await receive(w.prov, f)

  // Each bundle waits 1.5 s before its COMMIT: kill the loader while it holds the second.
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'warehouse', 'load', w.outDir, '--jobs', '1', '--db', w.prov.dataFile], {
    env: { ...process.env, ...CLI_ENV, SIMPUL_WAREHOUSE_HOLD_MS: '1500' },
    stdio: 'ignore',
  })
  const exited = new Promise((r) => child.on('exit', r))
  const deadline = Date.now() + 90_000
  for (;;) {
    const held = Number((await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'simpul-warehouse' AND state = 'idle in transaction'`)).rows[0].n)
    if (held && (await loaded()).length === 1) break
    if (Date.now() > deadline) throw new Error('the loader never reached its second bundle')
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  await exited
  for (let i = 0; i < 100; i++) {
    if (!Number((await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'simpul-warehouse'`)).rows[0].n)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  // Bintan's first bundle is in; its second (the one killed) left nothing.
  expect(await loaded()).toEqual([{ peer_code: '21.01', seq: 1 }])
  expect((await client.query(`SELECT count(*) AS n FROM posyandu WHERE name = 'Posyandu Kenanga Lanjut'`)).rows[0].n).toBe('0')

  const again = await warehouseLoad(w.prov, w.outDir)
  expect(again.loaded.map((r) => `${r.from}#${r.seq}`)).toEqual(['21.01#2', '21.71#1'])
  expect(again.skipped.length).toBe(1)
  expect(await loaded()).toEqual([{ peer_code: '21.01', seq: 1 }, { peer_code: '21.01', seq: 2 }, { peer_code: '21.71', seq: 1 }])
  expect((await client.query(`SELECT count(*) AS n FROM posyandu WHERE name = 'Posyandu Kenanga Lanjut'`)).rows[0].n).toBe('1')
  expect(await warehouseSummary(w.prov, client, 2026)).toEqual(provinceSummary(w.prov, 2026))
  // And once more: everything is in, nothing changes.
  const third = await warehouseLoad(w.prov, w.outDir)
  expect(third.loaded).toEqual([])
  expect(third.skipped.length).toBe(3)
}, 180_000)
