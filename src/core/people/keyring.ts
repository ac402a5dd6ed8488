import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { DbKey } from '../db/cipher'
import { AppError } from '../../shared/result'
import { configuredCost, scryptKey, type ScryptCost } from './password'
import { msg } from '../../shared/messages'

/**
 * The keyring: the database key, wrapped, in a JSON file beside the database
 * (`simpul.sqlite.keyring`, 0600). It must be readable while the database is still closed,
 * so it holds exactly what unlocking needs and nothing private:
 *  - one wrap per user who may open the database: AES-256-GCM under a key derived from the
 *    user's password by scrypt with a salt of its own (a new salt on every rewrap);
 *  - one wrap under the recovery code printed at first start (the office safe);
 *  - wrong tries per name, so the lockout holds before the users table can be read;
 *  - the office's name, for the login screen of a closed database.
 * Changing a password rewraps the same key: the database is never re-encrypted.
 */
export interface Wrap {
  kdf: { name: 'scrypt' } & ScryptCost
  salt: string
  iv: string
  tag: string
  data: string
}

export interface KeyringFile {
  format: 'simpul-keyring'
  version: 1
  cipher: 'sqlcipher-4'
  users: Record<string, Wrap & { userId: string }>
  recovery: Wrap & { createdAt: string }
  failures: Record<string, { count: number; lockedUntil: string | null }>
  office: { wilayahCode: string; name: string; level: string; id: string; createdAt: string; provinsi: string; kabupaten: string; kecamatan: string | null } | null
}

export const keyringFileOf = (dataFile: string) => `${dataFile}.keyring`

/** What is authenticated with each wrap, so a wrap copied to another name or slot does not open. */
const aad = (slot: string) => Buffer.from(`simpul-keyring-v1|${slot}`)
export const userSlot = (username: string) => `user:${username.trim().toLowerCase()}`
export const RECOVERY_SLOT = 'recovery'

export async function wrapKey(key: DbKey, secret: string, slot: string, cost: ScryptCost = configuredCost()): Promise<Wrap> {
  const salt = randomBytes(16)
  return sealWrap(key, await scryptKey(secret, salt, cost), salt, cost, slot)
}

/** The wrap itself, from an already derived key-encryption key (tests derive it synchronously). */
export function sealWrap(key: DbKey, kek: Buffer, salt: Buffer, cost: ScryptCost, slot: string): Wrap {
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', kek, iv)
  c.setAAD(aad(slot))
  const data = Buffer.concat([c.update(key), c.final()])
  return { kdf: { name: 'scrypt', ...cost }, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), data: data.toString('base64') }
}

/** The key, or null when the secret is wrong (GCM refuses the tag). */
export async function unwrapKey(w: Wrap, secret: string, slot: string): Promise<DbKey | null> {
  return openWrap(w, await scryptKey(secret, Buffer.from(w.salt, 'base64'), { N: w.kdf.N, r: w.kdf.r, p: w.kdf.p }), slot)
}

/** The key from a wrap and its derived key-encryption key, or null when they do not fit. */
export function openWrap(w: Wrap, kek: Buffer, slot: string): DbKey | null {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'))
    d.setAAD(aad(slot))
    d.setAuthTag(Buffer.from(w.tag, 'base64'))
    return Buffer.concat([d.update(Buffer.from(w.data, 'base64')), d.final()])
  } catch {
    return null
  }
}

export function readKeyring(dataFile: string): KeyringFile | null {
  const file = keyringFileOf(dataFile)
  if (!existsSync(file)) return null
  let k: KeyringFile
  try {
    k = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile
  } catch {
    throw new AppError('KEYRING_BROKEN', msg('login.keyringBroken', { file }))
  }
  if (k.format !== 'simpul-keyring' || k.version !== 1) throw new AppError('KEYRING_BROKEN', msg('login.keyringUnknown', { file }))
  return k
}

/**
 * Written whole to a temporary file and renamed over the old one: never half a keyring. A copy
 * goes to backups/ as well, so the folder an office copies to a USB stick holds what its
 * encrypted backups need to be opened elsewhere (with a password or the recovery code).
 */
export function writeKeyring(dataFile: string, k: KeyringFile): void {
  const text = `${JSON.stringify(k, null, 1)}\n`
  const put = (file: string) => {
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, text, { mode: 0o600 })
    chmodSync(tmp, 0o600)
    renameSync(tmp, file)
  }
  put(keyringFileOf(dataFile))
  const backups = join(dirname(dataFile), 'backups')
  if (existsSync(backups)) put(join(backups, basename(keyringFileOf(dataFile))))
}

/** Read, change, write (the changes are small and made by one process at a time). */
export function updateKeyring(dataFile: string, change: (k: KeyringFile) => void): KeyringFile {
  const k = readKeyring(dataFile)
  if (!k) throw new AppError('KEYRING_MISSING', msg('login.keyringAbsent', { file: keyringFileOf(dataFile) }))
  change(k)
  writeKeyring(dataFile, k)
  return k
}

// The recovery code: 30 characters of the fingerprint alphabet (no 0/O, 1/I) = 150 bits,
// in six groups of five, to be printed and read aloud without ambiguity.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export function newRecoveryCode(): string {
  const bytes = randomBytes(30)
  let s = ''
  for (const b of bytes) s += ALPHABET[b % 32] // 256 is a multiple of 32: no bias
  return s.match(/.{5}/g)!.join('-')
}

/** "abcde fghjk-…" as typed or read back → the canonical "ABCDE-FGHJK-…". */
export function normaliseRecoveryCode(text: string): string {
  const plain = text.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return plain.length === 30 ? plain.match(/.{5}/g)!.join('-') : plain
}

export async function newKeyring(key: DbKey, recoveryCode: string, now: Date, office: KeyringFile['office']): Promise<KeyringFile> {
  return {
    format: 'simpul-keyring',
    version: 1,
    cipher: 'sqlcipher-4',
    users: {},
    recovery: { ...(await wrapKey(key, normaliseRecoveryCode(recoveryCode), RECOVERY_SLOT)), createdAt: now.toISOString() },
    failures: {},
    office,
  }
}
