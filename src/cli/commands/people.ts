import { countUsers, createUser, listUsers } from '../../core/people/users'
import { role as roleSchema, newUser } from '../../shared/contract/people'
import { ROLE_LABEL, ROLES } from '../../shared/contract/roles'
import { AppError } from '../../shared/result'
import { describeIssues } from '../../core/handlers'
import { EXIT, UsageError, withCtx, type Command } from '../command'

export const peopleCommands: Command[] = [
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
        const user = await createUser(ctx, { ...parsed.data, role: role.data })
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
