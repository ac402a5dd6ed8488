import { createWriteStream, rmSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { MAX_ATTACHMENT_BYTES } from '../shared/contract/regulation'
import type { OpName } from '../shared/contract'
import { environmentFailure, tooLarge } from '../core/failures'
import { MAX_BUNDLE_FILE_BYTES, newUpload } from '../core/uploads'
import { fail, ok, type Result } from '../shared/result'

/**
 * Request bodies of the headless host. A JSON call is held in memory, so it is small
 * unless its operation carries a file in base64; a bundle is never sent as JSON but
 * streamed to a temporary file (see receiveUpload), so a 500 MB bundle costs disk, not memory.
 */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024

const base64Of = (bytes: number) => Math.ceil((bytes * 4) / 3) + 64 * 1024
/** Operations whose JSON carries a file (their schema states its size) or a long list. */
const LARGER_JSON: Partial<Record<OpName, number>> = {
  'registry.importPreview': 40_000_000 + 64 * 1024,
  'registry.importApply': 40_000_000 + 64 * 1024,
  'registry.importErrors': 40_000_000 + 64 * 1024,
  'regulation.attach': base64Of(MAX_ATTACHMENT_BYTES),
  // An installer from a USB stick (~150 MB); only a person choosing a file sends it.
  'app.updateFromFile': base64Of(300 * 1024 * 1024),
  'exchange.bundleApply': 16 * 1024 * 1024, // up to 100,000 rejected rows
  'evaluation.monthlySave': 16 * 1024 * 1024, // up to 2,000 months of one grid
}

export const jsonBodyLimit = (op: string): number => LARGER_JSON[op as OpName] ?? JSON_BODY_LIMIT

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`)
  }
}

const declaredLength = (req: IncomingMessage) => {
  const n = Number(req.headers['content-length'])
  return Number.isFinite(n) ? n : null
}

/**
 * Feeds the body to `sink` chunk by chunk and resolves when it ended; rejects with BodyTooLarge
 * past `limit`. The request is not destroyed on refusal (the rest is read and dropped), so the
 * host can still answer 413 with a message the person reads.
 */
function consume(req: IncomingMessage, limit: number, sink: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if ((declaredLength(req) ?? 0) > limit) return reject(new BodyTooLarge(limit))
    let size = 0
    let refused = false
    req.on('data', (c: Buffer) => {
      if (refused) return
      size += c.length
      if (size > limit) return (refused = true), reject(new BodyTooLarge(limit))
      sink(c)
    })
    req.once('end', () => resolve())
    req.once('error', reject)
    req.once('close', () => req.complete || reject(new Error('permintaan terputus di tengah jalan')))
  })
}

/** Reads a JSON body of at most `limit` bytes (refused from Content-Length before reading when it says more). */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  await consume(req, limit, (c) => chunks.push(c))
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Streams a raw request body into <dataDir>/tmp/<id>.upload (owner-only) and returns the
 * id an operation then takes the file by. Over `limit` bytes (or a Content-Length saying so)
 * it is refused and nothing stays on disk; so does a body cut off half-way or a full disk.
 */
export async function receiveUpload(req: IncomingMessage, dataDir: string, limit = MAX_BUNDLE_FILE_BYTES): Promise<{ uploadId: string; sizeBytes: number }> {
  if ((declaredLength(req) ?? 0) > limit) throw new BodyTooLarge(limit)
  const { uploadId, file } = newUpload(dataDir)
  const out = createWriteStream(file, { mode: 0o600, flags: 'wx' })
  let sizeBytes = 0
  let writeError: Error | null = null
  const writeFailed = new Promise<never>((_, reject) => out.on('error', (e) => reject((writeError ??= e))))
  writeFailed.catch(() => {})
  // Backpressure: a slow disk pauses the request instead of buffering it in memory.
  out.on('drain', () => req.resume())
  try {
    await Promise.race([
      consume(req, limit, (c) => {
        sizeBytes += c.length
        if (!writeError && !out.write(c)) req.pause()
      }),
      writeFailed,
    ])
    await Promise.race([new Promise<void>((resolve) => out.end(resolve)), writeFailed])
  } catch (e) {
    // Remove the file only once the stream has closed, or a late open would create it again.
    await new Promise<void>((r) => (out.closed ? r() : (out.once('close', () => r()), out.destroy())))
    rmSync(file, { force: true })
    req.resume() // drop the rest of the body
    throw e
  }
  return { uploadId, sizeBytes }
}

/** A refused request: its HTTP status and the Result the renderer shows. */
export interface Refusal {
  status: number
  result: Result<never>
}

/** Words for whatever stopped a request body: too big, not JSON, cut off, a full or read-only disk. */
export function refusalFor(e: unknown, what = 'Permintaan'): Refusal {
  if (e instanceof BodyTooLarge) {
    const f = tooLarge(e.limit, what)
    return { status: 413, result: fail(f.code, f.message) }
  }
  if (e instanceof SyntaxError) return { status: 400, result: fail('BAD_REQUEST', 'Permintaan tidak terbaca (bukan JSON yang sah). Tidak ada yang diubah.') }
  const env = environmentFailure(e)
  if (env) return { status: env.code === 'DISK_FULL' ? 507 : 500, result: fail(env.code, env.message) }
  return { status: 400, result: fail('BAD_REQUEST', `${what} terputus sebelum selesai diterima. Tidak ada yang diubah; ulangi.`) }
}

/** The JSON input of one call, read within that operation's limit; throws what refusalFor words. */
export async function readCall(req: IncomingMessage, op: string): Promise<unknown> {
  const text = await readJsonBody(req, jsonBodyLimit(op))
  return text ? JSON.parse(text) : {}
}

/** POST /api/upload: a bundle file as the raw body, kept under an id for exchange.bundleOpen. */
export async function handleUpload(req: IncomingMessage, dataDir: string, limit = MAX_BUNDLE_FILE_BYTES): Promise<{ status: number; result: Result<{ uploadId: string; sizeBytes: number }> }> {
  try {
    return { status: 200, result: ok(await receiveUpload(req, dataDir, limit)) }
  } catch (e) {
    return refusalFor(e, 'Berkas')
  }
}

/**
 * After refusing a body that is still arriving: keep reading (and dropping) it for a moment so
 * the client reads our answer before the connection goes (closing at once would reset it and
 * lose the message), then hang up on whatever is left.
 */
export function dropRestOfBody(req: IncomingMessage, res: ServerResponse, lingerMs = 2000): void {
  if (req.complete) return
  req.resume()
  res.once('finish', () => {
    if (req.complete) return
    const timer = setTimeout(() => req.socket.destroy(), lingerMs)
    req.once('end', () => clearTimeout(timer))
    req.once('close', () => clearTimeout(timer))
  })
}
