import { v5 as uuidv5 } from 'uuid'
import type { PosyanduRef } from '../../shared/contract/evaluation'
import { MARK_LABEL, outlierText, type MarkStatus, type QualityMark } from '../../shared/contract/forms'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { deleteRow, getRow, insertRow, updateRow } from '../db/rows'
import { getPosyandu } from '../evaluation/posyandu'
import { getForm } from './definitions'
import { findings } from './findings'
import { checkPeriod } from './reports'
import { monthLoc, msg } from '../../shared/messages'

/**
 * Follow-up marks on data-quality findings (DHIS2 marks a value "for follow-up"): the
 * kecamatan's operator or verifier says of a rule violation or an outlier that it was
 * checked and the data is right, that it was fixed, or that it needs follow-up, with a note.
 * A mark is a travelling row the kecamatan owns (policy `quality_mark`); the kabupaten
 * receives it. It stays when the finding disappears, so the quality screen shows it as
 * history ("diperbaiki" and the report no longer breaks the rule).
 */
const MARK_NS = '7e2c4b19-3f5a-4d08-b6e1-0a9d8c7f5e32'
export const markId = (formCode: string, posyanduId: string, period: string, kind: string, subject: string) => uuidv5(`${formCode}|${posyanduId}|${period}|${kind}|${subject}`, MARK_NS)
export const markKey = (posyanduId: string, period: string, kind: string, subject: string) => `${posyanduId}|${period}|${kind}|${subject}`

function toMark(r: Record<string, unknown>, posyandu: string): QualityMark {
  return {
    posyanduId: r.posyandu_id as string,
    posyandu,
    period: r.period as string,
    kind: r.kind as QualityMark['kind'],
    subject: r.subject as string,
    status: r.status as MarkStatus,
    note: (r.note as string | null) ?? null,
    finding: r.finding as string,
    markedAt: r.marked_at as string,
    markedByName: r.marked_by_name as string,
    scope: r.scope as string,
  }
}

/** The live marks of one form and year for some posyandu, by finding (`markKey`). */
export function marksOf(ctx: Ctx, formCode: string, year: number, list: PosyanduRef[]): Map<string, QualityMark> {
  const names = new Map(list.map((p) => [p.id, p.name]))
  const rows = ctx.sqlite
    .prepare(`SELECT * FROM quality_mark WHERE form_code = ? AND substr(period, 1, 4) = ? AND deleted_at IS NULL AND posyandu_id IN (SELECT value FROM json_each(?))`)
    .all(formCode, String(year), JSON.stringify(list.map((p) => p.id))) as Record<string, unknown>[]
  return new Map(rows.map((r) => [markKey(r.posyandu_id as string, r.period as string, r.kind as string, r.subject as string), toMark(r, names.get(r.posyandu_id as string) ?? '')]))
}

export interface MarkInput {
  code: string
  posyanduId: string
  period: string
  kind: 'rule' | 'outlier'
  subject: string
  status: MarkStatus | null
  note?: string
}

/**
 * Marks one finding (or withdraws its mark with status null). The finding must exist now,
 * unless it already has a mark (a report corrected after it was marked can still have its
 * mark changed). "Sudah dicek" and "perlu tindak lanjut" need a note saying why or what.
 */
export function setMark(ctx: Ctx, input: MarkInput): QualityMark | null {
  const office = ctx.requireOffice()
  if (office.level !== 'kecamatan') throw new AppError('MARK_KECAMATAN_ONLY', msg('forms.markKecamatanOnly'))
  const form = getForm(ctx.sqlite, office.wilayahCode, input.code)
  checkPeriod(form, input.period)
  const p = getPosyandu(ctx.sqlite, input.posyanduId)
  if (p.kecamatanCode !== office.wilayahCode) throw new AppError('AREA_OUTSIDE', msg('core.posyanduOutside', { name: p.name }))
  const id = markId(form.code, p.id, input.period, input.kind, input.subject)
  const stored = getRow(ctx.sqlite, 'quality_mark', id)
  const live = stored && !stored.deleted_at ? stored : null
  if (input.status === null) {
    if (!live) throw new AppError('MARK_NONE', msg('forms.markNone', { name: p.name, when: form.periodType === 'yearly' ? input.period : monthLoc(input.period) }))
    deleteRow(ctx, 'quality_mark', id)
    return null
  }
  const note = input.note?.trim() || null
  if (!note && input.status !== 'fixed') throw new AppError('MARK_NOTE', msg(input.status === 'checked' ? 'forms.markNoteChecked' : 'forms.markNoteFollowUp', { mark: MARK_LABEL[input.status] }))
  const found = findings(ctx, form, Number(input.period.slice(0, 4)), [p])
  const v = input.kind === 'rule' ? found.violations.find((x) => x.period === input.period && x.rule === input.subject) : undefined
  const o = input.kind === 'outlier' ? found.outliers.find((x) => x.period === input.period && x.field === input.subject) : undefined
  const finding = v ? v.message.id : o ? outlierText(o) : (live?.finding as string | undefined)
  if (!finding) throw new AppError('MARK_NO_FINDING', msg(input.kind === 'rule' ? 'forms.markNoRule' : 'forms.markNoOutlier', { subject: input.subject, name: p.name, when: form.periodType === 'yearly' ? input.period : monthLoc(input.period) }))
  const a = ctx.actor()
  const cols = { status: input.status, note, finding: finding.slice(0, 600), marked_at: ctx.clock.now().toISOString(), marked_by: a?.userId ?? null, marked_by_name: a?.displayName ?? 'sistem' }
  let row
  if (!stored) row = insertRow(ctx, 'quality_mark', { form_code: form.code, posyandu_id: p.id, period: input.period, kind: input.kind, subject: input.subject, ...cols }, { id, scope: p.kecamatanCode })
  else row = updateRow(ctx, 'quality_mark', id, { ...cols, deleted_at: null }, 'mark')
  return toMark(row, p.name)
}
