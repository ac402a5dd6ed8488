import type Database from 'better-sqlite3'
import type { Office, OfficeLevel } from '../../shared/contract/app'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { newId } from '../sync/ids'
import { NATIONAL_CODE } from '../../shared/area'
import { wilayahGet, wilayahPath } from '../wilayah/service'
import { msg } from '../../shared/messages'

/** Just this office's wilayah code (one query): what row scopes and the audit log need. */
export function readOfficeCode(sqlite: Database.Database): string | null {
  return (sqlite.prepare('SELECT wilayah_code AS code FROM office WHERE is_self = 1').get() as { code: string } | undefined)?.code ?? null
}

export function readOffice(sqlite: Database.Database): Office | null {
  const row = sqlite
    .prepare(
      `SELECT id, wilayah_code AS wilayahCode, name, level, device_id AS deviceId, created_at AS createdAt FROM office WHERE is_self = 1`,
    )
    .get() as Omit<Office, 'provinsi' | 'kabupaten' | 'kecamatan'> | undefined
  if (!row) return null
  const path = wilayahPath(sqlite, row.wilayahCode)
  const name = (level: string) => path.find((w) => w.level === level)?.name ?? null
  return { ...row, provinsi: name('provinsi') ?? '', kabupaten: name('kabupaten') ?? '', kecamatan: name('kecamatan') }
}

export interface SetupInput {
  wilayahCode: string
  level: OfficeLevel
  name: string
  /** Ignored: people are users now (app_user); kept so older callers still compile. */
  operatorName?: string
}

/** First-run setup: this install becomes one kecamatan, kabupaten/kota, provinsi or nasional (`ID`) office, once. */
export function setupOffice(ctx: Ctx, input: SetupInput): Office {
  if (readOffice(ctx.sqlite)) throw new AppError('OFFICE_EXISTS', msg('office.exists'))
  const w = wilayahGet(ctx.sqlite, input.wilayahCode)
  if (!w) throw new AppError('WILAYAH_UNKNOWN', msg('bundle.wilayahUnknown', { code: input.wilayahCode }))
  if (w.level !== input.level) {
    throw new AppError(
      'WILAYAH_LEVEL',
      msg(`office.notLevel.${input.level}`, { name: w.name, code: NATIONAL_CODE }),
    )
  }
  ctx.sqlite
    .prepare(`INSERT INTO office(id, wilayah_code, name, level, device_id, created_at, is_self) VALUES (?, ?, ?, ?, ?, ?, 1)`)
    .run(newId(), input.wilayahCode, input.name, input.level, ctx.deviceId, ctx.clock.now().toISOString())
  return readOffice(ctx.sqlite)!
}
