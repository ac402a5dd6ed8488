import type { ProvinceOffer } from '../../shared/contract/province'
import { BUILTIN_SETS, withThresholds, type IndicatorSet } from '../../shared/evaluation/strata'
import type { FormDef } from '../../shared/forms/form'
import { offerDefinitionProblems } from '../../shared/province/offers'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow, updateRow } from '../db/rows'
import { getForm, saveForm } from '../forms/definitions'
import { wilayahName } from './service'
import { msg } from '../../shared/messages'

/**
 * Offered down (issue #15): a province offers an indicator set (a shipped set with its own
 * thresholds) or a report form to its kabupaten/kota; the offer travels in the province's
 * bundles (`province_offer`). A kabupaten adopts it — the set becomes the kabupaten's own
 * copy (`indicator_set`, which it can edit further and which goes on to its kecamatan), the
 * form the kabupaten's next version (`form_definition`) — or keeps its own. Its answer
 * (`offer_decision`) goes back up, so the province sees who uses what. Nothing changes at a
 * kabupaten until it adopts.
 */

interface OfferRow { id: string; scope: string; kind: 'indicator_set' | 'form'; code: string; version: number; name: string; definition_json: string; note: string | null; updated_at: string }
interface DecisionRow { id: string; scope: string; offer_id: string; offer_version: number; decision: 'adopted' | 'kept'; adopted_as: string | null; note: string | null; updated_at: string }

const provinceOf = (code: string) => code.split('.')[0]

function view(ctx: Ctx, r: OfferRow): ProvinceOffer {
  const me = ctx.requireOffice()
  const decisions = ctx.sqlite.prepare(`SELECT * FROM offer_decision WHERE offer_id = ? AND deleted_at IS NULL`).all(r.id) as DecisionRow[]
  const base: ProvinceOffer = { id: r.id, kind: r.kind, code: r.code, version: r.version, name: r.name, note: r.note, from: r.scope, offeredAt: r.updated_at, definition: JSON.parse(r.definition_json), mine: null, answers: [] }
  if (me.level === 'kabupaten') {
    const d = decisions.find((x) => x.scope === me.wilayahCode)
    base.mine = d ? { decision: d.decision, offerVersion: d.offer_version, adoptedAs: d.adopted_as, note: d.note, decidedAt: d.updated_at } : null
  } else if (me.level === 'provinsi') {
    const kab = ctx.sqlite.prepare(`SELECT wilayah_code AS code FROM peer_office WHERE level = 'kabupaten' AND status = 'active' ORDER BY wilayah_code`).all() as { code: string }[]
    const name = wilayahName(ctx.sqlite)
    base.answers = kab.map(({ code }) => {
      const d = decisions.find((x) => x.scope === code)
      return { code, name: name(code), decision: d?.decision ?? null, offerVersion: d?.offer_version ?? null, adoptedAs: d?.adopted_as ?? null, decidedAt: d?.updated_at ?? null }
    })
  }
  return base
}

/** At the province: its offers; at a kabupaten: its province's offers; a kecamatan has none. */
export function listOffers(ctx: Ctx): ProvinceOffer[] {
  const me = ctx.requireOffice()
  if (me.level === 'kecamatan') return []
  const rows = ctx.sqlite.prepare(`SELECT * FROM province_offer WHERE scope = ? AND deleted_at IS NULL ORDER BY kind, code`).all(provinceOf(me.wilayahCode)) as OfferRow[]
  return rows.map((r) => view(ctx, r))
}

export interface OfferInput {
  kind: 'indicator_set' | 'form'
  code: string
  name?: string
  /** For a set: thresholds by criterion id (percentages as fractions 0–1). */
  thresholds?: Record<string, number>
  /** For a form: its definition (JSON); without it, the province's current version of the form with that code. */
  definitionJson?: string
  note?: string
}

/** The province offers (or offers anew, as the next version) an indicator set or a form. */
export function offerDown(ctx: Ctx, input: OfferInput): ProvinceOffer {
  const me = ctx.requireOffice()
  if (me.level !== 'provinsi') throw new AppError('PROVINCE_ONLY', msg('province.only'))
  const held = ctx.sqlite.prepare(`SELECT * FROM province_offer WHERE scope = ? AND kind = ? AND code = ? AND deleted_at IS NULL`).get(me.wilayahCode, input.kind, input.code) as OfferRow | undefined
  let def: IndicatorSet | FormDef
  if (input.kind === 'indicator_set') {
    const shipped = BUILTIN_SETS.find((s) => s.code === input.code)
    if (!shipped) throw new AppError('RULES_UNKNOWN', msg('evaluation.setUnknown', { code: input.code, list: BUILTIN_SETS.map((s) => s.code).join(', ') }))
    // A new offer starts from the last one, so thresholds not named stay as offered before.
    const start = held ? (JSON.parse(held.definition_json) as IndicatorSet) : shipped
    for (const id of Object.keys(input.thresholds ?? {})) {
      const c = shipped.criteria.find((x) => x.id === id)
      if (!c) throw new AppError('CRITERION_UNKNOWN', msg('evaluation.criterionUnknown', { id, set: shipped.name }))
      if (c.unit === '%' && input.thresholds![id] > 1) throw new AppError('THRESHOLD_RANGE', msg('evaluation.thresholdFraction', { label: c.label }))
    }
    const { edited: _e, ...plain } = withThresholds(start, input.thresholds ?? {})
    def = { ...plain, name: input.name || start.name }
  } else {
    if (input.definitionJson) {
      try {
        def = JSON.parse(input.definitionJson) as FormDef
      } catch {
        throw new AppError('FORM_INVALID', msg('province.formNotJson'))
      }
      if (!def || typeof def !== 'object' || (def as FormDef).code !== input.code) throw new AppError('FORM_INVALID', msg('province.formCode', { code: String((def as FormDef | null)?.code ?? '').slice(0, 30), offer: input.code }))
    } else def = getForm(ctx.sqlite, me.wilayahCode, input.code)
  }
  const definitionJson = JSON.stringify(def)
  const problems = offerDefinitionProblems(input.kind, input.code, definitionJson)
  if (problems.length) throw new AppError('OFFER_INVALID', msg('province.offerInvalid', { problems }))
  const name = input.kind === 'form' ? (def as FormDef).name.id : (def as IndicatorSet).name
  const values = { kind: input.kind, code: input.code, name, definition_json: definitionJson, note: input.note || null }
  const row = held
    ? updateRow(ctx, 'province_offer', held.id, { ...values, version: held.version + 1 })
    : insertRow(ctx, 'province_offer', { ...values, version: 1 }, { scope: me.wilayahCode })
  return view(ctx, ctx.sqlite.prepare(`SELECT * FROM province_offer WHERE id = ?`).get(row.id) as OfferRow)
}

/** A kabupaten adopts an offer of its province, or keeps its own; the answer goes up in its next bundle. */
export function decideOffer(ctx: Ctx, input: { offerId: string; decision: 'adopt' | 'keep'; note?: string }): ProvinceOffer {
  const me = ctx.requireOffice()
  if (me.level !== 'kabupaten') throw new AppError('KABUPATEN_ONLY', msg('refusal.offersKabupaten'))
  const offer = ctx.sqlite.prepare(`SELECT * FROM province_offer WHERE id = ? AND scope = ? AND deleted_at IS NULL`).get(input.offerId, provinceOf(me.wilayahCode)) as OfferRow | undefined
  if (!offer) throw new AppError('OFFER_UNKNOWN', msg('province.offerUnknown'))
  return ctx.sqlite.transaction(() => {
    let adoptedAs: string | null = null
    if (input.decision === 'adopt') {
      if (offer.kind === 'indicator_set') {
        // The kabupaten's own copy: the same row it edits on the Set indikator tab, sent on to its kecamatan.
        const own = ctx.sqlite.prepare(`SELECT id FROM indicator_set WHERE scope = ? AND code = ? AND deleted_at IS NULL`).get(me.wilayahCode, offer.code) as { id: string } | undefined
        const values = { code: offer.code, name: offer.name, definition_json: offer.definition_json }
        if (own) updateRow(ctx, 'indicator_set', own.id, values)
        else insertRow(ctx, 'indicator_set', values, { scope: me.wilayahCode })
        adoptedAs = `set ${offer.code} milik kabupaten (tawaran versi ${offer.version})`
      } else {
        const form = JSON.parse(offer.definition_json) as FormDef
        try {
          adoptedAs = `${offer.code} versi ${saveForm(ctx, form).form.version}`
        } catch (e) {
          // Already the same form as the kabupaten's current version: adopted as that version.
          if (!(e instanceof AppError && e.code === 'FORM_UNCHANGED')) throw e
          adoptedAs = `${offer.code} versi ${getForm(ctx.sqlite, me.wilayahCode, offer.code).version} (sudah sama)`
        }
      }
    }
    const values = { offer_id: offer.id, offer_version: offer.version, decision: input.decision === 'adopt' ? 'adopted' : 'kept', adopted_as: adoptedAs, note: input.note || null, decided_by: ctx.user() }
    const held = ctx.sqlite.prepare(`SELECT id FROM offer_decision WHERE scope = ? AND offer_id = ? AND deleted_at IS NULL`).get(me.wilayahCode, offer.id) as { id: string } | undefined
    if (held) updateRow(ctx, 'offer_decision', held.id, values)
    else insertRow(ctx, 'offer_decision', values, { scope: me.wilayahCode })
    return view(ctx, offer)
  })()
}
