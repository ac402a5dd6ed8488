import { z } from 'zod'
import { op } from './define'

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

export const provinceOps = {
  /** Per kabupaten/kota and in total, from this office's database (src/core/province/). */
  'province.summary': op<ProvinceSummary>()(z.object({ year: z.number().int().min(2000).max(2100) })),
  /** The years this office has strata or monthly reports for (the dashboard's year picker). */
  'province.years': op<number[]>()(z.object({})),
}
