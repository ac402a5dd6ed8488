/**
 * Posyandu strata computed from a year of monthly reports under an indicator set (data).
 * Pure: the renderer shows the same result core computes. Missing data is reported as
 * missing ("data tidak lengkap"), never read as zero.
 */
import { formatPercent } from '../format'
import type { NumericField } from './fields'
import strata2011 from '../../../resources/reference/indicator-sets/strata-2011.json'
import posyanduAktif from '../../../resources/reference/indicator-sets/posyandu-aktif.json'

export type Metric =
  /** Months with the posyandu open (held). */
  | { kind: 'openings' }
  /** Average of a field over the months held. */
  | { kind: 'avg'; field: NumericField }
  /** Average over the months held of num/den (e.g. D/S). */
  | { kind: 'avg_ratio'; num: NumericField; den: NumericField }
  /** Cumulative coverage: num aggregated over the year / den aggregated over the year. */
  | { kind: 'ratio'; num: NumericField; numAgg: 'sum' | 'last' | 'max'; den: NumericField; denAgg: 'last' | 'max' | 'sum' }
  /** Distinct additional programme codes run in the year. */
  | { kind: 'programmes' }

export interface Criterion {
  id: string
  label: string
  labelEn?: string
  metric: Metric
  /** Met when value ≥ threshold. Ratios are fractions (0.5 = 50%). */
  threshold: number
  unit: string
  /** Lowest level that needs this criterion (every higher level needs it too). */
  from: string
  weight?: number
}

export interface IndicatorSet {
  code: string
  name: string
  nameEn?: string
  source?: string
  levels: { id: string; label: string }[]
  /** This level and the ones above count as "posyandu aktif". */
  aktifFrom: string
  criteria: Criterion[]
  manualItems?: { id: string; label: string; max: number }[]
  /** Share of the manual items in the total score when any is given (e.g. 0.2); the criteria make the rest. */
  manualWeight?: number
  /** Set when a kabupaten edited the thresholds (row in indicator_set). */
  edited?: { id: string; scope: string; hlc: string } | null
}

export const BUILTIN_SETS: IndicatorSet[] = [strata2011 as IndicatorSet, posyanduAktif as IndicatorSet]

/** One month as the strata need it (numbers null when not filled in). */
export interface MonthData {
  month: string
  held: number | null
  programmes: string | null
  [field: string]: number | string | null
}

export interface CriterionResult {
  id: string
  label: string
  value: number | null
  threshold: number
  unit: string
  /** null = cannot be decided (data tidak lengkap). */
  met: boolean | null
  text: string
}

export interface StratumResult {
  /** Level id, or null when there is no monthly report at all. */
  stratum: string | null
  label: string
  aktif: boolean
  /** Some criterion needed for a higher level could not be decided. */
  incomplete: boolean
  reason: string
  /** What keeps it from the next level (the short form of the reason). */
  blocking: string[]
  criteria: CriterionResult[]
  monthsReported: number
  monthsHeld: number
  score: number | null
}

const EPS = 1e-9
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

export function formatValue(value: number, unit: string): string {
  if (unit === '%') {
    const pct = value * 100
    return Math.abs(pct - Math.round(pct)) < 1e-6 ? `${Math.round(pct)}%` : formatPercent(value, 1)
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1).replace('.', ',')
  return unit === 'kali' ? `${shown} kali` : unit === 'orang' ? `${shown} orang` : `${shown} ${unit}`
}

function aggregate(values: number[], agg: 'sum' | 'last' | 'max'): number | null {
  if (!values.length) return null
  if (agg === 'sum') return values.reduce((s, x) => s + x, 0)
  if (agg === 'max') return Math.max(...values)
  return values[values.length - 1]
}

/** Value of one criterion over the months of a year; `missingMonths` = months without any report. */
function evaluate(c: Criterion, months: MonthData[], missingMonths: number): CriterionResult {
  const held = months.filter((m) => m.held === 1)
  const base = { id: c.id, label: c.label, threshold: c.threshold, unit: c.unit }
  const judge = (value: number | null, note = ''): CriterionResult => {
    if (value === null) return { ...base, value, met: null, text: `${c.label}: data tidak lengkap${note}` }
    const met = value + EPS >= c.threshold
    return { ...base, value, met, text: `${c.label} ${formatValue(value, c.unit)} ${met ? '≥' : '<'} ${formatValue(c.threshold, c.unit)}` }
  }
  const m = c.metric
  switch (m.kind) {
    case 'openings': {
      if (!months.length) return judge(null)
      const count = held.length
      // Unreported months might have been open days: undecidable unless the threshold is already met or out of reach.
      if (count + EPS < c.threshold && count + missingMonths + EPS >= c.threshold) {
        return { ...base, value: count, met: null, text: `${c.label} ${count} kali, ${missingMonths} bulan belum dilaporkan: data tidak lengkap` }
      }
      const r = judge(count)
      return { ...r, text: `${c.label} ${count} kali${r.met ? '' : ` < ${c.threshold}`}` }
    }
    case 'avg': {
      const xs = held.map((x) => n(x[m.field])).filter((x): x is number => x !== null)
      return judge(xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null)
    }
    case 'avg_ratio': {
      const xs = held
        .map((x) => [n(x[m.num]), n(x[m.den])] as const)
        .filter(([a, b]) => a !== null && b !== null && b > 0)
        .map(([a, b]) => a! / b!)
      return judge(xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null)
    }
    case 'ratio': {
      const num = aggregate(held.map((x) => n(x[m.num])).filter((x): x is number => x !== null), m.numAgg)
      // Targets (sasaran) may be written in any reported month, open or not.
      const den = aggregate(months.map((x) => n(x[m.den])).filter((x): x is number => x !== null), m.denAgg)
      if (den === 0) return judge(null, ' (sasaran 0)')
      return judge(num === null || den === null ? null : num / den)
    }
    case 'programmes': {
      if (!held.length) return judge(null)
      const codes = new Set(held.flatMap((x) => (x.programmes ? String(x.programmes).split(',').filter(Boolean) : [])))
      const r = judge(codes.size)
      return { ...r, text: r.met ? `${c.label} ${codes.size}` : `tidak ada ${c.label}` }
    }
  }
}

/**
 * The stratum of one posyandu for one year: the highest level whose every criterion is
 * met. When a criterion of the next level cannot be decided, the result says so
 * (incomplete) instead of guessing.
 */
export function computeStratum(set: IndicatorSet, months: MonthData[]): StratumResult {
  const reported = months.filter((m) => m.held !== null)
  const missingMonths = Math.max(0, 12 - reported.length)
  const criteria = set.criteria.map((c) => evaluate(c, reported, missingMonths))
  const levelIndex = (id: string) => set.levels.findIndex((l) => l.id === id)
  const aktifIdx = levelIndex(set.aktifFrom)
  if (!reported.length) {
    return { stratum: null, label: 'Data tidak lengkap', aktif: false, incomplete: true, reason: 'Data tidak lengkap: belum ada laporan bulanan', blocking: ['belum ada laporan bulanan'], criteria, monthsReported: 0, monthsHeld: 0, score: null }
  }
  let reached = 0
  let blocking: CriterionResult[] = []
  for (let i = 1; i < set.levels.length; i++) {
    const needed = criteria.filter((_, ci) => levelIndex(set.criteria[ci].from) <= i)
    const failing = needed.filter((c) => c.met !== true)
    if (failing.length) {
      blocking = failing
      break
    }
    reached = i
  }
  const incomplete = blocking.length > 0 && blocking.every((c) => c.met === null)
  const reachedLevel = set.levels[reached]
  // Reasons: what keeps it from the next level first, then what it did meet at its own level.
  const achieved = criteria.filter((_, ci) => levelIndex(set.criteria[ci].from) <= reached && levelIndex(set.criteria[ci].from) > 0)
  const parts = [...blocking.map((c) => c.text), ...achieved.filter((c) => c.met).slice(0, 3).map((c) => c.text)]
  const weights = set.criteria.map((c) => c.weight ?? 1)
  const total = weights.reduce((s, w) => s + w, 0)
  const got = criteria.reduce((s, c, i) => s + (c.met ? weights[i] : 0), 0)
  return {
    stratum: reachedLevel.id,
    label: reachedLevel.label,
    aktif: aktifIdx >= 0 && reached >= aktifIdx,
    incomplete,
    reason: `${reachedLevel.label}${incomplete ? ' (data tidak lengkap)' : ''}: ${parts.join('; ') || 'semua kriteria terpenuhi'}`,
    blocking: blocking.map((c) => c.text),
    criteria,
    monthsReported: reported.length,
    monthsHeld: reported.filter((m) => m.held === 1).length,
    score: total ? Math.round((1000 * got) / total) / 10 : null,
  }
}

/** Monthly fields a set's metrics read (beyond month, held and programmes). */
export function metricFields(set: IndicatorSet): NumericField[] {
  const out = new Set<NumericField>()
  for (const { metric: m } of set.criteria) {
    if (m.kind === 'avg') out.add(m.field)
    if (m.kind === 'avg_ratio' || m.kind === 'ratio') (out.add(m.num), out.add(m.den))
  }
  return [...out]
}

/** Applies edited thresholds (criterion id → value) to a set; unknown ids are ignored. */
export function withThresholds(set: IndicatorSet, thresholds: Record<string, number>): IndicatorSet {
  return { ...set, criteria: set.criteria.map((c) => (c.id in thresholds ? { ...c, threshold: thresholds[c.id] } : c)) }
}

/** "buka ≥ 8 kali (Madya ke atas); D/S ≥ 50% (Purnama ke atas); …" for printed methods. */
export function describeSet(set: IndicatorSet): string[] {
  const label = (id: string) => set.levels.find((l) => l.id === id)?.label ?? id
  return set.criteria.map((c) => `${c.label} ≥ ${formatValue(c.threshold, c.unit)} (syarat ${label(c.from)} ke atas)`)
}
