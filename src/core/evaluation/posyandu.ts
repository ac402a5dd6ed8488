import type Database from 'better-sqlite3'
import type { PosyanduRef } from '../../shared/contract/evaluation'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { isWithin, wilayahGet } from '../wilayah/service'
import { withinSql } from '../db/area'

/** Posyandu with their desa and kecamatan names and live kader count, inside an area (by code prefix). */
const SELECT = `
  SELECT p.id, p.name, p.desa_code AS desaCode, coalesce(wd.name, p.desa_code) AS desaName,
         substr(p.desa_code, 1, 8) AS kecamatanCode, coalesce(wk.name, substr(p.desa_code, 1, 8)) AS kecamatanName,
         (p.is_phi_model OR p.is_ilp OR p.is_spm_pilot) AS pilot,
         (SELECT count(DISTINCT kp.kader_id) FROM kader_posyandu kp WHERE kp.posyandu_id = p.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL) AS kader
  FROM posyandu p
  LEFT JOIN wilayah wd ON wd.code = p.desa_code
  LEFT JOIN wilayah wk ON wk.code = substr(p.desa_code, 1, 8)
  WHERE p.deleted_at IS NULL`

// Written out, not spread (a kabupaten's 1,200 posyandu are listed for every strata computation).
const fix = (r: PosyanduRef): PosyanduRef => ({ id: r.id, name: r.name, desaCode: r.desaCode, desaName: r.desaName, kecamatanCode: r.kecamatanCode, kecamatanName: r.kecamatanName, pilot: !!r.pilot, kader: r.kader })

export function listPosyandu(sqlite: Database.Database, area: string): PosyanduRef[] {
  const inArea = withinSql('p.desa_code', area)
  return (sqlite.prepare(`${SELECT} AND ${inArea.sql} ORDER BY kecamatanName, desaName, p.name`).all(...inArea.args) as PosyanduRef[]).map(fix)
}

export function getPosyandu(sqlite: Database.Database, id: string): PosyanduRef {
  const r = sqlite.prepare(`${SELECT} AND p.id = ?`).get(id) as PosyanduRef | undefined
  if (!r) throw new AppError('NOT_FOUND', msg('notFound.posyandu'))
  return fix(r)
}

/** The area a request may look at: the office's own area or a part of it. */
export function resolveArea(ctx: Ctx, area: string | undefined): { code: string; name: string } {
  const office = ctx.requireOffice()
  const code = area ?? office.wilayahCode
  if (!isWithin(code, office.wilayahCode)) {
    throw new AppError('AREA_OUTSIDE', msg('evaluation.areaOutside', { code, office: office.wilayahCode }))
  }
  const w = wilayahGet(ctx.sqlite, code)
  if (!w) throw new AppError('WILAYAH_UNKNOWN', msg('bundle.wilayahUnknown', { code }))
  return { code, name: w.name }
}
