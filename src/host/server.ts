import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { Ctx } from '../core/context'
import { inProcessClient, type OpClient } from '../core/worker/client'
import { fail } from '../shared/result'
import { sweepUploads } from '../core/uploads'
import { dropRestOfBody, handleUpload, readCall, refusalFor } from './upload'

/** Same CSP as the Electron window, so the renderer is tested under the rules it ships with. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface HostOptions {
  /** The database worker client (`simpul serve`); the host itself never touches SQLite. */
  client?: OpClient
  /** Or an open context, run in this thread (tests of the host's own rules). */
  ctx?: Ctx
  rendererDir: string
  port?: number
  token?: string
  /** Largest streamed upload (default: the largest file the bundle format allows). */
  uploadLimitBytes?: number
}

export interface RunningHost {
  server: Server
  url: string
  token: string
  port: number
  close(): Promise<void>
}

/**
 * The headless host: the built renderer and the handler table over HTTP on 127.0.0.1.
 * Every API call must carry the per-run token; the Host header must be loopback so a
 * web page elsewhere cannot reach it through DNS rebinding.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  if (!opts.client && !opts.ctx) throw new Error('startHost: client atau ctx wajib')
  const client: OpClient = opts.client ?? inProcessClient(opts.ctx!)
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const expected = Buffer.from(token)
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    throw new Error(`Tampilan belum dibangun (${opts.rendererDir}/index.html tidak ada). Jalankan "npm run build" dahulu.`)
  }

  sweepUploads(client.dataDir, Date.now())

  const tokenOk = (req: IncomingMessage) => {
    const got = Buffer.from(String(req.headers['x-simpul-token'] ?? ''))
    return got.length === expected.length && timingSafeEqual(got, expected)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('[simpul host]', e)
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify(fail('INTERNAL', 'Kesalahan server lokal')))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = String(req.headers.host ?? '')
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return send(res, 403, 'text/plain', 'Host tidak diizinkan')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'application/json', JSON.stringify(fail('METHOD', 'Gunakan POST')))
      if (!tokenOk(req)) {
        return send(res, 401, 'application/json', JSON.stringify(fail('UNAUTHORIZED', 'Token akses tidak ada atau salah. Buka alamat lengkap yang dicetak saat Simpul dijalankan.')))
      }
      const op = decodeURIComponent(url.pathname.slice(5))
      if (op === 'upload') {
        const { status, result } = await handleUpload(req, client.dataDir, opts.uploadLimitBytes)
        if (status !== 200) dropRestOfBody(req, res)
        return send(res, status, 'application/json', JSON.stringify(result))
      }
      let body: unknown
      try {
        body = await readCall(req, op)
      } catch (e) {
        const { status, result } = refusalFor(e)
        dropRestOfBody(req, res)
        return send(res, status, 'application/json', JSON.stringify(result))
      }
      const result = await client.call(op, body, {})
      return send(res, 200, 'application/json', JSON.stringify(result))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Metode tidak diizinkan')
    serveStatic(url.pathname, res)
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    let file = join(opts.rendererDir, rel || 'index.html')
    if (!file.startsWith(opts.rendererDir + sep) && file !== opts.rendererDir) return send(res, 403, 'text/plain', 'Terlarang')
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(opts.rendererDir, 'index.html')
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    server,
    token,
    port,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  })
  res.end(body)
}
