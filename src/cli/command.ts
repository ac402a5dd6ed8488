import type { ParseArgsConfig } from 'node:util'
import type { Ctx } from '../core/context'
import type { DbKey } from '../core/db/cipher'
import type { OpName } from '../shared/contract'
import { parseRupiah } from '../shared/format'
import { AppError } from '../shared/result'

export type Options = NonNullable<ParseArgsConfig['options']>

export interface Run {
  /** Words after the command name (and sub-command, when there is one). */
  args: string[]
  values: Record<string, string | boolean | string[] | undefined>
  json: boolean
  dbFile: string
  /** Opens (creating and migrating if needed) the database named by --db, acting as the logged-in user. */
  ctx(): Ctx
  /** The database key the login unwrapped (null for a plain database). */
  dbKey(): DbKey | null
  /** The password from SIMPUL_PASSWORD or a prompt (for commands that create users). */
  password(purpose: string): Promise<string>
  /** Prints the result: JSON on stdout with --json, else the human text. */
  print(data: unknown, human: string | (() => string)): void
  /** Progress and notes go to stderr so --json output stays clean. */
  note(text: string): void
}

export interface Command {
  /** "init", or "check nik" for a command with a sub-command. */
  name: string
  summary: string
  usage: string
  options?: Options
  /**
   * Who may run it, in the contract's terms: the operations it performs (the logged-in
   * user's role must allow every one, as in the window), or 'none' for pure computation
   * and `serve` (whose window logs in itself). `bootstrap`: also runs without login while
   * the database has no user yet (creating the office and its first administrator).
   */
  access: 'none' | { ops: OpName[]; bootstrap?: boolean }
  run(run: Run): number | Promise<number>
}

/** Exit codes of DESIGN.md §8. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const

export class UsageError extends Error {}

/** Opens the database, runs `fn`, always closes: the shape of most commands. */
export async function withCtx<T>(r: Run, fn: (ctx: Ctx) => T | Promise<T>): Promise<T> {
  const ctx = r.ctx()
  try {
    return await fn(ctx)
  } finally {
    ctx.close()
  }
}

/**
 * A rupiah amount typed on the command line: "1.250.000", "1250000" and "Rp 1.250.000" are
 * one amount (the shared `parseRupiah`). Text that is no number at all, or nothing, is a usage
 * error (exit 2); a decimal or a negative amount is refused input (exit 1), never rounded.
 */
export function readAmount(text: string | undefined, what: string): number {
  if (text === undefined || text.trim() === '') throw new UsageError(`${what} belum diisi, contoh 1.250.000`)
  const n = parseRupiah(text)
  if (n !== null && n >= 0) return n
  if (n !== null) throw new AppError('INVALID_AMOUNT', `${what} tidak boleh negatif (${text}).`)
  const bare = text.trim().replace(/^rp\.?\s*/i, '')
  if (/^\d[\d.]*,\d+$/.test(bare) || /^\d+(\.\d{3})*\.\d{1,2}$/.test(bare)) {
    throw new AppError('INVALID_AMOUNT', `${what} "${text}" berisi pecahan rupiah; uang ditulis dalam rupiah bulat, misalnya 1.250.000 atau 1250000.`)
  }
  throw new UsageError(`${what} "${text}" bukan jumlah rupiah; tulis bilangan bulat rupiah, misalnya 1.250.000 atau 1250000`)
}
