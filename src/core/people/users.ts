import type Database from 'better-sqlite3'
import type { UserInfo } from '../../shared/contract/people'
import { ROLE_LABEL, type Role } from '../../shared/contract/roles'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { audit } from '../db/rows'
import { newId } from '../sync/ids'
import type { Actor } from './actor'
import { configuredCost, hashPassword, verifyPassword } from './password'
import { dropWrap, hasWrap, wrapForUser } from './unlock'

interface UserRow {
  id: string
  username: string
  display_name: string
  role: Role
  password_hash: string
  failed_count: number
  locked_until: string | null
  active: number
  created_at: string
  last_login_at: string | null
}

const info = (r: UserRow): UserInfo => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  createdAt: r.created_at,
  lastLoginAt: r.last_login_at,
})

/** What the audit log keeps of a user: never the password hash. */
const auditView = (r: UserRow) => ({ username: r.username, display_name: r.display_name, role: r.role, active: r.active })

/** Failures before the first lock, the first lock and the longest one. */
export const LOCKOUT = { freeTries: 5, firstLockSeconds: 30, maxLockSeconds: 3600 }

const rowById = (sqlite: Database.Database, id: string) => sqlite.prepare('SELECT * FROM app_user WHERE id = ?').get(id) as UserRow | undefined
const rowByName = (sqlite: Database.Database, username: string) =>
  sqlite.prepare('SELECT * FROM app_user WHERE username = ?').get(username.trim().toLowerCase()) as UserRow | undefined

export const countUsers = (sqlite: Database.Database): number => (sqlite.prepare('SELECT count(*) AS n FROM app_user').get() as { n: number }).n

export function listUsers(sqlite: Database.Database): UserInfo[] {
  return (sqlite.prepare('SELECT * FROM app_user ORDER BY active DESC, role, username').all() as UserRow[]).map(info)
}

export function getUser(sqlite: Database.Database, id: string): UserInfo | null {
  const r = rowById(sqlite, id)
  return r ? info(r) : null
}

/** The person behind a session, or null when the user is gone or deactivated (the session then ends). */
export function actorOf(sqlite: Database.Database, userId: string): Actor | null {
  const r = rowById(sqlite, userId)
  if (!r || r.active !== 1) return null
  return { userId: r.id, username: r.username, displayName: r.display_name, role: r.role }
}

export interface NewUser {
  username: string
  displayName: string
  role: Role
  password: string
}

/** Hashes first (slow, outside any transaction), then inserts; refuses a taken username. */
export async function createUser(ctx: Ctx, u: NewUser, opts: { cost?: Parameters<typeof hashPassword>[1] } = {}): Promise<UserInfo> {
  if (rowByName(ctx.sqlite, u.username)) throw new AppError('USERNAME_TAKEN', msg('refusal.usernameTaken', { name: u.username.trim().toLowerCase() }))
  const user = insertUser(ctx, u, await hashPassword(u.password, opts.cost ?? configuredCost()))
  // The new person can open the encrypted database with their own password.
  await wrapForUser(ctx, user.username, user.id, u.password)
  return user
}

/** The insert itself, with an already computed hash, so it can join a larger transaction (first-run setup). */
export function insertUser(ctx: Ctx, u: Omit<NewUser, 'password'>, passwordHash: string): UserInfo {
  const username = u.username.trim().toLowerCase()
  const now = ctx.clock.now().toISOString()
  const id = newId()
  ctx.sqlite.transaction(() => {
    if (rowByName(ctx.sqlite, username)) throw new AppError('USERNAME_TAKEN', msg('refusal.usernameTaken', { name: username }))
    ctx.sqlite
      .prepare(
        `INSERT INTO app_user(id, username, display_name, role, password_hash, created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, username, u.displayName.trim(), u.role, passwordHash, now, now, now)
    audit(ctx, 'app_user', id, 'create', null, auditView(rowById(ctx.sqlite, id)!))
  })()
  return getUser(ctx.sqlite, id)!
}

export const lockSeconds = (failures: number) =>
  failures < LOCKOUT.freeTries ? 0 : Math.min(LOCKOUT.maxLockSeconds, LOCKOUT.firstLockSeconds * 2 ** (failures - LOCKOUT.freeTries))

// A fixed hash to verify against when the username is unknown, so timing does not tell which names exist.
let dummyHash: Promise<string> | null = null

/**
 * Checks a password. Every wrong try counts; from the fifth on the account is locked for
 * 30 s, then 60 s, 120 s ... up to an hour, and even the right password waits it out.
 */
export async function login(ctx: Ctx, username: string, password: string): Promise<UserInfo> {
  const wrong = () => new AppError('LOGIN_FAILED', msg('login.wrong'))
  const row = rowByName(ctx.sqlite, username)
  if (!row) {
    await verifyPassword(password, await (dummyHash ??= hashPassword('bukan-kata-sandi')))
    throw wrong()
  }
  const now = ctx.clock.now()
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    const wait = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000)
    throw new AppError('LOGIN_LOCKED', msg('login.locked', { name: row.username, n: wait }), { waitSeconds: wait })
  }
  const good = await verifyPassword(password, row.password_hash)
  if (!good) {
    const failures = row.failed_count + 1
    const lock = lockSeconds(failures)
    ctx.sqlite
      .prepare('UPDATE app_user SET failed_count = ?, locked_until = ? WHERE id = ?')
      .run(failures, lock ? new Date(now.getTime() + lock * 1000).toISOString() : null, row.id)
    if (lock) throw new AppError('LOGIN_LOCKED', msg('login.wrongLocks', { failures, n: lock }), { waitSeconds: lock })
    throw wrong()
  }
  if (row.active !== 1) throw new AppError('USER_INACTIVE', msg('login.inactive', { name: row.username }))
  ctx.sqlite.prepare('UPDATE app_user SET failed_count = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(now.toISOString(), row.id)
  // Users of a database encrypted after they were made get their wrap as they log in.
  if (!hasWrap(ctx, row.username)) await wrapForUser(ctx, row.username, row.id, password)
  return getUser(ctx.sqlite, row.id)!
}

function requireUserRow(sqlite: Database.Database, id: string): UserRow {
  const r = rowById(sqlite, id)
  if (!r) throw new AppError('NOT_FOUND', msg('notFound.user'))
  return r
}

const activeAdmins = (sqlite: Database.Database) => (sqlite.prepare(`SELECT count(*) AS n FROM app_user WHERE role = 'admin' AND active = 1`).get() as { n: number }).n

/** Role, name or active flag; the last active administrator can be neither demoted nor deactivated. */
export function updateUser(ctx: Ctx, id: string, patch: { role?: Role; active?: boolean; displayName?: string }, by: Actor | null): UserInfo {
  const updated = ctx.sqlite.transaction(() => {
    const before = requireUserRow(ctx.sqlite, id)
    const role = patch.role ?? before.role
    const active = patch.active === undefined ? before.active : patch.active ? 1 : 0
    const losesAdmin = before.role === 'admin' && before.active === 1 && (role !== 'admin' || active !== 1)
    if (losesAdmin && activeAdmins(ctx.sqlite) <= 1) {
      throw new AppError('LAST_ADMIN', msg('login.lastAdmin'))
    }
    if (by?.userId === id && active !== 1) throw new AppError('SELF_DEACTIVATE', msg('login.selfDeactivate'))
    ctx.sqlite
      .prepare('UPDATE app_user SET role = ?, active = ?, display_name = ?, updated_at = ? WHERE id = ?')
      .run(role, active, patch.displayName?.trim() || before.display_name, ctx.clock.now().toISOString(), id)
    const after = requireUserRow(ctx.sqlite, id)
    audit(ctx, 'app_user', id, 'update', auditView(before), auditView(after))
    return info(after)
  })()
  // A deactivated person loses the wrap: their password no longer opens a closed database.
  if (!updated.active) dropWrap(ctx, updated.username)
  return updated
}

async function setPassword(ctx: Ctx, id: string, password: string, action: string): Promise<UserInfo> {
  const hash = await hashPassword(password)
  const now = ctx.clock.now().toISOString()
  ctx.sqlite.transaction(() => {
    requireUserRow(ctx.sqlite, id)
    ctx.sqlite
      .prepare('UPDATE app_user SET password_hash = ?, failed_count = 0, locked_until = NULL, password_changed_at = ?, updated_at = ? WHERE id = ?')
      .run(hash, now, now, id)
    audit(ctx, 'app_user', id, action, null, { password_changed_at: now })
  })()
  // The same database key, wrapped again under the new password (a new salt): nothing is re-encrypted.
  const user = getUser(ctx.sqlite, id)!
  if (user.active) await wrapForUser(ctx, user.username, user.id, password)
  return user
}

/** An administrator sets a new password for someone who forgot theirs (and unlocks the account). */
export const resetPassword = (ctx: Ctx, id: string, password: string) => setPassword(ctx, id, password, 'password-reset')

/** The recovery code was right (people/unlock.ts): an active administrator gets a new password. */
export async function recoverPassword(ctx: Ctx, username: string, password: string): Promise<UserInfo> {
  const row = rowByName(ctx.sqlite, username)
  if (!row || row.role !== 'admin' || row.active !== 1) {
    throw new AppError('RECOVER_NOT_ADMIN', msg('login.recoverNotAdmin', { name: username.trim().toLowerCase() }))
  }
  return setPassword(ctx, row.id, password, 'password-recovery')
}

/** A person changes their own password; the old one must be right. */
export async function changePassword(ctx: Ctx, id: string, oldPassword: string, newPassword: string): Promise<{ ok: true }> {
  const row = requireUserRow(ctx.sqlite, id)
  if (!(await verifyPassword(oldPassword, row.password_hash))) throw new AppError('PASSWORD_WRONG', msg('login.oldWrong'))
  if (oldPassword === newPassword) throw new AppError('PASSWORD_SAME', msg('login.same'))
  await setPassword(ctx, id, newPassword, 'password-change')
  return { ok: true }
}

export const roleLabel = (r: Role) => ROLE_LABEL[r]
