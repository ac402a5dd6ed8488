import type Database from 'better-sqlite3'
import { v5 as uuidv5 } from 'uuid'
import type { MonthlyRow } from '../../shared/contract/evaluation'
import { emptyMonth, isEmptyMonth, NUMERIC_FIELDS, validateMonthly, type MonthlyValues } from '../../shared/evaluation/fields'
import { formatMonth } from '../../shared/format'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { deleteRow, getRow, insertRow, restoreRow, updateRow, type Row } from '../db/rows'
import { getPosyandu, listPosyandu } from './posyandu'
import { monthLock } from './approval'

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
    ? { id: r.id as string, posyanduId, month, values: rowToValues(r), rev: r.rev as number }
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
  return {
    posyandu,
    year,
    months: monthsOf(year).map((m) => toRow(posyanduId, m, byMonth.get(m))),
    locked: !!lockingPeriod(ctx.sqlite, posyandu.kecamatanCode, year),
  }
}

export function monthlyDesa(ctx: Ctx, desaCode: string, month: string) {
  const list = listPosyandu(ctx.sqlite, desaCode)
  const get = ctx.sqlite.prepare(`SELECT * FROM monthly_report WHERE posyandu_id = ? AND month = ? AND deleted_at IS NULL`)
  return {
    desaCode,
    month,
    rows: list.map((p) => ({ posyandu: p, report: toRow(p.id, month, get.get(p.id, month) as Record<string, unknown> | undefined) })),
    locked: !!lockingPeriod(ctx.sqlite, desaCode.slice(0, 8), Number(month.slice(0, 4))) || !!monthLock(ctx, desaCode.slice(0, 8), month),
  }
}

export interface MonthlyItem {
  posyanduId: string
  month: string
  values: MonthlyValues
}

/**
 * Saves months of reports in one transaction: every item is checked by the shared rules
 * first, and one error refuses the whole batch (nothing written). Warnings are accepted.
 */
export function saveMonthly(ctx: Ctx, items: MonthlyItem[]): MonthlyRow[] {
  const problems: { posyanduId: string; month: string; field: string; message: string }[] = []
  const office = ctx.requireOffice()
  const prepared = items.map((it) => {
    const p = getPosyandu(ctx.sqlite, it.posyanduId)
    if (!(p.desaCode === office.wilayahCode || p.desaCode.startsWith(`${office.wilayahCode}.`))) {
      throw new AppError('AREA_OUTSIDE', `Posyandu ${p.name} berada di luar wilayah kantor ini.`)
    }
    const year = Number(it.month.slice(0, 4))
    const lock = lockingPeriod(ctx.sqlite, p.kecamatanCode, year)
    if (lock) {
      throw new AppError('EVALUATION_LOCKED', `Laporan ${formatMonth(it.month)} posyandu ${p.name} tidak dapat diubah: periode evaluasi "${lock.name}" sudah dikunci.`)
    }
    // A month submitted, approved or accepted (DHIS2-style approval) is not changed under its approvers.
    const held = monthLock(ctx, p.kecamatanCode, it.month)
    if (held) throw new AppError(held.code, `${held.message} (posyandu ${p.name})`)
    for (const issue of validateMonthly(it.values, it.month)) {
      if (issue.severity === 'error') problems.push({ posyanduId: p.id, month: it.month, field: issue.field, message: `${p.name}, ${formatMonth(it.month)}: ${issue.message}` })
    }
    return { it, p }
  })
  if (problems.length) {
    throw new AppError('MONTHLY_INVALID', `Laporan belum disimpan — ${problems.map((x) => x.message).join('; ')}`, problems)
  }
  return ctx.sqlite.transaction(() =>
    prepared.map(({ it, p }) => {
      const id = monthlyReportId(p.id, it.month)
      const existing = getRow(ctx.sqlite, 'monthly_report', id)
      if (isEmptyMonth(it.values)) {
        if (existing && !existing.deleted_at) deleteRow(ctx, 'monthly_report', id)
        return toRow(p.id, it.month, undefined)
      }
      const cols = valuesToColumns(it.values)
      if (!existing) {
        return toRow(p.id, it.month, insertRow(ctx, 'monthly_report', { posyandu_id: p.id, month: it.month, ...cols }, { id, scope: p.kecamatanCode }))
      }
      if (existing.deleted_at) restoreRow(ctx, 'monthly_report', id)
      return toRow(p.id, it.month, updateRow(ctx, 'monthly_report', id, cols))
    }),
  )()
}
