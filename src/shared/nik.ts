/**
 * NIK (Nomor Induk Kependudukan) decoder, pure so the renderer can show what a NIK says
 * while the operator types. Layout `PP KK CC DDMMYY SSSS` (DOMAIN.md): region code where it
 * was issued, birth date with +40 on the day for women, serial. There is no check digit.
 */

export type Sex = 'L' | 'P'

export interface NikIssue {
  code: string
  /** Indonesian; `msg` is the same by key (nik.<code>) for English screens. */
  message: string
  msg?: Msg
}

/** An issue by its code, the Indonesian sentence made from the message catalogue. */
const issue = (code: string, params?: Record<string, MsgParam>): NikIssue => {
  const m = msg(`nik.${code}`, params)
  return { code, message: sayId(m), msg: m }
}

export interface NikDecoded {
  nik: string
  /** `PP.KK.CC`, the kecamatan code where the NIK was issued. */
  regionCode: string
  provinsiCode: string
  kabupatenCode: string
  kecamatanCode: string
  birthDate: string
  sex: Sex
  serial: string
}

export interface NikCheck {
  valid: boolean
  decoded: NikDecoded | null
  errors: NikIssue[]
  warnings: NikIssue[]
}

import { msg, sayId, type Msg, type MsgParam } from './messages'

const pad = (n: number) => String(n).padStart(2, '0')

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  // Whole years and months are counted here (every NIK checked costs this); anything else asks Date as before.
  // Date.UTC reads years 0–99 as 1900–1999.
  if (Number.isInteger(y) && Number.isInteger(m) && Math.abs(y) <= 200_000) {
    const year = y >= 0 && y <= 99 ? 1900 + y : y
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
    return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1])
  }
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

const SIXTEEN_DIGITS = /^\d{16}$/

/** Excel's usual accident: "1.21805E+15" or a 16-digit number that lost its last digits. */
export const looksScientific = (raw: string) => /^\s*\d+([.,]\d+)?e\+?\d+\s*$/i.test(raw)

/**
 * Decodes and checks the form of a NIK (no database needed). `today` (YYYY-MM-DD) picks
 * the century: the one that does not put the birth in the future.
 */
export function decodeNik(raw: string, today: string): NikCheck {
  // Sixteen plain digits (nearly every stored NIK) have nothing to strip and no exponent to catch.
  const plain = SIXTEEN_DIGITS.test(raw)
  const nik = plain ? raw : raw.replace(/[\s.-]/g, '')
  const errors: NikIssue[] = []
  if (!plain) {
    if (looksScientific(raw)) {
      errors.push(issue('NIK_SCIENTIFIC', { raw: raw.trim() }))
      return { valid: false, decoded: null, errors, warnings: [] }
    }
    if (!/^\d*$/.test(nik)) errors.push(issue('NIK_NOT_DIGITS'))
    if (nik.length !== 16) errors.push(issue('NIK_LENGTH', { n: nik.length }))
    if (errors.length) return { valid: false, decoded: null, errors, warnings: [] }
  }

  const dd = Number(nik.slice(6, 8))
  const mm = Number(nik.slice(8, 10))
  const yy = Number(nik.slice(10, 12))
  const sex: Sex = dd > 40 ? 'P' : 'L'
  const day = sex === 'P' ? dd - 40 : dd
  const thisYear = Number(today.slice(0, 4))
  let year = 2000 + yy
  if (`${year}-${pad(mm)}-${pad(day)}` > today || year > thisYear) year -= 100
  if (dd > 71 || (dd > 31 && dd < 41) || dd === 0 || !isValidDate(year, mm, day)) {
    errors.push(issue('NIK_DATE', { date: `${nik.slice(6, 8)}-${nik.slice(8, 10)}-${nik.slice(10, 12)}` }))
  }
  if (nik.slice(12) === '0000') errors.push(issue('NIK_SERIAL'))
  if (nik.slice(0, 2) === '00' || nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') {
    errors.push(issue('NIK_REGION_FORM'))
  }
  if (errors.length) return { valid: false, decoded: null, errors, warnings: [] }
  const p = nik.slice(0, 2)
  const k = nik.slice(2, 4)
  const c = nik.slice(4, 6)
  return {
    valid: true,
    decoded: {
      nik,
      provinsiCode: p,
      kabupatenCode: `${p}.${k}`,
      kecamatanCode: `${p}.${k}.${c}`,
      regionCode: `${p}.${k}.${c}`,
      birthDate: `${year}-${pad(mm)}-${pad(day)}`,
      sex,
      serial: nik.slice(12),
    },
    errors,
    warnings: [],
  }
}

/**
 * `decodeNik(raw, today).valid && decoded.nik === raw` without building the decoded parts or
 * any message: the row check asks it of every NIK in a bundle (issue 17), and only a NIK it
 * does not accept goes through decodeNik for its message. Sixteen digits, a day 01–31 (men) or
 * 41–71 (women) that the month has in the year the century rule picks, serial not 0000, no
 * region part 00 — the checks of decodeNik, in its order (tests/core/fast-check.test.ts compares).
 */
export function nikPasses(raw: string, today: string): boolean {
  if (raw.length !== 16) return false
  for (let i = 0; i < 16; i++) {
    const c = raw.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  const dd = twoDigits(raw, 6)
  const mm = twoDigits(raw, 8)
  const yy = twoDigits(raw, 10)
  if (dd > 71 || (dd > 31 && dd < 41) || dd === 0) return false
  const day = dd > 40 ? dd - 40 : dd
  // The century that does not put the birth after today (a year before today's never does).
  const thisYear = Number(today.slice(0, 4))
  let year = 2000 + yy
  if (year > thisYear || (year === thisYear && `${year}-${pad(mm)}-${pad(day)}` > today)) year -= 100
  if (!isValidDate(year, mm, day)) return false
  if (raw.charCodeAt(12) === 48 && raw.charCodeAt(13) === 48 && raw.charCodeAt(14) === 48 && raw.charCodeAt(15) === 48) return false
  return twoDigits(raw, 0) !== 0 && twoDigits(raw, 2) !== 0 && twoDigits(raw, 4) !== 0
}
/** The number two digit characters of `s` from `at` write (the caller has checked they are digits). */
const twoDigits = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48

/** Warnings from comparing the decoded NIK with what the person entered. */
export function compareNik(decoded: NikDecoded, entered: { birthDate?: string | null; sex?: Sex | null }): NikIssue[] {
  const out: NikIssue[] = []
  if (entered.birthDate && entered.birthDate !== decoded.birthDate) {
    out.push(issue('NIK_BIRTH_MISMATCH', { entered: entered.birthDate, nik: decoded.birthDate }))
  }
  if (entered.sex && entered.sex !== decoded.sex) {
    out.push(issue('NIK_SEX_MISMATCH', { enteredSex: msg(`sexWord.${entered.sex}`), nikSex: msg(`sexWord.${decoded.sex}`) }))
  }
  return out
}

/** Builds a NIK from its parts (demo data, tests). */
export function encodeNik(kecamatanCode: string, birthDate: string, sex: Sex, serial: number): string {
  const [y, m, d] = birthDate.split('-').map(Number)
  const day = sex === 'P' ? d + 40 : d
  return `${kecamatanCode.replaceAll('.', '')}${pad(day)}${pad(m)}${String(y % 100).padStart(2, '0')}${String(serial).padStart(4, '0')}`
}
