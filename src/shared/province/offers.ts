import { BUILTIN_SETS, type IndicatorSet } from '../evaluation/strata'
import { checkForm, type FormDef } from '../forms/form'
import { msg, type Msg } from '../messages'

/**
 * Is an offered definition one a kabupaten can take over safely? An indicator set must be a
 * shipped set (same code, levels, criteria, units) with only its thresholds and name changed,
 * each threshold a number ≥ 0 (a fraction 0–1 for percentages); a form must pass the form
 * checks and carry the offer's code. Returns its problems by key (empty: fine).
 */
export function offerDefinitionProblems(kind: string, code: string, definitionJson: string): Msg[] {
  const parsed = parseDefinition(definitionJson)
  return 'problems' in parsed ? parsed.problems : definitionProblems(kind, code, parsed.def, 'offer')
}

/** The definition as an object, or why it is none. */
function parseDefinition(definitionJson: string): { def: object } | { problems: Msg[] } {
  let def: unknown
  try {
    def = JSON.parse(definitionJson)
  } catch {
    return { problems: [msg('offer.notJson')] }
  }
  return def && typeof def === 'object' ? { def } : { problems: [msg('offer.notObject')] }
}

/** Whose wording: an offer's ("kode tawaran") or a travelling set row's (a kabupaten's own set, a period's copy). */
type Wording = 'offer' | 'setRow'

function definitionProblems(kind: string, code: string, def: object, wording: Wording): Msg[] {
  if (kind === 'form') {
    const form = def as FormDef
    if (form.code !== code) return [msg('offer.formCode')]
    try {
      return checkForm(form).map((p) => p.msg)
    } catch {
      // a definition too malformed for checkForm to read (no field list …): refused, not a crash
      return [msg('row.formBroken')]
    }
  }
  if (kind !== 'indicator_set') return [msg('offer.kindUnknown', { kind: kind.slice(0, 40) })]
  const set = def as IndicatorSet
  if (set.code !== code) return [msg(wording === 'offer' ? 'offer.setCode' : 'setRow.code', { code: code.slice(0, 60) })]
  const base = BUILTIN_SETS.find((b) => b.code === code)
  if (!base) return [msg(wording === 'offer' ? 'offer.notBuiltin' : 'setRow.notBuiltin', { code: code.slice(0, 60) })]
  if (typeof set.name !== 'string' || !set.name.trim() || set.name.length > 300) return [msg('offer.setName')]
  if (JSON.stringify(set.levels) !== JSON.stringify(base.levels) || set.aktifFrom !== base.aktifFrom) return [msg('offer.levels')]
  if (!Array.isArray(set.criteria) || set.criteria.length !== base.criteria.length) return [msg('offer.criteria')]
  const out: Msg[] = []
  base.criteria.forEach((b, i) => {
    const c = set.criteria[i]
    const { threshold: _a, ...restB } = b
    const { threshold, ...restC } = c ?? ({} as typeof b)
    if (JSON.stringify(restC) !== JSON.stringify(restB)) out.push(msg('offer.criterionChanged', { label: b.label }))
    else if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || (b.unit === '%' && threshold > 1)) out.push(msg(b.unit === '%' ? 'offer.thresholdFraction' : 'offer.threshold', { label: b.label }))
  })
  const extra = Object.keys(set).filter((k) => !['code', 'name', 'nameEn', 'source', 'levels', 'aktifFrom', 'criteria', 'manualItems', 'manualWeight', 'tieBreak'].includes(k))
  if (extra.length) out.push(msg('offer.extra', { list: extra.slice(0, 5).join(', ') }))
  if (JSON.stringify(set.manualItems ?? null) !== JSON.stringify(base.manualItems ?? null) || (set.manualWeight ?? null) !== (base.manualWeight ?? null) || JSON.stringify(set.tieBreak ?? null) !== JSON.stringify(base.tieBreak ?? null)) {
    out.push(msg('offer.manual'))
  }
  return out
}

/**
 * A travelling indicator set (a kabupaten's own thresholds, or an evaluation period's frozen
 * copy) obeys the offer rule: a shipped set with only thresholds and name changed. Its field
 * names reach the strata SQL, so a forged set is refused at the door, not only read safely.
 * The period's copy keeps an `edited` marker, which is dropped before the check.
 */
export function indicatorSetRowProblems(definitionJson: string, code?: string): Msg[] {
  const parsed = parseDefinition(definitionJson)
  if ('problems' in parsed) return parsed.problems
  if (Array.isArray(parsed.def)) return [msg('offer.notObject')]
  const { edited: _edited, ...set } = parsed.def as Record<string, unknown>
  return definitionProblems('indicator_set', code ?? String(set.code ?? ''), set, 'setRow')
}
