import { strToU8, zipSync } from 'fflate'
import type { Ctx } from '../context'
import { APP_VERSION } from '../context'
import { integrityCheck } from '../db/open'
import { fileStamp } from '../clock'
import { readLogs } from '../log'

/**
 * "Kirim diagnostik": logs, versions, table sizes and the integrity check, zipped, for a
 * helpdesk. It carries no row of data, so no NIK, name or bank account leaves the office.
 */
export function diagnosticsZip(ctx: Ctx): { fileName: string; dataBase64: string } {
  const tables = ctx.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]
  const counts = Object.fromEntries(tables.map((t) => [t.name, (ctx.sqlite.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]))
  const office = ctx.office()
  const info = {
    app: APP_VERSION,
    schemaVersion: ctx.schemaVersion,
    host: ctx.host,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    sqlite: (ctx.sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
    platform: `${process.platform} ${process.arch}`,
    office: office ? { wilayahCode: office.wilayahCode, level: office.level } : null,
    integrity: integrityCheck(ctx.sqlite),
    // Whether the data is encrypted at rest (never the key, nor the keyring's wraps).
    encryption: ctx.dbKey ? 'sqlcipher-4' : 'tidak (belum dienkripsi)',
    rowCounts: counts,
    createdAt: ctx.clock.now().toISOString(),
  }
  const files: Record<string, Uint8Array> = { 'info.json': strToU8(JSON.stringify(info, null, 2)) }
  for (const l of readLogs(ctx.log.dir)) files[`logs/${l.name}`] = strToU8(l.text)
  const zip = zipSync(files, { level: 9 })
  return { fileName: `simpul-diagnostik-${office?.wilayahCode ?? 'baru'}-${fileStamp(ctx.clock.now())}.zip`, dataBase64: Buffer.from(zip).toString('base64') }
}
