import { describe, expect, it } from 'vitest'
import { formatDateLong, formatDecimal, formatMonth, formatNumber, formatPercent, formatRupiah, parseRupiah } from '../../src/shared/format'
import { shortName } from '../../src/renderer/areas/provinsi/Figures'
import { monthRange } from '../../src/shared/honorFormat'

describe('month and date texts by locale (screens pass theirs; paper, core and the CLI stay Indonesian)', () => {
  it('Indonesian by default, English when asked', () => {
    expect(formatMonth('2025-12')).toBe('Desember 2025')
    expect(formatMonth('2025-12', 'en')).toBe('December 2025')
    expect(formatDateLong('2026-08-17')).toBe('17 Agustus 2026')
    expect(formatDateLong('2026-08-17', 'en')).toBe('17 August 2026')
    expect(monthRange('2026-08', '2026-12')).toBe('Agu – Des 2026')
    expect(monthRange('2025-10', '2026-05', 'en')).toBe('Oct 2025 – May 2026')
    // Not a month or date: unchanged.
    expect(formatMonth('tahun 2025', 'en')).toBe('tahun 2025')
  })
})

describe('numbers and percents by locale (an English screen groups 1,139 and writes 89.5%; paper stays 1.139 and 89,5%)', () => {
  it('Indonesian by default, English when asked', () => {
    expect(formatNumber(1139)).toBe('1.139')
    expect(formatNumber(1139, 'en')).toBe('1,139')
    expect(formatNumber(1250000, 'en')).toBe('1,250,000')
    expect(formatNumber(-1250000, 'id')).toBe('-1.250.000')
    expect(formatNumber(999, 'en')).toBe('999')
    expect(formatPercent(0.895)).toBe('89,5%')
    expect(formatPercent(0.895, 1, 'en')).toBe('89.5%')
    expect(formatPercent(0.4234, 0, 'en')).toBe('42%')
    expect(formatPercent(null, 1, 'en')).toBe('—')
    expect(formatDecimal(31.5, 1)).toBe('31,5')
    expect(formatDecimal(31.5, 1, 'en')).toBe('31.5')
  })
  it('rupiah keeps its one Indonesian form, and its parser reads it back', () => {
    expect(formatRupiah(1250000)).toBe('Rp 1.250.000')
    expect(parseRupiah(formatRupiah(1250000))).toBe(1250000)
  })
})

describe('short area names for chart axes', () => {
  it('shortens the long province and kabupaten names offices shorten', () => {
    expect(shortName('Daerah Istimewa Yogyakarta')).toBe('DI Yogyakarta')
    expect(shortName('Daerah Khusus Ibukota Jakarta')).toBe('DKI Jakarta')
    expect(shortName('Nusa Tenggara Timur')).toBe('NTT')
    expect(shortName('Kepulauan Bangka Belitung')).toBe('Kep. Babel')
    expect(shortName('Kepulauan Riau')).toBe('Kep. Riau')
    expect(shortName('Kabupaten Bintan')).toBe('Bintan')
    expect(shortName('Kota Batam')).toBe('Kota Batam')
    expect(shortName('Kabupaten Administrasi Kepulauan Seribu')).toBe('Kep. Seribu')
  })
})
