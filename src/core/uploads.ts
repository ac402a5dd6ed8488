import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UPLOAD_ID } from '../shared/contract/exchange'
import { AppError } from '../shared/result'
import { HEAD_BYTES, LIMITS, SIGNATURE_BYTES } from './exchange/format'
import { tooLarge } from './failures'
import { ensurePrivateDir } from './paths'
import { msg } from '../shared/messages'

/**
 * Files the headless host received from the browser as a stream wait in <dataDir>/tmp
 * (owner-only) under a random id, until one operation takes them (moves or deletes them).
 * Only the id travels in the operation, never a path.
 */
export { UPLOAD_ID }

/** The largest file the bundle format allows: header, manifest, signature and payload at their limits. */
export const MAX_BUNDLE_FILE_BYTES = HEAD_BYTES + LIMITS.manifestBytes + SIGNATURE_BYTES + LIMITS.payloadBytes

export const uploadsDir = (dataDir: string) => join(dataDir, 'tmp')

export function uploadPath(dataDir: string, id: string): string {
  if (!UPLOAD_ID.test(id)) throw new AppError('INVALID_INPUT', msg('core.uploadId'))
  return join(ensurePrivateDir(uploadsDir(dataDir)), `${id}.upload`)
}

/**
 * Keeps bytes the window sent (platform.upload) as an upload, written through fs/promises so the
 * calling thread — the Electron main process — does not wait for the disk. Over the largest
 * bundle the format allows: refused (TOO_LARGE) before anything is written.
 */
export async function saveUpload(dataDir: string, bytes: Uint8Array): Promise<{ uploadId: string; sizeBytes: number }> {
  if (bytes.byteLength > MAX_BUNDLE_FILE_BYTES) {
    const f = tooLarge(MAX_BUNDLE_FILE_BYTES, 'Berkas')
    throw new AppError(f.code, f.message)
  }
  const { uploadId, file } = newUpload(dataDir)
  await writeFile(file, bytes, { mode: 0o600, flag: 'wx' })
  return { uploadId, sizeBytes: bytes.byteLength }
}

/** A fresh upload id (random, as UPLOAD_ID expects) and the file it names; the writer creates it. */
export function newUpload(dataDir: string): { uploadId: string; file: string } {
  const uploadId = randomBytes(16).toString('hex')
  return { uploadId, file: uploadPath(dataDir, uploadId) }
}

/** The file of an upload, which the caller must move or remove; refused when it is gone. */
export function takeUpload(dataDir: string, id: string): string {
  const file = uploadPath(dataDir, id)
  if (!existsSync(file)) throw new AppError('NOT_FOUND', msg('core.uploadGone'))
  return file
}

/** Removes uploads nobody took (a closed tab, a crash) once they are older than `maxAgeMs`. */
export function sweepUploads(dataDir: string, now: number, maxAgeMs = 24 * 3600 * 1000): void {
  const dir = uploadsDir(dataDir)
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    try {
      if (name.endsWith('.upload') && now - statSync(file).mtimeMs > maxAgeMs) rmSync(file, { force: true })
    } catch {
      /* another process removed it first */
    }
  }
}
