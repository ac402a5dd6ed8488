import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { backupDatabase } from '../../src/core/db/backup'
import { fileState, openSqlite } from '../../src/core/db/cipher'
import { integrityCheck } from '../../src/core/db/open'
import { restoreInContext } from '../../src/core/db/restore'
import { generateDemo } from '../../src/core/demo'
import { keysDir, loadKeys, publicKeyText } from '../../src/core/exchange/keys'
import { readKeyring } from '../../src/core/people/keyring'
import { unlockWithPassword, unlockWithRecovery } from '../../src/core/people/unlock'
import { changePassword } from '../../src/core/people/users'
import { setupOffice } from '../../src/core/office/service'
import { WorkerClient } from '../../src/core/worker/client'
import { AppError } from '../../src/shared/result'
import { addUser, callOp, dispatch, makeCtx, tempDir, TEST_DB_KEY, TEST_PASSWORD, TEST_RECOVERY_CODE } from '../helpers/db'

const clock = fixedClock('2026-11-24T09:00:00+07:00')

/** Every file that holds the office's rows: the database, its WAL and every backup. */
const filesAtRest = (ctx: Ctx) => [
  ctx.dataFile,
  ...(existsSync(`${ctx.dataFile}-wal`) ? [`${ctx.dataFile}-wal`] : []),
  ...readdirSync(ctx.backupsDir).map((n) => join(ctx.backupsDir, n)),
]

const niksOf = (ctx: Ctx) => (ctx.sqlite.prepare('SELECT DISTINCT nik FROM kader').all() as { nik: string }[]).map((r) => r.nik)

/** The NIK strings found in the raw bytes of these files (as ASCII/UTF-8, the way SQLite stores text). */
function leakedNiks(files: string[], niks: string[]): string[] {
  const found = new Set<string>()
  for (const f of files) {
    const bytes = readFileSync(f)
    for (const nik of niks) if (bytes.includes(nik)) found.add(nik)
  }
  return [...found]
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    return e as AppError
  }
  throw new Error('expected a refusal')
}

describe('encryption at rest', () => {
  it('demo data: no NIK in the raw bytes of the database, its WAL or its backups; without the key nothing is readable', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    generateDemo(ctx, { scale: 'kecamatan', seed: 5 })
    const niks = niksOf(ctx)
    expect(niks.length).toBeGreaterThan(500)
    backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', clock)
    // Fresh writes stay in the WAL until a checkpoint: the WAL must be encrypted too.
    ctx.sqlite.pragma('wal_autocheckpoint = 0')
    ctx.sqlite.prepare(`UPDATE kader SET name = name || ' ' WHERE rowid IN (SELECT rowid FROM kader LIMIT 200)`).run()
    expect(readFileSync(`${ctx.dataFile}-wal`).length).toBeGreaterThan(100_000)
    const files = filesAtRest(ctx)
    expect(files.length).toBeGreaterThanOrEqual(3)
    expect(leakedNiks(files, niks)).toEqual([])
    // The scan can fail: the same rows in a plain copy show every NIK.
    const plain = join(tempDir(), 'plain.sqlite')
    const p = new Database(plain)
    p.exec('CREATE TABLE kader(nik TEXT)')
    const ins = p.prepare('INSERT INTO kader VALUES (?)')
    for (const n of niks) ins.run(n)
    p.close()
    expect(leakedNiks([plain], niks).length).toBe(niks.length)

    for (const f of files) {
      expect(fileState(f)).toBe('encrypted')
      const raw = new Database(f, { readonly: true })
      expect(() => raw.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/)
      raw.close()
    }
    const wrong = openSqlite(ctx.dataFile, Buffer.alloc(32, 7), { readonly: true })
    expect(() => wrong.prepare('SELECT count(*) FROM kader').get()).toThrow(/not a database/)
    wrong.close()
    // With the key, the backup is a whole database.
    const b = openSqlite(files.find((f) => f.includes('manual'))!, TEST_DB_KEY, { readonly: true })
    expect(integrityCheck(b).ok).toBe(true)
    expect((b.prepare('SELECT count(DISTINCT nik) AS n FROM kader').get() as { n: number }).n).toBe(niks.length)
    b.close()
    // The office's private keys are encrypted PEM files.
    loadKeys(ctx.dataDir)
    for (const f of readdirSync(keysDir(ctx.dataDir)).filter((n) => n.endsWith('.pem'))) {
      expect(readFileSync(join(keysDir(ctx.dataDir), f), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/)
    }
    ctx.close()
  })

  it('wrong passwords lock the name before the database is open, for longer each time; the right one waits too', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    ctx.close()
    const t0 = new Date('2026-11-24T02:00:00Z')
    for (let i = 1; i <= 4; i++) expect((await refusal(unlockWithPassword(ctx.dataFile, 'admin', `salah-${i}`, t0))).code).toBe('LOGIN_FAILED')
    const fifth = await refusal(unlockWithPassword(ctx.dataFile, 'admin', 'salah-5', t0))
    expect(fifth.code).toBe('LOGIN_LOCKED')
    expect(fifth.message).toMatch(/terkunci 30 detik/)
    // The count lives in the keyring: another process (a restart) sees it.
    expect(readKeyring(ctx.dataFile)!.failures.admin.count).toBe(5)
    const during = await refusal(unlockWithPassword(ctx.dataFile, 'admin', TEST_PASSWORD, new Date(t0.getTime() + 10_000)))
    expect(during.code).toBe('LOGIN_LOCKED')
    expect(during.message).toMatch(/coba lagi dalam 20 detik/)
    const sixth = await refusal(unlockWithPassword(ctx.dataFile, 'admin', 'salah-6', new Date(t0.getTime() + 31_000)))
    expect(sixth.message).toMatch(/terkunci 60 detik/)
    const key = await unlockWithPassword(ctx.dataFile, 'admin', TEST_PASSWORD, new Date(t0.getTime() + 92_000))
    expect(key.equals(TEST_DB_KEY)).toBe(true)
    expect(readKeyring(ctx.dataFile)!.failures.admin).toBeUndefined()
    // A name without a wrap gets the way forward, in words.
    const none = await refusal(unlockWithPassword(ctx.dataFile, 'operator', TEST_PASSWORD))
    expect(none.code).toBe('NO_KEY_WRAP')
    expect(none.message).toMatch(/Minta administrator masuk lebih dulu/)
  })

  it('a password change rewraps the same key: the database file is not touched, the old password no longer unlocks', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const admin = readKeyring(ctx.dataFile)!.users.admin
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const before = readFileSync(ctx.dataFile)
    await changePassword(ctx, admin.userId, TEST_PASSWORD, 'kata-sandi-baru-456')
    expect(readFileSync(ctx.dataFile).equals(before)).toBe(true)
    const after = readKeyring(ctx.dataFile)!.users.admin
    expect(after.salt).not.toBe(admin.salt)
    expect(after.data).not.toBe(admin.data)
    // Even once the change is checkpointed into the file, only the pages of that row and its audit entry differ: no re-encryption.
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    const now = readFileSync(ctx.dataFile)
    let changed = 0
    for (let off = 0; off < before.length; off += 4096) if (!before.subarray(off, off + 4096).equals(now.subarray(off, off + 4096))) changed++
    expect(changed).toBeLessThan(20)
    expect(before.length / 4096).toBeGreaterThan(1000)
    ctx.close()
    expect((await refusal(unlockWithPassword(ctx.dataFile, 'admin', TEST_PASSWORD))).code).toBe('LOGIN_FAILED')
    expect((await unlockWithPassword(ctx.dataFile, 'admin', 'kata-sandi-baru-456')).equals(TEST_DB_KEY)).toBe(true)
  })

  it('users: added, reset and logging in get a wrap; a deactivated user loses it', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const op = await callOp(ctx, 'people.add', { username: 'rina', displayName: 'Rina', role: 'operator', password: 'sandi-rina-123' })
    expect((await unlockWithPassword(ctx.dataFile, 'rina', 'sandi-rina-123')).equals(TEST_DB_KEY)).toBe(true)
    await callOp(ctx, 'people.resetPassword', { id: op.id, password: 'sandi-baru-rina' })
    expect((await refusal(unlockWithPassword(ctx.dataFile, 'rina', 'sandi-rina-123'))).code).toBe('LOGIN_FAILED')
    expect((await unlockWithPassword(ctx.dataFile, 'rina', 'sandi-baru-rina')).equals(TEST_DB_KEY)).toBe(true)
    await callOp(ctx, 'people.update', { id: op.id, active: false })
    expect(readKeyring(ctx.dataFile)!.users.rina).toBeUndefined()
    expect((await refusal(unlockWithPassword(ctx.dataFile, 'rina', 'sandi-baru-rina'))).code).toBe('NO_KEY_WRAP')
    // Active again: the wrap comes back with the next login in an open database.
    await callOp(ctx, 'people.update', { id: op.id, active: true })
    expect(readKeyring(ctx.dataFile)!.users.rina).toBeUndefined()
    await callOp(ctx, 'people.login', { username: 'rina', password: 'sandi-baru-rina' })
    expect((await unlockWithPassword(ctx.dataFile, 'rina', 'sandi-baru-rina')).equals(TEST_DB_KEY)).toBe(true)
    ctx.close()
  })

  it('the recovery code unlocks and sets a new administrator password; a wrong code or a non-administrator is refused', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addUser(ctx, 'operator', 'budi')
    ctx.close()
    // Read aloud and typed in lower case with spaces: still the code.
    const typed = TEST_RECOVERY_CODE.toLowerCase().replace(/-/g, ' ')
    expect((await unlockWithRecovery(ctx.dataFile, typed)).equals(TEST_DB_KEY)).toBe(true)
    expect((await refusal(unlockWithRecovery(ctx.dataFile, 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF'))).message).toBe('Kode pemulihan salah.')
    const open = openContext({ dataFile: ctx.dataFile, host: 'cli', clock, key: await unlockWithRecovery(ctx.dataFile, typed) })
    const notAdmin = await dispatch(open, 'people.recover', { code: typed, username: 'budi', newPassword: 'baru-sekali-789' }, {})
    expect(notAdmin.ok || notAdmin.error.code).toBe('RECOVER_NOT_ADMIN')
    const wrong = await dispatch(open, 'people.recover', { code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF', username: 'admin', newPassword: 'baru-sekali-789' }, {})
    expect(wrong.ok).toBe(false)
    const done = await dispatch(open, 'people.recover', { code: typed, username: 'admin', newPassword: 'baru-sekali-789' }, {})
    expect(done.ok).toBe(true)
    const audit = open.sqlite.prepare(`SELECT action FROM audit_log WHERE table_name = 'app_user' ORDER BY seq DESC LIMIT 1`).get() as { action: string }
    expect(audit.action).toBe('password-recovery')
    open.close()
    expect((await refusal(unlockWithPassword(ctx.dataFile, 'admin', TEST_PASSWORD))).code).toBe('LOGIN_FAILED')
    expect((await unlockWithPassword(ctx.dataFile, 'admin', 'baru-sekali-789')).equals(TEST_DB_KEY)).toBe(true)
  })

  it('a plain database of the previous release is encrypted at the first administrator login, after a backup; nothing is lost', async () => {
    // The previous release: a plain file, opened without a key (the same code path it used).
    const dir = tempDir()
    const dataFile = join(dir, 'simpul.sqlite')
    const old = openContext({ dataFile, host: 'cli', clock })
    expect(old.dbKey).toBeNull()
    setupOffice(old, { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor Camat Sei Rampah' })
    const admin = addUser(old, 'admin', 'admin')
    addUser(old, 'operator', 'budi')
    old.actAs({ userId: admin.userId, username: 'admin', displayName: 'Penguji', role: 'admin' })
    generateDemo(old, { scale: 'kecamatan', seed: 9 })
    const niks = niksOf(old)
    const oldKeys = loadKeys(old.dataDir)
    const signPublic = publicKeyText(oldKeys.signPublic)
    expect(readFileSync(join(keysDir(dir), 'sign-ed25519.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/)
    backupDatabase(old.sqlite, old.backupsDir, 'manual', clock)
    const tables = ['kader', 'posyandu', 'monthly_report', 'audit_log', 'app_user', 'wilayah']
    const counts = Object.fromEntries(tables.map((t) => [t, (old.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]))
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    // A copy on a USB stick from before the upgrade, restored later.
    mkdirSync(join(dir, 'usb'))
    copyFileSync(dataFile, join(dir, 'usb', 'simpul-lama.sqlite'))
    expect(leakedNiks([dataFile, ...readdirSync(old.backupsDir).map((n) => join(old.backupsDir, n))], niks).length).toBe(niks.length)
    old.close()
    expect(existsSync(`${dataFile}.keyring`)).toBe(false)

    // The upgrade: an operator logging in first changes nothing; the administrator's login encrypts.
    const ctx = openContext({ dataFile, host: 'cli', clock })
    const byOperator = await callOp(ctx, 'people.login', { username: 'budi', password: TEST_PASSWORD }, {})
    expect(byOperator.recoveryCode).toBeUndefined()
    expect(fileState(dataFile)).toBe('plain')
    const login = await callOp(ctx, 'people.login', { username: 'admin', password: TEST_PASSWORD }, {})
    expect(login.recoveryCode).toMatch(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/)
    expect(fileState(dataFile)).toBe('encrypted')
    expect(ctx.dbKey).not.toBeNull()
    // Nothing lost, the file intact, the plain copy made before encrypting removed again.
    for (const t of tables) expect((ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(counts[t])
    expect(integrityCheck(ctx.sqlite).ok).toBe(true)
    expect(readdirSync(ctx.backupsDir).filter((n) => n.startsWith('plain-before-encryption'))).toEqual([])
    // The old backups are encrypted too (and still restore points).
    const backups = readdirSync(ctx.backupsDir)
    expect(backups.filter((n) => n.endsWith('.sqlite')).map((n) => fileState(join(ctx.backupsDir, n)))).toEqual(['encrypted'])
    // The keyring travels with the backups folder (a copy), so those backups can be opened elsewhere.
    expect(readFileSync(join(ctx.backupsDir, 'simpul.sqlite.keyring'), 'utf8')).toBe(readFileSync(`${dataFile}.keyring`, 'utf8'))
    expect(leakedNiks(filesAtRest(ctx), niks)).toEqual([])
    // The office keys: the same identity, now in encrypted PEM files.
    expect(readFileSync(join(keysDir(dir), 'sign-ed25519.pem'), 'utf8')).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/)
    expect(publicKeyText(loadKeys(ctx.dataDir).signPublic)).toBe(signPublic)
    // The administrator and the recovery code open it; the operator gets a wrap at their next login here.
    expect((await unlockWithPassword(dataFile, 'admin', TEST_PASSWORD)).equals(ctx.dbKey!)).toBe(true)
    expect((await unlockWithRecovery(dataFile, login.recoveryCode!)).equals(ctx.dbKey!)).toBe(true)
    expect((await refusal(unlockWithPassword(dataFile, 'budi', TEST_PASSWORD))).code).toBe('NO_KEY_WRAP')
    await callOp(ctx, 'people.login', { username: 'budi', password: TEST_PASSWORD }, {})
    expect((await unlockWithPassword(dataFile, 'budi', TEST_PASSWORD)).equals(ctx.dbKey!)).toBe(true)
    // A second administrator login encrypts nothing again.
    expect((await callOp(ctx, 'people.login', { username: 'admin', password: TEST_PASSWORD }, {})).recoveryCode).toBeUndefined()

    // Restoring the plain copy from before the upgrade: it comes back encrypted, with its rows.
    const key = ctx.dbKey!
    ctx.sqlite.prepare(`DELETE FROM kader WHERE rowid IN (SELECT rowid FROM kader LIMIT 3)`).run()
    restoreInContext(ctx, join(dir, 'usb', 'simpul-lama.sqlite'))
    expect(fileState(dataFile)).toBe('encrypted')
    expect(ctx.dbKey!.equals(key)).toBe(true)
    expect((ctx.sqlite.prepare('SELECT count(*) AS n FROM kader').get() as { n: number }).n).toBe(counts.kader)
    expect(integrityCheck(ctx.sqlite).ok).toBe(true)
    expect(leakedNiks(filesAtRest(ctx), niks)).toEqual([])
    // A backup encrypted with another office's key cannot be opened here: refused in words, nothing changed.
    const foreign = makeCtx({ office: '12.18.05' })
    const foreignBackup = backupDatabase(foreign.sqlite, foreign.backupsDir, 'manual', clock).file
    foreign.close()
    const beforeForeign = readFileSync(dataFile)
    expect(() => restoreInContext(ctx, foreignBackup, undefined, { confirmOtherOffice: true })).toThrow(/terenkripsi dengan kunci lain/)
    expect(readFileSync(dataFile).equals(beforeForeign)).toBe(true)
    ctx.close()
    const sum = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex')
    expect(sum(dataFile)).not.toBe(sum(join(dir, 'usb', 'simpul-lama.sqlite')))
  })

  it('the worker client keeps an encrypted database closed until a login unwraps its key', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addUser(ctx, 'operator', 'budi')
    // budi was added without a wrap (as if added before the database was encrypted).
    const k = readKeyring(ctx.dataFile)!
    const dataFile = ctx.dataFile
    ctx.close()
    delete k.users.budi
    const { writeKeyring } = await import('../../src/core/people/keyring')
    writeKeyring(dataFile, k)

    const client = await WorkerClient.start({ dataFile, host: 'headless' })
    try {
      const who = await client.call('people.whoami', {})
      expect(who).toEqual({ ok: true, data: { user: null, hasUsers: true, locked: true } })
      const office = await client.call('office.get', {})
      expect(office.ok && (office.data as { name: string }).name).toBe('Kantor 12.18.04')
      const list = await client.call('registry.posyanduList', {})
      expect(list.ok || list.error.code).toBe('DB_KEY_REQUIRED')
      const wrong = await client.call('people.login', { username: 'admin', password: 'salah-sekali' })
      expect(wrong.ok || wrong.error.code).toBe('LOGIN_FAILED')
      const noWrap = await client.call('people.login', { username: 'budi', password: TEST_PASSWORD })
      expect(noWrap.ok || noWrap.error.message).toMatch(/Minta administrator masuk lebih dulu/)
      const login = await client.call('people.login', { username: 'admin', password: TEST_PASSWORD })
      expect(login.ok).toBe(true)
      const userId = (login as { data: { user: { id: string } } }).data.user.id
      expect((await client.call('office.get', {}, { userId })).ok).toBe(true)
      // Open now: budi logs in against the users table and gets a wrap for the next start.
      expect((await client.call('people.login', { username: 'budi', password: TEST_PASSWORD })).ok).toBe(true)
      expect(readKeyring(dataFile)!.users.budi).toBeDefined()
      // A long job runs in the second worker, which gets the key too.
      const diag = await client.call('app.diagnostics', {}, { userId })
      expect(diag.ok || diag.error).toBe(true)
    } finally {
      await client.close()
    }
  }, 60_000)
})
