import { z } from 'zod'
import { op } from './define'
import { zm } from '../messages'

/** Which list a kabupaten's screens show first; data tagged under the others is kept. */
export const FRAMEWORKS = ['phi', 'spm', 'ilp'] as const
export type Framework = (typeof FRAMEWORKS)[number]
export const FRAMEWORK_SETTING = 'program.pref.framework'

export const REF_KINDS = ['phi_part', 'phi_activity', 'spm_field', 'target_group', 'life_stage', 'puskesos_category', 'funding_source'] as const
export type RefKind = (typeof REF_KINDS)[number]

export interface RefItem {
  id: string
  kind: RefKind
  code: string
  parentCode: string | null
  name: string
  description: string | null
  sortOrder: number
  active: boolean
}

export interface Skpd {
  id: string
  code: string
  name: string
  shortName: string
  responsibilities: string | null
  sortOrder: number
  active: boolean
}

/** Everything other areas need to tag work by PHI part, SPM field or target group. */
export interface ProgrammeReference {
  framework: Framework
  phiParts: (RefItem & { activities: RefItem[] })[]
  spmFields: RefItem[]
  targetGroups: RefItem[]
  lifeStages: (RefItem & { targetGroups: string[] })[]
  puskesosCategories: RefItem[]
  fundingSources: RefItem[]
  skpd: Skpd[]
}

export interface PosyanduOption {
  id: string
  name: string
  desaCode: string
  desaName: string
  kecamatanCode: string
  kecamatanName: string
}

export interface ProgrammeRow {
  id: string
  scope: string
  skpdId: string
  skpdName: string
  fiscalYear: number
  name: string
  phiPart: string | null
  spmField: string | null
  targetGroups: string[]
  fundingSource: string
  budget: number
  realisation: number
  regulationId: string | null
  regulationLabel: string | null
  regulationStatus: 'berlaku' | 'diubah' | 'dicabut' | null
  notes: string | null
  posyanduCount: number
  /** Things a person should notice: a revoked or amended regulation, realisation above budget. */
  warnings: string[]
}

export interface ProgrammeDetail extends ProgrammeRow {
  posyandu: PosyanduOption[]
}

export interface SummaryLine {
  key: string
  label: string
  programmes: number
  budget: number
  realisation: number
  posyanduReached: number
}

export interface KecamatanCoverage {
  code: string
  name: string
  posyandu: number
  reached: number
  /** reached / posyandu, null when the kecamatan has no posyandu registered. */
  ratio: number | null
}

export interface ProgrammeSummary {
  year: number
  totals: { programmes: number; budget: number; realisation: number; posyanduReached: number; posyanduTotal: number }
  bySkpd: SummaryLine[]
  byPhiPart: SummaryLine[]
  bySpmField: SummaryLine[]
  /** A programme serving several life stages counts in each; these budgets do not add up to the total. */
  byLifeStage: SummaryLine[]
  byFunding: SummaryLine[]
  byKecamatan: KecamatanCoverage[]
}

export interface ActivityRow {
  id: string
  posyanduId: string
  posyanduName: string
  date: string
  phiPart: string | null
  spmField: string | null
  what: string
  participants: Record<string, number>
  totalParticipants: number
  skpdId: string | null
  skpdName: string | null
  agencyOther: string | null
}

export const FOLLOW_UP_STATUSES = ['baru', 'dirujuk', 'ditindaklanjuti', 'selesai'] as const

export interface PuskesosRow {
  id: string
  posyanduId: string
  posyanduName: string
  date: string
  category: string
  categoryName: string
  personName: string | null
  nik: string | null
  complaint: string | null
  referredSkpdId: string | null
  referredTo: string | null
  referredOther: string | null
  followUpStatus: (typeof FOLLOW_UP_STATUSES)[number]
  followUpNote: string | null
}

const id = z.string().min(1)
const isoDate = z.iso.date(zm('field.date'))
const rupiah = (what: string) =>
  z.number({ error: `${what} harus berupa angka rupiah` }).int(`${what} harus rupiah bulat (tanpa sen)`).min(0, `${what} tidak boleh negatif`).max(1e15, `${what} terlalu besar`)
const optText = (max: number) => z.string().trim().max(max).nullable().optional()

export const programmeInput = z.object({
  id: id.optional(),
  skpdId: z.string({ error: zm('field.agencyRequired') }).min(1, zm('field.agencyRequired')),
  fiscalYear: z.number().int().min(2000, zm('field.fiscalYear')).max(2100, zm('field.fiscalYear')),
  name: z.string().trim().min(3, zm('field.programmeName3')).max(300),
  phiPart: z.string().nullable().optional(),
  spmField: z.string().nullable().optional(),
  targetGroups: z.array(z.string()).max(20).default([]),
  fundingSource: z.string({ error: zm('field.fundingRequired') }).min(1, zm('field.fundingRequired')),
  budget: rupiah('Anggaran'),
  realisation: rupiah('Realisasi'),
  regulationId: z.string().nullable().optional(),
  notes: optText(4000),
  posyanduIds: z.array(z.string()).max(5000).default([]),
  /** A revoked regulation is refused unless the person has seen the warning and goes on. */
  acknowledgeRevoked: z.boolean().default(false),
})

export const activityInput = z.object({
  id: id.optional(),
  posyanduId: z.string({ error: zm('field.posyanduRequired') }).min(1, zm('field.posyanduRequired')),
  date: isoDate,
  phiPart: z.string().nullable().optional(),
  spmField: z.string().nullable().optional(),
  what: z.string().trim().min(3, zm('field.activityText3')).max(500),
  participants: z.record(z.string(), z.number().int().min(0, zm('field.participantsNegative')).max(100_000)).default({}),
  skpdId: z.string().nullable().optional(),
  agencyOther: optText(200),
})

export const puskesosInput = z.object({
  id: id.optional(),
  posyanduId: z.string({ error: zm('field.posyanduRequired') }).min(1, zm('field.posyanduRequired')),
  date: isoDate,
  category: z.string({ error: zm('field.complaint') }).min(1, zm('field.complaint')),
  personName: optText(120),
  nik: z.string().trim().regex(/^\d{16}$/, zm('field.nik16')).nullable().optional().or(z.literal('').transform(() => null)),
  complaint: optText(2000),
  referredSkpdId: z.string().nullable().optional(),
  referredOther: optText(200),
  followUpStatus: z.enum(FOLLOW_UP_STATUSES).default('baru'),
  followUpNote: optText(2000),
})

export const programmeOps = {
  'programme.reference': op<ProgrammeReference>()(z.object({ includeInactive: z.boolean().default(false) })),
  'programme.refItemSave': op<RefItem>()(
    z.object({
      id: id.optional(),
      kind: z.enum(REF_KINDS),
      code: z.string().trim().regex(/^[a-z0-9_.]{2,60}$/, zm('field.code60')),
      parentCode: z.string().nullable().optional(),
      name: z.string().trim().min(2, zm('field.name2')).max(200),
      description: optText(2000),
      sortOrder: z.number().int().min(0).max(10_000).optional(),
      active: z.boolean().default(true),
    }),
  ),
  'programme.skpdSave': op<Skpd>()(
    z.object({
      id: id.optional(),
      code: z.string().trim().regex(/^[a-z0-9_]{2,40}$/, zm('field.code40')),
      name: z.string().trim().min(3, zm('field.agencyName3')).max(200),
      shortName: z.string().trim().min(2, zm('field.shortName2')).max(60),
      responsibilities: optText(4000),
      sortOrder: z.number().int().min(0).max(10_000).optional(),
      active: z.boolean().default(true),
    }),
  ),
  'programme.posyanduOptions': op<PosyanduOption[]>()(z.object({})),
  'programme.list': op<ProgrammeRow[]>()(
    z.object({ fiscalYear: z.number().int().optional(), skpdId: z.string().optional(), text: z.string().trim().max(100).default('') }),
  ),
  'programme.get': op<ProgrammeDetail | null>()(z.object({ id })),
  'programme.save': op<{ programme: ProgrammeDetail; warnings: string[] }>()(programmeInput),
  'programme.delete': op<{ id: string }>()(z.object({ id })),
  'programme.summary': op<ProgrammeSummary>()(z.object({ fiscalYear: z.number().int().min(2000).max(2100) })),
  'programme.years': op<number[]>()(z.object({})),
  'programme.activityList': op<ActivityRow[]>()(z.object({ posyanduId: z.string().optional(), from: isoDate.optional(), to: isoDate.optional() })),
  'programme.activitySave': op<ActivityRow>()(activityInput),
  'programme.activityDelete': op<{ id: string }>()(z.object({ id })),
  'programme.puskesosList': op<PuskesosRow[]>()(
    z.object({ posyanduId: z.string().optional(), status: z.enum(FOLLOW_UP_STATUSES).optional(), from: isoDate.optional(), to: isoDate.optional() }),
  ),
  'programme.puskesosSave': op<PuskesosRow>()(puskesosInput),
  /** Referrals as an .xlsx for updating the national social welfare data (DTSEN). */
  'programme.puskesosExport': op<{ fileName: string; base64: string; rows: number }>()(
    z.object({ from: isoDate.optional(), to: isoDate.optional() }),
  ),
} as const
