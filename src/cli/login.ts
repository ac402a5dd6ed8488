import { existsSync } from 'node:fs'
import { openContext } from '../core/context'
import type { Actor } from '../core/people/actor'
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
export async function loginForCommand(command: Command, dbFile: string, userOption: string | undefined): Promise<Actor | null> {
  if (command.access === 'none') return null
  const { ops, bootstrap } = command.access
  if (!existsSync(dbFile) && bootstrap) return null
  const ctx = openContext({ dataFile: dbFile, host: 'cli' })
  try {
    if (countUsers(ctx.sqlite) === 0) {
      if (bootstrap) return null
      throw new AppError('NO_USERS', 'Basis data ini belum punya pengguna. Buat administrator dulu: simpul user add <nama> --role admin (kata sandi dari SIMPUL_PASSWORD atau ditanyakan).')
    }
    const username = userOption ?? process.env.SIMPUL_USER
    if (!username) throw new AppError('LOGIN_REQUIRED', `Perintah "${command.name}" dijalankan atas nama pengguna: sebutkan --user <nama> atau SIMPUL_USER (kata sandi dari SIMPUL_PASSWORD atau ditanyakan).`)
    const user = await login(ctx, username, await passwordFromEnvOrPrompt(`Kata sandi ${username}`))
    const actor = actorOf(ctx.sqlite, user.id)!
    const refused = ops.find((op) => !allowed(actor.role, op))
    if (refused) {
      throw new AppError(
        'FORBIDDEN',
        `${actor.username} masuk sebagai ${ROLE_LABEL[actor.role]}; peran ini tidak boleh menjalankan "${command.name}". Yang boleh: ${rolesFor(refused).map((r) => ROLE_LABEL[r]).join(', ')}.`,
      )
    }
    return actor
  } finally {
    ctx.close()
  }
}
