import type { Page, Posyandu, PosyanduDetail, PosyanduFilter, PosyanduInput, PosyanduRow } from '../../shared/contract/registry'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { deleteRow, insertRow, requireRow, updateRow, type Row } from '../db/rows'
import { desaKecamatan, ftsQuery, holdsOutside, officeArea, requireInArea, scopeSql } from './area'
import { kaderRows, membershipsOf } from './kader'
import { msg } from '../../shared/messages'

const bool = (v: unknown) => v === 1 || v === true

/** Drizzle-style names → columns of the posyandu table. */
function toColumns(d: PosyanduInput): Record<string, unknown> {
  return {
    name: d.name,
    desa_code: d.desaCode,
    address: d.address,
    rt: d.rt,
    rw: d.rw,
    latitude: d.latitude,
    longitude: d.longitude,
    year_founded: d.yearFounded,
    kemendagri_number: d.kemendagriNumber,
    is_phi_model: d.isPhiModel ? 1 : 0,
    phi_decree: d.isPhiModel ? d.phiDecree : null,
    is_ilp: d.isIlp ? 1 : 0,
    is_spm_pilot: d.isSpmPilot ? 1 : 0,
    status: d.status,
    status_date: d.status === 'nonaktif' ? d.statusDate : null,
    status_reason: d.status === 'nonaktif' ? d.statusReason : null,
  }
}

export function posyanduFromRow(ctx: Ctx, r: Row): Posyandu {
  const names = ctx.sqlite
    .prepare(`SELECT d.name AS desa, c.name AS kec FROM wilayah d LEFT JOIN wilayah c ON c.code = d.parent_code WHERE d.code = ?`)
    .get(r.desa_code) as { desa: string; kec: string } | undefined
  return {
    id: r.id,
    scope: r.scope,
    rev: r.rev,
    deletedAt: r.deleted_at,
    name: r.name as string,
    desaCode: r.desa_code as string,
    desaName: names?.desa ?? null,
    kecamatanName: names?.kec ?? null,
    address: (r.address as string) ?? null,
    rt: (r.rt as string) ?? null,
    rw: (r.rw as string) ?? null,
    latitude: (r.latitude as number) ?? null,
    longitude: (r.longitude as number) ?? null,
    yearFounded: (r.year_founded as number) ?? null,
    kemendagriNumber: (r.kemendagri_number as string) ?? null,
    isPhiModel: bool(r.is_phi_model),
    phiDecree: (r.phi_decree as string) ?? null,
    isIlp: bool(r.is_ilp),
    isSpmPilot: bool(r.is_spm_pilot),
    status: r.status as 'aktif' | 'nonaktif',
    statusDate: (r.status_date as string) ?? null,
    statusReason: (r.status_reason as string) ?? null,
  }
}

/** Unique name per desa among live rows (case-insensitive), with a clear message. */
function checkUniqueName(ctx: Ctx, d: PosyanduInput, exceptId?: string): void {
  const clash = ctx.sqlite
    .prepare(`SELECT id FROM posyandu WHERE desa_code = ? AND lower(name) = lower(?) AND deleted_at IS NULL AND id IS NOT ?`)
    .get(d.desaCode, d.name, exceptId ?? null)
  if (clash) throw new AppError('POSYANDU_NAME_TAKEN', msg('refusal.posyanduNameTaken', { name: d.name }), { path: ['name'] })
}

function checkYear(ctx: Ctx, d: PosyanduInput): void {
  if (d.yearFounded && d.yearFounded > ctx.clock.now().getFullYear()) {
    throw new AppError('INVALID_INPUT', msg('registry.yearFuture'), [{ path: ['yearFounded'], message: 'Tahun berdiri tidak boleh di masa depan', msg: msg('field.yearFuture') }])
  }
}

export function savePosyandu(ctx: Ctx, id: string | undefined, d: PosyanduInput): Posyandu {
  const kecamatan = desaKecamatan(ctx, d.desaCode)
  checkYear(ctx, d)
  return ctx.sqlite.transaction(() => {
    checkUniqueName(ctx, d, id)
    if (!id) return posyanduFromRow(ctx, insertRow(ctx, 'posyandu', toColumns(d), { scope: kecamatan }))
    const before = requireRow(ctx.sqlite, 'posyandu', id)
    requireInArea(ctx, before.scope, msg('registry.what.posyandu', { name: String(before.name) }))
    if (before.deleted_at) throw new AppError('DELETED', msg('refusal.posyanduDeleted'))
    return posyanduFromRow(ctx, updateRow(ctx, 'posyandu', id, { ...toColumns(d), scope: kecamatan }))
  })()
}

export function deletePosyandu(ctx: Ctx, id: string): Posyandu {
  const row = requireRow(ctx.sqlite, 'posyandu', id)
  requireInArea(ctx, row.scope, msg('registry.what.posyandu', { name: String(row.name) }))
  const { n } = ctx.sqlite
    .prepare(
      `SELECT count(*) AS n FROM kader_posyandu kp JOIN kader k ON k.id = kp.kader_id
       WHERE kp.posyandu_id = ? AND kp.deleted_at IS NULL AND kp.to_date IS NULL AND k.deleted_at IS NULL`,
    )
    .get(id) as { n: number }
  if (n > 0) {
    throw new AppError('POSYANDU_HAS_KADER', msg('refusal.posyanduHasKader', { name: String(row.name), n }))
  }
  return posyanduFromRow(ctx, deleteRow(ctx, 'posyandu', id))
}

/**
 * One change to many posyandu at once (the list's selection), all or nothing: a posyandu that
 * cannot take it (deleted, outside this office, a desa of another kecamatan, a name already
 * used in the target desa) refuses the whole selection, naming it. Rows already in the asked
 * state are left alone and counted as unchanged.
 */
export function bulkPosyandu(
  ctx: Ctx,
  req: { action: 'deactivate'; ids: string[]; date: string; reason: string } | { action: 'moveDesa'; ids: string[]; desaCode: string },
): { changed: number; unchanged: number } {
  const targetKecamatan = req.action === 'moveDesa' ? desaKecamatan(ctx, req.desaCode) : null
  const ids = [...new Set(req.ids)]
  if (req.action === 'deactivate' && req.date > ctx.clock.now().toISOString().slice(0, 10)) {
    throw new AppError('DATE_FUTURE', msg('refusal.inactiveFuture', { date: req.date }))
  }
  return ctx.sqlite.transaction(() => {
    let changed = 0
    for (const id of ids) {
      const row = requireRow(ctx.sqlite, 'posyandu', id)
      requireInArea(ctx, row.scope, msg('registry.what.posyandu', { name: String(row.name) }))
      if (row.deleted_at) throw new AppError('DELETED', msg('refusal.posyanduDeletedPick', { name: String(row.name) }))
      if (req.action === 'deactivate') {
        if (row.status === 'nonaktif') continue
        updateRow(ctx, 'posyandu', id, { status: 'nonaktif', status_date: req.date, status_reason: req.reason })
      } else {
        if (row.desa_code === req.desaCode) continue
        // A row's scope never changes: a posyandu moves only within its own kecamatan.
        if (targetKecamatan !== row.scope) {
          throw new AppError('OTHER_KECAMATAN', msg('refusal.posyanduOtherKecamatan', { name: String(row.name) }))
        }
        checkUniqueName(ctx, { name: row.name as string, desaCode: req.desaCode } as PosyanduInput, id)
        updateRow(ctx, 'posyandu', id, { desa_code: req.desaCode })
      }
      changed++
    }
    return { changed, unchanged: ids.length - changed }
  })()
}

const POSYANDU_SORT: Record<PosyanduFilter['sortBy'], string> = {
  name: 'p.name COLLATE NOCASE',
  desaName: 'd.name COLLATE NOCASE',
  kecamatanName: 'c.name COLLATE NOCASE',
  status: 'p.status',
  kaderCount: 'kaderCount',
  yearFounded: 'p.year_founded',
}

const KADER_COUNT = `(SELECT count(*) FROM kader_posyandu kp JOIN kader k ON k.id = kp.kader_id
  WHERE kp.posyandu_id = p.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL AND k.deleted_at IS NULL)`

export function posyanduWhere(ctx: Ctx, f: Partial<PosyanduFilter>): { where: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { area: officeArea(ctx) }
  const where = [scopeSql('p.scope'), f.deleted ? 'p.deleted_at IS NOT NULL' : 'p.deleted_at IS NULL']
  if (f.kecamatan) (where.push('p.scope = @kecamatan'), (params.kecamatan = f.kecamatan))
  if (f.desa) (where.push('p.desa_code = @desa'), (params.desa = f.desa))
  if (f.status) (where.push('p.status = @status'), (params.status = f.status))
  if (f.ids?.length) (where.push(`p.id IN (SELECT value FROM json_each(@ids))`), (params.ids = JSON.stringify(f.ids)))
  if (f.model) where.push({ phi: 'p.is_phi_model = 1', ilp: 'p.is_ilp = 1', spm: 'p.is_spm_pilot = 1' }[f.model])
  const q = ftsQuery(f.search, holdsOutside(ctx.sqlite, 'posyandu', params.area as string) ? (params.area as string) : undefined)
  if (q) {
    where.push(`p.id IN (SELECT s.row_id FROM posyandu_fts JOIN search_key s ON s.n = posyandu_fts.rowid WHERE posyandu_fts MATCH @q)`)
    params.q = q
  }
  return { where: where.join(' AND '), params }
}

export function listPosyandu(ctx: Ctx, f: PosyanduFilter): Page<PosyanduRow> {
  const { where, params } = posyanduWhere(ctx, f)
  const from = `FROM posyandu p LEFT JOIN wilayah d ON d.code = p.desa_code LEFT JOIN wilayah c ON c.code = p.scope WHERE ${where}`
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM posyandu p WHERE ${where}`).get(params) as { n: number }).n
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.desa_code AS desaCode, d.name AS desaName, p.scope AS kecamatanCode, c.name AS kecamatanName, p.status,
        p.is_phi_model AS isPhiModel, p.is_ilp AS isIlp, p.is_spm_pilot AS isSpmPilot, p.year_founded AS yearFounded,
        ${KADER_COUNT} AS kaderCount, p.deleted_at AS deletedAt
       ${from} ORDER BY ${POSYANDU_SORT[f.sortBy]} ${f.sortDir === 'desc' ? 'DESC' : 'ASC'}, p.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }) as PosyanduRow[]
  for (const r of rows) (r.isPhiModel = bool(r.isPhiModel)), (r.isIlp = bool(r.isIlp)), (r.isSpmPilot = bool(r.isSpmPilot))
  return { rows, total }
}

export function getPosyandu(ctx: Ctx, id: string): PosyanduDetail {
  const row = requireRow(ctx.sqlite, 'posyandu', id)
  requireInArea(ctx, row.scope, msg('registry.what.posyandu', { name: String(row.name) }))
  return {
    posyandu: posyanduFromRow(ctx, row),
    kader: kaderRows(ctx, { posyanduId: id }, 'k.name COLLATE NOCASE', 10_000, 0),
    memberships: membershipsOf(ctx, { posyanduId: id }),
  }
}
