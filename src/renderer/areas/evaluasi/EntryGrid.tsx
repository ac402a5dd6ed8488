import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent, type FormEvent } from 'react'
import { DERIVED, derivedIndicators, MONTHLY_FIELDS, parseProgrammes, validateMonthly, type DerivedId, type Issue, type MonthlyValues } from '../../../shared/evaluation/fields'
import { formatPercent } from '../../../shared/format'
import classes from './grid.module.css'

export interface GridRecord {
  key: string
  /** Column or row header: "Jan" or the posyandu name. */
  label: string
  month: string
  values: MonthlyValues
}

type Column = { id: 'held' | (typeof MONTHLY_FIELDS)[number]['key']; short: string; long: string }

/** Displayed text of a stored value: open date as day of month, programmes as a list. */
function display(v: MonthlyValues, field: Column['id']): string {
  if (field === 'open_date') return v.open_date ? String(Number(v.open_date.slice(8, 10))) : ''
  if (field === 'programmes') return v.programmes.join(', ')
  const x = v[field]
  return typeof x === 'number' ? String(x) : ''
}

/** Parses what the operator typed; unparseable numbers stay NaN so the rules can say so. */
function parse(v: MonthlyValues, month: string, field: Column['id'], text: string): MonthlyValues {
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
}

/** One input; memoised so a keystroke re-renders only cells whose message changed. */
const Cell = memo(function Cell(p: CellProps) {
  const label = `${p.fieldShort} ${p.recordLabel}`
  if (p.field === 'held') {
    return (
      <td className={`${classes.check} ${p.issue ? classes[p.issue.severity] : ''}`} title={p.issue?.message}>
        <input type="checkbox" data-r={p.r} data-c={p.c} data-rk={p.recordKey} data-f="held" aria-label={label} defaultChecked={p.initial.held === false} disabled={p.locked} />
      </td>
    )
  }
  return (
    <td className={p.issue ? classes[p.issue.severity] : undefined} title={p.issue?.message}>
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
        defaultValue={display(p.initial, p.field)}
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
}

/**
 * Keyboard grid for monthly reports. Inputs are uncontrolled (values live in a ref), so
 * typing re-renders nothing but the cells whose message changes. Enter moves to the next
 * field of the same record, then to the next record; arrows move between cells.
 */
export const EntryGrid = memo(function EntryGrid({ records, rows, locked, lang, onChange, onFocusRecord }: EntryGridProps) {
  const columns: Column[] = useMemo(
    () => [
      { id: 'held', short: lang === 'en' ? 'Not held' : 'Tidak buka', long: lang === 'en' ? 'Not held this month' : 'Tidak buka bulan ini' },
      ...MONTHLY_FIELDS.map((f) => ({ id: f.key, short: f.short, long: lang === 'en' ? f.labelEn : f.label })),
    ],
    [lang],
  )
  const store = useRef(new Map(records.map((r) => [r.key, r.values])))
  const validate = (r: GridRecord, v: MonthlyValues) => validateMonthly(v, r.month)
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
      const next = field === 'held' ? { ...before, held: el.checked ? false : null } : parse(before, rec.month, field, el.value)
      store.current.set(key, next)
      const found = validate(rec, next)
      setIssues((prev) => (JSON.stringify(prev[key]) === JSON.stringify(found) ? prev : { ...prev, [key]: found }))
      const d = derivedIndicators(next)
      setDerived((prev) => (JSON.stringify(prev[key]) === JSON.stringify(d) ? prev : { ...prev, [key]: d }))
      onChange(key, next)
    },
    [byKey, onChange],
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
  const cell = (rec: GridRecord, ri: number, col: Column, r: number, c: number) => (
    <Cell key={`${rec.key}:${col.id}`} recordKey={rec.key} recordLabel={rec.label} field={col.id} fieldShort={col.short} r={r} c={c} initial={rec.values} issue={issueFor(rec.key, col.id)} locked={locked} wide={rows === 'records'} />
  )
  const derivedCell = (key: string, id: DerivedId) => (
    <td key={`${key}:${id}`} className={classes.derived} data-testid={`derived-${id}-${key}`}>
      {formatPercent(derived[key]?.[id] ?? null, 0)}
    </td>
  )

  return (
    <div className={classes.wrap}>
      <table ref={tableRef} className={classes.grid} onInput={onInput} onKeyDown={onKeyDown} onFocus={onFocus}>
        {rows === 'fields' ? (
          <>
            <thead>
              <tr>
                <th />
                {records.map((r) => <th key={r.key}>{r.label}</th>)}
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
  )
})

/** Messages of one record, for the panel beside the grid. */
export function useRecordIssues(values: MonthlyValues | undefined, month: string | undefined): Issue[] {
  return useMemo(() => (values && month ? validateMonthly(values, month) : []), [values, month])
}
