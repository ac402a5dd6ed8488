import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'

const MAX_BYTES = 1024 * 1024
const KEEP = 5

/**
 * Logs never hold personal data: 16-digit runs (NIK) and long digit runs (bank accounts,
 * NPWP) are masked before a line is written, whatever the caller passed.
 */
export function scrub(text: string): string {
  return text
    .replace(/\d{16}/g, '[NIK]')
    .replace(/\d[\d.\-\s]{8,}\d/g, (m) => (m.replace(/\D/g, '').length >= 9 ? '[ANGKA]' : m))
}

export interface Logger {
  info(msg: string): void
  warn(msg: string): void
  error(msg: string, err?: unknown): void
  dir: string
}

/** A small rotating file log: simpul.log, then simpul.1.log … simpul.5.log. */
export function createLogger(dir: string, clock: { now(): Date } = { now: () => new Date() }): Logger {
  const file = join(dir, 'simpul.log')
  const write = (level: string, msg: string) => {
    try {
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 })
      if (existsSync(file) && statSync(file).size > MAX_BYTES) rotate(dir)
      appendFileSync(file, `${clock.now().toISOString()} ${level} ${scrub(msg).replace(/\n/g, '\n    ')}\n`, { mode: 0o600 })
    } catch {
      /* logging must never break the app */
    }
  }
  return {
    dir,
    info: (m) => write('INFO', m),
    warn: (m) => write('WARN', m),
    error: (m, e) => write('ERROR', e ? `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : m),
  }
}

function rotate(dir: string): void {
  rmSync(join(dir, `simpul.${KEEP}.log`), { force: true })
  for (let i = KEEP - 1; i >= 1; i--) {
    const from = join(dir, `simpul.${i}.log`)
    if (existsSync(from)) renameSync(from, join(dir, `simpul.${i + 1}.log`))
  }
  renameSync(join(dir, 'simpul.log'), join(dir, 'simpul.1.log'))
}

export function readLogs(dir: string): { name: string; text: string }[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((n) => /^simpul(\.\d+)?\.log$/.test(n))
    .map((name) => ({ name, text: scrub(readFileSync(join(dir, name), 'utf8')) }))
}
