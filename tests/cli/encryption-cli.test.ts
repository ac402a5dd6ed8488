import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openContext } from '../../src/core/context'
import { fileState } from '../../src/core/db/cipher'
import { readKeyring } from '../../src/core/people/keyring'
import { setupOffice } from '../../src/core/office/service'
import { appRoot } from '../../src/core/paths'
import { addUser, CLI_ENV, tempDir, TEST_PASSWORD } from '../helpers/db'

const simpul = (env: Record<string, string>, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV, ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const CODE = /([A-Z2-9]{5}-){5}[A-Z2-9]{5}/

describe('encryption from the command line', () => {
  it('init prints the recovery code; commands unlock with SIMPUL_PASSWORD; recover sets a new administrator password', () => {
    const db = join(tempDir(), 'kec.sqlite')
    const init = simpul({}, 'init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--db', db)
    expect(init.code, init.err).toBe(0)
    expect(init.out).toMatch(/KODE PEMULIHAN/)
    const code = CODE.exec(init.out)![0]
    expect(fileState(db)).toBe('encrypted')
    expect(simpul({}, 'integrity', '--db', db).code).toBe(0)
    const wrong = simpul({ SIMPUL_PASSWORD: 'bukan-ini-sandinya' }, 'integrity', '--db', db)
    expect(wrong.code).toBe(1)
    expect(wrong.err).toMatch(/Nama pengguna atau kata sandi salah/)
    // A new user gets a wrap; a name without one is told what to do, in words.
    expect(simpul({}, 'user', 'add', 'rina', '--role', 'operator', '--db', db).code).toBe(0)
    expect(readKeyring(db)!.users.rina).toBeDefined()
    const stranger = simpul({ SIMPUL_USER: 'tamu' }, 'integrity', '--db', db)
    expect(stranger.code).toBe(1)
    expect(stranger.err).toMatch(/Minta administrator masuk lebih dulu/)
    // Backups are encrypted with the same key.
    const out = join(tempDir(), 'salinan.sqlite')
    expect(simpul({}, 'backup', '--out', out, '--db', db).code).toBe(0)
    expect(fileState(out)).toBe('encrypted')
    expect(simpul({}, 'restore', out, '--db', db).code).toBe(0)

    const bad = simpul({ SIMPUL_PASSWORD: 'sandi-baru-9876' }, 'recover', '--admin', 'admin', '--code', 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF', '--db', db)
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/Kode pemulihan salah/)
    const rec = simpul({ SIMPUL_PASSWORD: 'sandi-baru-9876', SIMPUL_RECOVERY_CODE: code.toLowerCase() }, 'recover', '--admin', 'admin', '--db', db)
    expect(rec.code, rec.err).toBe(0)
    expect(simpul({}, 'integrity', '--db', db).code).toBe(1)
    expect(simpul({ SIMPUL_PASSWORD: 'sandi-baru-9876' }, 'integrity', '--db', db).code).toBe(0)
    expect(simpul({ SIMPUL_PASSWORD: 'sandi-baru-9876' }, 'recover', '--admin', 'rina', '--code', code, '--db', db).code).toBe(1)
  })

  it('a plain database of the previous release is encrypted by the first command an administrator runs', () => {
    const dir = tempDir()
    const db = join(dir, 'simpul.sqlite')
    const old = openContext({ dataFile: db, host: 'cli' })
    setupOffice(old, { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor Camat Sei Rampah' })
    addUser(old, 'admin', 'admin')
    addUser(old, 'operator', 'budi')
    old.close()
    expect(fileState(db)).toBe('plain')
    // An operator's command leaves it plain (their password cannot be the office's recovery).
    expect(simpul({ SIMPUL_USER: 'budi' }, 'backups', '--db', db).code).toBe(0)
    expect(fileState(db)).toBe('plain')
    const first = simpul({}, 'integrity', '--db', db)
    expect(first.code, first.err).toBe(0)
    expect(first.err).toMatch(/KODE PEMULIHAN/)
    expect(first.err).toMatch(CODE)
    expect(fileState(db)).toBe('encrypted')
    expect(simpul({ SIMPUL_PASSWORD: TEST_PASSWORD }, 'integrity', '--db', db).err).not.toMatch(/KODE PEMULIHAN/)
  })
})
