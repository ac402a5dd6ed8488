import type { Result } from '../../shared/result'
import type { Ctx } from '../context'
import type { Caller } from '../handlers'
import type { JobProgress } from '../jobs'

/** What a database worker is told when it starts (workerData). */
export interface WorkerInit {
  dataFile: string
  host: Ctx['host']
  migrationsDir?: string
  /** The window's worker waits briefly for a job's write lock, then says "busy" instead of freezing reads. */
  busyTimeoutMs?: number
  /** The database key (hex), unwrapped by the login that unlocked the database (people/unlock.ts). */
  keyHex?: string
  /** A higher nice value for this worker's thread (Linux only): see WorkerClientOptions.jobNice. */
  nice?: number
}

export type ToWorker =
  | { type: 'call'; id: number; op: string; input: unknown; caller: Caller; cancel?: SharedArrayBuffer }
  | { type: 'close' }

export type FromWorker =
  | { type: 'ready'; dataFile: string; dataDir: string; schemaVersion: number }
  | { type: 'failed'; error: { code: string; message: string; details?: unknown } }
  | { type: 'progress'; id: number; progress: JobProgress }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'closed' }
  /** This worker encrypted a plain database: the client starts further workers with the key. */
  | { type: 'key'; keyHex: string }
