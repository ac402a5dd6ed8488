import type { Handlers } from '../handlers'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { verifyAuditChain } from '../db/audit-chain'
import { readOffice, setupOffice, type SetupInput } from '../office/service'
import { hashPassword } from './password'
import { changePassword, countUsers, createUser, getUser, insertUser, listUsers, login, recoverPassword, resetPassword, updateUser } from './users'
import { protectDatabase, recoveryCodeFits } from './unlock'
import type { UserInfo } from '../../shared/contract/people'

const me = (ctx: Ctx) => {
  const a = ctx.actor()
  if (!a) throw new AppError('UNAUTHENTICATED', msg('op.unauthenticated'))
  return a
}

export const peopleHandlers = {
  'people.whoami': (_i, ctx) => {
    const a = ctx.actor()
    return { user: a ? getUser(ctx.sqlite, a.userId) : null, hasUsers: countUsers(ctx.sqlite) > 0 }
  },
  'people.login': async (i, ctx) => {
    const user = await login(ctx, i.username, i.password)
    // A database of an earlier release is encrypted the first time an administrator logs in.
    return { user, ...(user.role === 'admin' ? await recoveryCodeOf(ctx, user, i.password) : {}) }
  },
  'people.recover': async (i, ctx) => {
    if (!ctx.dbKey) throw new AppError('NOT_ENCRYPTED', msg('login.notEncrypted'))
    if (!(await recoveryCodeFits(ctx, i.code))) throw new AppError('LOGIN_FAILED', msg('login.recoveryNotOurs'))
    return { user: await recoverPassword(ctx, i.username, i.newPassword) }
  },
  // The host or the window forgets the session; nothing is kept in the database.
  'people.logout': () => ({ ok: true as const }),
  'people.firstAdmin': async (i, ctx) => {
    if (countUsers(ctx.sqlite) > 0) throw new AppError('USERS_EXIST', msg('login.adminExists'))
    if (!readOffice(ctx.sqlite)) throw new AppError('NO_OFFICE', msg('op.noOffice'))
    const user = await createUser(ctx, { ...i, role: 'admin' })
    return { user, ...(await recoveryCodeOf(ctx, user, i.password)) }
  },
  'people.list': (_i, ctx) => listUsers(ctx.sqlite),
  'people.add': (i, ctx) => createUser(ctx, i),
  'people.update': (i, ctx) => updateUser(ctx, i.id, i, ctx.actor()),
  'people.resetPassword': (i, ctx) => resetPassword(ctx, i.id, i.password),
  'people.changePassword': (i, ctx) => changePassword(ctx, me(ctx).userId, i.oldPassword, i.newPassword),
  'people.auditLog': (i, ctx) => ({
    entries: ctx.sqlite
      .prepare(
        `SELECT seq, id, at, user, office_code AS officeCode, table_name AS "table", row_id AS rowId, action, source_office AS sourceOffice, bundle_id AS bundleId
         FROM audit_log ORDER BY seq DESC LIMIT ?`,
      )
      .all(i.limit) as never,
    chain: verifyAuditChain(ctx.sqlite),
  }),
  'office.setup': async (i, ctx) => {
    const done = await setupWithAdmin(ctx, i)
    return { ...done, ...(await recoveryCodeOf(ctx, done.user, i.admin.password)) }
  },
} satisfies Partial<Handlers>

/** Encrypts a still-plain database under this administrator's password; the recovery code to show once, if it did. */
export async function recoveryCodeOf(ctx: Ctx, admin: UserInfo, password: string): Promise<{ recoveryCode?: string }> {
  const done = await protectDatabase(ctx, { username: admin.username, userId: admin.id }, password)
  return done && 'recoveryCode' in done ? { recoveryCode: done.recoveryCode } : {}
}

/** First run: the office and its first administrator in one transaction; the caller is then logged in. */
export async function setupWithAdmin(ctx: Ctx, i: SetupInput & { admin: { username: string; displayName: string; password: string } }) {
  if (readOffice(ctx.sqlite)) throw new AppError('OFFICE_EXISTS', msg('office.exists'))
  if (countUsers(ctx.sqlite) > 0) throw new AppError('USERS_EXIST', msg('login.usersExist'))
  const hash = await hashPassword(i.admin.password)
  return ctx.sqlite.transaction(() => {
    const office = setupOffice(ctx, { wilayahCode: i.wilayahCode, level: i.level, name: i.name })
    const user = insertUser(ctx, { ...i.admin, role: 'admin' }, hash)
    return { ...office, user }
  })()
}
