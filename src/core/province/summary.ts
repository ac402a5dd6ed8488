/**
 * The province figures (issue #15): per kabupaten/kota and in total — posyandu, kader, the
 * strata distribution and % aktif with its numerator, denominator, year and indicator set.
 * The three queries below are plain SQL that SQLite (the desktop office) and PostgreSQL (the
 * warehouse, as materialised views) both run, so the two give the same numbers for the same
 * bundles by construction; `assembleSummary` turns their rows into the figures.
 *
 * Denominator: every registered (not deleted) posyandu of the area; a posyandu without a
 * computed stratum for the year counts as "tidak_lengkap", never silently left out.
 */

import type { AreaFigures, ProvinceSummary } from '../../shared/contract/province'
import { isWithin, parentCode } from '../../shared/area'

export type { AreaFigures, ProvinceSummary } from '../../shared/contract/province'

/**
 * The rows about a posyandu (kader counts, strata, reports) are joined to it within its own
 * kabupaten/kota (`substr(x.scope, 1, 5) = substr(p.scope, 1, 5)`): a row points only at rows
 * of its own area, so this leaves no row out, and it lets the warehouse reach one
 * kabupaten/kota's rows of every table through that table's kabupaten index alone.
 */

/** Posyandu and kader counts per kabupaten/kota (kader from the kabupaten's kader_count rows). */
export const KADER_SUMMARY_SQL = `
SELECT substr(p.scope, 1, 5) AS kab, count(*) AS posyandu,
       coalesce(sum(k.total), 0) AS kader, coalesce(sum(k.male), 0) AS male, coalesce(sum(k.female), 0) AS female,
       coalesce(sum(k.trained), 0) AS trained
FROM posyandu p
LEFT JOIN kader_count k ON k.posyandu_id = p.id AND substr(k.scope, 1, 5) = substr(p.scope, 1, 5) AND k.deleted_at IS NULL
WHERE p.deleted_at IS NULL
GROUP BY substr(p.scope, 1, 5)`

/**
 * Posyandu per kabupaten/kota, year and stratum, with how many of them are aktif: for each
 * year the kabupaten/kota has strata of. (A year only another kabupaten/kota has gives the
 * same figures either way — assembleSummary counts a posyandu without a row as tidak
 * lengkap — and listing the years per kabupaten/kota lets the warehouse recompute one
 * kabupaten/kota through its index instead of reading every stored year's strata.)
 */
export const STRATA_SUMMARY_SQL = `
SELECT substr(p.scope, 1, 5) AS kab, y.year AS year, coalesce(s.stratum, 'tidak_lengkap') AS stratum,
       count(*) AS posyandu, coalesce(sum(s.aktif), 0) AS aktif
FROM posyandu p
JOIN (SELECT DISTINCT substr(scope, 1, 5) AS kab, year FROM posyandu_stratum WHERE deleted_at IS NULL) y ON y.kab = substr(p.scope, 1, 5)
LEFT JOIN posyandu_stratum s ON s.posyandu_id = p.id AND s.year = y.year AND substr(s.scope, 1, 5) = substr(p.scope, 1, 5) AND s.deleted_at IS NULL
WHERE p.deleted_at IS NULL
GROUP BY substr(p.scope, 1, 5), y.year, coalesce(s.stratum, 'tidak_lengkap')`

/** The indicator sets each kabupaten/kota used for a year's strata. */
export const SET_SUMMARY_SQL = `
SELECT substr(scope, 1, 5) AS kab, year, set_code, set_name, count(*) AS posyandu
FROM posyandu_stratum
WHERE deleted_at IS NULL
GROUP BY substr(scope, 1, 5), year, set_code, set_name`

/**
 * Posyandu reporting per kabupaten/kota and month (one monthly report per posyandu and month
 * counts once): the numerator of report completeness. The pairs made distinct by a GROUP BY
 * first, then counted: PostgreSQL hashes a GROUP BY, while `count(DISTINCT …)` sorts every
 * report of the kabupaten/kota (≈ 1 µs a loaded row in the warehouse's summaries).
 */
export const REPORTS_SUMMARY_SQL = `
SELECT d.kab AS kab, d.month AS month, count(*) AS reported
FROM (SELECT substr(p.scope, 1, 5) AS kab, m.month AS month, m.posyandu_id AS posyandu_id
      FROM monthly_report m
      JOIN posyandu p ON p.id = m.posyandu_id AND substr(m.scope, 1, 5) = substr(p.scope, 1, 5) AND p.deleted_at IS NULL
      WHERE m.deleted_at IS NULL
      GROUP BY substr(p.scope, 1, 5), m.month, m.posyandu_id) d
GROUP BY d.kab, d.month`

/** The last bundle received from each office (desktop: bundle_log; the warehouse keeps its own load log). */
export const BUNDLES_SUMMARY_SQL = `
SELECT b.peer_code AS kab, b.seq AS seq, b.created_at AS created_at, b.processed_at AS received_at
FROM bundle_log b
WHERE b.direction = 'in' AND b.seq = (SELECT max(seq) FROM bundle_log x WHERE x.direction = 'in' AND x.peer_code = b.peer_code)`

export interface ReportsSummaryRow { kab: string; month: string; reported: number | string }
export interface BundleSummaryRow { kab: string; seq: number | string; created_at: string; received_at: string }

export interface KaderSummaryRow { kab: string; posyandu: number | string; kader: number | string; male: number | string; female: number | string; trained: number | string }
export interface StrataSummaryRow { kab: string; year: number | string; stratum: string; posyandu: number | string; aktif: number | string }
export interface SetSummaryRow { kab: string; year: number | string; set_code: string; set_name: string; posyandu: number | string }

/**
 * The query rows summed per larger area (`groupOf` a kabupaten code: its province, at a
 * national office): the same SQL serves every level, and a province's figures are the sum of
 * its kabupaten/kota rows by construction. `sums` are the count columns; every other column
 * is part of the key.
 */
export function rollUp<T extends { kab: string }>(rows: T[], groupOf: (kab: string) => string, sums: (keyof T)[]): T[] {
  const out = new Map<string, T>()
  for (const r of rows) {
    const g = { ...r, kab: groupOf(r.kab) }
    const key = JSON.stringify(Object.entries(g).filter(([k]) => !sums.includes(k as keyof T)).sort())
    const held = out.get(key)
    if (!held) out.set(key, g)
    else for (const k of sums) (held as Record<keyof T, unknown>)[k] = Number(held[k]) + Number(r[k])
  }
  return [...out.values()]
}

/** The query rows per province (a national office's summary): see rollUp. */
export function perProvince(rows: { kader: KaderSummaryRow[]; strata: StrataSummaryRow[]; sets: SetSummaryRow[]; reports?: ReportsSummaryRow[] }) {
  const prov = (kab: string) => kab.slice(0, 2)
  return {
    kader: rollUp(rows.kader, prov, ['posyandu', 'kader', 'male', 'female', 'trained']),
    strata: rollUp(rows.strata, prov, ['posyandu', 'aktif']),
    sets: rollUp(rows.sets, prov, ['posyandu']),
    reports: rows.reports && rollUp(rows.reports, prov, ['reported']),
  }
}

const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null)

/** Months of `year` a report is due for, seen from `today`: all twelve of a past year, the finished ones of this year. */
export function monthsDue(year: number, today: string): number {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))]
  return year < y ? 12 : year === y ? m - 1 : 0
}

const DAY_MS = 86_400_000
export const DEFAULT_STALE_DAYS = 45

const emptyFigures = (code: string, name: string): AreaFigures => ({
  code, name, posyandu: 0, kader: 0, kaderMale: 0, kaderFemale: 0, kaderTrained: 0, strata: {}, aktif: 0, denominator: 0, aktifPct: null, sets: [],
  completeness: { reported: 0, expected: 0, months: 0, pct: null }, lastBundle: null, stale: false, trend: [],
})

/**
 * The figures from the queries' rows (PostgreSQL returns counts as strings: Number() them).
 * `reports`, `bundles` and `peers` (the enrolled kabupaten/kota, listed even before their
 * first bundle) may be left out by a caller that has none: completeness is then 0 of the
 * posyandu-months due, and every kabupaten/kota counts as without a bundle.
 */
export function assembleSummary(
  year: number,
  area: { code: string; name: string },
  rows: { kader: KaderSummaryRow[]; strata: StrataSummaryRow[]; sets: SetSummaryRow[]; reports?: ReportsSummaryRow[]; bundles?: BundleSummaryRow[]; peers?: string[] },
  nameOf: (code: string) => string,
  opts: { now?: Date; staleAfterDays?: number; unit?: 'kabupaten' | 'provinsi' } = {},
): ProvinceSummary {
  const now = opts.now ?? new Date()
  const today = now.toISOString().slice(0, 10)
  const staleAfterDays = opts.staleAfterDays ?? DEFAULT_STALE_DAYS
  const within = (kab: string) => isWithin(kab, area.code)
  const byKab = new Map<string, AreaFigures>()
  const fig = (code: string): AreaFigures => {
    let f = byKab.get(code)
    if (!f) byKab.set(code, (f = emptyFigures(code, nameOf(code))))
    return f
  }
  for (const code of rows.peers ?? []) if (within(code) && code !== area.code) fig(code)
  for (const r of rows.kader.filter((r) => within(r.kab))) {
    const f = fig(r.kab)
    f.posyandu = Number(r.posyandu)
    f.kader = Number(r.kader)
    f.kaderMale = Number(r.male)
    f.kaderFemale = Number(r.female)
    f.kaderTrained = Number(r.trained)
  }
  const years = new Set<number>()
  const trendOf = new Map<string, Map<number, { aktif: number; counted: number; decided: number }>>()
  for (const r of rows.strata.filter((r) => within(r.kab))) {
    const y = Number(r.year)
    years.add(y)
    const per = trendOf.get(r.kab) ?? new Map<number, { aktif: number; counted: number; decided: number }>()
    trendOf.set(r.kab, per)
    const t = per.get(y) ?? { aktif: 0, counted: 0, decided: 0 }
    per.set(y, t)
    t.aktif += Number(r.aktif)
    t.counted += Number(r.posyandu)
    if (r.stratum !== 'tidak_lengkap') t.decided += Number(r.posyandu)
    if (y !== year) continue
    const f = fig(r.kab)
    f.strata[r.stratum] = Number(r.posyandu)
    f.aktif += Number(r.aktif)
  }
  // Completeness counts only months already due, so an early report of this month cannot push it past 100 %.
  const reportedOf = new Map<string, Map<number, number>>()
  for (const r of (rows.reports ?? []).filter((r) => within(r.kab))) {
    const y = Number(r.month.slice(0, 4))
    if (Number(r.month.slice(5, 7)) > monthsDue(y, today)) continue
    const per = reportedOf.get(r.kab) ?? new Map<number, number>()
    reportedOf.set(r.kab, per)
    per.set(y, (per.get(y) ?? 0) + Number(r.reported))
  }
  const bundles = new Map((rows.bundles ?? []).map((b) => [b.kab, b]))
  // A kabupaten/kota seen at the national office came in its province's bundles: that one is its last.
  const bundleOf = (code: string) => {
    for (let c: string | null = code; c; c = parentCode(c)) if (bundles.has(c)) return bundles.get(c)
    return undefined
  }
  for (const r of rows.sets.filter((r) => within(r.kab) && Number(r.year) === year)) fig(r.kab).sets.push(`${r.set_code}: ${r.set_name}`)
  const kabupaten = [...byKab.values()].sort((a, b) => a.code.localeCompare(b.code))
  for (const f of kabupaten) {
    f.denominator = f.posyandu
    // No stratum row for the year at all: every posyandu counts as tidak lengkap.
    const counted = Object.values(f.strata).reduce((s, n) => s + n, 0)
    if (counted < f.posyandu) f.strata.tidak_lengkap = (f.strata.tidak_lengkap ?? 0) + f.posyandu - counted
    f.aktifPct = pct(f.aktif, f.denominator)
    f.sets.sort()
    const months = monthsDue(year, today)
    const reported = reportedOf.get(f.code)?.get(year) ?? 0
    f.completeness = { reported, expected: f.posyandu * months, months, pct: pct(reported, f.posyandu * months) }
    f.trend = [...years].sort((a, b) => a - b).map((y) => {
      const t = trendOf.get(f.code)?.get(y) ?? { aktif: 0, counted: 0, decided: 0 }
      const expected = f.posyandu * monthsDue(y, today)
      const incomplete = Math.max(0, f.posyandu - t.decided)
      return { year: y, aktif: t.aktif, denominator: f.posyandu, aktifPct: pct(t.aktif, f.posyandu), reported: reportedOf.get(f.code)?.get(y) ?? 0, expected, incomplete, partial: monthsDue(y, today) < 12 }
    })
    const b = bundleOf(f.code)
    f.lastBundle = b ? { seq: Number(b.seq), createdAt: b.created_at, receivedAt: b.received_at, ageDays: Math.floor((now.getTime() - Date.parse(b.created_at)) / DAY_MS) } : null
    // An office's own data (a kabupaten over itself) is never stale.
    f.stale = f.code !== area.code && (!f.lastBundle || f.lastBundle.ageDays > staleAfterDays)
  }
  const total = emptyFigures(area.code, area.name)
  for (const f of kabupaten) {
    total.posyandu += f.posyandu
    total.kader += f.kader
    total.kaderMale += f.kaderMale
    total.kaderFemale += f.kaderFemale
    total.kaderTrained += f.kaderTrained
    total.aktif += f.aktif
    total.denominator += f.denominator
    for (const [k, n] of Object.entries(f.strata)) total.strata[k] = (total.strata[k] ?? 0) + n
    for (const s of f.sets) if (!total.sets.includes(s)) total.sets.push(s)
    total.completeness.reported += f.completeness.reported
    total.completeness.expected += f.completeness.expected
  }
  total.aktifPct = pct(total.aktif, total.denominator)
  total.sets.sort()
  total.completeness.months = monthsDue(year, today)
  total.completeness.pct = pct(total.completeness.reported, total.completeness.expected)
  total.trend = [...years].sort((a, b) => a - b).map((y) => {
    const sum = (k: 'aktif' | 'denominator' | 'reported' | 'expected' | 'incomplete') => kabupaten.reduce((n, f) => n + (f.trend.find((t) => t.year === y)?.[k] ?? 0), 0)
    return { year: y, aktif: sum('aktif'), denominator: sum('denominator'), aktifPct: pct(sum('aktif'), sum('denominator')), reported: sum('reported'), expected: sum('expected'), incomplete: sum('incomplete'), partial: monthsDue(y, today) < 12 }
  })
  const due = monthsDue(year, today)
  return {
    year, area, unit: opts.unit ?? 'kabupaten', kabupaten, total,
    generatedAt: now.toISOString(),
    throughMonth: due > 0 ? `${year}-${String(due).padStart(2, '0')}` : null,
    staleAfterDays,
    years: [...years].sort((a, b) => a - b),
  }
}

const percent = (x: number | null) => (x === null ? '–' : `${x.toLocaleString('id-ID')} %`)

const STRATUM_ORDER = ['mandiri', 'purnama', 'madya', 'pratama', 'tidak_lengkap']

/** The summary as text for the command line (Bahasa Indonesia). */
export function summaryText(s: ProvinceSummary): string {
  const line = (f: AreaFigures) => {
    const strata = STRATUM_ORDER.filter((k) => f.strata[k]).map((k) => `${k} ${f.strata[k]}`).concat(Object.keys(f.strata).filter((k) => !STRATUM_ORDER.includes(k)).map((k) => `${k} ${f.strata[k]}`))
    const c = f.completeness
    const b = f.lastBundle
    const bundle = f.code === s.area.code ? '' : `  bundel terakhir ${b ? `#${b.seq} dibuat ${b.createdAt.slice(0, 10)}, diterima ${b.receivedAt.slice(0, 10)} (${b.ageDays} hari)` : 'belum ada'}${f.stale ? ' — DATA USANG' : ''}`
    return (
      `${f.code.padEnd(6)} ${f.name.slice(0, 30).padEnd(30)} posyandu ${String(f.posyandu).padStart(5)}  kader ${String(f.kader).padStart(6)} (L ${f.kaderMale}, P ${f.kaderFemale}, terlatih ${f.kaderTrained})` +
      `  aktif ${f.aktif}/${f.denominator} = ${percent(f.aktifPct)}  [${strata.join(', ')}]` +
      `  kelengkapan ${c.reported}/${c.expected} = ${percent(c.pct)}${bundle}`
    )
  }
  const trend = s.total.trend.map((t) => `${t.year}: ${t.aktif}/${t.denominator} = ${percent(t.aktifPct)}${t.incomplete ? ` (tidak lengkap ${t.incomplete})` : ''}${t.partial ? ' (tahun berjalan)' : ''}`).join('; ')
  return [
    `Ringkasan ${s.area.name} (${s.area.code}), tahun ${s.year}${s.unit === 'provinsi' ? ', per provinsi' : ''}`,
    `% aktif = posyandu Purnama + Mandiri dibagi posyandu terdaftar; set indikator: ${s.total.sets.join('; ') || '–'}`,
    `kelengkapan = bulan-posyandu yang melapor dibagi posyandu terdaftar × ${s.total.completeness.months} bulan${s.throughMonth ? ` (Januari s.d. ${s.throughMonth})` : ''}; data usang: bundel terakhir lebih dari ${s.staleAfterDays} hari`,
    '',
    ...s.kabupaten.map(line),
    '',
    line(s.total),
    `Tren % aktif: ${trend || '–'}`,
  ].join('\n')
}
