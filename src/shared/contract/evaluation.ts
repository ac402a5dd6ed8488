import { z } from 'zod'
import { NUMERIC_FIELDS, type MonthlyValues } from '../evaluation/fields'
import type { CriterionResult, IndicatorSet, StratumResult } from '../evaluation/strata'
import type { FormValues } from '../forms/form'
import { op } from './define'
import { wilayahCode } from './app'
import type { PosyanduOption } from './programme'
import { zm } from '../messages'

export interface PosyanduRef extends PosyanduOption {
  /** PHI model, ILP or SPM pilot posyandu. */
  pilot: boolean
  kader: number
}

/** The manual (qualitative) scores of one period: its items, its posyandu, what was given. */
export interface PeriodScores {
  period: EvaluationPeriod
  items: { id: string; label: string; max: number }[]
  posyandu: PosyanduRef[]
  scores: { posyanduId: string; item: string; score: number; notes: string | null }[]
}

export interface MonthlyRow {
  /** null when the month has no report yet. */
  id: string | null
  posyanduId: string
  month: string
  values: MonthlyValues
  rev: number
  /** Values of fields the kabupaten added to the SKDN form. */
  extra?: FormValues | null
  /** SKDN form version the month was entered on. */
  formVersion?: number
}

export interface PosyanduStratum extends PosyanduRef {
  result: StratumResult
  /** Stratum of the year before under the same set (for "improvement"). */
  previous: string | null
  manualScore: number | null
  /** Criteria score and manual items together, 0–100. */
  totalScore: number | null
}

export interface AreaSummary {
  code: string
  name: string
  posyandu: number
  kader: number
  byStratum: Record<string, number>
  incomplete: number
  noData: number
  aktif: number
  /** aktif / posyandu (the denominator is printed beside it). */
  aktifPct: number | null
  previousAktifPct: number | null
  improvement: number | null
  avgScore: number | null
  pilot: number
}

export interface StrataOutput {
  year: number
  area: { code: string; name: string }
  set: IndicatorSet
  rows: PosyanduStratum[]
  kecamatan: AreaSummary[]
  total: AreaSummary
}

export interface EvaluationPeriod {
  id: string
  scope: string
  name: string
  year: number
  indicatorSetCode: string
  areaCode: string
  areaName: string
  evaluators: string | null
  status: 'open' | 'locked'
  lockedAt: string | null
  lockedBy: string | null
  dataHash: string | null
  notes: string | null
}

export interface TrendPoint {
  month: string
  ds: number | null
  ks: number | null
  nd: number | null
  reports: number
}

export interface EvaluationReport extends StrataOutput {
  period: EvaluationPeriod | null
  generatedAt: string
  /** First 12 hex of the sha256 of the rows this report was made from. */
  dataHash: string
  method: string[]
  trend: TrendPoint[]
}

/**
 * One posyandu of the printed annex, as numbers and indexes into `PrintedReport.annex.texts`
 * (desa, stratum label and "penghambat" repeat over hundreds of rows):
 * [name, pilot 0|1, desa, months reported, stratum label, blocking, undecided bitmask
 * (criterion i judged "tl" although it has a value), ...one value per criterion (null = tl)].
 */
export type AnnexRow = [name: string, pilot: 0 | 1, desa: number, monthsReported: number, label: number, blocking: number, undecided: number, ...values: (number | null)[]]

/** Only what the printed evaluation report shows (evaluation.reportPrint): no per-posyandu objects. */
export interface PrintedReport {
  year: number
  area: { code: string; name: string }
  period: { name: string; evaluators: string | null; status: 'open' | 'locked' } | null
  generatedAt: string
  dataHash: string
  method: string[]
  set: { name: string; source: string | null; levels: { id: string; label: string }[]; criteria: { id: string; label: string; unit: string }[] }
  kecamatan: AreaSummary[]
  total: AreaSummary
  trend: { month: string; ds: number | null }[]
  /** Ten best total scores (shared ranks), at most ten rows in the tie-break order. */
  top: { rank: number; tied: boolean; pilot: boolean; name: string; desaName: string; kecamatanName: string; label: string; totalScore: number | null }[]
  /** More posyandu share the rank of the last row shown (counted, not listed: they fill pages otherwise). */
  topTiedMore: { count: number; rank: number; totalScore: number | null } | null
  tieBreak: string
  annex: { texts: string[]; groups: { code: string; name: string; posyandu: number; aktif: number; aktifPct: number | null; rows: AnnexRow[] }[] }
}

export interface RecapRow {
  code: string
  name: string
  posyandu: number
  reported: number
  held: number
  totals: Record<string, number | null>
  ratios: Record<string, number | null>
}

export interface Recap {
  area: { code: string; name: string; level: 'kecamatan' | 'desa' }
  month: string
  /** Rows per desa (kecamatan recap) or per posyandu (desa recap). */
  rows: RecapRow[]
  total: RecapRow
  dataHash: string
}

export type { CriterionResult, IndicatorSet, StratumResult }

const monthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, zm('field.month'))
const year = z.number().int().min(2000, zm('field.year')).max(2100, zm('field.year'))

/** Numbers are checked by the shared rules (validateMonthly) for clear messages; here only the shape. */
export const monthlyValuesInput = z.object({
  held: z.boolean().nullable(),
  open_date: z.string().nullable().default(null),
  programmes: z.array(z.string().max(40)).max(30).default([]),
  notes: z.string().max(1000).nullable().optional(),
  ...Object.fromEntries(NUMERIC_FIELDS.map((k) => [k, z.number().nullable().default(null)])),
})

const reportSource = z.object({
  periodId: z.string().optional(),
  year: year.optional(),
  rules: z.string().optional(),
  area: wilayahCode.optional(),
})

export const evaluationOps = {
  'evaluation.posyandu': op<PosyanduRef[]>()(z.object({ area: wilayahCode.optional() })),
  'evaluation.monthlyYear': op<{ posyandu: PosyanduRef; year: number; months: MonthlyRow[]; previous: FormValues | null; locked: boolean }>()(
    z.object({ posyanduId: z.string(), year }),
  ),
  'evaluation.monthlyDesa': op<{ desaCode: string; month: string; rows: { posyandu: PosyanduRef; report: MonthlyRow; previous: FormValues | null }[]; locked: boolean }>()(
    z.object({ desaCode: wilayahCode, month: monthText }),
  ),
  /** Saves several months at once, all or nothing. An empty month removes its report. */
  'evaluation.monthlySave': op<MonthlyRow[]>()(
    z.object({
      items: z
        .array(
          z.object({
            posyanduId: z.string(),
            month: monthText,
            values: monthlyValuesInput,
            extra: z.record(z.string().max(40), z.union([z.number(), z.boolean(), z.string().max(1000), z.null()])).nullable().optional(),
            formVersion: z.number().int().optional(),
          }),
        )
        .min(1)
        .max(2000),
    }),
  ),
  'evaluation.indicatorSets': op<IndicatorSet[]>()(z.object({})),
  'evaluation.indicatorSetSave': op<IndicatorSet>()(
    z.object({ code: z.string(), thresholds: z.record(z.string(), z.number().min(0, zm('field.thresholdNegative')).max(1000)) }),
  ),
  'evaluation.strata': op<StrataOutput>()(z.object({ year, rules: z.string().optional(), area: wilayahCode.optional() })),
  'evaluation.periodList': op<EvaluationPeriod[]>()(z.object({})),
  'evaluation.periodCreate': op<EvaluationPeriod>()(
    z.object({
      name: z.string().trim().min(3, zm('field.periodName3')).max(160),
      year,
      indicatorSetCode: z.string(),
      areaCode: wilayahCode.optional(),
      evaluators: z.string().max(1000).nullable().optional(),
      notes: z.string().max(4000).nullable().optional(),
    }),
  ),
  'evaluation.periodLock': op<EvaluationPeriod>()(z.object({ id: z.string() })),
  'evaluation.scoreList': op<PeriodScores>()(z.object({ periodId: z.string() })),
  'evaluation.scoreSave': op<{ ok: true }>()(
    z.object({ periodId: z.string(), posyanduId: z.string(), item: z.string(), score: z.number().min(0, zm('field.valueNegative')), notes: z.string().max(1000).nullable().optional() }),
  ),
  'evaluation.report': op<EvaluationReport>()(reportSource),
  'evaluation.reportPrint': op<PrintedReport>()(reportSource),
  'evaluation.recap': op<Recap>()(z.object({ area: wilayahCode, month: monthText })),
  'evaluation.exportXlsx': op<{ fileName: string; base64: string }>()(
    z.discriminatedUnion('kind', [
      reportSource.extend({ kind: z.literal('report') }),
      z.object({ kind: z.literal('recap'), area: wilayahCode, month: monthText }),
    ]),
  ),
} as const
