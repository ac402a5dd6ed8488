import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { cachedStrata, computeStrata } from '../../src/core/evaluation/strata'
import { indicatorSet } from '../../src/core/evaluation/sets'
import { emptyMonth } from '../../src/shared/evaluation/fields'
import type { Input, OpName, Output } from '../../src/shared/contract'
import type { Result } from '../../src/shared/result'
import { dispatch, makeCtx, rawDb } from '../helpers/db'

// Issue 17: strata and the printed report are kept until the database changes (cache.ts).
// Whatever changes an input — a monthly report, a posyandu's desa, the indicator set, a write
// by another connection — the next answer must be computed afresh and equal a computation
// that bypasses the cache.

const run = async <K extends OpName>(ctx: Ctx, op: K, input: Input<K>) => {
  const r = (await dispatch(ctx, op, input)) as Result<Output<K>>
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`)
  return r.data
}
const values = (over: Record<string, unknown> = {}) => ({ ...emptyMonth(), held: true, open_date: null, kader_on_duty: 5, s: 100, k: 90, d: 60, n: 50, t: 5, o: 3, b: 2, ...over })
const fullYear = (posyanduId: string, over: Record<string, unknown> = {}) =>
  Array.from({ length: 12 }, (_, i) => ({ posyanduId, month: `2025-${String(i + 1).padStart(2, '0')}`, values: values(over) }))

function setup() {
  const ctx = makeCtx({ office: '12.18' })
  const a = insertRow(ctx, 'posyandu', { name: 'Dahlia', desa_code: '12.18.04.2001' }, { scope: '12.18.04' }).id
  const b = insertRow(ctx, 'posyandu', { name: 'Flamboyan', desa_code: '12.18.04.2002' }, { scope: '12.18.04' }).id
  return { ctx, a, b }
}
const strata = (ctx: Ctx) => run(ctx, 'evaluation.strata', { year: 2025, rules: 'strata-2011' })
/** The same strata with no cache at all: what the op must equal. */
const fresh = (ctx: Ctx) => computeStrata(ctx.sqlite, { code: '12.18', name: 'Kabupaten Serdang Bedagai' }, 2025, indicatorSet(ctx.sqlite, '12.18', 'strata-2011'), { previousYear: false })
const stratumOf = (s: Output<'evaluation.strata'>, id: string) => s.rows.find((r) => r.id === id)?.result.stratum

describe('strata and report cache', () => {
  it('answers a revisit from the cache while nothing was written', async () => {
    const { ctx, a } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a) })
    const first = await strata(ctx)
    const again = await strata(ctx)
    expect(again).toBe(first) // the kept object itself: nothing was computed again
    expect(again).toEqual(fresh(ctx))
  })

  it('a saved monthly report changes the next strata', async () => {
    const { ctx, a } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a) })
    expect(stratumOf(await strata(ctx), a)).toBe('madya')
    // Four kader on duty in every month: below the Madya threshold.
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a, { kader_on_duty: 4 }) })
    const after = await strata(ctx)
    expect(stratumOf(after, a)).toBe('pratama')
    expect(after).toEqual(fresh(ctx))
  })

  it("a posyandu moved to another desa shows under its new desa (and a deleted one is gone)", async () => {
    const { ctx, a, b } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: [...fullYear(a), ...fullYear(b)] })
    const before = await strata(ctx)
    expect(before.rows.find((r) => r.id === a)?.desaCode).toBe('12.18.04.2001')
    // Another desa of the same kecamatan (a posyandu does not leave its kecamatan).
    const desa = ctx.sqlite.prepare(`SELECT code, name FROM wilayah WHERE level = 'desa' AND code LIKE '12.18.04.%' AND code NOT IN ('12.18.04.2001', '12.18.04.2002') ORDER BY code LIMIT 1`).get() as { code: string; name: string }
    await run(ctx, 'registry.posyanduSave', { id: a, data: { name: 'Dahlia', desaCode: desa.code } })
    const moved = await strata(ctx)
    expect(moved.rows.find((r) => r.id === a)).toMatchObject({ desaCode: desa.code, desaName: desa.name })
    expect(moved).toEqual(fresh(ctx))
    await run(ctx, 'registry.posyanduDelete', { id: b })
    const gone = await strata(ctx)
    expect(gone.rows.map((r) => r.id)).toEqual([a])
    expect(gone.total.posyandu).toBe(1)
  })

  it('an edited indicator set changes the next strata and the printed report', async () => {
    const { ctx, a } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a, { kader_on_duty: 4 }) })
    expect(stratumOf(await strata(ctx), a)).toBe('pratama')
    const printed = await run(ctx, 'evaluation.reportPrint', { year: 2025, rules: 'strata-2011' })
    expect(printed.total.byStratum.pratama).toBe(1)
    await run(ctx, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: { kader: 4 } })
    expect(stratumOf(await strata(ctx), a)).toBe('madya')
    const reprinted = await run(ctx, 'evaluation.reportPrint', { year: 2025, rules: 'strata-2011' })
    expect(reprinted.total.byStratum).toMatchObject({ pratama: 0, madya: 1 })
    expect(reprinted.method[1]).toBe('kader bertugas ≥ 4 orang (syarat Madya ke atas)')
    expect(reprinted.dataHash).not.toBe(printed.dataHash)
  })

  it('a write by another connection to the same file (the CLI, another process) is seen', async () => {
    const { ctx, a } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a) })
    const printed = await run(ctx, 'evaluation.reportPrint', { year: 2025, rules: 'strata-2011' })
    expect(stratumOf(await strata(ctx), a)).toBe('madya')
    const other = rawDb(ctx.dataFile)
    try {
      other.prepare(`UPDATE monthly_report SET kader_on_duty = 4 WHERE posyandu_id = ?`).run(a)
    } finally {
      other.close()
    }
    const after = await strata(ctx)
    expect(stratumOf(after, a)).toBe('pratama')
    expect(after).toEqual(fresh(ctx))
    const reprinted = await run(ctx, 'evaluation.reportPrint', { year: 2025, rules: 'strata-2011' })
    expect(reprinted.dataHash).not.toBe(printed.dataHash)
    expect(reprinted.total.byStratum.pratama).toBe(1)
  })

  it('nothing is kept from inside a transaction that rolls back', async () => {
    const { ctx, a } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a) })
    const set = indicatorSet(ctx.sqlite, '12.18', 'strata-2011')
    const area = { code: '12.18', name: 'Kabupaten Serdang Bedagai' }
    try {
      ctx.sqlite.transaction(() => {
        ctx.sqlite.prepare(`UPDATE monthly_report SET kader_on_duty = 4 WHERE posyandu_id = ?`).run(a)
        expect(cachedStrata(ctx.sqlite, area, 2025, set, { previousYear: false }).rows[0].result.stratum).toBe('pratama')
        throw new Error('roll back')
      })()
    } catch {
      // rolled back
    }
    expect(cachedStrata(ctx.sqlite, area, 2025, set, { previousYear: false }).rows[0].result.stratum).toBe('madya')
  })
})

describe('an indicator set is data', () => {
  it('a field name that is no monthly column is read as missing, never put into the SQL', async () => {
    const { ctx, a } = setup()
    await run(ctx, 'evaluation.monthlySave', { items: fullYear(a) })
    const set = indicatorSet(ctx.sqlite, '12.18', 'strata-2011')
    const hostile = { ...set, criteria: set.criteria.map((c) => (c.id === 'kader' ? { ...c, metric: { kind: 'avg' as const, field: "kader_on_duty, (SELECT group_concat(name) FROM people)) --" as never } } : c)) }
    const out = computeStrata(ctx.sqlite, { code: '12.18', name: 'Kabupaten Serdang Bedagai' }, 2025, hostile, { previousYear: false })
    const kader = out.rows[0].result.criteria.find((c) => c.id === 'kader')!
    expect(kader).toMatchObject({ value: null, met: null })
    expect(out.rows[0].result.stratum).toBeNull() // undecided between Pratama and Madya: data tidak lengkap
  })
})
