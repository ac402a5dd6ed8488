import { createHash, createPublicKey, verify } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../../shared/result'
import { appRoot } from '../paths'
import { msg } from '../../shared/messages'

/**
 * "Perbarui dari berkas": offices without internet receive an installer on a USB stick
 * together with its signature file. Both are checked against the release public key
 * shipped inside the app before the installer is kept; a tampered or foreign file is refused.
 */
export const signatureFile = z.object({
  format: z.literal('simpul-release-signature/1'),
  file: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+/),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string(),
})
export type SignatureFile = z.infer<typeof signatureFile>

/** The bytes that are signed: the fields in a fixed order. */
export const signedText = (s: Omit<SignatureFile, 'signature'>) => JSON.stringify([s.format, s.file, s.version, s.size, s.sha256])

export const releasePublicKey = () => readFileSync(join(appRoot(), 'resources', 'update', 'release-public-key.pem'), 'utf8')

const newer = (a: string, b: string) => {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0)
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0)
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] > pb[i]
  return false
}

export function verifyUpdate(installer: Buffer, signatureJson: string, publicKeyPem: string, currentVersion: string): SignatureFile {
  let sig: SignatureFile
  try {
    sig = signatureFile.parse(JSON.parse(signatureJson))
  } catch {
    throw new AppError('UPDATE_SIGNATURE', msg('update.signatureUnknown'))
  }
  const { signature, ...fields } = sig
  const ok = verify(null, Buffer.from(signedText(fields)), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'))
  if (!ok) throw new AppError('UPDATE_SIGNATURE', msg('update.signatureInvalid'))
  if (installer.length !== sig.size || createHash('sha256').update(installer).digest('hex') !== sig.sha256) {
    throw new AppError('UPDATE_HASH', msg('update.hash'))
  }
  if (!newer(sig.version, currentVersion)) {
    throw new AppError('UPDATE_OLDER', msg('update.older', { version: sig.version, current: currentVersion }))
  }
  return sig
}

/** Verifies, then keeps the installer in the data folder for the window to launch. */
export function acceptUpdate(dataDir: string, installer: Buffer, signatureJson: string, currentVersion: string, publicKeyPem = releasePublicKey()) {
  const sig = verifyUpdate(installer, signatureJson, publicKeyPem, currentVersion)
  const dir = join(dataDir, 'updates')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const path = join(dir, basename(sig.file))
  writeFileSync(path, installer, { mode: 0o600 })
  return { version: sig.version, path }
}
