import { isMsg, sayId, type Msg } from './messages'

/**
 * What every operation returns, over IPC and over the headless host alike. `message` is
 * Bahasa Indonesia; `msg`, when present, is the same message by key (src/shared/messages.ts)
 * so the renderer translates it without reading the sentence.
 */
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown; msg?: Msg } }

/**
 * A refusal a person should read: an Indonesian sentence, or a keyed message whose
 * Indonesian sentence comes from the catalogue. The renderer translates by `msg`, then by
 * `code`, and falls back to the message.
 */
export class AppError extends Error {
  readonly msg?: Msg
  constructor(
    readonly code: string,
    message: string | Msg,
    readonly details?: unknown,
  ) {
    super(isMsg(message) ? sayId(message) : message)
    if (isMsg(message)) this.msg = message
    this.name = 'AppError'
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (code: string, message: string | Msg, details?: unknown): Result<never> => {
  const m = isMsg(message) ? message : undefined
  return {
    ok: false,
    error: { code, message: m ? sayId(m) : (message as string), ...(details === undefined ? {} : { details }), ...(m ? { msg: m } : {}) },
  }
}
