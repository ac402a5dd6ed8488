import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { callOp, makeCtx } from '../helpers/db'

describe('manual scores of an evaluation period', () => {
  it('lists items and posyandu, keeps a score with notes, refuses one above the maximum or after locking', async () => {
    const ctx = makeCtx({ office: '12.18' })
    const melati = insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' }, { scope: '12.18.04' }).id
    const period = await callOp(ctx, 'evaluation.periodCreate', { name: 'Monev 2025', year: 2025, indicatorSetCode: 'strata-2011' })
    const empty = await callOp(ctx, 'evaluation.scoreList', { periodId: period.id })
    expect(empty.items.map((i) => i.id)).toEqual(['administrasi', 'inovasi'])
    expect(empty.posyandu.map((p) => p.name)).toEqual(['Melati'])
    expect(empty.scores).toEqual([])

    await callOp(ctx, 'evaluation.scoreSave', { periodId: period.id, posyanduId: melati, item: 'administrasi', score: 8, notes: 'register lengkap' })
    const count = () => (ctx.sqlite.prepare('SELECT count(*) n, max(rev) r FROM evaluation_score').get() as { n: number; r: number })
    const before = count()
    await expect(callOp(ctx, 'evaluation.scoreSave', { periodId: period.id, posyanduId: melati, item: 'administrasi', score: 11 })).rejects.toThrow(/paling tinggi 10/)
    await expect(callOp(ctx, 'evaluation.scoreSave', { periodId: period.id, posyanduId: melati, item: 'kebersihan', score: 1 })).rejects.toThrow(/tidak ada dalam set/)
    expect(count()).toEqual(before)
    expect((await callOp(ctx, 'evaluation.scoreList', { periodId: period.id })).scores).toEqual([{ posyanduId: melati, item: 'administrasi', score: 8, notes: 'register lengkap' }])

    await callOp(ctx, 'evaluation.periodLock', { id: period.id })
    await expect(callOp(ctx, 'evaluation.scoreSave', { periodId: period.id, posyanduId: melati, item: 'inovasi', score: 5 })).rejects.toThrow(/dikunci/)
    expect(count()).toEqual(before)
  })
})
