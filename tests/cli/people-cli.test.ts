import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../src/core/paths'
import { TEST_PASSWORD, tempDir } from '../helpers/db'

const simpul = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, SIMPUL_SCRYPT_N: '1024', SIMPUL_USER: '', SIMPUL_PASSWORD: '', ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('simpul command line, people', () => {
  it('init --admin, user add/list, every command as --user with the password from SIMPUL_PASSWORD; wrong password and wrong role exit 1', () => {
    const db = join(tempDir(), 'kab.sqlite')
    const asAdmin = { SIMPUL_USER: 'rahmat', SIMPUL_PASSWORD: TEST_PASSWORD }
    expect(simpul(asAdmin, 'init', '--office', '12.18', '--name', 'Bappeda Serdang Bedagai', '--db', db).code).toBe(2)
    const init = simpul({ SIMPUL_PASSWORD: TEST_PASSWORD }, 'init', '--office', '12.18', '--name', 'Bappeda Serdang Bedagai', '--admin', 'rahmat', '--admin-name', 'Rahmat Siregar', '--db', db)
    expect(init.code, init.err).toBe(0)
    expect(init.out).toMatch(/administrator: rahmat/)

    const noUser = simpul({ SIMPUL_PASSWORD: TEST_PASSWORD }, 'user', 'list', '--db', db)
    expect(noUser.code).toBe(1)
    expect(noUser.err).toMatch(/sebutkan --user <nama> atau SIMPUL_USER/)

    const wrong = simpul({ SIMPUL_USER: 'rahmat', SIMPUL_PASSWORD: 'bukan-ini' }, 'user', 'list', '--db', db)
    expect(wrong.code).toBe(1)
    expect(wrong.err).toBe('Ditolak: Nama pengguna atau kata sandi salah.\n')

    const add = simpul(asAdmin, 'user', 'add', 'rina', '--role', 'bendahara', '--name', 'Rina Marpaung', '--db', db, '--json')
    expect(add.code, add.err).toBe(0)
    expect(JSON.parse(add.out)).toMatchObject({ username: 'rina', role: 'bendahara', displayName: 'Rina Marpaung' })
    expect(simpul(asAdmin, 'user', 'add', 'x', '--role', 'raja', '--db', db).code).toBe(2)

    const list = simpul({}, 'user', 'list', '--user', 'rahmat', '--db', db, '--json')
    // --user on the command line; an empty SIMPUL_PASSWORD is a wrong password, the right one lets it through.
    expect(list.code).toBe(1)
    const listed = simpul({ SIMPUL_PASSWORD: TEST_PASSWORD }, 'user', 'list', '--user', 'rahmat', '--db', db, '--json')
    expect(JSON.parse(listed.out).map((u: { username: string }) => u.username).sort()).toEqual(['rahmat', 'rina'])

    // The treasurer may read honor lists but not manage users or restore backups.
    const asRina = { SIMPUL_USER: 'rina', SIMPUL_PASSWORD: TEST_PASSWORD }
    expect(simpul(asRina, 'honor', 'lists', '--db', db).code).toBe(0)
    const refused = simpul(asRina, 'user', 'add', 'budi', '--role', 'operator', '--db', db)
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/rina masuk sebagai Bendahara; peran ini tidak boleh menjalankan "user add"\. Yang boleh: Administrator\./)

    // Who did what is in the chained audit log, and integrity checks the chain.
    const integrity = simpul(asAdmin, 'integrity', '--db', db, '--json')
    expect(JSON.parse(integrity.out)).toMatchObject({ ok: true, audit: { ok: true, entries: 2 } })
  })
})
