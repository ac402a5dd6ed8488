import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { policyOf } from '../../src/core/policy'
import { officeParty } from '../../src/core/write'
import { provinceSummary } from '../../src/core/province/service'
import { loadBundle, warehouseSummary } from '../../src/warehouse'
import { withdraw } from '../../src/warehouse/load'
import { areaSql } from '../../src/warehouse/refs'
import { initSchema, SUMMARY_SQL } from '../../src/warehouse/schema'
import { craft, rows } from '../helpers/adversary'
import { makeCtx, tempDir } from '../helpers/db'
import { enrolPair, kepriOffices, receive, refusal, send } from '../helpers/exchange'
import { startPostgres, warehouseState, type TestPostgres, freshWarehouse as freshPg } from '../helpers/postgres'
import { addPosyandu, desaOf } from '../helpers/registry'

/**
 * Areas and references in the warehouse, whatever the length of a sender's code and whatever
 * the order in which senders' bundles arrive (parallel loaders make that order unpredictable).
 */
let server: TestPostgres
let wh: Ctx
let batam: Ctx
let pinang: Ctx
let outDir: string
const clients: pg.Client[] = []


const freshWarehouse = (name: string) => freshPg(server, wh, name, clients)

/** Rows (of any table with a reference) that point at a row of another area (within their kabupaten/kota, where references resolve and the summaries join). */
async function crossRefs(c: pg.Client): Promise<number> {
  let n = 0
  for (const t of ['monthly_report', 'kader_count', 'posyandu_stratum']) {
    const r = await c.query(`SELECT count(*) AS n FROM "${t}" x JOIN posyandu p ON p.id = x.posyandu_id AND substr(p.scope, 1, 5) = substr(x.scope, 1, 5) WHERE p.scope <> x.scope AND left(p.scope, length(x.scope) + 1) <> x.scope || '.'`)
    n += Number(r.rows[0].n)
  }
  return n
}

let pinangBundle: string
let crafted: string
let pinangPosyandu: string
/** Within Batam: a report of kecamatan 21.71.01 about Batam's posyandu of 21.71.02 (inside), and that posyandu's own bundle (batamMelati). */
let inside: string
/** The same report, in a bundle after the posyandu's. */
let insideAfter: string
let batamMelati: string
let melati: string

beforeAll(async () => {
  server = await startPostgres()
  ;({ wh, batam, pinang } = kepriOffices())
  outDir = tempDir('simpul-whrefs-')
  addPosyandu(batam, 'Posyandu Mawar', desaOf(batam, '21.71.01'))
  pinangPosyandu = String(addPosyandu(pinang, 'Posyandu Kenanga', desaOf(pinang, '21.72.01')).id)
  generateMonthlyReports(batam, { seed: 5, years: 1 })
  generateMonthlyReports(pinang, { seed: 6, years: 1 })
  pinangBundle = send(pinang, wh, outDir)
  // Batam (a modified Simpul, its real keys) files a report of its own kecamatan about
  // Tanjung Pinang's posyandu, whose id it learnt somehow — before Tanjung Pinang's first bundle.
  const report = rows(batam, 'monthly_report')[0]
  crafted = craft(batam, wh, outDir, 'monthly_report', [{ ...report, posyandu_id: pinangPosyandu }])
  // Within Batam, whose bundles are all signed by Batam: a posyandu of kecamatan 21.71.02, sent
  // alone (so no complete section withdraws the report below), after the report of 21.71.01 about it.
  const m = addPosyandu(batam, 'Posyandu Melati', desaOf(batam, '21.71.02'))
  melati = String(m.id)
  inside = craft(batam, wh, outDir, 'monthly_report', [{ ...report, id: '019a0000-0000-7000-8000-0000000000aa', posyandu_id: melati }])
  batamMelati = craft(batam, wh, outDir, 'posyandu', [rows(batam, 'posyandu').find((p) => p.id === melati)!])
  insideAfter = craft(batam, wh, outDir, 'monthly_report', [{ ...report, id: '019a0000-0000-7000-8000-0000000000ab', posyandu_id: melati }])
}, 120_000)
afterAll(async () => {
  for (const c of clients) await c.end()
  server?.stop()
})

describe('areas by the code’s own length', () => {
  it('a province code reaches its kabupaten/kota and kecamatan rows, and no other province’s', async () => {
    const c = await freshWarehouse('gudang_area')
    for (const scope of ['21', '21.71', '21.71.01', '21.01.04', '12.18.04', '22.01', '2']) {
      await c.query(`INSERT INTO posyandu (id, scope, rev, hlc, origin) VALUES ($1, $1, 1, '000000000000001-000000', 'x')`, [scope])
    }
    const area = async (code: string) => (await c.query(`SELECT scope FROM posyandu st WHERE ${areaSql('st', code)} ORDER BY scope`)).rows.map((r) => r.scope)
    expect(await area('21')).toEqual(['21', '21.01.04', '21.71', '21.71.01'])
    expect(await area('21.71')).toEqual(['21.71', '21.71.01'])
    expect(await area('21.71.01')).toEqual(['21.71.01'])
  })

  it('a complete section of a province sender withdraws its rows of every level it may write, not only those of its own two-digit code', async () => {
    const c = await freshWarehouse('gudang_tarik')
    // A row of the province itself, of a kabupaten/kota directly below it, of a kecamatan below that, and of another province.
    const fill = async () => {
      for (const t of ['posyandu', 'kader_count']) {
        await c.query(`DELETE FROM "${t}"`)
        for (const scope of ['21', '21.71', '21.71.01', '12.18']) {
          await c.query(`INSERT INTO "${t}" (id, scope, rev, hlc, origin) VALUES ($1, $2, 1, '000000000000001-000000', 'x')`, [`${t}:${scope}`, scope])
        }
      }
    }
    const left = async (t: string) => (await c.query(`SELECT scope FROM "${t}" ORDER BY scope`)).rows.map((r) => r.scope)
    const pos = { name: 'posyandu', policy: policyOf('posyandu')! }
    const counts = { name: 'kader_count', policy: policyOf('kader_count')! }
    await c.query('BEGIN')
    for (const t of ['posyandu', 'kader_count']) await c.query(`CREATE TEMP TABLE "wh_stage_${t}" (LIKE "${t}") ON COMMIT DROP`)
    // To a kabupaten/kota below it (sending down): posyandu are written by their office and the
    // office directly above, so the province's section covers 21 and 21.xx; kader counts by the owner alone.
    await fill()
    const kab = { wilayahCode: '21.71', level: 'kabupaten' as const }
    expect((await withdraw(c, pos, '21', kab)).count).toBe(2)
    expect(await left('posyandu')).toEqual(['12.18', '21.71.01'])
    expect(await withdraw(c, counts, '21', kab)).toEqual({ count: 1, kabs: ['21'] })
    expect(await left('kader_count')).toEqual(['12.18', '21.71', '21.71.01'])
    // To the national office (sending up): the province relays every row of its area.
    await fill()
    const nation = { wilayahCode: 'ID', level: 'nasional' as const }
    expect((await withdraw(c, pos, '21', nation)).count).toBe(3)
    expect(await left('posyandu')).toEqual(['12.18'])
    expect((await withdraw(c, counts, '21', nation)).kabs.sort()).toEqual(['21', '21.71'])
    expect(await left('kader_count')).toEqual(['12.18'])
    // The national office's own section to a province: its own rows and its provinces'.
    await fill()
    expect((await withdraw(c, pos, 'ID', { wilayahCode: '21', level: 'provinsi' })).count).toBe(1)
    expect(await left('posyandu')).toEqual(['12.18', '21.71', '21.71.01'])
    await c.query('ROLLBACK')
  })
})

describe('references whatever the order of the loads', () => {
  // Rows are keyed by (kabupaten/kota, id) and a reference resolves within the row's
  // kabupaten/kota (src/warehouse/refs.ts): another kabupaten/kota's row with that id is
  // another area's, which a sender could have squatted just as well. So Batam's report about
  // Tanjung Pinang's posyandu points at nothing Batam holds: it waits, counts in no figure, and
  // neither blocks nor removes anything of Tanjung Pinang's — whichever bundle comes first.
  for (const order of ['target first', 'row first'] as const) {
    it(`a reference into another kabupaten/kota (${order}): the row waits for a target of its own area, counts nowhere, and blocks nothing`, async () => {
      const honest = await freshWarehouse(`gudang_jujur_${order.replace(' ', '_')}`)
      await loadBundle(wh, honest, pinangBundle)
      const c = await freshWarehouse(`gudang_urut_${order.replace(' ', '_')}`)
      const [a, b] = order === 'target first' ? [pinangBundle, crafted] : [crafted, pinangBundle]
      const first = await loadBundle(wh, c, a)
      const second = await loadBundle(wh, c, b)
      expect([...first.removedRefs, ...second.removedRefs]).toEqual([])
      expect((await c.query(`SELECT tbl, scope, target_id FROM wh_dangling_ref`)).rows).toEqual([{ tbl: 'monthly_report', scope: '21.71.01', target_id: pinangPosyandu }])
      expect(await crossRefs(c)).toBe(0)
      // Tanjung Pinang's figures are exactly those of a warehouse that never saw Batam's row; Batam's report counts nowhere.
      const figures = async (x: pg.Client, kab: string) => (await x.query(`SELECT * FROM wh_reports_summary WHERE kab = $1 ORDER BY month`, [kab])).rows
      expect(await figures(c, '21.72')).toEqual(await figures(honest, '21.72'))
      expect(await figures(c, '21.71')).toEqual([])
    })
  }

  it('within a kabupaten/kota, target first: the row pointing into another kecamatan is refused whole, nothing written', async () => {
    const c = await freshWarehouse('gudang_urut1')
    await loadBundle(wh, c, batamMelati)
    const before = await warehouseState(c, officeParty(wh.sqlite))
    const e = await refusal(loadBundle(wh, c, insideAfter))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(e.message).toMatch(/merujuk posyandu milik wilayah 21\.71\.02/)
    expect(await warehouseState(c, officeParty(wh.sqlite))).toBe(before)
  })

  it('within a kabupaten/kota, row first: it is held as pointing at a row not loaded, and removed when that row arrives in another kecamatan', async () => {
    const c = await freshWarehouse('gudang_urut2')
    const first = await loadBundle(wh, c, inside)
    expect(first.tables.find((t) => t.table === 'monthly_report')!.added).toBe(1)
    expect(Number((await c.query(`SELECT count(*) AS n FROM wh_dangling_ref`)).rows[0].n)).toBe(1)
    const r = await loadBundle(wh, c, batamMelati)
    expect(r.removedRefs).toMatchObject([{ table: 'monthly_report', target: melati, targetScope: '21.71.02' }])
    expect(await crossRefs(c)).toBe(0)
    const listed = await c.query(`SELECT tbl, scope, target_scope, removed_by FROM wh_removed_cross_ref`)
    expect(listed.rows).toEqual([{ tbl: 'monthly_report', scope: '21.71.01', target_scope: '21.71.02', removed_by: `21.71#${r.seq}` }])
    expect(Number((await c.query(`SELECT count(*) AS n FROM wh_dangling_ref`)).rows[0].n)).toBe(0)
  })

  it('two loaders of two kabupaten/kota at once: neither waits on nor changes the other’s rows', async () => {
    const c = await freshWarehouse('gudang_serentak')
    const other = new pg.Client({ connectionString: server.url.replace('/postgres?', '/gudang_serentak?') })
    await other.connect()
    clients.push(other)
    const slow = loadBundle(wh, c, crafted, { holdBeforeCommitMs: 1500 })
    await new Promise((r) => setTimeout(r, 300))
    const fast = loadBundle(wh, other, pinangBundle)
    const [a, b] = await Promise.all([slow, fast])
    expect([...a.removedRefs, ...b.removedRefs]).toEqual([])
    expect(await crossRefs(c)).toBe(0)
  })
})

describe('a row another load holds', () => {
  it('is judged foreign but left to a later load, which removes it', async () => {
    const c = await freshWarehouse('gudang_tertahan')
    await loadBundle(wh, c, inside)
    const id = String((await c.query(`SELECT id FROM monthly_report`)).rows[0].id)
    // Another load (here: a connection standing in for one) holds Batam's row while the target arrives.
    const holder = new pg.Client({ connectionString: server.url.replace('/postgres?', '/gudang_tertahan?') })
    await holder.connect()
    clients.push(holder)
    await holder.query('BEGIN')
    await holder.query(`SELECT 1 FROM monthly_report WHERE id = $1 FOR UPDATE`, [id])
    const r = await loadBundle(wh, c, batamMelati)
    expect(r.removedRefs).toEqual([])
    expect((await c.query(`SELECT foreign_target FROM wh_dangling_ref`)).rows).toEqual([{ foreign_target: '21.71.02' }])
    await holder.query('ROLLBACK')
    // Any later load finishes it: a third kabupaten/kota's first bundle.
    const bintan = makeCtx({ office: '21.01' })
    enrolPair(wh, bintan)
    addPosyandu(bintan, 'Posyandu Seroja', desaOf(bintan, '21.01.04'))
    const later = await loadBundle(wh, c, send(bintan, wh, outDir))
    expect(later.removedRefs).toMatchObject([{ table: 'monthly_report', id, targetScope: '21.71.02' }])
    expect(await crossRefs(c)).toBe(0)
    expect(Number((await c.query(`SELECT count(*) AS n FROM wh_dangling_ref`)).rows[0].n)).toBe(0)
  })
})

describe('the figures of one kabupaten/kota', () => {
  it('are recomputed from that kabupaten/kota’s rows alone: every scan of the recompute is bounded by an index condition', async () => {
    const c = await freshWarehouse('gudang_ringkas')
    await loadBundle(wh, c, pinangBundle)
    await loadBundle(wh, c, send(batam, wh, outDir))
    expect(Number((await c.query(`SELECT count(*) AS n FROM posyandu_stratum`)).rows[0].n)).toBeGreaterThan(0)
    // Tiny tables would be scanned whole anyway: forbid that, so a query that can only read
    // everything (the strata years once did: SELECT DISTINCT year over every stored year) shows.
    await c.query('SET enable_seqscan = off')
    const unbounded: string[] = []
    const walk = (node: Record<string, unknown>, sql: string) => {
      const type = String(node['Node Type'])
      if (node['Relation Name'] && (type === 'Seq Scan' || (/Index/.test(type) && !node['Index Cond']))) unbounded.push(`${type} ${String(node['Relation Name'])} in ${sql.slice(0, 60)}`)
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child, sql)
    }
    for (const sql of Object.values(SUMMARY_SQL)) {
      const plan = await c.query(`EXPLAIN (FORMAT JSON) SELECT * FROM (${sql}) s WHERE s.kab = '21.71'`)
      walk(plan.rows[0]['QUERY PLAN'][0].Plan, sql)
    }
    await c.query('RESET enable_seqscan')
    expect(unbounded).toEqual([])
  })
})

describe('years of strata per kabupaten/kota', () => {
  it('a year only one kabupaten/kota has strata of gives the same figures in the desktop province and the warehouse', async () => {
    const prov = makeCtx({ office: '21' })
    const a = makeCtx({ office: '21.71' })
    const b = makeCtx({ office: '21.72' })
    enrolPair(prov, a)
    enrolPair(prov, b)
    addPosyandu(a, 'Posyandu Anggrek', desaOf(a, '21.71.01'))
    addPosyandu(b, 'Posyandu Dahlia', desaOf(b, '21.72.01'))
    addPosyandu(b, 'Posyandu Teratai', desaOf(b, '21.72.01'))
    generateMonthlyReports(a, { seed: 8, years: 1 })
    generateMonthlyReports(b, { seed: 9, years: 3 }) // two more years than Batam
    const c = new pg.Client({ connectionString: await server.createDatabase('gudang_tahun') })
    await c.connect()
    clients.push(c)
    await initSchema(c, prov.sqlite, officeParty(prov.sqlite))
    for (const from of [a, b]) {
      const f = send(from, prov, outDir)
      await loadBundle(prov, c, f)
      await receive(prov, f)
    }
    const years = (await c.query(`SELECT DISTINCT year FROM posyandu_stratum ORDER BY year`)).rows.map((r) => Number(r.year))
    expect(years.length).toBeGreaterThanOrEqual(3)
    for (const year of years) expect(await warehouseSummary(prov, c, year), String(year)).toEqual(provinceSummary(prov, year))
  })
})
