import { describe, expect, it } from 'vitest'
import { generateDemo } from '../../src/core/demo'
import { registryStep } from '../../src/core/demo/registry'
import { personName, posyanduNamer } from '../../src/core/demo/names'
import { makeRng } from '../../src/core/demo/prng'
import { makeCtx } from '../helpers/db'

type Ctx = ReturnType<typeof makeCtx>
const all = <T>(ctx: Ctx, sql: string) => ctx.sqlite.prepare(sql).all() as T[]

/** Share of rows carried by the `n` most common values. */
function topShare(values: string[], n: number): number {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  const top = [...counts.values()].sort((a, b) => b - a).slice(0, n)
  return top.reduce((s, x) => s + x, 0) / values.length
}

const BATAK = /\b(Siregar|Nasution|Lubis|Harahap|Sinaga|Simanjuntak|Hasibuan|Damanik|Saragih|Ginting|Tarigan|Sembiring|Purba|Sitorus|Pardede|Manurung)\b/
const JAVANESE = /\b(Wahyuni|Handayani|Lestari|Susilowati|Astuti|Rahayu|Setyowati|Sumiati|Suparmi|Sulastri|Wartini|Purwanti|Sutini|Slamet|Sugeng|Santoso|Widodo)\b/
const MALAY = /\b(Hanum|Zahara|Syahputri|Salmah|Rohani|Zubaidah|Asmah|Halimah|Rukiah|Masitah|Maimunah|Zaleha|Syahputra|Effendi)\b/

describe('demo names', () => {
  it('a kabupaten (Batang): posyandu names never repeat within a desa and vary across the kabupaten; kader names are Javanese', () => {
    const ctx = makeCtx()
    generateDemo(ctx, { scale: 'kabupaten', seed: 1 }, [registryStep])
    const ps = all<{ name: string; desa_code: string; address: string }>(ctx, `SELECT name, desa_code, address FROM posyandu`)
    expect(ps.length).toBe(1236)
    expect(all(ctx, `SELECT desa_code, lower(name) AS n, count(*) AS c FROM posyandu GROUP BY desa_code, lower(name) HAVING c > 1`)).toEqual([])
    const names = ps.map((p) => p.name)
    expect(topShare(names, 10)).toBeLessThan(0.15)
    expect(topShare(names, 1)).toBeLessThan(0.025)
    expect(new Set(names).size).toBeGreaterThan(200)
    // Desa-specific names: the desa itself, a dusun, a second "Melati II".
    const desaNames = new Map(all<{ code: string; name: string }>(ctx, `SELECT code, name FROM wilayah WHERE code LIKE '33.25.%' AND level = 'desa'`).map((w) => [w.code, w.name]))
    expect(ps.filter((p) => p.name === `Posyandu ${desaNames.get(p.desa_code)}`).length).toBeGreaterThan(30)
    expect(names.filter((n) => / (II|III|IV)$/.test(n)).length).toBeGreaterThan(30)
    expect(names.some((n) => /Krajan|Kauman|Sidomulyo|Ngudi Waras|Sido Rukun/.test(n))).toBe(true)
    const kader = all<{ name: string }>(ctx, `SELECT name FROM kader`).map((k) => k.name)
    expect(topShare(kader, 10)).toBeLessThan(0.08)
    expect(kader.filter((n) => JAVANESE.test(n)).length / kader.length).toBeGreaterThan(0.2)
    expect(kader.filter((n) => BATAK.test(n))).toEqual([])
    ctx.close()
  })

  it('a kecamatan in Serdang Bedagai: Malay, Javanese and Batak names side by side; pengurus and ages as on real lists', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    generateDemo(ctx, { scale: 'kecamatan', seed: 7 }, [registryStep])
    const kader = all<{ name: string; role: string; birth_date: string; active_from: string; posyandu_id: string }>(
      ctx,
      `SELECT k.name, k.role, k.birth_date, k.active_from, kp.posyandu_id FROM kader k JOIN kader_posyandu kp ON kp.kader_id = k.id`,
    )
    for (const re of [BATAK, JAVANESE, MALAY]) expect(kader.filter((k) => re.test(k.name)).length / kader.length, String(re)).toBeGreaterThan(0.1)
    const age = (k: { birth_date: string }) => 2026 - Number(k.birth_date.slice(0, 4))
    // One ketua, one sekretaris and one bendahara per posyandu; the ketua an experienced woman or man.
    const roles = all<{ role: string; n: number; per: number }>(ctx, `SELECT role, count(*) AS n, count(DISTINCT kp.posyandu_id) AS per FROM kader k JOIN kader_posyandu kp ON kp.kader_id = k.id GROUP BY role`)
    for (const r of roles.filter((x) => x.role !== 'anggota')) expect(r).toMatchObject({ n: 82, per: 82 })
    expect(kader.filter((k) => k.role === 'ketua').every((k) => age(k) >= 38 && age(k) <= 62)).toBe(true)
    expect(kader.every((k) => age(k) >= 20 && age(k) <= 64)).toBe(true)
    expect(kader.every((k) => Number(k.active_from.slice(0, 4)) - Number(k.birth_date.slice(0, 4)) >= 18)).toBe(true)
    const members = kader.filter((k) => k.role === 'anggota').map(age)
    const mean = members.reduce((s, x) => s + x, 0) / members.length
    expect(mean).toBeGreaterThan(36)
    expect(mean).toBeLessThan(48)
    ctx.close()
  })

  it('names are deterministic per seed and follow the customs of the region', () => {
    const names = (seed: number) => {
      const rng = makeRng(seed)
      const next = posyanduNamer(rng, 'bali', { code: '51.03.01.2001', name: 'Dalung' })
      return Array.from({ length: 12 }, () => next().name)
    }
    expect(names(3)).toEqual(names(3))
    expect(new Set(names(3)).size).toBe(12)
    expect(names(3)).not.toEqual(names(4))
    const rng = makeRng(9)
    const bali = Array.from({ length: 40 }, () => personName(rng, 'bali', 'P'))
    expect(bali.every((n) => /^Ni (Made|Wayan|Nyoman|Ketut|Luh|Putu|Kadek|Komang|Gusti)/.test(n))).toBe(true)
    const sunda = Array.from({ length: 40 }, () => personName(rng, 'sunda', 'L'))
    expect(sunda.every((n) => n.split(' ').length >= 1 && !/^(Ni|I) /.test(n))).toBe(true)
  })
})
