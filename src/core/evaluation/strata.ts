import type Database from 'better-sqlite3'
import type { AreaSummary, PosyanduRef, PosyanduStratum, StrataOutput } from '../../shared/contract/evaluation'
import { NUMERIC_FIELDS } from '../../shared/evaluation/fields'
import { computeStratum, metricFields, type IndicatorSet, type MonthData, type StratumResult } from '../../shared/evaluation/strata'
import { cached } from './cache'
import { listPosyandu } from './posyandu'
import { withinSql } from '../db/area'

export const MONTH_COLUMNS = ['posyandu_id', 'month', 'held', 'open_date', 'programmes', ...NUMERIC_FIELDS]

/**
 * Live monthly reports of one year for the registered posyandu of an area, one posyandu at a
 * time, in month order. SQLite hands over the year as one JSON text per posyandu; `months(id)`
 * turns one posyandu's text into month objects only when asked (issue 17: computeStrata asks
 * once per posyandu and drops the months after its stratum, so a kabupaten-year's 15,000 month
 * objects never all live at once: the garbage collector copied them from one generation to the
 * next, a third of the strata's time).
 */
export class YearMonths {
  private readonly json = new Map<string, string>()
  /** Months read the plain way: the whole year when the JSON query failed, or posyandu whose JSON is not exact. */
  private readonly plain = new Map<string, MonthData[]>()
  private readonly where: string
  private readonly args: string[]
  private plainOne: Database.Statement | null = null
  /** An empty month with every column, copied for each month (one object shape from the start). */
  private readonly template: MonthData

  constructor(
    private readonly sqlite: Database.Database,
    area: string,
    year: number,
    private readonly columns: string[] = MONTH_COLUMNS,
  ) {
    const kec = area.split('.').length > 3 ? area.split('.').slice(0, 3).join('.') : area
    this.where = `deleted_at IS NULL AND month BETWEEN ? AND ? AND ${withinSql('scope', kec).sql}`
    this.args = [`${year}-01`, `${year}-12`, ...withinSql('scope', kec).args]
    this.template = Object.fromEntries(columns.map((c) => [c, null])) as unknown as MonthData
    // Fast path (issue 17: strata ≤ 2× a plain aggregate of the same rows): one JSON array per
    // posyandu, so the 15,000 month rows of a kabupaten-year cross into JavaScript as 1,200
    // strings instead of 200,000 cells. JSON keeps integers, text and NULL exactly; a posyandu
    // with any other number (a REAL: Simpul never writes one, but a file may hold it) or a BLOB
    // (marked as {} here: JSON would read it as JSONB) takes the plain path, so the months are
    // exactly what better-sqlite3 would read.
    // Read posyandu by posyandu through the (posyandu, month) index: the year's rows arrive grouped
    // and in month order, with no sort (months of a posyandu missing from the registry are left
    // out: no stratum is asked for one); the order is checked when the months are made.
    // A BLOB is found by comparison (BLOBs sort after every other value), one flag per posyandu:
    // cheaper per cell than typeof() or replacing the cell.
    // (Lists built in loops: see levelsFrom in the rules on arrays made by `.map`.)
    let values = ''
    let blobs = ''
    for (const c of columns) {
      if (c === 'posyandu_id') continue
      values += `${values ? ', ' : ''}m.${c}`
      blobs += `${blobs ? ' OR ' : ''}m.${c} >= x''`
    }
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
      const rows = sqlite.prepare(`SELECT ${columns.join(', ')} FROM monthly_report WHERE ${this.where} ORDER BY posyandu_id, month`).all(...this.args) as MonthData[]
      for (const r of rows) {
        const id = r.posyandu_id as string
        let list = this.plain.get(id)
        if (!list) this.plain.set(id, (list = []))
        list.push(r)
      }
      return
    }
    // A posyandu holding a BLOB is read the plain way when asked for (empty text: not JSON).
    // (An indexed loop: a destructuring for-of runs the iterator protocol per row, slow before
    // the optimising compiler takes over and costly for it to compile.)
    for (let i = 0; i < grouped.length; i++) {
      const g = grouped[i]
      this.json.set(g[0], g[2] ? '' : g[1])
    }
  }

  /** Posyandu with any month in the year. */
  ids(): string[] {
    return [...this.json.keys(), ...this.plain.keys()]
  }

  /** One posyandu's months in month order (undefined: none), new objects on every call. */
  months(id: string): MonthData[] | undefined {
    const json = this.json.get(id)
    if (json === undefined) return this.plain.get(id)
    const list = this.fromJson(id, json)
    if (list) return list
    // The plain path: the posyandu's rows as better-sqlite3 reads them.
    this.plainOne ??= this.sqlite.prepare(`SELECT ${this.columns.join(', ')} FROM monthly_report WHERE ${this.where} AND posyandu_id = ? ORDER BY month`)
    return this.plainOne.all(...this.args, id) as MonthData[]
  }

  /**
   * months(id), then forgets the posyandu's JSON text (a kabupaten-year's texts, about a
   * megabyte, no longer live through the strata computation: less for the collector to copy).
   */
  take(id: string): MonthData[] | undefined {
    const months = this.months(id)
    this.json.delete(id)
    return months
  }

  /** One posyandu's months from its JSON array, or null when a number in it might not be exact (or a BLOB, or months out of order). */
  private fromJson(id: string, json: string): MonthData[] | null {
    if (!json) return null
    const rows = JSON.parse(json) as unknown[][]
    const columns = this.columns
    const out: MonthData[] = new Array(rows.length)
    let ordered = true
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r]
      const m = { ...this.template }
      for (let i = 0, j = 0; i < columns.length; i++) {
        if (columns[i] === 'posyandu_id') {
          m.posyandu_id = id
          continue
        }
        const v = values[j++] as string | number | null
        if (v !== null && typeof v === 'object') return null // a BLOB
        // Integers below 10^15 are exact in any JSON printing of numbers; anything else goes the plain way.
        if (typeof v === 'number' && !(Number.isInteger(v) && Math.abs(v) < 1e15)) return null
        m[columns[i]] = v
      }
      out[r] = m
      if (r > 0 && out[r - 1].month > m.month) ordered = false
    }
    // The index gives month order; were it ever otherwise, the plain read sorts as SQLite does.
    return ordered ? out : null
  }
}

/** Monthly column ← field of the yearly SASARAN form that holds the same target. */
export const YEARLY_TARGETS: Record<string, string> = { bumil_target: 'sasaran_bumil', bayi_target: 'sasaran_bayi', pus: 'pus', kk: 'kk' }
const TARGET_COLUMNS = Object.entries(YEARLY_TARGETS)

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

/**
 * Targets live on the yearly SASARAN form; a month that did not repeat a target in its own
 * columns (the SKDN grid still has them, for older data) takes the year's value from there.
 */
export function withYearlyTargets(months: MonthData[], forms: Record<string, unknown>[] | undefined): MonthData[] {
  if (!forms) return months
  // Indexed loops: this runs for every month of every posyandu with a SASARAN form.
  for (let f = 0; f < forms.length; f++) {
    const targets = forms[f]
    for (let i = 0; i < months.length; i++) {
      const m = months[i]
      for (let t = 0; t < TARGET_COLUMNS.length; t++) {
        const col = TARGET_COLUMNS[t][0]
        const value = targets[TARGET_COLUMNS[t][1]]
        if (col in m && m[col] === null && typeof value === 'number') m[col] = value
      }
    }
  }
  return months
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
  // Only the columns the set reads: half the row-building work at kabupaten scale.
  // Only known columns go into the SQL: a set is data (it travels from the kabupaten), and a
  // field it names that is no monthly column reads as missing ("data tidak lengkap").
  const known = new Set<string>(NUMERIC_FIELDS)
  const columns = ['posyandu_id', 'month', 'held', 'programmes', ...metricFields(set).filter((f) => known.has(f))]
  const now = new YearMonths(sqlite, area.code, year, columns)
  const targets = yearlyTargets(sqlite, year, now.ids())
  const before = opts.previousYear === false ? null : new YearMonths(sqlite, area.code, year - 1, columns)
  const manual = manualScores(sqlite, periodId)
  // Whether each posyandu was aktif the year before (null: no reports then), kept beside the rows.
  const wasAktif = new Map<string, boolean | null>()
  // A loop, not `.map`: the rows' array then has one elements kind whichever compiler made it
  // (see levelsFrom in the rules), and summarise is not deoptimised by it.
  const rows: PosyanduStratum[] = []
  for (const p of posyandu as PosyanduRef[]) {
    const result = computeStratum(set, withYearlyTargets(now.take(p.id) ?? [], targets.get(p.id)))
    const prevMonths = before?.take(p.id)
    const previous = prevMonths ? computeStratum(set, prevMonths) : null
    wasAktif.set(p.id, previous ? previous.aktif : null)
    const m = manual.get(p.id) ?? null
    // Written out, not spread: a spread with more keys after it took as long as a posyandu's month read.
    rows.push({
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
    })
  }
  const byKec = new Map<string, PosyanduStratum[]>()
  for (const r of rows) {
    let l = byKec.get(r.kecamatanCode)
    if (!l) byKec.set(r.kecamatanCode, (l = []))
    l.push(r)
  }
  const kecamatan: AreaSummary[] = []
  for (const [code, list] of byKec) kecamatan.push(summarise(code, list[0].kecamatanName, set, list, previousAktifPct(list, wasAktif)))
  kecamatan.sort((a, b) => (b.aktifPct ?? -1) - (a.aktifPct ?? -1) || a.name.localeCompare(b.name))
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
