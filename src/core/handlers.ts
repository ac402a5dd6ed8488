import { z } from 'zod'
import { contract, isOpName, type OpName, type Output, type ParsedInput } from '../shared/contract'
import { AppError, fail, ok, type Result } from '../shared/result'
import { issueMsg, msg, type Msg } from '../shared/messages'
import { appHandlers } from './app/handlers'
import { exchangeHandlers } from './exchange/handlers'
import { registryHandlers } from './registry/handlers'
import type { Ctx } from './context'
import { failureFor } from './failures'
import { regulationHandlers } from './regulation/handlers'
import { evaluationHandlers } from './evaluation/handlers'
import { honorHandlers } from './honor/handlers'
import { programmeHandlers } from './programme/handlers'
import { formsHandlers } from './forms/handlers'
import { peopleHandlers } from './people/handlers'
import { reportHandlers } from './evaluation/approval'
import { runAs, type Actor } from './people/actor'
import { actorOf } from './people/users'
import { allowed, isPublicOp, ROLE_LABEL, rolesFor } from '../shared/contract/roles'
import { provinceHandlers } from './province/handlers'

z.config(z.locales.id())

/** Who is calling: the host and the Electron main pass the user of the session, null when nobody is logged in. */
export interface Caller {
  userId?: string | null
}

export type Handler<K extends OpName> = (input: ParsedInput<K>, ctx: Ctx, caller?: Caller) => Output<K> | Promise<Output<K>>
export type Handlers = { [K in OpName]: Handler<K> }

/**
 * The one table of handlers behind the Electron IPC adapter, the headless host and
 * the tests. Each area contributes its own object; TypeScript checks none is missing.
 */
export const handlers: Handlers = {
  ...appHandlers,
  ...regulationHandlers,
  ...exchangeHandlers,
  ...evaluationHandlers,
  ...honorHandlers,
  ...programmeHandlers,
  ...registryHandlers,
  ...formsHandlers,
  ...peopleHandlers,
  ...reportHandlers,
  ...provinceHandlers,
}

/** Formats zod issues as one Indonesian sentence per field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ')
}

/**
 * The same issues by key, one message each ("path: text" as op.problem), read like
 * describeIssues; null when one has no key (zod's own words, in its Indonesian locale), so
 * an English screen says "some fields are not valid" by the code instead.
 */
export function issueMsgs(error: z.ZodError): Msg[] | null {
  const out: Msg[] = []
  for (const i of error.issues) {
    const m = issueMsg(i as { message: string; params?: Record<string, unknown> })
    if (!m) return null
    out.push(i.path.length ? msg('op.problem', { column: i.path.join('.'), text: m }) : m)
  }
  return out
}

/**
 * zod issues as field details: the path, the Indonesian message and, where the schema's
 * message has a key, that key (`msg`) so the field reads in the screen's language.
 */
export function fieldDetails(issues: z.core.$ZodIssue[]): { path: string[]; message: string; msg?: Msg }[] {
  return issues.map((i) => {
    const m = issueMsg(i as { message: string; params?: Record<string, unknown> })
    return m ? { path: i.path.map(String), message: i.message, msg: m } : { path: i.path.map(String), message: i.message }
  })
}

/**
 * Checks the caller's role against the contract's table (shared/contract/roles.ts),
 * validates, runs and wraps one call; never throws. The handler runs as the caller, so
 * the audit log and the maker-checker rules see the real person.
 */
export async function dispatch(ctx: Ctx, name: unknown, input: unknown, caller: Caller = {}): Promise<Result<unknown>> {
  if (!isOpName(name)) return fail('UNKNOWN_OP', msg('op.unknown', { name: String(name).slice(0, 80) }))
  let actor: Actor | null
  try {
    actor = caller?.userId ? actorOf(ctx.sqlite, caller.userId) : null
  } catch (e) {
    // The database itself failed (locked, closed, unreadable): told in words like any other failure.
    ctx.log.error(`${name} gagal`, e)
    const failure = failureFor(e)
    return fail(failure.code, failure.message)
  }
  if (!isPublicOp(name)) {
    if (!actor) return fail('UNAUTHENTICATED', msg('op.unauthenticated'))
    if (!allowed(actor.role, name)) {
      return fail(
        'FORBIDDEN',
        `Anda masuk sebagai ${ROLE_LABEL[actor.role]}; peran ini tidak boleh menjalankan "${name}". Yang boleh: ${rolesFor(name).map((r) => ROLE_LABEL[r]).join(', ')}.`,
        { role: actor.role, op: name },
      )
    }
  }
  const parsed = contract[name].input.safeParse(input ?? {})
  if (!parsed.success) {
    const keyed = issueMsgs(parsed.error)
    return fail('INVALID_INPUT', keyed ? msg('op.invalidInput', { issues: keyed }) : `Isian tidak sah — ${describeIssues(parsed.error)}`, fieldDetails(parsed.error.issues))
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: Ctx, caller: Caller) => unknown
    return ok(await runAs(actor, () => handler(parsed.data, ctx, caller)))
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.msg ?? e.message, e.details)
    // Another connection of Simpul's own (a long import in the job worker) holds the write lock.
    if ((e as { code?: unknown }).code === 'SQLITE_BUSY' && ctx.host !== 'cli') {
      return fail('DB_BUSY', msg('op.dbBusy'))
    }
    // The details (SQLite's message, the stack) go to the log only; the person reads what
    // happened and what to do. The input is never logged: it may hold NIK or bank accounts.
    ctx.log.error(`${name} gagal`, e)
    const failure = failureFor(e)
    return fail(failure.code, failure.message)
  }
}
