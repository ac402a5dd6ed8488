import type { Kader, KaderFilter, KaderInput, KaderRow, Membership, Page } from '../../shared/contract/registry'
import { AppError } from '../../shared/result'
import { joinSentences, msg, sayId, type Msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { deleteRow, insertRow, requireRow, updateRow, type Row } from '../db/rows'
import { ftsQuery, holdsOutside, officeArea, requireInArea, scopeSql, todayOf } from './area'
import { checkNik } from './nik'

/** The current membership of each kader (latest open one) gives its posyandu, desa, kecamatan. */
export const KADER_FROM = `FROM kader k
  LEFT JOIN kader_posyandu cp ON cp.id = (SELECT id FROM kader_posyandu WHERE kader_id = k.id AND deleted_at IS NULL AND to_date IS NULL ORDER BY from_date DESC LIMIT 1)
  LEFT JOIN posyandu p ON p.id = cp.posyandu_id
  LEFT JOIN wilayah d ON d.code = p.desa_code
  LEFT JOIN wilayah c ON c.code = k.scope`

export const KADER_COLS = `k.id, k.nik, k.name, k.sex, k.birth_date AS birthDate, k.birth_place AS birthPlace, k.role, k.phone, cp.posyandu_id AS posyanduId,
  p.name AS posyanduName, d.name AS desaName, c.name AS kecamatanName,
  (k.active_to IS NULL OR k.active_to >= @today) AS active, k.deleted_at AS deletedAt`

export const KADER_SORT: Record<KaderFilter['sortBy'], string> = {
  name: 'k.name COLLATE NOCASE',
  nik: 'k.nik',
  birthDate: 'k.birth_date',
  role: 'k.role',
  posyanduName: 'p.name COLLATE NOCASE',
  desaName: 'd.name COLLATE NOCASE',
}

export function kaderWhere(ctx: Ctx, f: Partial<KaderFilter>): { where: string; params: Record<string, unknown>; needsJoin: boolean } {
  const params: Record<string, unknown> = { area: officeArea(ctx), today: todayOf(ctx) }
  const where = [scopeSql('k.scope'), f.deleted ? 'k.deleted_at IS NOT NULL' : 'k.deleted_at IS NULL']
  let needsJoin = false
  if (f.kecamatan) (where.push('k.scope = @kecamatan'), (params.kecamatan = f.kecamatan))
  if (f.desa) (where.push('p.desa_code = @desa'), (params.desa = f.desa), (needsJoin = true))
  if (f.posyanduId) {
    // Everyone currently serving there, also when it is not their latest membership.
    where.push(`k.id IN (SELECT kader_id FROM kader_posyandu WHERE posyandu_id = @posyanduId AND deleted_at IS NULL AND to_date IS NULL)`)
    params.posyanduId = f.posyanduId
  }
  if (f.role) (where.push('k.role = @role'), (params.role = f.role))
  if (f.ids) (where.push('k.id IN (SELECT value FROM json_each(@ids))'), (params.ids = JSON.stringify(f.ids)))
  if (f.status === 'aktif') where.push('(k.active_to IS NULL OR k.active_to >= @today)')
  if (f.status === 'nonaktif') where.push('k.active_to < @today')
  const q = ftsQuery(f.search, holdsOutside(ctx.sqlite, 'kader', params.area as string) ? (params.area as string) : undefined)
  if (q) {
    where.push(`k.id IN (SELECT s.row_id FROM kader_fts JOIN search_key s ON s.n = kader_fts.rowid WHERE kader_fts MATCH @q)`)
    params.q = q
  }
  return { where: where.join(' AND '), params, needsJoin }
}

export function kaderRows(ctx: Ctx, f: Partial<KaderFilter>, order: string, limit: number, offset: number): KaderRow[] {
  const { where, params } = kaderWhere(ctx, f)
  const rows = ctx.sqlite
    .prepare(`SELECT ${KADER_COLS} ${KADER_FROM} WHERE ${where} ORDER BY ${order}, k.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as KaderRow[]
  for (const r of rows) r.active = Boolean(r.active)
  return rows
}

export function listKader(ctx: Ctx, f: KaderFilter): Page<KaderRow> {
  const { where, params, needsJoin } = kaderWhere(ctx, f)
  const from = needsJoin || f.sortBy === 'posyanduName' || f.sortBy === 'desaName' ? KADER_FROM : 'FROM kader k'
  const order = `${KADER_SORT[f.sortBy]} ${f.sortDir === 'desc' ? 'DESC' : 'ASC'}`
  // One pass over the matches gives the page's ids and the total; details only for the page.
  const hits = ctx.sqlite
    .prepare(`SELECT k.id, count(*) OVER () AS total ${from} WHERE ${where} ORDER BY ${order}, k.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }) as { id: string; total: number }[]
  const total = hits.length
    ? hits[0].total
    : (ctx.sqlite.prepare(`SELECT count(*) AS n ${from} WHERE ${where}`).get(params) as { n: number }).n
  if (!hits.length) return { rows: [], total }
  const rows = ctx.sqlite
    .prepare(`SELECT ${KADER_COLS} ${KADER_FROM} WHERE k.id IN (${hits.map(() => '?').join(',')})`)
    .all(...hits.map((h) => h.id), { today: params.today }) as KaderRow[]
  const byId = new Map(rows.map((r) => [r.id, { ...r, active: Boolean(r.active) }]))
  return { rows: hits.map((h) => byId.get(h.id)!), total }
}

export function membershipsOf(ctx: Ctx, by: { kaderId?: string; posyanduId?: string }): Membership[] {
  return ctx.sqlite
    .prepare(
      `SELECT kp.id, kp.kader_id AS kaderId, k.name AS kaderName, kp.posyandu_id AS posyanduId, p.name AS posyanduName,
        kp.from_date AS fromDate, kp.to_date AS toDate, kp.deleted_at AS deletedAt
       FROM kader_posyandu kp LEFT JOIN kader k ON k.id = kp.kader_id LEFT JOIN posyandu p ON p.id = kp.posyandu_id
       WHERE ${by.kaderId ? 'kp.kader_id = @id' : 'kp.posyandu_id = @id'}
       ORDER BY coalesce(kp.from_date, '') DESC, kp.id DESC`,
    )
    .all({ id: by.kaderId ?? by.posyanduId }) as Membership[]
}

export function kaderFromRow(ctx: Ctx, r: Row): Kader {
  const current = ctx.sqlite
    .prepare(`SELECT posyandu_id AS id FROM kader_posyandu WHERE kader_id = ? AND deleted_at IS NULL AND to_date IS NULL ORDER BY from_date DESC LIMIT 1`)
    .get(r.id) as { id: string } | undefined
  return {
    id: r.id,
    scope: r.scope,
    rev: r.rev,
    deletedAt: r.deleted_at,
    nik: r.nik as string,
    name: r.name as string,
    sex: r.sex as 'L' | 'P',
    birthDate: r.birth_date as string,
    birthPlace: (r.birth_place as string) ?? null,
    phone: (r.phone as string) ?? null,
    education: (r.education as Kader['education']) ?? null,
    role: r.role as Kader['role'],
    posyanduId: current?.id ?? '',
    activeFrom: (r.active_from as string) ?? null,
    activeTo: (r.active_to as string) ?? null,
    notes: (r.notes as string) ?? null,
    trainings: ctx.sqlite
      .prepare(`SELECT id, name, year, organiser FROM kader_training WHERE kader_id = ? AND deleted_at IS NULL ORDER BY year, name`)
      .all(r.id) as Kader['trainings'],
    memberships: membershipsOf(ctx, { kaderId: r.id }),
  }
}

export function getKader(ctx: Ctx, id: string): Kader {
  const row = requireRow(ctx.sqlite, 'kader', id)
  requireInArea(ctx, row.scope, msg('registry.what.kader', { name: String(row.name) }))
  return kaderFromRow(ctx, row)
}

/** Other live kader with the same NIK, or the same name and birth date. */
export function possibleDuplicates(ctx: Ctx, d: { nik: string; name: string; birthDate: string | null }, exceptId?: string): string[] {
  return possibleDuplicateMsgs(ctx, d, exceptId).map(sayId)
}

/** The same, by message key (registry.sameNik / registry.sameName). */
export function possibleDuplicateMsgs(ctx: Ctx, d: { nik: string; name: string; birthDate: string | null }, exceptId?: string): Msg[] {
  const out: Msg[] = []
  const sameNik = ctx.sqlite
    .prepare(`SELECT k.name, k.scope, c.name AS kec FROM kader k LEFT JOIN wilayah c ON c.code = k.scope WHERE k.nik = ? AND k.deleted_at IS NULL AND k.id IS NOT ?`)
    .all(d.nik, exceptId ?? null) as { name: string; kec: string | null; scope: string }[]
  for (const s of sameNik) out.push(msg('registry.sameNik', { name: s.name, kec: s.kec ?? s.scope }))
  if (d.birthDate) {
    const sameName = ctx.sqlite
      .prepare(
        `SELECT k.name, k.nik, c.name AS kec, k.scope FROM kader k LEFT JOIN wilayah c ON c.code = k.scope
         WHERE lower(k.name) = lower(?) AND k.birth_date = ? AND k.deleted_at IS NULL AND k.id IS NOT ? AND k.nik <> ?`,
      )
      .all(d.name.trim(), d.birthDate, exceptId ?? null, d.nik) as { name: string; nik: string; kec: string | null; scope: string }[]
    for (const s of sameName) out.push(msg('registry.sameName', { name: s.name, nik: s.nik, kec: s.kec ?? s.scope }))
  }
  return out
}

function toColumns(d: KaderInput, nik: string): Record<string, unknown> {
  return {
    nik,
    name: d.name,
    sex: d.sex,
    birth_date: d.birthDate,
    birth_place: d.birthPlace,
    phone: d.phone,
    education: d.education,
    role: d.role,
    active_from: d.activeFrom,
    active_to: d.activeTo,
    notes: d.notes,
  }
}

/** Opens a membership at `posyanduId` unless one is open there; closes the others. */
export function moveToPosyandu(ctx: Ctx, kaderId: string, posyanduId: string, scope: string, from: string | null): void {
  const open = ctx.sqlite
    .prepare(`SELECT id, posyandu_id AS posyanduId FROM kader_posyandu WHERE kader_id = ? AND deleted_at IS NULL AND to_date IS NULL`)
    .all(kaderId) as { id: string; posyanduId: string }[]
  if (open.some((m) => m.posyanduId === posyanduId)) return
  const today = todayOf(ctx)
  for (const m of open) updateRow(ctx, 'kader_posyandu', m.id, { to_date: today })
  insertRow(ctx, 'kader_posyandu', { kader_id: kaderId, posyandu_id: posyanduId, from_date: from ?? today, to_date: null }, { scope })
}

function syncTrainings(ctx: Ctx, kaderId: string, scope: string, list: KaderInput['trainings']): void {
  const existing = ctx.sqlite.prepare(`SELECT id FROM kader_training WHERE kader_id = ? AND deleted_at IS NULL`).all(kaderId) as { id: string }[]
  const keep = new Set(list.map((t) => t.id).filter(Boolean))
  for (const e of existing) if (!keep.has(e.id)) deleteRow(ctx, 'kader_training', e.id)
  for (const t of list) {
    const cols = { name: t.name, year: t.year, organiser: t.organiser }
    if (t.id && existing.some((e) => e.id === t.id)) updateRow(ctx, 'kader_training', t.id, cols)
    else insertRow(ctx, 'kader_training', { ...cols, kader_id: kaderId }, { scope })
  }
}

/** Validates the NIK, finds warnings (region, birth date/sex, duplicates) that a person must accept. */
export function kaderWarnings(ctx: Ctx, d: KaderInput, exceptId?: string): { nik: string; warnings: string[]; msgs: Msg[] } {
  const report = checkNik(ctx.sqlite, ctx.clock, d.nik, { birthDate: d.birthDate, sex: d.sex })
  if (!report.decoded) {
    const one = report.errors.length === 1 ? report.errors[0].msg : undefined
    throw new AppError('INVALID_NIK', one ?? report.errors.map((e) => e.message).join(' '), [{ path: ['nik'], message: report.errors[0].message, msg: report.errors[0].msg }])
  }
  const nik = report.decoded.nik
  const msgs = [...report.warnings.map((w) => w.msg ?? msg('registry.plain', { text: w.message })), ...possibleDuplicateMsgs(ctx, { nik, name: d.name, birthDate: d.birthDate }, exceptId)]
  return { nik, warnings: msgs.map(sayId), msgs }
}

export function requirePosyanduForKader(ctx: Ctx, posyanduId: string): Row {
  const p = requireRow(ctx.sqlite, 'posyandu', posyanduId)
  requireInArea(ctx, p.scope, msg('registry.what.posyandu', { name: String(p.name) }))
  if (p.deleted_at) throw new AppError('DELETED', msg('refusal.posyanduGone', { name: String(p.name) }))
  return p
}

export function saveKader(ctx: Ctx, id: string | undefined, d: KaderInput, acceptWarnings: boolean): { kader: Kader; warnings: string[] } {
  const { nik, warnings, msgs } = kaderWarnings(ctx, d, id)
  if (warnings.length && !acceptWarnings) {
    throw new AppError('NEEDS_CONFIRMATION', msg('registry.checkFirst', { warnings: joinSentences(msgs) }), { warnings, msgs })
  }
  const rowId = writeKader(ctx, id, d, nik)
  return { kader: kaderFromRow(ctx, requireRow(ctx.sqlite, 'kader', rowId)), warnings }
}

/** The writes of a save, after the checks: kader row, membership, trainings, in one transaction. */
export function writeKader(ctx: Ctx, id: string | undefined, d: KaderInput, nik: string): string {
  const p = requirePosyanduForKader(ctx, d.posyanduId)
  return ctx.sqlite.transaction(() => {
    let row: Row
    if (id) {
      const before = requireRow(ctx.sqlite, 'kader', id)
      requireInArea(ctx, before.scope, msg('registry.what.kader', { name: String(before.name) }))
      if (before.deleted_at) throw new AppError('DELETED', msg('refusal.kaderDeleted'))
      if (before.scope !== p.scope) return transferKader(ctx, before, p, d, nik)
      row = updateRow(ctx, 'kader', id, toColumns(d, nik))
    } else {
      row = insertRow(ctx, 'kader', toColumns(d, nik), { scope: p.scope })
    }
    moveToPosyandu(ctx, row.id, p.id, p.scope, id ? null : d.activeFrom)
    syncTrainings(ctx, row.id, p.scope, d.trainings)
    return row.id
  })()
}

/**
 * A row's scope never changes (the table policy), so a kader moving to a posyandu of another
 * kecamatan becomes a new row of that kecamatan: the old row is closed and kept as a
 * tombstone, its memberships travel along as closed history, its trainings are copied.
 */
function transferKader(ctx: Ctx, before: Row, p: Row, d: KaderInput, nik: string): string {
  const today = todayOf(ctx)
  const memberships = ctx.sqlite
    .prepare(`SELECT id, posyandu_id AS posyanduId, from_date AS fromDate, to_date AS toDate FROM kader_posyandu WHERE kader_id = ? AND deleted_at IS NULL`)
    .all(before.id) as { id: string; posyanduId: string; fromDate: string | null; toDate: string | null }[]
  for (const m of memberships) if (!m.toDate) updateRow(ctx, 'kader_posyandu', m.id, { to_date: today })
  deleteRow(ctx, 'kader', before.id)
  const note = `Pindah dari Kec. ${before.scope} pada ${today}.`
  const row = insertRow(ctx, 'kader', { ...toColumns(d, nik), notes: [d.notes, note].filter(Boolean).join(' ') }, { scope: p.scope })
  for (const m of memberships) {
    insertRow(ctx, 'kader_posyandu', { kader_id: row.id, posyandu_id: m.posyanduId, from_date: m.fromDate, to_date: m.toDate ?? today }, { scope: p.scope })
  }
  moveToPosyandu(ctx, row.id, p.id, p.scope, null)
  syncTrainings(ctx, row.id, p.scope, d.trainings.map((t) => ({ ...t, id: undefined })))
  return row.id
}

export function deleteKader(ctx: Ctx, id: string): Kader {
  const row = requireRow(ctx.sqlite, 'kader', id)
  requireInArea(ctx, row.scope, msg('registry.what.kader', { name: String(row.name) }))
  return kaderFromRow(ctx, deleteRow(ctx, 'kader', id))
}

/**
 * A change to many kader at once (list selection): all or nothing, in one transaction. Every
 * kader must be in this office's area and not deleted; a move stays inside the kader's own
 * kecamatan (a row's scope never changes). Rows already in the wanted state are left alone.
 */
export function bulkKader(
  ctx: Ctx,
  req: { action: 'move'; ids: string[]; posyanduId: string } | { action: 'deactivate'; ids: string[]; date: string },
): { changed: number; unchanged: number } {
  const target = req.action === 'move' ? requirePosyanduForKader(ctx, req.posyanduId) : null
  return ctx.sqlite.transaction(() => {
    let changed = 0
    for (const id of new Set(req.ids)) {
      const row = requireRow(ctx.sqlite, 'kader', id)
      requireInArea(ctx, row.scope, msg('registry.what.kader', { name: String(row.name) }))
      if (row.deleted_at) throw new AppError('DELETED', msg('refusal.kaderDeletedPick', { name: String(row.name) }))
      if (target) {
        if (target.scope !== row.scope) {
          throw new AppError('OTHER_KECAMATAN', msg('refusal.kaderOtherKecamatan', { name: String(row.name) }))
        }
        const before = ctx.sqlite.prepare(`SELECT COUNT(*) AS n FROM kader_posyandu WHERE kader_id = ? AND posyandu_id = ? AND deleted_at IS NULL AND to_date IS NULL`).get(id, target.id) as { n: number }
        if (before.n > 0) continue
        moveToPosyandu(ctx, id, target.id, row.scope, null)
        changed++
      } else if (req.action === 'deactivate') {
        if (row.active_to && String(row.active_to) <= req.date) continue
        if (row.active_from && req.date < String(row.active_from)) {
          throw new AppError('DATE_ORDER', msg('refusal.kaderDateOrder', { name: String(row.name), from: String(row.active_from) }))
        }
        updateRow(ctx, 'kader', id, { active_to: req.date })
        changed++
      }
    }
    return { changed, unchanged: new Set(req.ids).size - changed }
  })()
}
