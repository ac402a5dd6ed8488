import { describe, expect, it } from 'vitest'
import { dispatch, makeCtx } from '../helpers/db'
import { getKader, listKader } from '../../src/core/registry/kader'
import { kaderFilter } from '../../src/shared/contract/registry'
import { encodeNik } from '../../src/shared/nik'
import { addKader, addPosyandu, snapshot } from '../helpers/registry'

const SEI_RAMPAH = '12.18.04.2006'
const FIRDAUS = '12.18.04.2002'
const PERBAUNGAN_DESA = '12.18.02.2001'

function setup(office = '12.18') {
  const ctx = makeCtx({ office })
  const melati = addPosyandu(ctx, 'Posyandu Melati', SEI_RAMPAH)
  const mawar = addPosyandu(ctx, 'Posyandu Mawar', FIRDAUS)
  const kader = [1, 2, 3].map((n) =>
    addKader(ctx, { nik: encodeNik('12.18.04', `1990-01-0${n}`, 'P', n), name: `Kader ${n}`, sex: 'P', birthDate: `1990-01-0${n}`, posyanduId: melati.id }).kader,
  )
  return { ctx, melati, mawar, kader }
}

const auditCount = (ctx: ReturnType<typeof makeCtx>, table: string, action?: string) =>
  (ctx.sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE table_name = ? ${action ? 'AND action = ?' : ''}`).get(...(action ? [table, action] : [table])) as { n: number }).n

describe('bulk changes to kader chosen in the list', () => {
  it('moves many kader to another posyandu, one membership change (and audit entry) per kader', async () => {
    const { ctx, mawar, kader } = setup()
    const before = auditCount(ctx, 'kader_posyandu')
    const res = await dispatch(ctx, 'registry.kaderBulk', { action: 'move', ids: [kader[0].id, kader[1].id], posyanduId: mawar.id })
    expect(res).toEqual({ ok: true, data: { changed: 2, unchanged: 0 } })
    for (const k of kader.slice(0, 2)) expect(getKader(ctx, k.id).posyanduId).toBe(mawar.id)
    expect(getKader(ctx, kader[2].id).posyanduId).not.toBe(mawar.id)
    // Each moved kader: its old membership closed (update) and a new one opened (create).
    expect(auditCount(ctx, 'kader_posyandu') - before).toBe(4)
    // Again: nothing to do, nothing written.
    const snap = snapshot(ctx)
    expect(await dispatch(ctx, 'registry.kaderBulk', { action: 'move', ids: [kader[0].id], posyanduId: mawar.id })).toEqual({ ok: true, data: { changed: 0, unchanged: 1 } })
    expect(snapshot(ctx)).toEqual(snap)
    ctx.close()
  })

  it('sets many kader inactive from a date, one audit entry per kader', async () => {
    const { ctx, kader } = setup()
    const before = auditCount(ctx, 'kader', 'update')
    const res = await dispatch(ctx, 'registry.kaderBulk', { action: 'deactivate', ids: kader.map((k) => k.id), date: '2020-06-30' })
    expect(res).toEqual({ ok: true, data: { changed: 3, unchanged: 0 } })
    expect(auditCount(ctx, 'kader', 'update') - before).toBe(3)
    expect(listKader(ctx, kaderFilter.parse({ status: 'nonaktif' })).total).toBe(3)
    ctx.close()
  })

  it('refuses the whole selection when one kader cannot be changed, and writes nothing', async () => {
    const { ctx, kader } = setup()
    const other = addPosyandu(ctx, 'Posyandu Kenanga', PERBAUNGAN_DESA)
    const snap = snapshot(ctx)
    const res = await dispatch(ctx, 'registry.kaderBulk', { action: 'move', ids: kader.map((k) => k.id), posyanduId: other.id })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.message).toMatch(/kecamatan lain/)
    expect(snapshot(ctx)).toEqual(snap)
    const empty = await dispatch(ctx, 'registry.kaderBulk', { action: 'deactivate', ids: [], date: '2020-06-30' })
    expect(empty.ok).toBe(false)
    if (!empty.ok) expect(empty.error.message).toMatch(/Pilih minimal satu kader/)
    expect(snapshot(ctx)).toEqual(snap)
    ctx.close()
  })

  it('the list and the export can be limited to the chosen ids', () => {
    const { ctx, kader } = setup()
    expect(listKader(ctx, kaderFilter.parse({ ids: [kader[1].id] })).rows.map((r) => r.name)).toEqual(['Kader 2'])
    ctx.close()
  })
})
