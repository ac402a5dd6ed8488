import type { Quality, RuleViolation, Outlier } from '../../shared/contract/forms'
import type { Ctx } from '../context'
import { listPosyandu, resolveArea } from '../evaluation/posyandu'
import { getForm } from './definitions'
import { findings } from './findings'
import { marksOf, markKey } from './marks'

/**
 * Data quality of one form over a year: every rule on every report (with the period
 * before), and outliers per field and posyandu — modified z-score over the posyandu's own
 * history (at least six reports), and values outside the field's min–max. Each finding
 * carries its follow-up mark; marks whose finding is gone are returned as history.
 */
export function quality(ctx: Ctx, code: string, year: number, area?: string): Quality {
  const office = ctx.requireOffice()
  const form = getForm(ctx.sqlite, office.wilayahCode, code)
  const where = resolveArea(ctx, area)
  const list = listPosyandu(ctx.sqlite, where.code)
  const found = findings(ctx, form, year, list)
  const marks = marksOf(ctx, form.code, year, list)
  const used = new Set<string>()
  const take = (key: string) => {
    const m = marks.get(key) ?? null
    if (m) used.add(key)
    return m
  }
  const violations: RuleViolation[] = found.violations.map((v) => ({ ...v, mark: take(markKey(v.posyanduId, v.period, 'rule', v.rule)) }))
  const outliers: Outlier[] = found.outliers.map((o) => ({ ...o, mark: take(markKey(o.posyanduId, o.period, 'outlier', o.field)) }))
  const history = [...marks.entries()].filter(([k]) => !used.has(k)).map(([, m]) => m).sort((a, b) => a.posyandu.localeCompare(b.posyandu) || a.period.localeCompare(b.period))
  violations.sort((a, b) => (a.importance === b.importance ? 0 : a.importance === 'error' ? -1 : 1) || a.posyandu.localeCompare(b.posyandu) || a.period.localeCompare(b.period))
  return { form: { code: form.code, version: form.version, name: form.name.id }, year, area: where, reports: found.count, violations, outliers, unknown: found.unknown, history, canMark: office.level === 'kecamatan' }
}
