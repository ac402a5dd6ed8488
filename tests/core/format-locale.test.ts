import { describe, expect, it } from 'vitest'
import { formatDateLong, formatMonth } from '../../src/shared/format'
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
