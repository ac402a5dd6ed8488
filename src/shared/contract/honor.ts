import { z } from 'zod'
import { nipDigits, nipProblem } from '../nip'
import { op } from './define'

/** Pendamping, honor rates and honor lists (issue #6). Money is integer rupiah. */

export type TaxRuleCode = 'bukan_pegawai' | 'pns_final' | 'tanpa_potongan'
/** disusun → diverifikasi → disetujui (final) → dibayar; a final list may be dibatalkan. */
export type HonorStatus = 'draft' | 'verified' | 'final' | 'paid' | 'cancelled'
export type PartialMonthRule = 'full' | 'prorate'

export interface PendampingPerson {
  id: string
  kaderId: string | null
  nik: string
  name: string
  sex: 'L' | 'P'
  address: string | null
  phone: string | null
  education: string | null
  npwp: string | null
  nikAsNpwp: boolean
  bankName: string | null
  accountNumber: string | null
  accountHolder: string | null
  isPns: boolean
  golongan: 'I' | 'II' | 'III' | 'IV' | null
  nip: string | null
  taxRule: TaxRuleCode
  taxReason: string | null
  /** Assignments not ended before today. */
  activeAssignments: number
}

export interface PendampingAssignment {
  id: string
  personId: string
  personName: string
  posyanduId: string
  posyanduName: string
  desaName: string
  kecamatanName: string
  role: string
  regulationId: string | null
  regulationLabel: string | null
  fromDate: string
  toDate: string | null
  notes: string | null
}

export interface HonorRate {
  id: string
  role: string
  amount: number
  validFrom: string
  validTo: string | null
  regulationId: string | null
  regulationLabel: string | null
}

export interface HonorListSummary {
  id: string
  number: string | null
  title: string
  periodKind: 'bulan' | 'triwulan' | 'kustom'
  monthFrom: string
  monthTo: string
  /** "Triwulan I 2026", "Januari 2026", "Januari – Mei 2026". */
  periodLabel: string
  fiscalYear: number
  subKegiatanCode: string
  subKegiatanName: string
  status: HonorStatus
  finalisedAt: string | null
  paidDate: string | null
  paymentRef: string | null
  revisionOf: string | null
  revisionNo: number
  revisionReason: string | null
  /** A later revision that replaces this list, when there is one. */
  supersededBy: { id: string; number: string | null; status: HonorStatus } | null
  partialMonthRule: PartialMonthRule
  /** Who prepared, verified, approved, paid or cancelled it (names as they were then). */
  preparedBy: string | null
  preparedByName: string | null
  verifiedAt: string | null
  verifiedBy: string | null
  verifiedByName: string | null
  approvedBy: string | null
  approvedByName: string | null
  paidByName: string | null
  cancelledAt: string | null
  cancelledByName: string | null
  cancelReason: string | null
  returnNote: string | null
  lineCount: number
  totalGross: number
  totalTax: number
  totalNet: number
}

export interface HonorLine {
  id: string
  personId: string
  assignmentId: string | null
  personName: string
  nik: string
  npwp: string | null
  posyanduName: string
  desaName: string
  kecamatanName: string
  bankName: string | null
  accountNumber: string | null
  accountHolder: string | null
  monthFrom: string
  monthTo: string
  months: number
  rate: number
  gross: number
  tax: number
  net: number
  taxRule: string
  taxBasis: string
  note: string | null
  changeReason: string | null
}

export interface Amounts {
  months: number
  gross: number
  tax: number
  net: number
}

export interface HonorDiffRow {
  personName: string
  posyanduName: string
  before: Amounts | null
  after: Amounts | null
  delta: Amounts
}

export interface HonorDiff {
  previousId: string
  previousNumber: string | null
  rows: HonorDiffRow[]
  total: { before: Amounts; after: Amounts; delta: Amounts }
}

export interface HonorOverlap {
  personName: string
  nik: string
  months: string
  otherListId: string
  otherNumber: string | null
  otherStatus: HonorStatus
}

export interface HonorListDetail {
  list: HonorListSummary
  lines: HonorLine[]
  /** Lines removed from the draft, with the reason. */
  removed: HonorLine[]
  diff: HonorDiff | null
  /**
   * People of this list who are already on another approved (final or paid) list for an
   * overlapping month: approval is refused, except for a correction revision, which shows them.
   */
  overlaps: HonorOverlap[]
  totalWords: string
  warnings: string[]
}

export interface HonorRecapRow {
  kecamatanCode: string
  kecamatanName: string
  persons: number
  lines: number
  gross: number
  tax: number
  net: number
}

export interface HonorRecap {
  year: number
  byKecamatan: HonorRecapRow[]
  total: Omit<HonorRecapRow, 'kecamatanCode' | 'kecamatanName'>
  byYear: { year: number; lists: number; gross: number; tax: number; net: number }[]
}

export interface TaxPreview {
  gross: number
  tax: number
  net: number
  rule: { code: TaxRuleCode; label: string; validFrom: string }
  basis: string
}

const isoDate = z.iso.date('Tanggal harus berbentuk YYYY-MM-DD')
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Bulan harus berbentuk YYYY-MM')
const optText = (max: number) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null))
const golongan = z.enum(['I', 'II', 'III', 'IV'], 'Golongan harus I, II, III atau IV')
const taxRule = z.enum(['bukan_pegawai', 'pns_final', 'tanpa_potongan'])
const role = z.string().trim().min(3, 'Peran minimal 3 huruf').max(60).default('pendamping')

export const personInput = z.object({
  id: z.string().optional(),
  kaderId: z.string().nullable().optional(),
  nik: z.string().trim().regex(/^\d{16}$/, 'NIK harus 16 angka'),
  name: z.string().trim().min(2, 'Nama minimal 2 huruf').max(120),
  sex: z.enum(['L', 'P'], 'Jenis kelamin harus L atau P'),
  address: optText(300),
  phone: z.string().trim().regex(/^(\+?\d[\d -]{6,18})?$/, 'Nomor telepon hanya angka').nullable().optional().transform((v) => v || null),
  education: optText(60),
  npwp: z.string().trim().regex(/^([\d.-]{15,20})?$/, 'NPWP berisi 15 atau 16 angka').nullable().optional().transform((v) => v || null),
  nikAsNpwp: z.boolean().default(false),
  bankName: optText(80),
  accountNumber: z.string().trim().regex(/^(\d[\d -]{4,30})?$/, 'Nomor rekening hanya angka').nullable().optional().transform((v) => v || null),
  accountHolder: optText(120),
  isPns: z.boolean().default(false),
  golongan: golongan.nullable().optional().transform((v) => v ?? null),
  nip: z
    .string()
    .trim()
    .transform((v) => nipDigits(v))
    .superRefine((v, c) => {
      const p = nipProblem(v)
      if (p) c.addIssue({ code: 'custom', message: p.message })
    })
    .nullable()
    .optional()
    .transform((v) => v || null),
  taxRule: taxRule.optional(),
  taxReason: optText(300),
})

export const listCreateInput = z
  .object({
    periodKind: z.enum(['bulan', 'triwulan', 'kustom']),
    year: z.number().int().min(2000, 'Tahun tidak masuk akal').max(2100, 'Tahun tidak masuk akal'),
    month: z.number().int().min(1).max(12).optional(),
    quarter: z.number().int().min(1).max(4).optional(),
    monthFrom: month.optional(),
    monthTo: month.optional(),
    subKegiatanCode: z.string().trim().min(3, 'Kode sub-kegiatan DPA wajib diisi').max(60),
    subKegiatanName: z.string().trim().min(3, 'Nama sub-kegiatan wajib diisi').max(300),
    title: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.periodKind !== 'bulan' || v.month, { message: 'Pilih bulan', path: ['month'] })
  .refine((v) => v.periodKind !== 'triwulan' || v.quarter, { message: 'Pilih triwulan', path: ['quarter'] })
  .refine((v) => v.periodKind !== 'kustom' || (v.monthFrom && v.monthTo && v.monthFrom <= v.monthTo), {
    message: 'Bulan awal dan akhir wajib diisi, awal tidak sesudah akhir',
    path: ['monthFrom'],
  })

const id = z.object({ id: z.string().min(1) })
const reason = z.string().trim().min(5, 'Alasan minimal 5 huruf').max(300)

export const honorOps = {
  'honor.posyanduOptions': op<{ id: string; name: string; desaName: string; kecamatanName: string }[]>()(z.object({})),
  /** Kader to take a pendamping's personal data from (the person stays linked by kader_id). */
  'honor.kaderSearch': op<{ id: string; nik: string; name: string; sex: 'L' | 'P'; phone: string | null; education: string | null }[]>()(
    z.object({ text: z.string().trim().max(60).default('') }),
  ),
  'honor.personList': op<PendampingPerson[]>()(z.object({ text: z.string().trim().max(60).default('') })),
  'honor.personSave': op<PendampingPerson>()(personInput),
  'honor.personDelete': op<{ id: string }>()(id),
  'honor.assignmentList': op<PendampingAssignment[]>()(z.object({ personId: z.string().optional() })),
  'honor.assignmentSave': op<{ assignment: PendampingAssignment; warnings: string[] }>()(
    z
      .object({
        id: z.string().optional(),
        personId: z.string().min(1, 'Pilih orang'),
        posyanduId: z.string().min(1, 'Pilih posyandu'),
        role,
        regulationId: z.string().nullable().optional(),
        fromDate: isoDate,
        toDate: isoDate.nullable().optional(),
        notes: optText(500),
      })
      .refine((v) => !v.toDate || v.toDate >= v.fromDate, { message: 'Tanggal selesai tidak boleh sebelum tanggal mulai', path: ['toDate'] }),
  ),
  'honor.assignmentDelete': op<{ id: string }>()(id),
  'honor.rateList': op<HonorRate[]>()(z.object({})),
  'honor.rateSave': op<HonorRate>()(
    z
      .object({
        id: z.string().optional(),
        role,
        amount: z.number().int('Honor dalam rupiah bulat').positive('Honor harus lebih dari 0').max(1_000_000_000),
        validFrom: isoDate,
        validTo: isoDate.nullable().optional(),
        regulationId: z.string().nullable().optional(),
      })
      .refine((v) => !v.validTo || v.validTo >= v.validFrom, { message: 'Berlaku sampai tidak boleh sebelum berlaku mulai', path: ['validTo'] }),
  ),
  'honor.rateDelete': op<{ id: string }>()(id),
  'honor.listList': op<HonorListSummary[]>()(z.object({ year: z.number().int().optional() })),
  'honor.listCreate': op<HonorListDetail>()(listCreateInput),
  'honor.listGet': op<HonorListDetail>()(id),
  'honor.listDelete': op<{ id: string }>()(id),
  'honor.lineAdd': op<HonorListDetail>()(
    z.object({ listId: z.string(), assignmentId: z.string().min(1, 'Pilih penugasan'), monthFrom: month, monthTo: month, reason }),
  ),
  'honor.lineRemove': op<HonorListDetail>()(z.object({ lineId: z.string(), reason })),
  /** Draft only: re-reads person data (name, NPWP, bank account) into the lines and recomputes tax. */
  'honor.listRefresh': op<HonorListDetail>()(id),
  /** Verifikator: the draft was checked (not by the person who prepared it). */
  'honor.verify': op<HonorListDetail>()(id),
  /** Verifikator or PPTK: back to the preparer, with what to fix. */
  'honor.returnToDraft': op<HonorListDetail>()(z.object({ id: z.string(), reason })),
  /** PPTK: approves a verified list; it becomes final (numbered, frozen). */
  'honor.finalise': op<HonorListDetail>()(id),
  /** PPTK: a wrong final list is cancelled with a reason; it stays visible and leaves the recap. */
  'honor.cancel': op<HonorListDetail>()(z.object({ id: z.string(), reason })),
  'honor.markPaid': op<HonorListDetail>()(
    z.object({ id: z.string(), paidDate: isoDate, paymentRef: z.string().trim().min(3, 'Nomor bukti bayar (SP2D) minimal 3 huruf').max(120) }),
  ),
  'honor.revise': op<HonorListDetail>()(z.object({ id: z.string(), reason })),
  'honor.exportXlsx': op<{ fileName: string; base64: string }>()(id),
  'honor.recap': op<HonorRecap>()(z.object({ year: z.number().int().min(2000).max(2100) })),
  'honor.taxPreview': op<TaxPreview>()(
    z.object({
      gross: z.number().int().min(0),
      rule: taxRule,
      hasNpwp: z.boolean().default(true),
      golongan: golongan.nullable().optional(),
      reason: z.string().optional(),
      date: isoDate.optional(),
    }),
  ),
} as const
