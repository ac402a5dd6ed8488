import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { getSetting } from '../../src/core/settings'
import { uploadsDir } from '../../src/core/uploads'
import { startHost, type RunningHost } from '../../src/host/server'
import { JSON_BODY_LIMIT } from '../../src/host/upload'
import { tempDir } from '../helpers/db'
import { addPosyandu, makeOffices, send } from '../helpers/exchange'

let kab: Ctx
let kec: Ctx
let outDir: string
let host: RunningHost
const LIMIT = 8 * 1024 * 1024

beforeAll(async () => {
  const offices = makeOffices(['12.18.04'])
  kab = offices.kab
  kec = offices.kec[0]
  outDir = offices.outDir
  const renderer = tempDir()
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Simpul</title>')
  // A small upload limit so the over-limit case needs no gigabytes; the default is the bundle format's maximum.
  host = await startHost({ ctx: kab, rendererDir: renderer, uploadLimitBytes: LIMIT })
})
afterAll(async () => {
  await host.close()
  kab.close()
  kec.close()
})

const uploads = () => (existsSync(uploadsDir(kab.dataDir)) ? readdirSync(uploadsDir(kab.dataDir)) : [])
const inbox = () => (existsSync(join(kab.dataDir, 'inbox')) ? readdirSync(join(kab.dataDir, 'inbox')) : [])

interface Answer {
  status: number
  body: { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } }
}

/** A raw POST whose body comes from `body` (a stream: never held in memory); `length` sets Content-Length, else chunked. */
function post(path: string, body: Readable | Buffer, length?: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'x-simpul-token': host.token, 'content-type': 'application/octet-stream' }
    if (length !== undefined) headers['content-length'] = length
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    // The host may answer (413) and close before the whole body is sent: that is the point.
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)))
    if (Buffer.isBuffer(body)) req.end(body)
    else body.pipe(req)
  })
}

/** `total` bytes in 1 MB chunks of one reused buffer. */
function zeros(total: number): Readable {
  const chunk = Buffer.alloc(1024 * 1024, 0x41)
  let sent = 0
  return new Readable({
    read() {
      if (sent >= total) return this.push(null)
      const n = Math.min(chunk.length, total - sent)
      sent += n
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n))
    },
  })
}

const json = (op: string, input: unknown) => {
  const buf = Buffer.from(JSON.stringify(input))
  return post(`/api/${op}`, buf, buf.length)
}

describe('request bodies of the headless host', () => {
  it('a JSON body over the small limit is refused with 413 in Indonesian and changes nothing', async () => {
    const big = { key: 'operator_name', value: 'x'.repeat(JSON_BODY_LIMIT) }
    const declared = await json('settings.set', big)
    expect(declared.status).toBe(413)
    expect(declared.body.error).toEqual({ code: 'TOO_LARGE', message: expect.stringMatching(/^Permintaan lebih besar dari batas 2 MB, jadi tidak diterima\. Tidak ada yang diubah\./) })
    // Without a Content-Length the host counts while reading.
    const chunked = await post('/api/settings.set', Readable.from([Buffer.from(JSON.stringify(big))]))
    expect(chunked.status).toBe(413)
    expect(chunked.body.error?.code).toBe('TOO_LARGE')
    expect(getSetting(kab.sqlite, 'operator_name')).toBe('Penguji')
    // A body that is not JSON: a sentence, not the parser's words.
    const garbage = await post('/api/settings.get', Buffer.from('{nope'), 5)
    expect(garbage.status).toBe(400)
    expect(garbage.body.error?.message).toBe('Permintaan tidak terbaca (bukan JSON yang sah). Tidak ada yang diubah.')
  })

  it('a bundle streams to an owner-only temp file, opens by its id, and the temp file is gone afterwards', async () => {
    addPosyandu(kec, 'Posyandu Unggah')
    const bundle = readFileSync(send(kec, kab, outDir))
    const up = await post('/api/upload', bundle, bundle.length)
    expect(up.status).toBe(200)
    const uploadId = up.body.data!.uploadId as string
    expect(up.body.data!.sizeBytes).toBe(bundle.length)
    const tmp = join(uploadsDir(kab.dataDir), `${uploadId}.upload`)
    expect(statSync(tmp).mode & 0o777).toBe(0o600)
    expect(statSync(uploadsDir(kab.dataDir)).mode & 0o777).toBe(0o700)
    expect(readFileSync(tmp).equals(bundle)).toBe(true)

    const opened = await json('exchange.bundleOpen', { fileName: 'dari-kecamatan.simpul', uploadId })
    expect(opened.body).toMatchObject({ ok: true, data: { ok: true, fileName: 'dari-kecamatan.simpul', sizeBytes: bundle.length } })
    expect(uploads()).toEqual([])
    const applied = await json('exchange.bundleApply', { inboxId: opened.body.data!.inboxId })
    expect(applied.body.ok).toBe(true)
    expect(kab.sqlite.prepare(`SELECT count(*) AS n FROM posyandu WHERE name = 'Posyandu Unggah'`).get()).toEqual({ n: 1 })
    expect(inbox()).toEqual([])
    // The id is single-use.
    const again = await json('exchange.bundleOpen', { fileName: 'lagi.simpul', uploadId })
    expect(again.body.error?.code).toBe('NOT_FOUND')
  })

  it('an upload over the limit is refused with the message and leaves nothing on disk', async () => {
    const declared = await post('/api/upload', zeros(LIMIT + 1), LIMIT + 1)
    expect(declared.status).toBe(413)
    expect(declared.body.error).toEqual({ code: 'TOO_LARGE', message: expect.stringMatching(/^Berkas lebih besar dari batas 8 MB, jadi tidak diterima\. Tidak ada yang diubah\./) })
    const streamed = await post('/api/upload', zeros(3 * LIMIT))
    expect(streamed.status).toBe(413)
    expect(streamed.body.error?.code).toBe('TOO_LARGE')
    expect(uploads()).toEqual([])
  })

  it('an upload cut off half-way leaves nothing on disk', async () => {
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/upload', method: 'POST', headers: { 'x-simpul-token': host.token, 'content-length': 4 * 1024 * 1024 } })
      req.on('error', () => resolve())
      req.write(Buffer.alloc(1024 * 1024))
      setTimeout(() => req.destroy(), 200)
    })
    await new Promise((r) => setTimeout(r, 300))
    expect(uploads()).toEqual([])
  })

  it('uploads need the token', async () => {
    const res = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port: host.port, path: '/api/upload', method: 'POST' }, (r) => (r.resume(), resolve(r.statusCode ?? 0)))
        .on('error', reject)
        .end('x'),
    )
    expect(res).toBe(401)
    expect(uploads()).toEqual([])
  })
})

describe('a large upload costs disk, not memory', () => {
  it('200 MB stream through without the process growing by the body size', async () => {
    const size = 200 * 1024 * 1024
    const big = await startHost({ ctx: kab, rendererDir: tempDirWithIndex() })
    try {
      global.gc?.()
      const base = process.memoryUsage.rss()
      let peak = base
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
      const up = await new Promise<Answer>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: big.port, path: '/api/upload', method: 'POST', headers: { 'x-simpul-token': big.token, 'content-length': size } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
        })
        req.on('error', reject)
        zeros(size).pipe(req)
      })
      clearInterval(timer)
      expect(up.status).toBe(200)
      const uploadId = up.body.data!.uploadId as string
      expect(statSync(join(uploadsDir(kab.dataDir), `${uploadId}.upload`)).size).toBe(size)
      // Holding the body would add at least its 200 MB; streaming stays within a few buffers.
      expect(peak - base).toBeLessThan(size / 4)

      // Not a bundle: refused in words, and neither the temp file nor an inbox copy remains.
      const opened = await fetch(`http://127.0.0.1:${big.port}/api/exchange.bundleOpen`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-simpul-token': big.token },
        body: JSON.stringify({ fileName: 'besar.simpul', uploadId }),
      }).then((r) => r.json())
      expect(opened.ok).toBe(false)
      expect(opened.error.message).toMatch(/bukan|Simpul/)
      expect(uploads()).toEqual([])
      expect(inbox()).toEqual([])
    } finally {
      await big.close()
    }
  }, 120_000)
})

function tempDirWithIndex(): string {
  const dir = tempDir()
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Simpul</title>')
  return dir
}
