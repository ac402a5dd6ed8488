import { describe, expect, it } from 'vitest'
import { deleteRow, insertRow, restoreRow, updateRow } from '../../src/core/db/rows'
import { makeCtx } from '../helpers/db'

describe('travelling rows', () => {
  it('gives each change a new rev and a later hlc, tombstones deletes and audits everything', () => {
    let t = Date.parse('2026-11-24T02:00:00Z')
    const ctx = makeCtx({ office: '12.18.04', clock: { now: () => new Date(t) } })
    const a = insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' })
    expect(a).toMatchObject({ scope: '12.18.04', rev: 1, origin: ctx.deviceId, deleted_at: null, status: 'aktif' })
    // Same wall-clock millisecond: the logical counter still moves forward.
    const b = updateRow(ctx, 'posyandu', a.id, { address: 'Jl. Mawar 1' })
    expect(b.rev).toBe(2)
    expect(b.hlc > a.hlc).toBe(true)
    expect(updateRow(ctx, 'posyandu', a.id, { address: 'Jl. Mawar 1' }).rev).toBe(2)
    t += 1000
    const c = deleteRow(ctx, 'posyandu', a.id)
    expect(c.deleted_at).not.toBeNull()
    expect(c.rev).toBe(3)
    expect((ctx.sqlite.prepare('SELECT count(*) n FROM posyandu').get() as { n: number }).n).toBe(1)
    const d = restoreRow(ctx, 'posyandu', a.id)
    expect(d.deleted_at).toBeNull()
    expect(d.rev).toBe(4)
    const log = ctx.sqlite.prepare(`SELECT action, before_json, after_json FROM audit_log WHERE row_id = ? ORDER BY at, rowid`).all(a.id) as { action: string; before_json: string | null; after_json: string }[]
    expect(log.map((l) => l.action)).toEqual(['create', 'update', 'delete', 'restore'])
    expect(JSON.parse(log[1].before_json!).address).toBeNull()
    expect(JSON.parse(log[1].after_json).address).toBe('Jl. Mawar 1')
  })

  it('refuses unknown columns and a second posyandu of the same name in one desa', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    expect(() => insertRow(ctx, 'posyandu', { name: 'X', desa_code: '12.18.04.2001', colour: 'red' })).toThrow(/colour/)
    insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' })
    expect(() => insertRow(ctx, 'posyandu', { name: 'MELATI', desa_code: '12.18.04.2001' })).toThrow(/UNIQUE/)
    expect((ctx.sqlite.prepare("SELECT count(*) n FROM audit_log WHERE table_name = 'posyandu'").get() as { n: number }).n).toBe(1)
  })
})
