import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashes with Node's scrypt and a per-user random salt, stored as
 * `scrypt$N$r$p$salt$hash` (base64url) so the cost can grow without breaking old hashes.
 */
export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** ~50–100 ms and 16 MB on an old office PC: slow for guessing, quick for one login. */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 }

/** Tests may lower the cost (same algorithm, same checks) so hundreds of test users stay fast. */
export function configuredCost(): ScryptCost {
  const n = Number(process.env.SIMPUL_SCRYPT_N)
  return n >= 2 ** 10 && n <= 2 ** 20 && Number.isInteger(Math.log2(n)) ? { ...DEFAULT_COST, N: n } : DEFAULT_COST
}

const KEY_LEN = 32

export function scryptKey(secret: string, salt: Buffer, cost: ScryptCost, len = KEY_LEN): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, len, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

export async function hashPassword(password: string, cost: ScryptCost = configuredCost()): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptKey(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [, N, r, p, salt, hash] = parts
  const expected = Buffer.from(hash, 'base64url')
  const key = await scryptKey(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) }, expected.length)
  return key.length === expected.length && timingSafeEqual(key, expected)
}
