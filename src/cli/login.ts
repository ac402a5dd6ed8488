import { existsSync } from 'node:fs'
import { openContext, type Ctx } from '../core/context'
import { fileState, type DbKey } from '../core/db/cipher'
import type { Actor } from '../core/people/actor'
import type { UserInfo } from '../shared/contract/people'
import { protectDatabase, unlockWithPassword } from '../core/people/unlock'
import { actorOf, countUsers, login } from '../core/people/users'
import { allowed, ROLE_LABEL, rolesFor } from '../shared/contract/roles'
import { AppError } from '../shared/result'
import type { Command } from './command'

/** Reads a password without echo from a terminal, or one line from piped stdin. */
export function promptPassword(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin
    process.stderr.write(question)
    let text = ''
    const tty = stdin.isTTY
    if (tty) stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const done = (value: string | null) => {
      stdin.off('data', onData)
      stdin.off('end', onEnd)
      if (tty) stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (value === null) reject(new AppError('LOGIN_CANCELLED', 'Masuk dibatalkan.'))
      else resolve(value)
    }
    const onEnd = () => done(text)
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\n' || ch === '\r') return done(text)
        if (ch === '\u0003') return done(null)
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1)
        else text += ch
      }
    }
    stdin.on('data', onData)
    stdin.on('end', onEnd)
  })
}

export const passwordFromEnvOrPrompt = (purpose: string): Promise<string> =>
  process.env.SIMPUL_PASSWORD !== undefined ? Promise.resolve(process.env.SIMPUL_PASSWORD) : promptPassword(`${purpose}: `)

/**
 * Logs the command in as `--user` / SIMPUL_USER with the password from SIMPUL_PASSWORD or a
 * prompt, and checks the user's role against the operations the command performs.
 * Returns null for commands that need no login (or a database that has no user yet,
 * for the commands that create the first one).
 */
export async function loginForCommand(command: Command, dbFile: string, userOption: string | undefined): Promise<{ actor: Actor | null; key: DbKey | null }> {
  const nobody = { actor: null, key: null }
  if (command.access === 'none') return nobody
  const { ops, bootstrap } = command.access
  if (!existsSync(dbFile) && bootstrap) return nobody
  const username = userOption ?? process.env.SIMPUL_USER
  const loginRequired = () =>
    new AppError('LOGIN_REQUIRED', `Perintah "${command.name}" dijalankan atas nama pengguna: sebutkan --user <nama> atau SIMPUL_USER (kata sandi dari SIMPUL_PASSWORD atau ditanyakan).`)
  // An encrypted database opens only with a key unwrapped by the user's password (people/unlock.ts).
  let password: string | null = null
  let key: DbKey | null = null
  if (fileState(dbFile) === 'encrypted') {
    if (!username) throw loginRequired()
    password = await passwordFromEnvOrPrompt(`Kata sandi ${username}`)
    key = await unlockWithPassword(dbFile, username, password)
  }
  const ctx = openContext({ dataFile: dbFile, host: 'cli', key })
  try {
    if (countUsers(ctx.sqlite) === 0) {
      if (bootstrap) return nobody
      throw new AppError('NO_USERS', 'Basis data ini belum punya pengguna. Buat administrator dulu: simpul user add <nama> --role admin (kata sandi dari SIMPUL_PASSWORD atau ditanyakan).')
    }
    if (!username) throw loginRequired()
    password ??= await passwordFromEnvOrPrompt(`Kata sandi ${username}`)
    const user = await login(ctx, username, password)
    // A database of an earlier release is encrypted the first time an administrator runs a command.
    if (user.role === 'admin') await protectAndTell(ctx, user, password, (t) => process.stderr.write(`${t}\n`))
    const actor = actorOf(ctx.sqlite, user.id)!
    const refused = ops.find((op) => !allowed(actor.role, op))
    if (refused) {
      throw new AppError(
        'FORBIDDEN',
        `${actor.username} masuk sebagai ${ROLE_LABEL[actor.role]}; peran ini tidak boleh menjalankan "${command.name}". Yang boleh: ${rolesFor(refused).map((r) => ROLE_LABEL[r]).join(', ')}.`,
      )
    }
    return { actor, key: ctx.dbKey }
  } finally {
    ctx.close()
  }
}

/**
 * The key of an encrypted database for a command that runs without a role check (the
 * warehouse's own commands): unwrapped with --user / SIMPUL_USER and the password; null for a
 * plain database.
 */
export async function keyForFile(dbFile: string, userOption: string | undefined, commandName: string): Promise<DbKey | null> {
  if (fileState(dbFile) !== 'encrypted') return null
  const username = userOption ?? process.env.SIMPUL_USER
  if (!username) {
    throw new AppError('LOGIN_REQUIRED', `Basis data ini terenkripsi: "${commandName}" perlu --user <nama> atau SIMPUL_USER (kata sandi dari SIMPUL_PASSWORD atau ditanyakan) untuk membukanya.`)
  }
  return unlockWithPassword(dbFile, username, await passwordFromEnvOrPrompt(`Kata sandi ${username}`))
}

/** The recovery code, framed for printing, or why the database is not encrypted yet. */
export function recoveryCodeText(code: string): string {
  return [
    'KODE PEMULIHAN — cetak atau tulis, simpan di brankas kantor (hanya ditampilkan sekali):',
    '',
    `    ${code}`,
    '',
    'Kode ini membuka basis data bila semua kata sandi administrator hilang: simpul recover',
  ].join('\n')
}

/** Encrypts a still-plain database under this administrator's password and tells the recovery code. */
export async function protectAndTell(ctx: Ctx, admin: UserInfo, password: string, tell: (text: string) => void): Promise<string | null> {
  const done = await protectDatabase(ctx, { username: admin.username, userId: admin.id }, password)
  if (!done) return null
  if ('deferred' in done) {
    tell(done.deferred)
    return null
  }
  tell(recoveryCodeText(done.recoveryCode))
  return done.recoveryCode
}
