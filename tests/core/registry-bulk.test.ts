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

describe('bulk changes to posyandu chosen in the list', () => {
  const posyanduFilter = () => import('../../src/shared/contract/registry').then((m) => m.posyanduFilter)
  const row = (ctx: ReturnType<typeof makeCtx>, id: string) => ctx.sqlite.prepare(`SELECT status, status_date, status_reason, desa_code, scope, rev FROM posyandu WHERE id = ?`).get(id) as Record<string, unknown>

  it('sets many posyandu inactive with a date and reason, one audit entry per posyandu; again changes nothing', async () => {
    const { ctx, melati, mawar } = setup()
    const before = auditCount(ctx, 'posyandu', 'update')
    const res = await dispatch(ctx, 'registry.posyanduBulk', { action: 'deactivate', ids: [melati.id, mawar.id], date: '2020-06-30', reason: 'digabung dengan posyandu desa' })
    expect(res).toEqual({ ok: true, data: { changed: 2, unchanged: 0 } })
    expect(auditCount(ctx, 'posyandu', 'update') - before).toBe(2)
    expect(row(ctx, melati.id)).toMatchObject({ status: 'nonaktif', status_date: '2020-06-30', status_reason: 'digabung dengan posyandu desa' })
    const snap = snapshot(ctx)
    expect(await dispatch(ctx, 'registry.posyanduBulk', { action: 'deactivate', ids: [melati.id], date: '2021-01-01', reason: 'lagi' })).toEqual({ ok: true, data: { changed: 0, unchanged: 1 } })
    expect(snapshot(ctx)).toEqual(snap)
    ctx.close()
  })

  it('moves posyandu to another desa of their kecamatan; the scope stays', async () => {
    const { ctx, melati } = setup()
    const res = await dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [melati.id], desaCode: FIRDAUS })
    expect(res).toEqual({ ok: true, data: { changed: 1, unchanged: 0 } })
    expect(row(ctx, melati.id)).toMatchObject({ desa_code: FIRDAUS, scope: '12.18.04' })
    ctx.close()
  })

  it('refuses the whole selection (desa of another kecamatan, a name taken in the target desa, no reason, a future date) and writes nothing', async () => {
    const { ctx, melati, mawar } = setup()
    const twin = addPosyandu(ctx, 'Posyandu Mawar', SEI_RAMPAH)
    const snap = snapshot(ctx)
    const other = await dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [melati.id, mawar.id], desaCode: PERBAUNGAN_DESA })
    expect(other.ok).toBe(false)
    if (!other.ok) expect(other.error.message).toMatch(/kecamatan lain/)
    const taken = await dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [melati.id, twin.id], desaCode: FIRDAUS })
    expect(taken.ok).toBe(false)
    if (!taken.ok) expect(taken.error.message).toMatch(/Sudah ada posyandu bernama "Posyandu Mawar"/)
    const noReason = await dispatch(ctx, 'registry.posyanduBulk', { action: 'deactivate', ids: [melati.id], date: '2020-06-30', reason: ' ' })
    expect(noReason.ok).toBe(false)
    if (!noReason.ok) expect(noReason.error.message).toMatch(/alasan/)
    const future = await dispatch(ctx, 'registry.posyanduBulk', { action: 'deactivate', ids: [melati.id], date: '2999-01-01', reason: 'belum terjadi' })
    expect(future.ok).toBe(false)
    if (!future.ok) expect(future.error.message).toMatch(/belum terjadi/)
    expect(snapshot(ctx)).toEqual(snap)
    ctx.close()
  })

  it('the list and the export can be limited to the chosen ids', async () => {
    const { ctx, mawar } = setup()
    const { listPosyandu } = await import('../../src/core/registry/posyandu')
    expect(listPosyandu(ctx, (await posyanduFilter()).parse({ ids: [mawar.id] })).rows.map((r) => r.name)).toEqual(['Posyandu Mawar'])
    ctx.close()
  })
})
