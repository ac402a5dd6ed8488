import { AsyncLocalStorage } from 'node:async_hooks'
import { AppError } from '../shared/result'
import { msg } from '../shared/messages'

/**
 * A long call (bundle import/export, spreadsheet import, demo data, reports) reports how far
 * it is and asks whether the person cancelled. The database worker gives every call such a
 * signal (progress goes to the main thread as a message; cancel is a shared flag the worker
 * can read while it is busy in SQLite); in-process callers (CLI, tests) may give none.
 */
export interface JobProgress {
  phase: string
  [k: string]: unknown
}

export interface JobSignal {
  progress(p: JobProgress): void
  cancelled(): boolean
}

const current = new AsyncLocalStorage<JobSignal>()

export function runWithJob<T>(signal: JobSignal, fn: () => T): T {
  return current.run(signal, fn)
}

/** The signal of the call running now, if its caller gave one. */
export function currentJob(): JobSignal | undefined {
  return current.getStore()
}

export function reportProgress(p: JobProgress): void {
  current.getStore()?.progress(p)
}

export const jobCancelledError = () => new AppError('JOB_CANCELLED', msg('core.jobCancelled'))

/** Throws the cancel refusal when the person cancelled; call it between batches. */
export function throwIfCancelled(): void {
  if (current.getStore()?.cancelled()) throw jobCancelledError()
}
