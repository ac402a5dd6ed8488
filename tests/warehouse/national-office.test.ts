import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localSummaryInputs, provinceSummary, wilayahName } from '../../src/core/province/service'
import { WAREHOUSE_OPS } from '../../src/warehouse/serve'
import { officeParty } from '../../src/core/write'
import { loadBundle, warehouseInit, warehouseSummary } from '../../src/warehouse'
import { warehouseTables } from '../../src/warehouse/schema'
import { rows } from '../helpers/adversary'
import { receive, send } from '../helpers/exchange'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { exchangeUp, nationWorld, type NationWorld } from '../helpers/province'

/**
 * The national office (ID) loads the bundles its provinces relay (each province passes on its
 * kabupaten/kota's rows) into a warehouse: it holds what the national office's own database
 * holds, and gives the same national figures, per province.
 */
let server: TestPostgres
let client: pg.Client
let n: NationWorld

beforeAll(async () => {
  server = await startPostgres()
  const url = await server.createDatabase('gudang_nasional')
  client = new pg.Client({ connectionString: url })
  await client.connect()
  n = nationWorld()
  await warehouseInit(n.nat, url)
}, 180_000)
afterAll(async () => {
  await client?.end()
  server?.stop()
})

describe('a national warehouse', () => {
  it('loads the provinces’ relayed bundles; the same rows and the same per-province figures as the national office’s database', async () => {
    for (const w of n.provinces.values()) {
      for (const f of await exchangeUp(w)) await receive(w.prov, f)
      const f = send(w.prov, n.nat, n.outDir)
      const r = await loadBundle(n.nat, client, f)
      expect(r.tables.find((t) => t.table === 'posyandu')!.added).toBeGreaterThan(0)
      await receive(n.nat, f)
    }
    for (const t of warehouseTables(officeParty(n.nat.sqlite))) {
      const inPg = (await client.query(`SELECT id, rev, scope FROM "${t}" ORDER BY id`)).rows.map((r) => ({ ...r, rev: Number(r.rev) }))
      expect(inPg, t).toEqual(rows(n.nat, t).map((r) => ({ id: r.id, rev: r.rev, scope: r.scope })))
    }
    const desktop = provinceSummary(n.nat, 2026)
    expect(desktop.unit).toBe('provinsi')
    expect(desktop.kabupaten.length).toBe(2)
    expect(await warehouseSummary(n.nat, client, 2026)).toEqual(desktop)
    // One province, per kabupaten/kota: what the dashboard's drill-down asks the warehouse host.
    const env = { pool: client as unknown as pg.Pool, office: { wilayahCode: 'ID' } as never, nameOf: wilayahName(n.nat.sqlite), local: async () => ({ ...localSummaryInputs(n.nat).opts, peers: localSummaryInputs(n.nat).peers }) }
    const op = WAREHOUSE_OPS['province.summary']!
    expect(await op({ year: 2026, province: '21' } as never, env)).toEqual(provinceSummary(n.nat, 2026, '21'))
    await expect(op({ year: 2026, province: '21.71' } as never, env)).rejects.toThrow(/di luar wilayah/)
  })
})
