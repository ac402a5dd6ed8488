/** What data quality finds in a year of reports: rule violations, outliers, coverage above 100 %. */
import type { PosyanduRef } from '../../shared/contract/evaluation'
import type { Outlier, RuleViolation } from '../../shared/contract/forms'
import type { FormDef, FormValues } from '../../shared/forms/form'
import { fillMessage, indicatorValues, previousPeriod, ruleVerdicts } from '../../shared/forms/form'
import type { Ctx } from '../context'
import { compiled } from './definitions'

/** |modified z| above this is an outlier (Iglewicz and Hoaglin). */
export const Z_LIMIT = 3.5
const MIN_HISTORY = 6

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Every report of a form in one area, by posyandu and period (all years: the history outliers need). */
function allReports(ctx: Ctx, form: FormDef, posyanduIds: string[]): Map<string, Map<string, FormValues>> {
  const out = new Map<string, Map<string, FormValues>>()
  const ids = JSON.stringify(posyanduIds)
  const put = (p: string, period: string, v: FormValues) => {
    let m = out.get(p)
    if (!m) out.set(p, (m = new Map()))
    m.set(period, v)
  }
  if (form.storage === 'monthly_report') {
    // Lazy import keeps forms free of a load-time cycle with evaluation.
    const rows = ctx.sqlite.prepare(`SELECT * FROM monthly_report WHERE deleted_at IS NULL AND posyandu_id IN (SELECT value FROM json_each(?))`).all(ids) as Record<string, unknown>[]
    for (const r of rows) {
      const v: FormValues = r.extra_json ? JSON.parse(String(r.extra_json)) : {}
      for (const f of form.fields) if (f.key in r) v[f.key] = f.key === 'held' ? (r.held === 1 ? true : r.held === 0 ? false : null) : (r[f.key] as FormValues[string])
      put(r.posyandu_id as string, r.month as string, v)
    }
  } else {
    const rows = ctx.sqlite.prepare(`SELECT posyandu_id, period, values_json FROM form_report WHERE form_code = ? AND deleted_at IS NULL AND posyandu_id IN (SELECT value FROM json_each(?))`).all(form.code, ids) as { posyandu_id: string; period: string; values_json: string }[]
    for (const r of rows) put(r.posyandu_id, r.period, JSON.parse(r.values_json))
  }
  return out
}

export type Finding = { violations: Omit<RuleViolation, 'mark'>[]; outliers: Omit<Outlier, 'mark'>[]; unknown: number; count: number }

/** Every rule on every report of the year (with the period before), and outliers over each posyandu's own history. */
export function findings(ctx: Ctx, form: FormDef, year: number, list: PosyanduRef[]): Finding {
  const cf = compiled(form)
  const reports = allReports(ctx, form, list.map((p) => p.id))
  const inYear = (period: string) => period.startsWith(String(year))
  const out: Finding = { violations: [], outliers: [], unknown: 0, count: 0 }
  for (const p of list) {
    const mine = reports.get(p.id) ?? new Map<string, FormValues>()
    const periods = [...mine.keys()].sort()
    for (const period of periods.filter(inYear)) {
      out.count++
      const values = mine.get(period)!
      const prev = mine.get(previousPeriod(period)) ?? null
      for (const v of ruleVerdicts(cf, values, prev)) {
        if (v.verdict === 'unknown') out.unknown++
        if (v.verdict === 'fail') out.violations.push({ posyanduId: p.id, posyandu: p.name, desa: p.desaName, period, rule: v.rule.id, expr: v.rule.expr, importance: v.rule.importance, message: fillMessage(v.rule.message, values, prev) })
      }
      // A coverage above 100 % usually means a wrong target (sasaran) or a typo: flagged like an outlier.
      indicatorValues(cf, values, prev).forEach((x, i) => {
        const ind = cf.indicators[i].indicator
        if (ind.unit === '%' && x !== null && x > 1 + 1e-9) out.outliers.push({ posyanduId: p.id, posyandu: p.name, period, field: ind.id, label: ind.label.id, value: x, median: null, z: null, reason: 'coverage' })
      })
    }
    for (const f of form.fields) {
      if (f.type !== 'integer' && f.type !== 'number') continue
      const history = periods.map((period) => ({ period, x: mine.get(period)![f.key] })).filter((h): h is { period: string; x: number } => typeof h.x === 'number')
      if (!history.length) continue
      const xs = history.map((h) => h.x)
      const med = median(xs)
      const mad = median(xs.map((x) => Math.abs(x - med)))
      for (const h of history.filter((h) => inYear(h.period))) {
        const base = { posyanduId: p.id, posyandu: p.name, period: h.period, field: f.key, label: f.label.id, value: h.x, median: med }
        if (f.min !== undefined && h.x < f.min) out.outliers.push({ ...base, z: null, reason: 'min' })
        else if (f.max !== undefined && h.x > f.max) out.outliers.push({ ...base, z: null, reason: 'max' })
        else if (history.length >= MIN_HISTORY && mad > 0) {
          const z = (0.6745 * (h.x - med)) / mad
          if (Math.abs(z) > Z_LIMIT) out.outliers.push({ ...base, z: Math.round(z * 10) / 10, reason: 'z' })
        }
      }
    }
  }
  return out
}
