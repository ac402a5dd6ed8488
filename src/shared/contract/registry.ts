import { z } from 'zod'
import type { NikIssue, NikDecoded } from '../nik'
import { op } from './define'
import { zm, type Msg } from '../messages'

/** Registry (issue #4): posyandu, kader, NIK check, audit, duplicates, spreadsheets. */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, zm('field.dateTTTT'))
const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, zm('field.max', { n: max }))
    .nullish()
    .transform((v) => (v ? v : null))
const desaCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, zm('field.pickDesa'))

export const KADER_ROLES = ['ketua', 'sekretaris', 'bendahara', 'anggota'] as const
export const EDUCATION = ['Tidak sekolah', 'SD', 'SMP', 'SMA/SMK', 'D1-D3', 'S1/D4', 'S2/S3'] as const
export type KaderRole = (typeof KADER_ROLES)[number]

export const posyanduInput = z
  .object({
    name: z.string().trim().min(3, zm('field.posyanduName3')).max(100, zm('field.posyanduName100')),
    desaCode,
    address: optText(200),
    rt: z.string().trim().regex(/^\d{1,3}$/, zm('field.rt')).nullish().or(z.literal('')).transform((v) => v || null),
    rw: z.string().trim().regex(/^\d{1,3}$/, zm('field.rw')).nullish().or(z.literal('')).transform((v) => v || null),
    latitude: z.number().min(-11.5, zm('field.latitude')).max(6.5, zm('field.latitude')).nullish().transform((v) => v ?? null),
    longitude: z.number().min(94, zm('field.longitude')).max(141.5, zm('field.longitude')).nullish().transform((v) => v ?? null),
    yearFounded: z.number().int(zm('field.yearWhole')).min(1945, zm('field.yearFounded')).max(2100).nullish().transform((v) => v ?? null),
    kemendagriNumber: optText(60),
    isPhiModel: z.boolean().default(false),
    phiDecree: optText(120),
    isIlp: z.boolean().default(false),
    isSpmPilot: z.boolean().default(false),
    status: z.enum(['aktif', 'nonaktif']).default('aktif'),
    statusDate: isoDate.nullish().or(z.literal('')).transform((v) => v || null),
    statusReason: optText(200),
  })
  .superRefine((v, c) => {
    if (v.isPhiModel && !v.phiDecree) c.addIssue({ code: 'custom', path: ['phiDecree'], message: zm('field.phiDecree') })
    if (v.status === 'nonaktif' && !v.statusDate) c.addIssue({ code: 'custom', path: ['statusDate'], message: zm('field.inactiveDate') })
    if (v.status === 'nonaktif' && !v.statusReason) c.addIssue({ code: 'custom', path: ['statusReason'], message: zm('field.inactiveReason') })
  })
export type PosyanduInput = z.output<typeof posyanduInput>

export const trainingInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(2, zm('field.trainingName2')).max(120),
  year: z.number().int().min(1970, zm('field.year')).max(2100).nullish().transform((v) => v ?? null),
  organiser: optText(120),
})

export const kaderInput = z
  .object({
    nik: z.string().trim().min(1, zm('field.nikRequired')),
    name: z.string().trim().min(2, zm('field.name2')).max(100),
    sex: z.enum(['L', 'P'], zm('field.pickSex')),
    birthDate: isoDate,
    /** Tempat lahir, as on the KTP ("Sei Rampah"). */
    birthPlace: optText(100),
    phone: z.string().trim().regex(/^(\+62|0)8\d{7,12}$/, zm('field.phone')).nullish().or(z.literal('')).transform((v) => v || null),
    education: z.enum(EDUCATION).nullish().transform((v) => v ?? null),
    role: z.enum(KADER_ROLES).default('anggota'),
    posyanduId: z.string().min(1, zm('field.pickPosyandu')),
    activeFrom: isoDate.nullish().or(z.literal('')).transform((v) => v || null),
    activeTo: isoDate.nullish().or(z.literal('')).transform((v) => v || null),
    notes: optText(500),
    trainings: z.array(trainingInput).default([]),
  })
  .superRefine((v, c) => {
    if (v.activeFrom && v.activeTo && v.activeTo < v.activeFrom) c.addIssue({ code: 'custom', path: ['activeTo'], message: zm('field.endBeforeStart') })
  })
export type KaderInput = z.output<typeof kaderInput>

const paging = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
  sortDir: z.enum(['asc', 'desc']).default('asc'),
  search: z.string().trim().max(100).optional(),
  kecamatan: z.string().optional(),
  desa: z.string().optional(),
  deleted: z.boolean().default(false),
}

export const posyanduFilter = z.object({
  ...paging,
  status: z.enum(['aktif', 'nonaktif']).optional(),
  model: z.enum(['phi', 'ilp', 'spm']).optional(),
  /** Only these posyandu (a selection in the list, e.g. "export selected"). */
  ids: z.array(z.string().min(1)).max(5000).optional(),
  sortBy: z.enum(['name', 'desaName', 'kecamatanName', 'status', 'kaderCount', 'yearFounded']).default('name'),
})
export const kaderFilter = z.object({
  ...paging,
  posyanduId: z.string().optional(),
  status: z.enum(['aktif', 'nonaktif']).optional(),
  role: z.enum(KADER_ROLES).optional(),
  /** Only these kader (a selection in the list, e.g. "export selected"). */
  ids: z.array(z.string().min(1)).max(5000).optional(),
  sortBy: z.enum(['name', 'nik', 'birthDate', 'role', 'posyanduName', 'desaName']).default('name'),
})
export type PosyanduFilter = z.output<typeof posyanduFilter>
export type KaderFilter = z.output<typeof kaderFilter>

export interface Page<T> {
  rows: T[]
  total: number
}

export interface PosyanduRow {
  id: string
  name: string
  desaCode: string
  desaName: string | null
  kecamatanCode: string
  kecamatanName: string | null
  status: 'aktif' | 'nonaktif'
  isPhiModel: boolean
  isIlp: boolean
  isSpmPilot: boolean
  yearFounded: number | null
  kaderCount: number
  deletedAt: string | null
}

export interface Posyandu extends PosyanduInput {
  id: string
  scope: string
  rev: number
  deletedAt: string | null
  desaName: string | null
  kecamatanName: string | null
}

export interface KaderRow {
  id: string
  nik: string
  name: string
  sex: 'L' | 'P'
  birthDate: string | null
  birthPlace: string | null
  role: KaderRole
  phone: string | null
  posyanduId: string | null
  posyanduName: string | null
  desaName: string | null
  kecamatanName: string | null
  active: boolean
  deletedAt: string | null
}

export interface Membership {
  id: string
  kaderId: string
  kaderName: string
  posyanduId: string
  posyanduName: string
  fromDate: string | null
  toDate: string | null
  deletedAt: string | null
}

export interface Kader extends Omit<KaderInput, 'trainings'> {
  id: string
  scope: string
  rev: number
  deletedAt: string | null
  trainings: { id: string; name: string; year: number | null; organiser: string | null }[]
  memberships: Membership[]
}

export interface PosyanduDetail {
  posyandu: Posyandu
  kader: KaderRow[]
  memberships: Membership[]
}

export interface NikReport {
  valid: boolean
  decoded: NikDecoded | null
  errors: NikIssue[]
  warnings: NikIssue[]
  region: { provinsi: string | null; kabupaten: string | null; kecamatan: string | null } | null
}

export interface AuditEntry {
  id: string
  at: string
  user: string
  officeCode: string
  table: string
  rowId: string
  action: string
  changes: { field: string; before: unknown; after: unknown }[]
}

export interface DuplicateGroup {
  kind: 'nik' | 'name_birth'
  key: string
  reason: string
  members: KaderRow[]
  /** Set when a person decided these very members are different people. */
  reviewed: { note: string | null; at: string } | null
}

export const REGISTRY_TABLES = ['posyandu', 'kader', 'kader_posyandu', 'kader_training'] as const
export const IMPORT_KINDS = ['kader', 'posyandu'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

export interface ImportField {
  key: string
  label: string
  required: boolean
}

export interface ImportRowReport {
  /** Row number in the sheet (1-based, as Excel shows it). */
  row: number
  status: 'new' | 'changed' | 'unchanged' | 'error'
  reasons: string[]
  warnings: string[]
  /** The same reasons and warnings by key (null where a text has none), for an English screen. */
  reasonMsgs?: (Msg | null)[]
  warningMsgs?: (Msg | null)[]
  label: string
  changes?: string[]
}

/** Rows under the header that are not data: column numbers, totals, the signature block. */
export interface ImportIgnored {
  from: number
  to: number
  kind: 'number' | 'total' | 'footer'
  /** "blok jumlah/tanda tangan", "baris jumlah", "baris nomor kolom". */
  reason: string
  /** The first text of the block, e.g. "JUMLAH" or "Mengetahui,". */
  text: string
}

export interface ImportPreview {
  kind: ImportKind
  sheet: string
  /** Column names; a merged header of several rows gives "Lokasi / Nama Posyandu". */
  headers: string[]
  /** Sheet rows holding the header (from = to for a one-row header). */
  headerRows: { from: number; to: number }
  fields: ImportField[]
  /** field key → header text in the sheet (null when not found). */
  mapping: Record<string, string | null>
  rows: ImportRowReport[]
  counts: { new: number; changed: number; unchanged: number; error: number }
  /** Rows left out on purpose, with why. */
  ignored: ImportIgnored[]
  /** How the sheet was read, in Indonesian: "Baris 48–55 diabaikan: blok jumlah/tanda tangan …". */
  notices: string[]
}

export interface ImportResult extends ImportPreview {
  applied: boolean
  written: number
}

export interface FileOut {
  fileName: string
  base64: string
}

const importInput = {
  kind: z.enum(IMPORT_KINDS),
  fileBase64: z.string().min(1, zm('field.pickXlsx')).max(40_000_000, zm('field.fileTooLarge30')),
  mapping: z.record(z.string(), z.string().nullable()).optional(),
}

export const registryOps = {
  'registry.places': op<{ kecamatan: { code: string; name: string }[]; desa: { code: string; name: string; kecamatanCode: string }[] }>()(z.object({})),
  'registry.nikCheck': op<NikReport>()(
    z.object({ nik: z.string().max(40), birthDate: isoDate.nullish(), sex: z.enum(['L', 'P']).nullish() }),
  ),
  'registry.posyanduList': op<Page<PosyanduRow>>()(posyanduFilter),
  'registry.posyanduGet': op<PosyanduDetail>()(z.object({ id: z.string() })),
  'registry.posyanduSave': op<Posyandu>()(z.object({ id: z.string().optional(), data: posyanduInput })),
  'registry.posyanduDelete': op<Posyandu>()(z.object({ id: z.string() })),
  'registry.kaderList': op<Page<KaderRow>>()(kaderFilter),
  'registry.kaderGet': op<Kader>()(z.object({ id: z.string() })),
  'registry.kaderSave': op<{ kader: Kader; warnings: string[] }>()(
    z.object({ id: z.string().optional(), data: kaderInput, acceptWarnings: z.boolean().default(false) }),
  ),
  'registry.kaderDelete': op<Kader>()(z.object({ id: z.string() })),
  /**
   * One change to many kader chosen in the list, in one transaction: move them to another
   * posyandu (their membership history records it) or set them inactive from a date. Each
   * row is written through updateRow/insertRow, so each gets its own audit entry.
   */
  'registry.kaderBulk': op<{ changed: number; unchanged: number }>()(
    z.discriminatedUnion('action', [
      z.object({ action: z.literal('move'), ids: z.array(z.string().min(1)).min(1, zm('field.pickKader')).max(5000), posyanduId: z.string().min(1, zm('field.pickTargetPosyandu')) }),
      z.object({ action: z.literal('deactivate'), ids: z.array(z.string().min(1)).min(1, zm('field.pickKader')).max(5000), date: isoDate }),
    ]),
  ),
  /**
   * One change to many posyandu chosen in the list, in one transaction: set them inactive from
   * a date with a reason, or move them to another desa of their own kecamatan (desa split or
   * renamed). Each row is written through updateRow, so each gets its own audit entry.
   */
  'registry.posyanduBulk': op<{ changed: number; unchanged: number }>()(
    z.discriminatedUnion('action', [
      z.object({
        action: z.literal('deactivate'),
        ids: z.array(z.string().min(1)).min(1, zm('field.pickPosyandus')).max(5000),
        date: isoDate,
        reason: z.string().trim().min(3, zm('field.reasonMerge')).max(500),
      }),
      z.object({ action: z.literal('moveDesa'), ids: z.array(z.string().min(1)).min(1, zm('field.pickPosyandus')).max(5000), desaCode: z.string().min(1, zm('field.pickTargetDesa')) }),
    ]),
  ),
  'registry.auditFor': op<AuditEntry[]>()(z.object({ table: z.enum(REGISTRY_TABLES), id: z.string() })),
  'registry.restore': op<{ table: string; id: string }>()(z.object({ table: z.enum(REGISTRY_TABLES), id: z.string() })),
  'registry.duplicates': op<DuplicateGroup[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(200) })),
  /** "Bukan orang yang sama": hides the group until its members change. Nothing is merged or deleted. */
  'registry.duplicateReview': op<{ ok: true }>()(
    z.object({
      kind: z.enum(['nik', 'name_birth']),
      key: z.string().min(1).max(200),
      memberIds: z.array(z.string().min(1)).min(2, zm('field.groupTwo')).max(100),
      note: z.string().trim().min(3, zm('field.reasonChecked')).max(500),
    }),
  ),
  /** Generated demo data on an empty database (one transaction; a long job with progress and cancel). */
  'registry.demo': op<{ scale: string; seed: number; counts: Record<string, number>; ms: number }>()(
    z.object({ scale: z.enum(['kecamatan', 'kabupaten']), seed: z.number().int().min(0).max(2 ** 31).default(1) }),
  ),
  'registry.importPreview': op<ImportPreview>()(z.object(importInput)),
  'registry.importApply': op<ImportResult>()(z.object({ ...importInput, validOnly: z.boolean().default(false) })),
  'registry.importErrors': op<FileOut>()(z.object(importInput)),
  'registry.exportXlsx': op<FileOut>()(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('posyandu'), filter: posyanduFilter }),
      z.object({ kind: z.literal('kader'), filter: kaderFilter }),
    ]),
  ),
} as const
