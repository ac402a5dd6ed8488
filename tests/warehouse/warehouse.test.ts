import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { updateRow } from '../../src/core/db/rows'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { provinceSummary } from '../../src/core/province/service'
import { loadBundle, warehouseInit, warehouseLoad, warehouseSummary } from '../../src/warehouse'
import { applyBundle, prepareBundle } from '../../src/warehouse/load'
import { csvLine } from '../../src/warehouse/csv'
import { streamRows, type SectionHead } from '../../src/core/exchange/stages/payload'
import { initSchema, warehouseTables } from '../../src/warehouse/schema'
import { officeParty } from '../../src/core/write'
import { craft, edited, rows } from '../helpers/adversary'
import { CLI_ENV, makeCtx, tempDir } from '../helpers/db'
import { enrolPair, receive, refusal, send } from '../helpers/exchange'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import { exchangeUp, provinceWorld, type ProvinceWorld } from '../helpers/province'
import { addKader, addPosyandu } from '../helpers/registry'

let server: TestPostgres
let w: ProvinceWorld
let url: string
let client: pg.Client
/** The province bundles of the first exchange, by kabupaten. */
let first: string[]

beforeAll(async () => {
  server = await startPostgres()
  url = await server.createDatabase('gudang')
  client = new pg.Client({ connectionString: url })
  await client.connect()
  w = provinceWorld()
  // The province office loads the bundles it receives into its own warehouse too.
  await warehouseInit(w.prov, url)
  first = await exchangeUp(w)
}, 120_000)
afterAll(async () => {
  await client?.end()
  server?.stop()
})

/** Everything the warehouse holds, as one string: equal means nothing changed. */
async function pgState(c: pg.Client, ctx: Ctx): Promise<string> {
  const parts: string[] = []
  for (const t of [...warehouseTables(officeParty(ctx.sqlite)), 'wh_load_log', 'wh_kader_summary', 'wh_strata_summary', 'wh_set_summary']) {
    const r = await c.query(`SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') AS s FROM "${t}" x`)
    parts.push(`${t}:${r.rows[0].s}`)
  }
  return parts.join('\n')
}

const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n)

describe('warehouse on PostgreSQL', () => {
  it('loads province bundles; holds what the SQLite province holds; the same figures come out of both', async () => {
    for (const f of first) {
      const r = await loadBundle(w.prov, client, f)
      expect(r.tables.find((t) => t.table === 'posyandu')!.added).toBeGreaterThan(0)
      await receive(w.prov, f)
    }
    for (const t of warehouseTables(officeParty(w.prov.sqlite))) {
      const inPg = (await client.query(`SELECT id, rev, hlc, origin, scope FROM "${t}" ORDER BY id`)).rows.map((r) => ({ ...r, rev: Number(r.rev) }))
      const inSqlite = rows(w.prov, t).map((r) => ({ id: r.id, rev: r.rev, hlc: r.hlc, origin: r.origin, scope: r.scope }))
      expect(inPg, t).toEqual(inSqlite)
    }
    const desktop = provinceSummary(w.prov, 2026)
    expect(desktop.total.posyandu).toBeGreaterThan(0)
    expect(await warehouseSummary(w.prov, client, 2026)).toEqual(desktop)
    // No person reached the warehouse either.
    const everything = await pgState(client, w.prov)
    for (const secret of w.secrets) expect(everything.includes(secret), secret).toBe(false)
  })

  it('a bundle whose rows the check stage kept in memory (as CSV) is copied from them, not from a second read of the file', async () => {
    const url2 = await server.createDatabase('gudang_kept')
    const c2 = new pg.Client({ connectionString: url2 })
    await c2.connect()
    try {
      const me = officeParty(w.prov.sqlite)
      await initSchema(c2, w.prov.sqlite, me)
      let renamed = ''
      for (const f of first) {
        const prepared = await prepareBundle(w.prov, f, () => 0)
        // What the check stage keeps of a small bundle for the warehouse (PreparedBundle.csv):
        // its sections as read, each row as its CSV line.
        const kept: { head: SectionHead; rows: unknown[][] }[] = []
        await streamRows(f, prepared.checked, { head: (head) => kept.push({ head, rows: [] }), row: (v) => kept.at(-1)!.rows.push(v) })
        expect(prepared.csv!.map((k) => [k.section.name, Buffer.concat(k.chunks).toString()])).toEqual(kept.map((k) => [k.head.table, k.rows.map(csvLine).join('')]))
        // One posyandu renamed in memory only: the warehouse must hold the kept rows.
        const p = kept.find((k) => k.head.table === 'posyandu' && k.rows.length)
        if (p && !renamed) {
          const row = p.rows[0]
          renamed = String(row[p.head.columns.indexOf('id')])
          row[p.head.columns.indexOf('name')] = 'Posyandu Dari Memori'
        }
        prepared.csv = prepared.csv!.map((c, i) => ({ ...c, chunks: kept[i].rows.map((r) => Buffer.from(csvLine(r))) }))
        await applyBundle(w.prov, c2, prepared)
      }
      expect(renamed).not.toBe('')
      expect((await c2.query(`SELECT name FROM posyandu WHERE id = $1`, [renamed])).rows[0].name).toBe('Posyandu Dari Memori')
      // Everything else is what the loads of the file put in the first warehouse.
      for (const t of warehouseTables(me)) {
        const all = async (c: pg.Client) => (await c.query(`SELECT x::text AS r FROM "${t}" x WHERE id <> $1 ORDER BY id`, [renamed])).rows.map((r) => r.r)
        expect(await all(c2), t).toEqual(await all(client))
      }
    } finally {
      await c2.end()
    }
  })

  it('the same bundle twice changes nothing (a file or a folder)', async () => {
    const before = await pgState(client, w.prov)
    const again = await refusal(loadBundle(w.prov, client, first[0]))
    expect(again.code).toBe('BUNDLE_ALREADY_IMPORTED')
    expect(again.message).toMatch(/sudah pernah diimpor/)
    const folder = await warehouseLoad(w.prov, w.outDir)
    expect(folder.loaded).toEqual([])
    expect(folder.skipped.length).toBe(first.length)
    expect(await pgState(client, w.prov)).toBe(before)
  })

  it('a newer bundle applies its changes by the version order, and both sides still agree', async () => {
    const kec = w.kec.get('21.71.01')!
    const batam = w.kab.get('21.71')!
    const p = rows(kec, 'posyandu')[0]
    updateRow(kec, 'posyandu', String(p.id), { name: 'Posyandu Melati Berganti Nama' })
    addKader(kec, { nik: '2171014508909002', name: 'Kader Baru', sex: 'P', birthDate: '1990-08-05', posyanduId: String(p.id) } as never)
    await receive(batam, send(kec, batam, w.outDir))
    const f = send(batam, w.prov, w.outDir)
    const before = await count('wh_load_log')
    const r = await loadBundle(w.prov, client, f)
    await receive(w.prov, f)
    expect(r.tables.find((t) => t.table === 'posyandu')).toMatchObject({ changed: 1, added: 0 })
    expect(r.tables.find((t) => t.table === 'kader_count')!.changed).toBe(1)
    expect(await count('wh_load_log')).toBe(before + 1)
    const stored = (await client.query(`SELECT name, rev FROM posyandu WHERE id = $1`, [p.id])).rows[0]
    expect(stored).toEqual({ name: 'Posyandu Melati Berganti Nama', rev: String(Number(p.rev) + 1) })
    expect(await warehouseSummary(w.prov, client, 2026)).toEqual(provinceSummary(w.prov, 2026))
  })

  it('a loader killed inside its transaction leaves the previous state; the next load applies the bundle whole', async () => {
    const kec = w.kec.get('21.01.04')!
    const bintan = w.kab.get('21.01')!
    const desa = (kec.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '21.01.04' ORDER BY code LIMIT 1 OFFSET 2`).get() as { code: string }).code
    addPosyandu(kec, 'Posyandu Anggrek Baru', desa)
    await receive(bintan, send(kec, bintan, w.outDir))
    const f = send(bintan, w.prov, w.outDir)
    const before = await pgState(client, w.prov)
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'warehouse', 'load', f, '--db', w.prov.dataFile], {
      // The office database is encrypted: the loader opens it as the test administrator.
      env: { ...process.env, ...CLI_ENV, SIMPUL_WAREHOUSE_HOLD_MS: '60000' },
      stdio: 'ignore',
    })
    const exited = new Promise((r) => child.on('exit', r))
    // Wait until the loader has written everything and sits before COMMIT, then kill it.
    const deadline = Date.now() + 60_000
    for (;;) {
      const held = await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'simpul-warehouse' AND state = 'idle in transaction'`)
      if (Number(held.rows[0].n) > 0) break
      if (Date.now() > deadline) throw new Error('the loader never reached its commit')
      await new Promise((r) => setTimeout(r, 100))
    }
    child.kill('SIGKILL')
    await exited
    // The server ends the dead client's transaction; wait for its backend to go.
    for (let i = 0; i < 100; i++) {
      const n = Number((await client.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'simpul-warehouse'`)).rows[0].n)
      if (!n) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(await pgState(client, w.prov)).toBe(before)
    const r = await loadBundle(w.prov, client, f)
    expect(r.tables.find((t) => t.table === 'posyandu')!.added).toBe(1)
    await receive(w.prov, f)
    expect(await warehouseSummary(w.prov, client, 2026)).toEqual(provinceSummary(w.prov, 2026))
  })
})

describe('warehouse commands', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args], { encoding: 'utf8' })
  it('`warehouse init` sets up a warehouse office and its schema; an unreachable server is refused in Indonesian', async () => {
    const u = await server.createDatabase('gudang_cli')
    const db = join(tempDir('simpul-whcli-'), 'gudang.sqlite')
    const r = cli('warehouse', 'init', '--pg', u, '--office', '21', '--name', 'Gudang Data Kepri', '--db', db, '--json')
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout).tables).toEqual(['posyandu', 'monthly_report', 'kader_count', 'posyandu_stratum', 'offer_decision'])
    const c = new pg.Client({ connectionString: u })
    await c.connect()
    const summaries = await c.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'wh\\_%summary' ORDER BY 1`)
    await c.end()
    expect(summaries.rows.map((v) => v.tablename)).toEqual(['wh_kader_summary', 'wh_reports_summary', 'wh_set_summary', 'wh_strata_summary'])
    const bad = cli('warehouse', 'init', '--pg', `postgresql://postgres@localhost/none?host=${encodeURIComponent(join(server.dir, 'tidak-ada'))}`, '--db', db)
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/Tidak dapat terhubung ke PostgreSQL/)
  })
})

describe('a hostile kabupaten against a warehouse', () => {
  let wh: Ctx
  let kab: Ctx
  let c: pg.Client
  let outDir: string
  let posyandu: Record<string, unknown>
  beforeAll(async () => {
    const u = await server.createDatabase('gudang_uji')
    wh = makeCtx({ office: '21' }) // a warehouse-only office: its SQLite holds no rows, PostgreSQL decides
    kab = makeCtx({ office: '21.71' })
    enrolPair(wh, kab)
    await warehouseInit(wh, u)
    c = new pg.Client({ connectionString: u })
    await c.connect()
    const desa = (kab.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '21.71.01' ORDER BY code LIMIT 1`).get() as { code: string }).code
    addPosyandu(kab, 'Posyandu Mawar', desa)
    outDir = tempDir('simpul-wh-')
    await loadBundle(wh, c, send(kab, wh, outDir))
    posyandu = rows(kab, 'posyandu')[0]
  }, 60_000)
  afterAll(async () => c?.end())

  const refused = async (file: string, code: string, message: RegExp) => {
    const before = await pgState(c, wh)
    const e = await refusal(loadBundle(wh, c, file))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(message)
    expect(await pgState(c, wh)).toBe(before)
  }

  it('refuses, writing nothing: another kabupaten’s posyandu, a moved scope, a report on a foreign posyandu, a tampered file', async () => {
    await refused(craft(kab, wh, outDir, 'posyandu', [edited(posyandu, { id: '019a0000-0000-7000-8000-000000000001', scope: '21.01.04', desa_code: '21.01.04.2001' })]), 'BUNDLE_UNAUTHORISED', /di luar wewenang/)
    // Its own kecamatan, but the row is stored as 21.71.01's: only PostgreSQL knows that here.
    const moved = (await c.query(`SELECT scope FROM posyandu WHERE id = $1`, [posyandu.id])).rows[0]
    expect(moved.scope).toBe('21.71.01')
    const desa2 = (kab.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '21.71.02' ORDER BY code LIMIT 1`).get() as { code: string }).code
    await refused(craft(kab, wh, outDir, 'posyandu', [edited(posyandu, { scope: '21.71.02', desa_code: desa2 })]), 'BUNDLE_UNAUTHORISED', /milik wilayah 21\.71\.01 dikirim sebagai milik 21\.71\.02/)
    // A monthly report filed under 21.71.02 about 21.71.01's posyandu.
    generateMonthlyReports(kab, { seed: 3, years: 1 })
    const report = rows(kab, 'monthly_report')[0]
    expect(report).toBeDefined()
    await refused(craft(kab, wh, outDir, 'monthly_report', [{ ...report, scope: '21.71.02' }]), 'BUNDLE_UNAUTHORISED', /merujuk posyandu milik wilayah 21\.71\.01/)
    const file = send(kab, wh, outDir)
    const bytes = readFileSync(file)
    bytes[bytes.length - 40] ^= 0xff
    const tampered = `${file}.rusak.simpul`
    writeFileSync(tampered, bytes)
    await refused(tampered, 'BUNDLE_TAMPERED', /rusak|diubah/)
  })
})
