import type Database from 'better-sqlite3'
import { v5 as uuidv5 } from 'uuid'
import type { ReportMonthApproval } from '../../shared/contract/reports'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import type { Handlers } from '../handlers'
import { getRow, insertRow, updateRow } from '../db/rows'
import { monthsOf } from './monthly'
import { monthLoc, msg, sayId, type Msg } from '../../shared/messages'
import { isBelow } from '../../shared/area'

/**
 * Approval of monthly reports, the DHIS2 way: the kecamatan submits a month, its head or
 * verifier approves it, the kabupaten accepts (or returns) it. The kecamatan's decision is a
 * report_approval row it owns; the kabupaten's a report_acceptance row it owns; both travel.
 */
const APPROVAL_NS = '2b8f0c3e-7a41-4d6e-9c25-8e1f4a7b3d90'
const ACCEPT_NS = '5d3a9e21-0c7b-4f88-a1d6-3b9e7c2f4a15'
export const approvalId = (kecamatan: string, month: string) => uuidv5(`${kecamatan}|${month}`, APPROVAL_NS)
export const acceptanceId = (kecamatan: string, month: string) => uuidv5(`${kecamatan}|${month}`, ACCEPT_NS)

function who(ctx: Ctx) {
  const a = ctx.actor()
  return { id: a?.userId ?? null, name: a?.displayName ?? 'sistem' }
}

const reportCount = (sqlite: Database.Database, kecamatan: string, month: string) =>
  (sqlite.prepare(`SELECT count(*) AS n FROM monthly_report WHERE scope = ? AND month = ? AND deleted_at IS NULL`).get(kecamatan, month) as { n: number }).n

export function readApproval(ctx: Ctx, kecamatan: string, month: string): ReportMonthApproval {
  const a = getRow(ctx.sqlite, 'report_approval', approvalId(kecamatan, month))
  const acc = getRow(ctx.sqlite, 'report_acceptance', acceptanceId(kecamatan, month))
  const live = a && !a.deleted_at ? a : null
  const acceptance = acc && !acc.deleted_at
    ? { status: acc.status as 'accepted' | 'returned', decidedByName: acc.decided_by_name as string, decidedAt: acc.decided_at as string, note: (acc.note as string | null) ?? null }
    : null
  const status = (live?.status as ReportMonthApproval['status']) ?? 'draft'
  const name = (ctx.sqlite.prepare('SELECT name FROM wilayah WHERE code = ?').get(kecamatan) as { name: string } | undefined)?.name ?? kecamatan
  return {
    kecamatanCode: kecamatan,
    kecamatanName: name,
    month,
    status,
    submittedByName: (live?.submitted_by_name as string | null) ?? null,
    submittedAt: (live?.submitted_at as string | null) ?? null,
    approvedByName: (live?.approved_by_name as string | null) ?? null,
    approvedAt: (live?.approved_at as string | null) ?? null,
    note: (live?.note as string | null) ?? null,
    reports: reportCount(ctx.sqlite, kecamatan, month),
    acceptance,
    locked: status !== 'draft' || acceptance?.status === 'accepted',
  }
}

/** Why the reports of a kecamatan's month may not change now, or null. Checked by every monthly save. */
export function monthLock(ctx: Ctx, kecamatan: string, month: string): { code: string; message: string; msg: Msg } | null {
  const s = readApproval(ctx, kecamatan, month)
  const m = s.acceptance?.status === 'accepted' ? msg('approval.lockedAccepted', { month: monthLoc(month) }) : s.status !== 'draft' ? msg(s.status === 'approved' ? 'approval.lockedApproved' : 'approval.lockedSubmitted', { month: monthLoc(month) }) : null
  if (m) return { code: s.acceptance?.status === 'accepted' ? 'REPORT_ACCEPTED' : 'REPORT_SUBMITTED', message: sayId(m), msg: m }
  return null
}

function requireKecamatan(ctx: Ctx): string {
  const o = ctx.requireOffice()
  if (o.level !== 'kecamatan') throw new AppError('REPORT_KECAMATAN_ONLY', msg('approval.kecamatanOnly'))
  return o.wilayahCode
}

function requireKabupaten(ctx: Ctx, kecamatan: string): string {
  const o = ctx.requireOffice()
  if (o.level !== 'kabupaten') throw new AppError('REPORT_KABUPATEN_ONLY', msg('approval.kabupatenOnly'))
  if (!isBelow(kecamatan, o.wilayahCode)) throw new AppError('AREA_OUTSIDE', msg('approval.kecamatanOutside', { kec: kecamatan }))
  return o.wilayahCode
}

function writeApproval(ctx: Ctx, kecamatan: string, month: string, values: Record<string, unknown>, action: string) {
  const id = approvalId(kecamatan, month)
  if (getRow(ctx.sqlite, 'report_approval', id)) updateRow(ctx, 'report_approval', id, { ...values, deleted_at: null }, action)
  else insertRow(ctx, 'report_approval', { month, status: 'draft', ...values }, { id, scope: kecamatan })
}

export function submitMonth(ctx: Ctx, month: string): ReportMonthApproval {
  const kec = requireKecamatan(ctx)
  const s = readApproval(ctx, kec, month)
  if (s.acceptance?.status === 'accepted') throw new AppError('REPORT_ACCEPTED', msg('approval.accepted', { month: monthLoc(month) }))
  if (s.status !== 'draft') throw new AppError('REPORT_SUBMITTED', msg('approval.submitted', { month: monthLoc(month) }))
  if (s.reports === 0) throw new AppError('REPORT_EMPTY', msg('approval.empty', { month: monthLoc(month) }))
  const me = who(ctx)
  writeApproval(ctx, kec, month, { status: 'submitted', submitted_at: ctx.clock.now().toISOString(), submitted_by: me.id, submitted_by_name: me.name, approved_at: null, approved_by: null, approved_by_name: null, note: null }, 'submit')
  return readApproval(ctx, kec, month)
}

export function approveMonth(ctx: Ctx, month: string): ReportMonthApproval {
  const kec = requireKecamatan(ctx)
  const row = getRow(ctx.sqlite, 'report_approval', approvalId(kec, month))
  if (!row || row.status !== 'submitted') throw new AppError('REPORT_NOT_SUBMITTED', msg('approval.notSubmittedOperator', { month: monthLoc(month) }))
  const me = who(ctx)
  if (me.id && row.submitted_by === me.id) throw new AppError('MAKER_CHECKER', msg('refusal.submittedYourself'))
  writeApproval(ctx, kec, month, { status: 'approved', approved_at: ctx.clock.now().toISOString(), approved_by: me.id, approved_by_name: me.name }, 'approve')
  return readApproval(ctx, kec, month)
}

export function reopenMonth(ctx: Ctx, month: string, reason: string): ReportMonthApproval {
  const kec = requireKecamatan(ctx)
  const s = readApproval(ctx, kec, month)
  if (s.acceptance?.status === 'accepted') throw new AppError('REPORT_ACCEPTED', msg('approval.acceptedReturn', { month: monthLoc(month) }))
  if (s.status === 'draft') throw new AppError('REPORT_NOT_SUBMITTED', msg('approval.notSubmitted', { month: monthLoc(month) }))
  writeApproval(ctx, kec, month, { status: 'draft', note: reason }, 'reopen')
  return readApproval(ctx, kec, month)
}

function decide(ctx: Ctx, kecamatan: string, month: string, status: 'accepted' | 'returned', note: string | null): ReportMonthApproval {
  const scope = requireKabupaten(ctx, kecamatan)
  const me = who(ctx)
  const id = acceptanceId(kecamatan, month)
  const values = { kecamatan_code: kecamatan, month, status, decided_at: ctx.clock.now().toISOString(), decided_by: me.id, decided_by_name: me.name, note }
  if (getRow(ctx.sqlite, 'report_acceptance', id)) updateRow(ctx, 'report_acceptance', id, { ...values, deleted_at: null }, status === 'accepted' ? 'accept' : 'return')
  else insertRow(ctx, 'report_acceptance', values, { id, scope })
  return readApproval(ctx, kecamatan, month)
}

export function acceptMonth(ctx: Ctx, kecamatan: string, month: string): ReportMonthApproval {
  requireKabupaten(ctx, kecamatan)
  const s = readApproval(ctx, kecamatan, month)
  if (s.status !== 'approved') throw new AppError('REPORT_NOT_APPROVED', msg('approval.notApproved', { kec: s.kecamatanName, month: monthLoc(month) }))
  if (s.acceptance?.status === 'accepted') throw new AppError('REPORT_ACCEPTED', msg('approval.acceptedKec', { kec: s.kecamatanName, month: monthLoc(month) }))
  return decide(ctx, kecamatan, month, 'accepted', null)
}

export const returnMonth = (ctx: Ctx, kecamatan: string, month: string, reason: string) => decide(ctx, kecamatan, month, 'returned', reason)

export function listApprovals(ctx: Ctx, year: number): ReportMonthApproval[] {
  const o = ctx.requireOffice()
  if (o.level === 'kecamatan') return monthsOf(year).map((m) => readApproval(ctx, o.wilayahCode, m))
  const rows = ctx.sqlite
    .prepare(
      `SELECT scope AS k, month AS m FROM report_approval WHERE deleted_at IS NULL AND status <> 'draft' AND month LIKE ? AND scope LIKE ?
       UNION SELECT kecamatan_code, month FROM report_acceptance WHERE deleted_at IS NULL AND month LIKE ? AND scope = ?
       ORDER BY 2, 1`,
    )
    .all(`${year}-%`, `${o.wilayahCode}.%`, `${year}-%`, o.wilayahCode) as { k: string; m: string }[]
  return rows.map((r) => readApproval(ctx, r.k, r.m))
}

export const reportHandlers = {
  'reportApproval.list': (i, ctx) => listApprovals(ctx, i.year),
  'reportApproval.submit': (i, ctx) => submitMonth(ctx, i.month),
  'reportApproval.approve': (i, ctx) => approveMonth(ctx, i.month),
  'reportApproval.reopen': (i, ctx) => reopenMonth(ctx, i.month, i.reason),
  'reportApproval.accept': (i, ctx) => acceptMonth(ctx, i.kecamatanCode, i.month),
  'reportApproval.return': (i, ctx) => returnMonth(ctx, i.kecamatanCode, i.month, i.reason),
} satisfies Partial<Handlers>
