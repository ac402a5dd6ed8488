import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * Gives this thread (not the whole process) a higher nice value. On Linux a nice value belongs
 * to a thread and setpriority(2) takes a thread id, which /proc/thread-self names. Off unless
 * asked for (WorkerClientOptions.jobNice says what it measured). Elsewhere (Windows, macOS)
 * this does nothing: there os.setPriority would change the whole process.
 */
export function lowerThreadPriority(nice: number): void {
  if (process.platform !== 'linux') return
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (tid && tid !== process.pid) setPriority(tid, nice)
  } catch {
    // No /proc (a sandbox): the job runs at the usual priority.
  }
}
