import { describe, expect, it } from 'vitest'
import { nipDigits, nipProblem } from '../../src/shared/nip'

describe('NIP check shared by the NIP input and core', () => {
  it('accepts an 18-digit NIP with or without spaces', () => {
    expect(nipProblem('198508172010011003')).toBeNull()
    expect(nipProblem('19850817 201001 1 003')).toBeNull()
    expect(nipDigits('19850817 201001 1 003')).toBe('198508172010011003')
    expect(nipProblem('')).toBeNull()
  })
  it('refuses what cannot be a NIP, with the reason', () => {
    expect(nipProblem('19850817')?.code).toBe('length')
    expect(nipProblem('19850817')?.message).toBe('NIP terdiri dari 18 angka (tertulis 8)')
    expect(nipProblem('1985O8172010011003')?.code).toBe('digits')
    expect(nipProblem('198513172010011003')?.code).toBe('birth')
    expect(nipProblem('198502302010011003')?.code).toBe('birth')
    expect(nipProblem('198508172010131003')?.code).toBe('tmt')
    expect(nipProblem('198508172010013003')?.code).toBe('sex')
  })
})
