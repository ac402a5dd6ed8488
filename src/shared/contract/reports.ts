import { z } from 'zod'
import { op } from './define'
import { zm } from '../messages'

export type ReportApprovalStatus = 'draft' | 'submitted' | 'approved'

/** One kecamatan's month of reports and where it stands in the approval chain. */
export interface ReportMonthApproval {
  kecamatanCode: string
  kecamatanName: string
  month: string
  status: ReportApprovalStatus
  submittedByName: string | null
  submittedAt: string | null
  approvedByName: string | null
  approvedAt: string | null
  note: string | null
  /** Monthly reports recorded for the month (posyandu). */
  reports: number
  acceptance: { status: 'accepted' | 'returned'; decidedByName: string; decidedAt: string; note: string | null } | null
  /** Reports of the month can no longer be changed (submitted, approved or accepted). */
  locked: boolean
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, zm('field.monthTTTT'))
const kecamatanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, zm('field.kecamatanCode'))
const reason = z.string().trim().min(5, zm('field.reason5')).max(300)

export const reportOps = {
  /** A kecamatan office: its twelve months; a kabupaten office: every month its kecamatan submitted. */
  'reportApproval.list': op<ReportMonthApproval[]>()(z.object({ year: z.number().int().min(2000).max(2100) })),
  /** Kecamatan operator: the month's reports are complete and go up for approval. */
  'reportApproval.submit': op<ReportMonthApproval>()(z.object({ month })),
  /** Kecamatan head or verifier (not the person who submitted). */
  'reportApproval.approve': op<ReportMonthApproval>()(z.object({ month })),
  /** Kecamatan head or verifier: back to the operator, until the kabupaten accepted it. */
  'reportApproval.reopen': op<ReportMonthApproval>()(z.object({ month, reason })),
  /** Kabupaten: accepts an approved month; its reports are locked from then on, in both offices. */
  'reportApproval.accept': op<ReportMonthApproval>()(z.object({ kecamatanCode, month })),
  /** Kabupaten: sends a month back with what to fix. */
  'reportApproval.return': op<ReportMonthApproval>()(z.object({ kecamatanCode, month, reason })),
} as const
