import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computePph21 } from '../../src/core/honor/tax'
import { AppError } from '../../src/shared/result'
import { terbilang, terbilangRupiah } from '../../src/shared/terbilang'

const date = '2026-03-31'

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [111, 'seratus sebelas'],
    [1_000, 'seribu'],
    [1_100, 'seribu seratus'],
    [2_000, 'dua ribu'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [330_000, 'tiga ratus tiga puluh ribu'],
    [1_000_000, 'satu juta'],
    [1_250_000, 'satu juta dua ratus lima puluh ribu'],
    [1_001_000, 'satu juta seribu'],
    [1_000_000_000, 'satu miliar'],
    [2_000_000_000, 'dua miliar'],
    [1_000_000_000_000, 'satu triliun'],
    [999_999_999_999, 'sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words)
  })

  it('adds "rupiah" and refuses fractions and numbers beyond 999 triliun', () => {
    expect(terbilangRupiah(1_250_000)).toBe('satu juta dua ratus lima puluh ribu rupiah')
    expect(() => terbilang(1.5)).toThrow(/bilangan bulat/)
    expect(() => terbilang(1e15)).toThrow(/999 triliun/)
  })

  it('never leaves double spaces, a lone "satu ribu" or "satu ratus" anywhere below a quadrillion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999_999 }), (n) => {
        const w = terbilang(n)
        expect(w).not.toMatch(/ {2}|^ | $|(^|triliun |miliar |juta )satu ribu|satu ratus|satu puluh|satu belas/)
      }),
    )
  })
})

describe('PPh 21 on honoraria', () => {
  it('bukan pegawai: 5% on 50% of gross = 2.5%, and 120% of that without NPWP', () => {
    expect(computePph21({ gross: 1_250_000, rule: 'bukan_pegawai', hasNpwp: true, date })).toMatchObject({ tax: 31_250, net: 1_218_750, rule: { code: 'bukan_pegawai' } })
    expect(computePph21({ gross: 1_250_000, rule: 'bukan_pegawai', hasNpwp: false, date })).toMatchObject({ tax: 37_500, net: 1_212_500 })
    expect(computePph21({ gross: 990_000, rule: 'bukan_pegawai', hasNpwp: true, date }).tax).toBe(24_750)
  })

  it('bukan pegawai crosses the Pasal 17 brackets on the 50% base', () => {
    // base 100,000,000: 60M × 5% + 40M × 15% = 3,000,000 + 6,000,000
    expect(computePph21({ gross: 200_000_000, rule: 'bukan_pegawai', hasNpwp: true, date }).tax).toBe(9_000_000)
    // base 6,000,000,000: 3M + 28.5M + 62.5M + 1,350M + 350M
    expect(computePph21({ gross: 12_000_000_000, rule: 'bukan_pegawai', hasNpwp: true, date }).tax).toBe(1_794_000_000)
  })

  it('rounds down to whole rupiah in one place', () => {
    // 2.5% of 1,001 = 25.025 → 25; without NPWP 30.03 → 30
    expect(computePph21({ gross: 1_001, rule: 'bukan_pegawai', hasNpwp: true, date }).tax).toBe(25)
    expect(computePph21({ gross: 1_001, rule: 'bukan_pegawai', hasNpwp: false, date }).tax).toBe(30)
    expect(computePph21({ gross: 333_333, rule: 'pns_final', hasNpwp: true, golongan: 'IV', date }).tax).toBe(49_999)
  })

  it('PNS final by golongan: I and II 0%, III 5%, IV 15%', () => {
    const t = (g: 'I' | 'II' | 'III' | 'IV') => computePph21({ gross: 1_000_000, rule: 'pns_final', hasNpwp: true, golongan: g, date }).tax
    expect([t('I'), t('II'), t('III'), t('IV')]).toEqual([0, 0, 50_000, 150_000])
    expect(() => computePph21({ gross: 1_000_000, rule: 'pns_final', hasNpwp: true, date })).toThrow(/Golongan/)
  })

  it('no withholding needs a reason; rules are chosen by validity date', () => {
    expect(computePph21({ gross: 900_000, rule: 'tanpa_potongan', hasNpwp: false, reason: 'SKB PPh', date })).toMatchObject({ tax: 0, net: 900_000 })
    expect(() => computePph21({ gross: 900_000, rule: 'tanpa_potongan', hasNpwp: false, date })).toThrow(AppError)
    // PMK 168/2023 is valid from 2024; a 2023 payment has no bukan-pegawai rule in the data.
    expect(() => computePph21({ gross: 900_000, rule: 'bukan_pegawai', hasNpwp: true, date: '2023-06-30' })).toThrow(/2023-06-30/)
  })

  it('net = gross − tax and tax is never negative or above gross (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000_000_000 }), fc.boolean(), (gross, hasNpwp) => {
        const r = computePph21({ gross, rule: 'bukan_pegawai', hasNpwp, date })
        expect(r.net).toBe(gross - r.tax)
        expect(r.tax).toBeGreaterThanOrEqual(0)
        expect(r.tax).toBeLessThanOrEqual(gross)
        expect(Number.isInteger(r.tax)).toBe(true)
      }),
    )
  })
})

describe('CLI', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join('bin', 'simpul.js'), ...args], { encoding: 'utf8' })

  it('tax pph21 --json prints gross, tax, net and the rule used', () => {
    const r = cli('tax', 'pph21', '--gross', '1250000', '--no-npwp', '--json', '--date', '2026-11-24')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ gross: 1_250_000, tax: 37_500, net: 1_212_500, rule: { code: 'bukan_pegawai' } })
    const pns = JSON.parse(cli('tax', 'pph21', '--gross', '1000000', '--golongan', 'III', '--json').stdout)
    expect(pns).toMatchObject({ tax: 50_000, rule: { code: 'pns_final' } })
    const bad = cli('tax', 'pph21', '--gross', '12a', '--json')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/bilangan bulat/)
  })

  it('terbilang <N>', () => {
    const r = cli('terbilang', '1250000')
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe('satu juta dua ratus lima puluh ribu rupiah')
  })
})
