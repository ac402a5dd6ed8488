/**
 * The evaluation data hash as it was before issue 17 made SQLite write the month rows' JSON
 * (src/core/evaluation/report.ts at ab11204), kept as the yardstick: a locked period stores
 * this fingerprint, so the new code must give the very same one (tests/core/evaluation-hash.test.ts).
 * Do not "improve" this file.
 */
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { IndicatorSet } from '../../src/shared/evaluation/strata'
import { MONTH_COLUMNS } from '../../src/core/evaluation/strata'

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

const areaFilter = (col: string) => `(${col} = @area OR ${col} LIKE @area || '.%')`

/**
 * A short fingerprint of exactly the rows a report is made from: the indicator set, the
 * posyandu of the area, their kader links, the monthly reports of the year and the year
 * before, and the period's manual scores. Revision counters and timestamps are left out,
 * so the hash changes when, and only when, the data changes.
 */
export function referenceDataHash(sqlite: Database.Database, area: string, months: [from: string, to: string][], set: IndicatorSet | null, periodId: string | null): string {
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
  feed('posyandu', sqlite.prepare(`SELECT id, name, desa_code, is_phi_model, is_ilp, is_spm_pilot FROM posyandu WHERE deleted_at IS NULL AND ${areaFilter('desa_code')} ORDER BY id`).raw().all(params))
  feed(
    'kader',
    sqlite
      .prepare(
        `SELECT kp.posyandu_id, kp.kader_id, kp.to_date FROM kader_posyandu kp JOIN posyandu p ON p.id = kp.posyandu_id
         WHERE kp.deleted_at IS NULL AND p.deleted_at IS NULL AND ${areaFilter('p.desa_code')} ORDER BY kp.posyandu_id, kp.kader_id, kp.id`,
      )
      .raw()
      .all(params),
  )
  const kec = area.split('.').slice(0, 3).join('.')
  const monthSql = sqlite.prepare(
    `SELECT m.${MONTH_COLUMNS.join(', m.')} FROM monthly_report m JOIN posyandu p ON p.id = m.posyandu_id
     WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL AND (m.scope = @kec OR m.scope LIKE @kec || '.%') AND ${areaFilter('p.desa_code')}
       AND m.month BETWEEN @from AND @to ORDER BY m.posyandu_id, m.month`,
  ).raw()
  for (const [from, to] of months) feed(`monthly ${from}..${to}`, monthSql.all({ area, kec, from, to }))
  if (periodId) {
    feed('scores', sqlite.prepare(`SELECT posyandu_id, item, score, notes FROM evaluation_score WHERE period_id = ? AND deleted_at IS NULL ORDER BY posyandu_id, item`).raw().all(periodId))
  }
  return h.digest('hex').slice(0, 12)
}

