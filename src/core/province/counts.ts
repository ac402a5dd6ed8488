import type { Ctx } from '../context'
import { deleteRow, insertRow, restoreRow, updateRow } from '../db/rows'
import { computeStrata } from '../evaluation/strata'
import { indicatorSet } from '../evaluation/sets'

/**
 * What a kabupaten sends its province instead of kader rows and raw rules: per posyandu, how
 * many active kader by sex, role and training (kader_count), and per posyandu and year the
 * stratum computed with the kabupaten's indicator set (posyandu_stratum). Refreshed before
 * every bundle to the province, through the one write path; a count that did not change
 * keeps its revision, so the same data makes the same rows.
 */
export function refreshForProvince(ctx: Ctx): { counts: number; strata: number } {
  const office = ctx.requireOffice()
  if (office.level !== 'kabupaten') return { counts: 0, strata: 0 }
  const kab = office.wilayahCode
  const today = ctx.clock.now().toISOString().slice(0, 10)
  const sqlite = ctx.sqlite
  return sqlite.transaction(() => {
    // Active kader: an open membership, a live kader row, not ended before today.
    const counted = sqlite
      .prepare(
        `SELECT p.id AS posyandu_id,
                count(DISTINCT k.id) AS total,
                count(DISTINCT CASE WHEN k.sex = 'L' THEN k.id END) AS male,
                count(DISTINCT CASE WHEN k.sex = 'P' THEN k.id END) AS female,
                count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM kader_training tr WHERE tr.kader_id = k.id AND tr.deleted_at IS NULL) THEN k.id END) AS trained,
                count(DISTINCT CASE WHEN k.role = 'ketua' THEN k.id END) AS ketua,
                count(DISTINCT CASE WHEN k.role = 'sekretaris' THEN k.id END) AS sekretaris,
                count(DISTINCT CASE WHEN k.role = 'bendahara' THEN k.id END) AS bendahara,
                count(DISTINCT CASE WHEN k.role = 'anggota' THEN k.id END) AS anggota
         FROM posyandu p
         LEFT JOIN kader_posyandu kp ON kp.posyandu_id = p.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL
         LEFT JOIN kader k ON k.id = kp.kader_id AND k.deleted_at IS NULL AND (k.active_to IS NULL OR k.active_to >= @today)
         WHERE p.deleted_at IS NULL AND p.scope LIKE @kab || '.%'
         GROUP BY p.id`,
      )
      .all({ today, kab }) as ({ posyandu_id: string } & Record<string, number>)[]
    const counts = upsert(ctx, 'kader_count', ['posyandu_id'], counted)

    const set = indicatorSet(sqlite, kab, undefined)
    const years = (sqlite.prepare(`SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) AS y FROM monthly_report WHERE deleted_at IS NULL AND scope LIKE ? || '.%' ORDER BY y`).all(kab) as { y: number }[]).map((r) => r.y)
    const strata = years.flatMap((year) =>
      computeStrata(sqlite, { code: kab, name: office.name }, year, set, { previousYear: false }).rows.map((r) => ({
        posyandu_id: r.id,
        year,
        stratum: r.result.stratum ?? 'tidak_lengkap',
        aktif: r.result.aktif ? 1 : 0,
        set_code: set.code,
        set_name: set.name,
        reason: r.result.reason.slice(0, 500),
      })),
    )
    return { counts, strata: upsert(ctx, 'posyandu_stratum', ['posyandu_id', 'year'], strata) }
  })()
}

/** Makes the kabupaten's rows of a derived table equal `wanted` (matched by `key`): insert, change, tombstone. */
function upsert(ctx: Ctx, table: string, key: string[], wanted: Record<string, unknown>[]): number {
  const scope = ctx.requireOffice().wilayahCode
  const keyOf = (r: Record<string, unknown>) => key.map((k) => String(r[k])).join('|')
  const held = new Map(
    (ctx.sqlite.prepare(`SELECT * FROM "${table}" WHERE scope = ?`).all(scope) as Record<string, unknown>[]).map((r) => [keyOf(r), r]),
  )
  for (const w of wanted) {
    const old = held.get(keyOf(w))
    held.delete(keyOf(w))
    if (!old) insertRow(ctx, table, w)
    else {
      if (old.deleted_at) restoreRow(ctx, table, String(old.id))
      updateRow(ctx, table, String(old.id), w)
    }
  }
  for (const gone of held.values()) if (!gone.deleted_at) deleteRow(ctx, table, String(gone.id))
  return wanted.length
}
