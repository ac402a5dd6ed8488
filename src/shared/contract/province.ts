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
}

export interface ProvinceSummary {
  year: number
  area: { code: string; name: string }
  kabupaten: AreaFigures[]
  total: AreaFigures
}

export const provinceOps = {
  /** Per kabupaten/kota and in total, from this office's database (src/core/province/). */
  'province.summary': op<ProvinceSummary>()(z.object({ year: z.number().int().min(2000).max(2100) })),
}
