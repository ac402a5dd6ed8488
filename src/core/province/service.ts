import type Database from 'better-sqlite3'
import type { Ctx } from '../context'
import { wilayahGet } from '../wilayah/service'
import { assembleSummary, KADER_SUMMARY_SQL, SET_SUMMARY_SQL, STRATA_SUMMARY_SQL, type KaderSummaryRow, type ProvinceSummary, type SetSummaryRow, type StrataSummaryRow } from './summary'

/** A wilayah name from the Kemendagri reference, or the code when it is not there. */
export const wilayahName = (sqlite: Database.Database) => (code: string) => wilayahGet(sqlite, code)?.name ?? code

/** The province figures from this office's own SQLite database (a province, or a kabupaten over itself). */
export function provinceSummary(ctx: Ctx, year: number): ProvinceSummary {
  const office = ctx.requireOffice()
  const sqlite = ctx.sqlite
  return assembleSummary(
    year,
    { code: office.wilayahCode, name: wilayahName(sqlite)(office.wilayahCode) },
    {
      kader: sqlite.prepare(KADER_SUMMARY_SQL).all() as KaderSummaryRow[],
      strata: sqlite.prepare(STRATA_SUMMARY_SQL).all() as StrataSummaryRow[],
      sets: sqlite.prepare(SET_SUMMARY_SQL).all() as SetSummaryRow[],
    },
    wilayahName(sqlite),
  )
}
