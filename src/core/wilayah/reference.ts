import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type Database from 'better-sqlite3'
import type { Wilayah } from '../../shared/contract/app'
import { NATIONAL_CODE } from '../../shared/area'

/** The name of the reserved root area. */
export const NATIONAL_NAME = 'Indonesia'

/**
 * The Kemendagri codes shipped with the app, from the idn-area-data package
 * (data licensed ODbL 1.0; attribution in README and the About screen).
 */
function packageDir(): { dir: string; version: string } {
  const require = createRequire(import.meta.url)
  const pkgFile = require.resolve('idn-area-data/package.json')
  const version = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string }).version
  return { dir: join(dirname(pkgFile), 'data'), version }
}

/** Minimal RFC 4180 reader: these files quote names that contain commas or quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field), rows.push(row), (row = []), (field = '')
    } else field += c
  }
  if (field !== '' || row.length) row.push(field), rows.push(row)
  return rows.filter((r) => r.length > 1 || r[0] !== '')
}

export function referenceVersion(): string {
  return `idn-area-data ${packageDir().version}`
}

export function readReference(): Wilayah[] {
  const { dir } = packageDir()
  const out: Wilayah[] = []
  const files: [string, Wilayah['level'], boolean][] = [
    ['provinces.csv', 'provinsi', false],
    ['regencies.csv', 'kabupaten', true],
    ['districts.csv', 'kecamatan', true],
    ['villages.csv', 'desa', true],
  ]
  for (const [file, level, hasParent] of files) {
    const [, ...rows] = parseCsv(readFileSync(join(dir, file), 'utf8'))
    for (const r of rows) {
      out.push(hasParent ? { code: r[0], parentCode: r[1], name: r[2], level } : { code: r[0], parentCode: null, name: r[1], level })
    }
  }
  return out
}

/** Loads the reference into an empty wilayah table (or a newer reference version over an older). */
export function ensureWilayah(sqlite: Database.Database): { loaded: number; version: string } {
  // The reserved root (src/shared/area.ts), not in the Kemendagri files: the national office's area.
  sqlite.prepare(`INSERT INTO wilayah(code, name, level, parent_code) VALUES (?, ?, 'nasional', NULL) ON CONFLICT(code) DO NOTHING`).run(NATIONAL_CODE, NATIONAL_NAME)
  const version = referenceVersion()
  const current = sqlite.prepare(`SELECT value FROM meta WHERE key = 'wilayah_version'`).get() as { value: string } | undefined
  if (current?.value === version) return { loaded: 0, version }
  const rows = readReference()
  // Codes that disappear from a newer reference stay resolvable: upsert, never delete.
  const upsert = sqlite.prepare(
    `INSERT INTO wilayah(code, name, level, parent_code) VALUES (@code, @name, @level, @parentCode)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code`,
  )
  sqlite.transaction(() => {
    for (const r of rows) upsert.run(r)
    sqlite
      .prepare(`INSERT INTO meta(key, value) VALUES ('wilayah_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(version)
  })()
  return { loaded: rows.length, version }
}
