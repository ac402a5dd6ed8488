import { z } from 'zod'
import { op } from './define'
import { ROLES, type Role } from './roles'
import { zm } from '../messages'

export interface UserInfo {
  id: string
  username: string
  displayName: string
  role: Role
  active: boolean
  createdAt: string
  lastLoginAt: string | null
}

/** One audit entry with its place in the hash chain, for the audit screen. */
export interface AuditLogEntry {
  seq: number
  id: string
  at: string
  user: string
  officeCode: string
  table: string
  rowId: string
  action: string
  sourceOffice: string | null
  bundleId: string | null
}

export interface ChainReport {
  ok: boolean
  entries: number
  /** The first entries that do not match their hash, or whose predecessor is missing. */
  problems: { seq: number | null; id: string | null; message: string }[]
}

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, zm('field.usernameRule'))

export const password = z.string().min(8, zm('field.password8')).max(200, zm('field.passwordLong'))
export const displayName = z.string().trim().min(2, zm('field.fullName2')).max(80)
export const role = z.enum(ROLES, zm('field.roleUnknown'))

export const newUser = z.object({ username, displayName, password })

export const peopleOps = {
  /** Who is logged in on this window, and whether the database has any user yet. */
  'people.whoami': op<{ user: UserInfo | null; hasUsers: boolean; locked?: boolean }>()(z.object({})),
  /** `recoveryCode`: this login encrypted a database of an earlier release; the code is shown once, for the office safe. */
  'people.login': op<{ user: UserInfo; recoveryCode?: string }>()(z.object({ username: z.string().trim().toLowerCase().min(1, zm('field.username')).max(64), password: z.string().min(1, zm('field.password')).max(200) })),
  'people.logout': op<{ ok: true }>()(z.object({})),
  /** The first administrator of a database that has an office but no user yet. */
  'people.firstAdmin': op<{ user: UserInfo; recoveryCode?: string }>()(newUser),
  /** Forgotten password: the recovery code from the office safe sets a new password for an administrator (who is then logged in). */
  'people.recover': op<{ user: UserInfo }>()(
    z.object({
      code: z.string().trim().min(1, zm('field.recoveryCode')).max(100),
      username: z.string().trim().toLowerCase().min(1, zm('field.adminUsername')).max(64),
      newPassword: password,
    }),
  ),
  'people.list': op<UserInfo[]>()(z.object({})),
  'people.add': op<UserInfo>()(newUser.extend({ role })),
  'people.update': op<UserInfo>()(z.object({ id: z.string(), role: role.optional(), active: z.boolean().optional(), displayName: displayName.optional() })),
  'people.resetPassword': op<UserInfo>()(z.object({ id: z.string(), password })),
  'people.changePassword': op<{ ok: true }>()(z.object({ oldPassword: z.string().min(1, zm('field.oldPassword')), newPassword: password })),
  /** The newest audit entries and the result of checking their hash chain. */
  'people.auditLog': op<{ entries: AuditLogEntry[]; chain: ChainReport }>()(z.object({ limit: z.number().int().min(1).max(1000).default(200) })),
} as const
