import { readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Writable } from 'node:stream'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Ctx } from '../core/context'
import { readBundleHeader } from '../core/exchange/stages/header'
import { versionKey, checkRows, KEEP_ROWS, type RowCheck, type RowKeeper } from '../core/exchange/stages/check'
import { streamRows, verifyPayloadHash } from '../core/exchange/stages/payload'
import { openSection, rowKeys, type Section } from '../core/exchange/stages/section'
import { assertNotReplayed, checkSender, type CheckedBundle } from '../core/exchange/stages/sender'
import { columnsOf, grantTo, policyOf, type Party } from '../core/policy'
import { isBelow } from '../shared/area'
import { officeParty } from '../core/write'
import { AppError } from '../shared/result'
import { sayId } from '../shared/messages'
import { csvKeeper, csvLine, releaseChunks, type CsvSection } from './csv'
import { areaSql, bundleRefs, checkRefs, kabOf, q, recordDangling, REFS_LOCK, resolveArrivals, sameKab, writableSql, type RemovedRef } from './refs'
import { AREA_KEY, LOAD_LOG, refreshSummaries, warehouseTables } from './schema'

export interface TableLoad {
  table: string
  added: number
  changed: number
  unchanged: number
  /** Rows the policy's row rules refused (left out, as an office import leaves them out). */
  leftOut: number
  withdrawn: number
}

export interface LoadReport {
  file: string
  from: string
  seq: number
  rows: number
  tables: TableLoad[]
  /** Rows loaded earlier that pointed at a row this bundle brought, in another area: removed (src/warehouse/refs.ts). */
  removedRefs: RemovedRef[]
  /** The most row text the COPY stream held unsent at once (back-pressure keeps it near one slice). */
  copyBufferPeak: number
  /** Milliseconds per phase (header+hash, check, copy, refs, merge, withdraw, summaries, commit). */
  phases: Record<string, number>
}

/** The staging table of one table, for this transaction only. */
const stageOf = (table: string) => q(`wh_stage_${table}`)

/** A bundle that passed the checks that need no PostgreSQL (stages 1–4), ready to be applied. */
export interface PreparedBundle {
  file: string
  checked: CheckedBundle
  check: RowCheck
  /**
   * A small bundle's rows as CSV, made by the check stage (src/warehouse/csv.ts); null for a
   * large one, or when rows were left out (the copy then reads the file again, row by row).
   */
  csv: CsvSection[] | null
  /** The references the bundle settles by itself (bundleRefs), for a first load; null as `csv`. */
  settled: ((table: string, column: string) => boolean) | null
  /** The buffers `csv` lies in, given back to the pool once the bundle is committed (csv.ts). */
  csvBuffers: Buffer[]
  phases: Record<string, number>
}

/**
 * Stages 1–4 of src/core/exchange/stages/, unchanged, against the warehouse office's own
 * SQLite database (its keys, its enrolled offices, the table policy for its level):
 * signature, sender, receiver, replay (by the load log's last sequence), the payload hash and
 * every row by the table policy. Reads only; a refusal throws. `lastSeq` may be out of date
 * (a folder load prepares the next bundle while the one before commits): the decisive
 * replay check is the one inside the transaction.
 */
export async function prepareBundle(ctx: Ctx, file: string, lastSeq: (sender: string) => Promise<number> | number): Promise<PreparedBundle> {
  const phases: Record<string, number> = {}
  const lap = lapper(phases)
  const header = readBundleHeader(file) // 1
  const checked = checkSender(ctx, header, { lastSeq: await lastSeq(header.manifest.from.code) }) // 2
  await verifyPayloadHash(file, checked.header) // 3a
  lap('header')
  // 3b, 4: the table policy, row by row (references are PostgreSQL's to decide: refs.ts)
  // What the copy needs of the rows is made while the check has each row's values at hand:
  // a small bundle's CSV, and which references it settles by itself.
  const csv = checked.header.manifest.rows <= KEEP_ROWS ? csvKeeper() : null
  const refs = bundleRefs(new Set(warehouseTables(officeParty(ctx.sqlite))))
  const keep: RowKeeper = {
    section: (s) => (csv?.section(s), refs.section(s)),
    row: (values, k) => (csv?.row(values, k), refs.row(values, k)),
  }
  const check = await checkRows(ctx, file, checked, { skipUnresolved: true, keep })
  csv?.end()
  lap('check')
  if (check.unauthorisedTotal) {
    throw new AppError(
      'BUNDLE_UNAUTHORISED',
      `Bundel ditolak seluruhnya: ${check.unauthorisedTotal} baris di luar wewenang ${checked.peer.name} (${checked.peer.wilayah_code}): ${check.unauthorised
        .slice(0, 5)
        .map((r) => `${policyOf(r.table)?.label.id ?? r.table} "${r.label || r.id}" (${sayId(r.reason)})`)
        .join('; ')}. Tidak ada data yang dimuat.`,
    )
  }
  // Rows left out are left out by their version (RowCheck.invalid), which neither keeper knows.
  const whole = check.invalid.size === 0
  if (!whole && csv) releaseChunks(csv.buffers)
  return { file, checked, check, csv: whole ? (csv?.sections ?? null) : null, settled: whole ? refs.settled : null, csvBuffers: whole ? (csv?.buffers ?? []) : [], phases }
}

/** Milliseconds per phase, added up under their names. */
function lapper(phases: Record<string, number>) {
  let t0 = performance.now()
  return (name: string) => {
    const now = performance.now()
    phases[name] = (phases[name] ?? 0) + (now - t0)
    t0 = now
  }
}

/**
 * Loads one bundle into the warehouse, with the same checks as an office import
 * (prepareBundle), then applies it (applyBundle).
 */
export async function loadBundle(ctx: Ctx, client: pg.Client, file: string, opts: ApplyOptions = {}): Promise<LoadReport> {
  return applyBundle(ctx, client, await prepareBundle(ctx, file, (sender) => lastLoaded(client, sender)), opts)
}

/**
 * Applies a prepared bundle in ONE PostgreSQL transaction: the decisive replay check on the
 * load log; a streamed COPY of the rows the policy kept into TEMP staging tables with the
 * target tables' columns; the authority checks that need the stored rows (a row's scope never
 * changes; a row points only at rows of its own area); the merge by the shared version order
 * (higher rev, then hlc, then origin — compareVersions); the withdrawal of rows a complete
 * section no longer carries; the load log row and the summary rows of the sender's
 * kabupaten/kota. A refused, failed or killed load leaves the warehouse exactly as it was.
 */
export interface ApplyOptions {
  /** Fault tests: wait this long before COMMIT (to kill the loader inside its transaction). */
  holdBeforeCommitMs?: number
  /** Take the staged path even for a first load (tests prove both paths give the same warehouse). */
  alwaysStage?: boolean
}

export async function applyBundle(ctx: Ctx, client: pg.Client, prepared: PreparedBundle, opts: ApplyOptions = {}): Promise<LoadReport> {
  const { file, checked, check, phases } = prepared
  const lap = lapper(phases)
  const m = checked.header.manifest
  const me = officeParty(ctx.sqlite)
  const sender = checked.peer.wilayah_code
  const tables = new Set(warehouseTables(me))

  await client.query('BEGIN')
  try {
    // A crash may lose the last commits, never part of one: a bundle not committed is not in
    // the load log, so the next load applies it whole (see README, "Gudang data").
    await client.query('SET LOCAL synchronous_commit = off')
    // Two loaders on one warehouse: the second waits, then sees the first one's log row.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`simpul-load:${sender}`])
    assertNotReplayed({ name: checked.peer.name, last_received_seq: await lastLoaded(client, sender) }, m.seq)

    // A first load of a sender (nothing stored in its area: the common national case) copies
    // its rows straight into the target tables; an id twice in one kabupaten/kota (of the
    // bundle, or stored) breaks the key (schema.ts: AREA_KEY), and the load falls back to the
    // staged path below, which merges by version or refuses with its own message. The same
    // id in another kabupaten/kota is another area's row: it neither blocks nor is touched.
    let report: TableLoad[] | null = null
    let copyPeak = 0
    // What the reference decisions under REFS_LOCK need: per section, where its rows are now
    // (SQL: table alias st, condition) and how many of them point at rows not loaded yet; per
    // target table, the ids this load brought; and the kabupaten/kota whose figures change.
    let placed: { s: Section; from: string; rows: string; dangling: number }[] = []
    const arrivals = new Map<string, string>()
    const kabs = new Set<string>()
    if (!opts.alwaysStage && (await firstLoad(client, tables, sender))) {
      await client.query('SAVEPOINT first_load')
      try {
        const copied = await copyRows(ctx, client, prepared, tables, q)
        copyPeak = copied.peak
        lap('copy')
        report = []
        for (const s of copied.sections.values()) {
          const rows = areaSql('st', sender)
          const dangling = await checkRefs(client, s, q(s.name), rows, undefined, prepared.settled ?? undefined)
          lap('refs')
          placed.push({ s, from: q(s.name), rows, dangling })
          arrivals.set(s.name, `SELECT st.id FROM ${q(s.name)} st WHERE ${rows}`)
          report.push({ table: s.name, added: copied.count.get(s.name) ?? 0, changed: 0, unchanged: 0, leftOut: copied.leftOut.get(s.name) ?? 0, withdrawn: 0 })
        }
      } catch (e) {
        if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e
        await client.query('ROLLBACK TO SAVEPOINT first_load')
        report = null
        placed = []
        arrivals.clear()
        lap('copy')
      }
    }

    if (!report) {
      // One TEMP table per table, with the target's own columns and types (no keys, no
      // indexes): rows are copied in as CSV fields of their values, so PostgreSQL parses each
      // value once into its column type instead of a JSON document per row.
      for (const t of tables) await client.query(`CREATE TEMP TABLE ${stageOf(t)} (LIKE ${q(t)}) ON COMMIT DROP`)
      const copied = await copyRows(ctx, client, prepared, tables, stageOf)
      copyPeak = Math.max(copyPeak, copied.peak)
      const staged = new Set(copied.sections.keys())
      // The checks below look staged rows up by id, and the planner needs to know how many there are.
      for (const t of staged) {
        await client.query(`CREATE INDEX ON ${stageOf(t)} (id)`)
        await client.query(`ANALYZE ${stageOf(t)} (id)`)
      }
      lap('copy')

      report = []
      for (const s of copied.sections.values()) {
        await refuseMoved(client, s, sender)
        const dangling = await checkRefs(client, s, stageOf(s.name), 'true', (t) => (staged.has(t) ? stageOf(t) : null))
        lap('refs')
        placed.push({ s, from: stageOf(s.name), rows: 'true', dangling })
        arrivals.set(s.name, `SELECT id FROM ${stageOf(s.name)}`)
        const merged = await merge(client, s.name, columnsOf(ctx.sqlite, s.name).map((c) => c.name))
        lap('merge')
        const withdrawn = s.complete ? await withdraw(client, s, sender, me) : { count: 0, kabs: [] }
        for (const k of withdrawn.kabs) kabs.add(k)
        lap('withdraw')
        report.push({ table: s.name, ...merged, leftOut: copied.leftOut.get(s.name) ?? 0, withdrawn: withdrawn.count })
      }
    }
    // The kabupaten/kota whose figures this bundle changes: the sender's; a province sender's
    // rows may lie in any of its kabupaten/kota.
    if (sender.length >= 5) kabs.add(kabOf(sender))
    else for (const p of placed) for (const r of (await client.query<{ kab: string }>(`SELECT DISTINCT substr(st.scope, 1, 5) AS kab FROM ${p.from} st WHERE ${p.rows}`)).rows) kabs.add(r.kab)

    // From here to the commit, one load at a time: the references decided on what is
    // committed (src/warehouse/refs.ts), and the figures recomputed on the same rows.
    await client.query(REFS_LOCK)
    lap('wait')
    for (const p of placed) if (p.dangling) await recordDangling(client, p.s, p.from, p.rows)
    const removedRefs = await resolveArrivals(client, tables, arrivals, `${sender}#${m.seq}`)
    for (const r of removedRefs) kabs.add(kabOf(r.scope))
    lap('refs')
    const sum = (k: keyof TableLoad) => report!.reduce((n, t) => n + Number(t[k]), 0)
    await client.query(
      `INSERT INTO ${LOAD_LOG} (peer_code, seq, file_name, payload_sha256, rows, added, changed, unchanged, left_out, withdrawn, created_at, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [sender, m.seq, basename(file), m.payload.sha256, check.rows, sum('added'), sum('changed'), sum('unchanged'), sum('leftOut'), sum('withdrawn'), m.createdAt, ctx.clock.now().toISOString()],
    )
    // The figures of the kabupaten/kota the bundle touched, in the same transaction.
    await refreshSummaries(client, kabs)
    lap('summaries')
    if (opts.holdBeforeCommitMs) await new Promise((r) => setTimeout(r, opts.holdBeforeCommitMs))
    await client.query('COMMIT')
    lap('commit')
    // Only after a commit: a failed load's socket may still hold bytes of its chunks.
    releaseChunks(prepared.csvBuffers)
    return { file, from: sender, seq: m.seq, rows: check.rows, tables: report.sort((a, b) => a.table.localeCompare(b.table)), removedRefs, copyBufferPeak: copyPeak, phases }
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  }
}

const UNIQUE_VIOLATION = '23505'

/** Whether no table holds a row in the sender's area yet: its first load. */
async function firstLoad(client: pg.Client, tables: Set<string>, sender: string): Promise<boolean> {
  for (const t of tables) {
    const res = await client.query(`SELECT 1 FROM ${q(t)} st WHERE ${areaSql('st', sender)} LIMIT 1`)
    if (res.rowCount) return false
  }
  return true
}

/**
 * The rows the policy kept, streamed as CSV into `into(table)` (a staging table, or the target
 * itself on a first load): one COPY per section, back-pressure between slices of the file.
 */
async function copyRows(ctx: Ctx, client: pg.Client, prepared: PreparedBundle, tables: Set<string>, into: (table: string) => string) {
  const me = officeParty(ctx.sqlite)
  const invalid = prepared.check.invalid
  const sections = new Map<string, Section>()
  const leftOut = new Map<string, number>()
  const count = new Map<string, number>()
  const copies = copyQueue(client)
  let sink: CopySink | null = null
  let cur: Section | null = null
  let n = 0
  const open = (section: Section) => {
    copies.close()
    sink = null
    if (cur) count.set(cur.name, (count.get(cur.name) ?? 0) + n)
    n = 0
    cur = section
    if (!tables.has(cur.name)) return
    if (!sections.has(cur.name)) sections.set(cur.name, cur)
    sink = copies.open(`COPY ${into(cur.name)} (${cur.columns.map(q).join(', ')}) FROM STDIN (FORMAT csv)`)
  }
  try {
    if (prepared.csv) {
      // The CSV the check stage made: its chunks as they are, waiting for PostgreSQL between them.
      for (const kept of prepared.csv) {
        open(kept.section)
        if (!sink) continue
        n = kept.rows
        for (const chunk of kept.chunks) {
          ;(sink as CopySink).writeBytes(chunk)
          await copies.drained()
        }
      }
    } else {
      // A large bundle (or one with rows left out): the file again, streamed (the hash was
      // proved already; the same limits apply).
      await streamRows(
        prepared.file,
        prepared.checked,
        {
          head: (h) => open(openSection(ctx.sqlite, h, me)),
          row(values) {
            if (!sink) return
            const s = cur as Section
            if (invalid.size && invalid.has(versionKey(s.name, rowKeys(s, values)))) {
              leftOut.set(s.name, (leftOut.get(s.name) ?? 0) + 1)
              return
            }
            n++
            ;(sink as CopySink).write(csvLine(values))
          },
        },
        // Between slices of the file: wait while PostgreSQL has not taken what was sent.
        { drain: () => copies.drained() },
      )
    }
  } catch (e) {
    await copies.abort(e as Error)
    throw e
  }
  if (cur) count.set((cur as Section).name, (count.get((cur as Section).name) ?? 0) + n)
  await copies.end()
  return { sections, leftOut, count, peak: copies.peakBuffered }
}

/**
 * The COPY stream as a sink that respects back-pressure: rows are gathered into chunks of
 * about 256 KB (one write per row would cost a stream write each), and when the stream's
 * write() returns false — PostgreSQL or the socket has not taken what was sent — the
 * producer waits for 'drain' before it decrypts the next slice of the file. The stream's
 * buffer, and with it the loader's memory, stays bounded by one slice whatever the bundle's size.
 */
export function copySink(copy: Writable, chunkBytes = 256 * 1024) {
  let parts: string[] = []
  let size = 0
  let full = false
  let failed: Error | null = null
  let peak = 0
  copy.on('error', (e) => (failed ??= e))
  const finished = new Promise<void>((resolve, reject) => {
    copy.on('finish', resolve)
    copy.on('error', reject)
  })
  finished.catch(() => undefined)
  const flush = () => {
    if (!size) return
    if (!copy.write(parts.join(''))) full = true
    peak = Math.max(peak, copy.writableLength)
    parts = []
    size = 0
  }
  return {
    write(text: string) {
      parts.push(text)
      size += text.length
      if (size >= chunkBytes) flush()
    },
    /** Rows already made into bytes (a chunk of them), sent as they are. */
    writeBytes(bytes: Buffer) {
      flush()
      if (!copy.write(bytes)) full = true
      peak = Math.max(peak, copy.writableLength)
    },
    /** Resolves once the stream wants more (at once when it is not full). */
    async drained(): Promise<void> {
      flush()
      if (failed) throw failed
      if (!full) return
      await new Promise<void>((resolve, reject) => {
        const done = () => (copy.off('error', fail), resolve())
        const fail = (e: Error) => (copy.off('drain', done), reject(e))
        copy.once('drain', done)
        copy.once('error', fail)
      })
      full = false
    },
    /** The most the stream held unsent at once (bytes of text). */
    get peakBuffered(): number {
      return peak
    },
    async end(): Promise<void> {
      flush()
      copy.end()
      await finished
    },
    async abort(e: Error): Promise<void> {
      copy.destroy(e)
      await finished.catch(() => undefined)
    },
    /** Settles when PostgreSQL has taken the whole COPY (or refused it). */
    finished,
  }
}

/**
 * The COPY streams of one load, one per section of the bundle, on the load's one client:
 * the client runs one query at a time, so a section's COPY is handed to it only when the
 * one before has finished; rows of a section are meanwhile held by its (corked) stream,
 * and drained() waits for the current one. Any failure surfaces in drained() and end().
 */
function copyQueue(client: pg.Client) {
  let before: Promise<void> = Promise.resolve()
  let current: { sink: CopySink; submitted: () => boolean } | null = null
  let peak = 0
  let rejectFailed: (e: unknown) => void = () => undefined
  const failed = new Promise<never>((_, reject) => (rejectFailed = reject))
  failed.catch(() => undefined)
  const close = () => {
    if (!current) return
    const { sink } = current
    current = null
    void sink.end().catch(() => undefined) // its outcome is awaited through `before`
    peak = Math.max(peak, sink.peakBuffered)
  }
  return {
    open(sql: string): CopySink {
      close()
      const stream = copyFrom(sql)
      const sink = copySink(stream)
      let submitted = false
      before = before.then(() => {
        submitted = true
        client.query(stream)
        return sink.finished
      })
      before.catch(rejectFailed)
      current = { sink, submitted: () => submitted }
      return sink
    },
    close,
    async drained(): Promise<void> {
      if (current) await Promise.race([current.sink.drained(), failed])
    },
    async end(): Promise<void> {
      close()
      await before
    },
    async abort(e: Error): Promise<void> {
      const c = current
      current = null
      // A stream never handed to the client has nothing to undo in PostgreSQL.
      if (c?.submitted()) await c.sink.abort(e)
      else c?.sink.abort(e).catch(() => undefined)
      await before.catch(() => undefined)
    },
    get peakBuffered(): number {
      return Math.max(peak, current?.sink.peakBuffered ?? 0)
    },
  }
}

export type CopySink = ReturnType<typeof copySink>

/** The last bundle sequence loaded from a sender (0: none): the warehouse's replay record. */
export async function lastLoaded(client: pg.Client, sender: string): Promise<number> {
  const res = await client.query<{ seq: number | null }>(`SELECT max(seq) AS seq FROM ${LOAD_LOG} WHERE peer_code = $1`, [sender])
  return res.rows[0].seq ?? 0
}

/**
 * A row's scope never changes: the staged rows against the stored ones of their
 * kabupaten/kota (the area whose offices are the sender and those above it). The same id
 * stored in another kabupaten/kota is another area's row, not this one moved.
 */
async function refuseMoved(client: pg.Client, s: Section, sender: string): Promise<void> {
  const moved = await client.query<{ id: string; stored: string; claimed: string }>(
    `SELECT t.id, t.scope AS stored, st.scope AS claimed FROM ${stageOf(s.name)} st JOIN ${q(s.name)} t ON t.id = st.id AND ${sameKab('t', 'st')} WHERE t.scope <> st.scope LIMIT 5`,
  )
  if (moved.rowCount) {
    const r = moved.rows[0]
    throw new AppError('BUNDLE_UNAUTHORISED', `Bundel ditolak seluruhnya: ${s.policy.label.id} ${r.id} milik wilayah ${r.stored} dikirim sebagai milik ${r.claimed} oleh ${sender}. Tidak ada data yang dimuat.`)
  }
}

/** Staged rows into the table by the shared version order; the latest version of a row (kabupaten/kota and id) in the bundle wins. */
async function merge(client: pg.Client, table: string, columns: string[]): Promise<{ added: number; changed: number; unchanged: number }> {
  const cols = columns.map(q).join(', ')
  const sets = columns.filter((c) => c !== 'id').map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(', ')
  // compareVersions in SQL: text compared byte by byte (COLLATE "C"), as SQLite and JavaScript do.
  const newer = `(EXCLUDED.rev > t.rev OR (EXCLUDED.rev = t.rev AND (EXCLUDED.hlc COLLATE "C" > t.hlc COLLATE "C" OR (EXCLUDED.hlc = t.hlc AND EXCLUDED.origin COLLATE "C" > t.origin COLLATE "C"))))`
  const res = await client.query<{ added: string; changed: string; staged: string }>(
    `WITH latest AS (
       SELECT DISTINCT ON (${AREA_KEY}) ${cols} FROM ${stageOf(table)}
       ORDER BY ${AREA_KEY}, rev DESC, hlc COLLATE "C" DESC, origin COLLATE "C" DESC),
     up AS (
       INSERT INTO ${q(table)} AS t (${cols}) SELECT ${cols} FROM latest
       ON CONFLICT (${AREA_KEY}) DO UPDATE SET ${sets} WHERE ${newer}
       RETURNING (xmax = 0) AS added)
     SELECT count(*) FILTER (WHERE added) AS added, count(*) FILTER (WHERE NOT added) AS changed, (SELECT count(*) FROM latest) AS staged FROM up`,
  )
  const added = Number(res.rows[0].added)
  const changed = Number(res.rows[0].changed)
  return { added, changed, unchanged: Number(res.rows[0].staged) - added - changed }
}

/**
 * A complete section carries every row granted: the rows of the sender's it no longer
 * carries leave the warehouse — the rows it may change by the policy (its own scope, and the
 * scopes directly below it where the policy lets the office above write), whatever the
 * length of its code. Returns how many went and the kabupaten/kota they lay in.
 */
export async function withdraw(client: pg.Client, s: Pick<Section, 'name' | 'policy'>, sender: string, me: Party): Promise<{ count: number; kabs: string[] }> {
  // A sender sending up to an ancestor relays the rows of its area (policy `relays`).
  const relaying = isBelow(sender, me.wilayahCode) && grantTo(s.policy, me).rows !== 'none'
  const res = await client.query<{ n: string; kabs: string[] | null }>(
    `WITH gone AS (
       DELETE FROM ${q(s.name)} t
       WHERE ${writableSql('t', sender, s.policy.writers.change, relaying)}
         AND NOT EXISTS (SELECT 1 FROM ${stageOf(s.name)} st WHERE st.id = t.id AND ${sameKab('st', 't')})
       RETURNING t.scope)
     SELECT count(*) AS n, array_agg(DISTINCT substr(scope, 1, 5)) AS kabs FROM gone`,
  )
  return { count: Number(res.rows[0].n), kabs: res.rows[0].kabs ?? [] }
}

/** The bundle files of a folder (or the one file), oldest first per sender, so a folder loads in order. */
export function bundleFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .filter((f) => f.endsWith('.simpul'))
    .sort()
    .map((f) => join(path, f))
}
