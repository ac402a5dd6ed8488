/** What every operation returns, over IPC and over the headless host alike. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } }

/**
 * A refusal a person should read. `message` is Bahasa Indonesia; the renderer may
 * translate by `code` (errors.<code> in i18n) and falls back to the message.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (code: string, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
})
