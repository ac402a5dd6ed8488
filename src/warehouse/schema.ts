import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import pg from 'pg'
import { AppError } from '../shared/result'
import { columnsOf, grantTo, TABLE_POLICIES, type Party } from '../core/policy'
import { KADER_SUMMARY_SQL, REPORTS_SUMMARY_SQL, SET_SUMMARY_SQL, STRATA_SUMMARY_SQL } from '../core/province/summary'

/**
 * The warehouse's PostgreSQL schema: one table per travelling table the warehouse office is
 * granted (its level decides, through the same table policy as any office), with the
 * SQLite columns' types; a load log (one row per loaded bundle: the decisive replay check);
 * and the province figures as summary tables over the same SQL the desktop runs.
 *
 * A row is keyed by its kabupaten/kota and its id (`AREA_KEY`), not by its id alone. Every
 * sender of a warehouse writes whole kabupaten/kota (a kabupaten its own; a province its own
 * rows and, relaying, its kabupaten/kota's; the national office its own: see
 * relationProblemMsg), so a row's kabupaten/kota is the part of the id space only the offices
 * entitled to it can write. A sender that learnt another area's ids and loaded them first, in
 * its own scope, holds them in its own kabupaten/kota: the real rows still load, beside them,
 * and neither counts in the other's figures (the summaries join within a kabupaten/kota).
 */
export const LOAD_LOG = 'wh_load_log'
export const DANGLING = 'wh_dangling_ref'
export const CROSS_REFS = 'wh_removed_cross_ref'
export const SUMMARY_TABLES = { kader: 'wh_kader_summary', strata: 'wh_strata_summary', sets: 'wh_set_summary', reports: 'wh_reports_summary' } as const
export const SUMMARY_SQL: Record<keyof typeof SUMMARY_TABLES, string> = { kader: KADER_SUMMARY_SQL, strata: STRATA_SUMMARY_SQL, sets: SET_SUMMARY_SQL, reports: REPORTS_SUMMARY_SQL }
/** Which version of the summary SQL the summary tables were built with (they are rebuilt when it changes). */
const META = 'wh_meta'
const SUMMARY_VERSION = createHash('sha256').update(JSON.stringify(SUMMARY_SQL)).digest('hex').slice(0, 16)

/** The tables a warehouse of this level receives (policy order). */
export function warehouseTables(me: Party): string[] {
  return TABLE_POLICIES.filter((p) => grantTo(p, me).rows !== 'none').map((p) => p.table)
}

const pgType = (sqliteType: string) => (sqliteType.startsWith('INT') ? 'bigint' : sqliteType === 'REAL' ? 'double precision' : 'text')
const KEY_COLUMNS = new Set(['id', 'scope', 'rev', 'hlc', 'origin'])
/** The key of a warehouse row (its unique index; ON CONFLICT names it): its kabupaten/kota, then its id. */
export const AREA_KEY = '(substr(scope, 1, 5)), id'

/** DDL for the warehouse, from the office's own (migrated) SQLite schema. */
export function schemaSql(sqlite: Database.Database, me: Party): string[] {
  const out: string[] = []
  for (const table of warehouseTables(me)) {
    // Only the keys are NOT NULL: a bundle from an older Simpul lacks newer columns.
    const cols = columnsOf(sqlite, table).map((c) => `"${c.name}" ${pgType(c.type)}${KEY_COLUMNS.has(c.name) ? ' NOT NULL' : ''}`)
    out.push(`CREATE TABLE IF NOT EXISTS "${table}" (${cols.join(', ')})`)
    // The key: (kabupaten/kota, id). Its index is also the kabupaten/kota index (its first
    // column): a load withdraws and summarises one kabupaten's rows without reading the
    // others'. Warehouses made before it keyed rows by id alone (a sender could squat another
    // area's ids) and kept a kabupaten index and, older still, a scope index beside it: their
    // rows satisfy the new key (ids were unique), and the old key and indexes go.
    out.push(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${table}_pkey"`)
    out.push(`DROP INDEX IF EXISTS "${table}_scope"`)
    out.push(`CREATE UNIQUE INDEX IF NOT EXISTS "${table}_kab_id" ON "${table}" (${AREA_KEY})`)
    out.push(`DROP INDEX IF EXISTS "${table}_kab"`)
  }
  // The summaries join a kabupaten/kota's rows about posyandu to its posyandu within the
  // kabupaten/kota (src/core/province/summary.ts), so the kabupaten index of each table reaches
  // them: the posyandu_id indexes of older warehouses only cost every copied row one more
  // index entry (monthly_report: 3.6 M a year), and are dropped.
  for (const t of ['kader_count', 'posyandu_stratum', 'monthly_report']) out.push(`DROP INDEX IF EXISTS ${t}_posyandu`)
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
  // The dashboard's "last bundle": when it was made (manifest) and loaded (the office clock).
  out.push(`ALTER TABLE ${LOAD_LOG} ADD COLUMN IF NOT EXISTS created_at text`)
  out.push(`ALTER TABLE ${LOAD_LOG} ADD COLUMN IF NOT EXISTS received_at text`)
  out.push(`CREATE TABLE IF NOT EXISTS ${META} (key text PRIMARY KEY, value text NOT NULL)`)
  // References to rows not loaded yet (src/warehouse/refs.ts): checked again when their target arrives.
  out.push(`CREATE TABLE IF NOT EXISTS ${DANGLING} (
    tbl text NOT NULL,
    col text NOT NULL,
    id text NOT NULL,
    scope text NOT NULL,
    target_table text NOT NULL,
    target_id text NOT NULL,
    foreign_target text)`)
  // One record per row (its scope with its id: ids repeat across kabupaten/kota), column and target.
  out.push(`ALTER TABLE ${DANGLING} DROP CONSTRAINT IF EXISTS ${DANGLING}_pkey`)
  out.push(`CREATE UNIQUE INDEX IF NOT EXISTS ${DANGLING}_row ON ${DANGLING} (tbl, col, id, scope, target_id)`)
  out.push(`CREATE INDEX IF NOT EXISTS ${DANGLING}_target ON ${DANGLING} (target_table, target_id)`)
  out.push(`CREATE INDEX IF NOT EXISTS ${DANGLING}_foreign ON ${DANGLING} (target_table) WHERE foreign_target IS NOT NULL`)
  // Rows removed because the row they pointed at arrived later, in another area.
  out.push(`CREATE TABLE IF NOT EXISTS ${CROSS_REFS} (
    id bigserial PRIMARY KEY,
    tbl text NOT NULL,
    row_id text NOT NULL,
    scope text NOT NULL,
    target_table text NOT NULL,
    target_id text NOT NULL,
    target_scope text NOT NULL,
    removed_by text NOT NULL,
    removed_at timestamptz NOT NULL DEFAULT now())`)
  // Warehouses made before the summary tables kept the figures as materialised views.
  for (const t of Object.values(SUMMARY_TABLES)) {
    out.push(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_matviews WHERE matviewname = '${t}') THEN DROP MATERIALIZED VIEW ${t}; END IF; END $$`)
  }
  return out
}

/**
 * The summary tables hold the rows of the desktop's summary queries, one set of rows per
 * kabupaten/kota. A load recomputes only the kabupaten/kota its bundle came from (or lies
 * in), inside its own transaction, so the figures always match the data and a load's cost
 * does not grow with the size of the whole warehouse. When the summary SQL of this Simpul
 * differs from the one the tables were built with, they are rebuilt from the data.
 */
export async function ensureSummaries(client: pg.Client): Promise<void> {
  const built = await client.query<{ value: string }>(`SELECT value FROM ${META} WHERE key = 'summary_version'`)
  if (built.rows[0]?.value === SUMMARY_VERSION) return
  for (const [k, t] of Object.entries(SUMMARY_TABLES)) {
    const sql = SUMMARY_SQL[k as keyof typeof SUMMARY_TABLES]
    await client.query(`DROP TABLE IF EXISTS ${t}`)
    await client.query(`CREATE TABLE ${t} AS SELECT * FROM (${sql}) s`)
    await client.query(`CREATE INDEX ${t}_kab ON ${t} (kab)`)
  }
  await client.query(`INSERT INTO ${META} (key, value) VALUES ('summary_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [SUMMARY_VERSION])
}

/**
 * Recomputes the summary rows of the given kabupaten/kota (five-character codes such as 21.71;
 * a province's own rows sit under its two-character code). Each query reaches one
 * kabupaten/kota's rows through the kabupaten index (the condition on the grouping column is
 * pushed below the GROUP BY), so a load's recompute does not grow with the warehouse.
 */
export async function refreshSummaries(client: pg.Client, kabs: Iterable<string>): Promise<void> {
  const list = [...new Set(kabs)].sort()
  if (!list.length) return
  await ensureSummaries(client)
  // Each query joins a few hundred rows per table (one kabupaten/kota's, through its index):
  // hash joins, always. Right after a first load the planner has no statistics of the rows
  // just copied and would guess one row each — a nested loop (or a merge on the year alone)
  // over every pair of a kabupaten/kota's posyandu and rows. (The one join left to a nested
  // loop, posyandu × the kabupaten/kota's years, then costs what a disabled method costs,
  // which would start the JIT compiler for every query: off too.) Until the commit: the
  // summaries are a load's last statements.
  //
  // All of it as one multi-statement query, one round trip: the loader's event loop is often
  // busy checking the next bundle meanwhile (src/warehouse/worker.ts), and each answer would
  // wait for it while this load holds the reference lock every loader takes before its commit.
  // The codes are written into the SQL as literals (a kabupaten/kota code: digits and a dot).
  const lit = (text: string) => `'${text.replaceAll("'", "''")}'`
  const statements = [`SELECT set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)`]
  for (const [k, t] of Object.entries(SUMMARY_TABLES)) {
    const sql = SUMMARY_SQL[k as keyof typeof SUMMARY_TABLES]
    statements.push(`DELETE FROM ${t} WHERE kab IN (${list.map(lit).join(', ')})`)
    // The reports' (kabupaten/kota, month, posyandu) pairs by hashing: a kabupaten/kota's
    // reports sorted cost ≈ 20 % more (EXPLAIN ANALYZE on bench/warehouse-cpu.ts's sample,
    // WHCPU_EXPLAIN=1); the strata's plans are better with sorting (a hashed one ≈ 10× slower).
    statements.push(`SELECT set_config('enable_sort', ${lit(k === 'reports' ? 'off' : 'on')}, true)`)
    // One kabupaten/kota at a time: `kab = …` reaches the index; `IN` of many would not always.
    for (const kab of list) statements.push(`INSERT INTO ${t} SELECT * FROM (${sql}) s WHERE s.kab = ${lit(kab)}`)
  }
  await client.query(statements.join(';\n'))
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
    // Two offices setting up one warehouse at once (the national one) take turns.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('simpul-init'))`)
    for (const sql of schemaSql(sqlite, me)) await client.query(sql)
    await ensureSummaries(client)
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK')
    throw e
  }
  return warehouseTables(me)
}
