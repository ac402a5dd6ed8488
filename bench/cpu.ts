import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (100 on Linux). */
const TICKS = 100

/** CPU seconds used so far by each live process of a tree, from /proc. */
export function treeCpuByPid(rootPid: number): Map<number, number> {
  const parent = new Map<number, number>()
  const cpu = new Map<number, number>()
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      // The command name (field 2) may hold spaces: fields after its closing parenthesis.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parent.set(Number(d), Number(f[1]))
      cpu.set(Number(d), (Number(f[11]) + Number(f[12])) / TICKS)
    } catch {
      // gone between the listing and the read
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === rootPid) return true
    return false
  }
  return new Map([...cpu].filter(([pid]) => inTree(pid)))
}

/** CPU milliseconds used so far by a process and its live descendants. */
export const treeCpuMsNow = (rootPid: number) => [...treeCpuByPid(rootPid).values()].reduce((a, b) => a + b, 0) * 1000

/**
 * CPU seconds of a process tree (the loader and its workers, or the PostgreSQL server and its
 * backends), sampled from /proc every `everyMs`: each process's last seen user + system time,
 * so a backend that ends keeps what it used up to the last sample before its end.
 */
export function treeCpu(rootPid: number, everyMs = 200) {
  const seen = new Map<number, number>()
  const sample = () => {
    for (const [pid, t] of treeCpuByPid(rootPid)) seen.set(pid, Math.max(seen.get(pid) ?? 0, t))
  }
  sample()
  const base = new Map(seen)
  const timer = setInterval(sample, everyMs)
  return {
    /** CPU seconds used since the start, by the processes of the tree. */
    stop(): number {
      clearInterval(timer)
      sample()
      let s = 0
      for (const [pid, t] of seen) s += t - (base.get(pid) ?? 0)
      return s
    },
  }
}
