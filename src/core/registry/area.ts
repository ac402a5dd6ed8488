import type Database from 'better-sqlite3'
import { AppError } from '../../shared/result'
import { type Msg, msg } from '../../shared/messages'
import { isoDate } from '../clock'
import type { Ctx } from '../context'
import { isWithin, wilayahGet } from '../wilayah/service'

/**
 * What this office may see and change: a kecamatan office its own kecamatan, a kabupaten
 * office all of its kecamatan. Rows about a posyandu carry its kecamatan code as scope.
 */
export function officeArea(ctx: Ctx): string {
  return ctx.officeCode()
}

/** SQL condition on a scope column that can use its index: equal, or a dotted child. */
export const scopeSql = (column: string, param = '@area') =>
  `(${column} = ${param} OR (${column} > ${param} || '.' AND ${column} < ${param} || '/'))`

export function requireInArea(ctx: Ctx, code: string, what: Msg): void {
  const area = officeArea(ctx)
  if (!isWithin(code, area)) {
    throw new AppError('OUT_OF_AREA', msg('registry.outOfArea', { what, area }))
  }
}

/** Checks a desa code against the reference and the office area; returns its kecamatan code. */
export function desaKecamatan(ctx: Ctx, desaCode: string): string {
  const w = wilayahGet(ctx.sqlite, desaCode)
  if (!w || w.level !== 'desa') throw new AppError('DESA_UNKNOWN', msg('registry.desaUnknown', { code: desaCode }))
  requireInArea(ctx, desaCode, msg('registry.what.desa', { name: w.name }))
  return w.parentCode!
}

export function placesInArea(sqlite: Database.Database, area: string) {
  const depth = area.split('.').length
  const kecamatan =
    depth >= 3
      ? (sqlite.prepare(`SELECT code, name FROM wilayah WHERE code = ?`).all(area.split('.').slice(0, 3).join('.')) as { code: string; name: string }[])
      : (sqlite.prepare(`SELECT code, name FROM wilayah WHERE parent_code = ? ORDER BY name`).all(area) as { code: string; name: string }[])
  const desa = sqlite
    .prepare(
      `SELECT code, name, parent_code AS kecamatanCode FROM wilayah WHERE level = 'desa' AND parent_code IN (${kecamatan.map(() => '?').join(',') || 'NULL'}) ORDER BY name`,
    )
    .all(...kecamatan.map((k) => k.code)) as { code: string; name: string; kecamatanCode: string }[]
  return { kecamatan, desa }
}

/**
 * Builds an FTS5 prefix query from what a person typed: every word must match as a prefix.
 * With `area`, the office area as an index term too: the `area` column holds each row's scope
 * as one token ("a121804", drizzle/0021_search_area.sql), so an area is a prefix of it
 * ("a1218"*). Only a narrowing: the caller's scope condition decides which rows are in the area.
 */
export function ftsQuery(text: string | undefined, area?: string): string | null {
  const all = (text ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  // Words that every posyandu/desa carries match millions of rows and narrow nothing.
  const words = all.filter((w) => !NOISE.has(w))
  const use = words.length ? words : all
  if (!use.length) return null
  const scope = area ? `area:"a${area.replaceAll('.', '')}"* ` : ''
  return `${scope}${use.map((w) => `-{area}:"${w}"*`).join(' ')}`
}

/**
 * Whether `table` holds a row outside `area` (three probes of its scope index). An office's
 * search narrows by area in the index only then: most offices hold nothing else, and there the
 * area term would only add the doclist of every row to each search.
 */
export function holdsOutside(sqlite: Database.Database, table: 'kader' | 'posyandu', area: string): boolean {
  // In the area: scope = area, or area + '.' < scope < area + '/' (scopeSql); every other scope is outside.
  return !!sqlite
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM "${table}" WHERE scope < @area) OR EXISTS (SELECT 1 FROM "${table}" WHERE scope > @area AND scope <= @area || '.') OR EXISTS (SELECT 1 FROM "${table}" WHERE scope >= @area || '/') AS outside`,
    )
    .pluck()
    .get({ area })
}

const NOISE = new Set(['posyandu', 'desa', 'kelurahan', 'kel', 'ds', 'kec', 'kecamatan'])

export const todayOf = (ctx: Ctx) => isoDate(ctx.clock.now())
