import { buildApi, type Input, type OpName, type Output, type SimpulApi } from '../shared/contract'
import type { Msg } from '../shared/messages'
import type { Result } from '../shared/result'
import { localiseDetails, refusalText } from './i18n/errors'

declare global {
  interface Window {
    simpul?: SimpulApi
  }
}

const TOKEN_KEY = 'simpul.token'

/** In the headless host the token arrives once in the URL hash; keep it for this tab only. */
function hostToken(): string {
  const m = /token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1])
    history.replaceState(null, '', `${window.location.pathname}#/`)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function httpApi(): SimpulApi {
  const token = hostToken()
  return buildApi(async (op, input) => {
    try {
      const res = await fetch(`./api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-simpul-token': token },
        body: JSON.stringify(input),
      })
      return (await res.json()) as Result<unknown>
    } catch (e) {
      return { ok: false, error: { code: 'OFFLINE', message: `Tidak dapat menghubungi Simpul: ${(e as Error).message}` } }
    }
  })
}

/** The same object whether the preload (Electron) or the headless host serves us. */
export const api: SimpulApi = window.simpul ?? httpApi()

/**
 * A chosen bundle as the input of exchange.bundleOpen, always by an upload id: the headless host
 * receives the file as a stream (POST /api/upload, kept on disk) instead of a huge base64 JSON
 * body; the window hands its bytes to the main process (platform.upload), which writes them
 * off its thread — a national bundle never crosses the main thread as text or to the worker.
 */
export async function bundleFileInput(file: File): Promise<Input<'exchange.bundleOpen'>> {
  if (window.simpul) {
    const up = await window.simpul.platform.upload({ bytes: new Uint8Array(await file.arrayBuffer()) })
    if (!up.ok) throw new ApiError(up.error.code, up.error.message, up.error.details, up.error.msg)
    return { fileName: file.name, uploadId: up.data.uploadId }
  }
  let res: Result<{ uploadId: string }>
  try {
    const sent = await fetch('./api/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-simpul-token': hostToken() }, body: file })
    res = (await sent.json()) as Result<{ uploadId: string }>
  } catch (e) {
    throw new ApiError('OFFLINE', `Berkas tidak terkirim ke Simpul: ${(e as Error).message}`)
  }
  if (!res.ok) throw new ApiError(res.error.code, res.error.message, res.error.details, res.error.msg)
  return { fileName: file.name, uploadId: res.data.uploadId }
}

/**
 * A refusal from core. `message` is in the screen's language (English screens get English,
 * see i18n/errors.ts); `original` is core's own Indonesian sentence.
 */
export class ApiError extends Error {
  readonly original: string
  /** zod details, their field messages in the screen's language too. */
  readonly details?: unknown
  constructor(
    readonly code: string,
    message: string,
    details?: unknown,
    msg?: Msg,
  ) {
    super(refusalText(code, message, details, undefined, msg))
    this.original = message
    this.details = localiseDetails(details)
  }
}

/** Calls one operation by name; throws ApiError when it is refused. */
export async function call<K extends OpName>(op: K, input: Input<K>): Promise<Output<K>> {
  const dot = op.indexOf('.')
  const fn = (api as unknown as Record<string, Record<string, (i: unknown) => Promise<Result<unknown>>>>)[op.slice(0, dot)][op.slice(dot + 1)]
  const res = await fn(input)
  if (!res.ok && res.error.code === 'UNAUTHENTICATED') window.dispatchEvent(new Event('simpul:logged-out'))
  if (!res.ok) throw new ApiError(res.error.code, res.error.message, res.error.details, res.error.msg)
  return res.data as Output<K>
}
