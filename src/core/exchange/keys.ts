import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileStamp, type Clock } from '../clock'
import { ensurePrivateDir } from '../paths'

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

function writePrivate(file: string, key: KeyObject) {
  writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 })
  chmodSync(file, 0o600)
}

function generateInto(dir: string) {
  writePrivate(join(dir, SIGN_FILE), generateKeyPairSync('ed25519').privateKey)
  writePrivate(join(dir, BOX_FILE), generateKeyPairSync('x25519').privateKey)
}

/** Loads the key pairs, creating them on first use. */
export function loadKeys(dataDir: string): OfficeKeys {
  const dir = ensurePrivateDir(keysDir(dataDir))
  chmodSync(dir, 0o700)
  if (!existsSync(join(dir, SIGN_FILE)) || !existsSync(join(dir, BOX_FILE))) generateInto(dir)
  const signPrivate = createPrivateKey(readFileSync(join(dir, SIGN_FILE)))
  const boxPrivate = createPrivateKey(readFileSync(join(dir, BOX_FILE)))
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
  const keys = loadKeys(dataDir)
  const out = new Map<string, KeyObject>([[keyId(publicKeyText(keys.boxPublic)), keys.boxPrivate]])
  const retired = join(keysDir(dataDir), 'retired')
  if (existsSync(retired)) {
    for (const f of readdirSync(retired).filter((n) => n.endsWith(BOX_FILE))) {
      const priv = createPrivateKey(readFileSync(join(retired, f)))
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
