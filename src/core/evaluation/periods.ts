import type Database from 'better-sqlite3'
import type { EvaluationPeriod, PeriodScores } from '../../shared/contract/evaluation'
import type { IndicatorSet } from '../../shared/evaluation/strata'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { insertRow, requireRow, updateRow } from '../db/rows'
import { isWithin } from '../wilayah/service'
import { listPosyandu, resolveArea } from './posyandu'
import { indicatorSet } from './sets'

const COLS = `p.id, p.scope, p.name, p.year, p.indicator_set_code AS indicatorSetCode, p.area_code AS areaCode, coalesce(w.name, p.area_code) AS areaName,
  p.evaluators, p.status, p.locked_at AS lockedAt, p.locked_by AS lockedBy, p.data_hash AS dataHash, p.notes`

export function listPeriods(sqlite: Database.Database): EvaluationPeriod[] {
  return sqlite
    .prepare(`SELECT ${COLS} FROM evaluation_period p LEFT JOIN wilayah w ON w.code = p.area_code WHERE p.deleted_at IS NULL ORDER BY p.year DESC, p.name`)
    .all() as EvaluationPeriod[]
}

export function getPeriod(sqlite: Database.Database, id: string): EvaluationPeriod {
  const p = sqlite.prepare(`SELECT ${COLS} FROM evaluation_period p LEFT JOIN wilayah w ON w.code = p.area_code WHERE p.id = ? AND p.deleted_at IS NULL`).get(id) as
    | EvaluationPeriod
    | undefined
  if (!p) throw new AppError('NOT_FOUND', msg('notFound.period'))
  return p
}

/** The set a period uses: its locked copy once locked, else the set in force now. */
export function periodSet(ctx: Ctx, id: string): IndicatorSet {
  const row = requireRow(ctx.sqlite, 'evaluation_period', id)
  if (row.indicator_set_json) return JSON.parse(row.indicator_set_json as string) as IndicatorSet
  return indicatorSet(ctx.sqlite, ctx.office()?.wilayahCode ?? null, row.indicator_set_code as string)
}

export interface PeriodFields {
  name: string
  year: number
  indicatorSetCode: string
  areaCode?: string
  evaluators?: string | null
  notes?: string | null
}

export function createPeriod(ctx: Ctx, f: PeriodFields): EvaluationPeriod {
  const area = resolveArea(ctx, f.areaCode)
  indicatorSet(ctx.sqlite, ctx.officeCode(), f.indicatorSetCode)
  const dup = ctx.sqlite.prepare(`SELECT id FROM evaluation_period WHERE deleted_at IS NULL AND lower(name) = lower(?) AND year = ?`).get(f.name, f.year)
  if (dup) throw new AppError('PERIOD_EXISTS', msg('evaluation.periodExists', { name: f.name, year: f.year }))
  const row = insertRow(ctx, 'evaluation_period', {
    name: f.name,
    year: f.year,
    indicator_set_code: f.indicatorSetCode,
    area_code: area.code,
    evaluators: f.evaluators ?? null,
    notes: f.notes ?? null,
    status: 'open',
  })
  return getPeriod(ctx.sqlite, row.id)
}

/**
 * Locks a period (approval by the kabupaten): the indicator set is copied in, the data
 * hash recorded, and from then on the period, its scores and the monthly reports of its
 * year and area refuse changes (checked here and by triggers).
 */
export function lockPeriod(ctx: Ctx, id: string, dataHash: string): EvaluationPeriod {
  const office = ctx.requireOffice()
  if (office.level !== 'kabupaten') throw new AppError('KABUPATEN_ONLY', msg('refusal.periodLockKabupaten'))
  const p = getPeriod(ctx.sqlite, id)
  if (p.status === 'locked') throw new AppError('EVALUATION_LOCKED', msg('evaluation.periodLockedSince', { name: p.name, at: p.lockedAt ?? '' }))
  const set = periodSet(ctx, id)
  updateRow(ctx, 'evaluation_period', id, {
    status: 'locked',
    locked_at: ctx.clock.now().toISOString(),
    locked_by: ctx.user(),
    indicator_set_json: JSON.stringify({ ...set, edited: null }),
    data_hash: dataHash,
  })
  return getPeriod(ctx.sqlite, id)
}

export function saveScore(ctx: Ctx, s: { periodId: string; posyanduId: string; item: string; score: number; notes?: string | null }): { ok: true } {
  const p = getPeriod(ctx.sqlite, s.periodId)
  if (p.status === 'locked') throw new AppError('EVALUATION_LOCKED', msg('evaluation.periodLockedScores', { name: p.name }))
  const set = periodSet(ctx, s.periodId)
  const item = (set.manualItems ?? []).find((i) => i.id === s.item)
  if (!item) throw new AppError('ITEM_UNKNOWN', msg('evaluation.itemUnknown', { item: s.item, set: set.name }))
  if (s.score > item.max) throw new AppError('SCORE_RANGE', msg('evaluation.scoreMax', { item: item.label, max: item.max }))
  const pos = ctx.sqlite.prepare(`SELECT desa_code FROM posyandu WHERE id = ? AND deleted_at IS NULL`).get(s.posyanduId) as { desa_code: string } | undefined
  if (!pos || !isWithin(pos.desa_code, p.areaCode)) throw new AppError('NOT_FOUND', msg('notFound.periodPosyandu'))
  const existing = ctx.sqlite
    .prepare(`SELECT id FROM evaluation_score WHERE period_id = ? AND posyandu_id = ? AND item = ? AND deleted_at IS NULL`)
    .get(s.periodId, s.posyanduId, s.item) as { id: string } | undefined
  const values = { score: s.score, notes: s.notes ?? null }
  if (existing) updateRow(ctx, 'evaluation_score', existing.id, values)
  else insertRow(ctx, 'evaluation_score', { period_id: s.periodId, posyandu_id: s.posyanduId, item: s.item, ...values }, { scope: p.scope })
  return { ok: true }
}

/** What the manual-score screen shows: the period's items, its posyandu and the scores given so far. */
export function listScores(ctx: Ctx, periodId: string): PeriodScores {
  const period = getPeriod(ctx.sqlite, periodId)
  const items = periodSet(ctx, periodId).manualItems ?? []
  const scores = ctx.sqlite
    .prepare(`SELECT posyandu_id AS posyanduId, item, score, notes FROM evaluation_score WHERE period_id = ? AND deleted_at IS NULL`)
    .all(periodId) as PeriodScores['scores']
  return { period, items, posyandu: listPosyandu(ctx.sqlite, period.areaCode), scores }
}
