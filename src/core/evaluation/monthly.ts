import type Database from 'better-sqlite3'
import { v5 as uuidv5 } from 'uuid'
import type { MonthlyRow } from '../../shared/contract/evaluation'
import { ACTIVITY_FIELDS, emptyMonth, fieldDef, isEmptyMonth, MONTHLY_RULES, NUMERIC_FIELDS, type MonthlyValues } from '../../shared/evaluation/fields'
import { onCalendar } from '../policy/columns'
import type { FormValues } from '../../shared/forms/form'
import { previousPeriod, nextPeriod } from '../../shared/forms/form'
import { checkSkdnMonth, monthlyToForm } from '../../shared/forms/skdn'
import { compiled, getForm } from '../forms/definitions'
import { formatMonth } from '../../shared/format'
import { AppError } from '../../shared/result'
import { isoDate } from '../clock'
import type { Ctx } from '../context'
import { deleteRow, getRow, insertRow, restoreRow, updateRow, type Row } from '../db/rows'
import { getPosyandu, listPosyandu } from './posyandu'
import { monthLock } from './approval'
import { monthLoc, msg, type Msg } from '../../shared/messages'
import { isWithin } from '../../shared/area'

/** Fixed namespace: the id of a monthly report is a UUIDv5 of posyandu id and month. */
const MONTHLY_NS = '6f1c2b7e-5d0a-4a39-9a55-3e2f8c1d7b40'
export const monthlyReportId = (posyanduId: string, month: string) => uuidv5(`${posyanduId}|${month}`, MONTHLY_NS)

export const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)

export function rowToValues(r: Record<string, unknown>): MonthlyValues {
  const v = emptyMonth()
  v.held = r.held === 1 ? true : r.held === 0 ? false : null
  v.open_date = (r.open_date as string | null) ?? null
  v.programmes = r.programmes ? String(r.programmes).split(',').filter(Boolean) : []
  v.notes = (r.notes as string | null) ?? null
  for (const k of NUMERIC_FIELDS) v[k] = (r[k] as number | null) ?? null
  return v
}

/**
 * The monthly form's rule data (MONTHLY_FIELDS bounds, ACTIVITY_FIELDS, MONTHLY_RULES errors)
 * laid out once as flat arrays: the quick check below walks them with index loops, which stay
 * cheap before V8 optimises them (the first thousand rows of an import, issue 17).
 */
const NUMERIC_KEYS = [...NUMERIC_FIELDS]
const NUMERIC_MAX = NUMERIC_KEYS.map((k) => fieldDef(k)?.max ?? Infinity)
const ACTIVITY_KEYS = [...ACTIVITY_FIELDS]
const ERROR_RULES = MONTHLY_RULES.filter((r) => r.severity === 'error')
const LTE_A = ERROR_RULES.flatMap((r) => (r.kind === 'lte' ? [r.a] : []))
const LTE_B = ERROR_RULES.flatMap((r) => (r.kind === 'lte' ? [r.b] : []))
const SUMS = ERROR_RULES.flatMap((r) => (r.kind === 'sum' ? [{ total: r.total, parts: [...r.parts] }] : []))
const OPEN_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * A cheap proof that a stored monthly row has no ERROR under `validateMonthly(rowToValues(r), month)`
 * (the bundle check runs on millions of them, issue 17): true only when every number is a whole
 * number within its field's bound, the open day is a calendar day of the month, a month marked
 * closed has no open day and no activity, and no error rule (MONTHLY_RULES) is broken. False is
 * no verdict: run validateMonthly, which says what is wrong. It follows validateMonthly's error
 * rules; tests/core/fast-check.test.ts compares the two on random and edge months.
 */
export function monthlyRowPasses(r: Record<string, unknown>, month: string): boolean {
  return rowPasses(r, month, OPEN_DATE, onCalendar)
}

/**
 * The same walk written out once over the very arrays above, each column by its literal name:
 * V8 then reads a row's fields as named properties instead of a keyed lookup per field (about
 * half the cost of this check on a national load).
 */
const rowPasses = (() => {
  const k = JSON.stringify
  const lines = [
    'const d = r.open_date',
    "const dated = d !== null && d !== undefined && d !== ''",
    `if (r.held === 0) { if (dated) return false; ${ACTIVITY_KEYS.map((a) => `if (r[${k(a)}] !== null && r[${k(a)}] !== undefined) return false`).join('; ')} } else if (r.held !== 1) return false`,
    'let x',
    ...NUMERIC_KEYS.map((n, i) => `x = r[${k(n)}]; if (x !== null && x !== undefined && (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > ${Number.isFinite(NUMERIC_MAX[i]) ? NUMERIC_MAX[i] : 'Infinity'})) return false`),
    'if (dated && (typeof d !== "string" || !OPEN_DATE.test(d) || !onCalendar(d) || !month || !d.startsWith(month))) return false',
    'let a, b',
    ...LTE_A.map((x, i) => `a = r[${k(x)}]; b = r[${k(LTE_B[i])}]; if (typeof a === 'number' && typeof b === 'number' && a > b) return false`),
    'let total, sum, all',
    ...SUMS.map((t) => `total = r[${k(t.total)}]; if (typeof total === 'number') { sum = 0; all = true; ${t.parts.map((p) => `x = r[${k(p)}]; if (typeof x === 'number') sum += x; else all = false`).join('; ')}; if (all && sum !== total) return false }`),
    'return true',
  ]
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated once from MONTHLY_FIELDS / MONTHLY_RULES (see above)
  return new Function('r', 'month', 'OPEN_DATE', 'onCalendar', lines.join('\n')) as (r: Record<string, unknown>, month: string, re: RegExp, cal: (d: string) => boolean) => boolean
})()

/** Fields a kabupaten added to the SKDN form (stored beside the columns). */
export const rowExtra = (r: Record<string, unknown>): FormValues | null => (r.extra_json ? (JSON.parse(String(r.extra_json)) as FormValues) : null)

function valuesToColumns(v: MonthlyValues): Record<string, unknown> {
  const cols: Record<string, unknown> = {
    // A filled month without an explicit "tidak buka" is an open day.
    held: v.held === false ? 0 : 1,
    open_date: v.open_date || null,
    programmes: v.programmes.length ? v.programmes.join(',') : null,
    notes: v.notes || null,
  }
  for (const k of NUMERIC_FIELDS) cols[k] = typeof v[k] === 'number' ? v[k] : null
  return cols
}

const toRow = (posyanduId: string, month: string, r: Row | Record<string, unknown> | undefined): MonthlyRow =>
  r && !r.deleted_at
    ? { id: r.id as string, posyanduId, month, values: rowToValues(r), rev: r.rev as number, extra: rowExtra(r), formVersion: r.form_version as number }
    : { id: null, posyanduId, month, values: emptyMonth(), rev: 0 }

/** The locked evaluation period (if any) covering this scope and year. */
export function lockingPeriod(sqlite: Database.Database, scope: string, year: number): { name: string } | null {
  return (
    (sqlite
      .prepare(
        `SELECT name FROM evaluation_period WHERE status = 'locked' AND deleted_at IS NULL AND year = ?
         AND (? = area_code OR ? LIKE area_code || '.%') LIMIT 1`,
      )
      .get(year, scope, scope) as { name: string } | undefined) ?? null
  )
}

export function monthlyYear(ctx: Ctx, posyanduId: string, year: number) {
  const posyandu = getPosyandu(ctx.sqlite, posyanduId)
  const rows = ctx.sqlite
    .prepare(`SELECT * FROM monthly_report WHERE posyandu_id = ? AND month LIKE ? AND deleted_at IS NULL`)
    .all(posyanduId, `${year}-%`) as Record<string, unknown>[]
  const byMonth = new Map(rows.map((r) => [r.month as string, r]))
  const dec = ctx.sqlite.prepare(`SELECT * FROM monthly_report WHERE posyandu_id = ? AND month = ? AND deleted_at IS NULL`).get(posyanduId, `${year - 1}-12`) as Record<string, unknown> | undefined
  return {
    posyandu,
    year,
    months: monthsOf(year).map((m) => toRow(posyanduId, m, byMonth.get(m))),
    /** December before, for January's rules that read the month before (SKDN form values). */
    previous: dec ? monthlyToForm(rowToValues(dec), rowExtra(dec)) : null,
    locked: !!lockingPeriod(ctx.sqlite, posyandu.kecamatanCode, year),
  }
}

export function monthlyDesa(ctx: Ctx, desaCode: string, month: string) {
  const list = listPosyandu(ctx.sqlite, desaCode)
  const get = ctx.sqlite.prepare(`SELECT * FROM monthly_report WHERE posyandu_id = ? AND month = ? AND deleted_at IS NULL`)
  return {
    desaCode,
    month,
    rows: list.map((p) => {
      const before = get.get(p.id, previousPeriod(month)) as Record<string, unknown> | undefined
      return { posyandu: p, report: toRow(p.id, month, get.get(p.id, month) as Record<string, unknown> | undefined), previous: before ? monthlyToForm(rowToValues(before), rowExtra(before)) : null }
    }),
    locked: !!lockingPeriod(ctx.sqlite, desaCode.slice(0, 8), Number(month.slice(0, 4))) || !!monthLock(ctx, desaCode.slice(0, 8), month),
  }
}

export interface MonthlyItem {
  posyanduId: string
  month: string
  values: MonthlyValues
  /** Values of fields the kabupaten added to the SKDN form. */
  extra?: FormValues | null
  /** The SKDN form version it is entered on (default: the newest this office has). */
  formVersion?: number
}

/**
 * Saves months of reports in one transaction: every item is checked by the shared rules
 * first, and one error refuses the whole batch (nothing written). Warnings are accepted.
 */
export function saveMonthly(ctx: Ctx, items: MonthlyItem[]): MonthlyRow[] {
  const problems: { posyanduId: string; month: string; field: string; message: string; msg: Msg }[] = []
  const office = ctx.requireOffice()
  const newest = getForm(ctx.sqlite, office.wilayahCode, 'SKDN')
  const today = isoDate(ctx.clock.now())
  // A month's rules may read the month before (n + t <= prev.d): from this batch, else stored.
  const batch = new Map(items.map((it) => [`${it.posyanduId}|${it.month}`, it]))
  const stored = ctx.sqlite.prepare(`SELECT * FROM monthly_report WHERE posyandu_id = ? AND month = ? AND deleted_at IS NULL`)
  const valuesAt = (posyanduId: string, month: string): FormValues | null => {
    const b = batch.get(`${posyanduId}|${month}`)
    if (b) return isEmptyMonth(b.values) ? null : monthlyToForm(b.values, b.extra ?? null)
    const r = stored.get(posyanduId, month) as Record<string, unknown> | undefined
    return r ? monthlyToForm(rowToValues(r), rowExtra(r)) : null
  }
  const prepared = items.map((it) => {
    const p = getPosyandu(ctx.sqlite, it.posyanduId)
    if (!isWithin(p.desaCode, office.wilayahCode)) {
      throw new AppError('AREA_OUTSIDE', msg('core.posyanduOutside', { name: p.name }))
    }
    const year = Number(it.month.slice(0, 4))
    const lock = lockingPeriod(ctx.sqlite, p.kecamatanCode, year)
    if (lock) {
      throw new AppError('EVALUATION_LOCKED', msg('evaluation.monthLocked', { month: monthLoc(it.month), name: p.name, period: lock.name }))
    }
    // A month submitted, approved or accepted (DHIS2-style approval) is not changed under its approvers.
    const held = monthLock(ctx, p.kecamatanCode, it.month)
    if (held) throw new AppError(held.code, msg('evaluation.heldPosyandu', { text: held.msg, name: p.name }))
    // A report is of a month that has come, on a posyandu day that has passed.
    if (!isEmptyMonth(it.values)) {
      if (it.month > today.slice(0, 7)) problems.push({ posyanduId: p.id, month: it.month, field: 'month', message: `${p.name}, ${formatMonth(it.month)}: bulan ini belum tiba; laporannya diisi setelah hari buka posyandu.`, msg: msg('core.problemAt', { name: p.name, when: monthLoc(it.month), text: msg('evaluation.monthFuture') }) })
      else if (it.values.open_date && it.values.open_date.length === 10 && it.values.open_date > today) {
        problems.push({ posyanduId: p.id, month: it.month, field: 'open_date', message: `${p.name}, ${formatMonth(it.month)}: tanggal buka ${it.values.open_date} belum lewat.`, msg: msg('core.problemAt', { name: p.name, when: monthLoc(it.month), text: msg('evaluation.openDateFuture', { date: it.values.open_date }) }) })
      }
    }
    const form = it.formVersion ? getForm(ctx.sqlite, office.wilayahCode, 'SKDN', it.formVersion) : newest
    const cf = compiled(form)
    for (const issue of checkSkdnMonth(cf, it.values, it.extra ?? null, valuesAt(p.id, previousPeriod(it.month)), it.month)) {
      if (issue.severity === 'error') problems.push({ posyanduId: p.id, month: it.month, field: issue.field, message: `${p.name}, ${formatMonth(it.month)}: ${issue.message}`, msg: msg('core.problemAt', { name: p.name, when: monthLoc(it.month), text: issue.msg ?? issue.message }) })
    }
    // Changing this month may break the stored month after it (its prev.* now reads these values).
    const next = nextPeriod(it.month)
    if (!batch.has(`${p.id}|${next}`) && !isEmptyMonth(it.values)) {
      const r = stored.get(p.id, next) as Record<string, unknown> | undefined
      if (r) {
        for (const issue of checkSkdnMonth(cf, rowToValues(r), rowExtra(r), monthlyToForm(it.values, it.extra ?? null), next)) {
          if (issue.severity === 'error' && cf.rules.some((x) => x.rule.id === issue.rule && x.compiled.prevFields.length)) {
            problems.push({ posyanduId: p.id, month: next, field: issue.field, message: `${p.name}, ${formatMonth(next)} (sudah tersimpan): ${issue.message}`, msg: msg('core.problemAtStored', { name: p.name, when: monthLoc(next), text: issue.msg ?? issue.message }) })
          }
        }
      }
    }
    return { it, p, version: form.version }
  })
  if (problems.length) {
    throw new AppError('MONTHLY_INVALID', msg('evaluation.monthlyInvalid', { problems: problems.map((x) => x.msg) }), problems)
  }
  return ctx.sqlite.transaction(() =>
    prepared.map(({ it, p, version }) => {
      const id = monthlyReportId(p.id, it.month)
      const existing = getRow(ctx.sqlite, 'monthly_report', id)
      if (isEmptyMonth(it.values)) {
        if (existing && !existing.deleted_at) deleteRow(ctx, 'monthly_report', id)
        return toRow(p.id, it.month, undefined)
      }
      const extra = it.extra && Object.keys(it.extra).length ? JSON.stringify(it.extra) : null
      const cols = { ...valuesToColumns(it.values), form_version: version, extra_json: extra }
      if (!existing) {
        return toRow(p.id, it.month, insertRow(ctx, 'monthly_report', { posyandu_id: p.id, month: it.month, ...cols }, { id, scope: p.kecamatanCode }))
      }
      if (existing.deleted_at) restoreRow(ctx, 'monthly_report', id)
      return toRow(p.id, it.month, updateRow(ctx, 'monthly_report', id, cols))
    }),
  )()
}
