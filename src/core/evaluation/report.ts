import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { AnnexRow, EvaluationReport, PrintedReport, Recap, RecapRow, TrendPoint } from '../../shared/contract/evaluation'
import { derivedIndicators } from '../../shared/evaluation/fields'
import { describeSet, describeTieBreak, rankRows, type IndicatorSet } from '../../shared/evaluation/strata'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { wilayahGet } from '../wilayah/service'
import { withinSql } from '../db/area'
import { monthsOf } from './monthly'
import { getPeriod, periodSet } from './periods'
import { listPosyandu, resolveArea } from './posyandu'
import { indicatorSet } from './sets'
import { cached } from './cache'
import { cachedStrata, MONTH_COLUMNS } from './strata'
import { msg } from '../../shared/messages'

/** JSON with sorted keys, so the same data always gives the same text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

const areaFilter = (col: string, area: string) => withinSql(col, area, '@area').sql

const TEXT_MONTH_COLUMNS = new Set(['posyandu_id', 'month', 'open_date', 'programmes'])

/**
 * The month rows as JSON lines by SQLite (null: no rows), or undefined when a value would not
 * print as JSON.stringify prints it (a BLOB; in a number column a fraction, text, or an
 * integer beyond 2^53). The check is comparisons only (function calls per cell would cost
 * more than the JSON saves), and the rows come in (posyandu, month) order from the index.
 */
function monthsJson(sqlite: Database.Database, from: string, params: Record<string, string>): string | null | undefined {
  const max = Number.MAX_SAFE_INTEGER
  const odd = MONTH_COLUMNS.map((c) => (TEXT_MONTH_COLUMNS.has(c) ? `m.${c} >= x''` : `m.${c} >= x'' OR m.${c} > ${max} OR m.${c} < -${max} OR m.${c} <> CAST(m.${c} AS INTEGER)`)).join(' OR ')
  let rows: [string, number | null][]
  try {
    rows = sqlite
      .prepare(`SELECT json_array(${MONTH_COLUMNS.map((c) => `m.${c}`).join(', ')}), ${odd} ${from} ORDER BY p.id, m.month`)
      .raw()
      .all(params) as [string, number | null][]
  } catch {
    return undefined // JSON refuses some BLOB: read and printed the plain way
  }
  const lines: string[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    if (rows[i][1]) return undefined
    lines[i] = rows[i][0]
  }
  return rows.length ? lines.join('\n') : null
}

/**
 * A short fingerprint of exactly the rows a report is made from: the indicator set, the
 * posyandu of the area, their kader links, the monthly reports of the year and the year
 * before, and the period's manual scores. Revision counters and timestamps are left out,
 * so the hash changes when, and only when, the data changes.
 */
export function dataHash(sqlite: Database.Database, area: string, months: [from: string, to: string][], set: IndicatorSet | null, periodId: string | null): string {
  const h = createHash('sha256')
  // Rows come as arrays in the fixed column order of each SELECT, so plain JSON is canonical.
  const feed = (label: string, rows: unknown[]) => {
    h.update(`#${label}\n`)
    for (const r of rows) h.update(`${JSON.stringify(r)}\n`)
  }
  if (set) {
    const { edited: _edited, ...plain } = set
    h.update(`#set\n${canonical(plain)}\n`)
  }
  const params = { area }
  feed('posyandu', sqlite.prepare(`SELECT id, name, desa_code, is_phi_model, is_ilp, is_spm_pilot FROM posyandu WHERE deleted_at IS NULL AND ${areaFilter('desa_code', area)} ORDER BY id`).raw().all(params))
  feed(
    'kader',
    sqlite
      .prepare(
        `SELECT kp.posyandu_id, kp.kader_id, kp.to_date FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id
         WHERE kp.deleted_at IS NULL AND p.deleted_at IS NULL AND ${areaFilter('p.desa_code', area)} ORDER BY kp.posyandu_id, kp.kader_id, kp.id`,
      )
      .raw()
      .all(params),
  )
  const kec = area.split('.').slice(0, 3).join('.')
  // Posyandu by posyandu through the (posyandu, month) index: the rows come in the hashed order
  // with no sort (a third of the hashing time at kabupaten scale). Live rows are unique per
  // (posyandu, month), so the order is fully determined.
  const monthFrom = `FROM posyandu p JOIN monthly_report m INDEXED BY monthly_report_posyandu_month ON m.posyandu_id = p.id AND m.deleted_at IS NULL AND m.month BETWEEN @from AND @to
     WHERE p.deleted_at IS NULL AND ${withinSql('m.scope', kec, '@kec').sql} AND ${areaFilter('p.desa_code', area)}`
  for (const [from, to] of months) {
    const label = `monthly ${from}..${to}`
    // Most of the hashing time at kabupaten scale (two years of months): SQLite writes each row's
    // JSON itself, the same text as JSON.stringify of the row as better-sqlite3 reads it for
    // integers, text and NULL (tests/core/evaluation-hash.test.ts); a REAL, a BLOB or an integer
    // beyond 2^53 would print differently, so then the rows are read and printed here.
    const text = monthsJson(sqlite, monthFrom, { area, kec, from, to })
    if (text !== undefined) {
      h.update(`#${label}\n`)
      if (text !== null) h.update(`${text}\n`)
    } else feed(label, sqlite.prepare(`SELECT m.${MONTH_COLUMNS.join(', m.')} ${monthFrom} ORDER BY p.id, m.month`).raw().all({ area, kec, from, to }))
  }
  if (periodId) {
    feed('scores', sqlite.prepare(`SELECT posyandu_id, item, score, notes FROM evaluation_score WHERE period_id = ? AND deleted_at IS NULL ORDER BY posyandu_id, item`).raw().all(periodId))
  }
  return h.digest('hex').slice(0, 12)
}

/** Average monthly K/S, D/S and N/D over the posyandu that reported and were open. */
function trend(sqlite: Database.Database, area: string, year: number, ids: Set<string>): TrendPoint[] {
  const kec = area.split('.').slice(0, 3).join('.')
  const rows = sqlite
    .prepare(
      `SELECT posyandu_id, month, s, k, d, n FROM monthly_report WHERE deleted_at IS NULL AND held = 1 AND month BETWEEN ? AND ? AND ${withinSql('scope', kec).sql}`,
    )
    .all(`${year}-01`, `${year}-12`, ...withinSql('scope', kec).args) as { posyandu_id: string; month: string; s: number | null; k: number | null; d: number | null; n: number | null }[]
  // One pass over the rows (not one per month); each month's ratios are summed in row order, as before.
  const months = monthsOf(year)
  const slot = new Map(months.map((m, i) => [m, i]))
  const sums = months.map(() => ({ ds: 0, ks: 0, nd: 0, nds: 0, nks: 0, nnd: 0, reports: 0 }))
  for (const r of rows) {
    const i = slot.get(r.month)
    if (i === undefined || !ids.has(r.posyandu_id)) continue
    const x = derivedIndicators(r)
    const t = sums[i]
    t.reports++
    if (x.ds !== null) (t.ds += x.ds), t.nds++
    if (x.ks !== null) (t.ks += x.ks), t.nks++
    if (x.nd !== null) (t.nd += x.nd), t.nnd++
  }
  return months.map((month, i) => {
    const t = sums[i]
    return { month, ds: t.nds ? t.ds / t.nds : null, ks: t.nks ? t.ks / t.nks : null, nd: t.nnd ? t.nd / t.nnd : null, reports: t.reports }
  })
}

/** How coverage is counted, printed under the thresholds on every report. */
export const COVERAGE_NOTES = [
  'Frekuensi buka = jumlah bulan dengan hari buka; bulan yang belum dilaporkan dihitung "data tidak lengkap", bukan 0.',
  'Rata-rata kader dan D/S dihitung dari bulan-bulan buka yang terisi.',
  'Cakupan KIA = jumlah K4 setahun / sasaran ibu hamil; imunisasi = jumlah IDL setahun / sasaran bayi; KB = peserta KB aktif bulan terakhir / PUS; dana sehat = anggota (KK) bulan terakhir / jumlah KK. Sasaran = nilai terakhir yang dilaporkan pada tahun itu.',
  'Purnama dan Mandiri dihitung sebagai posyandu aktif; persentase aktif = posyandu aktif / seluruh posyandu terdaftar (penyebut dicetak).',
]

export interface ReportSource {
  periodId?: string
  year?: number
  rules?: string
  area?: string
}

export function buildReport(ctx: Ctx, src: ReportSource): EvaluationReport {
  const office = ctx.requireOffice()
  const period = src.periodId ? getPeriod(ctx.sqlite, src.periodId) : null
  const year = period?.year ?? src.year
  if (!year) throw new AppError('YEAR_REQUIRED', msg('evaluation.yearRequired'))
  const area = period ? { code: period.areaCode, name: period.areaName } : resolveArea(ctx, src.area)
  const set = period ? periodSet(ctx, period.id) : indicatorSet(ctx.sqlite, office.wilayahCode, src.rules)
  const strata = cachedStrata(ctx.sqlite, area, year, set, { periodId: period?.id ?? null })
  const months: [string, string][] = [[`${year - 1}-01`, `${year}-12`]]
  const hash = cached(ctx.sqlite, `hash|${area.code}|${JSON.stringify(months)}|${period?.id ?? ''}|${JSON.stringify(set)}`, () => dataHash(ctx.sqlite, area.code, months, set, period?.id ?? null))
  return {
    ...strata,
    period,
    generatedAt: ctx.clock.now().toISOString(),
    dataHash: hash,
    method: [...describeSet(set), ...COVERAGE_NOTES],
    trend: trend(ctx.sqlite, area.code, year, new Set(strata.rows.map((r) => r.id))),
  }
}

/**
 * The report as the printed page needs it (issue 17: the full report of a kabupaten is
 * 2.4 MB of per-posyandu objects, reasons and criterion texts the page never shows; this is
 * a few hundred kB). The annex rows are arrays of numbers with the repeated texts (desa,
 * stratum, "penghambat") given once in `annex.texts`.
 */
export function buildPrintedReport(ctx: Ctx, src: ReportSource): PrintedReport {
  // Kept until the database changes (cache.ts); only the time it was made is new each time.
  const key = `printed|${ctx.requireOffice().wilayahCode}|${JSON.stringify([src.periodId ?? null, src.year ?? null, src.rules ?? null, src.area ?? null])}`
  return { ...cached(ctx.sqlite, key, () => printedReport(ctx, src)), generatedAt: ctx.clock.now().toISOString() }
}

function printedReport(ctx: Ctx, src: ReportSource): PrintedReport {
  const r = buildReport(ctx, src)
  const texts: string[] = []
  const textIndex = new Map<string, number>()
  const text = (t: string) => {
    let i = textIndex.get(t)
    if (i === undefined) textIndex.set(t, (i = texts.push(t) - 1))
    return i
  }
  const rowsByKec = new Map<string, AnnexRow[]>()
  for (const p of r.rows) {
    let undecided = 0
    const values = p.result.criteria.map((c, i) => {
      if (c.value !== null && c.met === null) undecided |= 1 << i
      return c.value
    })
    const row: AnnexRow = [p.name, p.pilot ? 1 : 0, text(p.desaName), p.result.monthsReported, text(p.result.label), text(p.result.blocking.join('; ') || 'semua kriteria terpenuhi'), undecided, ...values]
    let list = rowsByKec.get(p.kecamatanCode)
    if (!list) rowsByKec.set(p.kecamatanCode, (list = []))
    list.push(row)
  }
  // Equal scores share a rank; the set's tie-break rules order them and are printed below.
  // Ten rows at most: when many share the top scores (a kabupaten may have hundreds at 100),
  // the rest of the last rank shown is counted in one line instead of filling pages.
  const ranked = rankRows(r.rows, r.set).filter((x) => x.rank <= 10)
  const top = ranked
    .slice(0, 10)
    .map(({ row: p, rank, tied }) => ({ rank, tied, pilot: p.pilot, name: p.name, desaName: p.desaName, kecamatanName: p.kecamatanName, label: p.result.label, totalScore: p.totalScore }))
  const last = top[top.length - 1]
  const topTiedMore = ranked.length > top.length ? { count: ranked.length - top.length, rank: last.rank, totalScore: last.totalScore } : null
  return {
    year: r.year,
    area: r.area,
    period: r.period && { name: r.period.name, evaluators: r.period.evaluators, status: r.period.status },
    generatedAt: r.generatedAt,
    dataHash: r.dataHash,
    method: r.method,
    set: { name: r.set.name, source: r.set.source ?? null, levels: r.set.levels, criteria: r.set.criteria.map((c) => ({ id: c.id, label: c.label, unit: c.unit })) },
    kecamatan: r.kecamatan,
    total: r.total,
    trend: r.trend.map((p) => ({ month: p.month, ds: p.ds })),
    top,
    topTiedMore,
    tieBreak: describeTieBreak(r.set),
    annex: {
      texts,
      groups: r.kecamatan
        .slice()
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((k) => ({ code: k.code, name: k.name, posyandu: k.posyandu, aktif: k.aktif, aktifPct: k.aktifPct, rows: rowsByKec.get(k.code) ?? [] })),
    },
  }
}

export const RECAP_FIELDS = ['s', 'k', 'd', 'n', 't', 'o', 'b', 'bgm', 'stunting_found', 'stunting_referred', 'bumil', 'k4', 'imunisasi', 'kb', 'vit_a', 'pmt'] as const

/** The monthly SKDN recap: per desa for a kecamatan, per posyandu for a desa. */
export function buildRecap(ctx: Ctx, areaCode: string, month: string): Recap {
  const area = resolveArea(ctx, areaCode)
  const level = wilayahGet(ctx.sqlite, area.code)?.level
  if (level !== 'kecamatan' && level !== 'desa') throw new AppError('RECAP_LEVEL', msg('evaluation.recapLevel'))
  const posyandu = listPosyandu(ctx.sqlite, area.code)
  const rows = ctx.sqlite
    .prepare(`SELECT * FROM monthly_report WHERE deleted_at IS NULL AND month = ? AND ${withinSql('scope', area.code.slice(0, 8)).sql}`)
    .all(month, ...withinSql('scope', area.code.slice(0, 8)).args) as Record<string, number | string | null>[]
  const byPos = new Map(rows.map((r) => [r.posyandu_id as string, r]))
  const groups = new Map<string, { code: string; name: string; ids: string[] }>()
  for (const p of posyandu) {
    const [code, name] = level === 'kecamatan' ? [p.desaCode, p.desaName] : [p.id, p.name]
    let g = groups.get(code)
    if (!g) groups.set(code, (g = { code, name, ids: [] }))
    g.ids.push(p.id)
  }
  const makeRow = (code: string, name: string, ids: string[]): RecapRow => {
    const reports = ids.map((id) => byPos.get(id)).filter((r): r is Record<string, number | string | null> => !!r)
    const totals: Record<string, number | null> = {}
    for (const f of RECAP_FIELDS) {
      const xs = reports.map((r) => r[f]).filter((x): x is number => typeof x === 'number')
      totals[f] = xs.length ? xs.reduce((s, x) => s + x, 0) : null
    }
    const ratios = derivedIndicators(totals)
    return { code, name, posyandu: ids.length, reported: reports.length, held: reports.filter((r) => r.held === 1).length, totals, ratios }
  }
  const list = [...groups.values()].map((g) => makeRow(g.code, g.name, g.ids))
  return {
    area: { ...area, level },
    month,
    rows: list,
    total: makeRow(area.code, `Jumlah ${area.name}`, posyandu.map((p) => p.id)),
    dataHash: dataHash(ctx.sqlite, area.code, [[month, month]], null, null),
  }
}

