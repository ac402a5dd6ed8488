import type { Completeness, CompletenessGroup, CompletenessRow } from '../../shared/contract/forms'
import type { FormDef } from '../../shared/forms/form'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { listPosyandu, resolveArea } from '../evaluation/posyandu'
import { getSetting } from '../settings'
import { getForm } from './definitions'
import { checkPeriod, readReports } from './reports'
import { msg } from '../../shared/messages'

/** Setting: day of the month after the period by which a report is on time (default the 5th). */
export const DEADLINE_SETTING = 'forms.pref.deadline_day'





export function deadlineDay(ctx: Ctx): number {
  const raw = Number(getSetting(ctx.sqlite, DEADLINE_SETTING) ?? '5')
  return Number.isInteger(raw) && raw >= 1 && raw <= 28 ? raw : 5
}

/** The deadline of a period: the given day of the month after it (a yearly form: of the January after). */
export function deadlineOf(form: FormDef, period: string, day: number): string {
  const [y, m] = form.periodType === 'yearly' ? [Number(period), 12] : period.split('-').map(Number)
  const ny = m === 12 ? y + 1 : y
  const nm = m === 12 ? 1 : m + 1
  return `${ny}-${String(nm).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Offices keep WIB: the report date is the timestamp's date at UTC+7. */
const localDate = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10)

function group(code: string, name: string, rows: CompletenessRow[]): CompletenessGroup {
  const reported = rows.filter((r) => r.status === 'reported').length
  const late = rows.filter((r) => r.status === 'late').length
  const n = rows.length
  return { code, name, posyandu: n, reported, late, missing: n - reported - late, completeness: n ? (reported + late) / n : null, timeliness: n ? reported / n : null }
}

/** Which posyandu reported a form for a period, on time or late, and which did not; per desa and kecamatan. */
export function completeness(ctx: Ctx, code: string, period: string, area?: string): Completeness {
  const office = ctx.requireOffice()
  const form = getForm(ctx.sqlite, office.wilayahCode, code)
  checkPeriod(form, period)
  const where = resolveArea(ctx, area)
  const list = listPosyandu(ctx.sqlite, where.code)
  const day = deadlineDay(ctx)
  const deadline = deadlineOf(form, period, day)
  const reports = readReports(ctx, form, period, list.map((p) => p.id))
  const rows: CompletenessRow[] = list.map((p) => {
    const r = reports.get(p.id)
    const on = r?.reportedAt ? localDate(r.reportedAt) : null
    return { ...p, status: !r ? 'missing' : on && on > deadline ? 'late' : 'reported', reportedOn: on, formVersion: r?.formVersion ?? null }
  })
  const by = (key: (r: CompletenessRow) => string, name: (r: CompletenessRow) => string) => {
    const m = new Map<string, CompletenessRow[]>()
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r])
    return [...m.entries()].map(([k, rs]) => group(k, name(rs[0]), rs))
  }
  if (!list.length && !where) throw new AppError('AREA_EMPTY', msg('forms.areaEmpty'))
  return {
    form: { code: form.code, version: form.version, name: form.name.id, periodType: form.periodType },
    period,
    area: where,
    deadline,
    deadlineDay: day,
    rows,
    desa: by((r) => r.desaCode, (r) => r.desaName),
    kecamatan: by((r) => r.kecamatanCode, (r) => r.kecamatanName),
    total: group(where.code, where.name, rows),
  }
}
