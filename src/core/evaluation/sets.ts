import type Database from 'better-sqlite3'
import { BUILTIN_SETS, withThresholds, type IndicatorSet } from '../../shared/evaluation/strata'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow, updateRow } from '../db/rows'
import { msg } from '../../shared/messages'

/** The kabupaten an office belongs to ("12.18.04" → "12.18"). */
export const kabupatenOf = (code: string) => code.split('.').slice(0, 2).join('.')

/**
 * Indicator sets in force for this office: the built-in ones, replaced by the kabupaten's
 * edited copy when there is one (it arrives at kecamatan offices in the master-data bundle).
 */
export function indicatorSets(sqlite: Database.Database, officeCode: string | null): IndicatorSet[] {
  const kab = officeCode ? kabupatenOf(officeCode) : null
  const rows = kab
    ? (sqlite.prepare(`SELECT id, scope, hlc, code, definition_json FROM indicator_set WHERE scope = ? AND deleted_at IS NULL ORDER BY code`).all(kab) as {
        id: string
        scope: string
        hlc: string
        code: string
        definition_json: string
      }[])
    : []
  const edited = new Map(rows.map((r) => [r.code, { ...(JSON.parse(r.definition_json) as IndicatorSet), edited: { id: r.id, scope: r.scope, hlc: r.hlc } }]))
  const builtins = BUILTIN_SETS.map((s) => edited.get(s.code) ?? { ...s, edited: null })
  return [...builtins, ...[...edited.values()].filter((s) => !BUILTIN_SETS.some((b) => b.code === s.code))]
}

export function indicatorSet(sqlite: Database.Database, officeCode: string | null, code: string | undefined): IndicatorSet {
  const all = indicatorSets(sqlite, officeCode)
  const set = code ? all.find((s) => s.code === code) : all[0]
  if (!set) throw new AppError('RULES_UNKNOWN', msg('evaluation.setUnknown', { code: code ?? '', list: all.map((s) => s.code).join(', ') }))
  return set
}

/** Thresholds are edited by the kabupaten only (its set travels to every kecamatan). */
export function saveThresholds(ctx: Ctx, code: string, thresholds: Record<string, number>): IndicatorSet {
  const office = ctx.requireOffice()
  if (office.level !== 'kabupaten') throw new AppError('KABUPATEN_ONLY', msg('refusal.thresholdsKabupaten'))
  const current = indicatorSet(ctx.sqlite, office.wilayahCode, code)
  for (const id of Object.keys(thresholds)) {
    const c = current.criteria.find((x) => x.id === id)
    if (!c) throw new AppError('CRITERION_UNKNOWN', msg('evaluation.criterionUnknown', { id, set: current.name }))
    if (c.unit === '%' && thresholds[id] > 1) throw new AppError('THRESHOLD_RANGE', msg('evaluation.thresholdFraction', { label: c.label }))
  }
  const { edited, ...plain } = current
  const next = withThresholds(plain, thresholds)
  const values = { code, name: next.name, definition_json: JSON.stringify(next) }
  const row = edited ? updateRow(ctx, 'indicator_set', edited.id, values) : insertRow(ctx, 'indicator_set', values, { scope: office.wilayahCode })
  return { ...next, edited: { id: row.id, scope: row.scope, hlc: row.hlc } }
}
