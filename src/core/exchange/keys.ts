import { createHash, createPrivateKey, hkdfSync, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../shared/result'
import { fileStamp, type Clock } from '../clock'
import { ensurePrivateDir } from '../paths'
import { msg } from '../../shared/messages'

/**
 * This install's key pairs: Ed25519 signs bundles and the office card, X25519 lets
 * other offices encrypt bundles to it. Private keys live in <dataDir>/keys (0700),
 * one PEM file each (0600). Keys replaced by a re-key move to keys/retired so bundles
 * already on their way to us can still be opened.
 */
export interface OfficeKeys {
  signPrivate: KeyObject
  signPublic: KeyObject
  boxPrivate: KeyObject
  boxPublic: KeyObject
}

const SIGN_FILE = 'sign-ed25519.pem'
const BOX_FILE = 'box-x25519.pem'

export const keysDir = (dataDir: string) => join(dataDir, 'keys')

/**
 * The PEM files are encrypted (PKCS#8, AES-256-CBC, scrypt-free: the passphrase is already a
 * random 256-bit secret) with a passphrase derived from the database key, so a copied data
 * folder gives away neither the rows nor the office's identity. Set when a context opens
 * with its key; one entry per data folder (a process may hold several offices: tests).
 */
const secrets = new Map<string, string>()

export function setKeysSecret(dataDir: string, dbKey: Buffer | null): void {
  if (!dbKey) secrets.delete(dataDir)
  else secrets.set(dataDir, Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'simpul-office-keys-v1', 32)).toString('base64url'))
}

const secretFor = (file: string): string | undefined => {
  for (const [dir, s] of secrets) if (file.startsWith(keysDir(dir))) return s
  return undefined
}

function writePrivate(file: string, key: KeyObject) {
  const passphrase = secretFor(file)
  const pem = passphrase
    ? key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
    : key.export({ type: 'pkcs8', format: 'pem' })
  const tmp = `${file}.tmp`
  writeFileSync(tmp, pem as string, { mode: 0o600 })
  chmodSync(tmp, 0o600)
  renameSync(tmp, file)
}

/**
 * Private keys already read, by file: an encrypted key file costs a key derivation (≈ 1 ms)
 * each time it is read, and a warehouse load opens hundreds of bundles with the same box key.
 * Used only while the file's text and the passphrase are the ones it was read with.
 */
const readKeys = new Map<string, { pem: string; passphrase: string | undefined; key: KeyObject }>()

/** Reads a private key; a plain PEM of an office whose database is now encrypted is encrypted in place. */
function readPrivate(file: string): KeyObject {
  const pem = readFileSync(file, 'utf8')
  const passphrase = secretFor(file)
  const known = readKeys.get(file)
  if (known && known.pem === pem && known.passphrase === passphrase) return known.key
  const encrypted = pem.includes('ENCRYPTED PRIVATE KEY')
  if (encrypted && !passphrase) throw new AppError('DB_KEY_REQUIRED', msg('bundle.keyLocked'))
  const key = createPrivateKey(encrypted ? { key: pem, passphrase } : pem)
  if (!encrypted && passphrase) writePrivate(file, key)
  else readKeys.set(file, { pem, passphrase, key })
  return key
}

function generateInto(dir: string) {
  writePrivate(join(dir, SIGN_FILE), generateKeyPairSync('ed25519').privateKey)
  writePrivate(join(dir, BOX_FILE), generateKeyPairSync('x25519').privateKey)
}

/** Encrypts every plain private key file (current and retired) of a folder whose secret is set. */
export function sealKeyFiles(dataDir: string): void {
  const dir = keysDir(dataDir)
  if (!secrets.has(dataDir) || !existsSync(dir)) return
  const retired = join(dir, 'retired')
  const files = [...readdirSync(dir).map((f) => join(dir, f)), ...(existsSync(retired) ? readdirSync(retired).map((f) => join(retired, f)) : [])]
  for (const f of files) if (f.endsWith('.pem')) readPrivate(f)
}

/** The keys folder, with the key pairs made on first use. */
function keysReady(dataDir: string): string {
  const dir = ensurePrivateDir(keysDir(dataDir))
  chmodSync(dir, 0o700)
  if (!existsSync(join(dir, SIGN_FILE)) || !existsSync(join(dir, BOX_FILE))) generateInto(dir)
  return dir
}

/** Loads the key pairs, creating them on first use. */
export function loadKeys(dataDir: string): OfficeKeys {
  const dir = keysReady(dataDir)
  const signPrivate = readPrivate(join(dir, SIGN_FILE))
  const boxPrivate = readPrivate(join(dir, BOX_FILE))
  return { signPrivate, signPublic: createPublicKey(signPrivate), boxPrivate, boxPublic: createPublicKey(boxPrivate) }
}

/** Moves the current keys to keys/retired and makes new ones; returns old and new. */
export function replaceKeys(dataDir: string, clock: Clock): { previous: OfficeKeys; current: OfficeKeys } {
  const previous = loadKeys(dataDir)
  const dir = keysDir(dataDir)
  const retired = join(dir, 'retired')
  mkdirSync(retired, { recursive: true, mode: 0o700 })
  const stamp = `${fileStamp(clock.now())}-${Date.now()}`
  renameSync(join(dir, SIGN_FILE), join(retired, `${stamp}-${SIGN_FILE}`))
  renameSync(join(dir, BOX_FILE), join(retired, `${stamp}-${BOX_FILE}`))
  generateInto(dir)
  return { previous, current: loadKeys(dataDir) }
}

/** Current and retired X25519 private keys, by key id, for opening bundles. */
export function boxKeysById(dataDir: string): Map<string, KeyObject> {
  // The box keys alone: opening a bundle needs no signing key (each private key file costs a key derivation to read).
  const boxPrivate = readPrivate(join(keysReady(dataDir), BOX_FILE))
  const out = new Map<string, KeyObject>([[keyId(publicKeyText(createPublicKey(boxPrivate))), boxPrivate]])
  const retired = join(keysDir(dataDir), 'retired')
  if (existsSync(retired)) {
    for (const f of readdirSync(retired).filter((n) => n.endsWith(BOX_FILE))) {
      const priv = readPrivate(join(retired, f))
      out.set(keyId(publicKeyText(createPublicKey(priv))), priv)
    }
  }
  return out
}

/** SPKI DER as base64: how public keys are written in cards, manifests and peer_office. */
export const publicKeyText = (key: KeyObject) => (key.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64')

export function publicKeyFromText(text: string, kind: 'ed25519' | 'x25519'): KeyObject {
  const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
  if (key.asymmetricKeyType !== kind) throw new Error(`kunci ${kind} diharapkan`)
  return key
}

export const keyId = (publicText: string) => createHash('sha256').update(publicText).digest('hex').slice(0, 16)

// Crockford-like alphabet without 0/O and 1/I, easy to read aloud over the phone.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Four groups of four characters over the office's code and both public keys. */
export function fingerprint(wilayahCode: string, signPublic: string, boxPublic: string): string {
  const digest = createHash('sha256').update(`simpul-kartu-v1\n${wilayahCode}\n${signPublic}\n${boxPublic}`).digest()
  let chars = ''
  for (let i = 0; i < 16; i++) chars += ALPHABET[digest[i] % 32]
  return chars.match(/.{4}/g)!.join('-')
}

/** "abcd efgh-jklm npqr" → "ABCD-EFGH-JKLM-NPQR"; anything else stays as typed. */
export function normaliseFingerprint(text: string): string {
  const plain = text.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return plain.length === 16 ? plain.match(/.{4}/g)!.join('-') : text.trim().toUpperCase()
}

export const signBytes = (key: KeyObject, data: Buffer) => sign(null, data, key)
export const verifyBytes = (key: KeyObject, data: Buffer, signature: Buffer) => {
  try {
    return verify(null, data, key, signature)
  } catch {
    return false
  }
}

/** Stable JSON for signing: keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}
