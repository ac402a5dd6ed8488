import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import Database from 'better-sqlite3'
import { systemClock } from '../src/core/clock'
import { withBulk } from '../src/core/db/bulk'
import { openSqlite, type DbKey } from '../src/core/db/cipher'
import { openDatabase, SQLITE_CACHE_KIB } from '../src/core/db/open'
import { migrationsDir } from '../src/core/paths'
import { ms } from './types'

/** Rows of some tables, as read from a database: the input of both insert baselines. */
export interface TableRows {
  table: string
  cols: string[]
  rows: unknown[][]
}

export function readRows(sqlite: Database.Database, tables: string[]): TableRows[] {
  return tables.map((table) => {
    const stmt = sqlite.prepare(`SELECT * FROM "${table}"`).raw(true)
    return { table, cols: stmt.columns().map((c) => c.name), rows: stmt.all() as unknown[][] }
  })
}

export const rowCount = (data: TableRows[]) => data.reduce((n, d) => n + d.rows.length, 0)

export const BARE_LABEL = 'bare tables (primary key only, no other index, no trigger), same rows'

/** Rows/s of plain prepared inserts of `data` into `db`, one transaction. */
export function insertAll(db: Database.Database, data: TableRows[]): number {
  const start = process.hrtime.bigint()
  db.transaction(() => {
    for (const d of data) {
      const ins = db.prepare(`INSERT INTO "${d.table}" (${d.cols.map((c) => `"${c}"`).join(',')}) VALUES (${d.cols.map(() => '?').join(',')})`)
      for (const r of d.rows) ins.run(r)
    }
  })()
  return rowCount(data) / (ms(start) / 1000)
}

/**
 * The physical limit on this machine: the same rows into tables with the same columns and
 * nothing else (primary key only: no index, no check, no trigger), same pragmas as Simpul.
 */
export function bareInsertRate(data: TableRows[], dir: string, name = 'bare.sqlite', key?: DbKey): number {
  // With `key`: the same into a SQLCipher file as Simpul stores its data (each page encrypted and
  // authenticated), a reference beside the plain file's figure, never the baseline.
  const db = key ? openSqlite(join(dir, name), key) : new Database(join(dir, name))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma(`cache_size = ${SQLITE_CACHE_KIB}`)
    for (const d of data) db.exec(`CREATE TABLE "${d.table}" (${d.cols.map((c) => (c === 'id' ? `"id" TEXT PRIMARY KEY` : `"${c}"`)).join(', ')})`)
    return insertAll(db, data)
  } finally {
    db.close()
  }
}

/**
 * The same rows into an empty database with Simpul's whole schema (indexes, search-index
 * triggers); with `bulk`, in bulk mode as a first large bundle applies (src/core/db/bulk.ts:
 * triggers suspended, secondary indexes and the rows' search entries built once at the end,
 * inside the same transaction).
 */
export function fullSchemaInsertRate(data: TableRows[], dir: string, name = 'full.sqlite', bulk = false): number {
  const file = join(dir, name)
  const db = openDatabase({ file, migrationsDir: migrationsDir(), backupsDir: join(dir, `${name}-backups`), clock: systemClock }).sqlite
  try {
    if (!bulk) return insertAll(db, data)
    const start = process.hrtime.bigint()
    // As a first large bundle applies: the tables are empty, so their secondary indexes are built once.
    withBulk(db, data.map((d) => d.table), () => insertAll(db, data), { rebuildIndexes: data.map((d) => d.table) })
    return rowCount(data) / (ms(start) / 1000)
  } finally {
    db.close()
  }
}

/** The longest time this thread's event loop was blocked while `fn` ran (ms), with its causes (see MainThreadWatch). */
export async function longestBlock<T>(fn: () => Promise<T>): Promise<{ result: T; maxMs: number; watch: MainThreadReport }> {
  const h = monitorEventLoopDelay({ resolution: 10 })
  const watch = new MainThreadWatch()
  h.enable()
  try {
    const result = await fn()
    // Let the sampling timer fire once more, so a block just before the end is counted.
    await new Promise((r) => setTimeout(r, 30))
    return { result, maxMs: h.max / 1e6, watch: watch.stop() }
  } finally {
    h.disable()
    watch.stop()
  }
}

/** One late turn of the watch's timer: how long the loop was away, and how that time was spent. */
export interface BlockSplit {
  /** How much later than asked the timer fired (ms): the event-loop block. */
  lateMs: number
  /** CPU time this thread ran meanwhile (ms): our own work (callbacks, message decoding, GC on this thread). */
  cpuMs: number
  /** Time this thread was runnable but waiting for a CPU (ms): the operating system's scheduling, not our work. */
  waitMs: number
}

export interface MainThreadReport {
  /** The latest turn of the timer, split. */
  worst: BlockSplit
  /** The turn with the most CPU time of this thread: the longest piece of our own work. */
  worstCpu: BlockSplit
  /** Over the whole watch: this thread's CPU and run-queue wait (ms), its longest garbage collection pause (ms). */
  cpuMs: number
  waitMs: number
  wallMs: number
  gcMaxMs: number
  gcMs: number
  /** How many turns were late by more than 50 ms, and how many of those were mostly waiting for a CPU. */
  late50: number
  late50Waiting: number
}

/**
 * Splits this thread's event-loop delay into its own work and waiting for a CPU: a 5 ms timer,
 * and at each turn the thread's CPU time and run-queue wait from Linux's
 * /proc/self/task/<tid>/schedstat (nanoseconds; the main thread's tid is the pid). A block
 * that is all wait is the machine being busy, one that is all CPU is ours. Elsewhere than
 * Linux the split reads zero.
 */
export class MainThreadWatch {
  private readonly file = `/proc/self/task/${process.pid}/schedstat`
  private readonly timer: NodeJS.Timeout
  private readonly gc: PerformanceObserver
  private readonly t0 = process.hrtime.bigint()
  private readonly s0: [number, number]
  private last: bigint
  private lastStat: [number, number]
  private worst: BlockSplit = { lateMs: 0, cpuMs: 0, waitMs: 0 }
  private worstCpu: BlockSplit = { lateMs: 0, cpuMs: 0, waitMs: 0 }
  private gcMaxMs = 0
  private gcMs = 0
  private late50 = 0
  private late50Waiting = 0
  private report: MainThreadReport | null = null
  static readonly PERIOD_MS = 5

  constructor() {
    this.s0 = this.lastStat = this.stat()
    this.last = this.t0
    this.timer = setInterval(() => this.turn(), MainThreadWatch.PERIOD_MS)
    this.gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) ((this.gcMs += e.duration), (this.gcMaxMs = Math.max(this.gcMaxMs, e.duration)))
    })
    this.gc.observe({ entryTypes: ['gc'] })
  }

  private stat(): [number, number] {
    try {
      const [run, wait] = readFileSync(this.file, 'utf8').split(' ').map(Number)
      return [run / 1e6, wait / 1e6]
    } catch {
      return [0, 0]
    }
  }

  private turn() {
    const now = process.hrtime.bigint()
    const stat = this.stat()
    const split = { lateMs: Math.max(0, Number(now - this.last) / 1e6 - MainThreadWatch.PERIOD_MS), cpuMs: stat[0] - this.lastStat[0], waitMs: stat[1] - this.lastStat[1] }
    if (split.lateMs > this.worst.lateMs) this.worst = split
    if (split.cpuMs > this.worstCpu.cpuMs) this.worstCpu = split
    if (split.lateMs > 50) (this.late50++, split.waitMs > split.cpuMs && this.late50Waiting++)
    this.last = now
    this.lastStat = stat
  }

  stop(): MainThreadReport {
    if (this.report) return this.report
    clearInterval(this.timer)
    this.gc.disconnect()
    const s = this.stat()
    this.report = { worst: this.worst, worstCpu: this.worstCpu, cpuMs: s[0] - this.s0[0], waitMs: s[1] - this.s0[1], wallMs: Number(process.hrtime.bigint() - this.t0) / 1e6, gcMaxMs: this.gcMaxMs, gcMs: this.gcMs, late50: this.late50, late50Waiting: this.late50Waiting }
    return this.report
  }
}

const r0 = (n: number) => Math.round(n)
/**
 * Collects the garbage the benchmark's own set-up left on this thread (generated rows, an
 * in-process import), so a watch of the main thread starts from a heap like the window's
 * main process, which never holds such data. V8's gc() through its flag, without restarting node.
 */
export function collectSetupGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/** One line for a benchmark's notes. */
export function describeWatch(w: MainThreadReport): string {
  // What is neither: asleep although the timer was due (a lock held by a thread that waits for a CPU, a page fault on disk).
  const b = (s: BlockSplit) => `${r0(s.lateMs)} ms late = ${r0(s.cpuMs)} ms CPU + ${r0(s.waitMs)} ms waiting for a CPU + ${r0(Math.max(0, s.lateMs - s.cpuMs - s.waitMs))} ms neither`
  return `main thread: longest turn ${b(w.worst)}; most CPU in one turn ${b(w.worstCpu)}; over the import ${r0(w.cpuMs)} ms CPU and ${r0(w.waitMs)} ms waiting in ${r0(w.wallMs)} ms; GC longest ${w.gcMaxMs.toFixed(1)} ms (${r0(w.gcMs)} ms in all); turns late > 50 ms: ${w.late50}, of them mostly waiting: ${w.late50Waiting}`
}
