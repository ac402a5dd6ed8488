import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { z } from 'zod'
import { AppError } from '../../shared/result'
import { MESSAGES_ID, msg, type Msg } from '../../shared/messages'
import { rekeySchema } from './peers'
import { OFFICE_CODE_RE, OFFICE_LEVELS } from '../../shared/area'

/**
 * A bundle file (`*.simpul`):
 *
 *   "SIMPUL\0" · format byte · u32 manifest length · manifest JSON · Ed25519 signature (64)
 *   · payload = AES-256-GCM( deflate( NDJSON rows ) ) · GCM tag (16)
 *
 * The signature covers everything before it, and the manifest states the payload's size
 * and SHA-256, so one signature check plus one streamed hash proves the whole file
 * without holding the payload in memory.
 */
export const MAGIC = Buffer.from('SIMPUL\0', 'latin1')
export const FORMAT_VERSION = 1
export const HEAD_BYTES = MAGIC.length + 1 + 4
export const SIGNATURE_BYTES = 64
export const TAG_BYTES = 16

/** Hard limits so a hostile file cannot exhaust memory or disk. */
export const LIMITS = {
  manifestBytes: 1024 * 1024,
  payloadBytes: 4 * 1024 ** 3,
  decompressedBytes: 16 * 1024 ** 3,
  lineBytes: 4 * 1024 * 1024,
}

const code = z.string().regex(OFFICE_CODE_RE)
const b64 = z.string().max(200)
const rowRef = z.object({ table: z.string().max(64), id: z.string().max(64) })

export const manifestSchema = z.looseObject({
  format: z.number().int().min(1),
  schemaVersion: z.number().int().min(1),
  appVersion: z.string().max(40),
  from: z.object({ code, name: z.string().max(200), level: z.enum(OFFICE_LEVELS), signKeyId: z.string().max(64) }),
  to: z.object({ code, name: z.string().max(200), boxKeyId: z.string().max(64) }),
  createdAt: z.string().max(40),
  seq: z.number().int().min(1),
  ack: z.number().int().min(0),
  /** Receipt: records of our last imported bundle that the sender's operator rejected. */
  rejected: z.array(rowRef).max(100_000),
  counts: z.record(z.string().max(64), z.number().int().min(0)),
  rows: z.number().int().min(0),
  /** The sender's clock when the bundle was made; rows with a later HLC are news to us. */
  highHlc: z.string().max(40),
  payload: z.object({
    size: z.number().int().min(TAG_BYTES).max(LIMITS.payloadBytes),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    compression: z.literal('deflate'),
    cipher: z.literal('aes-256-gcm'),
    ephemeralPublicKey: b64,
    salt: b64,
    iv: b64,
  }),
  rekey: z.array(rekeySchema).max(100).default([]),
})
export type Manifest = z.infer<typeof manifestSchema>

export interface BundleHeader {
  manifest: Manifest
  /** Bytes the signature covers. */
  signed: Buffer
  signature: Buffer
  payloadOffset: number
  fileSize: number
}

const refuse = {
  notSimpul: () => new AppError('BUNDLE_NOT_SIMPUL', msg('bundle.notSimpul')),
  truncated: () => new AppError('BUNDLE_TRUNCATED', msg('bundle.truncated')),
  /** `why` is one of the catalogue's `bundle.why` reasons, in Indonesian (the stages write it so); it goes out by key. */
  tampered: (why: string) => new AppError('BUNDLE_TAMPERED', msg('bundle.tampered', { why: whyKey(why) })),
  newer: () => new AppError('BUNDLE_NEWER', msg('bundle.newer')),
}

/** The keyed reason of a tampering sentence part; a reason not in the catalogue goes out as written. */
function whyKey(why: string): Msg {
  const key = Object.entries(MESSAGES_ID.bundle.why).find(([, text]) => text === why)?.[0]
  return key ? msg(`bundle.why.${key}`) : msg('text.loc', { text: why })
}
export { refuse as bundleRefusal }

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length)
  let got = 0
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, offset + got)
    if (n === 0) break
    got += n
  }
  return got === length ? buf : buf.subarray(0, got)
}

/** Reads and checks the readable part of a bundle; does not verify the signature. */
export function readHeader(file: string): BundleHeader {
  const fd = openSync(file, 'r')
  try {
    const fileSize = fstatSync(fd).size
    const head = readAt(fd, 0, HEAD_BYTES)
    if (head.length < MAGIC.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw refuse.notSimpul()
    if (head.length < HEAD_BYTES) throw refuse.truncated()
    const format = head[MAGIC.length]
    if (format > FORMAT_VERSION) throw refuse.newer()
    if (format < 1) throw refuse.tampered('versi format tidak sah')
    const manifestLength = head.readUInt32BE(MAGIC.length + 1)
    if (manifestLength > LIMITS.manifestBytes) throw refuse.tampered('manifes terlalu besar')
    if (fileSize < HEAD_BYTES + manifestLength + SIGNATURE_BYTES) throw refuse.truncated()
    const manifestBytes = readAt(fd, HEAD_BYTES, manifestLength)
    const signature = readAt(fd, HEAD_BYTES + manifestLength, SIGNATURE_BYTES)
    let raw: unknown
    try {
      raw = JSON.parse(manifestBytes.toString('utf8'))
    } catch {
      throw refuse.tampered('manifes tidak terbaca')
    }
    if (raw && typeof raw === 'object' && typeof (raw as { format?: unknown }).format === 'number' && (raw as { format: number }).format > FORMAT_VERSION) throw refuse.newer()
    const parsed = manifestSchema.safeParse(raw)
    if (!parsed.success) throw refuse.tampered('isi manifes tidak sah')
    const manifest = parsed.data
    const payloadOffset = HEAD_BYTES + manifestLength + SIGNATURE_BYTES
    if (fileSize < payloadOffset + manifest.payload.size) throw refuse.truncated()
    if (fileSize > payloadOffset + manifest.payload.size) throw refuse.tampered('ada data tambahan di akhir berkas')
    return { manifest, signed: Buffer.concat([head, manifestBytes]), signature, payloadOffset, fileSize }
  } finally {
    closeSync(fd)
  }
}

export function encodeHead(manifestJson: Buffer): Buffer {
  const head = Buffer.alloc(HEAD_BYTES)
  MAGIC.copy(head, 0)
  head[MAGIC.length] = FORMAT_VERSION
  head.writeUInt32BE(manifestJson.length, MAGIC.length + 1)
  return Buffer.concat([head, manifestJson])
}

/** Calls `each` with consecutive chunks of a file region, synchronously. */
export function forEachChunk(file: string, offset: number, length: number, each: (chunk: Buffer) => void, chunkSize = 1024 * 1024): void {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(Math.min(chunkSize, Math.max(1, length)))
    let pos = 0
    while (pos < length) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, length - pos), offset + pos)
      if (n === 0) throw refuse.truncated()
      each(buf.subarray(0, n))
      pos += n
    }
  } finally {
    closeSync(fd)
  }
}
