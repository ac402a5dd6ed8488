import type { Ctx } from '../context'
import { makeRng } from '../demo/prng'
import { audit } from '../db/rows'
import { withinSql } from '../db/area'
import { NATIONAL_CODE } from '../../shared/area'
import { formatHlc, nextHlc, observeHlc, parseHlc } from '../sync/hlc'
import { monthlyReportId, monthsOf } from './monthly'
import { MONTH_COLUMNS } from './strata'
import { reportProgress, throwIfCancelled } from '../jobs'


export interface MonthlyDemoOptions {
  seed: number
  /** How many years, ending with `endYear` (default: the clock's year). */
  years: number
  endYear?: number
  /** Only posyandu whose desa lies in this area (default: all). */
  area?: string
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x))

/**
 * Plausible monthly reports for every live posyandu: each posyandu has a "quality" that
 * drifts upward over the years and drives opening days, kader, D/S and coverage, so the
 * strata spread from Pratama to Mandiri. Realistic gaps: unreported months, months marked
 * "tidak buka", posyandu founded later, a few that never report. Months after the clock's
 * current month are left out. Written in one transaction (rev 1, fresh HLCs, this device),
 * with one audit entry for the batch; existing reports are left untouched.
 */
export function generateMonthlyReports(ctx: Ctx, opts: MonthlyDemoOptions): { posyandu: number; reports: number } {
  const r = makeRng(opts.seed)
  const now = ctx.clock.now()
  const endYear = opts.endYear ?? now.getFullYear()
  const lastMonth = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
  const inArea = withinSql('desa_code', opts.area || NATIONAL_CODE)
  const posyandu = ctx.sqlite
    .prepare(`SELECT id, desa_code, year_founded FROM posyandu WHERE deleted_at IS NULL AND ${inArea.sql} ORDER BY id`)
    .all(...inArea.args) as { id: string; desa_code: string; year_founded: number | null }[]
  const cols = ['id', 'scope', 'rev', 'hlc', 'origin', 'created_at', 'updated_at', ...MONTH_COLUMNS]
  const insert = ctx.sqlite.prepare(`INSERT OR IGNORE INTO monthly_report (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`)
  const stamp = now.toISOString()
  let count = 0
  ctx.sqlite.transaction(() => {
    const base = parseHlc(nextHlc(ctx.sqlite, ctx.clock))
    let ms = base.ms
    let counter = base.counter
    // A 6-digit counter; past it, step the millisecond so HLCs keep sorting as text.
    const tick = () => (++counter > 999_999 ? formatHlc(++ms, (counter = 0)) : formatHlc(ms, counter))
    for (const [i, p] of posyandu.entries()) {
      // Every 100 posyandu: progress for the window, and a cancel check (the transaction rolls back).
      if (i % 100 === 0) (throwIfCancelled(), reportProgress({ phase: 'demo-laporan', done: i, total: posyandu.length, rows: count }))
      if (r.chance(0.03)) continue // never reports
      let quality = r.between(0.05, 0.9)
      const s0 = r.int(25, 160)
      const founded = p.year_founded ?? (r.chance(0.1) ? endYear - r.int(0, opts.years) : null)
      const silentYear = r.chance(0.08) ? endYear - r.int(0, opts.years - 1) : null
      for (let y = endYear - opts.years + 1; y <= endYear; y++) {
        quality = clamp(quality + r.between(-0.06, 0.1), 0, 1)
        if ((founded && y < founded) || y === silentYear) continue
        const s = Math.round(s0 * r.between(0.92, 1.08))
        const bumilTarget = Math.max(2, Math.round(s * r.between(0.18, 0.28)))
        const bayiTarget = Math.max(2, Math.round(s * r.between(0.18, 0.24)))
        const pus = Math.round(s * r.between(1.4, 1.9))
        const kk = Math.round(s * r.between(2.2, 3))
        const gapRate = r.between(0.02, 0.2) * (1.2 - quality)
        for (const month of monthsOf(y)) {
          if (month > lastMonth || r.chance(gapRate)) continue
          const held = r.chance(0.45 + 0.55 * quality) ? 1 : 0
          const row: Record<string, unknown> = Object.fromEntries(cols.map((c) => [c, null]))
          Object.assign(row, {
            posyandu_id: p.id,
            month,
            held,
            s,
            bumil_target: bumilTarget,
            bayi_target: bayiTarget,
            pus,
            kk,
          })
          if (held) {
            const k = Math.round(s * clamp(0.75 + 0.25 * quality + r.between(-0.05, 0.05), 0, 1))
            const d = Math.round(k * clamp(0.25 + 0.7 * quality + r.between(-0.12, 0.12), 0.05, 1))
            const b = Math.min(d, r.int(0, 3))
            const o = Math.min(d - b, Math.round(d * r.between(0, 0.08)))
            const n = Math.round((d - b - o) * r.between(0.6, 0.9))
            const cov = clamp(0.2 + 0.8 * quality + r.between(-0.15, 0.15), 0, 1.2)
            const found = r.chance(0.3) ? r.int(0, 4) : 0
            Object.assign(row, {
              open_date: `${month}-${String(r.int(3, 25)).padStart(2, '0')}`,
              kader_on_duty: clamp(Math.round(2 + 6 * quality + r.between(-1.5, 1.5)), 1, 12),
              k,
              d,
              n,
              t: d - b - o - n,
              o,
              b,
              bgm: Math.min(d, Math.round(d * r.between(0, 0.04))),
              stunting_found: found,
              stunting_referred: Math.min(found, r.int(0, found)),
              bumil: Math.round(bumilTarget * r.between(0.2, 0.6)),
              k4: Math.round((bumilTarget / 12) * cov * r.between(0.7, 1.3)),
              imunisasi: Math.round((bayiTarget / 12) * cov * r.between(0.7, 1.3)),
              kb: Math.min(pus, Math.round(pus * clamp(0.3 + 0.5 * quality + r.between(-0.1, 0.1), 0, 1))),
              vit_a: month.endsWith('-02') || month.endsWith('-08') ? Math.round(d * r.between(0.8, 1)) : 0,
              pmt: Math.round(d * r.between(0.1, 0.5)),
              programmes: r.chance(quality * 0.6) ? ['peduli', 'hijau', 'sehat', 'pintar', 'kreatif'].filter(() => r.chance(0.35)).join(',') || 'sehat' : null,
              dana_sehat: Math.round(kk * clamp(quality * 0.75 + r.between(-0.15, 0.15), 0, 1)),
            })
          }
          Object.assign(row, {
            id: monthlyReportId(p.id, month),
            scope: p.desa_code.slice(0, 8),
            rev: 1,
            hlc: tick(),
            origin: ctx.deviceId,
            created_at: stamp,
            updated_at: stamp,
          })
          count += insert.run(row).changes
        }
      }
    }
    observeHlc(ctx.sqlite, formatHlc(ms, counter))
    audit(ctx, 'monthly_report', 'demo', 'import', null, { demo: true, seed: opts.seed, years: opts.years, reports: count })
  })()
  return { posyandu: posyandu.length, reports: count }
}
