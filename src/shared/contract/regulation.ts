import { z } from 'zod'
import { op } from './define'
import { zm } from '../messages'

export const REGULATION_KINDS = ['UU', 'PP', 'Perpres', 'Inpres', 'Permendagri', 'Permenkes', 'PMK', 'Perda', 'Perbup', 'Kepbup', 'SE', 'SK Camat', 'SK Kepala Desa', 'Lainnya'] as const

export interface RegulationSummary {
  id: string
  scope: string
  kind: string
  number: string
  year: number
  title: string
  dateSigned: string | null
  status: 'berlaku' | 'diubah' | 'dicabut'
  changedById: string | null
  /** "Kepbup No. 208/050/2014 — Pendamping PHI", for pickers and printouts. */
  label: string
}

export const regulationInput = z.object({
  kind: z.string().trim().min(2, zm('field.regulationType')).max(40),
  number: z.string().trim().min(1, zm('field.numberRequired')).max(60),
  year: z.number().int().min(1945, zm('field.year')).max(2100, zm('field.year')),
  title: z.string().trim().min(3, zm('field.title3')).max(500),
  dateSigned: z.iso.date(zm('field.date')).nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
})

/** One record that rests on a regulation, found through any `regulation_id`-like column. */
export interface RegulationDependent {
  table: string
  column: string
  id: string
  label: string
}

export interface RegulationAttachment {
  name: string
  size: number
  sha256: string
}

export interface RegulationDetail extends RegulationSummary {
  notes: string | null
  attachment: RegulationAttachment | null
  /** The regulation that amended or revoked this one. */
  changedBy: RegulationSummary | null
  /** Regulations this one amended or revoked. */
  changes: RegulationSummary[]
  dependents: RegulationDependent[]
}

/** 20 MB of PDF is a scanned decree of many pages; more is probably the wrong file. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

export const regulationOps = {
  'regulation.search': op<RegulationSummary[]>()(
    z.object({ text: z.string().trim().max(100).default(''), kind: z.string().optional(), limit: z.number().int().min(1).max(500).default(50) }),
  ),
  'regulation.get': op<RegulationSummary | null>()(z.object({ id: z.string() })),
  'regulation.create': op<RegulationSummary>()(regulationInput),
  'regulation.update': op<RegulationSummary>()(regulationInput.extend({ id: z.string().min(1) })),
  'regulation.detail': op<RegulationDetail | null>()(z.object({ id: z.string() })),
  'regulation.dependents': op<RegulationDependent[]>()(z.object({ id: z.string() })),
  /** Marks `id` as amended (diubah) or revoked (dicabut) by `byId`, or in force again (berlaku, no byId). */
  'regulation.setStatus': op<RegulationDetail>()(
    z.object({ id: z.string().min(1), status: z.enum(['berlaku', 'diubah', 'dicabut']), byId: z.string().min(1).nullable().default(null) }),
  ),
  /** Attaches the signed PDF (base64); replaces an earlier attachment. */
  'regulation.attach': op<RegulationAttachment>()(
    z.object({ id: z.string().min(1), fileName: z.string().trim().min(1).max(200), base64: z.string().min(1, zm('field.fileEmpty')).max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8, zm('field.pdfTooLarge')) }),
  ),
  /** The PDF's bytes, after checking they still match the recorded checksum. */
  'regulation.attachment': op<RegulationAttachment & { base64: string }>()(z.object({ id: z.string().min(1) })),
  /** Desktop: the checked PDF is opened with the system viewer by the window. */
  'regulation.openAttachment': op<{ path: string }>()(z.object({ id: z.string().min(1) })),
} as const
