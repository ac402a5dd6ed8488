import { createDecipheriv, createHash, diffieHellman } from 'node:crypto'
import { createInflateRaw } from 'node:zlib'
import { AppError } from '../../../shared/result'
import { msg } from '../../../shared/messages'
import { bundleKey } from '../export'
import { bundleRefusal, forEachChunk, LIMITS, TAG_BYTES, type BundleHeader } from '../format'
import { publicKeyFromText } from '../keys'
import type { CheckedBundle } from './sender'

/** A table section's head line: its name, its columns, and whether it holds every row the receiver is granted. */
export interface SectionHead {
  table: string
  columns: string[]
  complete: boolean
}

export interface RowSink {
  head(h: SectionHead): void
  row(values: unknown[]): void
}

export interface StreamOptions {
  progress?: (doneBytes: number, rows: number) => void
  cancelled?: () => boolean
  /**
   * Awaited between slices: a sink that hands rows on to a slower consumer (the warehouse's
   * COPY stream) waits here until that consumer has drained, so memory stays bounded by one slice.
   */
  drain?: () => Promise<void> | void
}

const tick = () => new Promise<void>((r) => setImmediate(r))
export const cancelledError = () => new AppError('BUNDLE_CANCELLED', msg('bundle.cancelled'))

/** Stage 3a — stream the payload once through SHA-256 and compare with the signed manifest. */
export async function verifyPayloadHash(file: string, header: BundleHeader, opts: StreamOptions = {}): Promise<void> {
  const hash = createHash('sha256')
  const size = header.manifest.payload.size
  // Sync reads in slices, yielding between slices so progress and cancel get through.
  const slice = 16 * 1024 * 1024
  for (let pos = 0; pos < size; pos += slice) {
    forEachChunk(file, header.payloadOffset + pos, Math.min(slice, size - pos), (c) => hash.update(c))
    opts.progress?.(Math.min(size, pos + slice), 0)
    if (opts.cancelled?.()) throw cancelledError()
    await tick()
  }
  if (hash.digest('hex') !== header.manifest.payload.sha256) throw bundleRefusal.tampered('isi tidak cocok dengan sidik manifes')
}

function parseHead(line: string): SectionHead {
  let head: { t?: unknown; c?: unknown; complete?: unknown }
  try {
    head = JSON.parse(line)
  } catch {
    throw bundleRefusal.tampered('isi tidak terbaca')
  }
  return { table: String(head.t), columns: Array.isArray(head.c) ? head.c.map(String) : [], complete: head.complete === true }
}

/**
 * Stage 3b — decrypt → inflate → split lines → hand each section head and row to `sink`,
 * one slice at a time, never holding the payload in memory. Refuses over-long lines,
 * decompression bombs, a wrong key or tag, and a cut-off last line.
 */
export async function streamRows(file: string, checked: CheckedBundle, sink: RowSink, opts: StreamOptions = {}): Promise<number> {
  const { header } = checked
  const m = header.manifest
  const total = m.payload.size
  const shared = diffieHellman({ privateKey: checked.boxPrivate, publicKey: publicKeyFromText(m.payload.ephemeralPublicKey, 'x25519') })
  const decipher = createDecipheriv('aes-256-gcm', bundleKey(shared, Buffer.from(m.payload.salt, 'base64'), m.from.code, m.to.code, m.seq), Buffer.from(m.payload.iv, 'base64'))
  let tag = Buffer.alloc(0)
  forEachChunk(file, header.payloadOffset + total - TAG_BYTES, TAG_BYTES, (c) => (tag = Buffer.from(c)))
  decipher.setAuthTag(tag)
  let carry: Buffer = Buffer.alloc(0)
  let inflated = 0
  let rows = 0
  // What the sink throws (a full disk, a locked database) is not damage to the file: it passes through as is (nativeInflate).
  const oneLine = (line: string) => {
    if (line.charCodeAt(0) === 123 /* { */) {
      sink.head(parseHead(line))
      return
    }
    let values: unknown
    try {
      values = JSON.parse(line)
    } catch {
      throw bundleRefusal.tampered('baris tidak terbaca')
    }
    if (!Array.isArray(values)) throw bundleRefusal.tampered('baris tidak sah')
    // A signed manifest states the row count: more rows than that is a bomb, stop at once.
    if (++rows > m.rows) throw bundleRefusal.tampered('lebih banyak baris daripada yang tertulis di manifes')
    sink.row(values as unknown[])
  }
  const tooLong = () => bundleRefusal.tampered('baris terlalu panjang')
  const onLines = (piece: Uint8Array) => {
    inflated += piece.length
    if (inflated > LIMITS.decompressedBytes) throw bundleRefusal.tampered('isi terlalu besar setelah dibuka')
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.length)
    let start = 0
    // The line begun in the chunk before: finished by this chunk's first line end (the two
    // joined alone, not this whole chunk copied behind them).
    if (carry.length) {
      const nl = chunk.indexOf(10)
      if (nl === -1) {
        if (carry.length + chunk.length > LIMITS.lineBytes) throw tooLong()
        carry = Buffer.concat([carry, chunk])
        return
      }
      if (carry.length + nl > LIMITS.lineBytes) throw tooLong()
      const line = Buffer.concat([carry, chunk.subarray(0, nl)])
      carry = Buffer.alloc(0)
      oneLine(line.toString('utf8'))
      start = nl + 1
    }
    // The chunk's other whole lines decoded at once (one call instead of one a line); a newline
    // byte is a newline character in UTF-8 (never part of another character), so line n of the
    // bytes is line n of the text. Lengths are judged on the bytes.
    const last = chunk.lastIndexOf(10)
    const text = last >= start ? chunk.toString('utf8', start, last) : ''
    let at = 0
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (nl - start > LIMITS.lineBytes) throw tooLong()
      let end = text.indexOf('\n', at)
      if (end === -1) end = text.length
      const from = at
      at = end + 1
      if (nl > start) oneLine(text.slice(from, end))
      start = nl + 1
    }
    if (chunk.length - start > LIMITS.lineBytes) throw tooLong()
    carry = Buffer.from(chunk.subarray(start))
  }
  const inflate = nativeInflate(onLines, () => bundleRefusal.tampered('isi tidak dapat dibuka'))
  const cipherLength = total - TAG_BYTES
  const slice = 4 * 1024 * 1024
  try {
    for (let pos = 0; pos < cipherLength; pos += slice) {
      const pieces: Buffer[] = []
      forEachChunk(file, header.payloadOffset + pos, Math.min(slice, cipherLength - pos), (c) => pieces.push(decipher.update(c)), 256 * 1024)
      for (const p of pieces) await inflate.write(p)
      opts.progress?.(Math.min(cipherLength, pos + slice), rows)
      if (opts.cancelled?.()) throw cancelledError()
      await tick()
      await opts.drain?.()
    }
    let last: Buffer
    try {
      last = decipher.final()
    } catch {
      throw bundleRefusal.tampered('kunci atau tanda enkripsi tidak cocok')
    }
    await inflate.write(last)
    await inflate.end()
  } finally {
    inflate.close() // a refusal or a cancel midway leaves no zlib stream behind
  }
  if (carry.length) throw bundleRefusal.tampered('baris terakhir terpotong')
  return rows
}

/**
 * Raw DEFLATE through Node's zlib (native, on the thread pool): several times cheaper than
 * a JavaScript inflater, and with no warm-up, which matters when an import is the first thing
 * a process does. Output reaches `each` in order; what `each` throws stops the stream and
 * comes out of the next `write`/`end` as it was thrown; damaged input gives `damaged()`.
 */
function nativeInflate(each: (chunk: Buffer) => void, damaged: () => Error) {
  const z = createInflateRaw({ chunkSize: 256 * 1024 })
  let failed: { e: unknown } | null = null
  z.on('data', (c: Buffer) => {
    if (failed) return
    try {
      each(c)
    } catch (e) {
      failed = { e }
      z.destroy()
    }
  })
  const done = new Promise<void>((res) => {
    z.once('end', res)
    z.once('close', res)
    z.once('error', () => {
      failed ??= { e: damaged() }
      res()
    })
  })
  const check = () => {
    if (failed) throw failed.e
  }
  return {
    async write(data: Buffer) {
      check()
      // (a stream destroyed meanwhile may never call back: `done` settles then)
      if (data.length) await Promise.race([new Promise<void>((res) => z.write(data, () => res())), done])
      check()
    },
    async end() {
      check()
      z.end()
      await done
      check()
    },
    close() {
      if (!z.destroyed) z.destroy()
    },
  }
}
