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

export type { AreaFigures, ProvinceSummary } from '../../shared/contract/province'

/** Posyandu and kader counts per kabupaten/kota (kader from the kabupaten's kader_count rows). */
export const KADER_SUMMARY_SQL = `
SELECT substr(p.scope, 1, 5) AS kab, count(*) AS posyandu,
       coalesce(sum(k.total), 0) AS kader, coalesce(sum(k.male), 0) AS male, coalesce(sum(k.female), 0) AS female,
       coalesce(sum(k.trained), 0) AS trained
FROM posyandu p
LEFT JOIN kader_count k ON k.posyandu_id = p.id AND k.deleted_at IS NULL
WHERE p.deleted_at IS NULL
GROUP BY substr(p.scope, 1, 5)`

/** Posyandu per kabupaten/kota, year and stratum, with how many of them are aktif. */
export const STRATA_SUMMARY_SQL = `
SELECT substr(p.scope, 1, 5) AS kab, y.year AS year, coalesce(s.stratum, 'tidak_lengkap') AS stratum,
       count(*) AS posyandu, coalesce(sum(s.aktif), 0) AS aktif
FROM posyandu p
CROSS JOIN (SELECT DISTINCT year FROM posyandu_stratum WHERE deleted_at IS NULL) y
LEFT JOIN posyandu_stratum s ON s.posyandu_id = p.id AND s.year = y.year AND s.deleted_at IS NULL
WHERE p.deleted_at IS NULL
GROUP BY substr(p.scope, 1, 5), y.year, coalesce(s.stratum, 'tidak_lengkap')`

/** The indicator sets each kabupaten/kota used for a year's strata. */
export const SET_SUMMARY_SQL = `
SELECT substr(scope, 1, 5) AS kab, year, set_code, set_name, count(*) AS posyandu
FROM posyandu_stratum
WHERE deleted_at IS NULL
GROUP BY substr(scope, 1, 5), year, set_code, set_name`

export interface KaderSummaryRow { kab: string; posyandu: number | string; kader: number | string; male: number | string; female: number | string; trained: number | string }
export interface StrataSummaryRow { kab: string; year: number | string; stratum: string; posyandu: number | string; aktif: number | string }
export interface SetSummaryRow { kab: string; year: number | string; set_code: string; set_name: string; posyandu: number | string }

const pct = (n: number, d: number) => (d ? Math.round((1000 * n) / d) / 10 : null)

/** The figures from the three queries' rows (PostgreSQL returns counts as strings: Number() them). */
export function assembleSummary(
  year: number,
  area: { code: string; name: string },
  rows: { kader: KaderSummaryRow[]; strata: StrataSummaryRow[]; sets: SetSummaryRow[] },
  nameOf: (code: string) => string,
): ProvinceSummary {
  const within = (kab: string) => kab === area.code || kab.startsWith(`${area.code}.`)
  const byKab = new Map<string, AreaFigures>()
  const fig = (code: string): AreaFigures => {
    let f = byKab.get(code)
    if (!f) byKab.set(code, (f = { code, name: nameOf(code), posyandu: 0, kader: 0, kaderMale: 0, kaderFemale: 0, kaderTrained: 0, strata: {}, aktif: 0, denominator: 0, aktifPct: null, sets: [] }))
    return f
  }
  for (const r of rows.kader.filter((r) => within(r.kab))) {
    const f = fig(r.kab)
    f.posyandu = Number(r.posyandu)
    f.kader = Number(r.kader)
    f.kaderMale = Number(r.male)
    f.kaderFemale = Number(r.female)
    f.kaderTrained = Number(r.trained)
  }
  for (const r of rows.strata.filter((r) => within(r.kab) && Number(r.year) === year)) {
    const f = fig(r.kab)
    f.strata[r.stratum] = Number(r.posyandu)
    f.aktif += Number(r.aktif)
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
  }
  const total: AreaFigures = { code: area.code, name: area.name, posyandu: 0, kader: 0, kaderMale: 0, kaderFemale: 0, kaderTrained: 0, strata: {}, aktif: 0, denominator: 0, aktifPct: null, sets: [] }
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
  }
  total.aktifPct = pct(total.aktif, total.denominator)
  total.sets.sort()
  return { year, area, kabupaten, total }
}

const STRATUM_ORDER = ['mandiri', 'purnama', 'madya', 'pratama', 'tidak_lengkap']

/** The summary as text for the command line (Bahasa Indonesia). */
export function summaryText(s: ProvinceSummary): string {
  const line = (f: AreaFigures) => {
    const strata = STRATUM_ORDER.filter((k) => f.strata[k]).map((k) => `${k} ${f.strata[k]}`).concat(Object.keys(f.strata).filter((k) => !STRATUM_ORDER.includes(k)).map((k) => `${k} ${f.strata[k]}`))
    return `${f.code.padEnd(6)} ${f.name.slice(0, 30).padEnd(30)} posyandu ${String(f.posyandu).padStart(5)}  kader ${String(f.kader).padStart(6)}  aktif ${f.aktif}/${f.denominator} = ${f.aktifPct === null ? '–' : `${f.aktifPct.toLocaleString('id-ID')} %`}  [${strata.join(', ')}]`
  }
  return [
    `Ringkasan ${s.area.name} (${s.area.code}), tahun ${s.year}`,
    `% aktif = posyandu Purnama + Mandiri dibagi posyandu terdaftar; set indikator: ${s.total.sets.join('; ') || '–'}`,
    '',
    ...s.kabupaten.map(line),
    '',
    line(s.total),
  ].join('\n')
}
