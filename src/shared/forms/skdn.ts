/**
 * The SKDN form keeps its values in the monthly_report columns Simpul always had (so the
 * data of earlier releases is the SKDN form's version 1 with nothing moved). Fields a
 * kabupaten adds to SKDN live beside them (extra_json). These helpers map between the two
 * shapes and give the one check the grid and core both run.
 */
import { msg } from '../messages'
import { NUMERIC_FIELDS, parseProgrammes, validateMonthly, type Issue, type MonthlyValues } from '../evaluation/fields'
import { validateValues, type CompiledForm, type FormValues } from './form'

export const SKDN_COLUMNS = new Set<string>(['held', 'open_date', 'programmes', ...NUMERIC_FIELDS])

export function monthlyToForm(v: MonthlyValues, extra: FormValues | null = null): FormValues {
  const out: FormValues = { ...(extra ?? {}) }
  out.held = v.held
  out.open_date = v.open_date
  out.programmes = v.programmes?.length ? v.programmes.join(',') : null
  for (const k of NUMERIC_FIELDS) out[k] = typeof v[k] === 'number' ? (v[k] as number) : null
  return out
}

export function formToMonthly(f: FormValues): { values: MonthlyValues; extra: FormValues } {
  const values = {
    held: typeof f.held === 'boolean' ? f.held : null,
    open_date: typeof f.open_date === 'string' && f.open_date ? f.open_date : null,
    programmes: parseProgrammes(typeof f.programmes === 'string' ? f.programmes : null),
    notes: null,
    ...Object.fromEntries(NUMERIC_FIELDS.map((k) => [k, typeof f[k] === 'number' ? f[k] : null])),
  } as MonthlyValues
  const extra = Object.fromEntries(Object.entries(f).filter(([k, v]) => !SKDN_COLUMNS.has(k) && k !== 'notes' && v !== null && v !== undefined && v !== ''))
  return { values, extra }
}

/**
 * One month of SKDN: the column checks of the monthly report (types, open date, "tidak
 * buka"), the checks of fields the kabupaten added, and every rule of the form version in
 * force, with `previous` the month before (null: rules reading prev.* are unknown).
 */
export function checkSkdnMonth(cf: CompiledForm, v: MonthlyValues, extra: FormValues | null, previous: FormValues | null, month?: string): Issue[] {
  const out = validateMonthly(v, month, [])
  const fv = monthlyToForm(v, extra)
  for (const i of validateValues(cf, fv, previous, month)) {
    const isRule = cf.rules.some((r) => r.rule.id === i.rule)
    if (!isRule && i.field && SKDN_COLUMNS.has(i.field)) continue // the column checks above already spoke
    out.push({ rule: i.rule, field: (i.field ?? 'held') as Issue['field'], severity: i.severity, message: i.message.id, msg: msg('text.loc', { text: i.message }) })
  }
  return out
}
