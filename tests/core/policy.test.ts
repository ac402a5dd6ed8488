import { describe, expect, it } from 'vitest'
import { insertRow, updateRow } from '../../src/core/db/rows'
import { tablesWithTravellingColumns } from '../../src/core/exchange/tables'
import { policyOf, rowSchema, TABLE_POLICIES } from '../../src/core/policy'
import { date as dateColumn } from '../../src/core/policy/columns'
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

describe('date columns', () => {
  it('take exactly the dates a Date reads back unchanged (the rule before it was computed without a Date)', () => {
    const byDate = (s: string) => {
      const d = new Date(`${s}T00:00:00Z`)
      return /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    }
    const pad = (n: number, w: number) => String(n).padStart(w, '0')
    const samples = ['', '2025-1-5', '2025-01-5', '2025-00-10', '2025-13-01', '2025-02-00', '2025-02-32', ' 2025-02-01', '2025-02-01 ', '２０２５-01-01', '2025/01/01', '+02025-01-01']
    for (const y of [0, 1, 4, 100, 200, 400, 1600, 1700, 1900, 1945, 2000, 2023, 2024, 2025, 2100, 2400, 9999]) {
      for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) samples.push(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)
    }
    let valid = 0
    for (const s of samples) {
      expect(dateColumn.safeParse(s).success, s).toBe(byDate(s))
      if (byDate(s)) valid++
    }
    // 17 years of 365 or 366 days were tried, every one of them taken.
    expect(valid).toBe(17 * 365 + 7) // leap: 0, 4, 400, 1600, 2000, 2024, 2400
  })
})
