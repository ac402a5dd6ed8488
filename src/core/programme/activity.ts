import type { ActivityRow } from '../../shared/contract/programme'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { deleteRow, insertRow, requireRow, updateRow } from '../db/rows'
import { requirePosyandu } from './posyandu'
import { requireRefCode, requireSkpd } from './reference'
import { msg } from '../../shared/messages'

const SELECT = `SELECT a.id, a.posyandu_id AS posyanduId, coalesce(p.name, '?') AS posyanduName, a.date, a.phi_part AS phiPart, a.spm_field AS spmField,
    a.what, a.participants, a.skpd_id AS skpdId, s.short_name AS skpdName, a.agency_other AS agencyOther
  FROM posyandu_activity a LEFT JOIN posyandu p ON p.id = a.posyandu_id LEFT JOIN skpd s ON s.id = a.skpd_id`

type Raw = Omit<ActivityRow, 'participants' | 'totalParticipants'> & { participants: string }

const toRow = (r: Raw): ActivityRow => {
  const participants = JSON.parse(r.participants) as Record<string, number>
  return { ...r, participants, totalParticipants: Object.values(participants).reduce((s, n) => s + n, 0) }
}

export function listActivities(ctx: Ctx, f: { posyanduId?: string; from?: string; to?: string }): ActivityRow[] {
  const rows = ctx.sqlite
    .prepare(
      `${SELECT} WHERE a.deleted_at IS NULL AND (? IS NULL OR a.posyandu_id = ?) AND (? IS NULL OR a.date >= ?) AND (? IS NULL OR a.date <= ?)
       ORDER BY a.date DESC, p.name LIMIT 2000`,
    )
    .all(f.posyanduId ?? null, f.posyanduId ?? null, f.from ?? null, f.from ?? null, f.to ?? null, f.to ?? null) as Raw[]
  return rows.map(toRow)
}

export interface ActivityFields {
  id?: string
  posyanduId: string
  date: string
  phiPart?: string | null
  spmField?: string | null
  what: string
  participants: Record<string, number>
  skpdId?: string | null
  agencyOther?: string | null
}

/** One line of a posyandu's activity log; it belongs to the posyandu's kecamatan scope. */
export function saveActivity(ctx: Ctx, f: ActivityFields): ActivityRow {
  const posyandu = requirePosyandu(ctx, f.posyanduId)
  if (f.date > ctx.clock.now().toISOString().slice(0, 10)) throw new AppError('DATE_FUTURE', msg('refusal.activityFuture'))
  if (!f.phiPart && !f.spmField) throw new AppError('ACTIVITY_CLASS', msg('programme.activityClass'))
  if (f.phiPart) requireRefCode(ctx, 'phi_part', f.phiPart)
  if (f.spmField) requireRefCode(ctx, 'spm_field', f.spmField)
  if (f.skpdId) requireSkpd(ctx, f.skpdId)
  const participants = Object.fromEntries(Object.entries(f.participants).filter(([, n]) => n > 0))
  for (const g of Object.keys(participants)) requireRefCode(ctx, 'target_group', g)
  const values = {
    posyandu_id: f.posyanduId,
    date: f.date,
    phi_part: f.phiPart ?? null,
    spm_field: f.spmField ?? null,
    what: f.what,
    participants: JSON.stringify(participants),
    skpd_id: f.skpdId ?? null,
    agency_other: f.agencyOther ?? null,
  }
  let id = f.id
  if (id) {
    const old = requireRow(ctx.sqlite, 'posyandu_activity', id)
    if (old.deleted_at) throw new AppError('NOT_FOUND', msg('programme.activityDeleted'))
    updateRow(ctx, 'posyandu_activity', id, values)
  } else id = insertRow(ctx, 'posyandu_activity', values, { scope: posyandu.scope }).id
  return toRow(ctx.sqlite.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Raw)
}

export function deleteActivity(ctx: Ctx, id: string): { id: string } {
  deleteRow(ctx, 'posyandu_activity', id)
  return { id }
}
