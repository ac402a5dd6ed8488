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

/**
 * What one criterion reads from a year of reports, before judging: its value (null when
 * undecidable) and a note. Computed from months here, or by one SQL GROUP BY in core
 * (src/core/evaluation/strata.ts), which must give the same numbers.
 */
export interface MetricInput {
  value: number | null
  /** Set when the value is null for a reason other than missing reports. */
  note?: string
}

/** A posyandu-year reduced to what the criteria read. */
export interface YearInput {
  monthsReported: number
  monthsHeld: number
  metrics: MetricInput[]
}

/** Reduces reported months (held not null, month order) to the inputs of each criterion. */
export function yearInput(set: IndicatorSet, reported: MonthData[]): YearInput {
  const held = reported.filter((m) => m.held === 1)
  return { monthsReported: reported.length, monthsHeld: held.length, metrics: set.criteria.map((c) => metricInput(c.metric, reported, held)) }
}

function metricInput(m: Metric, months: MonthData[], held: MonthData[]): MetricInput {
  switch (m.kind) {
    case 'openings':
      return { value: months.length ? held.length : null }
    case 'avg': {
      const xs = held.map((x) => n(x[m.field])).filter((x): x is number => x !== null)
      return { value: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null }
    }
    case 'avg_ratio': {
      const xs = held
        .map((x) => [n(x[m.num]), n(x[m.den])] as const)
        .filter(([a, b]) => a !== null && b !== null && b > 0)
        .map(([a, b]) => a! / b!)
      return { value: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null }
    }
    case 'ratio': {
      const num = aggregate(held.map((x) => n(x[m.num])).filter((x): x is number => x !== null), m.numAgg)
      // Targets (sasaran) may be written in any reported month, open or not.
      const den = aggregate(months.map((x) => n(x[m.den])).filter((x): x is number => x !== null), m.denAgg)
      return ratioInput(num, den)
    }
    case 'programmes': {
      if (!held.length) return { value: null }
      return { value: programmeCount(held.map((x) => (x.programmes ? String(x.programmes) : null))) }
    }
  }
}

/** num/den of a coverage ratio; a target of 0 is undecidable, not infinite. */
export function ratioInput(num: number | null, den: number | null): MetricInput {
  if (den === 0) return { value: null, note: ' (sasaran 0)' }
  return { value: num === null || den === null ? null : num / den }
}

/** Distinct programme codes in comma-separated lists. */
export function programmeCount(lists: (string | null)[]): number {
  const codes = new Set<string>()
  for (const l of lists) if (l) for (const c of l.split(',')) if (c) codes.add(c)
  return codes.size
}

/** Per set, computed once: level of each criterion, weights, threshold texts (a kabupaten judges 1,236 posyandu). */
interface PreparedSet {
  fromIndex: number[]
  aktifIdx: number
  weights: number[]
  totalWeight: number
  thresholdText: string[]
}
const preparedSets = new WeakMap<IndicatorSet, PreparedSet>()
function prepare(set: IndicatorSet): PreparedSet {
  let p = preparedSets.get(set)
  if (!p) {
    const levelIndex = (id: string) => set.levels.findIndex((l) => l.id === id)
    const weights = set.criteria.map((c) => c.weight ?? 1)
    p = {
      fromIndex: set.criteria.map((c) => levelIndex(c.from)),
      aktifIdx: levelIndex(set.aktifFrom),
      weights,
      totalWeight: weights.reduce((s, w) => s + w, 0),
      thresholdText: set.criteria.map((c) => formatValue(c.threshold, c.unit)),
    }
    preparedSets.set(set, p)
  }
  return p
}

/** Judges one criterion on its input; `missingMonths` = months without any report. */
function judgeCriterion(c: Criterion, thresholdText: string, input: MetricInput, missingMonths: number): CriterionResult {
  const value = input.value
  const result = (met: boolean | null, text: string): CriterionResult => ({ id: c.id, label: c.label, value, threshold: c.threshold, unit: c.unit, met, text })
  if (value === null) return result(null, `${c.label}: data tidak lengkap${input.note ?? ''}`)
  const met = value + EPS >= c.threshold
  switch (c.metric.kind) {
    case 'openings':
      // Unreported months might have been open days: undecidable unless the threshold is already met or out of reach.
      if (!met && value + missingMonths + EPS >= c.threshold) return result(null, `${c.label} ${value} kali, ${missingMonths} bulan belum dilaporkan: data tidak lengkap`)
      return result(met, `${c.label} ${value} kali${met ? '' : ` < ${c.threshold}`}`)
    case 'programmes':
      return result(met, met ? `${c.label} ${value}` : `tidak ada ${c.label}`)
    default:
      return result(met, `${c.label} ${formatValue(value, c.unit)} ${met ? '≥' : '<'} ${thresholdText}`)
  }
}

/**
 * The stratum of one posyandu for one year: the highest level whose every criterion is
 * met. When a criterion of the next level cannot be decided, the result says so
 * (incomplete) instead of guessing.
 */
export function computeStratum(set: IndicatorSet, months: MonthData[]): StratumResult {
  return stratumFromInput(set, yearInput(set, months.filter((m) => m.held !== null)))
}

/** The same from a year already reduced to its inputs (one SQL GROUP BY for a whole kabupaten). */
export function stratumFromInput(set: IndicatorSet, input: YearInput): StratumResult {
  const prep = prepare(set)
  const missingMonths = Math.max(0, 12 - input.monthsReported)
  const criteria = set.criteria.map((c, i) => judgeCriterion(c, prep.thresholdText[i], input.metrics[i] ?? { value: null }, missingMonths))
  if (!input.monthsReported) {
    return { stratum: null, label: 'Data tidak lengkap', aktif: false, incomplete: true, reason: 'Data tidak lengkap: belum ada laporan bulanan', blocking: ['belum ada laporan bulanan'], criteria, monthsReported: 0, monthsHeld: 0, score: null }
  }
  const { fromIndex, aktifIdx, weights, totalWeight } = prep
  let reached = 0
  let blocking: CriterionResult[] = []
  for (let i = 1; i < set.levels.length; i++) {
    const failing = criteria.filter((c, ci) => fromIndex[ci] <= i && c.met !== true)
    if (failing.length) {
      blocking = failing
      break
    }
    reached = i
  }
  const incomplete = blocking.length > 0 && blocking.every((c) => c.met === null)
  const reachedLevel = set.levels[reached]
  // Reasons: what keeps it from the next level first, then what it did meet at its own level.
  const achieved = criteria.filter((_, ci) => fromIndex[ci] <= reached && fromIndex[ci] > 0)
  const parts = [...blocking.map((c) => c.text), ...achieved.filter((c) => c.met).slice(0, 3).map((c) => c.text)]
  let got = 0
  for (let i = 0; i < criteria.length; i++) if (criteria[i].met) got += weights[i]
  return {
    stratum: reachedLevel.id,
    label: reachedLevel.label,
    aktif: aktifIdx >= 0 && reached >= aktifIdx,
    incomplete,
    reason: `${reachedLevel.label}${incomplete ? ' (data tidak lengkap)' : ''}: ${parts.join('; ') || 'semua kriteria terpenuhi'}`,
    blocking: blocking.map((c) => c.text),
    criteria,
    monthsReported: input.monthsReported,
    monthsHeld: input.monthsHeld,
    score: totalWeight ? Math.round((1000 * got) / totalWeight) / 10 : null,
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
