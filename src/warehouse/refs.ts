import type pg from 'pg'
import type { RowKeeper } from '../core/exchange/stages/check'
import type { Section } from '../core/exchange/stages/section'
import { policyOf, TABLE_POLICIES, type Relation } from '../core/policy'
import { isWithin, NATIONAL_CODE } from '../shared/area'
import { AppError } from '../shared/result'
import { CROSS_REFS, DANGLING } from './schema'

/**
 * Areas and references in the warehouse's SQL. A warehouse loads bundles of many senders,
 * in parallel and in any order, so "a row points only at rows of its own area" cannot be
 * decided by the rows already loaded alone: a row may point at a row that is not loaded yet
 * (another sender's, whose bundle comes later). Such a reference is recorded
 * (`wh_dangling_ref`) and decided when its target arrives: kept when the target lies in the
 * row's area, the row removed (and listed in `wh_removed_cross_ref`) when it lies in another.
 * A target that arrived first makes the later row's bundle refused whole, as before. The
 * decisions are taken under one advisory lock (`REFS_LOCK`), held from the recheck to the
 * commit, so two loaders cannot both miss each other's uncommitted rows.
 *
 * A reference resolves within the row's kabupaten/kota (`sameKab`), as the summaries join
 * and as rows are keyed (schema.ts: AREA_KEY): ids repeat across kabupaten/kota when a
 * sender loads another area's ids in its own scope, and such a row must neither be taken for
 * the target of another area's rows nor make them look foreign. A row pointing at an id its
 * kabupaten/kota does not hold stays recorded as dangling and counts in no figure (the
 * summaries join within a kabupaten/kota); within one, a target outside the row's own area
 * (another kecamatan's posyandu) is refused or removed as above.
 */
export const q = (name: string) => `"${name.replaceAll('"', '""')}"`
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`

/** Taken by every load before its reference decisions, held until its commit. */
export const REFS_LOCK = `SELECT pg_advisory_xact_lock(hashtext('simpul-refs'))`

/** The kabupaten/kota (or province, for its own rows) a scope's summary rows belong to. */
export const kabOf = (scope: string) => scope.slice(0, 5)

/** SQL: the rows of aliases `a` and `b` lie in one kabupaten/kota (the part of the key before the id). */
export const sameKab = (a: string, b: string) => `substr(${a}.scope, 1, 5) = substr(${b}.scope, 1, 5)`

/**
 * SQL: `alias.scope` lies in the area of `code` (the code itself or below it), by the
 * code's own length — a kabupaten/kota or kecamatan through the kabupaten index, a province
 * (two digits) through a range on the same index (its kabupaten/kota codes lie between its
 * code and the next one, in any collation: the codes are digits and dots).
 */
export function areaSql(alias: string, code: string): string {
  const s = `${alias}.scope`
  if (code === NATIONAL_CODE) return 'true' // the root contains every code
  const exact = `(${s} = ${lit(code)} OR left(${s}, ${code.length + 1}) = ${lit(`${code}.`)})`
  if (code.length >= 5) return `substr(${s}, 1, 5) = ${lit(kabOf(code))} AND ${exact}`
  if (!/^\d+$/.test(code)) return exact
  const next = String(Number(code) + 1).padStart(code.length, '0')
  const upper = next.length === code.length ? ` AND substr(${s}, 1, 5) < ${lit(next)}` : ''
  return `substr(${s}, 1, 5) >= ${lit(code)}${upper} AND ${exact}`
}

/**
 * SQL: the rows of `alias` the sender `code` may change by the policy's writers — its own
 * scope (`owner`), the scopes directly below it (`above`), and, when it relays (`relaying`:
 * sending up to an ancestor, as a province sends its kabupaten/kota's rows to the national
 * office), every scope strictly inside its area — as `refusal` decides for an office import;
 * any code length, the root included.
 */
export function writableSql(alias: string, code: string, writers: Relation[], relaying = false): string {
  const s = `${alias}.scope`
  const root = code === NATIONAL_CODE
  const below = root ? `${s} <> ${lit(code)}` : `left(${s}, ${code.length + 1}) = ${lit(`${code}.`)}`
  const parts: string[] = []
  if (writers.includes('owner')) parts.push(`${s} = ${lit(code)}`)
  if (relaying && writers.length) parts.push(below)
  else if (writers.includes('above')) parts.push(root ? `(${below} AND position('.' IN ${s}) = 0)` : `(${below} AND position('.' IN substr(${s}, ${code.length + 2})) = 0)`)
  return parts.length ? `${areaSql(alias, code)} AND (${parts.join(' OR ')})` : 'false'
}

/** SQL: a target scope `t` outside the area of the row `st` (neither its scope nor below it). */
const foreignSql = (t: string) => `(st.scope <> ${lit(NATIONAL_CODE)} AND ${t} <> st.scope AND left(${t}, length(st.scope) + 1) <> st.scope || '.')`

/** The refs the warehouse checks (conditional rules are not needed by the tables it receives). */
const refsOf = (s: Section) => (s.policy.refs ?? []).filter((r) => !r.when)

function refuse(s: Section, ref: { table: string }, bad: string): never {
  const [id, target] = bad.split(' ')
  throw new AppError(
    'BUNDLE_UNAUTHORISED',
    `Bundel ditolak seluruhnya: ${s.policy.label.id} ${id} merujuk ${policyOf(ref.table)?.label.id.toLowerCase() ?? ref.table} milik wilayah ${target}. Tidak ada data yang dimuat.`,
  )
}

/**
 * Which references of a bundle's rows the bundle settles by itself (a RowKeeper of the check
 * stage): those where every row of the table that is not a tombstone and has the column set
 * points at a row the same bundle brought before it, of a table the warehouse receives, lying
 * in the row's own area. On a first load — the bundle's rows copied straight into their tables,
 * every id once per kabupaten/kota (the keys prove it) — the target of such a reference is the row the
 * bundle brought, with the scope it brought, so checkRefs needs no query for it: the rows of
 * a national bundle about its posyandu, one lookup each in the loader instead of one index
 * probe each in the server. Any other reference is checked in PostgreSQL, as always.
 */
export function bundleRefs(tables: Set<string>): RowKeeper & { settled(table: string, column: string): boolean } {
  /** The rows brought so far of each table some reference points at: id → scope. */
  const brought = new Map<string, Map<string, string>>()
  const unsettled = new Set<string>()
  const key = (table: string, column: string) => `${table}\u0000${column}`
  const broughtOf = (table: string) => {
    let ids = brought.get(table)
    if (!ids) brought.set(table, (ids = new Map()))
    return ids
  }
  let ids: Map<string, string> | null = null
  /** The references of the current section still settled: the column's place and the rows its table brought. */
  let refs: { at: number; targets: Map<string, string> | null; key: string }[] = []
  return {
    section(s) {
      ids = null
      refs = []
      if (!tables.has(s.name)) return
      if (TARGETS.has(s.name)) ids = broughtOf(s.name)
      for (const r of refsOf(s)) {
        const k = key(s.name, r.column)
        // A column the section lacks arrives empty (NULL): no reference to check.
        if (!unsettled.has(k) && s.columns.includes(r.column)) refs.push({ at: s.columns.indexOf(r.column), targets: tables.has(r.table) ? broughtOf(r.table) : null, key: k })
      }
    },
    row(values, k) {
      ids?.set(k.id, k.scope)
      if (k.deleted_at !== null || !refs.length) return
      for (let i = 0; i < refs.length; i++) {
        const r = refs[i]
        const target = values[r.at]
        if (target === null) continue
        const scope = typeof target === 'string' ? r.targets?.get(target) : undefined
        if (scope !== undefined && isWithin(scope, k.scope)) continue
        unsettled.add(r.key)
        refs.splice(i--, 1)
      }
    },
    settled: (table, column) => !unsettled.has(key(table, column)),
  }
}

/**
 * Refuses the load when a row of `from` (alias st, rows `rows`: the target table on a first
 * load, else a staging table) points at a loaded row of another area — or, on a staged load,
 * at one staged with it (`stagedOf`). One pass per reference, by id; returns how many rows
 * point at rows not loaded (nor staged) yet, which `recordDangling` records.
 */
export async function checkRefs(client: pg.Client, s: Section, from: string, rows: string, stagedOf: (table: string) => string | null = () => null, settled: (table: string, column: string) => boolean = () => false): Promise<number> {
  let dangling = 0
  for (const ref of refsOf(s)) {
    if (settled(s.name, ref.column)) continue
    const col = `st.${q(ref.column)}`
    const staged = stagedOf(ref.table)
    const t = staged ? 'coalesce(r.scope, rs.scope)' : 'r.scope'
    const res = await client.query<{ dangling: string; bad: string | null }>(
      `SELECT count(*) FILTER (WHERE ${t} IS NULL) AS dangling, min(st.id || ' ' || ${t}) FILTER (WHERE ${t} IS NOT NULL AND ${foreignSql(t)}) AS bad
       FROM ${from} st LEFT JOIN ${q(ref.table)} r ON r.id = ${col} AND ${sameKab('r', 'st')}${staged ? ` LEFT JOIN ${staged} rs ON rs.id = ${col} AND ${sameKab('rs', 'st')}` : ''}
       WHERE ${rows} AND st.deleted_at IS NULL AND ${col} IS NOT NULL`,
    )
    if (res.rows[0].bad) refuse(s, ref, res.rows[0].bad)
    dangling += Number(res.rows[0].dangling)
  }
  return dangling
}

/**
 * Under REFS_LOCK, after the rows are in their tables: the rows of `from` that still point at
 * rows not loaded are recorded — and one whose target another loader committed meanwhile is
 * judged now, like any loaded target.
 */
export async function recordDangling(client: pg.Client, s: Section, from: string, rows: string): Promise<void> {
  for (const ref of refsOf(s)) {
    const col = `st.${q(ref.column)}`
    const bad = await client.query<{ bad: string }>(
      `SELECT st.id || ' ' || r.scope AS bad FROM ${from} st JOIN ${q(ref.table)} r ON r.id = ${col} AND ${sameKab('r', 'st')} WHERE ${rows} AND st.deleted_at IS NULL AND ${foreignSql('r.scope')} LIMIT 1`,
    )
    if (bad.rowCount) refuse(s, ref, bad.rows[0].bad)
    await client.query(
      `INSERT INTO ${DANGLING} (tbl, col, id, scope, target_table, target_id)
       SELECT ${lit(s.name)}, ${lit(ref.column)}, st.id, st.scope, ${lit(ref.table)}, ${col} FROM ${from} st
       WHERE ${rows} AND st.deleted_at IS NULL AND ${col} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(ref.table)} r WHERE r.id = ${col} AND ${sameKab('r', 'st')})
       ON CONFLICT DO NOTHING`,
    )
  }
}

export interface RemovedRef {
  table: string
  id: string
  scope: string
  target: string
  targetScope: string
}

/** Tables rows may point at, and the references into each (table, column). */
const TARGETS = new Map<string, { table: string; column: string }[]>()
for (const p of TABLE_POLICIES) {
  for (const r of p.refs ?? []) {
    if (r.when) continue
    TARGETS.set(r.table, [...(TARGETS.get(r.table) ?? []), { table: p.table, column: r.column }])
  }
}

/**
 * Under REFS_LOCK: the recorded references whose target arrived in this load (`arrivals`:
 * target table → SQL listing the ids it brought), and those judged foreign before but not
 * removed yet. In the row's area: the record goes. In another area: the row is removed from
 * the warehouse and listed — unless another load holds it right now (SKIP LOCKED: that load
 * meets the loaded target itself, or the next load finishes the removal). A record whose row
 * no longer points there (changed, deleted, withdrawn) just goes.
 */
export async function resolveArrivals(client: pg.Client, tables: Set<string>, arrivals: Map<string, string>, by: string): Promise<RemovedRef[]> {
  if (!(await client.query(`SELECT 1 FROM ${DANGLING} LIMIT 1`)).rowCount) return []
  const removed: RemovedRef[] = []
  for (const [target, all] of TARGETS) {
    const referrers = all.filter((r) => tables.has(r.table))
    if (!tables.has(target) || !referrers.length) continue
    const arrived = arrivals.get(target)
    // Through the target index for what arrived, the partial index for what waits: a sender
    // that records many references to rows never loaded does not slow every later load.
    const pick = `SELECT d.tbl, d.col, d.id, d.scope, d.target_id, p.scope AS target_scope FROM ${DANGLING} d JOIN ${q(target)} p ON p.id = d.target_id AND ${sameKab('p', 'd')} WHERE d.target_table = $1`
    const found = await client.query<{ tbl: string; col: string; id: string; scope: string; target_id: string; target_scope: string }>(
      `${pick} AND d.foreign_target IS NOT NULL${arrived ? ` UNION ${pick} AND d.target_id IN (${arrived})` : ''}`,
      [target],
    )
    for (const { table, column } of referrers) {
      const mine = found.rows.filter((d) => d.tbl === table && d.col === column)
      if (!mine.length) continue
      const inArea = (d: (typeof mine)[number]) => isWithin(d.target_scope, d.scope)
      const bad = mine.filter((d) => !inArea(d))
      // A row is its id in its scope (ids repeat across kabupaten/kota).
      const pairs = `unnest($1::text[], $2::text[], $3::text[]) c(id, target, scope)`
      const points = `r.id = c.id AND r.scope = c.scope AND r.${q(column)} = c.target AND r.deleted_at IS NULL`
      const args = (list: typeof mine) => [list.map((d) => d.id), list.map((d) => d.target_id), list.map((d) => d.scope)]
      const gone = bad.length
        ? await client.query<{ id: string; scope: string }>(
            `WITH l AS (SELECT r.id, r.scope FROM ${q(table)} r JOIN ${pairs} ON ${points} FOR UPDATE OF r SKIP LOCKED)
             DELETE FROM ${q(table)} r USING l WHERE r.id = l.id AND r.scope = l.scope RETURNING r.id, r.scope`,
            args(bad),
          )
        : { rows: [] }
      const rowKey = (r: { id: string; scope: string }) => `${r.id} ${r.scope}`
      const goneIds = new Set(gone.rows.map(rowKey))
      // Still pointing there, but held by another load: judged foreign, removed by a later load.
      const held = bad.length
        ? new Set((await client.query<{ id: string; scope: string }>(`SELECT r.id, r.scope FROM ${q(table)} r JOIN ${pairs} ON ${points}`, args(bad))).rows.map(rowKey))
        : new Set<string>()
      for (const d of bad) {
        if (!goneIds.has(rowKey(d))) continue
        removed.push({ table, id: d.id, scope: d.scope, target: d.target_id, targetScope: d.target_scope })
        await client.query(`INSERT INTO ${CROSS_REFS} (tbl, row_id, scope, target_table, target_id, target_scope, removed_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [table, d.id, d.scope, target, d.target_id, d.target_scope, by])
      }
      const keep = bad.filter((d) => held.has(rowKey(d)) && !goneIds.has(rowKey(d)))
      const drop = mine.filter((d) => !keep.includes(d))
      if (drop.length) {
        await client.query(`DELETE FROM ${DANGLING} d USING ${pairs} WHERE d.tbl = $4 AND d.col = $5 AND d.id = c.id AND d.scope = c.scope AND d.target_id = c.target`, [...args(drop), table, column])
      }
      for (const d of keep) await client.query(`UPDATE ${DANGLING} SET foreign_target = $1 WHERE tbl = $2 AND col = $3 AND id = $4 AND scope = $5 AND target_id = $6`, [d.target_scope, table, column, d.id, d.scope, d.target_id])
    }
  }
  return removed
}
