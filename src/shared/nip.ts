/**
 * NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, written with or without spaces
 * ("19850817 201001 1 003"): birth date YYYYMMDD, appointment YYYYMM, sex 1/2, sequence.
 * Pure; the renderer and core use the same check.
 */

import { msg, sayId, type Msg } from './messages'

/** Digits only: "19850817 201001 1 003" → "198508172010011003". */
export const nipDigits = (text: string) => text.replace(/[\s.-]/g, '')

export type NipProblem = { code: 'digits' | 'length' | 'birth' | 'tmt' | 'sex'; length: number; message: string; msg: Msg }

/** What is wrong with `text` as a NIP (Indonesian message, code for translation); null when it is one or empty. */
export function nipProblem(text: string): NipProblem | null {
  const s = nipDigits(text)
  // The sentence comes from the message catalogue (nip.<code>); `msg` carries it by key.
  const p = (code: NipProblem['code']): NipProblem => {
    const m = msg(`nip.${code}`, code === 'length' ? { n: s.length } : undefined)
    return { code, length: s.length, message: sayId(m), msg: m }
  }
  if (s === '') return null
  if (!/^\d+$/.test(s)) return p('digits')
  if (s.length !== 18) return p('length')
  const y = Number(s.slice(0, 4)), m = Number(s.slice(4, 6)), d = Number(s.slice(6, 8))
  const birth = new Date(Date.UTC(y, m - 1, d))
  if (y < 1940 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return p('birth')
  const tmtMonth = Number(s.slice(12, 14))
  if (tmtMonth < 1 || tmtMonth > 12) return p('tmt')
  if (s[14] !== '1' && s[14] !== '2') return p('sex')
  return null
}
