import { describe, expect, it } from 'vitest'
import { craft, rowOf, rows } from '../helpers/adversary'
import { addPosyandu, makeOffices, receive, refusal, send } from '../helpers/exchange'

/**
 * ID squatting at a desktop office (issue 15): kecamatan 12.18.04 (a modified Simpul, its real
 * keys) learnt the ids of kecamatan 12.18.05's rows and sends them to the kabupaten under its
 * own scope. Authority is decided on the stored row's owner (src/core/write: checkIncoming), so
 * the squatter can never change a row of the other kecamatan. What it can do (the desktop keys
 * rows by id alone, one SQLite primary key per table) is be first: then the id is stored as
 * the squatter's, and the real owner's bundle is refused whole as moving it — written down in
 * the last test, which is expected to fail until the desktop keys rows by area too.
 */
describe('a kecamatan that sends another kecamatan’s ids as its own', () => {
  it('after the real rows: refused whole, the other kecamatan’s rows unchanged', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices(['12.18.04', '12.18.05'])
    const real = addPosyandu(b, 'Posyandu Kenanga')
    await receive(kab, send(b, kab, outDir))
    const before = rowOf(kab, 'posyandu', String(real.id))
    const squat = { ...rows(b, 'posyandu')[0], scope: '12.18.04', desa_code: '12.18.04.2001', name: 'Posyandu Palsu', rev: 9 }
    const e = await refusal(receive(kab, craft(a, kab, outDir, 'posyandu', [squat])))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(rowOf(kab, 'posyandu', String(real.id))).toEqual(before)
    // Claiming the other kecamatan's scope is refused as well.
    const claimed = { ...rows(b, 'posyandu')[0], name: 'Posyandu Palsu', rev: 9 }
    expect((await refusal(receive(kab, craft(a, kab, outDir, 'posyandu', [claimed])))).code).toBe('BUNDLE_UNAUTHORISED')
    expect(rowOf(kab, 'posyandu', String(real.id))).toEqual(before)
  })

  // Known limitation, not fixed here: the desktop's tables are keyed by id, so the first
  // writer of an id holds it and the real owner's bundle is refused whole, in words, with
  // nothing written. Keying the desktop's rows by area (as the warehouse now does) would let it
  // load; until then this test pins today's behaviour so a change to it is seen.
  it('before the real rows: the real owner’s bundle is refused whole and nothing of it is written', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices(['12.18.04', '12.18.05'])
    const real = addPosyandu(b, 'Posyandu Kenanga')
    const squat = { ...rows(b, 'posyandu')[0], scope: '12.18.04', desa_code: '12.18.04.2001', name: 'Posyandu Palsu' }
    await receive(kab, craft(a, kab, outDir, 'posyandu', [squat]))
    const held = rowOf(kab, 'posyandu', String(real.id))
    expect(held?.scope).toBe('12.18.04')
    const e = await refusal(receive(kab, send(b, kab, outDir)))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(e.message).toContain('Posyandu Kenanga')
    expect(e.message).toContain('Tidak ada data yang diubah')
    expect(rowOf(kab, 'posyandu', String(real.id))).toEqual(held)
    expect(rows(kab, 'posyandu').filter((r) => r.scope === '12.18.05')).toEqual([])
  })
})
