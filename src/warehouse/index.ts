import type pg from 'pg'
import type { Ctx } from '../core/context'
import { readBundleHeader } from '../core/exchange/stages/header'
import { localSummaryInputs, wilayahName } from '../core/province/service'
import { assembleSummary, perProvince, type BundleSummaryRow, type KaderSummaryRow, type ProvinceSummary, type ReportsSummaryRow, type SetSummaryRow, type StrataSummaryRow } from '../core/province/summary'
import { getSetting, setSetting } from '../core/settings'
import { officeParty } from '../core/write'
import { NATIONAL_CODE } from '../shared/area'
import { AppError } from '../shared/result'
import { applyBundle, bundleFiles, prepareBundle, type LoadReport, type PreparedBundle } from './load'
import { connect, initSchema, LOAD_LOG, SUMMARY_TABLES } from './schema'

export { loadBundle, type LoadReport } from './load'
export { connect, initSchema } from './schema'
export { PG_SETTING }

/**
 * A warehouse is an office like any other — its own keys and enrolled offices in a Simpul
 * database (the `--db` file) — whose data lives in PostgreSQL. This file keeps the
 * connection string in that office database's settings.
 */
const PG_SETTING = 'warehouse.pg_url'

export async function warehouseInit(ctx: Ctx, url: string): Promise<{ tables: string[] }> {
  const client = await connect(url)
  try {
    const tables = await initSchema(client, ctx.sqlite, officeParty(ctx.sqlite))
    setSetting(ctx.sqlite, PG_SETTING, url)
    return { tables }
  } finally {
    await client.end()
  }
}

/** A connection to the office's warehouse (the server `warehouse init` named). */
export async function connectWarehouse(ctx: Ctx): Promise<pg.Client> {
  const url = getSetting(ctx.sqlite, PG_SETTING)
  if (!url) throw new AppError('WAREHOUSE_NOT_READY', 'Gudang data belum disiapkan untuk kantor ini. Jalankan dulu: simpul warehouse init --pg <url>.')
  return connect(url)
}

export async function withWarehouse<T>(ctx: Ctx, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connectWarehouse(ctx)
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export interface FolderLoad {
  loaded: LoadReport[]
  /** Bundles already in the warehouse (or older than one in it): nothing to do. */
  skipped: { file: string; reason: string }[]
  refused: { file: string; reason: string }[]
  /** A parallel load's loader processes: their pid and peak memory (VmHWM, bytes). */
  workers?: { pid: number; peakRss: number }[]
}

export interface LoadOptions {
  holdBeforeCommitMs?: number
  note?: (text: string) => void
  /**
   * Loader processes for a folder (`warehouse load --jobs`): each takes whole senders, in
   * sequence order, on its own PostgreSQL connection (src/warehouse/parallel.ts). 1 (the
   * default here; the command's default is one per core): this process alone.
   */
  jobs?: number
}

/** What one bundle of a load came to. */
export type BundleOutcome = { kind: 'loaded'; file: string; report: LoadReport } | { kind: 'skipped' | 'refused'; file: string; reason: string }

/** The bundle files in sender-and-sequence order (a file whose header cannot be read goes last, to be refused in its turn). */
export function loadOrder(files: string[]): { file: string; sender: string }[] {
  const order = files.map((file) => {
    try {
      const m = readBundleHeader(file).manifest
      return { file, sender: m.from.code, key: `${m.from.code}\u0000${String(m.seq).padStart(10, '0')}` }
    } catch {
      return { file, sender: '', key: '\uffff' }
    }
  })
  order.sort((a, b) => a.key.localeCompare(b.key))
  return order.map(({ file, sender }) => ({ file, sender }))
}

/** Loads a file, or every bundle of a folder in sender-and-sequence order; one transaction per bundle. */
export async function warehouseLoad(ctx: Ctx, path: string, opts: LoadOptions = {}): Promise<FolderLoad> {
  const files = bundleFiles(path)
  const order = loadOrder(files)
  if ((opts.jobs ?? 1) > 1 && new Set(order.map((o) => o.sender)).size > 1) {
    const { parallelLoad } = await import('./parallel')
    return parallelLoad([{ ctx, order }], opts.jobs!, opts)
  }
  const out: FolderLoad = { loaded: [], skipped: [], refused: [] }
  await withWarehouse(ctx, (client) =>
    loadInOrder(ctx, client, order.map((o) => o.file), opts, (r) => {
      if (r.kind === 'loaded') out.loaded.push(r.report)
      else out[r.kind].push({ file: r.file, reason: r.reason })
    }, files.length === 1),
  )
  return out
}

/**
 * The folders of several warehouse offices into one warehouse (the national one: 38 province
 * offices) over `jobs` loader processes shared by all of them; with one job, office by office here.
 */
export async function warehouseLoadOffices(list: { ctx: Ctx; path: string }[], opts: LoadOptions = {}): Promise<FolderLoad> {
  if ((opts.jobs ?? 1) > 1) {
    const { parallelLoad } = await import('./parallel')
    return parallelLoad(list.map(({ ctx, path }) => ({ ctx, order: loadOrder(bundleFiles(path)) })), opts.jobs!, opts)
  }
  const out: FolderLoad = { loaded: [], skipped: [], refused: [] }
  for (const { ctx, path } of list) {
    const one = await warehouseLoad(ctx, path, opts)
    out.loaded.push(...one.loaded)
    out.skipped.push(...one.skipped)
    out.refused.push(...one.refused)
  }
  return out
}

/**
 * Loads bundles in the order given, one transaction each, on one connection. A refusal is
 * reported and the next bundle goes on; `single` (one file named alone): its refusal throws.
 */
export async function loadInOrder(ctx: Ctx, client: pg.Client, files: string[], opts: LoadOptions, onOutcome: (r: BundleOutcome) => void, single = false): Promise<void> {
  // The last sequence loaded per sender, kept current as bundles commit.
  const last = new Map((await client.query<{ peer_code: string; seq: number }>(`SELECT peer_code, max(seq) AS seq FROM ${LOAD_LOG} GROUP BY peer_code`)).rows.map((r) => [r.peer_code, r.seq]))
  // The next bundle's checks (JavaScript, this process) run while the one before is in its
  // PostgreSQL transaction (the server's work): the loader and the server work at once.
  // `files` may grow while the load goes on (a loader process is handed its next sender: worker.ts).
  const prepare = (i: number) => {
    if (i >= files.length) return null
    const p = prepareBundle(ctx, files[i], (sender) => last.get(sender) ?? 0)
    p.catch(() => undefined) // awaited in its turn
    return p
  }
  let next = prepare(0)
  for (let i = 0; i < files.length; i++) {
    const file = files[i]
    const current = next ?? (prepare(i) as Promise<PreparedBundle>)
    next = null
    try {
      const prepared = await current
      next = prepare(i + 1)
      const r = await applyBundle(ctx, client, prepared, opts)
      last.set(r.from, r.seq)
      onOutcome({ kind: 'loaded', file, report: r })
      opts.note?.(`${file}: dimuat (${r.rows} baris dari ${r.from} #${r.seq})`)
    } catch (e) {
      next ??= prepare(i + 1)
      if (!(e instanceof AppError)) throw e
      const kind = e.code === 'BUNDLE_ALREADY_IMPORTED' || e.code === 'BUNDLE_OLDER' ? 'skipped' : 'refused'
      onOutcome({ kind, file, reason: e.message })
      opts.note?.(`${file}: ${e.message}`)
      // One file named alone: its refusal is the command's answer.
      if (single) throw e
    }
  }
}

/** The province figures from the warehouse's summary tables (kept current by every load). */
export async function warehouseSummary(ctx: Ctx, client: Pick<pg.ClientBase, 'query'>, year: number): Promise<ProvinceSummary> {
  const me = officeParty(ctx.sqlite)
  const name = wilayahName(ctx.sqlite)
  const { peers, opts } = localSummaryInputs(ctx)
  return summaryFromWarehouse(client, year, { code: me.wilayahCode, name: name(me.wilayahCode) }, name, { peers, ...opts })
}

/** What the office database adds to the warehouse's rows: its enrolled kabupaten/kota, the clock, the stale setting. */
export interface LocalInputs {
  peers: string[]
  now: Date
  staleAfterDays: number
}

/**
 * The same figures for any area (a province, or a kabupaten over itself), read from the
 * summary tables and the load log: only that area's rows, assembled by the desktop's own
 * `assembleSummary` — at the national office (ID) per province, as `provinceSummary` does.
 */
export async function summaryFromWarehouse(client: Pick<pg.ClientBase, 'query'>, year: number, area: { code: string; name: string }, nameOf: (code: string) => string, local?: LocalInputs): Promise<ProvinceSummary> {
  const national = area.code === NATIONAL_CODE
  const within = national ? '' : `WHERE kab = $1 OR left(kab, length($1) + 1) = $1 || '.'`
  const params = national ? [] : [area.code]
  // One connection answers one query at a time.
  const kader = await client.query<KaderSummaryRow>(`SELECT * FROM ${SUMMARY_TABLES.kader} ${within}`, params)
  const strata = await client.query<StrataSummaryRow>(`SELECT * FROM ${SUMMARY_TABLES.strata} ${within}`, params)
  const sets = await client.query<SetSummaryRow>(`SELECT * FROM ${SUMMARY_TABLES.sets} ${within}`, params)
  const reports = await client.query<ReportsSummaryRow>(`SELECT * FROM ${SUMMARY_TABLES.reports} ${within}`, params)
  // The last bundle loaded from each office: the warehouse's counterpart of the desktop's bundle_log.
  const bundles = await client.query<BundleSummaryRow>(
    `SELECT * FROM (SELECT DISTINCT ON (peer_code) peer_code AS kab, seq, created_at, received_at FROM ${LOAD_LOG} ORDER BY peer_code, seq DESC) b ${within}`,
    params,
  )
  const rows = { kader: kader.rows, strata: strata.rows, sets: sets.rows, reports: reports.rows }
  return assembleSummary(
    year,
    area,
    { ...(national ? perProvince(rows) : rows), bundles: bundles.rows, peers: local?.peers },
    nameOf,
    { ...(local ? { now: local.now, staleAfterDays: local.staleAfterDays } : {}), unit: national ? 'provinsi' : 'kabupaten' },
  )
}
