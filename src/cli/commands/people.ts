import { countUsers, createUser, listUsers, recoverPassword } from '../../core/people/users'
import { openContext } from '../../core/context'
import { fileState } from '../../core/db/cipher'
import { unlockWithRecovery } from '../../core/people/unlock'
import { role as roleSchema, newUser } from '../../shared/contract/people'
import { ROLE_LABEL, ROLES } from '../../shared/contract/roles'
import { AppError } from '../../shared/result'
import { describeIssues } from '../../core/handlers'
import { EXIT, UsageError, withCtx, type Command } from '../command'
import { promptPassword, protectAndTell } from '../login'

export const peopleCommands: Command[] = [
  {
    name: 'recover',
    summary: 'kode pemulihan dari brankas kantor → kata sandi baru untuk administrator',
    usage: 'recover --admin <nama pengguna> [--code <kode pemulihan>]  (kode juga dari SIMPUL_RECOVERY_CODE atau ditanyakan; kata sandi baru dari SIMPUL_PASSWORD atau ditanyakan)',
    options: { admin: { type: 'string' }, code: { type: 'string' } },
    // Runs without a login: it is the way in when every administrator password is lost.
    access: 'none',
    async run(r) {
      const admin = r.values.admin as string | undefined
      if (!admin) throw new UsageError('sebutkan --admin <nama pengguna administrator>')
      if (fileState(r.dbFile) !== 'encrypted') {
        throw new AppError('NOT_ENCRYPTED', `Basis data ${r.dbFile} belum dienkripsi, jadi belum punya kode pemulihan.`)
      }
      const code = (r.values.code as string | undefined) ?? process.env.SIMPUL_RECOVERY_CODE ?? (await promptPassword('Kode pemulihan: '))
      const key = await unlockWithRecovery(r.dbFile, code)
      const password = await r.password(`Kata sandi baru untuk ${admin}`)
      const parsed = newUser.shape.password.safeParse(password)
      if (!parsed.success) throw new AppError('INVALID_INPUT', `Isian tidak sah — ${describeIssues(parsed.error)}`)
      const ctx = openContext({ dataFile: r.dbFile, host: 'cli', key })
      try {
        const user = await recoverPassword(ctx, admin, password)
        r.print(user, `Kata sandi administrator ${user.username} diganti dengan kode pemulihan. Masuk dengan kata sandi baru itu.`)
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
  {
    name: 'user add',
    summary: 'tambah pengguna dengan peran (kata sandi dari SIMPUL_PASSWORD atau ditanyakan)',
    usage: `user add <nama pengguna> --role ${ROLES.join('|')} [--name <nama lengkap>]`,
    options: { role: { type: 'string' }, name: { type: 'string' } },
    // The very first user of a database (necessarily an administrator) needs no login.
    access: { ops: ['people.add'], bootstrap: true },
    run: (r) =>
      withCtx(r, async (ctx) => {
        const username = r.args[0]
        const role = roleSchema.safeParse(r.values.role)
        if (!username) throw new UsageError('sebutkan nama pengguna')
        if (!role.success) throw new UsageError(`--role harus salah satu dari ${ROLES.join(', ')}`)
        if (countUsers(ctx.sqlite) === 0 && role.data !== 'admin') {
          throw new AppError('FIRST_USER_ADMIN', 'Pengguna pertama harus administrator (--role admin).')
        }
        const password = await r.password(`Kata sandi untuk ${username}`)
        const parsed = newUser.safeParse({ username, displayName: (r.values.name as string | undefined) ?? username, password })
        if (!parsed.success) throw new AppError('INVALID_INPUT', `Isian tidak sah — ${describeIssues(parsed.error)}`)
        const first = countUsers(ctx.sqlite) === 0
        const user = await createUser(ctx, { ...parsed.data, role: role.data })
        // The first administrator of a database encrypts it (recovery code on stderr, for the office safe).
        if (first) await protectAndTell(ctx, user, password, r.note)
        r.print(user, `Pengguna ${user.username} (${ROLE_LABEL[user.role]}) ditambahkan.`)
        return EXIT.ok
      }),
  },
  {
    name: 'user list',
    summary: 'daftar pengguna dan perannya',
    usage: 'user list',
    access: { ops: ['people.list'] },
    run: (r) =>
      withCtx(r, (ctx) => {
        const users = listUsers(ctx.sqlite)
        r.print(users, () =>
          users.map((u) => `${u.username.padEnd(20)} ${ROLE_LABEL[u.role].padEnd(16)} ${u.active ? 'aktif' : 'nonaktif'}  ${u.displayName}`).join('\n'),
        )
        return EXIT.ok
      }),
  },
]
