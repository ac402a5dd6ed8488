import { z } from 'zod'
import { op } from './define'
import { zm } from '../messages'

/** The province figures of one area (a kabupaten/kota, or the province in total) for one year. */
export interface AreaFigures {
  code: string
  name: string
  posyandu: number
  kader: number
  kaderMale: number
  kaderFemale: number
  kaderTrained: number
  /** Posyandu per stratum id for the year (`tidak_lengkap`: no stratum computed). */
  strata: Record<string, number>
  /** Numerator: Purnama + Mandiri (the set's "aktif" levels). */
  aktif: number
  /** Denominator: registered posyandu. */
  denominator: number
  /** aktif / denominator in percent, one decimal; null when there is no posyandu. */
  aktifPct: number | null
  /** Indicator sets the strata were computed with ("code: name"). */
  sets: string[]
  /**
   * Report completeness of the year: posyandu-months with a monthly report (numerator) over
   * registered posyandu × months due (`months`: the whole year for a past year, the finished
   * months of the current one).
   */
  completeness: { reported: number; expected: number; months: number; pct: number | null }
  /** The last bundle this office received from the kabupaten/kota (null: none yet; always null for the total). */
  lastBundle: { seq: number; createdAt: string; receivedAt: string; ageDays: number } | null
  /** No bundle, or the last one made more than `staleAfterDays` ago. */
  stale: boolean
  /**
   * % aktif per year with strata (denominator: posyandu registered now), with that year's
   * completeness; `incomplete`: posyandu without a stratum that year ("data tidak lengkap");
   * `partial`: the year is not over, so its strata wait for the remaining months.
   */
  trend: { year: number; aktif: number; denominator: number; aktifPct: number | null; reported: number; expected: number; incomplete: number; partial: boolean }[]
}

export interface ProvinceSummary {
  year: number
  area: { code: string; name: string }
  /**
   * What each row of `kabupaten` is: a kabupaten/kota (at a province, or a national office
   * looking into one province), or a province (a national office over the whole country).
   * Absent in older answers: kabupaten.
   */
  unit?: 'kabupaten' | 'provinsi'
  kabupaten: AreaFigures[]
  total: AreaFigures
  /** When the figures were made (ISO), and the last month the completeness counts (YYYY-MM; null: none due). */
  generatedAt: string
  throughMonth: string | null
  /** Setting `province.pref.stale_days`: a kabupaten/kota whose last bundle is older is flagged. */
  staleAfterDays: number
  /** Years with computed strata (for the trend). */
  years: number[]
}

/** An indicator set or report form a province offers its kabupaten/kota, as one office sees it. */
export interface ProvinceOffer {
  id: string
  kind: 'indicator_set' | 'form'
  code: string
  version: number
  name: string
  note: string | null
  /** The province that offers it (its wilayah code) and when the version was offered. */
  from: string
  offeredAt: string
  /** The definition offered (an indicator set, or a form). */
  definition: unknown
  /** At a kabupaten: its answer, if it gave one (for the version it answered). */
  mine: { decision: 'adopted' | 'kept'; offerVersion: number; adoptedAs: string | null; note: string | null; decidedAt: string } | null
  /** At a province: every enrolled kabupaten/kota and its answer (null: not answered yet). */
  answers: { code: string; name: string; decision: 'adopted' | 'kept' | null; offerVersion: number | null; adoptedAs: string | null; decidedAt: string | null }[]
}

export const provinceOps = {
  /** Per kabupaten/kota and in total, from this office's database (src/core/province/). */
  /** At a national office: per province and the national total; with `province`, per kabupaten/kota of that province. */
  'province.summary': op<ProvinceSummary>()(z.object({ year: z.number().int().min(2000).max(2100), province: z.string().regex(/^\d{2}$/, zm('field.provinceCode')).optional() })),
  /** Offers of the province: at the province those it made (with each kabupaten's answer), at a kabupaten those it received. */
  'province.offers': op<ProvinceOffer[]>()(z.object({})),
  /** The province offers a shipped indicator set with its thresholds, or a report form (shipped by code, or a definition). */
  'province.offer': op<ProvinceOffer>()(
    z.object({
      kind: z.enum(['indicator_set', 'form']),
      code: z.string().trim().min(1).max(60),
      name: z.string().trim().max(300).optional(),
      thresholds: z.record(z.string().max(60), z.number().finite().min(0)).optional(),
      definitionJson: z.string().max(200_000).optional(),
      note: z.string().trim().max(1000).optional(),
    }),
  ),
  /** A kabupaten adopts an offer (its own copy / next form version) or keeps its own. */
  'province.offerDecide': op<ProvinceOffer>()(z.object({ offerId: z.string().max(64), decision: z.enum(['adopt', 'keep']), note: z.string().trim().max(1000).optional() })),
  /** The years this office has strata or monthly reports for (the dashboard's year picker). */
  'province.years': op<number[]>()(z.object({})),
}
