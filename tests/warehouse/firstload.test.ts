import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { writeBundle } from '../../src/core/exchange/export'
import { loadBundle, warehouseInit } from '../../src/warehouse'
import { initSchema } from '../../src/warehouse/schema'
import { officeParty } from '../../src/core/write'
import { craft, edited, rows } from '../helpers/adversary'
import { tempDir } from '../helpers/db'
import { kepriOffices, refusal, send } from '../helpers/exchange'
import { startPostgres, warehouseState, type TestPostgres } from '../helpers/postgres'
import { addPosyandu, desaOf } from '../helpers/registry'

/**
 * A first load of a sender (nothing stored in its area) copies its rows straight into the
 * target tables instead of staging and merging them. It must give exactly the warehouse the
 * staged path gives, and every refusal of the staged path must still happen: an id twice in
 * one kabupaten/kota breaks the key (kabupaten/kota, id) and the load falls back to the staged
 * path, which merges or refuses it with its own message; a reference to another kecamatan is
 * refused on the rows as copied. Another kabupaten/kota's ids are another area's: they neither
 * block nor are touched (tests/warehouse/squat.test.ts).
 */
let server: TestPostgres
let wh: Ctx
let batam: Ctx
let pinang: Ctx
let outDir: string
/** The same bundles loaded by the first-load path (direct) and by the staged path (staged). */
let direct: pg.Client
let staged: pg.Client


beforeAll(async () => {
  server = await startPostgres()
  ;({ wh, batam, pinang } = kepriOffices())
  await warehouseInit(wh, await server.createDatabase('gudang_langsung'))
  direct = new pg.Client({ connectionString: server.url.replace('/postgres?', '/gudang_langsung?') })
  await direct.connect()
  const stagedUrl = await server.createDatabase('gudang_bertahap')
  staged = new pg.Client({ connectionString: stagedUrl })
  await staged.connect()
  await initSchema(staged, wh.sqlite, officeParty(wh.sqlite))
  addPosyandu(batam, 'Posyandu Mawar', desaOf(batam, '21.71.01'))
  addPosyandu(batam, 'Posyandu Melati', desaOf(batam, '21.71.02'))
  addPosyandu(pinang, 'Posyandu Kenanga', desaOf(pinang, '21.72.01'))
  generateMonthlyReports(batam, { seed: 5, years: 1 })
  generateMonthlyReports(pinang, { seed: 6, years: 1 })
  outDir = tempDir('simpul-whfirst-')
}, 120_000)
afterAll(async () => {
  await direct?.end()
  await staged?.end()
  server?.stop()
})

const state = (c: pg.Client) => warehouseState(c, officeParty(wh.sqlite))

const refusedWritingNothing = async (file: string, message: RegExp) => {
  for (const [c, alwaysStage] of [[direct, false], [staged, true]] as const) {
    const before = await state(c)
    const e = await refusal(loadBundle(wh, c, file, { alwaysStage }))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(e.message).toMatch(message)
    expect(await state(c)).toBe(before)
  }
}

describe('a first load straight into the tables', () => {
  it('gives the warehouse the staged path gives: the same rows, figures, counts and load log', async () => {
    const f = send(batam, wh, outDir)
    const a = await loadBundle(wh, direct, f)
    const b = await loadBundle(wh, staged, f, { alwaysStage: true })
    // The first-load path neither merges nor withdraws; the staged one does both.
    expect(a.phases.merge).toBeUndefined()
    expect(b.phases.merge).toBeGreaterThan(0)
    expect(a.tables).toEqual(b.tables)
    expect(a.tables.find((t) => t.table === 'monthly_report')!.added).toBeGreaterThan(5)
    expect(await state(direct)).toBe(await state(staged))
    // The next bundle of the same sender finds its rows stored: the staged path, in both.
    const again = send(batam, wh, outDir)
    const c = await loadBundle(wh, direct, again)
    expect(c.phases.merge).toBeGreaterThan(0)
    await loadBundle(wh, staged, again, { alwaysStage: true })
    expect(await state(direct)).toBe(await state(staged))
  })

  it('refuses, writing nothing, a bundle that moves its own row to another kecamatan (the key holds the row in its kabupaten/kota, the staged path refuses it)', async () => {
    const mawar = (await direct.query(`SELECT * FROM posyandu WHERE name = 'Posyandu Mawar'`)).rows[0]
    expect(mawar.scope).toBe('21.71.01')
    const moved = edited({ ...rows(batam, 'posyandu').find((p) => p.id === mawar.id)! }, { scope: '21.71.02', desa_code: desaOf(batam, '21.71.02') })
    await refusedWritingNothing(craft(batam, wh, outDir, 'posyandu', [moved]), /milik wilayah 21\.71\.01 dikirim sebagai milik 21\.71\.02/)
  })

  it('refuses, writing nothing, a first bundle whose report points at a posyandu the same bundle brings, in another kecamatan', async () => {
    // The loader settles a reference to a row of the same bundle itself (no query), only when
    // it lies in the row's area: this one does not, and PostgreSQL must still refuse it.
    const kenanga = rows(pinang, 'posyandu')[0]
    expect(kenanga.scope).toBe('21.72.01')
    const report = { ...rows(pinang, 'monthly_report').find((r) => r.posyandu_id === kenanga.id)!, scope: '21.72.02' }
    const section = (name: string, list: Record<string, unknown>[]) => ({ name, columns: Object.keys(list[0]), rows: list.map((r) => Object.values(r)) })
    const file = writeBundle(pinang, '21', [section('posyandu', [kenanga]), section('monthly_report', [report])], { outDir }).file
    await refusedWritingNothing(file, /merujuk posyandu milik wilayah 21\.72\.01/)
  })

  it('a first bundle carrying one id twice keeps its latest version, as the staged path does', async () => {
    const kenanga = rows(pinang, 'posyandu')[0]
    const f = craft(pinang, wh, outDir, 'posyandu', [kenanga, edited(kenanga, { name: 'Posyandu Kenanga Dua' })])
    const a = await loadBundle(wh, direct, f)
    await loadBundle(wh, staged, f, { alwaysStage: true })
    expect(a.tables.find((t) => t.table === 'posyandu')).toMatchObject({ added: 1, changed: 0, unchanged: 0 })
    expect((await direct.query(`SELECT name FROM posyandu WHERE id = $1`, [kenanga.id])).rows[0].name).toBe('Posyandu Kenanga Dua')
    expect(await state(direct)).toBe(await state(staged))
  })

  it('another kabupaten/kota’s ids are another area’s: a first bundle claiming one in its own scope lands beside it, and a report about one waits for a posyandu of its own area; neither changes the other’s rows or figures', async () => {
    const mawar = rows(batam, 'posyandu').find((p) => p.name === 'Posyandu Mawar')!
    const claimed = { ...mawar, scope: '21.72.01', desa_code: desaOf(pinang, '21.72.01'), name: 'Posyandu Mawar Tiruan' }
    const report: Record<string, unknown> = { ...rows(pinang, 'monthly_report')[0], id: '019a0000-0000-7000-8000-0000000000cc', posyandu_id: rows(batam, 'posyandu').find((p) => p.name === 'Posyandu Melati')!.id }
    const section = (name: string, list: Record<string, unknown>[]) => ({ name, columns: Object.keys(list[0]), rows: list.map((r) => Object.values(r)) })
    const file = writeBundle(pinang, '21', [section('posyandu', [claimed]), section('monthly_report', [report])], { outDir }).file
    for (const [c, alwaysStage] of [[direct, false], [staged, true]] as const) {
      const batamRows = async () => (await c.query(`SELECT p.*, (SELECT string_agg(s::text, '|' ORDER BY s::text) FROM wh_reports_summary s WHERE kab = '21.71') AS figures FROM posyandu p WHERE substr(scope, 1, 5) = '21.71' ORDER BY id`)).rows
      const before = await batamRows()
      const r = await loadBundle(wh, c, file, { alwaysStage })
      expect(r.tables.find((t) => t.table === 'posyandu')!.added).toBe(1)
      expect(await batamRows()).toEqual(before)
      expect((await c.query(`SELECT scope, name FROM posyandu WHERE id = $1 ORDER BY scope`, [mawar.id])).rows).toEqual([
        { scope: '21.71.01', name: 'Posyandu Mawar' },
        { scope: '21.72.01', name: 'Posyandu Mawar Tiruan' },
      ])
      expect((await c.query(`SELECT scope, target_id FROM wh_dangling_ref WHERE id = $1`, [report.id])).rows).toEqual([{ scope: report.scope, target_id: report.posyandu_id }])
    }
    expect(await state(direct)).toBe(await state(staged))
  })
})
