import type Database from 'better-sqlite3'
import type { AreaSummary, PosyanduRef, PosyanduStratum, StrataOutput } from '../../shared/contract/evaluation'
import { NUMERIC_FIELDS } from '../../shared/evaluation/fields'
import { strataPlan, stratumOfRows, type IndicatorSet, type StrataPlan, type StratumResult } from '../../shared/evaluation/strata'
import { cached } from './cache'
import { listPosyandu } from './posyandu'
import { withinSql } from '../db/area'

export const MONTH_COLUMNS = ['posyandu_id', 'month', 'held', 'open_date', 'programmes', ...NUMERIC_FIELDS]

/** Month columns a strata computation may read from SQL: the fixed ones and the numeric fields (a set is data: any other name it carries reads as missing). */
const SQL_FIELDS = new Set<string>(['posyandu_id', ...NUMERIC_FIELDS])

/**
 * Live monthly reports of one year for the registered posyandu of an area, one posyandu at a
 * time, in month order, as the rules' month rows (StrataPlan: month, held, programmes, then
 * the set's fields). SQLite hands over the year as one JSON text per posyandu; `take(id)`
 * parses one posyandu's text when asked, and its arrays are the rows themselves (issue 17:
 * no object per month; a kabupaten-year's 15,000 month objects and their collection were a
 * third of the strata's time).
 */
export class YearMonths {
  /** Posyandu → index of its JSON text in `texts`. */
  private readonly json = new Map<string, number>()
  /** The JSON texts ('' : to be read the plain way; null: taken). */
  private texts: (string | null)[] = []
  /** Months read the plain way: the whole year when the JSON query failed, or posyandu whose JSON is not exact. */
  private readonly plain = new Map<string, unknown[][]>()
  private readonly where: string
  private readonly args: string[]
  /** The SQL of a month row's values, in the plan's order. */
  private readonly values: string
  private plainOne: Database.Statement | null = null

  constructor(
    private readonly sqlite: Database.Database,
    area: string,
    year: number,
    plan: StrataPlan,
  ) {
    const kec = area.split('.').length > 3 ? area.split('.').slice(0, 3).join('.') : area
    this.where = `m.deleted_at IS NULL AND m.month BETWEEN ? AND ? AND ${withinSql('m.scope', kec).sql}`
    this.args = [`${year}-01`, `${year}-12`, ...withinSql('m.scope', kec).args]
    // Fast path (issue 17: strata ≤ 2× a plain aggregate of the same rows): one JSON array per
    // posyandu, so the 15,000 month rows of a kabupaten-year cross into JavaScript as 1,200
    // strings instead of 200,000 cells. JSON keeps integers, text and NULL exactly; a posyandu
    // with any other number (a REAL: Simpul never writes one, but a file may hold it) or a BLOB
    // (marked here: JSON would read it as JSONB) takes the plain path, so the months are
    // exactly what better-sqlite3 would read.
    // Read posyandu by posyandu through the (posyandu, month) index: the year's rows arrive grouped
    // and in month order, with no sort (months of a posyandu missing from the registry are left
    // out: no stratum is asked for one); the order is checked when the rows are taken.
    // A BLOB is found by comparison (BLOBs sort after every other value), one flag per posyandu:
    // cheaper per cell than typeof() or replacing the cell. (Not in month: a BLOB there sorts
    // after '${year}-12' and is never within the year.)
    // (Lists built in loops: see strataPlan in the rules on arrays made by `.map`.)
    let values = 'm.month, m.held, m.programmes'
    let blobs = `m.held >= x'' OR m.programmes >= x''`
    for (const f of plan.fields) {
      if (!SQL_FIELDS.has(f)) {
        values += ', NULL'
        continue
      }
      values += `, m.${f}`
      blobs += ` OR m.${f} >= x''`
    }
    this.values = values
    let grouped: [string, string, number | null][]
    try {
      grouped = sqlite
        .prepare(
          `SELECT p.id, json_group_array(json_array(${values})), max(${blobs})
           FROM posyandu p JOIN monthly_report m INDEXED BY monthly_report_posyandu_month ON m.posyandu_id = p.id AND m.deleted_at IS NULL AND m.month BETWEEN ? AND ?
           WHERE ${withinSql('m.scope', kec).sql}
           GROUP BY p.id ORDER BY p.id`,
        )
        .raw(true)
        .all(...this.args) as [string, string, number | null][]
    } catch {
      // JSON refuses some BLOB: the plain read for all.
      const rows = sqlite.prepare(`SELECT m.posyandu_id, ${values} FROM monthly_report m WHERE ${this.where} ORDER BY m.posyandu_id, m.month`).raw(true).all(...this.args) as unknown[][]
      for (let i = 0; i < rows.length; i++) {
        const id = rows[i][0] as string
        let list = this.plain.get(id)
        if (!list) this.plain.set(id, (list = []))
        list.push(rows[i].slice(1))
      }
      return
    }
    // A posyandu holding a BLOB is read the plain way when asked for (empty text: not JSON).
    // (An indexed loop: a destructuring for-of runs the iterator protocol per row, slow before
    // the optimising compiler takes over and costly for it to compile.)
    this.texts = new Array(grouped.length)
    for (let i = 0; i < grouped.length; i++) {
      const g = grouped[i]
      this.json.set(g[0], i)
      this.texts[i] = g[2] ? '' : g[1]
    }
  }

  /** Posyandu with any month in the year. */
  ids(): string[] {
    return [...this.json.keys(), ...this.plain.keys()]
  }

  /**
   * One posyandu's month rows in month order (undefined: none), new arrays on every call; then
   * forgets the posyandu's JSON text (a kabupaten-year's texts, about a megabyte, no longer live
   * through the strata computation: less for the collector to copy).
   */
  take(id: string): unknown[][] | undefined {
    const at = this.json.get(id)
    const json = at === undefined ? null : this.texts[at]
    if (json === null) return this.plain.get(id)
    // (Dropped from the list, not deleted from the map: a shrinking Map rebuilds its table.)
    this.texts[at as number] = null
    const rows = fromJson(json)
    if (rows) return rows
    // The plain path: the posyandu's rows as better-sqlite3 reads them.
    this.plainOne ??= this.sqlite.prepare(`SELECT ${this.values} FROM monthly_report m WHERE ${this.where} AND m.posyandu_id = ? ORDER BY m.month`).raw(true)
    return this.plainOne.all(...this.args, id) as unknown[][]
  }
}

/** One posyandu's month rows from its JSON array, or null when a number in it might not be exact (or a BLOB, or months out of order). */
function fromJson(json: string): unknown[][] | null {
  if (!json) return null
  const rows = JSON.parse(json) as unknown[][]
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]
    for (let i = 0; i < row.length; i++) {
      const v = row[i]
      if (typeof v === 'number') {
        // Integers below 10^15 are exact in any JSON printing of numbers; anything else goes the plain way.
        if (!(Number.isInteger(v) && Math.abs(v) < 1e15)) return null
      } else if (v !== null && typeof v === 'object') return null // a BLOB
    }
    // The index gives month order; were it ever otherwise, the plain read sorts as SQLite does.
    if (r > 0 && (rows[r - 1][0] as string) > (row[0] as string)) return null
  }
  return rows
}

/** Monthly column ← field of the yearly SASARAN form that holds the same target. */
export const YEARLY_TARGETS: Record<string, string> = { bumil_target: 'sasaran_bumil', bayi_target: 'sasaran_bayi', pus: 'pus', kk: 'kk' }

/** The yearly SASARAN forms of the posyandu with months in the year, by posyandu (in the order read). */
export function yearlyTargets(sqlite: Database.Database, year: number, ids: string[]): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>()
  if (!ids.length) return out
  const rows = sqlite
    .prepare(`SELECT posyandu_id, values_json FROM form_report WHERE form_code = 'SASARAN' AND period = ? AND deleted_at IS NULL AND posyandu_id IN (SELECT value FROM json_each(?))`)
    .all(String(year), JSON.stringify(ids)) as { posyandu_id: string; values_json: string }[]
  for (const r of rows) {
    let list = out.get(r.posyandu_id)
    if (!list) out.set(r.posyandu_id, (list = []))
    list.push(JSON.parse(r.values_json) as Record<string, unknown>)
  }
  return out
}

/** The target columns a plan's rows hold: [row position, SASARAN field] (a target the set does not read is not filled in). */
function targetsIn(plan: StrataPlan): [number, string][] {
  const out: [number, string][] = []
  for (const [col, field] of Object.entries(YEARLY_TARGETS)) {
    const i = plan.fields.indexOf(col)
    if (i >= 0) out.push([3 + i, field])
  }
  return out
}

/**
 * Targets live on the yearly SASARAN form; a month that did not repeat a target in its own
 * columns (the SKDN grid still has them, for older data) takes the year's value from there.
 */
function withYearlyTargets(rows: unknown[][], forms: Record<string, unknown>[] | undefined, targets: [number, string][]): unknown[][] {
  if (!forms) return rows
  // Indexed loops: this runs for every month of every posyandu with a SASARAN form.
  for (let f = 0; f < forms.length; f++) {
    const form = forms[f]
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      for (let t = 0; t < targets.length; t++) {
        const value = form[targets[t][1]]
        if (row[targets[t][0]] === null && typeof value === 'number') row[targets[t][0]] = value
      }
    }
  }
  return rows
}

/** Manual scores of a period, summed per posyandu. */
export function manualScores(sqlite: Database.Database, periodId: string | null): Map<string, number> {
  if (!periodId) return new Map()
  const rows = sqlite
    .prepare(`SELECT posyandu_id AS id, sum(score) AS total FROM evaluation_score WHERE period_id = ? AND deleted_at IS NULL GROUP BY posyandu_id`)
    .all(periodId) as { id: string; total: number }[]
  return new Map(rows.map((r) => [r.id, r.total]))
}

/** Criteria score (0–100); with manual scores given: (1 − w) × criteria + w × manual share, w from the set. */
function totalScore(set: IndicatorSet, r: StratumResult, manual: number | null): number | null {
  if (r.score === null) return null
  const manualMax = (set.manualItems ?? []).reduce((s, i) => s + i.max, 0)
  if (!manualMax || manual === null) return r.score
  const w = set.manualWeight ?? 0.2
  return Math.round(10 * ((1 - w) * r.score + (w * 100 * manual) / manualMax)) / 10
}

function summarise(code: string, name: string, set: IndicatorSet, rows: PosyanduStratum[], prevAktif: number | null): AreaSummary {
  const byStratum: Record<string, number> = {}
  for (const l of set.levels) byStratum[l.id] = 0
  let incomplete = 0
  let noData = 0
  let aktif = 0
  let kader = 0
  let pilot = 0
  const scores: number[] = []
  for (const r of rows) {
    kader += r.kader
    if (r.pilot) pilot++
    // Counted apart: no report at all, or reports that leave the stratum undecided — never inside a level.
    if (r.result.monthsReported === 0) noData++
    else if (r.result.stratum === null) incomplete++
    else byStratum[r.result.stratum]++
    if (r.result.aktif) aktif++
    if (r.totalScore !== null) scores.push(r.totalScore)
  }
  const aktifPct = rows.length ? aktif / rows.length : null
  return {
    code,
    name,
    posyandu: rows.length,
    kader,
    byStratum,
    incomplete,
    noData,
    aktif,
    aktifPct,
    previousAktifPct: prevAktif,
    improvement: aktifPct !== null && prevAktif !== null ? aktifPct - prevAktif : null,
    avgScore: scores.length ? Math.round((10 * scores.reduce((s, x) => s + x, 0)) / scores.length) / 10 : null,
    pilot,
  }
}

/** Share of the rows aktif the year before (null: none reported then). */
function previousAktifPct(list: PosyanduStratum[], wasAktif: Map<string, boolean | null>): number | null {
  let reported = false
  let aktif = 0
  for (const r of list) {
    const was = wasAktif.get(r.id)
    if (was !== null) reported = true
    if (was) aktif++
  }
  return reported ? aktif / list.length : null
}

/** What the strata of each posyandu read, gathered once per computation. */
interface Inputs {
  plan: StrataPlan
  now: YearMonths
  before: YearMonths | null
  targets: Map<string, Record<string, unknown>[]>
  targetsAt: [number, string][]
  manual: Map<string, number>
  wasAktif: Map<string, boolean | null>
}

/**
 * One posyandu's row of the strata. A function of its own, so computeStrata stays small: the
 * optimising compiler otherwise compiled the rules into it twice, on entry and again on stack
 * replacement, in the first runs (issue 17: each cost tens of milliseconds of compiler CPU).
 */
function posyanduRow(p: PosyanduRef, x: Inputs): PosyanduStratum {
  const set = x.plan.set
  const result = stratumOfRows(x.plan, withYearlyTargets(x.now.take(p.id) ?? [], x.targets.get(p.id), x.targetsAt))
  const prevMonths = x.before?.take(p.id)
  const previous = prevMonths ? stratumOfRows(x.plan, prevMonths) : null
  x.wasAktif.set(p.id, previous ? previous.aktif : null)
  const m = x.manual.get(p.id) ?? null
  // Written out, not spread: a spread with more keys after it took as long as a posyandu's month read.
  return {
    id: p.id,
    name: p.name,
    desaCode: p.desaCode,
    desaName: p.desaName,
    kecamatanCode: p.kecamatanCode,
    kecamatanName: p.kecamatanName,
    pilot: p.pilot,
    kader: p.kader,
    result,
    previous: previous?.stratum ?? null,
    manualScore: m,
    totalScore: totalScore(set, result, m),
  }
}

// computeStrata's loops are functions of their own (rowsOf, kecamatanSummaries): computeStrata
// itself then stays in the interpreter (it runs once per computation), instead of being
// compiled late, in the benchmark's fifth to seventh run, with everything it calls inlined.

/** The strata rows of the posyandu, in their order. */
function rowsOf(posyandu: PosyanduRef[], inputs: Inputs): PosyanduStratum[] {
  // A loop, not `.map`: the rows' array then has one elements kind whichever compiler made it
  // (see strataPlan in the rules), and summarise is not deoptimised by it.
  const rows: PosyanduStratum[] = []
  for (let i = 0; i < posyandu.length; i++) rows.push(posyanduRow(posyandu[i], inputs))
  return rows
}

/** One summary per kecamatan, the most aktif first. */
function kecamatanSummaries(rows: PosyanduStratum[], set: IndicatorSet, wasAktif: Map<string, boolean | null>): AreaSummary[] {
  const byKec = new Map<string, PosyanduStratum[]>()
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    let l = byKec.get(r.kecamatanCode)
    if (!l) byKec.set(r.kecamatanCode, (l = []))
    l.push(r)
  }
  const kecamatan: AreaSummary[] = []
  for (const [code, list] of byKec) kecamatan.push(summarise(code, list[0].kecamatanName, set, list, previousAktifPct(list, wasAktif)))
  kecamatan.sort((a, b) => (b.aktifPct ?? -1) - (a.aktifPct ?? -1) || a.name.localeCompare(b.name))
  return kecamatan
}

/**
 * Strata of every posyandu in an area for one year, with the year before for comparison
 * (unless `previousYear: false`),
 * summaries per kecamatan and in total. One query per year; the rules run in memory.
 */
export function computeStrata(
  sqlite: Database.Database,
  area: { code: string; name: string },
  year: number,
  set: IndicatorSet,
  opts: { periodId?: string | null; previousYear?: boolean } = {},
): StrataOutput {
  const periodId = opts.periodId ?? null
  const posyandu = listPosyandu(sqlite, area.code)
  // The month rows hold only the fields the set reads: half the row-building work at kabupaten scale.
  const plan = strataPlan(set)
  const now = new YearMonths(sqlite, area.code, year, plan)
  const targets = yearlyTargets(sqlite, year, now.ids())
  const targetsAt = targetsIn(plan)
  const before = opts.previousYear === false ? null : new YearMonths(sqlite, area.code, year - 1, plan)
  const manual = manualScores(sqlite, periodId)
  // Whether each posyandu was aktif the year before (null: no reports then), kept beside the rows.
  const wasAktif = new Map<string, boolean | null>()
  const inputs: Inputs = { plan, now, before, targets, targetsAt, manual, wasAktif }
  const rows = rowsOf(posyandu, inputs)
  const kecamatan = kecamatanSummaries(rows, set, wasAktif)
  return { year, area, set, rows, kecamatan, total: summarise(area.code, area.name, set, rows, previousAktifPct(rows, wasAktif)) }
}

/**
 * computeStrata, kept until the database changes (cache.ts): the strata screen on a revisit
 * and the report printed again are answered without reading the year again.
 */
export function cachedStrata(...args: Parameters<typeof computeStrata>): StrataOutput {
  const [sqlite, area, year, set, opts = {}] = args
  const key = `strata|${area.code}|${area.name}|${year}|${opts.periodId ?? ''}|${opts.previousYear !== false}|${JSON.stringify(set)}`
  return cached(sqlite, key, () => computeStrata(sqlite, area, year, set, opts))
}
