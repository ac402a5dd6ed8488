import { describe, expect, it } from 'vitest'
import { makeCtx, dispatch } from '../helpers/db'

describe('regulation register (base)', () => {
  it('registers a regulation with kabupaten scope, finds it by text, refuses a duplicate and writes nothing', async () => {
    const ctx = makeCtx({ office: '12.18' })
    const made = await dispatch(ctx, 'regulation.create', { kind: 'Kepbup', number: '208/050/2014', year: 2014, title: 'Pendamping Posyandu Holistik Integratif', dateSigned: '2014-03-10' })
    expect(made).toMatchObject({ ok: true, data: { scope: '12.18', status: 'berlaku', label: 'Kepbup No. 208/050/2014 — Pendamping Posyandu Holistik Integratif' } })
    const found = await dispatch(ctx, 'regulation.search', { text: 'holistik' })
    expect(found.ok && found.data).toHaveLength(1)
    const count = () => (ctx.sqlite.prepare('SELECT count(*) n FROM regulation').get() as { n: number }).n
    const again = await dispatch(ctx, 'regulation.create', { kind: 'Kepbup', number: '208/050/2014', year: 2014, title: 'Lagi' })
    expect(again).toMatchObject({ ok: false, error: { code: 'REGULATION_EXISTS' } })
    const bad = await dispatch(ctx, 'regulation.create', { kind: 'Perbup', number: '23', year: 1800, title: 'x', dateSigned: '23/05/2013' })
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.error.message).toMatch(/Tahun tidak masuk akal/)
    expect(!bad.ok && bad.error.message).toMatch(/YYYY-MM-DD/)
    expect(count()).toBe(1)
    const audit = ctx.sqlite.prepare(`SELECT action, user FROM audit_log WHERE table_name = 'regulation'`).all()
    expect(audit).toEqual([{ action: 'create', user: 'admin' }])
  })
})
