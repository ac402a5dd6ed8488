import { rmSync } from 'node:fs'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { newDbKey, type DbKey } from '../db/cipher'
import { readOffice } from '../office/service'
import {
  keyringFileOf,
  newKeyring,
  newRecoveryCode,
  normaliseRecoveryCode,
  readKeyring,
  RECOVERY_SLOT,
  unwrapKey,
  updateKeyring,
  userSlot,
  wrapKey,
  writeKeyring,
  type KeyringFile,
} from './keyring'
import { lockSeconds } from './users'
import { type Msg, msg } from '../../shared/messages'

/**
 * Unlocking, like a disk-encryption prompt: the first successful login of a process unwraps
 * the database key from the keyring and opens the database with it; later logins of that
 * process are checked against the users table as before and get their own wrap if missing.
 */

const RECOVERY_NAME = '#pemulihan'

function refuseWhileLocked(k: KeyringFile, name: string, now: Date) {
  const f = k.failures[name]
  if (f?.lockedUntil && Date.parse(f.lockedUntil) > now.getTime()) {
    const wait = Math.ceil((Date.parse(f.lockedUntil) - now.getTime()) / 1000)
    throw new AppError('LOGIN_LOCKED', name === RECOVERY_NAME ? msg('login.lockedRecovery', { n: wait }) : msg('login.locked', { name, n: wait }), { waitSeconds: wait })
  }
}

/** Counts a wrong try in the keyring (the users table is still closed) and throws the refusal. */
function failed(dataFile: string, name: string, now: Date, wrong: Msg): never {
  let count = 0
  let lock = 0
  updateKeyring(dataFile, (k) => {
    count = (k.failures[name]?.count ?? 0) + 1
    lock = lockSeconds(count)
    k.failures[name] = { count, lockedUntil: lock ? new Date(now.getTime() + lock * 1000).toISOString() : null }
  })
  if (lock) throw new AppError('LOGIN_LOCKED', msg('login.wrongThenLocked', { wrong, count, n: lock }), { waitSeconds: lock })
  throw new AppError('LOGIN_FAILED', wrong)
}

const cleared = (dataFile: string, name: string) => {
  const k = readKeyring(dataFile)
  if (k?.failures[name]) updateKeyring(dataFile, (x) => void delete x.failures[name])
}

function keyringOrFail(dataFile: string): KeyringFile {
  const k = readKeyring(dataFile)
  if (!k) {
    throw new AppError(
      'KEYRING_MISSING',
      msg('login.keyringMissing', { file: keyringFileOf(dataFile) }),
    )
  }
  return k
}

/** The database key from a user's password; wrong tries lock the name as the users table would. */
export async function unlockWithPassword(dataFile: string, username: string, password: string, now = new Date()): Promise<DbKey> {
  const k = keyringOrFail(dataFile)
  const name = username.trim().toLowerCase()
  refuseWhileLocked(k, name, now)
  const wrap = k.users[name]
  if (!wrap) {
    throw new AppError(
      'NO_KEY_WRAP',
      msg('login.noKeyWrap', { name }),
    )
  }
  const key = await unwrapKey(wrap, password, userSlot(name))
  if (!key) failed(dataFile, name, now, msg('login.wrong'))
  cleared(dataFile, name)
  return key
}

/** The database key from the recovery code; wrong codes count and lock like passwords. */
export async function unlockWithRecovery(dataFile: string, code: string, now = new Date()): Promise<DbKey> {
  const k = keyringOrFail(dataFile)
  refuseWhileLocked(k, RECOVERY_NAME, now)
  const key = await unwrapKey(k.recovery, normaliseRecoveryCode(code), RECOVERY_SLOT)
  if (!key) failed(dataFile, RECOVERY_NAME, now, msg('login.recoveryWrong'))
  cleared(dataFile, RECOVERY_NAME)
  return key
}

const officeLabel = (ctx: Ctx): KeyringFile['office'] => {
  const o = readOffice(ctx.sqlite)
  if (!o) return null
  const { deviceId: _d, ...label } = o
  return label
}

/** Wraps the open database's key for this user's password (a new salt each time); nothing on a plain database. */
export async function wrapForUser(ctx: Ctx, username: string, userId: string, password: string): Promise<void> {
  const key = ctx.dbKey
  if (!key) return
  const name = username.trim().toLowerCase()
  const wrap = await wrapKey(key, password, userSlot(name))
  updateKeyring(ctx.dataFile, (k) => {
    k.users[name] = { ...wrap, userId }
    delete k.failures[name]
    k.office = officeLabel(ctx) ?? k.office
  })
}

export function hasWrap(ctx: Ctx, username: string): boolean {
  if (!ctx.dbKey) return true
  return !!readKeyring(ctx.dataFile)?.users[username.trim().toLowerCase()]
}

/** A deactivated user can no longer open a closed database. */
export function dropWrap(ctx: Ctx, username: string): void {
  if (!ctx.dbKey || !readKeyring(ctx.dataFile)) return
  updateKeyring(ctx.dataFile, (k) => void delete k.users[username.trim().toLowerCase()])
}

/** Whether a recovery code opens this (open, encrypted) database. */
export async function recoveryCodeFits(ctx: Ctx, code: string, now = new Date()): Promise<boolean> {
  if (!ctx.dbKey) return false
  const key = await unlockWithRecovery(ctx.dataFile, code, now)
  return key.equals(ctx.dbKey)
}

/**
 * Encrypts a plain database the first time an administrator's password is known to this
 * process (first-run setup, the first administrator, or the first administrator login after
 * an upgrade): a new random key, wrapped for that administrator and by a new recovery code,
 * written to the keyring before the file is converted. Returns the recovery code (shown once),
 * or null when the database was encrypted already. If the file cannot be converted now (another
 * program holds it), the keyring is removed and the file stays plain until the next try.
 */
export async function protectDatabase(ctx: Ctx, admin: { username: string; userId: string }, password: string): Promise<{ recoveryCode: string } | { deferred: string } | null> {
  if (ctx.dbKey) return null
  const key = newDbKey()
  const recoveryCode = newRecoveryCode()
  const k = await newKeyring(key, recoveryCode, ctx.clock.now(), officeLabel(ctx))
  const name = admin.username.trim().toLowerCase()
  k.users[name] = { ...(await wrapKey(key, password, userSlot(name))), userId: admin.userId }
  writeKeyring(ctx.dataFile, k)
  try {
    ctx.encrypt(key)
  } catch (e) {
    rmSync(keyringFileOf(ctx.dataFile), { force: true })
    const why = e instanceof AppError ? e.message : (e as Error).message
    ctx.log.warn(`enkripsi basis data ditunda: ${why}`)
    return { deferred: `Basis data belum dienkripsi (${why}). Enkripsi dicoba lagi saat administrator masuk berikutnya.` }
  }
  ctx.log.info('basis data dienkripsi; kunci dibungkus untuk administrator dan kode pemulihan')
  return { recoveryCode }
}
