import type { Criterion, CriterionResult, IndicatorSet, StratumResult } from '../../../shared/evaluation/strata'
import i18n from '../../i18n'

/**
 * Stratum reasons and indicator labels in the screen's language. Core writes the Indonesian
 * reason (also printed); for English the same reason is rebuilt from the structured criteria
 * the result carries, in the order core uses: what blocks the next level, then what was met.
 */
const en = () => i18n.language === 'en'

export const setName = (set: Pick<IndicatorSet, 'name' | 'nameEn'>) => (en() && set.nameEn ? set.nameEn : set.name)
export const criterionLabel = (c: Pick<Criterion, 'label' | 'labelEn'>) => (en() && c.labelEn ? c.labelEn : c.label)

const UNIT_EN: Record<string, string> = { kali: 'times', orang: 'people', program: 'programmes' }
export const unitLabel = (unit: string) => (en() ? (UNIT_EN[unit] ?? unit) : unit)

function valueEn(value: number, unit: string): string {
  if (unit === '%') return `${Math.round(value * 1000) / 10}%`
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(1)
  return `${shown} ${UNIT_EN[unit] ?? unit}`
}

function criterionTextEn(c: CriterionResult, def: Criterion | undefined, missingMonths: number): string {
  const label = def?.labelEn ?? c.label
  if (def?.metric.kind === 'openings') {
    if (c.met === null && c.value !== null) return `${label} ${c.value} times, ${missingMonths} months not reported: incomplete data`
    if (c.value === null) return `${label}: incomplete data`
    return `${label} ${c.value} times${c.met ? '' : ` < ${c.threshold}`}`
  }
  if (def?.metric.kind === 'programmes' && c.value !== null) return c.met ? `${label} ${c.value}` : `no ${label}`
  if (c.value === null) return `${label}: incomplete data`
  return `${label} ${valueEn(c.value, c.unit)} ${c.met ? '≥' : '<'} ${valueEn(c.threshold, c.unit)}`
}

/** The level label, or "incomplete data" when there is no report at all. */
export function stratumLabel(r: StratumResult): string {
  if (r.stratum === null) return i18n.t('evaluasi:strata.noReports')
  return r.label
}

export function stratumReason(r: StratumResult, set: IndicatorSet): string {
  if (!en()) return r.reason
  if (r.stratum === null) return 'Incomplete data: no monthly report yet'
  const levelIndex = (id: string) => set.levels.findIndex((l) => l.id === id)
  const reached = levelIndex(r.stratum)
  const defs = new Map(set.criteria.map((c) => [c.id, c]))
  const missingMonths = Math.max(0, 12 - r.monthsReported)
  const from = (c: CriterionResult) => levelIndex(defs.get(c.id)?.from ?? '')
  const blocking = r.criteria.filter((c) => from(c) === reached + 1 && c.met !== true)
  const blockingAll = blocking.length ? blocking : r.criteria.filter((c) => from(c) > reached && c.met !== true).slice(0, 1)
  const achieved = r.criteria.filter((c) => from(c) <= reached && from(c) > 0 && c.met).slice(0, 3)
  const parts = [...(reached < set.levels.length - 1 ? blockingAll : []), ...achieved].map((c) => criterionTextEn(c, defs.get(c.id), missingMonths))
  return `${r.label}${r.incomplete ? ' (incomplete data)' : ''}: ${parts.join('; ') || 'all criteria met'}`
}
