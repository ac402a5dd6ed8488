import { createHash } from 'node:crypto'
import type { AuditEntry, DuplicateGroup, KaderRow } from '../../shared/contract/registry'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { insertRow, requireRow, restoreRow } from '../db/rows'
import { officeArea, requireInArea, scopeSql, todayOf } from './area'
import { KADER_COLS, KADER_FROM } from './kader'

/** Columns that change on every write and say nothing to a person reading the history. */
const HIDDEN = new Set(['rev', 'hlc', 'origin', 'updated_at', 'created_at'])

function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditEntry['changes'] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const out: AuditEntry['changes'] = []
  for (const k of keys) {
    if (HIDDEN.has(k)) continue
    const b = before?.[k] ?? null
    const a = after?.[k] ?? null
    if (b !== a) out.push({ field: k, before: b, after: a })
  }
  return out
}

/** Every recorded change of one row, newest first, as field-by-field differences. */
export function auditFor(ctx: Ctx, table: string, id: string): AuditEntry[] {
  const row = requireRow(ctx.sqlite, table, id)
  requireInArea(ctx, row.scope, msg('registry.what.record'))
  const rows = ctx.sqlite
    .prepare(
      `SELECT id, at, user, office_code AS officeCode, table_name AS "table", row_id AS rowId, action, before_json, after_json
       FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY at DESC, id DESC`,
    )
    .all(table, id) as (Omit<AuditEntry, 'changes'> & { before_json: string | null; after_json: string | null })[]
  return rows.map(({ before_json, after_json, ...r }) => ({
    ...r,
    changes: diff(before_json ? JSON.parse(before_json) : null, after_json ? JSON.parse(after_json) : null),
  }))
}

/** Brings a tombstoned row back; a posyandu only if its name is still free in its desa. */
export function restore(ctx: Ctx, table: string, id: string): { table: string; id: string } {
  const row = requireRow(ctx.sqlite, table, id)
  requireInArea(ctx, row.scope, msg('registry.what.record'))
  if (table === 'posyandu') {
    const clash = ctx.sqlite
      .prepare(`SELECT id FROM posyandu WHERE desa_code = ? AND lower(name) = lower(?) AND deleted_at IS NULL AND id <> ?`)
      .get(row.desa_code, row.name, id)
    if (clash) throw new AppError('POSYANDU_NAME_TAKEN', msg('registry.restoreNameTaken', { name: String(row.name) }))
  }
  restoreRow(ctx, table, id)
  return { table, id }
}

/**
 * Kader that may be the same person: the same NIK twice, or the same name and birth date
 * under different NIK. Shown for review; nothing is merged.
 */
export function findDuplicates(ctx: Ctx, limit: number): DuplicateGroup[] {
  const area = officeArea(ctx)
  const groups: DuplicateGroup[] = []
  const byNik = ctx.sqlite
    .prepare(
      `SELECT nik FROM kader k WHERE deleted_at IS NULL AND ${scopeSql('k.scope')}
       AND EXISTS (SELECT 1 FROM kader o WHERE o.nik = k.nik AND o.id <> k.id AND o.deleted_at IS NULL)
       GROUP BY nik ORDER BY nik LIMIT @limit`,
    )
    .all({ area, limit }) as { nik: string }[]
  // Members may lie outside this office's area (another kecamatan in the same file): show them all.
  const members = (where: string, params: Record<string, unknown>): KaderRow[] =>
    ctx.sqlite
      .prepare(`SELECT ${KADER_COLS} ${KADER_FROM} WHERE k.deleted_at IS NULL AND ${where} ORDER BY k.scope, k.name`)
      .all({ ...params, today: todayOf(ctx) }) as KaderRow[]
  for (const { nik } of byNik) {
    const m = members('k.nik = @nik', { nik })
    groups.push({ kind: 'nik', key: nik, reason: `NIK ${nik} dipakai ${m.length} kader`, members: m, reviewed: reviewOf(ctx, 'nik', nik, m) })
  }
  const byName = ctx.sqlite
    .prepare(
      `SELECT lower(name) AS lname, birth_date AS birthDate FROM kader k WHERE deleted_at IS NULL AND birth_date IS NOT NULL AND ${scopeSql('k.scope')}
       AND EXISTS (SELECT 1 FROM kader o WHERE lower(o.name) = lower(k.name) AND o.birth_date = k.birth_date AND o.nik <> k.nik AND o.deleted_at IS NULL)
       GROUP BY lower(name), birth_date ORDER BY lower(name) LIMIT @limit`,
    )
    .all({ area, limit }) as { lname: string; birthDate: string }[]
  for (const g of byName) {
    const m = members('lower(k.name) = @lname AND k.birth_date = @birthDate', g)
    const kecs = new Set(m.map((x) => x.kecamatanName))
    const places = new Set(m.map((x) => x.posyanduId))
    const where = kecs.size > 1 ? `di ${kecs.size} kecamatan berbeda` : places.size > 1 ? `di ${places.size} posyandu berbeda` : 'di posyandu yang sama'
    const key = `${g.lname}|${g.birthDate}`
    groups.push({ kind: 'name_birth', key, reason: `Nama "${m[0]?.name}" dan tanggal lahir ${g.birthDate} sama, NIK berbeda, ${where}`, members: m, reviewed: reviewOf(ctx, 'name_birth', key, m) })
  }
  return groups
}

/** A review holds for exactly the members it saw: their ids, sorted, hashed. */
const membersHash = (ids: string[]) => createHash('sha256').update([...ids].sort().join(',')).digest('hex')

function reviewOf(ctx: Ctx, kind: string, key: string, members: { id: string }[]): DuplicateGroup['reviewed'] {
  const row = ctx.sqlite
    .prepare(`SELECT note, updated_at AS at FROM duplicate_review WHERE group_key = ? AND members_hash = ? AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1`)
    .get(`${kind}|${key}`, membersHash(members.map((m) => m.id))) as { note: string | null; at: string } | undefined
  return row ?? null
}

/** Records that a group of possible duplicates are different people; the kader rows stay as they are. */
export function reviewDuplicates(ctx: Ctx, r: { kind: 'nik' | 'name_birth'; key: string; memberIds: string[]; note: string }): { ok: true } {
  const group = findDuplicates(ctx, 1000).find((g) => g.kind === r.kind && g.key === r.key)
  const current = group?.members.map((m) => m.id).sort() ?? []
  if (!group || current.join(',') !== [...r.memberIds].sort().join(',')) {
    throw new AppError('DUPLICATES_CHANGED', msg('registry.duplicatesChanged'))
  }
  insertRow(ctx, 'duplicate_review', { group_key: `${r.kind}|${r.key}`, members_hash: membersHash(current), decision: 'berbeda', note: r.note })
  return { ok: true }
}
