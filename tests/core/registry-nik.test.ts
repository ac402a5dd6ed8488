import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import { checkNik } from '../../src/core/registry/nik'
import { decodeNik, encodeNik } from '../../src/shared/nik'
import { makeCtx } from '../helpers/db'
import fc from 'fast-check'

const TODAY = '2026-11-24'
const clock = fixedClock('2026-11-24T09:00:00+07:00')

describe('NIK decoding', () => {
  it('a valid NIK of a man: region, birth date, sex, serial', () => {
    const r = decodeNik('1218041708850003', TODAY)
    expect(r.valid).toBe(true)
    expect(r.errors).toEqual([])
    expect(r.decoded).toMatchObject({ kecamatanCode: '12.18.04', kabupatenCode: '12.18', provinsiCode: '12', birthDate: '1985-08-17', sex: 'L', serial: '0003' })
  })

  it('a valid NIK of a woman has 40 added to the day', () => {
    const r = decodeNik('121804570 3920001'.replace(' ', ''), TODAY)
    expect(r.decoded).toMatchObject({ birthDate: '1992-03-17', sex: 'P' })
  })

  it('picks the century that does not put the birth in the future', () => {
    expect(decodeNik('1218040101050001', TODAY).decoded?.birthDate).toBe('2005-01-01')
    expect(decodeNik('1218040101300001', TODAY).decoded?.birthDate).toBe('1930-01-01')
    // 24 Nov 2026 is today (fine); 25 Nov 26 would be tomorrow, so 1926.
    expect(decodeNik('1218042411260001', TODAY).decoded?.birthDate).toBe('2026-11-24')
    expect(decodeNik('1218042511260001', TODAY).decoded?.birthDate).toBe('1926-11-25')
  })

  it.each([
    ['1218043202850001', 'NIK_DATE'], // day 32
    ['1218043002850001', 'NIK_DATE'], // 30 February
    ['1218042902850001', 'NIK_DATE'], // 29 February 1985, not a leap year
    ['1218047202850001', 'NIK_DATE'], // woman, day 32
    ['1218041713850001', 'NIK_DATE'], // month 13
  ])('an impossible date is an error: %s', (nik, code) => {
    const r = decodeNik(nik, TODAY)
    expect(r.valid).toBe(false)
    expect(r.errors.map((e) => e.code)).toContain(code)
    expect(r.errors[0].message).toMatch(/Tanggal lahir dalam NIK tidak mungkin/)
  })

  it('29 February in a leap year is fine', () => {
    expect(decodeNik('1218042902880001', TODAY).decoded?.birthDate).toBe('1988-02-29')
  })

  it('letters are an error', () => {
    const r = decodeNik('12180417O8850003', TODAY)
    expect(r.valid).toBe(false)
    expect(r.errors[0]).toMatchObject({ code: 'NIK_NOT_DIGITS', message: 'NIK hanya boleh berisi angka.' })
  })

  it.each([['121804170885000', 15], ['12180417088500031', 17]])('%s (%i digits) is an error', (nik, n) => {
    const r = decodeNik(nik, TODAY)
    expect(r.valid).toBe(false)
    expect(r.errors[0].message).toBe(`NIK harus 16 digit (tertulis ${n} karakter).`)
  })

  it('scientific notation from Excel is an error with a hint', () => {
    const r = decodeNik('1.21804E+15', TODAY)
    expect(r.valid).toBe(false)
    expect(r.errors[0].code).toBe('NIK_SCIENTIFIC')
    expect(r.errors[0].message).toMatch(/notasi ilmiah/)
  })

  it('encode then decode gives the same parts (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1927-01-01'), max: new Date('2026-11-24'), noInvalidDate: true }), fc.boolean(), fc.integer({ min: 1, max: 9999 }), (d, woman, serial) => {
        const birth = d.toISOString().slice(0, 10)
        const nik = encodeNik('12.18.04', birth, woman ? 'P' : 'L', serial)
        const r = decodeNik(nik, TODAY)
        expect(r.decoded).toMatchObject({ birthDate: birth, sex: woman ? 'P' : 'L' })
      }),
    )
  })
})

describe('NIK check against the reference and the entered values', () => {
  it('names the region of a known code and gives no warnings when everything agrees', () => {
    const ctx = makeCtx({ clock })
    const r = checkNik(ctx.sqlite, clock, '1218041708850003', { birthDate: '1985-08-17', sex: 'L' })
    expect(r.region).toEqual({ provinsi: 'Sumatera Utara', kabupaten: 'Kabupaten Serdang Bedagai', kecamatan: 'Sei Rampah' })
    expect(r.warnings).toEqual([])
    ctx.close()
  })

  it('an unknown region code is a warning, not an error', () => {
    const ctx = makeCtx({ clock })
    const r = checkNik(ctx.sqlite, clock, '1218991708850003')
    expect(r.valid).toBe(true)
    expect(r.warnings.map((w) => w.code)).toEqual(['NIK_REGION_UNKNOWN'])
    expect(r.warnings[0].message).toMatch(/12\.18\.99 .*tidak ada dalam referensi/)
    ctx.close()
  })

  it('birth date and sex that disagree with the NIK are warnings', () => {
    const ctx = makeCtx({ clock })
    const r = checkNik(ctx.sqlite, clock, '1218041708850003', { birthDate: '1985-08-18', sex: 'P' })
    expect(r.valid).toBe(true)
    expect(r.warnings.map((w) => w.code)).toEqual(['NIK_BIRTH_MISMATCH', 'NIK_SEX_MISMATCH'])
    ctx.close()
  })
})
