import { describe, expect, it } from 'vitest'
import { generateDemo } from '../../src/core/demo'
import { listKader } from '../../src/core/registry/kader'
import { kaderFilter } from '../../src/shared/contract/registry'
import { decodeNik } from '../../src/shared/nik'
import { makeCtx } from '../helpers/db'
import { snapshot } from '../helpers/registry'

const content = (ctx: ReturnType<typeof makeCtx>) =>
  ctx.sqlite
    .prepare(
      `SELECT k.id, k.nik, k.name, k.sex, k.birth_date, k.role, k.scope, p.name AS posyandu, p.desa_code
       FROM kader k JOIN kader_posyandu kp ON kp.kader_id = k.id JOIN posyandu p ON p.id = kp.posyandu_id ORDER BY k.id`,
    )
    .all() as { id: string; nik: string; sex: 'L' | 'P'; birth_date: string; scope: string; posyandu: string; desa_code: string }[]

describe('demo data', () => {
  it('is deterministic for a seed, with valid NIK consistent with birth date, sex and region', () => {
    const a = makeCtx({ office: '12.18.04' })
    const b = makeCtx({ office: '12.18.04' })
    const sa = generateDemo(a, { scale: 'kecamatan', seed: 42 })
    generateDemo(b, { scale: 'kecamatan', seed: 42 })
    const rows = content(a)
    expect(rows).toEqual(content(b))
    expect(sa.counts.posyandu).toBe(82)
    expect(sa.counts.kader).toBeGreaterThan(82 * 3)
    for (const r of rows) {
      const d = decodeNik(r.nik, '2026-11-24').decoded
      expect(d, r.nik).not.toBeNull()
      expect(d).toMatchObject({ birthDate: r.birth_date, sex: r.sex, kecamatanCode: r.scope })
      expect(r.desa_code.startsWith(`${r.scope}.`)).toBe(true)
    }
    expect(new Set(rows.map((r) => r.nik)).size).toBe(rows.length)
    // Kader per posyandu between 3 and 12; the generated rows are searchable at once.
    const per = a.sqlite.prepare(`SELECT min(n) AS lo, max(n) AS hi FROM (SELECT count(*) AS n FROM kader_posyandu GROUP BY posyandu_id)`).get()
    expect(per).toMatchObject({ lo: expect.any(Number), hi: expect.any(Number) })
    const { lo, hi } = per as { lo: number; hi: number }
    expect(lo).toBeGreaterThanOrEqual(3)
    expect(hi).toBeLessThanOrEqual(12)
    expect(listKader(a, kaderFilter.parse({ search: rows[0].nik.slice(0, 10) })).total).toBeGreaterThan(0)
    expect(listKader(a, kaderFilter.parse({ search: rows[0].posyandu })).total).toBeGreaterThan(0)
    const other = makeCtx({ office: '12.18.04' })
    generateDemo(other, { scale: 'kecamatan', seed: 43 })
    expect(content(other)).not.toEqual(rows)
    ;[a, b, other].forEach((c) => c.close())
  })

  it('refuses a database that already holds posyandu, and a kabupaten scale for a kecamatan office', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    expect(() => generateDemo(ctx, { scale: 'kabupaten', seed: 1 })).toThrow(/Skala kabupaten perlu kantor kabupaten/)
    generateDemo(ctx, { scale: 'kecamatan', seed: 1 })
    const before = snapshot(ctx)
    expect(() => generateDemo(ctx, { scale: 'kecamatan', seed: 2 })).toThrow(/sudah berisi 82 posyandu/)
    expect(snapshot(ctx)).toEqual(before)
    ctx.close()
  })

  it('creates a kabupaten office (Batang) when the database has none', () => {
    const ctx = makeCtx()
    const s = generateDemo(ctx, { scale: 'kabupaten', seed: 1 })
    expect(s.office).toMatchObject({ wilayahCode: '33.25', level: 'kabupaten' })
    expect(s.counts.posyandu).toBe(1236)
    expect(s.counts.kader).toBeGreaterThan(8500)
    expect(s.counts.kader).toBeLessThan(9500)
    expect(ctx.sqlite.prepare(`SELECT count(DISTINCT scope) AS n FROM posyandu`).get()).toEqual({ n: 15 })
    ctx.close()
    // A whole kabupaten of demo data: 68 s on the 2-core machine at load average 17, past the default 60 s.
  }, 180_000)
})
