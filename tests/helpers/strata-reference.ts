/**
 * The strata rules as they were before the speed-up of issue 17 (src/shared/evaluation/strata.ts
 * at ce0e897), kept verbatim as the reference the fast implementation must equal exactly
 * (tests/core/strata-fast.test.ts). Do not "improve" this file: it is the yardstick.
 */
import { formatPercent } from '../../src/shared/format'
import { fieldDef } from '../../src/shared/evaluation/fields'
import type { IndicatorSet, MonthData, StratumResult as FastStratumResult, CriterionResult as FastCriterionResult, Criterion, Metric } from '../../src/shared/evaluation/strata'
// (Types only, added later: the results as they were then, each criterion with its text; the
// fast rules write a criterion's text only into the reason, blocking and missing lists.)
type CriterionResult = FastCriterionResult & { text: string }
type StratumResult = Omit<FastStratumResult, 'criteria'> & { criteria: CriterionResult[] }
const EPS = 1e-9
const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function formatValue(value: number, unit: string): string {
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
    const over = c.unit === '%' && value > 1 + EPS
    return { ...base, value, met, over, text: `${c.label} ${formatValue(value, c.unit)} ${met ? '≥' : '<'} ${formatValue(c.threshold, c.unit)}${over ? ' (di atas 100%: periksa sasaran)' : ''}` }
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

/** Numerator and denominator fields of one criterion. */
function fieldsOf(m: Metric): { num: string[]; den: string[] } {
  if (m.kind === 'avg') return { num: [m.field], den: [] }
  if (m.kind === 'avg_ratio' || m.kind === 'ratio') return { num: [m.num], den: [m.den] }
  return { num: [], den: [] }
}

/**
 * The year with every missing value and every unreported month filled at one extreme:
 * `low` (nothing more happened, targets as large as the form allows) or `high` (the most
 * the form allows, targets of 1). A criterion is decided only when both give the same answer.
 */
function extreme(c: Criterion, months: MonthData[], how: 'low' | 'high'): MonthData[] {
  const { num, den } = fieldsOf(c.metric)
  const max = (f: string) => fieldDef(f)?.max ?? 100000
  const byMonth = new Map(months.map((m) => [m.month, m]))
  const year = months[0]?.month.slice(0, 4) ?? '2000'
  return Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`
    const known = byMonth.get(month)
    const m: MonthData = known ? { ...known } : { month, held: how === 'high' ? 1 : 0, programmes: how === 'high' ? 'lainnya' : null }
    for (const f of num) if (typeof m[f] !== 'number') m[f] = how === 'low' ? 0 : max(f)
    for (const f of den) if (typeof m[f] !== 'number') m[f] = how === 'low' ? max(f) : 1
    return m
  })
}

/** A criterion on the data there is, undecided ("data tidak lengkap") when the missing data could still change it. */
function decide(c: Criterion, reported: MonthData[], missingMonths: number): CriterionResult {
  const r = evaluate(c, reported, missingMonths)
  if (c.metric.kind === 'openings') return r
  // Nothing missing that this criterion reads: decided as it is (the common case, and fast).
  const { num: nums, den: dens } = fieldsOf(c.metric)
  if (!missingMonths && reported.every((m) => dens.every((f) => typeof m[f] === 'number') && (m.held !== 1 || nums.every((f) => typeof m[f] === 'number')))) return r
  const lo = evaluate(c, extreme(c, reported, 'low'), 0).met
  const hi = evaluate(c, extreme(c, reported, 'high'), 0).met
  if (lo !== null && lo === hi) return r.met === lo ? r : { ...r, met: lo }
  if (r.met === null) return r
  const { num, den } = fieldsOf(c.metric)
  const held = reported.filter((m) => m.held === 1)
  const gaps = held.filter((m) => [...num, ...den].some((f) => typeof m[f] !== 'number')).length
  const why = [missingMonths ? `${missingMonths} bulan belum dilaporkan` : '', gaps ? `${gaps} bulan tanpa isian` : ''].filter(Boolean).join(', ')
  const shown = r.value === null ? '' : ` ${formatValue(r.value, c.unit)}`
  return { ...r, met: null, over: false, text: `${c.label}${shown}${why ? `, ${why}` : ''}: data tidak lengkap` }
}

/**
 * The stratum of one posyandu for one year: the highest level whose every criterion is
 * met. When a criterion of the next level cannot be decided, the result says so
 * (incomplete) instead of guessing.
 */
/** The reference result without the criteria's own texts: what the fast rules give. */
export function referenceWithoutTexts(r: StratumResult): FastStratumResult {
  return { ...r, criteria: r.criteria.map(({ text: _text, ...c }) => c) }
}

export function referenceStratum(set: IndicatorSet, months: MonthData[]): StratumResult {
  const reported = months.filter((m) => m.held !== null)
  const missingMonths = Math.max(0, 12 - reported.length)
  const criteria = set.criteria.map((c) => decide(c, reported, missingMonths))
  const levelIndex = (id: string) => set.levels.findIndex((l) => l.id === id)
  const aktifIdx = levelIndex(set.aktifFrom)
  if (!reported.length) {
    return { stratum: null, label: 'Data tidak lengkap', aktif: false, incomplete: true, reason: 'Data tidak lengkap: belum ada laporan bulanan', blocking: ['belum ada laporan bulanan'], missing: ['belum ada laporan bulanan'], atLeast: null, criteria, monthsReported: 0, monthsHeld: 0, score: null }
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
  const flagged = criteria.filter((c) => c.over && !parts.includes(c.text)).map((c) => c.text)
  if (incomplete) {
    // Missing data decides between two levels: no stratum (never "Pratama"), and say what is missing.
    const missing = blocking.map((c) => c.text)
    return {
      stratum: null,
      label: 'Data tidak lengkap',
      aktif: false,
      incomplete: true,
      reason: `Data tidak lengkap: ${missing.join('; ')}${reached > 0 ? ` (sejauh ini memenuhi ${reachedLevel.label})` : ''}`,
      blocking: missing,
      missing,
      atLeast: reachedLevel.id,
      criteria,
      monthsReported: reported.length,
      monthsHeld: reported.filter((m) => m.held === 1).length,
      score: null,
    }
  }
  return {
    stratum: reachedLevel.id,
    label: reachedLevel.label,
    aktif: aktifIdx >= 0 && reached >= aktifIdx,
    incomplete,
    reason: `${reachedLevel.label}: ${[...parts, ...flagged].join('; ') || 'semua kriteria terpenuhi'}`,
    blocking: blocking.map((c) => c.text),
    missing: [],
    atLeast: reachedLevel.id,
    criteria,
    monthsReported: reported.length,
    monthsHeld: reported.filter((m) => m.held === 1).length,
    score: total ? Math.round((1000 * got) / total) / 10 : null,
  }
}

