/**
 * Report forms as data (DHIS2's data sets): a form has a code, a version, a period type,
 * sections, fields, validation rules and indicators written in the expression language.
 * Shared by renderer and core: `checkForm` refuses a malformed form when it is saved,
 * `validateValues` checks one report as the operator types and again before saving.
 */
import { msg, sayId, type Msg } from '../messages'
import { compile, describeErrorMsg, evaluate, RESERVED_WORDS, verdict, type Compiled, type ExprType } from './expr'

export interface Texts {
  id: string
  en: string
}

export type FieldType = 'integer' | 'number' | 'yesno' | 'date' | 'text'

export interface FormField {
  /** Key used in expressions and storage: lower case letters, digits, underscore. */
  key: string
  section: string
  label: Texts
  /** Short grid header ("D"); the label's first words when absent. */
  short?: string
  type: FieldType
  min?: number
  max?: number
  required?: boolean
  /** An item the kabupaten office should check against the panduan before relying on it. */
  example?: boolean
  /** Where the item comes from, or (for an example) why it could not be confirmed. */
  source?: string
}

export interface FormSection {
  id: string
  label: Texts
  example?: boolean
}

export interface FormRule {
  id: string
  /** Boolean expression that must hold: `d <= s`, `n + t <= prev.d`. */
  expr: string
  importance: 'error' | 'warning'
  message: Texts
  /** The field the message sits beside (the first field the rule reads when absent). */
  field?: string
}

export interface FormIndicator {
  id: string
  label: Texts
  numerator: string
  /** Absent: the numerator is the value itself. */
  denominator?: string
  unit: '%' | 'number' | 'per1000'
}

export type PeriodType = 'monthly' | 'yearly'

export interface FormDef {
  code: string
  version: number
  name: Texts
  periodType: PeriodType
  /** Where the form comes from (regulation, panduan, local decision). */
  source: string
  sections: FormSection[]
  fields: FormField[]
  rules: FormRule[]
  indicators: FormIndicator[]
  /** Where values are stored: the legacy SKDN columns, or the generic form_report table. */
  storage?: 'monthly_report' | 'form_report'
  notes?: string
}

export interface FormProblem {
  /** "fields.3.key", "rules.d<=s.expr" */
  path: string
  message: string
  /** The same by key (formCheck.*), for English screens. */
  msg: Msg
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/
const CODE = /^[A-Z0-9][A-Z0-9_-]{1,29}$/

export const exprType = (t: FieldType): ExprType | null => (t === 'integer' || t === 'number' ? 'number' : t === 'yesno' ? 'boolean' : null)

/** Field key → type, for the fields an expression may read. */
export function exprFields(form: Pick<FormDef, 'fields'>): Record<string, ExprType> {
  const out: Record<string, ExprType> = {}
  for (const f of form.fields) {
    const t = exprType(f.type)
    if (t) out[f.key] = t
  }
  return out
}

/** A form whose expressions have been parsed once. */
export interface CompiledForm {
  form: FormDef
  rules: { rule: FormRule; compiled: Compiled; field: string | null }[]
  indicators: { indicator: FormIndicator; numerator: Compiled; denominator: Compiled | null }[]
}

const texts = (t: unknown): t is Texts =>
  !!t && typeof t === 'object' && typeof (t as Texts).id === 'string' && (t as Texts).id.trim() !== '' && typeof (t as Texts).en === 'string' && (t as Texts).en.trim() !== ''

/**
 * Every problem of a form definition, in Bahasa Indonesia: codes, keys, duplicates, labels
 * in both languages, min ≤ max, and every expression parsed and type-checked. Empty = valid.
 */
export function checkForm(form: FormDef): FormProblem[] {
  const out: FormProblem[] = []
  const add = (path: string, m: Msg) => out.push({ path, message: sayId(m), msg: m })
  if (!CODE.test(form.code ?? '')) add('code', msg('formCheck.code', { code: form.code ?? '' }))
  if (!Number.isInteger(form.version) || form.version < 1) add('version', msg('formCheck.version'))
  if (!texts(form.name)) add('name', msg('formCheck.name'))
  if (form.periodType !== 'monthly' && form.periodType !== 'yearly') add('periodType', msg('field.periodType'))
  if (!form.source?.trim()) add('source', msg('formCheck.source'))
  const sections = new Set<string>()
  for (const [i, s] of (form.sections ?? []).entries()) {
    if (!KEY.test(s.id ?? '')) add(`sections.${i}.id`, msg('formCheck.sectionCode', { id: s.id ?? '' }))
    else if (sections.has(s.id)) add(`sections.${i}.id`, msg('formCheck.sectionTwice', { id: s.id }))
    sections.add(s.id)
    if (!texts(s.label)) add(`sections.${i}.label`, msg('formCheck.sectionLabel', { id: s.id }))
  }
  if (!sections.size) add('sections', msg('formCheck.noSection'))
  const keys = new Set<string>()
  for (const [i, f] of (form.fields ?? []).entries()) {
    const at = `fields.${i}`
    if (!KEY.test(f.key ?? '')) add(`${at}.key`, msg('formCheck.fieldCode', { key: f.key ?? '' }))
    else if (RESERVED_WORDS.includes(f.key)) add(`${at}.key`, msg('formCheck.fieldReserved', { key: f.key }))
    else if (keys.has(f.key)) add(`${at}.key`, msg('formCheck.fieldTwice', { key: f.key }))
    keys.add(f.key)
    if (!sections.has(f.section)) add(`${at}.section`, msg('formCheck.fieldSection', { key: f.key, section: f.section }))
    if (!texts(f.label)) add(`${at}.label`, msg('formCheck.fieldLabel', { key: f.key }))
    if (!['integer', 'number', 'yesno', 'date', 'text'].includes(f.type)) add(`${at}.type`, msg('formCheck.fieldType', { key: f.key, type: String(f.type) }))
    for (const b of ['min', 'max'] as const) if (f[b] !== undefined && !Number.isFinite(f[b])) add(`${at}.${b}`, msg('formCheck.fieldBound', { key: f.key, bound: b }))
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) add(`${at}.max`, msg('formCheck.fieldRange', { key: f.key, min: f.min, max: f.max }))
  }
  if (!keys.size) add('fields', msg('formCheck.noField'))
  const fields = exprFields(form)
  const allowPrev = true
  const ids = new Set<string>()
  for (const [i, r] of (form.rules ?? []).entries()) {
    const at = `rules.${i}`
    if (!r.id?.trim()) add(`${at}.id`, msg('formCheck.ruleId'))
    else if (ids.has(r.id)) add(`${at}.id`, msg('formCheck.ruleTwice', { id: r.id }))
    ids.add(r.id)
    if (r.importance !== 'error' && r.importance !== 'warning') add(`${at}.importance`, msg('formCheck.ruleImportance', { id: r.id }))
    if (!texts(r.message)) add(`${at}.message`, msg('formCheck.ruleMessage', { id: r.id }))
    if (r.field !== undefined && !keys.has(r.field)) add(`${at}.field`, msg('formCheck.ruleField', { id: r.id, field: r.field }))
    try {
      compile(r.expr, { fields, allowPrev, expect: 'boolean' })
    } catch (e) {
      add(`${at}.expr`, msg('formCheck.ruleExpr', { id: r.id, why: describeErrorMsg(e, r.expr ?? '') }))
    }
  }
  const indIds = new Set<string>()
  for (const [i, ind] of (form.indicators ?? []).entries()) {
    const at = `indicators.${i}`
    if (!ind.id?.trim()) add(`${at}.id`, msg('formCheck.indicatorId'))
    else if (indIds.has(ind.id)) add(`${at}.id`, msg('formCheck.indicatorTwice', { id: ind.id }))
    indIds.add(ind.id)
    if (!texts(ind.label)) add(`${at}.label`, msg('formCheck.indicatorLabel', { id: ind.id }))
    if (!['%', 'number', 'per1000'].includes(ind.unit)) add(`${at}.unit`, msg('formCheck.indicatorUnit', { id: ind.id, unit: String(ind.unit) }))
    for (const part of ['numerator', 'denominator'] as const) {
      const src = ind[part]
      if (part === 'denominator' && src === undefined) continue
      try {
        compile(src ?? '', { fields, allowPrev, expect: 'number' })
      } catch (e) {
        add(`${at}.${part}`, msg(`formCheck.indicator.${part}`, { id: ind.id, why: describeErrorMsg(e, src ?? '') }))
      }
    }
  }
  return out
}

/** Parses every expression once. Throws when the form is invalid (check it with checkForm first). */
export function compileForm(form: FormDef): CompiledForm {
  const problems = checkForm(form)
  if (problems.length) throw new Error(`Formulir ${form.code} tidak sah: ${problems.map((p) => p.message).join('; ')}`)
  const fields = exprFields(form)
  return {
    form,
    rules: form.rules.map((rule) => {
      const compiled = compile(rule.expr, { fields, expect: 'boolean' })
      return { rule, compiled, field: rule.field ?? compiled.fields[0] ?? compiled.prevFields[0] ?? null }
    }),
    indicators: form.indicators.map((indicator) => ({
      indicator,
      numerator: compile(indicator.numerator, { fields, expect: 'number' }),
      denominator: indicator.denominator ? compile(indicator.denominator, { fields, expect: 'number' }) : null,
    })),
  }
}

/** The values of one report: field key → number, boolean, ISO date or text; null/absent = not filled. */
export type FormValues = Record<string, number | boolean | string | null>

export interface ValueIssue {
  rule: string
  /** The field the message sits beside (null: the whole report). */
  field: string | null
  severity: 'error' | 'warning'
  message: Texts
}

const filled = (v: unknown) => v !== null && v !== undefined && v !== ''

/** `{d}` and `{prev.d}` in a message become the values (– when not filled in). */
export function fillMessage(t: Texts, current: Record<string, unknown>, previous: Record<string, unknown> | null): Texts {
  const fill = (s: string) =>
    s.replace(/\{(prev\.)?([a-z][a-z0-9_]*)\}/g, (_m, prev: string | undefined, key: string) => {
      const v = prev ? previous?.[key] : current[key]
      return v === null || v === undefined || v === '' ? '–' : typeof v === 'boolean' ? (v ? 'ya' : 'tidak') : String(v)
    })
  return { id: fill(t.id), en: fill(t.en) }
}

/** The message of a rule with the values it read filled in ("N + T (20 + 5) … (10)"). */
function ruleIssue(r: CompiledForm['rules'][number], current: Record<string, unknown>, previous: Record<string, unknown> | null): ValueIssue {
  return { rule: r.rule.id, field: r.field, severity: r.rule.importance, message: fillMessage(r.rule.message, current, previous) }
}

/**
 * Checks one report: each field's type and bounds, required fields (only once anything
 * is filled in), then every rule, with `previous` the report of the period before (null
 * when there is none: rules reading prev.* are then unknown, not failed).
 * `period` (YYYY-MM or YYYY) lets date fields be checked against it.
 */
export function validateValues(cf: CompiledForm, values: FormValues, previous: FormValues | null = null, period?: string, opts: { rulesOnly?: boolean } = {}): ValueIssue[] {
  const out: ValueIssue[] = []
  if (opts.rulesOnly) {
    for (const r of cf.rules) if (verdict(r.compiled, { current: values, previous }) === 'fail') out.push(ruleIssue(r, values, previous))
    return out
  }
  const anything = cf.form.fields.some((f) => filled(values[f.key]))
  for (const f of cf.form.fields) {
    const v = values[f.key]
    const name = f.short ?? f.label.id
    const nameEn = f.short ?? f.label.en
    const bad = (rule: string, id: string, en: string) => out.push({ rule, field: f.key, severity: 'error', message: { id: `${name}: ${id}`, en: `${nameEn}: ${en}` } })
    if (!filled(v)) {
      if (f.required && anything) bad('required', 'wajib diisi', 'required')
      continue
    }
    switch (f.type) {
      case 'integer':
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad('type', 'isi dengan angka', 'enter a number')
        else if (f.type === 'integer' && !Number.isInteger(v)) bad('integer', 'isi dengan bilangan bulat', 'enter a whole number')
        else if (f.min !== undefined && v < f.min) bad('min', `${v} kurang dari batas bawah ${f.min}`, `${v} is below the minimum ${f.min}`)
        else if (f.max !== undefined && v > f.max) bad('max', `${v} tidak masuk akal (paling banyak ${f.max})`, `${v} is not plausible (at most ${f.max})`)
        else if (f.min === undefined && v < 0) bad('min', 'tidak boleh negatif', 'cannot be negative')
        break
      case 'yesno':
        if (typeof v !== 'boolean') bad('type', 'isi ya atau tidak', 'enter yes or no')
        break
      case 'date': {
        const ok = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v
        if (!ok) bad('date', 'tanggal tidak sah', 'invalid date')
        else if (period && !(v as string).startsWith(period)) bad('date-period', `tanggal ${v} di luar periode ${period}`, `date ${v} is outside the period ${period}`)
        break
      }
      case 'text':
        if (typeof v !== 'string') bad('type', 'isi dengan teks', 'enter text')
        else if (v.length > 1000) bad('length', 'terlalu panjang (paling banyak 1000 huruf)', 'too long (at most 1000 characters)')
        break
    }
  }
  // Values that failed their own checks are unknown to the rules (no second message about them).
  const broken = new Set(out.map((i) => i.field))
  const current = Object.fromEntries(Object.entries(values).filter(([k]) => !broken.has(k)))
  for (const r of cf.rules) if (verdict(r.compiled, { current, previous }) === 'fail') out.push(ruleIssue(r, values, previous))
  return out
}

/** Every rule's verdict (pass / fail / unknown) for data-quality listings. */
export function ruleVerdicts(cf: CompiledForm, values: FormValues, previous: FormValues | null = null) {
  return cf.rules.map((r) => ({ rule: r.rule, verdict: verdict(r.compiled, { current: values, previous }) }))
}

/** True when no field is filled in (the report stays missing). */
export const isEmptyReport = (form: FormDef, values: FormValues) => !form.fields.some((f) => filled(values[f.key]))

/** The period before: 2026-03 → 2026-02, 2026-01 → 2025-12, 2026 → 2025. */
export function previousPeriod(period: string): string {
  if (/^\d{4}$/.test(period)) return String(Number(period) - 1)
  const [y, m] = period.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

export function nextPeriod(period: string): string {
  if (/^\d{4}$/.test(period)) return String(Number(period) + 1)
  const [y, m] = period.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/** Each indicator of the form for one report (null when a value it needs is missing); the grid and core's data quality use it alike. */
export function indicatorValues(cf: CompiledForm, values: FormValues, previous: FormValues | null): (number | null)[] {
  return cf.indicators.map((i) => {
    const num = evaluate(i.numerator.ast, { current: values, previous })
    if (typeof num !== 'number') return null
    if (!i.denominator) return num
    const den = evaluate(i.denominator.ast, { current: values, previous })
    return typeof den === 'number' && den !== 0 ? num / den : null
  })
}
