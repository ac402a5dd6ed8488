import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { fieldText, localiseDetails, refusalText } from '../../src/renderer/i18n/errors'
import { nipProblem } from '../../src/shared/nip'
import type { Msg } from '../../src/shared/messages'
import { common } from '../../src/renderer/i18n/common'
import { INDONESIAN_WORDS } from '../e2e/support/catalogue'
import { addUser, dispatch, makeCtx } from '../helpers/db'
import { addPosyandu } from '../helpers/registry'

// Core's refusals are Indonesian; English screens read them through refusalText. These are
// real refusals from core, so a changed Indonesian sentence that the renderer no longer
// recognises fails here instead of showing Indonesian (or a vague sentence) in English.
const SEI_RAMPAH = '12.18.04.2006'
const FIRDAUS = '12.18.04.2002'
const PERBAUNGAN_DESA = '12.18.02.2001'

const indonesian = (s: string) => INDONESIAN_WORDS.filter((w) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, 'iu').test(s))

beforeAll(async () => {
  await i18next.init({ resources: { en: { common: common.en }, id: { common: common.id } }, lng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } })
})

async function refusal(p: Promise<{ ok: boolean; error?: { code: string; message: string; details?: unknown; msg?: Msg } }>) {
  const r = await p
  expect(r.ok).toBe(false)
  return r.error!
}

describe('core refusals on English screens', () => {
  it('names, counts and dates are carried into the English sentence; no Indonesian word is left', async () => {
    const ctx = makeCtx({ office: '12.18' })
    const melati = addPosyandu(ctx, 'Posyandu Melati', SEI_RAMPAH)
    addPosyandu(ctx, 'Posyandu Melati', FIRDAUS)
    const reader = addUser(ctx, 'readonly', 'baca')
    const cases = [
      [await refusal(dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [melati.id], desaCode: PERBAUNGAN_DESA })), /^Posyandu Posyandu Melati is registered in another subdistrict/],
      [await refusal(dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [melati.id], desaCode: FIRDAUS })), /^There is already a posyandu named "Posyandu Melati" in this village/],
      [await refusal(dispatch(ctx, 'registry.posyanduBulk', { action: 'deactivate', ids: [melati.id], date: '2999-01-01', reason: 'belum' })), /^The inactive date 2999-01-01 has not come yet/],
      [await refusal(dispatch(ctx, 'registry.posyanduSave', { data: { name: 'Posyandu Baru', desaCode: SEI_RAMPAH } }, reader)), /^You are logged in as Read-only; this role may not do this\. Who may: Administrator, Operator\.$/],
      [await refusal(dispatch(ctx, 'settings.set', { key: 'sign.pptk_nip', value: '198508172010013003' })), /^Digit 15 of a NIP is the sex \(1 or 2\)\. Not saved\.$/],
    ] as const
    for (const [e, en] of cases) {
      // As the renderer's ApiError reads it: by key where core sent one.
      const text = refusalText(e.code, e.message, e.details, 'en', e.msg)
      expect(text, e.message).toMatch(en)
      expect(indonesian(text), text).toEqual([])
      // Indonesian screens keep core's own sentence.
      expect(refusalText(e.code, e.message, e.details, 'id', e.msg)).toBe(e.message)
    }
    ctx.close()
  })

  it('a code without an English sentence still reads English, naming the code', () => {
    expect(refusalText('SOMETHING_NEW', 'Sesuatu yang belum dikenal.', undefined, 'en')).toBe('Simpul refused this (SOMETHING_NEW). Nothing was changed.')
    expect(refusalText('DB_BUSY', 'Basis data sedang dipakai …', undefined, 'en')).toMatch(/^The database is busy/)
  })
})

describe('field messages (zod details) on English screens', () => {
  it('the NIP reasons and the common schema messages read English; details keep their paths', async () => {
    expect(fieldText(nipProblem('198508172010013003')!.message, 'en')).toBe('Digit 15 of a NIP is the sex (1 or 2)')
    expect(fieldText(nipProblem('19850817')!.message, 'en')).toBe('A NIP has 18 digits (8 typed)')
    const ctx = makeCtx({ office: '12.18' })
    const e = await refusal(dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [], desaCode: '' }))
    expect(e.code).toBe('INVALID_INPUT')
    expect(refusalText(e.code, e.message, e.details, 'en')).toMatch(/^Some fields are not valid/)
    i18next.changeLanguage('en')
    const details = localiseDetails(e.details) as { path: string[]; message: string }[]
    expect(details.map((d) => [d.path[0], d.message])).toEqual([['ids', 'Choose at least one posyandu'], ['desaCode', 'Choose the target village']])
    ctx.close()
  })
})
