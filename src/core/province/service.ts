import type Database from 'better-sqlite3'
import type { Ctx } from '../context'
import { getSetting } from '../settings'
import { wilayahGet } from '../wilayah/service'
import { AppError } from '../../shared/result'
import { isBelow } from '../../shared/area'
import { levelBelow, levelOf } from '../policy'
import {
  assembleSummary,
  BUNDLES_SUMMARY_SQL,
  DEFAULT_STALE_DAYS,
  KADER_SUMMARY_SQL,
  perProvince,
  REPORTS_SUMMARY_SQL,
  SET_SUMMARY_SQL,
  STRATA_SUMMARY_SQL,
  type BundleSummaryRow,
  type KaderSummaryRow,
  type ProvinceSummary,
  type ReportsSummaryRow,
  type SetSummaryRow,
  type StrataSummaryRow,
} from './summary'
import { msg } from '../../shared/messages'

/** A wilayah name from the Kemendagri reference, or the code when it is not there. */
export const wilayahName = (sqlite: Database.Database) => (code: string) => wilayahGet(sqlite, code)?.name ?? code

/** Setting `province.pref.stale_days` (Pengaturan / the dashboard): days after which a kabupaten's data counts as stale. */
export const STALE_DAYS_SETTING = 'province.pref.stale_days'

export function staleAfterDays(sqlite: Database.Database): number {
  const n = Number(getSetting(sqlite, STALE_DAYS_SETTING))
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_STALE_DAYS
}

/**
 * What the summary takes from this office's own SQLite file whatever holds the data rows:
 * the enrolled kabupaten/kota (listed even before their first bundle), the last bundle from
 * each, and the clock and stale setting. The warehouse passes the same beside its PostgreSQL rows.
 */
export function localSummaryInputs(ctx: Ctx): { bundles: BundleSummaryRow[]; peers: string[]; opts: { now: Date; staleAfterDays: number } } {
  const office = ctx.requireOffice()
  const sqlite = ctx.sqlite
  // The offices this one hears from: a province's kabupaten/kota, the national office's provinces.
  const below = office.level === 'provinsi' || office.level === 'nasional' ? levelBelow(office.level) : null
  const peers = (sqlite.prepare(`SELECT wilayah_code AS code FROM peer_office WHERE status = 'active' AND level = ?`).all(below ?? '-') as { code: string }[]).map((p) => p.code)
  return { bundles: sqlite.prepare(BUNDLES_SUMMARY_SQL).all() as BundleSummaryRow[], peers, opts: { now: ctx.clock.now(), staleAfterDays: staleAfterDays(sqlite) } }
}

/**
 * The province figures from this office's own SQLite database (a province, or a kabupaten
 * over itself). At the national office: per province and the national total, or with
 * `province` per kabupaten/kota of that province and its total.
 */
export function provinceSummary(ctx: Ctx, year: number, province?: string): ProvinceSummary {
  const office = ctx.requireOffice()
  const sqlite = ctx.sqlite
  const local = localSummaryInputs(ctx)
  const rows = {
    kader: sqlite.prepare(KADER_SUMMARY_SQL).all() as KaderSummaryRow[],
    strata: sqlite.prepare(STRATA_SUMMARY_SQL).all() as StrataSummaryRow[],
    sets: sqlite.prepare(SET_SUMMARY_SQL).all() as SetSummaryRow[],
    reports: sqlite.prepare(REPORTS_SUMMARY_SQL).all() as ReportsSummaryRow[],
  }
  const name = wilayahName(sqlite)
  if (province !== undefined) {
    if (!isBelow(province, office.wilayahCode) || levelOf(province) !== 'provinsi') {
      throw new AppError('AREA_OUTSIDE', msg('province.outside', { code: province }))
    }
    if (!wilayahGet(sqlite, province)) throw new AppError('WILAYAH_UNKNOWN', msg('bundle.wilayahUnknown', { code: province }))
    return assembleSummary(year, { code: province, name: name(province) }, { ...rows, bundles: local.bundles, peers: [] }, name, local.opts)
  }
  const national = office.level === 'nasional'
  return assembleSummary(
    year,
    { code: office.wilayahCode, name: name(office.wilayahCode) },
    { ...(national ? perProvince(rows) : rows), bundles: local.bundles, peers: local.peers },
    name,
    { ...local.opts, unit: national ? 'provinsi' : 'kabupaten' },
  )
}

/** Years with strata or monthly reports, newest first (the dashboard's year picker). */
export function provinceYears(ctx: Ctx): number[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT year FROM posyandu_stratum WHERE deleted_at IS NULL
       UNION SELECT CAST(substr(month, 1, 4) AS INTEGER) FROM monthly_report WHERE deleted_at IS NULL
       ORDER BY 1 DESC`,
    )
    .all() as { year: number }[]
  return rows.map((r) => Number(r.year))
}
