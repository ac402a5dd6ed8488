import type { ParseArgsConfig } from 'node:util'
import type { Ctx } from '../core/context'

export type Options = NonNullable<ParseArgsConfig['options']>

export interface Run {
  /** Words after the command name (and sub-command, when there is one). */
  args: string[]
  values: Record<string, string | boolean | string[] | undefined>
  json: boolean
  dbFile: string
  /** Opens (creating and migrating if needed) the database named by --db. */
  ctx(): Ctx
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
