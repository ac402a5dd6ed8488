/** Time comes in as an argument so tests can fix it. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) })

/** Local calendar date as YYYY-MM-DD. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** Compact local timestamp for file names: 20261125-153012. */
export function fileStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${isoDate(d).replaceAll('-', '')}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}
