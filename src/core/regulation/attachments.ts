import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_ATTACHMENT_BYTES, type RegulationAttachment } from '../../shared/contract/regulation'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { requireRow, updateRow } from '../db/rows'
import { msg } from '../../shared/messages'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const fileOf = (ctx: Ctx, hash: string) => join(ctx.filesDir, 'regulations', `${hash}.pdf`)

/** Accepts plain base64 or a data: URL as FileReader gives it. */
function decode(base64: string): Buffer {
  const body = base64.replace(/^data:[^;,]*;base64,/, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new AppError('ATTACHMENT_INVALID', msg('regulation.notBase64'))
  return Buffer.from(body, 'base64')
}

/**
 * Stores the signed PDF of a regulation in the data folder under its SHA-256, so the same
 * file is kept once and a changed file is noticed. Records name, size and checksum on the row.
 */
export function attachRegulationPdf(ctx: Ctx, id: string, fileName: string, base64: string): RegulationAttachment {
  const row = requireRow(ctx.sqlite, 'regulation', id)
  if (row.deleted_at) throw new AppError('NOT_FOUND', msg('regulation.deleted'))
  const bytes = decode(base64)
  if (bytes.length === 0) throw new AppError('ATTACHMENT_INVALID', msg('regulation.fileEmpty'))
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AppError('ATTACHMENT_TOO_LARGE', msg('regulation.pdfTooLarge'))
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AppError('ATTACHMENT_NOT_PDF', msg('regulation.notPdf', { file: fileName }))
  }
  const hash = sha256(bytes)
  const file = fileOf(ctx, hash)
  if (!existsSync(file) || sha256(readFileSync(file)) !== hash) {
    mkdirSync(join(ctx.filesDir, 'regulations'), { recursive: true, mode: 0o700 })
    // Write beside, then rename: a crash never leaves a half-written file under the checksum name.
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, bytes, { mode: 0o600 })
    renameSync(tmp, file)
  }
  updateRow(ctx, 'regulation', id, { attachment_sha256: hash, attachment_size: bytes.length, attachment_name: fileName })
  return { name: fileName, size: bytes.length, sha256: hash }
}

/** The stored PDF, refused when the file is gone or no longer matches its checksum. */
function verifiedAttachment(ctx: Ctx, id: string): { file: string; bytes: Buffer; attachment: RegulationAttachment } {
  const row = requireRow(ctx.sqlite, 'regulation', id)
  const hash = row.attachment_sha256 as string | null
  if (!hash) throw new AppError('NO_ATTACHMENT', msg('regulation.noAttachment'))
  const file = fileOf(ctx, hash)
  if (!existsSync(file)) {
    throw new AppError('ATTACHMENT_MISSING', msg('regulation.attachmentMissing', { file }))
  }
  const bytes = readFileSync(file)
  if (sha256(bytes) !== hash || bytes.length !== row.attachment_size) {
    throw new AppError(
      'ATTACHMENT_CHANGED',
      msg('regulation.attachmentChanged'),
      { expected: hash, actual: sha256(bytes) },
    )
  }
  return { file, bytes, attachment: { name: (row.attachment_name as string | null) ?? `${hash}.pdf`, size: bytes.length, sha256: hash } }
}

/** Reads the PDF back (for a download in the browser host). */
export function readAttachment(ctx: Ctx, id: string): RegulationAttachment & { base64: string } {
  const v = verifiedAttachment(ctx, id)
  return { ...v.attachment, base64: v.bytes.toString('base64') }
}

/** The checked file's path, for the desktop window to open with the system PDF viewer. */
export function attachmentPath(ctx: Ctx, id: string): { path: string } {
  return { path: verifiedAttachment(ctx, id).file }
}
