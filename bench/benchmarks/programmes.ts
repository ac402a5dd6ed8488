import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { openContext } from '../../src/core/context'
import { setupOffice } from '../../src/core/office/service'
import { ensureProgrammeDefaults } from '../../src/core/programme/defaults'
import { programmeReference } from '../../src/core/programme/reference'
import { saveProgramme } from '../../src/core/programme/service'
import { programmeSummary } from '../../src/core/programme/summary'
import { newId } from '../../src/core/sync/ids'
import { tempDir } from '../../tests/helpers/db'
import { median, ms, type Benchmark } from '../types'

/**
 * Kabupaten scale (Batang: 1,236 posyandu): 600 SKPD programmes of one year, each reaching
 * 20 posyandu. The summary (per SKPD, part, field, life stage, kecamatan) beside one raw
 * GROUP BY over the same rows; saving a programme with 100 posyandu beside raw inserts.
 */
export const programmes: Benchmark = {
  name: 'programmes',
  run() {
    const dir = tempDir('simpul-bench-')
    const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli' })
    setupOffice(ctx, { wilayahCode: '12.18', level: 'kabupaten', name: 'Bappeda', operatorName: 'Bench' })
    ensureProgrammeDefaults(ctx)
    const ref = programmeReference(ctx, false)
    const desa = (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE code LIKE '12.18.%' AND level = 'desa'`).all() as { code: string }[]).map((d) => d.code)
    // Generated rows go in raw: this benchmark measures reading them, not writing them.
    const now = '2026-11-24T00:00:00.000Z'
    const pos = ctx.sqlite.prepare(`INSERT INTO posyandu(id, scope, hlc, origin, name, desa_code, created_at, updated_at) VALUES (?, ?, ?, 'bench', ?, ?, ?, ?)`)
    const prog = ctx.sqlite.prepare(
      `INSERT INTO programme(id, scope, hlc, origin, skpd_id, fiscal_year, name, phi_part, spm_field, target_groups, funding_source, budget, realisation, created_at, updated_at)
       VALUES (?, '12.18', ?, 'bench', ?, 2026, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const link = ctx.sqlite.prepare(`INSERT INTO programme_posyandu(id, scope, hlc, origin, programme_id, posyandu_id) VALUES (?, '12.18', ?, 'bench', ?, ?)`)
    const posyandu: string[] = []
    ctx.sqlite.transaction(() => {
      for (let i = 0; i < 1236; i++) {
        const id = newId()
        const d = desa[i % desa.length]
        pos.run(id, d.split('.').slice(0, 3).join('.'), now, `Posyandu ${i}`, d, now, now)
        posyandu.push(id)
      }
      for (let i = 0; i < 600; i++) {
        const id = newId()
        const pick = <T>(xs: T[]) => xs[i % xs.length]
        prog.run(id, now, pick(ref.skpd).id, `Program ${i}`, pick(ref.phiParts).code, pick(ref.spmFields).code, JSON.stringify([pick(ref.targetGroups).code]), pick(ref.fundingSources).code, 10_000_000 + i * 1000, 5_000_000 + i * 500, now, now)
        for (let k = 0; k < 20; k++) link.run(newId(), now, id, posyandu[(i * 37 + k * 61) % posyandu.length])
      }
    })()

    const app: number[] = []
    const raw: number[] = []
    for (let i = 0; i < 9; i++) {
      let t = process.hrtime.bigint()
      programmeSummary(ctx, 2026)
      app.push(ms(t))
      t = process.hrtime.bigint()
      ctx.sqlite
        .prepare(
          `SELECT p.skpd_id, count(DISTINCT p.id), sum(p.budget), sum(p.realisation), count(DISTINCT l.posyandu_id)
           FROM programme p LEFT JOIN programme_posyandu l ON l.programme_id = p.id AND l.deleted_at IS NULL
           WHERE p.deleted_at IS NULL AND p.fiscal_year = 2026 GROUP BY p.skpd_id`,
        )
        .all()
      raw.push(ms(t))
    }

    const save: number[] = []
    const rawSave: number[] = []
    for (let i = 0; i < 7; i++) {
      const reach = posyandu.slice(i * 100, i * 100 + 100)
      let t = process.hrtime.bigint()
      saveProgramme(ctx, { skpdId: ref.skpd[0].id, fiscalYear: 2027, name: `Bench ${i}`, phiPart: 'sehat', targetGroups: [], fundingSource: 'apbd', budget: 1, realisation: 0, posyanduIds: reach, acknowledgeRevoked: false })
      save.push(ms(t))
      t = process.hrtime.bigint()
      ctx.sqlite.transaction(() => {
        const id = newId()
        prog.run(id, now, ref.skpd[0].id, `Raw ${i}`, 'sehat', null, '[]', 'apbd', 1, 0, now, now)
        for (const p of reach) link.run(newId(), now, id, p)
      })()
      rawSave.push(ms(t))
    }
    ctx.close()
    rmSync(dir, { recursive: true, force: true })
    const summary = median(app)
    const saved = median(save)
    return [
      { name: 'programme summary, 600 programmes × 20 posyandu, 1,236 posyandu (median of 9)', figure: summary, unit: 'ms', baseline: median(raw), baselineLabel: 'one raw GROUP BY per SKPD', goal: '< 500 ms', pass: summary < 500 },
      { name: 'save a programme reaching 100 posyandu, with audit (median of 7)', figure: saved, unit: 'ms', baseline: median(rawSave), baselineLabel: 'raw inserts, no audit', goal: '< 300 ms', pass: saved < 300 },
    ]
  },
}
