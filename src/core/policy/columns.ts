import { z } from 'zod'
import { decodeNik, nikPasses } from '../../shared/nik'
import { nipProblem } from '../../shared/nip'
import { keyedIssue, msg, zm } from '../../shared/messages'
import { pureRefinement, withQuickTest } from './fast'
import { WILAYAH_CODE_RE } from '../../shared/area'

/**
 * Column schemas shared by the table policies. They check a stored row (snake_case
 * columns, 0/1 for booleans), whatever wrote it: a screen, a spreadsheet, the command line
 * or another office's bundle.
 */

/** Longest text any column takes unless its policy says otherwise: a bundle cannot bring a 4 MB address. */
export const DEFAULT_TEXT_MAX = 2000

export const text = (max: number, min = 0) => z.string().min(min, zm('text.min', { n: min })).max(max, zm('text.max', { n: max }))
export const optText = (max: number) => text(max).nullable()

const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
/** The number written by `n` digits of `s` from `at`, or -1 when one of them is no digit. */
function digitsAt(s: string, at: number, n: number): number {
  let x = 0
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    x = x * 10 + c
  }
  return x
}
/**
 * Whether a date exists in the calendar, as `new Date(s + 'T00:00:00Z')` read back says —
 * computed without a Date for the strings datePattern takes (every bundle row has a few;
 * issue 17): ten characters, TTTT-BB-HH, month 01–12, day 01–31, read here character by
 * character rather than by the pattern (tests/core/fast-check.test.ts compares with Date).
 */
export function onCalendar(s: string): boolean {
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digitsAt(s, 0, 4)
    const m = digitsAt(s, 5, 2)
    const d = digitsAt(s, 8, 2)
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
      return d <= (m === 2 && leap ? 29 : DAYS[m - 1])
    }
  }
  const date = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s
}
export const date = z.string().regex(datePattern, zm('date.format')).refine(pureRefinement(onCalendar), zm('date.calendar'))
export const optDate = date.nullable()
/** Timestamps written by Simpul (created_at, deleted_at …). */
export const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, zm('date.timestamp'))
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, zm('date.month'))

export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, zm('id.invalid'))
export const optId = id.nullable()

export const flag = z.union([z.literal(0), z.literal(1)], zm('flag.invalid'))
export const count = (max = 1_000_000) => z.number().int(zm('count.integer')).min(0, zm('count.negative')).max(max, zm('count.max', { n: max }))
export const optCount = (max?: number) => count(max).nullable()
/** Money is integer rupiah; a bound keeps a typo (or a forged row) from paying billions. */
export const rupiah = (max = 10_000_000_000) => z.number().int(zm('rupiah.integer')).min(0, zm('count.negative')).max(max, zm('rupiah.max'))
export const year = z.number().int(zm('year.invalid')).min(1945, zm('year.invalid')).max(2100, zm('year.invalid'))
export const optYear = year.nullable()

export const desaCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, zm('wilayah.desa'))
export const wilayahCode = z.string().regex(WILAYAH_CODE_RE, zm('wilayah.code'))

const NIK_TODAY = '2100-12-31'
export const nik = withQuickTest(
  z.string().superRefine((v, c) => {
    const check = decodeNik(v, NIK_TODAY)
    if (!check.valid || check.decoded?.nik !== v) c.addIssue(keyedIssue(check.errors[0]?.msg ?? msg('nik.invalid')))
  }),
  // Every NIK of a bundle is asked this first; decodeNik runs (for its message) only when it says no.
  (v) => nikPasses(v, NIK_TODAY),
)
export const optNik = z.union([nik, z.null()])
export const sex = z.enum(['L', 'P'], zm('sex.invalid'))
export const phone = z.string().regex(/^(\+62|0)8\d{7,12}$/, zm('phone.invalid')).nullable()
/** The whole NIP check (18 digits, a real birth date, the appointment month, the sex digit): the one the NIP field shows. */
export const nip = z
  .string()
  .superRefine((v, c) => {
    const p = v === '' ? msg('nip.length', { n: 0 }) : nipProblem(v)?.msg
    if (p) c.addIssue(keyedIssue(p))
    else if (!/^\d{18}$/.test(v)) c.addIssue(keyedIssue(msg('nip.spaces')))
  })
  .nullable()
export const npwp = z
  .string()
  .regex(/^[0-9 .-]+$/, zm('npwp.chars'))
  .refine((v) => [15, 16].includes(v.replace(/\D/g, '').length), zm('npwp.length'))
  .nullable()
export const accountNumber = z.string().regex(/^[0-9 .-]{5,30}$/, zm('account.invalid')).nullable()
export const json = (max = 200_000) =>
  text(max).refine((s) => {
    try {
      JSON.parse(s)
      return true
    } catch {
      return false
    }
  }, zm('text.json'))

/** "3201…4567" → "3201********4567": enough to recognise a person, not enough to use the number. */
export const maskNik = (v: unknown) => (typeof v === 'string' && v.length >= 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : '')
