import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/core/wilayah/reference'
import { wilayahChildren, wilayahPath, wilayahSearch } from '../../src/core/wilayah/service'
import { makeCtx } from '../helpers/db'

describe('wilayah reference', () => {
  const ctx = makeCtx()
  const count = (level: string) => (ctx.sqlite.prepare('SELECT count(*) AS n FROM wilayah WHERE level = ?').get(level) as { n: number }).n

  it('holds every provinsi, kabupaten/kota, kecamatan and desa of the Kemendagri reference', () => {
    expect(count('provinsi')).toBeGreaterThanOrEqual(38)
    expect(count('kabupaten')).toBeGreaterThanOrEqual(514)
    expect(count('kecamatan')).toBeGreaterThanOrEqual(7200)
    expect(count('desa')).toBeGreaterThanOrEqual(83000)
  })

  it('walks from a desa up to its provinsi', () => {
    const kec = wilayahChildren(ctx.sqlite, '12.18').find((w) => w.name === 'Sei Rampah')!
    expect(kec.code).toBe('12.18.04')
    const desa = wilayahChildren(ctx.sqlite, kec.code)
    expect(desa.length).toBeGreaterThan(5)
    expect(desa.every((d) => /^12\.18\.04\.\d{4}$/.test(d.code))).toBe(true)
    expect(wilayahPath(ctx.sqlite, desa[0].code).map((w) => w.level)).toEqual(['provinsi', 'kabupaten', 'kecamatan', 'desa'])
  })

  it('finds by name within an area', () => {
    const hits = wilayahSearch(ctx.sqlite, 'Rampah', '12.18', 10)
    expect(hits.some((h) => h.code === '12.18.04')).toBe(true)
    expect(hits.every((h) => h.code.startsWith('12.18.'))).toBe(true)
  })

  it('reads quoted CSV names with commas and doubled quotes', () => {
    expect(parseCsv('code,name\n1,"Lubuk Pakam I,II"\r\n2,"Soka""an"\n')).toEqual([['code', 'name'], ['1', 'Lubuk Pakam I,II'], ['2', 'Soka"an']])
  })
})
