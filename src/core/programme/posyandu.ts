import type { PosyanduOption } from '../../shared/contract/programme'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { withinSql } from '../db/area'
import { msg } from '../../shared/messages'

const SELECT = `SELECT p.id, p.name, p.desa_code AS desaCode, coalesce(d.name, p.desa_code) AS desaName,
    coalesce(d.parent_code, '') AS kecamatanCode, coalesce(k.name, '') AS kecamatanName, p.scope AS scope
  FROM posyandu p LEFT JOIN wilayah d ON d.code = p.desa_code LEFT JOIN wilayah k ON k.code = d.parent_code`

/** Live posyandu of this office's area, with desa and kecamatan names, for pickers. */
export function posyanduOptions(ctx: Ctx): PosyanduOption[] {
  const inArea = withinSql('p.desa_code', ctx.officeCode())
  return (
    ctx.sqlite
      .prepare(`${SELECT} WHERE p.deleted_at IS NULL AND ${inArea.sql} ORDER BY kecamatanName, desaName, p.name`)
      .all(...inArea.args) as (PosyanduOption & { scope: string })[]
  ).map(({ scope: _s, ...o }) => o)
}

export function posyanduByIds(ctx: Ctx, ids: string[]): PosyanduOption[] {
  if (!ids.length) return []
  const rows = ctx.sqlite.prepare(`${SELECT} WHERE p.id IN (${ids.map(() => '?').join(',')}) ORDER BY kecamatanName, desaName, p.name`).all(...ids) as (PosyanduOption & { scope: string })[]
  return rows.map(({ scope: _s, ...o }) => o)
}

/** A live posyandu, with the scope its rows belong to (its kecamatan's). */
export function requirePosyandu(ctx: Ctx, id: string): { id: string; name: string; scope: string } {
  const p = ctx.sqlite.prepare(`SELECT id, name, scope FROM posyandu WHERE id = ? AND deleted_at IS NULL`).get(id) as { id: string; name: string; scope: string } | undefined
  if (!p) throw new AppError('POSYANDU_UNKNOWN', msg('programme.posyanduUnknown'))
  return p
}
