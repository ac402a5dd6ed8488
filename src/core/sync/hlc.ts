import type Database from 'better-sqlite3'
import type { Clock } from '../clock'

/**
 * Hybrid logical clock, as a string that sorts correctly: 15-digit wall-clock
 * milliseconds, then a 6-digit counter. The last value lives in `meta`, so the window,
 * the host and the command line on one database never hand out the same or an older one.
 */
export const HLC_ZERO = '000000000000000-000000'
const MAX_MS = 10 ** 15 - 1

export function formatHlc(ms: number, counter: number): string {
  return `${String(ms).padStart(15, '0')}-${String(counter).padStart(6, '0')}`
}

export function parseHlc(hlc: string): { ms: number; counter: number } {
  const m = /^(\d{15})-(\d{6})$/.exec(hlc)
  if (!m) throw new Error(`HLC tidak sah: ${hlc}`)
  return { ms: Number(m[1]), counter: Number(m[2]) }
}

/** Next timestamp for a local change; call inside the write transaction. */
export function nextHlc(sqlite: Database.Database, clock: Clock): string {
  const last = parseHlc(readLast(sqlite))
  const wall = clock.now().getTime()
  // The counter has six digits: past them the clock moves on a millisecond, so no value
  // (not even a forged one that got in before clock checks existed) can stop local saves.
  // A clock at the very end of the range can only come from a forged row: start again from the wall clock.
  const next =
    wall > last.ms || last.ms >= MAX_MS ? formatHlc(wall, 0) : last.counter < 999999 ? formatHlc(last.ms, last.counter + 1) : formatHlc(last.ms + 1, 0)
  writeLast(sqlite, next)
  return next
}

/** Moves the clock past a timestamp seen in an incoming row, so later local edits win over it. */
export function observeHlc(sqlite: Database.Database, remote: string): void {
  if (remote > readLast(sqlite)) writeLast(sqlite, remote)
}

function readLast(sqlite: Database.Database): string {
  const row = sqlite.prepare(`SELECT value FROM meta WHERE key = 'hlc_last'`).get() as { value: string } | undefined
  return row?.value ?? HLC_ZERO
}

function writeLast(sqlite: Database.Database, value: string): void {
  sqlite.prepare(`INSERT INTO meta(key, value) VALUES ('hlc_last', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(value)
}
