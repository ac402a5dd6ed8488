import { z } from 'zod'
import type { FormDef, FormProblem, FormValues, Texts } from '../forms/form'
import type { PosyanduRef } from './evaluation'
import { op } from './define'
import { wilayahCode } from './app'
import { type Msg, zm } from '../messages'

export interface FormInfo {
  form: FormDef
  /** "bawaan" (shipped with Simpul) or the wilayah code of the kabupaten that saved it. */
  owner: string
  versions: number[]
}

export interface FormReport {
  posyanduId: string
  period: string
  formVersion: number | null
  values: FormValues
  reportedAt: string | null
  rev: number
}

export interface FormSheet {
  form: FormDef
  period: string
  rows: { posyandu: PosyanduRef; report: FormReport; previous: FormValues | null }[]
  versions: Record<number, FormDef>
}

export type { FormDef, FormValues, Texts }

export interface FormImportRow {
  row: number
  posyandu: string | null
  posyanduId: string | null
  values: FormValues
  errors: string[]
  warnings: string[]
  /** The same by key (null where one has none), for an English screen. */
  errorMsgs?: (Msg | null)[]
  warningMsgs?: (Msg | null)[]
}

export interface FormImportPreview {
  form: { code: string; version: number }
  period: string
  sheet: string
  headers: string[]
  mapping: Record<string, string | null>
  rows: FormImportRow[]
  counts: { valid: number; error: number }
  notices: string[]
}

export type ReportStatus = 'reported' | 'late' | 'missing'

export interface CompletenessRow extends PosyanduRef {
  status: ReportStatus
  /** Office-local date (WIB) the report was first entered. */
  reportedOn: string | null
  formVersion: number | null
}

export interface CompletenessGroup {
  code: string
  name: string
  posyandu: number
  reported: number
  late: number
  missing: number
  /** (reported + late) / posyandu. */
  completeness: number | null
  /** reported on time / posyandu. */
  timeliness: number | null
}

export interface Completeness {
  form: { code: string; version: number; name: string; periodType: string }
  period: string
  area: { code: string; name: string }
  deadline: string
  deadlineDay: number
  rows: CompletenessRow[]
  desa: CompletenessGroup[]
  kecamatan: CompletenessGroup[]
  total: CompletenessGroup
}

/** A follow-up mark on a data-quality finding (DHIS2's "follow-up"): checked and right, fixed, or needs follow-up. */
export type MarkStatus = 'checked' | 'fixed' | 'follow_up'
export const MARK_STATUSES = ['checked', 'fixed', 'follow_up'] as const
export const MARK_LABEL: Record<MarkStatus, { id: string; en: string }> = {
  checked: { id: 'sudah dicek — data benar', en: 'checked — data is right' },
  fixed: { id: 'diperbaiki', en: 'fixed' },
  follow_up: { id: 'perlu tindak lanjut', en: 'needs follow-up' },
}

export interface QualityMark {
  posyanduId: string
  posyandu: string
  period: string
  kind: 'rule' | 'outlier'
  /** The rule id, or the field key of an outlier. */
  subject: string
  status: MarkStatus
  note: string | null
  /** The finding as it read when it was marked. */
  finding: string
  markedAt: string
  markedByName: string
  /** The kecamatan that owns the mark. */
  scope: string
}

export interface RuleViolation {
  posyanduId: string
  posyandu: string
  desa: string
  period: string
  rule: string
  expr: string
  importance: 'error' | 'warning'
  message: Texts
  mark: QualityMark | null
}

export interface Outlier {
  posyanduId: string
  posyandu: string
  period: string
  field: string
  label: string
  /** The value; for `coverage` the indicator's ratio (1.33 = 133 %). */
  value: number
  /** Median of this posyandu's own history of the field (null for `coverage`). */
  median: number | null
  /** Modified z-score 0.6745 (x − median) / MAD; null when the flag comes from min–max or coverage. */
  z: number | null
  /** `z` far from its own history, outside the field's `min`/`max`, or a percent indicator (`field` is its id) above 100 %. */
  reason: 'z' | 'min' | 'max' | 'coverage'
  mark: QualityMark | null
}

const comma = (n: number) => String(n).replace('.', ',')
/** How an outlier reads to a person — on screen, in print, in the CLI and in the mark that records it. */
export function outlierText(o: Pick<Outlier, 'label' | 'value' | 'median' | 'z' | 'reason'>): string {
  if (o.reason === 'coverage') return `${o.label} = ${comma(Math.round(o.value * 1000) / 10)}% (di atas 100%: periksa sasaran atau data)`
  const why = o.z !== null ? `z ${comma(o.z)}` : o.reason === 'min' ? 'di bawah batas terendah' : 'di atas batas tertinggi'
  return `${o.label} = ${o.value} (median ${comma(o.median ?? 0)}, ${why})`
}

export interface Quality {
  form: { code: string; version: number; name: string }
  year: number
  area: { code: string; name: string }
  reports: number
  violations: RuleViolation[]
  outliers: Outlier[]
  /** Rules that could not be checked on some report because a value was missing. */
  unknown: number
  /** Marks whose finding is gone (the report was corrected): kept as history. */
  history: QualityMark[]
  /** Whether this office may mark findings (the posyandu's kecamatan; the kabupaten only sees them). */
  canMark: boolean
}


const texts = z.object({ id: z.string().max(300), en: z.string().max(300) })

/** The shape only; checkForm (shared) gives the detailed Indonesian messages. */
export const formDefInput = z.object({
  code: z.string().max(40),
  version: z.number().int().default(1),
  name: texts,
  periodType: z.enum(['monthly', 'yearly'], { message: zm('field.periodType') }),
  source: z.string().max(1000),
  notes: z.string().max(2000).optional(),
  storage: z.enum(['monthly_report', 'form_report']).optional(),
  sections: z.array(z.object({ id: z.string().max(40), label: texts, example: z.boolean().optional() })).max(40),
  fields: z
    .array(
      z.object({
        key: z.string().max(40),
        section: z.string().max(40),
        label: texts,
        short: z.string().max(40).optional(),
        type: z.enum(['integer', 'number', 'yesno', 'date', 'text'], { message: zm('field.fieldType') }),
        min: z.number().optional(),
        max: z.number().optional(),
        required: z.boolean().optional(),
        example: z.boolean().optional(),
        source: z.string().max(300).optional(),
      }),
    )
    .max(300),
  rules: z
    .array(z.object({ id: z.string().max(60), expr: z.string().max(1000), importance: z.enum(['error', 'warning']), message: texts, field: z.string().max(40).optional() }))
    .max(300),
  indicators: z
    .array(z.object({ id: z.string().max(60), label: texts, numerator: z.string().max(1000), denominator: z.string().max(1000).optional(), unit: z.enum(['%', 'number', 'per1000']) }))
    .max(100),
})

const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, zm('field.period'))
const formCode = z.string().min(1).max(40)
const value = z.union([z.number(), z.boolean(), z.string().max(1000), z.null()])

export const formsOps = {
  'forms.list': op<FormInfo[]>()(z.object({})),
  'forms.get': op<FormDef>()(z.object({ code: formCode, version: z.number().int().optional() })),
  /** What would change for kecamatan offices, and any problem, before saving. */
  'forms.preview': op<{ version: number; changes: Texts[]; problems: FormProblem[] }>()(z.object({ form: formDefInput })),
  'forms.save': op<{ form: FormDef; changes: Texts[] }>()(z.object({ form: formDefInput })),
  'forms.sheet': op<FormSheet>()(z.object({ code: formCode, period, area: wilayahCode.optional() })),
  'forms.saveReports': op<FormReport[]>()(
    z.object({
      code: formCode,
      items: z.array(z.object({ posyanduId: z.string(), period, values: z.record(z.string().max(40), value), formVersion: z.number().int().optional() })).min(1).max(2000),
    }),
  ),
  /** Per posyandu: reported on time, late or missing; per desa and kecamatan. Deadline: setting forms.pref.deadline_day. */
  'forms.completeness': op<Completeness>()(z.object({ code: formCode, period, area: wilayahCode.optional() })),
  /** Rule violations and outliers of one form over a year. */
  'forms.quality': op<Quality>()(z.object({ code: formCode, year: z.number().int().min(2000).max(2100), area: wilayahCode.optional() })),
  /** Marks one finding for follow-up (status), or withdraws the mark (status null). Kecamatan only. */
  'forms.mark': op<QualityMark | null>()(
    z.object({
      code: formCode,
      posyanduId: z.string().min(1).max(40),
      period,
      kind: z.enum(['rule', 'outlier']),
      subject: z.string().min(1).max(60),
      status: z.enum(MARK_STATUSES, { message: zm('field.pickMark') }).nullable(),
      note: z.string().max(500, zm('field.notes500')).optional(),
    }),
  ),
  /** A recap sheet (one row per posyandu, a column per field): dry run per row. */
  'forms.importPreview': op<FormImportPreview>()(z.object({ code: formCode, period, base64: z.string().max(30_000_000), mapping: z.record(z.string(), z.string().nullable()).optional() })),
  'forms.importApply': op<{ saved: number; skipped: number; preview: FormImportPreview }>()(
    z.object({ code: formCode, period, base64: z.string().max(30_000_000), mapping: z.record(z.string(), z.string().nullable()).optional(), validOnly: z.boolean().default(false) }),
  ),
} as const
