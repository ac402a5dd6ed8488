/**
 * Report forms as data (DHIS2's data sets): a form has a code, a version, a period type,
 * sections, fields, validation rules and indicators written in the expression language.
 * Shared by renderer and core: `checkForm` refuses a malformed form when it is saved,
 * `validateValues` checks one report as the operator types and again before saving.
 */
import { compile, describeError, evaluate, RESERVED_WORDS, verdict, type Compiled, type ExprType } from './expr'

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
  const add = (path: string, message: string) => out.push({ path, message })
  if (!CODE.test(form.code ?? '')) add('code', `Kode formulir "${form.code ?? ''}" tidak sah: huruf besar, angka, "-" atau "_", 2–30 huruf`)
  if (!Number.isInteger(form.version) || form.version < 1) add('version', 'Versi formulir harus bilangan bulat mulai 1')
  if (!texts(form.name)) add('name', 'Nama formulir harus diisi dalam bahasa Indonesia dan Inggris')
  if (form.periodType !== 'monthly' && form.periodType !== 'yearly') add('periodType', 'Jenis periode harus bulanan atau tahunan')
  if (!form.source?.trim()) add('source', 'Sumber formulir (peraturan/panduan) harus disebut')
  const sections = new Set<string>()
  for (const [i, s] of (form.sections ?? []).entries()) {
    if (!KEY.test(s.id ?? '')) add(`sections.${i}.id`, `Kode bagian "${s.id ?? ''}" tidak sah`)
    else if (sections.has(s.id)) add(`sections.${i}.id`, `Kode bagian "${s.id}" dipakai dua kali`)
    sections.add(s.id)
    if (!texts(s.label)) add(`sections.${i}.label`, `Bagian "${s.id}": nama harus diisi dalam dua bahasa`)
  }
  if (!sections.size) add('sections', 'Formulir perlu paling sedikit satu bagian')
  const keys = new Set<string>()
  for (const [i, f] of (form.fields ?? []).entries()) {
    const at = `fields.${i}`
    if (!KEY.test(f.key ?? '')) add(`${at}.key`, `Kode isian "${f.key ?? ''}" tidak sah: huruf kecil, angka atau "_", mulai dengan huruf`)
    else if (RESERVED_WORDS.includes(f.key)) add(`${at}.key`, `Kode isian "${f.key}" adalah kata khusus ekspresi`)
    else if (keys.has(f.key)) add(`${at}.key`, `Kode isian "${f.key}" dipakai dua kali`)
    keys.add(f.key)
    if (!sections.has(f.section)) add(`${at}.section`, `Isian "${f.key}": bagian "${f.section}" tidak ada`)
    if (!texts(f.label)) add(`${at}.label`, `Isian "${f.key}": label harus diisi dalam dua bahasa`)
    if (!['integer', 'number', 'yesno', 'date', 'text'].includes(f.type)) add(`${at}.type`, `Isian "${f.key}": jenis "${f.type}" tidak dikenal`)
    for (const b of ['min', 'max'] as const) if (f[b] !== undefined && !Number.isFinite(f[b])) add(`${at}.${b}`, `Isian "${f.key}": ${b} harus angka`)
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) add(`${at}.max`, `Isian "${f.key}": batas bawah ${f.min} lebih dari batas atas ${f.max}`)
  }
  if (!keys.size) add('fields', 'Formulir perlu paling sedikit satu isian')
  const fields = exprFields(form)
  const allowPrev = true
  const ids = new Set<string>()
  for (const [i, r] of (form.rules ?? []).entries()) {
    const at = `rules.${i}`
    if (!r.id?.trim()) add(`${at}.id`, 'Aturan perlu kode')
    else if (ids.has(r.id)) add(`${at}.id`, `Kode aturan "${r.id}" dipakai dua kali`)
    ids.add(r.id)
    if (r.importance !== 'error' && r.importance !== 'warning') add(`${at}.importance`, `Aturan "${r.id}": tingkat harus error atau peringatan`)
    if (!texts(r.message)) add(`${at}.message`, `Aturan "${r.id}": pesan harus diisi dalam dua bahasa`)
    if (r.field !== undefined && !keys.has(r.field)) add(`${at}.field`, `Aturan "${r.id}": isian "${r.field}" tidak ada`)
    try {
      compile(r.expr, { fields, allowPrev, expect: 'boolean' })
    } catch (e) {
      add(`${at}.expr`, `Aturan "${r.id}": ${describeError(e, r.expr ?? '')}`)
    }
  }
  const indIds = new Set<string>()
  for (const [i, ind] of (form.indicators ?? []).entries()) {
    const at = `indicators.${i}`
    if (!ind.id?.trim()) add(`${at}.id`, 'Indikator perlu kode')
    else if (indIds.has(ind.id)) add(`${at}.id`, `Kode indikator "${ind.id}" dipakai dua kali`)
    indIds.add(ind.id)
    if (!texts(ind.label)) add(`${at}.label`, `Indikator "${ind.id}": nama harus diisi dalam dua bahasa`)
    if (!['%', 'number', 'per1000'].includes(ind.unit)) add(`${at}.unit`, `Indikator "${ind.id}": satuan "${ind.unit}" tidak dikenal`)
    for (const part of ['numerator', 'denominator'] as const) {
      const src = ind[part]
      if (part === 'denominator' && src === undefined) continue
      try {
        compile(src ?? '', { fields, allowPrev, expect: 'number' })
      } catch (e) {
        add(`${at}.${part}`, `Indikator "${ind.id}" (${part === 'numerator' ? 'pembilang' : 'penyebut'}): ${describeError(e, src ?? '')}`)
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
