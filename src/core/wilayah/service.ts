import type Database from 'better-sqlite3'
import type { Wilayah } from '../../shared/contract/app'
import { NATIONAL_CODE } from '../../shared/area'

const COLS = `code, name, level, parent_code AS parentCode`

export function wilayahChildren(sqlite: Database.Database, parentCode: string | null): Wilayah[] {
  return parentCode === null
    ? (sqlite.prepare(`SELECT ${COLS} FROM wilayah WHERE parent_code IS NULL AND level <> 'nasional' ORDER BY code`).all() as Wilayah[])
    : parentCode === NATIONAL_CODE
      ? wilayahChildren(sqlite, null)
    : (sqlite.prepare(`SELECT ${COLS} FROM wilayah WHERE parent_code = ? ORDER BY code`).all(parentCode) as Wilayah[])
}

export function wilayahGet(sqlite: Database.Database, code: string): Wilayah | null {
  return (sqlite.prepare(`SELECT ${COLS} FROM wilayah WHERE code = ?`).get(code) as Wilayah | undefined) ?? null
}

/** The chain from provinsi down to the given code. */
export function wilayahPath(sqlite: Database.Database, code: string): Wilayah[] {
  const out: Wilayah[] = []
  for (let c: string | null = code; c; ) {
    const w = wilayahGet(sqlite, c)
    if (!w) break
    out.unshift(w)
    c = w.parentCode
  }
  return out
}

export function wilayahSearch(sqlite: Database.Database, text: string, within: string | undefined, limit: number): Wilayah[] {
  const like = `%${text.replace(/[%_]/g, '')}%`
  return sqlite
    .prepare(
      `SELECT ${COLS} FROM wilayah WHERE name LIKE ? AND (? IS NULL OR code LIKE ? || '.%') ORDER BY length(code), name LIMIT ?`,
    )
    .all(like, within === NATIONAL_CODE ? null : (within ?? null), within ?? null, limit) as Wilayah[]
}

/** Whether `code` lies inside (or is) `area`, by the dotted Kemendagri prefix (the root `ID` contains every code). */
export { isWithin } from '../../shared/area'
