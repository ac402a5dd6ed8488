import { v5 as uuidv5 } from 'uuid'
import type { PosyanduRef } from '../../shared/contract/evaluation'
import { isEmptyReport, nextPeriod, previousPeriod, validateValues, type FormDef, type FormValues } from '../../shared/forms/form'
import { formToMonthly, monthlyToForm } from '../../shared/forms/skdn'
import { formatMonth } from '../../shared/format'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { deleteRow, getRow, insertRow, restoreRow, updateRow } from '../db/rows'
import { rowExtra, rowToValues, saveMonthly } from '../evaluation/monthly'
import { getPosyandu, listPosyandu, resolveArea } from '../evaluation/posyandu'
import { compiled, getForm } from './definitions'
import { monthLoc, msg, type Msg } from '../../shared/messages'
import { isWithin } from '../../shared/area'

const REPORT_NS = '3c1d7a9e-8b42-4f0e-a6d5-91e2b7c4f830'
export const formReportId = (formCode: string, posyanduId: string, period: string) => uuidv5(`${formCode}|${posyanduId}|${period}`, REPORT_NS)

export interface FormReport {
  posyanduId: string
  period: string
  /** null when the posyandu has not reported this period. */
  formVersion: number | null
  values: FormValues
  /** When the report was first entered (timeliness). */
  reportedAt: string | null
  rev: number
}

export function checkPeriod(form: FormDef, period: string): void {
  const ok = form.periodType === 'yearly' ? /^\d{4}$/.test(period) : /^\d{4}-(0[1-9]|1[0-2])$/.test(period)
  if (!ok) throw new AppError('PERIOD_INVALID', msg(form.periodType === 'yearly' ? 'forms.periodYearly' : 'forms.periodMonthly', { period, code: form.code }))
}

const fromJson = (s: unknown): FormValues => (s ? (JSON.parse(String(s)) as FormValues) : {})

/** Stored reports of one form and period for some posyandu (one query). */
export function readReports(ctx: Ctx, form: FormDef, period: string, posyanduIds: string[]): Map<string, FormReport> {
  const out = new Map<string, FormReport>()
  if (!posyanduIds.length) return out
  const ids = JSON.stringify(posyanduIds)
  if (form.storage === 'monthly_report') {
    const rows = ctx.sqlite
      .prepare(`SELECT * FROM monthly_report WHERE month = ? AND deleted_at IS NULL AND posyandu_id IN (SELECT value FROM json_each(?))`)
      .all(period, ids) as Record<string, unknown>[]
    for (const r of rows) {
      out.set(r.posyandu_id as string, { posyanduId: r.posyandu_id as string, period, formVersion: r.form_version as number, values: monthlyToForm(rowToValues(r), rowExtra(r)), reportedAt: r.created_at as string, rev: r.rev as number })
    }
    return out
  }
  const rows = ctx.sqlite
    .prepare(`SELECT * FROM form_report WHERE form_code = ? AND period = ? AND deleted_at IS NULL AND posyandu_id IN (SELECT value FROM json_each(?))`)
    .all(form.code, period, ids) as Record<string, unknown>[]
  for (const r of rows) {
    out.set(r.posyandu_id as string, { posyanduId: r.posyandu_id as string, period, formVersion: r.form_version as number, values: fromJson(r.values_json), reportedAt: r.created_at as string, rev: r.rev as number })
  }
  return out
}

export interface FormSheet {
  form: FormDef
  period: string
  rows: { posyandu: PosyanduRef; report: FormReport; previous: FormValues | null }[]
  /** Definitions of older versions some rows were entered on. */
  versions: Record<number, FormDef>
}

/** One form and period for every posyandu of an area (desa or kecamatan), with the period before for rules. */
export function formSheet(ctx: Ctx, code: string, period: string, area?: string): FormSheet {
  const office = ctx.requireOffice()
  const form = getForm(ctx.sqlite, office.wilayahCode, code)
  checkPeriod(form, period)
  const list = listPosyandu(ctx.sqlite, resolveArea(ctx, area).code)
  const ids = list.map((p) => p.id)
  const now = readReports(ctx, form, period, ids)
  const before = readReports(ctx, form, previousPeriod(period), ids)
  const versions: Record<number, FormDef> = {}
  for (const r of now.values()) if (r.formVersion && r.formVersion !== form.version && !versions[r.formVersion]) versions[r.formVersion] = getForm(ctx.sqlite, office.wilayahCode, code, r.formVersion)
  return {
    form,
    period,
    versions,
    rows: list.map((p) => ({
      posyandu: p,
      report: now.get(p.id) ?? { posyanduId: p.id, period, formVersion: null, values: {}, reportedAt: null, rev: 0 },
      previous: before.get(p.id)?.values ?? null,
    })),
  }
}

export interface FormItem {
  posyanduId: string
  period: string
  values: FormValues
  formVersion?: number
}

const clean = (v: FormValues) => Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined && x !== '').sort(([a], [b]) => a.localeCompare(b)))

/**
 * Saves reports of one form, all or nothing: each is checked against the version it is
 * entered on (which this office must have), with the period before from the batch or the
 * database; one error refuses the whole batch. An empty report removes the stored one.
 */
export function saveFormReports(ctx: Ctx, code: string, items: FormItem[]): FormReport[] {
  const office = ctx.requireOffice()
  const newest = getForm(ctx.sqlite, office.wilayahCode, code)
  if (newest.storage === 'monthly_report') {
    const saved = saveMonthly(
      ctx,
      items.map((it) => {
        checkPeriod(newest, it.period)
        const form = it.formVersion ? getForm(ctx.sqlite, office.wilayahCode, code, it.formVersion) : newest
        unknownKeys(form, it.values)
        const { values, extra } = formToMonthly(it.values)
        return { posyanduId: it.posyanduId, month: it.period, values, extra, formVersion: form.version }
      }),
    )
    return saved.map((r) => readReports(ctx, newest, r.month, [r.posyanduId]).get(r.posyanduId) ?? { posyanduId: r.posyanduId, period: r.month, formVersion: null, values: {}, reportedAt: null, rev: 0 })
  }
  const batch = new Map(items.map((it) => [`${it.posyanduId}|${it.period}`, it]))
  const problems: { posyanduId: string; period: string; field: string | null; message: string; msg: Msg }[] = []
  const prepared = items.map((it) => {
    checkPeriod(newest, it.period)
    const p = getPosyandu(ctx.sqlite, it.posyanduId)
    if (!isWithin(p.desaCode, office.wilayahCode)) {
      throw new AppError('AREA_OUTSIDE', msg('core.posyanduOutside', { name: p.name }))
    }
    const form = it.formVersion ? getForm(ctx.sqlite, office.wilayahCode, code, it.formVersion) : newest
    unknownKeys(form, it.values)
    const cf = compiled(form)
    const at = (period: string) => {
      const b = batch.get(`${p.id}|${period}`)
      return b ? (isEmptyReport(form, b.values) ? null : b.values) : (readReports(ctx, form, period, [p.id]).get(p.id)?.values ?? null)
    }
    const label = form.periodType === 'yearly' ? it.period : formatMonth(it.period)
    for (const i of validateValues(cf, it.values, at(previousPeriod(it.period)), it.period)) {
      if (i.severity === 'error') problems.push({ posyanduId: p.id, period: it.period, field: i.field, message: `${p.name}, ${label}: ${i.message.id}`, msg: msg('core.problemAt', { name: p.name, when: form.periodType === 'yearly' ? it.period : monthLoc(it.period), text: msg('text.loc', { text: i.message }) }) })
    }
    const next = nextPeriod(it.period)
    const stored = !batch.has(`${p.id}|${next}`) && !isEmptyReport(form, it.values) ? readReports(ctx, form, next, [p.id]).get(p.id) : undefined
    if (stored) {
      for (const i of validateValues(cf, stored.values, it.values, next, { rulesOnly: true })) {
        if (i.severity === 'error' && cf.rules.some((r) => r.rule.id === i.rule && r.compiled.prevFields.length)) {
          problems.push({ posyanduId: p.id, period: next, field: i.field, message: `${p.name}, ${form.periodType === 'yearly' ? next : formatMonth(next)} (sudah tersimpan): ${i.message.id}`, msg: msg('core.problemAtStored', { name: p.name, when: form.periodType === 'yearly' ? next : monthLoc(next), text: msg('text.loc', { text: i.message }) }) })
        }
      }
    }
    return { it, p, form }
  })
  if (problems.length) throw new AppError('FORM_REPORT_INVALID', msg('forms.reportInvalid', { problems: problems.map((x) => x.msg) }), problems)
  return ctx.sqlite.transaction(() =>
    prepared.map(({ it, p, form }) => {
      const id = formReportId(code, p.id, it.period)
      const existing = getRow(ctx.sqlite, 'form_report', id)
      if (isEmptyReport(form, it.values)) {
        if (existing && !existing.deleted_at) deleteRow(ctx, 'form_report', id)
        return { posyanduId: p.id, period: it.period, formVersion: null, values: {}, reportedAt: null, rev: 0 }
      }
      const cols = { form_version: form.version, values_json: JSON.stringify(clean(it.values)) }
      let row
      if (!existing) row = insertRow(ctx, 'form_report', { form_code: code, posyandu_id: p.id, period: it.period, ...cols }, { id, scope: p.kecamatanCode })
      else {
        if (existing.deleted_at) restoreRow(ctx, 'form_report', id)
        row = updateRow(ctx, 'form_report', id, cols)
      }
      return { posyanduId: p.id, period: it.period, formVersion: form.version, values: fromJson(row.values_json), reportedAt: row.created_at as string, rev: row.rev }
    }),
  )()
}

function unknownKeys(form: FormDef, values: FormValues): void {
  const keys = new Set(form.fields.map((f) => f.key))
  const extra = Object.keys(values).filter((k) => !keys.has(k) && values[k] !== null && values[k] !== undefined && values[k] !== '')
  if (extra.length) throw new AppError('FORM_FIELD_UNKNOWN', msg('forms.fieldUnknown', { fields: extra.join(', '), code: form.code, version: form.version }))
}
