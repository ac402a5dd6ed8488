import { readFileSync, writeFileSync } from 'node:fs'
import { AppError } from '../../src/shared/result'
import { encodeHead } from '../../src/core/exchange/format'
import { loadKeys, signBytes } from '../../src/core/exchange/keys'
import type { Ctx } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { exportBundle } from '../../src/core/exchange/export'
import { importBundle, type ImportOptions } from '../../src/core/exchange/import'
import { enrolOffice, makeCard, readCard } from '../../src/core/exchange/peers'
import { travellingTables } from '../../src/core/exchange/tables'
import { makeCtx, tempDir } from './db'

/** Two offices enrol each other by swapping cards and checking fingerprints. */
/**
 * The warehouse tests' offices: a warehouse-only province office of Kepulauan Riau (its SQLite
 * holds no rows: PostgreSQL decides) with Batam and Tanjung Pinang enrolled to send to it.
 */
export function kepriOffices() {
  const wh = makeCtx({ office: '21' })
  const batam = makeCtx({ office: '21.71' })
  const pinang = makeCtx({ office: '21.72' })
  enrolPair(wh, batam)
  enrolPair(wh, pinang)
  return { wh, batam, pinang }
}

export function enrolPair(a: Ctx, b: Ctx): void {
  const cardA = JSON.stringify(makeCard(a))
  const cardB = JSON.stringify(makeCard(b))
  enrolOffice(b, cardA, readCard(cardA).fingerprint)
  enrolOffice(a, cardB, readCard(cardB).fingerprint)
}

/** A kabupaten (12.18) and its kecamatan offices, all enrolled with the kabupaten. */
export function makeOffices(kecamatan: string[] = ['12.18.04']): { kab: Ctx; kec: Ctx[]; outDir: string } {
  const kab = makeCtx({ office: '12.18' })
  const kec = kecamatan.map((code) => makeCtx({ office: code }))
  for (const k of kec) enrolPair(kab, k)
  return { kab, kec, outDir: tempDir('simpul-bundles-') }
}

export const code = (ctx: Ctx) => ctx.requireOffice().wilayahCode

export function send(from: Ctx, to: Ctx, outDir: string): string {
  return exportBundle(from, code(to), { outDir }).file
}

export const receive = (to: Ctx, file: string, opts: ImportOptions = {}) => importBundle(to, file, opts)

let desaSeq = 0
/** A posyandu in the office's scope (or the given one), through insertRow. */
export function addPosyandu(ctx: Ctx, name: string, scope?: string) {
  // A posyandu belongs to a kecamatan: a kabupaten office adds one in its kecamatan 04.
  const own = code(ctx)
  const s = scope ?? (own.split('.').length === 2 ? `${own}.04` : own)
  return insertRow(ctx, 'posyandu', { name, desa_code: `${s}.${String(2001 + (desaSeq++ % 500))}` }, { scope: s })
}

let regulationSeq = 0
/** Kabupaten master data (a Perbup), through insertRow. */
export function addRegulation(ctx: Ctx, title: string) {
  return insertRow(ctx, 'regulation', { kind: 'perbup', number: String(100 + regulationSeq++), year: 2026, title, status: 'berlaku' })
}

/** Every travelling row with the given scopes, table by table, in id order (for equality checks). */
export function snapshot(ctx: Ctx, scopes?: string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const t of travellingTables(ctx.sqlite).values()) {
    const rows = ctx.sqlite.prepare(`SELECT * FROM "${t.name}" ORDER BY id`).all() as { scope: string }[]
    out[t.name] = scopes ? rows.filter((r) => scopes.includes(r.scope)) : rows
  }
  return out
}

/** Everything an import may write: travelling rows, peers, history, conflicts, audit, the clock. */
export function dbState(ctx: Ctx): string {
  const extra = ['peer_office', 'bundle_log', 'exchange_conflict', 'audit_log', 'meta'].map((t) => ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())
  return JSON.stringify([snapshot(ctx), extra])
}

export const bytes = (file: string) => readFileSync(file)

/** Rewrites a bundle's manifest and signs it again with the sender's real key (a "modified Simpul"). */
export function resignedCopy(file: string, signerDataDir: string, mutate: (m: Record<string, unknown>) => void): string {
  const buf = readFileSync(file)
  const len = buf.readUInt32BE(8)
  const manifest = JSON.parse(buf.subarray(12, 12 + len).toString('utf8')) as Record<string, unknown>
  mutate(manifest)
  const head = encodeHead(Buffer.from(JSON.stringify(manifest)))
  const out = `${file}.resigned.simpul`
  writeFileSync(out, Buffer.concat([head, signBytes(loadKeys(signerDataDir).signPrivate, head), buf.subarray(12 + len + 64)]))
  return out
}

/** The AppError a promise rejects with (fails the test when it resolves). */
export async function refusal(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p)
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a refusal, got success')
}
