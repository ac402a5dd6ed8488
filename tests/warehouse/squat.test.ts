import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { writeBundle } from '../../src/core/exchange/export'
import { officeParty } from '../../src/core/write'
import { loadBundle, warehouseSummary } from '../../src/warehouse'
import { initSchema, warehouseTables } from '../../src/warehouse/schema'
import { edited, rows } from '../helpers/adversary'
import { tempDir } from '../helpers/db'
import { kepriOffices, send } from '../helpers/exchange'
import { startPostgres, warehouseState, type TestPostgres, freshWarehouse as freshPg } from '../helpers/postgres'
import { addPosyandu, desaOf } from '../helpers/registry'

/**
 * ID squatting (issue 15): Batam (a modified Simpul, its real keys) learnt the ids of Tanjung
 * Pinang's rows and loads them first, in its own scope. The warehouse keys rows by
 * (kabupaten/kota, id), so Batam's copies land beside Tanjung Pinang's real rows in Batam's
 * own kabupaten/kota: Tanjung Pinang's bundle still loads whole, its figures are those of a
 * warehouse that never saw Batam, and nothing Batam sent lies outside Batam's area — on the
 * first-load path and on the staged path, whichever of the two comes first.
 */
let server: TestPostgres
let wh: Ctx
let batam: Ctx
let pinang: Ctx
let outDir: string
let pinangBundle: string
let squat: string
/** The ids of every row Tanjung Pinang's bundle brings. */
let pinangIds: Set<string>
/** An honest warehouse: Tanjung Pinang's bundle alone. */
let honest: pg.Client
const clients: pg.Client[] = []

const tables = () => warehouseTables(officeParty(wh.sqlite))

const freshWarehouse = (name: string) => freshPg(server, wh, name, clients)

/** Tanjung Pinang's rows as the warehouse holds them (every column), table by table. */
async function pinangRows(c: pg.Client): Promise<string> {
  const out: string[] = []
  for (const t of tables()) {
    const r = await c.query(`SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') AS s FROM "${t}" x WHERE substr(scope, 1, 5) = '21.72'`)
    out.push(`${t}:${r.rows[0].s}`)
  }
  return out.join('\n')
}

/** The figures of Tanjung Pinang alone (its summary rows). */
async function pinangFigures(c: pg.Client): Promise<string> {
  const out: string[] = []
  for (const t of ['wh_kader_summary', 'wh_strata_summary', 'wh_set_summary', 'wh_reports_summary']) {
    out.push(`${t}:${(await c.query(`SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') AS s FROM ${t} x WHERE kab = '21.72'`)).rows[0].s}`)
  }
  return out.join('\n')
}

/** Rows of the squatter that lie outside its area: none may. */
async function outsideBatam(c: pg.Client): Promise<number> {
  let n = 0
  for (const t of tables()) {
    const r = await c.query(`SELECT count(*) AS n FROM "${t}" WHERE id = ANY($1) AND scope <> '21.71' AND scope NOT LIKE '21.71.%' AND scope NOT LIKE '21.72%'`, [[...pinangIds]])
    n += Number(r.rows[0].n)
  }
  return n
}

beforeAll(async () => {
  server = await startPostgres()
  ;({ wh, batam, pinang } = kepriOffices())
  outDir = tempDir('simpul-whsquat-')
  addPosyandu(pinang, 'Posyandu Kenanga', desaOf(pinang, '21.72.01'))
  addPosyandu(pinang, 'Posyandu Dahlia', desaOf(pinang, '21.72.02'))
  generateMonthlyReports(pinang, { seed: 6, years: 1 })
  pinangBundle = send(pinang, wh, outDir)
  // Batam's bundle: every row Tanjung Pinang sends (its posyandu, reports, counts and strata,
  // with their ids), re-scoped into Batam's own area and consistent there, so every check of
  // its own passes; a later revision, so a merge by version would prefer it.
  const into = (scope: string) => scope.replace(/^21\.72/, '21.71')
  const sections = []
  pinangIds = new Set()
  for (const t of tables()) {
    const list = rows(pinang, t).filter((r) => String(r.scope).startsWith('21.72'))
    if (!list.length) continue
    for (const r of list) pinangIds.add(String(r.id))
    const moved = list.map((r) => {
      const m: Record<string, unknown> = edited(r, { scope: into(String(r.scope)) })
      if (t === 'posyandu') Object.assign(m, { desa_code: desaOf(batam, String(m.scope)), address: null, rt: null, rw: null, status_reason: null, name: `Posyandu Palsu ${String(r.name)}` })
      if (t === 'monthly_report') m.notes = null
      return m
    })
    sections.push({ name: t, columns: Object.keys(moved[0]), rows: moved.map((r) => Object.values(r)) })
  }
  expect(sections.map((s) => s.name)).toEqual(expect.arrayContaining(['posyandu', 'monthly_report', 'kader_count', 'posyandu_stratum']))
  squat = writeBundle(batam, '21', sections, { outDir }).file
  honest = await freshWarehouse('gudang_jujur')
  await loadBundle(wh, honest, pinangBundle)
}, 120_000)
afterAll(async () => {
  for (const c of clients) await c.end()
  server?.stop()
})

describe('a sender that loads another area’s ids first, in its own scope', () => {
  for (const [path, alwaysStage] of [['first-load', false], ['staged', true]] as const) {
    it(`cannot block or change the real rows (${path} path): they load whole beside its copies, with the honest figures`, async () => {
      const c = await freshWarehouse(`gudang_serobot_${path.replace('-', '_')}`)
      const s = await loadBundle(wh, c, squat, { alwaysStage })
      expect(s.tables.find((t) => t.table === 'posyandu')!.added).toBe(2)
      const real = await loadBundle(wh, c, pinangBundle, { alwaysStage })
      const honestLoad = (await honest.query(`SELECT rows, added, changed, unchanged, left_out, withdrawn FROM wh_load_log`)).rows[0]
      expect({ rows: real.rows, added: real.tables.reduce((n, t) => n + t.added, 0), left_out: real.tables.reduce((n, t) => n + t.leftOut, 0) }).toEqual({ rows: honestLoad.rows, added: honestLoad.added, left_out: honestLoad.left_out })
      expect(real.removedRefs).toEqual([])
      // Tanjung Pinang's rows and figures are an honest warehouse's, to the last column.
      expect(await pinangRows(c)).toBe(await pinangRows(honest))
      expect(await pinangFigures(c)).toBe(await pinangFigures(honest))
      const prov = await warehouseSummary(wh, c, 2026)
      const honestProv = await warehouseSummary(wh, honest, 2026)
      expect(prov.kabupaten.find((a) => a.code === '21.72')).toEqual(honestProv.kabupaten.find((a) => a.code === '21.72'))
      // Batam's copies count in Batam alone, and nothing of Batam's lies outside Batam.
      expect(prov.kabupaten.find((a) => a.code === '21.71')!.posyandu).toBe(2)
      expect(await outsideBatam(c)).toBe(0)
      const scopes = (await c.query(`SELECT DISTINCT substr(scope, 1, 5) AS kab FROM posyandu WHERE name LIKE 'Posyandu Palsu%'`)).rows.map((r) => r.kab)
      expect(scopes).toEqual(['21.71'])
    })
  }

  it('loaded after the real rows, it changes none of them (a later revision of the same ids lands in its own area only)', async () => {
    for (const alwaysStage of [false, true]) {
      const c = await freshWarehouse(`gudang_serobot_akhir_${alwaysStage ? 'bertahap' : 'langsung'}`)
      await loadBundle(wh, c, pinangBundle, { alwaysStage })
      const before = await pinangRows(c)
      const figures = await pinangFigures(c)
      await loadBundle(wh, c, squat, { alwaysStage })
      expect(await pinangRows(c)).toBe(before)
      expect(await pinangFigures(c)).toBe(figures)
      expect(await outsideBatam(c)).toBe(0)
    }
  })

  it('an older warehouse (rows keyed by id alone) is moved to the (kabupaten/kota, id) key by init, and then the real rows load too', async () => {
    const c = await freshWarehouse('gudang_lama')
    // The schema of a warehouse made before the key changed: a primary key on the id, a kabupaten index.
    for (const t of tables()) {
      await c.query(`DROP INDEX "${t}_kab_id"`)
      await c.query(`ALTER TABLE "${t}" ADD PRIMARY KEY (id)`)
      await c.query(`CREATE INDEX "${t}_kab" ON "${t}" (substr(scope, 1, 5))`)
    }
    await c.query(`DROP INDEX wh_dangling_ref_row`)
    await c.query(`ALTER TABLE wh_dangling_ref ADD PRIMARY KEY (tbl, col, id, target_id)`)
    await loadBundle(wh, c, squat)
    await initSchema(c, wh.sqlite, officeParty(wh.sqlite))
    const indexes = (await c.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'posyandu' ORDER BY 1`)).rows.map((r) => r.indexname)
    expect(indexes).toEqual(['posyandu_kab_id'])
    await loadBundle(wh, c, pinangBundle)
    expect(await pinangRows(c)).toBe(await pinangRows(honest))
    expect(await pinangFigures(c)).toBe(await pinangFigures(honest))
    // Init again changes nothing.
    const state = await warehouseState(c, officeParty(wh.sqlite))
    await initSchema(c, wh.sqlite, officeParty(wh.sqlite))
    expect(await warehouseState(c, officeParty(wh.sqlite))).toBe(state)
  })
})
