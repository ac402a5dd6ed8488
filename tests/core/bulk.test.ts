import { copyFileSync, cpSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { withBulk } from '../../src/core/db/bulk'
import { bulkApply } from '../../src/core/exchange/stages/apply'
import { insertRow, updateRow } from '../../src/core/db/rows'
import { listKader } from '../../src/core/registry/kader'
import { encodeNik } from '../../src/shared/nik'
import { makeCtx, tempDir, keyFor } from '../helpers/db'
import { makeOffices, receive, send } from '../helpers/exchange'

const KEC = '12.18.04'
const TRIGGERS = ['kader_fts_insert', 'kader_fts_update', 'kader_posyandu_fts_insert', 'kader_posyandu_fts_update', 'posyandu_fts_insert', 'posyandu_fts_update']

/** Two copies of one office database (same device id), so both paths can write identical rows. */
function twins(): [Ctx, Ctx] {
  const a = makeCtx({ office: KEC })
  a.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const dir = tempDir()
  copyFileSync(a.dataFile, join(dir, 'simpul.sqlite'))
  const b = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', clock: fixedClock('2026-11-24T09:00:00+07:00'), key: keyFor(join(dir, 'simpul.sqlite')) })
  // The copy acts as the same logged-in person, so both audit logs name the same user.
  b.actAs(a.actor())
  return [a, b]
}

/** Posyandu, kader, memberships, then edits that each touch the search index differently. */
function writes(ctx: Ctx, desa: string[], kader = 300) {
  const id = (kind: string, n: number) => `0193${kind}000-0000-7000-8000-${String(n).padStart(12, '0')}`
  for (let p = 0; p < 12; p++) insertRow(ctx, 'posyandu', { name: `Posyandu Mawar ${p}`, desa_code: desa[p % desa.length] }, { id: id('a', p), scope: KEC })
  for (let k = 0; k < kader; k++) {
    insertRow(ctx, 'kader', { nik: encodeNik(KEC, '1990-01-15', 'P', k + 1), name: `Siti Kader ${k}`, sex: 'P', birth_date: '1990-01-15' }, { id: id('b', k), scope: KEC })
    insertRow(ctx, 'kader_posyandu', { kader_id: id('b', k), posyandu_id: id('a', k % 12), from_date: '2024-01-01' }, { id: id('c', k), scope: KEC })
  }
  for (let k = 0; k < kader; k += 7) updateRow(ctx, 'kader', id('b', k), { name: `Nur Ganti ${k}` })
  for (let k = 0; k < kader; k += 11) updateRow(ctx, 'kader_posyandu', id('c', k), { to_date: '2025-06-30' })
  for (let k = 1; k < kader; k += 13) updateRow(ctx, 'kader_posyandu', id('c', k), { posyandu_id: id('a', (k + 5) % 12) })
  updateRow(ctx, 'posyandu', id('a', 3), { name: 'Posyandu Kenanga Baru', desa_code: desa[(3 + 1) % desa.length] })
}

const searchIndex = (ctx: Ctx) => ({
  kader: ctx.sqlite.prepare(`SELECT s.row_id, f.name, f.nik, f.area, f.place FROM kader_fts f JOIN search_key s ON s.n = f.rowid ORDER BY s.row_id`).all(),
  posyandu: ctx.sqlite.prepare(`SELECT s.row_id, f.name, f.area, f.place FROM posyandu_fts f JOIN search_key s ON s.n = f.rowid ORDER BY s.row_id`).all(),
  keys: ctx.sqlite.prepare(`SELECT count(*) AS n FROM search_key`).get(),
})
const auditLog = (ctx: Ctx) => ctx.sqlite.prepare(`SELECT at, user, office_code, table_name, row_id, action, before_json, after_json FROM audit_log ORDER BY rowid`).all()
const indexes = (ctx: Ctx) => ctx.sqlite.prepare(`SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all()
const triggers = (ctx: Ctx) => ctx.sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGERS.map(() => '?').join(',')}) ORDER BY name`).all(...TRIGGERS)

describe('bulk writes (src/core/db/bulk.ts)', () => {
  it.each([
    ['keeping the indexes up to date', []],
    ['building the secondary indexes once at the end', ['posyandu', 'kader', 'kader_posyandu']],
  ])('end with the same rows, search index and audit log as row-by-row writes (%s)', (_, rebuildIndexes) => {
    const [perRow, bulk] = twins()
    const desa = (perRow.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code`).all(KEC) as { code: string }[]).map((d) => d.code)
    const triggersBefore = triggers(bulk)
    expect(triggersBefore).toHaveLength(6)
    const indexesBefore = indexes(bulk)

    perRow.sqlite.transaction(() => writes(perRow, desa))()
    withBulk(bulk.sqlite, ['posyandu', 'kader', 'kader_posyandu'], () => writes(bulk, desa), { rebuildIndexes })
    expect(indexes(bulk)).toEqual(indexesBefore)
    expect(bulk.sqlite.pragma('integrity_check', { simple: true })).toBe('ok')

    for (const t of ['posyandu', 'kader', 'kader_posyandu']) {
      expect(bulk.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all()).toEqual(perRow.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all())
    }
    const idx = searchIndex(bulk)
    expect(idx.kader).toHaveLength(300)
    expect(idx).toEqual(searchIndex(perRow))
    expect(auditLog(bulk)).toHaveLength(auditLog(perRow).length)
    expect(auditLog(bulk)).toEqual(auditLog(perRow))
    // The triggers are back, unchanged, and no bulk helper remains on the connection.
    expect(triggers(bulk)).toEqual(triggersBefore)
    expect(bulk.sqlite.prepare(`SELECT count(*) AS n FROM sqlite_temp_master`).get()).toEqual({ n: 0 })
    // Search finds a renamed kader and one by its posyandu's new name.
    const search = (ctx: Ctx, text: string) => listKader(ctx, { search: text, page: 1, pageSize: 50, sortDir: 'asc', sortBy: 'name' } as never).rows.map((r) => r.id)
    expect(search(bulk, 'Ganti 161')).toHaveLength(1)
    expect(search(bulk, 'Kenanga').length).toBeGreaterThan(0)
    expect(search(bulk, 'Kenanga')).toEqual(search(perRow, 'Kenanga'))
  })

  it('a failure inside bulk mode rolls back the rows and the suspended triggers together', () => {
    const [ctx] = twins()
    const desa = (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code`).all(KEC) as { code: string }[]).map((d) => d.code)
    const before = { triggers: triggers(ctx), indexes: indexes(ctx), kader: ctx.sqlite.prepare('SELECT count(*) AS n FROM kader').get(), audit: auditLog(ctx).length }
    expect(() =>
      withBulk(
        ctx.sqlite,
        ['posyandu', 'kader', 'kader_posyandu'],
        () => {
          writes(ctx, desa)
          throw new Error('gagal di tengah')
        },
        { rebuildIndexes: ['kader', 'kader_posyandu'] },
      ),
    ).toThrow('gagal di tengah')
    expect(triggers(ctx)).toEqual(before.triggers)
    expect(indexes(ctx)).toEqual(before.indexes)
    expect(ctx.sqlite.prepare('SELECT count(*) AS n FROM kader').get()).toEqual(before.kader)
    expect(auditLog(ctx)).toHaveLength(before.audit)
    expect(ctx.sqlite.prepare(`SELECT count(*) AS n FROM sqlite_temp_master`).get()).toEqual({ n: 0 })
    // Row-by-row writes afterwards index as before (the real triggers are live again).
    insertRow(ctx, 'kader', { nik: encodeNik(KEC, '1991-02-15', 'P', 999), name: 'Dewi Sesudah', sex: 'P', birth_date: '1990-01-15' }, { scope: KEC })
    expect(listKader(ctx, { search: 'Sesudah', page: 1, pageSize: 50, sortDir: 'asc', sortBy: 'name' } as never).total).toBe(1)
  })
})

describe('bulk apply of a large bundle (stages/apply.ts)', () => {
  it('gives the same rows, search index and audit log as the row-by-row apply, and keeps the triggers', async () => {
    const { kab, kec: [kec], outDir } = makeOffices([KEC])
    const desa = (kec.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code`).all(KEC) as { code: string }[]).map((d) => d.code)
    // 1,100 kader and memberships: a first bundle that also rebuilds those tables' indexes once.
    kec.sqlite.transaction(() => writes(kec, desa, 1100))()
    const bundle = send(kec, kab, outDir)
    // The same kabupaten twice: one applies in bulk mode, its copy row by row.
    kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const copyDir = tempDir()
    cpSync(kab.dataDir, copyDir, { recursive: true })
    const twin = openContext({ dataFile: join(copyDir, 'simpul.sqlite'), host: 'cli', clock: fixedClock('2026-11-24T09:00:00+07:00'), key: keyFor(join(copyDir, 'simpul.sqlite')) })
    twin.actAs(kab.actor())
    const triggersBefore = triggers(kab)
    const indexesBefore = indexes(kab)

    const bulkReport = await receive(kab, bundle)
    expect(indexes(kab)).toEqual(indexesBefore)
    expect(bulkReport.totals.new).toBeGreaterThanOrEqual(bulkApply.minRows)
    const saved = bulkApply.minRows
    bulkApply.minRows = Number.POSITIVE_INFINITY
    try {
      const rowReport = await receive(twin, bundle)
      expect(rowReport.totals).toEqual(bulkReport.totals)
    } finally {
      bulkApply.minRows = saved
    }
    for (const t of ['posyandu', 'kader', 'kader_posyandu']) {
      expect(kab.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all()).toEqual(twin.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all())
    }
    expect(searchIndex(kab).kader).toHaveLength(1100)
    expect(searchIndex(kab)).toEqual(searchIndex(twin))
    expect(triggers(kab)).toEqual(triggersBefore)
    expect(kab.sqlite.prepare(`SELECT count(*) AS n FROM sqlite_temp_master`).get()).toEqual({ n: 0 })

    // A later small bundle (row by row) with edits lands on the bulk-built index correctly.
    kec.sqlite.transaction(() => {
      updateRow(kec, 'posyandu', `0193a000-0000-7000-8000-${String(5).padStart(12, '0')}`, { name: 'Posyandu Teratai Baru' })
      updateRow(kec, 'kader', `0193b000-0000-7000-8000-${String(8).padStart(12, '0')}`, { name: 'Rahma Pindahan' })
    })()
    const delta = send(kec, kab, outDir)
    await receive(kab, delta)
    await receive(twin, delta)
    expect(searchIndex(kab)).toEqual(searchIndex(twin))
    expect(auditLog(kab)).toEqual(auditLog(twin))
    twin.close()
  }, 120_000)
  it('a second large bundle editing rows indexed before it re-derives their search entries and audit as row by row does', async () => {
    const { kab, kec: [kec], outDir } = makeOffices([KEC])
    const desa = (kec.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code`).all(KEC) as { code: string }[]).map((d) => d.code)
    kec.sqlite.transaction(() => writes(kec, desa, 1100))()
    await receive(kab, send(kec, kab, outDir))
    // 1,100 renamed kader (new search entries under old keys), a renamed posyandu (its kader's place), new kader.
    kec.sqlite.transaction(() => {
      for (let k = 0; k < 1100; k++) updateRow(kec, 'kader', `0193b000-0000-7000-8000-${String(k).padStart(12, '0')}`, { name: `Dewi Baru ${k}` })
      updateRow(kec, 'posyandu', `0193a000-0000-7000-8000-${String(2).padStart(12, '0')}`, { name: 'Posyandu Seruni Baru' })
      for (let k = 0; k < 20; k++) insertRow(kec, 'kader', { nik: encodeNik(KEC, '1991-02-16', 'P', 5000 + k), name: `Ani Susulan ${k}`, sex: 'P', birth_date: '1991-02-16' })
    })()
    const edits = send(kec, kab, outDir)
    kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const copyDir = tempDir()
    cpSync(kab.dataDir, copyDir, { recursive: true })
    const twin = openContext({ dataFile: join(copyDir, 'simpul.sqlite'), host: 'cli', clock: fixedClock('2026-11-24T09:00:00+07:00'), key: keyFor(join(copyDir, 'simpul.sqlite')) })
    twin.actAs(kab.actor())
    const bulkReport = await receive(kab, edits)
    expect(bulkReport.totals.changed).toBeGreaterThanOrEqual(bulkApply.minRows)
    const saved = bulkApply.minRows
    bulkApply.minRows = Number.POSITIVE_INFINITY
    try {
      expect((await receive(twin, edits)).totals).toEqual(bulkReport.totals)
    } finally {
      bulkApply.minRows = saved
    }
    for (const t of ['posyandu', 'kader', 'kader_posyandu']) {
      expect(kab.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all()).toEqual(twin.sqlite.prepare(`SELECT * FROM ${t} ORDER BY id`).all())
    }
    const index = searchIndex(kab)
    expect(index.kader).toHaveLength(1120)
    expect(index.kader.filter((r) => String((r as { name: string }).name).startsWith('Siti'))).toEqual([])
    expect(index).toEqual(searchIndex(twin))
    expect(auditLog(kab)).toEqual(auditLog(twin))
    expect(listKader(kab, { search: 'dewi baru 1099', page: 1, pageSize: 50, sortDir: 'asc', sortBy: 'name' } as never).total).toBe(1)
    twin.close()
  }, 120_000)
})
