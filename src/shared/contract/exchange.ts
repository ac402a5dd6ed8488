import { z } from 'zod'
import type { OfficeLevel } from './app'
import { op } from './define'
import { type Msg, zm } from '../messages'

export interface OfficeCardInfo {
  wilayahCode: string
  name: string
  level: OfficeLevel
  /** Four groups of four characters, read aloud over the phone before enrolling. */
  fingerprint: string
}

export interface PeerOffice extends OfficeCardInfo {
  status: 'active' | 'revoked'
  enrolledAt: string
  revokedAt: string | null
  lastSentSeq: number
  lastReceivedSeq: number
  ackedSeq: number
}

export interface CardPreview extends OfficeCardInfo {
  /** Why this office may not be enrolled here, or null. */
  problem: string | null
  /** The same by key, for English screens. */
  problemMsg?: Msg | null
  /** Present when the office is enrolled already. */
  existing: PeerOffice | null
  keysChanged: boolean
}

/** The readable part of a bundle, shown before anything is decrypted. */
export interface ManifestSummary {
  format: number
  schemaVersion: number
  appVersion: string
  from: { code: string; name: string; level: OfficeLevel }
  to: { code: string; name: string }
  createdAt: string
  seq: number
  ack: number
  counts: Record<string, number>
  rows: number
  payloadSize: number
  payloadSha256: string
  rejectedReceipt: number
}

export interface BundleInspection {
  fileName: string
  sizeBytes: number
  manifest: ManifestSummary
  /** Whether the bundle passes every check before import. */
  ok: boolean
  code: string | null
  message: string | null
  /** The refusal by key (src/shared/messages.ts), for an English screen. */
  msg?: Msg | null
  senderFingerprint: string | null
}

export interface TableCounts {
  table: string
  /** What the screens call the table. */
  label: string
  new: number
  changed: number
  unchanged: number
  refused: number
  conflict: number
  rejected: number
  /** Rows removed here because the sender no longer shares them with this office. */
  withdrawn: number
}

export type ImportAction = 'new' | 'changed' | 'conflict' | 'refused' | 'rejected'

export interface ImportItem {
  table: string
  tableLabel: string
  id: string
  action: ImportAction
  /** A human label for the row (its name, when it has one). */
  label: string
  scope: string
  /** The owning wilayah by name ("Wonotunggal"), for people; `scope` keeps the code. */
  scopeName?: string
  note: string | null
  /** The note by key, for an English screen (`note` is its Indonesian sentence). */
  noteMsg?: Msg
}

export interface ImportReport {
  dryRun: boolean
  fileName: string
  from: string
  seq: number
  tables: TableCounts[]
  totals: Omit<TableCounts, 'table'>
  /** Rows that are not unchanged, capped; `itemsTotal` says how many there are. */
  items: ImportItem[]
  itemsTotal: number
  /** Set when the bundle would be refused whole (rows outside the sender's authority). */
  refusal: string | null
  /** The same by key, for an English screen. */
  refusalMsg?: Msg | null
  backupFile: string | null
}

export interface ExportResult {
  fileName: string
  file: string
  sizeBytes: number
  seq: number
  rows: number
  counts: Record<string, number>
  /** Base64 of the file, for the window to save (only through the window's operation). */
  base64?: string
}

export interface BundleLogEntry {
  id: string
  direction: 'out' | 'in'
  peerCode: string
  peerName: string | null
  seq: number
  fileName: string
  createdAt: string
  processedAt: string
  status: 'dibuat' | 'diterima' | 'diimpor'
  rows: number
  sizeBytes: number
  counts: Record<string, number>
  rejected: { table: string; id: string }[]
}

export interface ConflictEntry {
  id: string
  table: string
  rowId: string
  peerCode: string
  kind: 'versi' | 'unik'
  detectedAt: string
  status: 'terbuka' | 'diterapkan' | 'diabaikan'
  winner: Record<string, unknown> | null
  loser: Record<string, unknown>
}

export interface ImportProgress {
  phase: 'memeriksa' | 'menerapkan' | 'selesai'
  doneBytes: number
  totalBytes: number
  rows: number
}

const base64 = z.string().min(1, zm('field.fileEmpty')).max(700_000_000, zm('field.fileTooLarge'))
const fileName = z.string().trim().min(1).max(255)
/** Id of a file the headless host streamed into <dataDir>/tmp. */
export const UPLOAD_ID = /^[0-9a-f]{32}$/
const inboxId = z.string().regex(/^[0-9a-f-]{36}$/, zm('field.bundleUnknown'))

export const exchangeOps = {
  'exchange.officeCard': op<OfficeCardInfo & { fileName: string; base64: string }>()(z.object({})),
  'exchange.cardPreview': op<CardPreview>()(z.object({ base64 })),
  'exchange.enrol': op<PeerOffice>()(z.object({ base64, fingerprint: z.string().trim().min(1, zm('field.fingerprint')).max(40) })),
  'exchange.peers': op<PeerOffice[]>()(z.object({})),
  'exchange.revoke': op<PeerOffice>()(z.object({ wilayahCode: z.string().max(20) })),
  'exchange.rekey': op<OfficeCardInfo>()(z.object({})),
  'exchange.bundleExport': op<ExportResult>()(z.object({ to: z.string().max(20) })),
  /**
   * Takes a bundle in: `base64` from the window, or `uploadId` of a file the headless host
   * streamed to disk (POST /api/upload), so a large bundle never sits in memory as JSON.
   */
  'exchange.bundleOpen': op<BundleInspection & { inboxId: string }>()(
    z
      .object({ fileName, base64: base64.optional(), uploadId: z.string().regex(UPLOAD_ID, zm('field.uploadId')).optional() })
      .refine((i) => (i.base64 === undefined) !== (i.uploadId === undefined), zm('field.pickBundle')),
  ),
  'exchange.bundleDryRun': op<ImportReport>()(z.object({ inboxId })),
  'exchange.bundleApply': op<ImportReport>()(
    z.object({ inboxId, reject: z.array(z.object({ table: z.string().max(64), id: z.string().max(64) })).max(100_000).default([]) }),
  ),
  'exchange.progress': op<ImportProgress | null>()(z.object({})),
  'exchange.cancel': op<{ cancelled: boolean }>()(z.object({})),
  'exchange.history': op<BundleLogEntry[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(200) })),
  'exchange.conflicts': op<ConflictEntry[]>()(z.object({ status: z.enum(['terbuka', 'diterapkan', 'diabaikan']).optional() })),
  'exchange.conflictReapply': op<ConflictEntry>()(z.object({ id: z.string().max(64) })),
  'exchange.conflictDismiss': op<ConflictEntry>()(z.object({ id: z.string().max(64) })),
} as const
