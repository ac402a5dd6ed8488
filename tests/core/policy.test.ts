import { describe, expect, it } from 'vitest'
import { insertRow, updateRow } from '../../src/core/db/rows'
import { tablesWithTravellingColumns } from '../../src/core/exchange/tables'
import { policyOf, rowSchema, TABLE_POLICIES } from '../../src/core/policy'
import { refusal } from '../helpers/exchange'
import { makeCtx } from '../helpers/db'

describe('the table policy registry', () => {
  it('names every travelling table, and only real columns', () => {
    const ctx = makeCtx({ office: '12.18' })
    // A new table with id, scope, rev, hlc, origin and deleted_at fails here until it has a policy.
    expect(tablesWithTravellingColumns(ctx.sqlite).filter((t) => !policyOf(t))).toEqual([])
    for (const p of TABLE_POLICIES) expect(() => rowSchema(ctx.sqlite, p), p.table).not.toThrow()
    expect(new Set(TABLE_POLICIES.map((p) => p.table)).size).toBe(TABLE_POLICIES.length)
  })

  it('kabupaten master data is written by the kabupaten alone', () => {
    const kabupatenOnly = ['honor_rate', 'honor_list', 'honor_line', 'pendamping_person', 'pendamping_assignment', 'indicator_set', 'evaluation_period', 'evaluation_score', 'skpd', 'ref_item', 'programme']
    for (const t of kabupatenOnly) {
      const p = policyOf(t)!
      expect(p.scopeLevel, t).toBe('kabupaten')
      expect(p.writers, t).toEqual({ create: ['owner'], change: ['owner'], delete: ['owner'] })
    }
    // Regulations are the owner's own: a kabupaten's decrees by the kabupaten, an SK Camat by its kecamatan.
    expect(policyOf('regulation')!.writers.change).toEqual(['owner'])
  })

  it('no personal column of a pendamping is granted to a kecamatan; honor money is granted to none', () => {
    const person = policyOf('pendamping_person')!.receivers.kecamatan
    expect(person?.rows).toBe('where')
    for (const c of ['nik', 'npwp', 'account_number', 'phone', 'address', 'nip']) expect(person && 'hide' in person ? person.hide : [], c).toContain(c)
    for (const t of ['honor_rate', 'honor_list', 'honor_line']) expect(policyOf(t)!.receivers.kecamatan).toEqual({ rows: 'none' })
  })
})

describe('the one write path', () => {
  it('refuses a kecamatan writing kabupaten master data, whichever scope it claims', async () => {
    const kec = makeCtx({ office: '12.18.04' })
    for (const scope of ['12.18.04', '12.18']) {
      const e = await refusal(() => insertRow(kec, 'honor_rate', { amount: 9_000_000, valid_from: '2026-01-01' }, { scope }))
      expect(e.code).toBe('NOT_ALLOWED')
      expect(e.message).toMatch(/Tidak diizinkan: .*tarif honor/i)
    }
    expect(kec.sqlite.prepare('SELECT count(*) AS n FROM honor_rate').get()).toEqual({ n: 0 })
  })

  it('never changes a row’s scope, and checks the whole row as stored', async () => {
    const kab = makeCtx({ office: '12.18' })
    const p = insertRow(kab, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001' }, { scope: '12.18.04' })
    expect((await refusal(() => updateRow(kab, 'posyandu', p.id, { scope: '12.18.05', desa_code: '12.18.05.2001' }))).code).toBe('SCOPE_FIXED')
    const e = await refusal(() => updateRow(kab, 'posyandu', p.id, { address: 'x'.repeat(201) }))
    expect(e.message).toBe('Posyandu "Melati" tidak dapat disimpan: address: paling banyak 200 huruf.')
    expect((await refusal(() => insertRow(kab, 'kader', { nik: '1218044508900001', name: 'Siti', sex: 'X' }, { scope: '12.18.04' }))).message).toMatch(/sex: jenis kelamin harus L atau P/)
    expect(kab.sqlite.prepare('SELECT rev, address FROM posyandu WHERE id = ?').get(p.id)).toEqual({ rev: 1, address: null })
  })
})
