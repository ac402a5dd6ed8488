/**
 * Posyandu strata computed from a year of monthly reports under an indicator set (data).
 * Pure: the renderer shows the same result core computes. Missing data is reported as
 * missing ("data tidak lengkap"), never read as zero.
 */
import { formatPercent } from '../format'
import { fieldDef, type NumericField } from './fields'
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
  /**
   * How a ranking orders posyandu with the same total score (they share the rank; this only
   * sets the order within it). Printed with every ranking. Default: DEFAULT_TIE_BREAK.
   */
  tieBreak?: TieBreak[]
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
  /** A coverage above 100 %: the target (sasaran) is probably wrong; flagged on screen and in print. */
  over?: boolean
}

/** One tie-break step: a criterion's value (higher first), the number of criteria met, or months reported. */
export type TieBreak = { by: 'criterion'; criterion: string; label: string } | { by: 'criteria_met'; label: string } | { by: 'months_reported'; label: string }

export const DEFAULT_TIE_BREAK: TieBreak[] = [
  { by: 'criteria_met', label: 'jumlah kriteria terpenuhi' },
  { by: 'criterion', criterion: 'ds', label: 'rata-rata D/S' },
  { by: 'months_reported', label: 'jumlah bulan dilaporkan' },
]

export interface StratumResult {
  /** Level id; null when there is no report, or when missing data decides between levels ("data tidak lengkap"). */
  stratum: string | null
  label: string
  aktif: boolean
  /** Some criterion needed for a higher level could not be decided. */
  incomplete: boolean
  reason: string
  /** What keeps it from the next level (the short form of the reason). */
  blocking: string[]
  /** What is missing when the stratum cannot be decided (empty otherwise). */
  missing: string[]
  /** The level it reaches on the data there is (when incomplete: "at least"). */
  atLeast: string | null
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

// Speed (issue 17): a kabupaten-year is ~1,200 posyandu × 8 criteria, each possibly judged
// three times (the data, and the year filled at either extreme). The value of a metric is
// therefore computed in plain loops, and a criterion's text only for the judgement that is
// shown. The rules read a month as a row of values by position (MonthRow), not as an object
// keyed by field name: a kabupaten-year's months reach them straight from the arrays SQLite's
// JSON gives (no object per month), and a value is one indexed load instead of a look-up by
// name. Same results as before, to the last bit: tests/core/strata-fast.test.ts compares with
// the earlier implementation on random years.

/** A month as the rules read it: month, held, programmes, then the set's fields in `StrataPlan.fields` order. */
export type MonthRow = readonly unknown[]
const MONTH = 0
const HELD = 1
const PROGRAMMES = 2
/** Where the fields of a MonthRow start. */
const FIRST_FIELD = 3

/**
 * What the rules of one set need, worked out once per computation rather than per posyandu:
 * the fields a month row carries and where each criterion finds its own, each criterion's
 * lowest level and what fills its gaps at either extreme.
 */
export interface StrataPlan {
  set: IndicatorSet
  /** The fields a month row holds after month, held and programmes, in that order (the set's metric fields). */
  fields: string[]
  /** Per criterion: the row positions of the metric's first field (avg: the field; ratios: the numerator) and of its denominator (-1: none). */
  first: number[]
  second: number[]
  /** Per criterion: the row positions of its numerator fields and of its target (denominator) fields. */
  num: number[][]
  den: number[][]
  /** Per criterion: the level index it starts from. */
  from: number[]
  /** Per criterion: what a gap is filled with, by row position (null: not filled), at the low and the high extreme. */
  low: (number | null)[][]
  high: (number | null)[][]
}

/**
 * The plan of a set. Arrays here are built in loops, not with `.map`: an array made by `.map`
 * has another elements kind when the optimising compiler inlines `.map` than when the
 * interpreter runs it (HOLEY in one, PACKED in the other), so every place that reads it was
 * deoptimised once the function got optimised ("wrong map", issue 17: each recompile of
 * computeStratum cost 60–180 ms of CPU on a compiler thread in the first runs). The same holds
 * for every array below: made with `new Array(n)` or `push`.
 */
export function strataPlan(set: IndicatorSet): StrataPlan {
  const fields: string[] = []
  for (const f of metricFields(set) as string[]) if (f !== 'month' && f !== 'held' && f !== 'programmes') fields.push(f)
  const at = (f: string): number => (f === 'month' ? MONTH : f === 'held' ? HELD : f === 'programmes' ? PROGRAMMES : FIRST_FIELD + fields.indexOf(f))
  const width = FIRST_FIELD + fields.length
  const count = set.criteria.length
  const plan: StrataPlan = { set, fields, first: new Array(count), second: new Array(count), num: new Array(count), den: new Array(count), from: new Array(count), low: new Array(count), high: new Array(count) }
  for (let ci = 0; ci < count; ci++) {
    const c = set.criteria[ci]
    const m = c.metric
    const num: string[] = m.kind === 'avg' ? [m.field] : m.kind === 'avg_ratio' || m.kind === 'ratio' ? [m.num] : []
    const den: string[] = m.kind === 'avg_ratio' || m.kind === 'ratio' ? [m.den] : []
    plan.first[ci] = num.length ? at(num[0]) : -1
    plan.second[ci] = den.length ? at(den[0]) : -1
    plan.num[ci] = num.length ? [at(num[0])] : []
    plan.den[ci] = den.length ? [at(den[0])] : []
    plan.from[ci] = levelIndex(set, c.from)
    // A field that is both numerator and denominator fills as a numerator.
    const low: (number | null)[] = new Array(width)
    const high: (number | null)[] = new Array(width)
    for (let i = 0; i < width; i++) low[i] = high[i] = null
    for (const x of den) (low[at(x)] = fieldDef(x)?.max ?? 100000), (high[at(x)] = 1)
    for (const x of num) (low[at(x)] = 0), (high[at(x)] = fieldDef(x)?.max ?? 100000)
    plan.low[ci] = low
    plan.high[ci] = high
  }
  return plan
}

/** A month object as a row of the plan's layout. */
export function monthRow(plan: StrataPlan, m: MonthData): unknown[] {
  const row: unknown[] = [m.month, m.held, m.programmes]
  for (let i = 0; i < plan.fields.length; i++) row.push(m[plan.fields[i]])
  return row
}

/** A year's figure with one more value, in the order they come (a sum starts from 0). */
const aggregate = (how: 'sum' | 'last' | 'max', v: number | null, x: number): number => (how === 'sum' ? (v ?? 0) + x : how === 'max' && v !== null ? Math.max(v, x) : x)

/** A metric's value over some months, or ZERO_TARGET when its target (sasaran) is 0. */
const ZERO_TARGET = Symbol('sasaran 0')
type MetricValue = number | null | typeof ZERO_TARGET

/**
 * The months a metric reads: the reported months as they are, or (`fills`) the whole year in
 * its calendar slots with every gap filled at one extreme. One class, so the loops below stay
 * monomorphic.
 */
class MonthView {
  constructor(
    private rows: readonly (MonthRow | undefined)[],
    /** Gap values by row position (null: not filled); null for the data as reported. */
    private fills: readonly (number | null)[] | null = null,
    /** An unreported month of the filled year counts as held (the high extreme). */
    private high = false,
  ) {}
  /** This view showing other months (the filled years: one view reused, not one made per criterion). */
  show(rows: readonly (MonthRow | undefined)[], fills: readonly (number | null)[] | null, high: boolean): MonthView {
    this.rows = rows
    this.fills = fills
    this.high = high
    return this
  }
  get count(): number {
    return this.rows.length
  }
  held(i: number): boolean {
    const r = this.rows[i]
    return r !== undefined ? r[HELD] === 1 : this.high
  }
  value(i: number, at: number): unknown {
    const r = this.rows[i]
    const v = r !== undefined ? r[at] : undefined
    if (this.fills === null || typeof v === 'number') return v
    return this.fills[at] ?? v
  }
  programmes(i: number): unknown {
    const r = this.rows[i]
    return r !== undefined ? r[PROGRAMMES] : this.high ? 'lainnya' : null
  }
}

/** The filled year a criterion with gaps is judged on, at one extreme and then the other. */
const FILLED = new MonthView([], [], false)

/** A metric's value; `first` and `second` are the row positions of its fields (StrataPlan). */
function metricValue(m: Metric, first: number, second: number, v: MonthView): MetricValue {
  switch (m.kind) {
    case 'openings': {
      if (!v.count) return null
      let count = 0
      for (let i = 0; i < v.count; i++) if (v.held(i)) count++
      return count
    }
    case 'avg': {
      let sum = 0
      let k = 0
      for (let i = 0; i < v.count; i++) {
        if (!v.held(i)) continue
        const x = n(v.value(i, first))
        if (x !== null) (sum += x), k++
      }
      return k ? sum / k : null
    }
    case 'avg_ratio': {
      let sum = 0
      let k = 0
      for (let i = 0; i < v.count; i++) {
        if (!v.held(i)) continue
        const a = n(v.value(i, first))
        const b = n(v.value(i, second))
        if (a === null || b === null || !(b > 0)) continue
        sum += a / b
        k++
      }
      return k ? sum / k : null
    }
    case 'ratio': {
      let num: number | null = null
      let den: number | null = null
      for (let i = 0; i < v.count; i++) {
        if (v.held(i)) {
          const x = n(v.value(i, first))
          if (x !== null) num = aggregate(m.numAgg, num, x)
        }
        // Targets (sasaran) may be written in any reported month, open or not.
        const y = n(v.value(i, second))
        if (y !== null) den = aggregate(m.denAgg, den, y)
      }
      if (den === 0) return ZERO_TARGET
      return num === null || den === null ? null : num / den
    }
    case 'programmes': {
      let anyHeld = false
      const codes = programmeList
      codes.length = 0
      for (let i = 0; i < v.count; i++) {
        if (!v.held(i)) continue
        anyHeld = true
        const p = v.programmes(i)
        if (!p) continue
        // (An indexed loop: for-of makes an iterator per open month until the optimising compiler removes it.)
        const list = programmeCodes(String(p))
        for (let k = 0; k < list.length; k++) if (!codes.includes(list[k])) codes.push(list[k])
      }
      return anyHeld ? codes.length : null
    }
  }
}

/**
 * The distinct programme codes of one metric's months (one list, emptied each time: only its
 * length is kept; a year has a handful of codes, and emptying a Set made a new table each time).
 */
const programmeList: string[] = []

/** "sehat,pintar" → ["sehat", "pintar"]: split once per distinct text (a year repeats the same few). */
const codeLists = new Map<string, string[]>()
function programmeCodes(text: string): string[] {
  let codes = codeLists.get(text)
  if (!codes) {
    if (codeLists.size > 1000) codeLists.clear()
    codeLists.set(text, (codes = text.split(',').filter(Boolean)))
  }
  return codes
}

const metOf = (c: Criterion, value: MetricValue): boolean | null => (value === null || value === ZERO_TARGET ? null : value + EPS >= c.threshold)

/**
 * A criterion's fixed text around its value — "D/S " before it, " ≥ 50%" or " < 50%" after it —
 * made once per criterion (thousands of results share them; remade if the criterion was edited
 * in place), so a result's text is a few joins instead of one per word.
 */
interface TextParts {
  label: string
  threshold: number
  unit: string
  before: string
  met: string
  unmet: string
  /** Openings: " kali" and " kali < 8". */
  kaliMet: string
  kaliUnmet: string
}
const textParts = new WeakMap<Criterion, TextParts>()
function partsOf(c: Criterion): TextParts {
  const t = textParts.get(c)
  if (t !== undefined && t.label === c.label && t.threshold === c.threshold && t.unit === c.unit) return t
  const threshold = formatValue(c.threshold, c.unit)
  const made = { label: c.label, threshold: c.threshold, unit: c.unit, before: `${c.label} `, met: ` ≥ ${threshold}`, unmet: ` < ${threshold}`, kaliMet: ' kali', kaliUnmet: ` kali < ${c.threshold}` }
  textParts.set(c, made)
  return made
}

// Hot paths below use module-level helpers rather than named inner closures: under tsx
// (benchmarks, the worker from sources) each named closure costs a __name() call per creation.

// A criterion's text ("D/S 42% < 50%") is made only when a reason, a blocking list or a missing
// list names it (issue 17: a kabupaten-year judges ten thousand criteria; most texts were never
// read). How it reads depends on how the criterion was judged: judge/evaluate/decide note that
// in `textKinds` (and the months without entries in `textGaps`), by criterion index, for the
// computeStratum call running now.
const TEXT_MISSING = 0
const TEXT_ZERO_TARGET = 1
const TEXT_VALUE = 2
const TEXT_OPENINGS_UNDECIDED = 3
const TEXT_OPENINGS = 4
const TEXT_PROGRAMMES = 5
const TEXT_UNDECIDED = 6
const textKinds: number[] = []
const textGaps: number[] = []

/** A criterion's result for a value: met or not (its text: TEXT_MISSING, TEXT_ZERO_TARGET or TEXT_VALUE). */
function judge(c: Criterion, value: number | null, ci: number, zeroTarget = false): CriterionResult {
  if (value === null) {
    textKinds[ci] = zeroTarget ? TEXT_ZERO_TARGET : TEXT_MISSING
    return { id: c.id, label: c.label, threshold: c.threshold, unit: c.unit, value, met: null }
  }
  textKinds[ci] = TEXT_VALUE
  const met = value + EPS >= c.threshold
  const over = c.unit === '%' && value > 1 + EPS
  return { id: c.id, label: c.label, threshold: c.threshold, unit: c.unit, value, met, over }
}

/** Value of one criterion over the months of a year; `missingMonths` = months without any report. */
function evaluate(c: Criterion, first: number, second: number, months: MonthView, missingMonths: number, ci: number): CriterionResult {
  // (Object literals, not spreads of a shared base: this runs ten thousand times for a kabupaten.)
  const value = metricValue(c.metric, first, second, months)
  if (value === ZERO_TARGET) return judge(c, null, ci, true)
  switch (c.metric.kind) {
    case 'openings': {
      if (value === null) return judge(c, null, ci)
      // Unreported months might have been open days: undecidable unless the threshold is already met or out of reach.
      if (value + EPS < c.threshold && value + missingMonths + EPS >= c.threshold) {
        textKinds[ci] = TEXT_OPENINGS_UNDECIDED
        return { id: c.id, label: c.label, threshold: c.threshold, unit: c.unit, value, met: null }
      }
      textKinds[ci] = TEXT_OPENINGS
      return { id: c.id, label: c.label, threshold: c.threshold, unit: c.unit, value, met: value + EPS >= c.threshold, over: c.unit === '%' && value > 1 + EPS }
    }
    case 'programmes': {
      if (value === null) return judge(c, null, ci)
      textKinds[ci] = TEXT_PROGRAMMES
      return { id: c.id, label: c.label, threshold: c.threshold, unit: c.unit, value, met: value + EPS >= c.threshold, over: c.unit === '%' && value > 1 + EPS }
    }
    default:
      return judge(c, value, ci)
  }
}

/**
 * The text of criterion `ci` of the computeStratum call running now, as it was judged. (A
 * decision from the filled-in year may change `met` but not the text: it reads the value's
 * own comparison, as it always has.)
 */
function criterionText(c: Criterion, r: CriterionResult, ci: number, missingMonths: number): string {
  const value = r.value as number
  switch (textKinds[ci]) {
    case TEXT_MISSING:
      return `${c.label}: data tidak lengkap`
    case TEXT_ZERO_TARGET:
      return `${c.label}: data tidak lengkap (sasaran 0)`
    case TEXT_OPENINGS_UNDECIDED:
      return `${c.label} ${value} kali, ${missingMonths} bulan belum dilaporkan: data tidak lengkap`
    case TEXT_OPENINGS: {
      const t = partsOf(c)
      return t.before + value + (value + EPS >= c.threshold ? t.kaliMet : t.kaliUnmet)
    }
    case TEXT_PROGRAMMES:
      return value + EPS >= c.threshold ? partsOf(c).before + value : `tidak ada ${c.label}`
    case TEXT_UNDECIDED: {
      const gaps = textGaps[ci]
      const why = [missingMonths ? `${missingMonths} bulan belum dilaporkan` : '', gaps ? `${gaps} bulan tanpa isian` : ''].filter(Boolean).join(', ')
      const shown = r.value === null ? '' : ` ${formatValue(r.value, c.unit)}`
      return `${c.label}${shown}${why ? `, ${why}` : ''}: data tidak lengkap`
    }
    default: {
      const t = partsOf(c)
      const text = t.before + formatValue(value, c.unit) + (value + EPS >= c.threshold ? t.met : t.unmet)
      return c.unit === '%' && value > 1 + EPS ? `${text} (di atas 100%: periksa sasaran)` : text
    }
  }
}

/** The reported months of one year in their calendar slots (a later duplicate of a month wins). */
function slotsOf(rows: MonthRow[]): (MonthRow | undefined)[] {
  const year = rows.length ? (rows[0][MONTH] as string).slice(0, 4) : '2000'
  const prefix = `${year}-`
  const slots: (MonthRow | undefined)[] = new Array(12)
  for (let k = 0; k < rows.length; k++) {
    const month = rows[k][MONTH] as string
    // Only `${year}-01` … `${year}-12` take a slot, exactly as written.
    const i = month.startsWith(prefix) ? monthIndex(month, prefix.length) : -1
    if (i >= 0) slots[i] = rows[k]
  }
  return slots
}

/** 0–11 when `text` is "01" … "12" from `at` to its end, otherwise -1 (read by character: no substring per month). */
function monthIndex(text: string, at: number): number {
  if (text.length !== at + 2) return -1
  const tens = text.charCodeAt(at)
  const ones = text.charCodeAt(at + 1) - 48
  if (tens === 48) return ones >= 1 && ones <= 9 ? ones - 1 : -1
  if (tens === 49) return ones >= 0 && ones <= 2 ? ones + 9 : -1
  return -1
}

/** Whether every reported month holds each target field, and each open month each counted field (by row position). */
function filledIn(reported: MonthRow[], num: number[], den: number[]): boolean {
  for (let i = 0; i < reported.length; i++) {
    const r = reported[i]
    for (let j = 0; j < den.length; j++) if (typeof r[den[j]] !== 'number') return false
    if (r[HELD] !== 1) continue
    for (let j = 0; j < num.length; j++) if (typeof r[num[j]] !== 'number') return false
  }
  return true
}

function anyUnfilled(r: MonthRow, fields: number[]): boolean {
  for (let j = 0; j < fields.length; j++) if (typeof r[fields[j]] !== 'number') return true
  return false
}

/**
 * Criterion `ci` on the data there is, undecided ("data tidak lengkap") when the missing data
 * could still change it. The year with every missing value and every unreported month filled
 * at one extreme — `low` (nothing more happened, targets as large as the form allows) or
 * `high` (the most the form allows, targets of 1) — decides it only when both give the same answer.
 */
function decide(plan: StrataPlan, ci: number, reported: MonthRow[], view: MonthView, missingMonths: number): CriterionResult {
  const c = plan.set.criteria[ci]
  const first = plan.first[ci]
  const second = plan.second[ci]
  const r = evaluate(c, first, second, view, missingMonths, ci)
  if (c.metric.kind === 'openings') return r
  // Nothing missing that this criterion reads: decided as it is (the common case, and fast).
  const num = plan.num[ci]
  const den = plan.den[ci]
  if (!missingMonths && filledIn(reported, num, den)) return r
  const slots = (slotsNow ??= slotsOf(reported))
  const lo = metOf(c, metricValue(c.metric, first, second, FILLED.show(slots, plan.low[ci], false)))
  const hi = metOf(c, metricValue(c.metric, first, second, FILLED.show(slots, plan.high[ci], true)))
  if (lo !== null && lo === hi) return r.met === lo ? r : withMet(r, lo)
  if (r.met === null) return r
  let gaps = 0
  for (let i = 0; i < reported.length; i++) if (reported[i][HELD] === 1 && (anyUnfilled(reported[i], num) || anyUnfilled(reported[i], den))) gaps++
  textKinds[ci] = TEXT_UNDECIDED
  textGaps[ci] = gaps
  return { id: r.id, label: r.label, threshold: r.threshold, unit: r.unit, value: r.value, met: null, over: false }
}

/** `r` with another `met`: the same keys in the same order (literals, not spreads: a spread is a slow copy). */
function withMet(r: CriterionResult, met: boolean): CriterionResult {
  if ('over' in r) return { id: r.id, label: r.label, threshold: r.threshold, unit: r.unit, value: r.value, met, over: r.over }
  return { id: r.id, label: r.label, threshold: r.threshold, unit: r.unit, value: r.value, met }
}

/**
 * The calendar slots of the year of the stratumOfRows call running now, made by the first
 * criterion with gaps to fill. (Kept here, not in an object passed along: an object's field
 * that starts as null and later holds an array changes its type, and the optimised code that
 * relied on it was thrown away and compiled again in the first runs.)
 */
let slotsNow: (MonthRow | undefined)[] | null = null

function levelIndex(set: IndicatorSet, id: string): number {
  for (let i = 0; i < set.levels.length; i++) if (set.levels[i].id === id) return i
  return -1
}

/** The reported months (held not null), as they came when all are. */
function reportedOf(rows: MonthRow[]): MonthRow[] {
  let all = true
  for (let i = 0; i < rows.length && all; i++) all = rows[i][HELD] !== null
  if (all) return rows
  const out: MonthRow[] = []
  for (let i = 0; i < rows.length; i++) if (rows[i][HELD] !== null) out.push(rows[i])
  return out
}

/** The texts of some criteria of the computeStratum call running now, in the order given. */
function textsOf(set: IndicatorSet, criteria: CriterionResult[], indexes: number[], missingMonths: number): string[] {
  const out: string[] = new Array(indexes.length)
  for (let k = 0; k < indexes.length; k++) out[k] = criterionText(set.criteria[indexes[k]], criteria[indexes[k]], indexes[k], missingMonths)
  return out
}

/**
 * The stratum of one posyandu for one year: the highest level whose every criterion is
 * met. When a criterion of the next level cannot be decided, the result says so
 * (incomplete) instead of guessing.
 */
export function computeStratum(set: IndicatorSet, months: MonthData[]): StratumResult {
  const plan = strataPlan(set)
  const rows: MonthRow[] = []
  for (let i = 0; i < months.length; i++) rows.push(monthRow(plan, months[i]))
  return stratumOfRows(plan, rows)
}

/** computeStratum on months already in the plan's rows (the strata of an area: core/evaluation/strata.ts). */
export function stratumOfRows(plan: StrataPlan, rows: MonthRow[]): StratumResult {
  const set = plan.set
  const reported = reportedOf(rows)
  const missingMonths = Math.max(0, 12 - reported.length)
  const view = new MonthView(reported)
  slotsNow = null
  const criteria: CriterionResult[] = new Array(set.criteria.length)
  for (let i = 0; i < criteria.length; i++) criteria[i] = decide(plan, i, reported, view, missingMonths)
  slotsNow = null
  if (!reported.length) {
    return { stratum: null, label: 'Data tidak lengkap', aktif: false, incomplete: true, reason: 'Data tidak lengkap: belum ada laporan bulanan', blocking: ['belum ada laporan bulanan'], missing: ['belum ada laporan bulanan'], atLeast: null, criteria, monthsReported: 0, monthsHeld: 0, score: null }
  }
  const from = plan.from
  // The highest level whose every criterion (of that level and below) is met; what fails the next one blocks.
  let reached = 0
  /** Indexes of the criteria that block the next level. */
  const blocking: number[] = []
  for (let i = 1; i < set.levels.length; i++) {
    let fails = false
    for (let ci = 0; ci < criteria.length && !fails; ci++) fails = from[ci] <= i && criteria[ci].met !== true
    if (fails) {
      for (let ci = 0; ci < criteria.length; ci++) if (from[ci] <= i && criteria[ci].met !== true) blocking.push(ci)
      break
    }
    reached = i
  }
  let incomplete = blocking.length > 0
  for (let k = 0; k < blocking.length && incomplete; k++) incomplete = criteria[blocking[k]].met === null
  let monthsHeld = 0
  for (let i = 0; i < reported.length; i++) if (reported[i][HELD] === 1) monthsHeld++
  return incomplete ? undecided(set, criteria, blocking, reached, missingMonths, reported.length, monthsHeld) : decided(set, criteria, from, blocking, reached, missingMonths, reported.length, monthsHeld)
}

/** Missing data decides between two levels: no stratum (never "Pratama"), and say what is missing. */
function undecided(set: IndicatorSet, criteria: CriterionResult[], blocking: number[], reached: number, missingMonths: number, monthsReported: number, monthsHeld: number): StratumResult {
  const reachedLevel = set.levels[reached]
  const missing = textsOf(set, criteria, blocking, missingMonths)
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
    monthsReported,
    monthsHeld,
    score: null,
  }
}

/** A decided stratum with its reasons. */
function decided(set: IndicatorSet, criteria: CriterionResult[], from: number[], blocking: number[], reached: number, missingMonths: number, monthsReported: number, monthsHeld: number): StratumResult {
  const reachedLevel = set.levels[reached]
  const aktifIdx = levelIndex(set, set.aktifFrom)
  // Reasons: what keeps it from the next level first, then what it did meet at its own level.
  const blockingTexts = textsOf(set, criteria, blocking, missingMonths)
  const parts: string[] = []
  for (let k = 0; k < blockingTexts.length; k++) parts.push(blockingTexts[k])
  let achieved = 0
  for (let ci = 0; ci < criteria.length && achieved < 3; ci++) {
    if (from[ci] <= reached && from[ci] > 0 && criteria[ci].met) {
      parts.push(criterionText(set.criteria[ci], criteria[ci], ci, missingMonths))
      achieved++
    }
  }
  let total = 0
  let got = 0
  for (let i = 0; i < set.criteria.length; i++) {
    const w = set.criteria[i].weight ?? 1
    total += w
    got += criteria[i].met ? w : 0
  }
  // Coverages above 100 % not named yet are named after the reasons.
  const named = parts.length
  for (let ci = 0; ci < criteria.length; ci++) {
    if (!criteria[ci].over) continue
    const t = criterionText(set.criteria[ci], criteria[ci], ci, missingMonths)
    let seen = false
    for (let k = 0; k < named && !seen; k++) seen = parts[k] === t
    if (!seen) parts.push(t)
  }
  return {
    stratum: reachedLevel.id,
    label: reachedLevel.label,
    aktif: aktifIdx >= 0 && reached >= aktifIdx,
    incomplete: false,
    reason: `${reachedLevel.label}: ${parts.join('; ') || 'semua kriteria terpenuhi'}`,
    blocking: blockingTexts,
    missing: [],
    atLeast: reachedLevel.id,
    criteria,
    monthsReported,
    monthsHeld,
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

export interface Ranked<T> {
  row: T
  /** Competition rank: equal total scores share a rank (1, 1, 3). */
  rank: number
  /** True when another posyandu has the same total score. */
  tied: boolean
}

/**
 * Ranking by total score. Only posyandu with a decided stratum take part ("data tidak
 * lengkap" is listed apart). Equal scores share the rank; within it the set's tie-break
 * steps give the order, then the name only so the list is stable.
 */
export function rankRows<T extends { name: string; totalScore: number | null; result: StratumResult }>(rows: T[], set: IndicatorSet): Ranked<T>[] {
  const steps = set.tieBreak ?? DEFAULT_TIE_BREAK
  const key = (r: T, step: TieBreak): number => {
    if (step.by === 'criteria_met') return r.result.criteria.filter((c) => c.met === true).length
    if (step.by === 'months_reported') return r.result.monthsReported
    return r.result.criteria.find((c) => c.id === step.criterion)?.value ?? -1
  }
  const list = rows.filter((r) => r.result.stratum !== null && r.totalScore !== null)
  list.sort((a, b) => {
    const d = (b.totalScore ?? 0) - (a.totalScore ?? 0)
    if (Math.abs(d) > EPS) return d
    for (const step of steps) {
      const x = key(b, step) - key(a, step)
      if (Math.abs(x) > EPS) return x
    }
    return a.name.localeCompare(b.name, 'id')
  })
  const out: Ranked<T>[] = []
  list.forEach((row, i) => {
    const prev = out[i - 1]
    const same = prev && Math.abs((prev.row.totalScore ?? 0) - (row.totalScore ?? 0)) <= EPS
    out.push({ row, rank: same ? prev.rank : i + 1, tied: false })
  })
  for (const r of out) r.tied = out.filter((x) => x.rank === r.rank).length > 1
  return out
}

/** "Skor sama berperingkat sama; urutan di dalamnya: jumlah kriteria terpenuhi, lalu rata-rata D/S, lalu …" */
export function describeTieBreak(set: IndicatorSet): string {
  const steps = set.tieBreak ?? DEFAULT_TIE_BREAK
  return `Skor total sama berperingkat sama; urutan di dalamnya menurut ${steps.map((s) => s.label).join(', lalu ')}, lalu nama. Posyandu dengan data tidak lengkap tidak diberi peringkat.`
}
