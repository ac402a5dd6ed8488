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

// Read as raw rows and written out once (a kabupaten's 1,200 posyandu are listed for every strata
// computation: one object per posyandu instead of better-sqlite3's row object and a copy of it).
type RawPosyandu = [string, string, string, string, string, string, number | null, number]
const fromRaw = (r: RawPosyandu): PosyanduRef => ({ id: r[0], name: r[1], desaCode: r[2], desaName: r[3], kecamatanCode: r[4], kecamatanName: r[5], pilot: !!r[6], kader: r[7] })

export function listPosyandu(sqlite: Database.Database, area: string): PosyanduRef[] {
  const inArea = withinSql('p.desa_code', area)
  const rows = sqlite.prepare(`${SELECT} AND ${inArea.sql} ORDER BY kecamatanName, desaName, p.name`).raw(true).all(...inArea.args) as RawPosyandu[]
  const out: PosyanduRef[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) out[i] = fromRaw(rows[i])
  return out
}

export function getPosyandu(sqlite: Database.Database, id: string): PosyanduRef {
  const r = sqlite.prepare(`${SELECT} AND p.id = ?`).raw(true).get(id) as RawPosyandu | undefined
  if (!r) throw new AppError('NOT_FOUND', msg('notFound.posyandu'))
  return fromRaw(r)
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
