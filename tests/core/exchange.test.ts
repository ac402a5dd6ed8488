import { describe, expect, it } from 'vitest'
import { deleteRow, updateRow } from '../../src/core/db/rows'
import { addPosyandu, makeOffices, receive, send, snapshot } from '../helpers/exchange'

describe('bundle round trip', () => {
  it('kecamatan → kabupaten → kecamatan carries rows, edits and deletions', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const p1 = addPosyandu(a, 'Mawar I')
    const p2 = addPosyandu(a, 'Melati')
    const r1 = await receive(kab, send(a, kab, outDir))
    expect(r1.totals).toMatchObject({ new: 2, changed: 0, conflict: 0 })
    expect(snapshot(kab, ['12.18.04'])).toEqual(snapshot(a))
    updateRow(kab, 'posyandu', p1.id, { address: 'Jl. Merdeka 1' })
    deleteRow(a, 'posyandu', p2.id)
    const r2 = await receive(a, send(kab, a, outDir))
    expect(r2.totals.changed).toBe(1)
    const r3 = await receive(kab, send(a, kab, outDir))
    expect(r3.totals.changed).toBe(1)
    expect(snapshot(kab, ['12.18.04'])).toEqual(snapshot(a))
    expect((kab.sqlite.prepare('SELECT deleted_at FROM posyandu WHERE id = ?').get(p2.id) as { deleted_at: string }).deleted_at).not.toBeNull()
  })
})
