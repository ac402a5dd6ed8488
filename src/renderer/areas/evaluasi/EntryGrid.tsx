import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent, type FormEvent } from 'react'
import { DERIVED, derivedIndicators, MONTHLY_FIELDS, parseProgrammes, validateMonthly, type DerivedId, type Issue, type MonthlyValues } from '../../../shared/evaluation/fields'
import { compileForm, indicatorValues, validateValues, type CompiledForm, type FormDef, type FormField, type FormValues, type ValueIssue } from '../../../shared/forms/form'
import classes from './grid.module.css'
import { formatDecimal } from '../../../shared/format'
import { monthNames, screenLang, screenPercent } from '../../i18n/months'
import { issueText } from '../../i18n/errors'

/** This month on the office PC's clock ("2026-12"): later months have no report yet (core refuses them too). */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}
const isFutureMonth = (period: string, now: string) => /^\d{4}-\d{2}$/.test(period) && period > now

/** Shown above a grid holding months that have not come yet; their cells are not editable. */
function FutureHint({ lang, now }: { lang: string; now: string }) {
  const name = `${monthNames()[Number(now.slice(5, 7)) - 1]} ${now.slice(0, 4)}`
  return (
    <p className={classes.futureHint} data-testid="future-hint">
      {lang === 'en' ? `Months after ${name} have not come yet: their cells open when the month starts.` : `Bulan setelah ${name} belum tiba: kolomnya dapat diisi setelah bulan itu mulai.`}
    </p>
  )
}

export interface GridRecord {
  key: string
  /** Column or row header: "Jan" or the posyandu name. */
  label: string
  month: string
  values: MonthlyValues
}

type Column = { id: 'held' | (typeof MONTHLY_FIELDS)[number]['key'] | string; short: string; long: string; extra?: FormField }

/** Displayed text of a stored value: open date as day of month, programmes as a list. */
function display(v: MonthlyValues, field: Column['id'], extra?: FormField): string {
  if (extra) return showValue(extra, (v[field] as FormValues[string]) ?? null, 'id')
  if (field === 'open_date') return v.open_date ? String(Number(v.open_date.slice(8, 10))) : ''
  if (field === 'programmes') return v.programmes.join(', ')
  const x = v[field]
  return typeof x === 'number' ? String(x) : ''
}

/** Parses what the operator typed; unparseable numbers stay NaN so the rules can say so. */
function parse(v: MonthlyValues, month: string, field: Column['id'], text: string, extra?: FormField): MonthlyValues {
  if (extra) return { ...v, [field]: readValue(extra, text, month) } as MonthlyValues
  const t = text.trim()
  if (field === 'open_date') {
    const day = Number(t)
    return { ...v, open_date: t === '' ? null : Number.isInteger(day) && day >= 1 && day <= 31 ? `${month}-${String(day).padStart(2, '0')}` : `${month}-??` }
  }
  if (field === 'programmes') return { ...v, programmes: parseProgrammes(t) }
  return { ...v, [field]: t === '' ? null : Number(t.replace(',', '.')) }
}

interface CellProps {
  recordKey: string
  recordLabel: string
  field: Column['id']
  fieldShort: string
  r: number
  c: number
  initial: MonthlyValues
  issue: Issue | undefined
  locked: boolean
  /** Room for a list of codes (only when fields are columns). */
  wide: boolean
  /** A field the kabupaten added to the SKDN form. */
  extra?: FormField
}

/** One input; memoised so a keystroke re-renders only cells whose message changed. */
const Cell = memo(function Cell(p: CellProps) {
  const label = `${p.fieldShort} ${p.recordLabel}`
  if (p.field === 'held') {
    return (
      <td className={`${classes.check} ${p.issue ? classes[p.issue.severity] : ''}`} title={p.issue && issueText(p.issue)}>
        <input type="checkbox" data-r={p.r} data-c={p.c} data-rk={p.recordKey} data-f="held" aria-label={label} defaultChecked={p.initial.held === false} disabled={p.locked} />
      </td>
    )
  }
  return (
    <td className={p.issue ? classes[p.issue.severity] : undefined} title={p.issue && issueText(p.issue)}>
      <input
        type="text"
        inputMode={p.field === 'programmes' ? 'text' : 'numeric'}
        className={p.field === 'programmes' && p.wide ? classes.wide : undefined}
        data-r={p.r}
        data-c={p.c}
        data-rk={p.recordKey}
        data-f={p.field}
        aria-label={label}
        aria-invalid={p.issue?.severity === 'error' || undefined}
        defaultValue={display(p.initial, p.field, p.extra)}
        disabled={p.locked}
        autoComplete="off"
      />
    </td>
  )
})

export interface EntryGridProps {
  records: GridRecord[]
  /** 'fields' = one row per field, one column per record (a posyandu's year); 'records' = one row per record (a desa's month). */
  rows: 'fields' | 'records'
  locked: boolean
  lang: string
  onChange: (key: string, values: MonthlyValues) => void
  /** Called with the record whose cell has the focus, and its messages. */
  onFocusRecord?: (key: string) => void
  /** The checks of one record (the SKDN form's rules, with the month before); default: the column checks only. */
  check?: (key: string, values: MonthlyValues, valuesOf: (key: string) => MonthlyValues | undefined) => Issue[]
  /** The record whose rules read this one as "the month before" (re-checked when this one changes). */
  nextKey?: (key: string) => string | null
  /** Fields the kabupaten added to the SKDN form, shown after the built-in ones. */
  extraFields?: FormField[]
}

/**
 * Keyboard grid for monthly reports. Inputs are uncontrolled (values live in a ref), so
 * typing re-renders nothing but the cells whose message changes. Enter moves to the next
 * field of the same record, then to the next record; arrows move between cells.
 */
export const EntryGrid = memo(function EntryGrid({ records, rows, locked, lang, onChange, onFocusRecord, check, nextKey, extraFields = [] }: EntryGridProps) {
  const columns: Column[] = useMemo(
    () => [
      { id: 'held', short: lang === 'en' ? 'Not held' : 'Tidak buka', long: lang === 'en' ? 'Not held this month' : 'Tidak buka bulan ini' },
      ...MONTHLY_FIELDS.map((f) => ({ id: f.key, short: f.short, long: lang === 'en' ? f.labelEn : f.label })),
      ...extraFields.map((f) => ({ id: f.key, short: f.short ?? f.key, long: lang === 'en' ? f.label.en : f.label.id, extra: f })),
    ],
    [lang, extraFields],
  )
  const store = useRef(new Map(records.map((r) => [r.key, r.values])))
  const validate = (r: GridRecord, v: MonthlyValues) => (check ? check(r.key, v, (k) => store.current.get(k)) : validateMonthly(v, r.month))
  const [issues, setIssues] = useState<Record<string, Issue[]>>(() => Object.fromEntries(records.map((r) => [r.key, validate(r, r.values)])))
  const [derived, setDerived] = useState<Record<string, Record<DerivedId, number | null>>>(() => Object.fromEntries(records.map((r) => [r.key, derivedIndicators(r.values)])))
  const byKey = useMemo(() => new Map(records.map((r) => [r.key, r])), [records])
  const tableRef = useRef<HTMLTableElement>(null)

  const onInput = useCallback(
    (e: FormEvent<HTMLTableElement>) => {
      const el = e.target as HTMLInputElement
      const key = el.dataset.rk
      const field = el.dataset.f as Column['id'] | undefined
      if (!key || !field) return
      const rec = byKey.get(key)!
      const before = store.current.get(key)!
      const col = columns.find((c) => c.id === field)
      const next = field === 'held' ? { ...before, held: el.checked ? false : null } : parse(before, rec.month, field, el.value, col?.extra)
      store.current.set(key, next)
      const found = validate(rec, next)
      setIssues((prev) => (JSON.stringify(prev[key]) === JSON.stringify(found) ? prev : { ...prev, [key]: found }))
      // The month after reads this one (n + t <= prev.d): check it again too.
      const after = nextKey?.(key)
      const afterRec = after ? byKey.get(after) : undefined
      if (afterRec) {
        const again = validate(afterRec, store.current.get(afterRec.key)!)
        setIssues((prev) => (JSON.stringify(prev[afterRec.key]) === JSON.stringify(again) ? prev : { ...prev, [afterRec.key]: again }))
      }
      const d = derivedIndicators(next)
      setDerived((prev) => (JSON.stringify(prev[key]) === JSON.stringify(d) ? prev : { ...prev, [key]: d }))
      onChange(key, next)
    },
    [byKey, onChange, columns],
  )

  const nRows = rows === 'fields' ? columns.length : records.length
  const nCols = rows === 'fields' ? records.length : columns.length
  const focus = (r: number, c: number) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`[data-r="${r}"][data-c="${c}"]`)
    if (el) {
      el.focus()
      if (el.type === 'text') el.select()
      return true
    }
    return false
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const el = e.target as HTMLInputElement
    if (el.dataset.r === undefined) return
    const r = Number(el.dataset.r)
    const c = Number(el.dataset.c)
    const text = el.type === 'text'
    // With the whole value selected (as after focus) arrows move; inside the text they move the caret.
    const atStart = !text || (el.selectionStart === 0 && (el.selectionEnd === 0 || el.selectionEnd === el.value.length))
    const atEnd = !text || el.selectionEnd === el.value.length
    // "Next field of the same record": down a column for a year grid, along a row for a desa grid.
    const step = (dir: 1 | -1) => {
      if (rows === 'fields') {
        const nr = r + dir
        return nr >= 0 && nr < nRows ? focus(nr, c) : focus(dir > 0 ? 0 : nRows - 1, c + dir)
      }
      const nc = c + dir
      return nc >= 0 && nc < nCols ? focus(r, nc) : focus(r + dir, dir > 0 ? 0 : nCols - 1)
    }
    let moved = false
    if (e.key === 'Enter') moved = step(e.shiftKey ? -1 : 1) || true
    else if (e.key === 'ArrowDown') moved = focus(r + 1, c) || true
    else if (e.key === 'ArrowUp') moved = focus(r - 1, c) || true
    else if (e.key === 'ArrowRight' && atEnd) moved = focus(r, c + 1) || true
    else if (e.key === 'ArrowLeft' && atStart) moved = focus(r, c - 1) || true
    else if (e.key === ' ' && el.type === 'checkbox') return
    if (moved) e.preventDefault()
  }
  const onFocus = (e: React.FocusEvent<HTMLTableElement>) => {
    const el = e.target as unknown as HTMLInputElement
    if (el.dataset.rk) {
      if (el.type === 'text') el.select()
      onFocusRecord?.(el.dataset.rk)
    }
  }

  const issueFor = (key: string, field: string) => {
    const list = (issues[key] ?? []).filter((i) => i.field === field)
    return list.find((i) => i.severity === 'error') ?? list[0]
  }
  const now = currentMonth()
  const future = (rec: GridRecord) => isFutureMonth(rec.month, now)
  const cell = (rec: GridRecord, ri: number, col: Column, r: number, c: number) => (
    <Cell key={`${rec.key}:${col.id}`} recordKey={rec.key} recordLabel={rec.label} field={col.id} fieldShort={col.short} r={r} c={c} initial={rec.values} issue={issueFor(rec.key, col.id)} locked={locked || future(rec)} wide={rows === 'records'} extra={col.extra} />
  )
  const derivedCell = (key: string, id: DerivedId) => (
    <td key={`${key}:${id}`} className={classes.derived} data-testid={`derived-${id}-${key}`}>
      {screenPercent(derived[key]?.[id] ?? null, 0)}
    </td>
  )

  return (
    <>
    {!locked && records.some(future) && <FutureHint lang={lang} now={now} />}
    <div className={classes.wrap}>
      <table ref={tableRef} className={classes.grid} onInput={onInput} onKeyDown={onKeyDown} onFocus={onFocus}>
        {rows === 'fields' ? (
          <>
            <thead>
              <tr>
                <th />
                {records.map((r) => <th key={r.key} className={future(r) ? classes.future : undefined}>{r.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {columns.map((col, ci) => (
                <tr key={col.id}>
                  <th title={col.long}>{col.long}</th>
                  {records.map((rec, ri) => cell(rec, ri, col, ci, ri))}
                </tr>
              ))}
              {DERIVED.map((d, i) => (
                <tr key={d.id} className={i === 0 ? classes.sep : undefined}>
                  <th>{d.label}</th>
                  {records.map((rec) => derivedCell(rec.key, d.id))}
                </tr>
              ))}
            </tbody>
          </>
        ) : (
          <>
            <thead>
              <tr>
                <th>Posyandu</th>
                {columns.map((c) => <th key={c.id} title={c.long}>{c.short}</th>)}
                {DERIVED.map((d) => <th key={d.id}>{d.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {records.map((rec, ri) => (
                <tr key={rec.key}>
                  <th>{rec.label}</th>
                  {columns.map((col, ci) => cell(rec, ri, col, ri, ci))}
                  {DERIVED.map((d) => derivedCell(rec.key, d.id))}
                </tr>
              ))}
            </tbody>
          </>
        )}
      </table>
    </div>
    </>
  )
})

/** Messages of one record, for the panel beside the grid. */
export function useRecordIssues(values: MonthlyValues | undefined, month: string | undefined): Issue[] {
  return useMemo(() => (values && month ? validateMonthly(values, month) : []), [values, month])
}

/* ---------- the grid of any report form (generated from its definition) ---------- */

export interface FormGridRecord {
  key: string
  /** Posyandu name (the sticky first column). */
  label: string
  sub?: string
  period: string
  values: FormValues
  /** The report of the period before, for rules reading prev.*. */
  previous: FormValues | null
  /** Version the stored report was entered on (null: not reported yet). */
  version: number | null
}

/** Text shown for a stored value. */
function showValue(f: FormField, v: FormValues[string], lang: string): string {
  if (v === null || v === undefined) return ''
  if (f.type === 'yesno') return v === true ? (lang === 'en' ? 'yes' : 'ya') : v === false ? (lang === 'en' ? 'no' : 'tidak') : String(v)
  if (f.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return String(Number(v.slice(8, 10)))
  return typeof v === 'number' ? String(v).replace('.', ',') : String(v)
}

/** What the operator typed, as a value; anything unreadable stays as text so the checks say so. */
export function readValue(f: FormField, text: string, period: string): FormValues[string] {
  const t = text.trim()
  if (t === '') return null
  switch (f.type) {
    case 'integer':
    case 'number': {
      const n = Number(t.replace(/\./g, f.type === 'integer' ? '' : '.').replace(',', '.'))
      return Number.isFinite(n) ? n : t
    }
    case 'yesno': {
      const w = t.toLowerCase()
      if (['y', 'ya', 'yes', '1', 'v'].includes(w)) return true
      if (['t', 'tidak', 'no', 'n', '0', 'x'].includes(w)) return false
      return t
    }
    case 'date':
      return /^\d{1,2}$/.test(t) && period.length === 7 ? `${period}-${t.padStart(2, '0')}` : t
    default:
      return t
  }
}

const FormCell = memo(function FormCell(p: { field: FormField; rk: string; label: string; r: number; c: number; initial: string; issue: ValueIssue | undefined; lang: string; locked: boolean }) {
  const msg = p.issue ? (p.lang === 'en' ? p.issue.message.en : p.issue.message.id) : undefined
  return (
    <td className={p.issue ? classes[p.issue.severity] : undefined} title={msg}>
      <input
        type="text"
        inputMode={p.field.type === 'integer' || p.field.type === 'number' || p.field.type === 'date' ? 'numeric' : 'text'}
        className={p.field.type === 'text' ? classes.wide : undefined}
        data-r={p.r}
        data-c={p.c}
        data-rk={p.rk}
        data-f={p.field.key}
        aria-label={`${p.field.short ?? p.field.key} ${p.label}`}
        aria-invalid={p.issue?.severity === 'error' || undefined}
        defaultValue={p.initial}
        disabled={p.locked}
        autoComplete="off"
      />
    </td>
  )
})

export interface FormGridProps {
  form: FormDef
  records: FormGridRecord[]
  locked: boolean
  lang: string
  onChange: (key: string, values: FormValues) => void
  onFocusRecord?: (key: string) => void
}

/** Issues of one record, as the grid and core both compute them (shared validateValues). */
export function formIssues(cf: CompiledForm, rec: Pick<FormGridRecord, 'values' | 'previous' | 'period'>, values = rec.values): ValueIssue[] {
  return validateValues(cf, values, rec.previous, rec.period)
}

/**
 * Keyboard grid for any report form: one row per posyandu (sticky first column), the
 * form's fields as columns under their section, its indicators at the end. Values live in
 * a ref; a keystroke re-renders only the cells whose message changes.
 */
export const FormGrid = memo(function FormGrid({ form, records, locked, lang, onChange, onFocusRecord }: FormGridProps) {
  const cf = useMemo(() => compileForm(form), [form])
  const fields = useMemo(() => form.sections.flatMap((s) => form.fields.filter((f) => f.section === s.id)), [form])
  const store = useRef(new Map(records.map((r) => [r.key, r.values])))
  const byKey = useMemo(() => new Map(records.map((r) => [r.key, r])), [records])
  const [issues, setIssues] = useState<Record<string, ValueIssue[]>>(() => Object.fromEntries(records.map((r) => [r.key, formIssues(cf, r)])))
  const [ind, setInd] = useState<Record<string, (number | null)[]>>(() => Object.fromEntries(records.map((r) => [r.key, indicatorValues(cf, r.values, r.previous)])))
  const tableRef = useRef<HTMLTableElement>(null)
  const onInput = useCallback(
    (e: FormEvent<HTMLTableElement>) => {
      const el = e.target as HTMLInputElement
      const key = el.dataset.rk
      const f = fields.find((x) => x.key === el.dataset.f)
      if (!key || !f) return
      const rec = byKey.get(key)!
      const next = { ...store.current.get(key)!, [f.key]: readValue(f, el.value, rec.period) }
      store.current.set(key, next)
      const found = formIssues(cf, rec, next)
      setIssues((prev) => (JSON.stringify(prev[key]) === JSON.stringify(found) ? prev : { ...prev, [key]: found }))
      const iv = indicatorValues(cf, next, rec.previous)
      setInd((prev) => (JSON.stringify(prev[key]) === JSON.stringify(iv) ? prev : { ...prev, [key]: iv }))
      onChange(key, next)
    },
    [byKey, cf, fields, onChange],
  )
  const focus = (r: number, c: number) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`[data-r="${r}"][data-c="${c}"]`)
    if (!el) return false
    el.focus()
    el.select()
    return true
  }
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const el = e.target as HTMLInputElement
    if (el.dataset.r === undefined) return
    const r = Number(el.dataset.r)
    const c = Number(el.dataset.c)
    const atStart = el.selectionStart === 0 && (el.selectionEnd === 0 || el.selectionEnd === el.value.length)
    const atEnd = el.selectionEnd === el.value.length
    let moved = false
    if (e.key === 'Enter') {
      const dir = e.shiftKey ? -1 : 1
      moved = focus(r, c + dir) || focus(r + dir, dir > 0 ? 0 : fields.length - 1) || true
    } else if (e.key === 'ArrowDown') moved = focus(r + 1, c) || true
    else if (e.key === 'ArrowUp') moved = focus(r - 1, c) || true
    else if (e.key === 'ArrowRight' && atEnd) moved = focus(r, c + 1) || true
    else if (e.key === 'ArrowLeft' && atStart) moved = focus(r, c - 1) || true
    if (moved) e.preventDefault()
  }
  const onFocus = (e: React.FocusEvent<HTMLTableElement>) => {
    const el = e.target as unknown as HTMLInputElement
    if (el.dataset.rk) {
      el.select()
      onFocusRecord?.(el.dataset.rk)
    }
  }
  const issueFor = (key: string, field: string) => {
    const list = (issues[key] ?? []).filter((i) => i.field === field)
    return list.find((i) => i.severity === 'error') ?? list[0]
  }
  const t = (x: { id: string; en: string }) => (lang === 'en' ? x.en : x.id)
  const sections = form.sections.map((s) => ({ s, n: fields.filter((f) => f.section === s.id).length })).filter((x) => x.n > 0)
  const now = currentMonth()
  const anyFuture = records.some((r) => isFutureMonth(r.period, now))
  return (
    <>
    {!locked && anyFuture && <FutureHint lang={lang} now={now} />}
    <div className={classes.wrap} data-testid="form-grid">
      <table ref={tableRef} className={classes.grid} onInput={onInput} onKeyDown={onKeyDown} onFocus={onFocus}>
        <thead>
          <tr>
            <th rowSpan={2} className={classes.corner}>Posyandu</th>
            {sections.map(({ s, n }) => <th key={s.id} colSpan={n} className={classes.section}>{t(s.label)}</th>)}
            {cf.indicators.length > 0 && <th colSpan={cf.indicators.length} className={classes.section}>{lang === 'en' ? 'Indicators' : 'Indikator'}</th>}
          </tr>
          <tr className={classes.second}>
            {fields.map((f) => (
              <th key={f.key} title={`${t(f.label)}${f.example ? ` (${lang === 'en' ? 'example' : 'contoh'})` : ''}${f.source ? ` — ${f.source}` : ''}`}>
                {f.short ?? f.key}{f.required ? '*' : ''}{f.example ? '°' : ''}
              </th>
            ))}
            {cf.indicators.map((i) => <th key={i.indicator.id} title={`${i.indicator.numerator}${i.indicator.denominator ? ` / ${i.indicator.denominator}` : ''}`}>{t(i.indicator.label).split(' ')[0]}</th>)}
          </tr>
        </thead>
        <tbody>
          {records.map((rec, r) => (
            <tr key={rec.key}>
              <th title={rec.sub}>{rec.label}</th>
              {fields.map((f, c) => (
                <FormCell key={f.key} field={f} rk={rec.key} label={rec.label} r={r} c={c} initial={showValue(f, rec.values[f.key] ?? null, lang)} issue={issueFor(rec.key, f.key)} lang={lang} locked={locked || isFutureMonth(rec.period, now)} />
              ))}
              {cf.indicators.map((i, ii) => {
                const v = ind[rec.key]?.[ii] ?? null
                const over = i.indicator.unit === '%' && v !== null && v > 1
                return (
                  <td key={i.indicator.id} className={`${classes.derived} ${over ? classes.over : ''}`} data-testid={`ind-${i.indicator.id}-${rec.key}`} title={over ? (lang === 'en' ? 'above 100%: check the data' : 'di atas 100%: periksa data') : undefined}>
                    {v === null ? '' : i.indicator.unit === '%' ? `${screenPercent(v, 0)}${over ? ' ⚠' : ''}` : i.indicator.unit === 'per1000' ? formatDecimal(v * 1000, 1, screenLang()) : String(Math.round(v * 10) / 10)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  )
})
