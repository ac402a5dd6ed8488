import type Database from 'better-sqlite3'
import pg from 'pg'
import { AppError } from '../shared/result'
import { columnsOf, grantTo, TABLE_POLICIES, type Party } from '../core/policy'
import { KADER_SUMMARY_SQL, SET_SUMMARY_SQL, STRATA_SUMMARY_SQL } from '../core/province/summary'

/**
 * The warehouse's PostgreSQL schema: one table per travelling table the warehouse office is
 * granted (its level decides, through the same table policy as any office), with the
 * SQLite columns' types; a load log (one row per loaded bundle: the decisive replay check);
 * and the province figures as materialised views over the same SQL the desktop runs.
 */
export const LOAD_LOG = 'wh_load_log'
export const SUMMARY_VIEWS = { kader: 'wh_kader_summary', strata: 'wh_strata_summary', sets: 'wh_set_summary' } as const

/** The tables a warehouse of this level receives (policy order). */
export function warehouseTables(me: Party): string[] {
  return TABLE_POLICIES.filter((p) => grantTo(p, me).rows !== 'none').map((p) => p.table)
}

const pgType = (sqliteType: string) => (sqliteType.startsWith('INT') ? 'bigint' : sqliteType === 'REAL' ? 'double precision' : 'text')
const KEY_COLUMNS = new Set(['id', 'scope', 'rev', 'hlc', 'origin'])

/** DDL for the warehouse, from the office's own (migrated) SQLite schema. */
export function schemaSql(sqlite: Database.Database, me: Party): string[] {
  const out: string[] = []
  for (const table of warehouseTables(me)) {
    // Only the keys are NOT NULL: a bundle from an older Simpul lacks newer columns.
    const cols = columnsOf(sqlite, table).map((c) => `"${c.name}" ${pgType(c.type)}${c.name === 'id' ? ' PRIMARY KEY' : KEY_COLUMNS.has(c.name) ? ' NOT NULL' : ''}`)
    out.push(`CREATE TABLE IF NOT EXISTS "${table}" (${cols.join(', ')})`)
    out.push(`CREATE INDEX IF NOT EXISTS "${table}_scope" ON "${table}" (scope)`)
  }
  out.push(`CREATE INDEX IF NOT EXISTS kader_count_posyandu ON kader_count (posyandu_id)`)
  out.push(`CREATE INDEX IF NOT EXISTS posyandu_stratum_posyandu ON posyandu_stratum (posyandu_id, year)`)
  out.push(`CREATE TABLE IF NOT EXISTS ${LOAD_LOG} (
    id bigserial PRIMARY KEY,
    peer_code text NOT NULL,
    seq integer NOT NULL,
    file_name text NOT NULL,
    payload_sha256 text NOT NULL,
    rows integer NOT NULL,
    added integer NOT NULL,
    changed integer NOT NULL,
    unchanged integer NOT NULL,
    left_out integer NOT NULL,
    withdrawn integer NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (peer_code, seq))`)
  out.push(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${SUMMARY_VIEWS.kader} AS ${KADER_SUMMARY_SQL}`)
  out.push(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${SUMMARY_VIEWS.strata} AS ${STRATA_SUMMARY_SQL}`)
  out.push(`CREATE MATERIALIZED VIEW IF NOT EXISTS ${SUMMARY_VIEWS.sets} AS ${SET_SUMMARY_SQL}`)
  return out
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'simpul-warehouse' })
  try {
    await client.connect()
  } catch (e) {
    await client.end().catch(() => undefined)
    throw new AppError('WAREHOUSE_UNREACHABLE', `Tidak dapat terhubung ke PostgreSQL (${redact(url)}): ${(e as Error).message}. Periksa alamat, nama pengguna dan bahwa server berjalan.`)
  }
  return client
}

/** A connection string without its password, for messages. */
export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')

/** Creates (or completes) the schema in one transaction. */
export async function initSchema(client: pg.Client, sqlite: Database.Database, me: Party): Promise<string[]> {
  await client.query('BEGIN')
  try {
    for (const sql of schemaSql(sqlite, me)) await client.query(sql)
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK')
    throw e
  }
  return warehouseTables(me)
}
