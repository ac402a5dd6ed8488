import pg from 'pg'
import type { CallOptions, OpClient } from '../core/worker/client'
import type { Caller } from '../core/handlers'
import { contract, isOpName, opNames, type OpName } from '../shared/contract'
import type { Office, Wilayah } from '../shared/contract/app'
import type { UserInfo } from '../shared/contract/people'
import { allowed, isPublicOp, opRoles, ROLE_LABEL, rolesFor } from '../shared/contract/roles'
import { AppError, fail, ok, type Result } from '../shared/result'
import { summaryFromWarehouse, type LocalInputs } from './index'
import { DEFAULT_STALE_DAYS } from '../core/province/summary'
import type { PeerOffice } from '../shared/contract/exchange'
import { redact } from './schema'
import { isBelow, levelOfCode } from '../shared/area'
import { systemClock, type Clock } from '../core/clock'

/**
 * `simpul warehouse serve`: the headless host in front of a warehouse. The host, the login
 * and the roles are the ordinary ones — the warehouse office's own database (people,
 * office, wilayah reference) answers through the usual database worker — but:
 *
 * - the dashboard operations (WAREHOUSE_OPS) are answered by SQL on PostgreSQL, from the
 *   summary tables every load keeps current, with the same output types as the desktop;
 * - every operation that would change data is refused with a message saying why: a
 *   warehouse only ever changes through `simpul warehouse load`;
 * - the other reads (office card, settings, forms, …) come from the office database as usual.
 */

/** Operations the warehouse answers from PostgreSQL. */
type WarehouseOp = (input: never, env: { pool: pg.Pool; office: Office; nameOf: (code: string) => string; local: () => Promise<LocalInputs> }) => Promise<unknown>
export const WAREHOUSE_OPS: Partial<Record<OpName, WarehouseOp>> = {
  'province.summary': async (input: { year: number; province?: string }, { pool, office, nameOf, local }) => {
    // At the national office, one province per kabupaten/kota (as provinceSummary with `province`).
    if (input.province !== undefined) {
      if (!isBelow(input.province, office.wilayahCode) || levelOfCode(input.province) !== 'provinsi') {
        throw new AppError('AREA_OUTSIDE', `Provinsi ${input.province} di luar wilayah kantor ini; rincian per provinsi hanya di kantor nasional.`)
      }
      return summaryFromWarehouse(pool, input.year, { code: input.province, name: nameOf(input.province) }, nameOf, { ...(await local()), peers: [] })
    }
    return summaryFromWarehouse(pool, input.year, { code: office.wilayahCode, name: nameOf(office.wilayahCode) }, nameOf, await local())
  },
}

/** Logging in and out changes no data (the session lives in the host). */
const SESSION_OPS: ReadonlySet<OpName> = new Set(['people.whoami', 'people.login', 'people.logout'])
/** Public or open to the read-only role, yet they write: first-run setup and one's own password. */
const NOT_READS: ReadonlySet<OpName> = new Set(['office.setup', 'people.firstAdmin', 'people.changePassword'])
/** Reads only an administrator may do. */
const ADMIN_READS: ReadonlySet<OpName> = new Set(['people.list'])

/**
 * The operations a warehouse host passes on: what the read-only role ("hanya baca") may
 * call is by the role table's own definition a read; plus the session and a few reads
 * limited to administrators. Everything else changes data and is refused.
 */
export const WAREHOUSE_READS: ReadonlySet<OpName> = new Set(
  opNames.filter((op) => SESSION_OPS.has(op) || ADMIN_READS.has(op) || WAREHOUSE_OPS[op] || ((opRoles[op] === 'public' || allowed('readonly', op)) && !NOT_READS.has(op))),
)

export const readOnlyRefusal = (op: string) =>
  fail(
    'WAREHOUSE_READ_ONLY',
    `Gudang data hanya untuk dibaca: "${op}" mengubah data, jadi tidak dijalankan di sini. Ubah data di kantor pemiliknya; perubahan sampai ke gudang lewat bundel yang dimuat dengan "simpul warehouse load". Tidak ada data yang diubah.`,
    { op },
  )

export interface WarehouseClient extends OpClient {
  /** How many calls PostgreSQL answered (the tests check the dashboard really came from it). */
  readonly answeredByWarehouse: number
}

/**
 * Wraps the office database's client: dashboard operations go to PostgreSQL (after the same
 * login and role checks as the dispatcher makes), writes are refused, other reads pass on.
 */
export function warehouseClient(inner: OpClient, pool: pg.Pool, clock: Clock = systemClock): WarehouseClient {
  const names = new Map<string, string>()
  let answered = 0
  let office: Office | null = null

  const nameLookup = async (codes: string[]) => {
    for (const code of codes) {
      if (names.has(code)) continue
      const r = await inner.call('wilayah.get', { code })
      names.set(code, r.ok && r.data ? (r.data as Wilayah).name : code)
    }
  }

  async function answer(op: OpName, input: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!isPublicOp(op)) {
      // The same rule as dispatch: who is logged in, and may their role call this?
      const who = await inner.call('people.whoami', {}, caller)
      const user = who.ok ? (who.data as { user: UserInfo | null }).user : null
      if (!user) return fail('UNAUTHENTICATED', 'Silakan masuk (login) terlebih dahulu.')
      if (!allowed(user.role, op)) {
        return fail('FORBIDDEN', `Anda masuk sebagai ${ROLE_LABEL[user.role]}; peran ini tidak boleh menjalankan "${op}". Yang boleh: ${rolesFor(op).map((r) => ROLE_LABEL[r]).join(', ')}.`, { role: user.role, op })
      }
    }
    const parsed = contract[op].input.safeParse(input ?? {})
    if (!parsed.success) return fail('INVALID_INPUT', `Isian tidak sah — ${parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`)
    if (!office) {
      const r = await inner.call('office.get', {})
      if (!r.ok || !r.data) return fail('NO_OFFICE', 'Basis data gudang ini belum berisi kantor. Jalankan dulu: simpul warehouse init --pg <url> --office <kode> --name <nama>.')
      office = r.data as Office
    }
    try {
      // Names come from the office's wilayah reference; the kabupaten/kota codes from the summary.
      const codes = (await pool.query<{ kab: string }>(`SELECT DISTINCT kab FROM wh_kader_summary`)).rows.map((r) => r.kab)
      await nameLookup([office.wilayahCode, ...codes])
      // The enrolled kabupaten/kota and the stale setting live in the office database, as on the desktop.
      const local = async (): Promise<LocalInputs> => {
        const peers = await inner.call('exchange.peers', {}, caller)
        const settings = await inner.call('settings.get', {}, caller)
        const days = Number(settings.ok ? (settings.data as Record<string, string>)['province.pref.stale_days'] : NaN)
        return {
          peers: peers.ok && office?.level === 'provinsi' ? (peers.data as PeerOffice[]).filter((p) => p.status === 'active' && p.level === 'kabupaten').map((p) => p.wilayahCode) : [],
          now: clock.now(),
          staleAfterDays: Number.isInteger(days) && days > 0 ? days : DEFAULT_STALE_DAYS,
        }
      }
      const data = await WAREHOUSE_OPS[op]!(parsed.data as never, { pool, office, nameOf: (c) => names.get(c) ?? c, local })
      answered++
      return ok(data)
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.message, e.details)
      return fail('WAREHOUSE_UNREACHABLE', `Gudang data PostgreSQL tidak menjawab: ${(e as Error).message}. Periksa bahwa server berjalan, lalu muat ulang halaman.`)
    }
  }

  return {
    get dataFile() {
      return inner.dataFile
    },
    get dataDir() {
      return inner.dataDir
    },
    get answeredByWarehouse() {
      return answered
    },
    async call(op: string, input: unknown, caller: Caller = {}, opts?: CallOptions) {
      if (isOpName(op) && WAREHOUSE_OPS[op]) return answer(op, input, caller)
      if (isOpName(op) && !WAREHOUSE_READS.has(op)) return readOnlyRefusal(op)
      return inner.call(op, input, caller, opts)
    },
    async close() {
      await pool.end().catch(() => undefined)
      await inner.close()
    },
  }
}

/** A small pool for the host (a few dashboards at once); the url's password never reaches a message. */
export async function warehousePool(url: string): Promise<pg.Pool> {
  // Read-only on the server's side as well (a startup option of every connection): a bug here cannot write either.
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'simpul-warehouse-serve', options: '-c default_transaction_read_only=on' })
  try {
    await pool.query('SELECT 1 FROM wh_load_log LIMIT 1')
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw new AppError('WAREHOUSE_UNREACHABLE', `Gudang data di ${redact(url)} tidak dapat dibaca: ${(e as Error).message}. Periksa alamatnya, dan jalankan "simpul warehouse init" bila belum.`)
  }
  return pool
}
