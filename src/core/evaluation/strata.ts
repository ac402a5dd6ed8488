import type Database from 'better-sqlite3'
import type { AreaSummary, PosyanduRef, PosyanduStratum, StrataOutput } from '../../shared/contract/evaluation'
import { NUMERIC_FIELDS } from '../../shared/evaluation/fields'
import { programmeCount, ratioInput, stratumFromInput, type IndicatorSet, type Metric, type MetricInput, type MonthData, type StratumResult, type YearInput } from '../../shared/evaluation/strata'
import { listPosyandu } from './posyandu'

export const MONTH_COLUMNS = ['posyandu_id', 'month', 'held', 'open_date', 'programmes', ...NUMERIC_FIELDS]

/** Live monthly reports of one year for the posyandu of an area, grouped by posyandu, in month order. */
export function loadYear(sqlite: Database.Database, area: string, year: number, columns: string[] = MONTH_COLUMNS): Map<string, MonthData[]> {
  const kec = area.split('.').length > 3 ? area.split('.').slice(0, 3).join('.') : area
  const rows = sqlite
    .prepare(
      `SELECT ${columns.join(', ')} FROM monthly_report
       WHERE deleted_at IS NULL AND month BETWEEN ? AND ? AND (scope = ? OR scope LIKE ? || '.%')
       ORDER BY posyandu_id, month`,
    )
    .all(`${year}-01`, `${year}-12`, kec, kec) as MonthData[]
  const out = new Map<string, MonthData[]>()
  for (const r of rows) {
    const id = r.posyandu_id as string
    let list = out.get(id)
    if (!list) out.set(id, (list = []))
    list.push(r)
  }
  return out
}

/** SQL for what one criterion reads, per posyandu (same numbers as yearInput in shared/evaluation/strata.ts). */
function metricSql(m: Metric, i: number): string[] {
  const col = (f: string) => `"${f.replace(/"/g, '')}"`
  const heldOnly = (expr: string) => `CASE WHEN held = 1 THEN ${expr} END`
  // 'last' = the value of the latest month that has one: months are YYYY-MM, so max(month|value) is it.
  // Targets (den) count in every reported month (held 0 or 1; held is NOT NULL), the rest in months held.
  // 'last' = the value of the latest month that has one: months are 'YYYY-MM' (7 characters),
  // so max(month || value) is that month, and the value follows it.
  const agg = (expr: string, how: 'sum' | 'last' | 'max', onlyHeld: boolean) => {
    if (how === 'last') return `max(CASE WHEN ${onlyHeld ? 'held = 1 AND ' : ''}${expr} IS NOT NULL THEN month || ${expr} END)`
    return `${how}(${onlyHeld ? heldOnly(expr) : expr})`
  }
  switch (m.kind) {
    case 'openings':
      return [`sum(held = 1) AS m${i}`]
    case 'avg':
      return [`avg(${heldOnly(col(m.field))}) AS m${i}`]
    case 'avg_ratio':
      return [`avg(CASE WHEN held = 1 AND ${col(m.num)} IS NOT NULL AND ${col(m.den)} > 0 THEN CAST(${col(m.num)} AS REAL) / ${col(m.den)} END) AS m${i}`]
    case 'ratio':
      return [`${agg(col(m.num), m.numAgg, true)} AS m${i}`, `${agg(col(m.den), m.denAgg, false)} AS d${i}`]
    case 'programmes':
      return [`group_concat(${heldOnly('programmes')}, ',') AS m${i}`]
  }
}

const lastValue = (v: unknown): number | null => (typeof v === 'string' ? Number(v.slice(7)) : typeof v === 'number' ? v : null)

/**
 * One year of every posyandu in an area reduced by one GROUP BY to what the set's criteria
 * read (no row objects per month: the strata of a kabupaten-year in about two plain aggregates).
 */
export function loadYearInputs(sqlite: Database.Database, area: string, year: number, set: IndicatorSet): Map<string, YearInput> {
  const kec = area.split('.').length > 3 ? area.split('.').slice(0, 3).join('.') : area
  const rows = sqlite
    .prepare(
      `SELECT posyandu_id AS id, count(held) AS reported, coalesce(sum(held = 1), 0) AS held, ${set.criteria.flatMap((c, i) => metricSql(c.metric, i)).join(', ')}
       FROM monthly_report
       WHERE deleted_at IS NULL AND month BETWEEN ? AND ? AND (scope = ? OR (scope > ? AND scope < ?))
       GROUP BY posyandu_id`,
    )
    // 'kec.' < scope < 'kec/': every scope below it ('/' follows '.'), cheaper than LIKE on each row.
    .all(`${year}-01`, `${year}-12`, kec, `${kec}.`, `${kec}/`) as Record<string, unknown>[]
  const out = new Map<string, YearInput>()
  for (const r of rows) {
    const metrics = set.criteria.map((c, i): MetricInput => {
      const v = r[`m${i}`]
      const m = c.metric
      if (m.kind === 'openings') return { value: (r.reported as number) > 0 ? (v as number) : null }
      if (m.kind === 'programmes') return { value: (r.held as number) > 0 ? programmeCount([v as string | null]) : null }
      if (m.kind === 'ratio') {
        const num = m.numAgg === 'last' ? lastValue(v) : (v as number | null)
        const d = r[`d${i}`]
        return ratioInput(num, m.denAgg === 'last' ? lastValue(d) : (d as number | null))
      }
      return { value: (v as number | null) ?? null }
    })
    out.set(r.id as string, { monthsReported: r.reported as number, monthsHeld: r.held as number, metrics })
  }
  return out
}

const NO_REPORTS: YearInput = { monthsReported: 0, monthsHeld: 0, metrics: [] }

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
  const byStratum = Object.fromEntries(set.levels.map((l) => [l.id, 0])) as Record<string, number>
  let incomplete = 0
  let noData = 0
  let aktif = 0
  const scores: number[] = []
  for (const r of rows) {
    if (r.result.stratum === null) noData++
    else byStratum[r.result.stratum]++
    if (r.result.incomplete) incomplete++
    if (r.result.aktif) aktif++
    if (r.totalScore !== null) scores.push(r.totalScore)
  }
  const aktifPct = rows.length ? aktif / rows.length : null
  return {
    code,
    name,
    posyandu: rows.length,
    kader: rows.reduce((s, r) => s + r.kader, 0),
    byStratum,
    incomplete,
    noData,
    aktif,
    aktifPct,
    previousAktifPct: prevAktif,
    improvement: aktifPct !== null && prevAktif !== null ? aktifPct - prevAktif : null,
    avgScore: scores.length ? Math.round((10 * scores.reduce((s, x) => s + x, 0)) / scores.length) / 10 : null,
    pilot: rows.filter((r) => r.pilot).length,
  }
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
  // One GROUP BY per year: the rules then run on a few numbers per posyandu.
  const now = loadYearInputs(sqlite, area.code, year, set)
  const before = opts.previousYear === false ? new Map<string, YearInput>() : loadYearInputs(sqlite, area.code, year - 1, set)
  const manual = manualScores(sqlite, periodId)
  // Whether each posyandu was aktif the year before (null: no reports then), kept beside the rows.
  const wasAktif = new Map<string, boolean | null>()
  const rows: PosyanduStratum[] = posyandu.map((p: PosyanduRef) => {
    const result = stratumFromInput(set, now.get(p.id) ?? { ...NO_REPORTS, metrics: set.criteria.map(() => ({ value: null })) })
    const prevInput = before.get(p.id)
    const previous = prevInput ? stratumFromInput(set, prevInput) : null
    wasAktif.set(p.id, previous ? previous.aktif : null)
    const m = manual.get(p.id) ?? null
    return { ...p, result, previous: previous?.stratum ?? null, manualScore: m, totalScore: totalScore(set, result, m) }
  })
  const prevPct = (list: PosyanduStratum[]) =>
    list.some((r) => wasAktif.get(r.id) !== null) ? list.filter((r) => wasAktif.get(r.id)).length / list.length : null
  const byKec = new Map<string, PosyanduStratum[]>()
  for (const r of rows) {
    let l = byKec.get(r.kecamatanCode)
    if (!l) byKec.set(r.kecamatanCode, (l = []))
    l.push(r)
  }
  const kecamatan = [...byKec.entries()].map(([code, list]) => summarise(code, list[0].kecamatanName, set, list, prevPct(list)))
  kecamatan.sort((a, b) => (b.aktifPct ?? -1) - (a.aktifPct ?? -1) || a.name.localeCompare(b.name))
  return { year, area, set, rows, kecamatan, total: summarise(area.code, area.name, set, rows, prevPct(rows)) }
}
