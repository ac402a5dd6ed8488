import { z } from 'zod'
import { op } from './define'

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
  kind: z.string().trim().min(2, 'Jenis regulasi wajib diisi').max(40),
  number: z.string().trim().min(1, 'Nomor wajib diisi').max(60),
  year: z.number().int().min(1945, 'Tahun tidak masuk akal').max(2100, 'Tahun tidak masuk akal'),
  title: z.string().trim().min(3, 'Judul minimal 3 huruf').max(500),
  dateSigned: z.iso.date('Tanggal harus berbentuk YYYY-MM-DD').nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
})

export const regulationOps = {
  'regulation.search': op<RegulationSummary[]>()(
    z.object({ text: z.string().trim().max(100).default(''), kind: z.string().optional(), limit: z.number().int().min(1).max(500).default(50) }),
  ),
  'regulation.get': op<RegulationSummary | null>()(z.object({ id: z.string() })),
  'regulation.create': op<RegulationSummary>()(regulationInput),
} as const
