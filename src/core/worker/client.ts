import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ImportProgress } from '../../shared/contract/exchange'
import { fail, ok, type Result } from '../../shared/result'
import type { Ctx } from '../context'
import { dispatch, type Caller } from '../handlers'
import { jobCancelledError, runWithJob, type JobProgress } from '../jobs'
import { appRoot, bundledFile, ensurePrivateDir } from '../paths'
import { fileState } from '../db/cipher'
import { readKeyring } from '../people/keyring'
import { unlockWithPassword, unlockWithRecovery } from '../people/unlock'
import { AppError } from '../../shared/result'
import type { FromWorker, ToWorker, WorkerInit } from './protocol'
import { msg } from '../../shared/messages'

export interface CallOptions {
  /** Progress of a long call (bundle import: phase, bytes and rows). */
  onProgress?: (p: JobProgress) => void
  /** Aborting cancels the call at its next check; the database is left unchanged. */
  signal?: AbortSignal
}

/** How the window, the host and the tests call the handler table: the same Result either way. */
export interface OpClient {
  readonly dataFile: string
  readonly dataDir: string
  call(op: string, input: unknown, caller?: Caller, opts?: CallOptions): Promise<Result<unknown>>
  close(): Promise<void>
}

/**
 * Calls that can run for seconds or minutes. They run in a second worker with its own
 * connection, so the window's reads keep being answered by the first one (WAL lets a
 * reader work beside a writer), and they report progress and can be cancelled.
 */
export const LONG_OPS: ReadonlySet<string> = new Set([
  'exchange.bundleDryRun',
  'exchange.bundleApply',
  'exchange.bundleExport',
  'registry.importPreview',
  'registry.importApply',
  'registry.importErrors',
  'forms.importPreview',
  'forms.importApply',
  // Every report of every year of a kabupaten's posyandu (the outliers' history).
  'forms.quality',
  'registry.exportXlsx',
  'registry.demo',
  'evaluation.report',
  'evaluation.reportPrint',
  'evaluation.recap',
  'evaluation.exportXlsx',
  'honor.exportXlsx',
  'programme.puskesosExport',
  'app.diagnostics',
])

const IMPORT_OPS = new Set(['exchange.bundleDryRun', 'exchange.bundleApply'])

/** Runs the handler table in this thread (CLI, tests of one service); same contract as the worker. */
export function inProcessClient(ctx: Ctx): OpClient {
  return {
    get dataFile() {
      return ctx.dataFile
    },
    get dataDir() {
      return ctx.dataDir
    },
    call: (op, input, caller = {}, opts = {}) =>
      runWithJob({ progress: (p) => opts.onProgress?.(p), cancelled: () => !!opts.signal?.aborted }, () => dispatch(ctx, op, input, caller)),
    close: async () => ctx.close(),
  }
}

export interface WorkerClientOptions {
  dataFile: string
  host: Ctx['host']
  migrationsDir?: string
  /** The worker script: out/main/worker.js in the Electron build; by default the TypeScript sources via tsx. */
  workerFile?: string
  /**
   * The job worker's nice value (Linux; 0, the usual priority, by default). Measured with
   * bench/main-block.ts on the busy 2-core machine (issue 17): nice 10 made the import about
   * 30 % slower and did not shorten the main thread's waits for a CPU reliably, so it is off.
   */
  jobNice?: number
}

/** The worker bundled beside the bundled command line (out/cli), else the TypeScript entry through tsx. */
export function defaultWorkerFile(): string {
  return bundledFile('worker') ?? join(appRoot(), 'src', 'core', 'worker', 'boot.mjs')
}

type Pending = { resolve: (r: Result<unknown>) => void; onProgress?: (p: JobProgress) => void }

/** One worker thread owning one SQLite connection. */
class DbWorker {
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private dead: string | null = null
  readonly ready: Promise<{ dataFile: string; dataDir: string; schemaVersion: number }>
  private closed: Promise<void>

  constructor(
    file: string,
    init: WorkerInit,
    private readonly onKey: (keyHex: string) => void = () => {},
  ) {
    this.worker = new Worker(file, { workerData: init })
    let readyResolve!: (v: { dataFile: string; dataDir: string; schemaVersion: number }) => void
    let readyReject!: (e: Error) => void
    this.ready = new Promise((res, rej) => ((readyResolve = res), (readyReject = rej)))
    this.ready.catch(() => {})
    this.closed = new Promise((res) => this.worker.once('exit', () => res()))
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') readyResolve(m)
      else if (m.type === 'failed') readyReject(Object.assign(new Error(m.error.message), { code: m.error.code, details: m.error.details }))
      else if (m.type === 'progress') this.pending.get(m.id)?.onProgress?.(m.progress)
      else if (m.type === 'key') this.onKey(m.keyHex)
      else if (m.type === 'result') {
        const p = this.pending.get(m.id)
        this.pending.delete(m.id)
        p?.resolve(m.result)
      }
    })
    const die = (why: string) => {
      if (this.dead) return
      this.dead = why
      readyReject(new Error(why))
      for (const p of this.pending.values()) p.resolve(fail('WORKER_STOPPED', msg('core.workerStopped', { why })))
      this.pending.clear()
    }
    this.worker.on('error', (e) => die(e.message))
    this.worker.on('exit', (code) => die(`keluar dengan kode ${code}`))
  }

  get alive(): boolean {
    return !this.dead
  }

  get busy(): boolean {
    return this.pending.size > 0
  }

  async call(op: string, input: unknown, caller: Caller, onProgress?: (p: JobProgress) => void, cancel?: SharedArrayBuffer): Promise<Result<unknown>> {
    try {
      await this.ready
    } catch (e) {
      const err = e as Error & { code?: string; details?: unknown }
      return fail(err.code ?? 'WORKER_STOPPED', err.message, err.details)
    }
    if (this.dead) return fail('WORKER_STOPPED', msg('core.workerStopped', { why: this.dead }))
    const id = this.nextId++
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress })
      this.post({ type: 'call', id, op, input, caller, cancel })
    })
  }

  private post(m: ToWorker) {
    this.worker.postMessage(m)
  }

  /** Closes the connection cleanly (so the file can be replaced), then ends the thread. */
  async close(): Promise<void> {
    if (!this.dead) {
      this.post({ type: 'close' })
      const timer = setTimeout(() => void this.worker.terminate(), 10_000)
      await this.closed
      clearTimeout(timer)
    }
  }
}

interface RunningJob {
  op: string
  startedAt: number
  progress: JobProgress | null
  cancel: Int32Array
}

/**
 * The client the Electron main process and the headless host use: every call is a message
 * to a database worker; nothing here touches SQLite. Ordinary calls go to the first worker;
 * LONG_OPS go to a second one started on first use, so reads stay answered meanwhile.
 * `exchange.progress` and `exchange.cancel` are answered here from the job's messages,
 * because the job's thread may be busy inside one SQLite transaction.
 */
export class WorkerClient implements OpClient {
  /** Null while the database is locked (encrypted, nobody logged in yet) or not created yet. */
  private main: DbWorker | null
  private jobWorker: DbWorker | null = null
  private readonly running = new Set<RunningJob>()
  private lastImport: RunningJob | null = null
  dataFile: string
  dataDir: string

  private constructor(
    private readonly file: string,
    private init: WorkerInit,
    ready: { dataFile: string; dataDir: string },
    main: DbWorker | null,
    private readonly jobNice: number,
  ) {
    this.main = main
    this.dataFile = ready.dataFile
    this.dataDir = ready.dataDir
  }

  /**
   * Starts the first worker and waits until its database is open (migrated, checked). An
   * encrypted database stays closed until the first login unwraps its key (like a disk
   * unlock); a database not created yet is created by the first call, so a command line run
   * meanwhile (`simpul init`) has the file to itself.
   */
  static async start(opts: WorkerClientOptions): Promise<WorkerClient> {
    const file = opts.workerFile ?? defaultWorkerFile()
    if (!existsSync(file)) throw new Error(`Berkas worker basis data tidak ada: ${file}`)
    // Reads of the window never wait long behind a job's write lock: they do not take it (WAL);
    // a save during a long import waits one second, then gets a clear "busy" message.
    const init: WorkerInit = { dataFile: opts.dataFile, host: opts.host, migrationsDir: opts.migrationsDir, busyTimeoutMs: 1000 }
    const jobNice = opts.jobNice ?? 0
    if (fileState(opts.dataFile) !== 'plain') {
      const dataFile = resolve(opts.dataFile)
      return new WorkerClient(file, init, { dataFile, dataDir: ensurePrivateDir(dirname(dataFile)) }, null, jobNice)
    }
    const client = new WorkerClient(file, init, { dataFile: opts.dataFile, dataDir: dirname(opts.dataFile) }, null, jobNice)
    const main = client.newWorker(init)
    try {
      const ready = await main.ready
      client.main = main
      client.dataFile = ready.dataFile
      client.dataDir = ready.dataDir
      return client
    } catch (e) {
      await main.close()
      throw e
    }
  }

  private newWorker(init: WorkerInit): DbWorker {
    return new DbWorker(this.file, init, (keyHex) => {
      // The database was just encrypted: every later worker opens it with the key.
      this.init = { ...this.init, keyHex }
    })
  }

  /**
   * Calls while the database is locked: the login and the recovery code unwrap the key and open
   * the database; the start screens get what the keyring tells (the office's name); anything else waits.
   */
  private async lockedCall(op: string, input: unknown, caller: Caller): Promise<Result<unknown>> {
    const i = (input ?? {}) as Record<string, unknown>
    const text = (v: unknown) => (typeof v === 'string' ? v : '')
    try {
      if (op === 'people.login' || op === 'people.recover') {
        const key =
          op === 'people.login'
            ? await unlockWithPassword(this.dataFile, text(i.username), text(i.password))
            : await unlockWithRecovery(this.dataFile, text(i.code))
        this.init = { ...this.init, keyHex: key.toString('hex') }
        const result = await this.mainWorker().call(op, input, caller)
        if (!result.ok) {
          // The users table refused (a deactivated account with a stale wrap): lock again.
          await this.main?.close()
          this.main = null
          this.init = { ...this.init, keyHex: undefined }
        }
        return result
      }
      if (op === 'people.whoami') return ok({ user: null, hasUsers: true, locked: true })
      if (op === 'people.logout') return ok({ ok: true })
      if (op === 'office.get') {
        const office = readKeyring(this.dataFile)?.office
        return ok(office ? { ...office, deviceId: '' } : { id: '', wilayahCode: '', name: 'Simpul', level: 'kecamatan', deviceId: '', createdAt: '', provinsi: '', kabupaten: '', kecamatan: null })
      }
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.msg ?? e.message, e.details)
      throw e
    }
    return fail('DB_KEY_REQUIRED', msg('db.locked'))
  }

  /** Long calls running now, with their last progress. */
  jobs(): { op: string; startedAt: number; progress: JobProgress | null }[] {
    return [...this.running].map(({ op, startedAt, progress }) => ({ op, startedAt, progress }))
  }

  async call(op: string, input: unknown, caller: Caller = {}, opts: CallOptions = {}): Promise<Result<unknown>> {
    if (!this.main?.alive && !this.init.keyHex && fileState(this.dataFile) === 'encrypted') return this.lockedCall(op, input, caller)
    if (!this.init.keyHex && (op === 'people.login' || op === 'people.firstAdmin' || op === 'office.setup') && !this.running.size) {
      // These may encrypt a plain database, which needs the only connection to it.
      await this.jobWorker?.close()
      this.jobWorker = null
    }
    if (op === 'exchange.progress') {
      const job = this.lastImport
      if (!job?.progress) return ok(null)
      const p = job.progress as unknown as ImportProgress
      return ok(this.running.has(job) ? p : { ...p, phase: 'selesai' })
    }
    if (op === 'exchange.cancel') {
      const job = [...this.running].find((j) => IMPORT_OPS.has(j.op))
      if (!job) return ok({ cancelled: false })
      Atomics.store(job.cancel, 0, 1)
      return ok({ cancelled: true })
    }
    if (op === 'backup.restore') {
      // Restoring replaces the file: no other connection may be open on it.
      if (this.running.size) return fail('JOB_BUSY', msg('backup.jobBusy'))
      await this.jobWorker?.close()
      this.jobWorker = null
      return this.mainWorker().call(op, input, caller)
    }
    if (!LONG_OPS.has(op)) return this.mainWorker().call(op, input, caller)
    return this.runJob(op, input, caller, opts)
  }

  /** The first worker; started again if it died (the call that was running got WORKER_STOPPED). */
  private mainWorker(): DbWorker {
    if (!this.main?.alive) this.main = this.newWorker(this.init)
    return this.main
  }

  private async runJob(op: string, input: unknown, caller: Caller, opts: CallOptions): Promise<Result<unknown>> {
    // The job worker waits the usual 5 s for a lock (a short save of the window), never fails fast.
    if (!this.jobWorker?.alive) this.jobWorker = this.newWorker({ ...this.init, busyTimeoutMs: undefined, nice: this.jobNice })
    const shared = new SharedArrayBuffer(4)
    const job: RunningJob = { op, startedAt: Date.now(), progress: null, cancel: new Int32Array(shared) }
    const onAbort = () => Atomics.store(job.cancel, 0, 1)
    if (opts.signal?.aborted) {
      const e = jobCancelledError()
      return fail(e.code, e.message)
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    this.running.add(job)
    if (IMPORT_OPS.has(op)) this.lastImport = job
    try {
      return await this.jobWorker.call(op, input, caller, (p) => ((job.progress = p), opts.onProgress?.(p)), shared)
    } finally {
      this.running.delete(job)
      opts.signal?.removeEventListener('abort', onAbort)
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.main?.close(), this.jobWorker?.close()])
  }
}

/** Where the Electron build puts the worker: beside the bundled main (out/main/worker.js). */
export const builtWorkerFile = (mainDir: string) => join(mainDir, 'worker.js')
