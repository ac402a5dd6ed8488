import { describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/core/db/audit-chain'
import { insertRow, updateRow } from '../../src/core/db/rows'
import { hashPassword, verifyPassword } from '../../src/core/people/password'
import { login } from '../../src/core/people/users'
import type { Clock } from '../../src/core/clock'
import { addUser, callOp, dispatch, makeCtx, TEST_PASSWORD } from '../helpers/db'

const movableClock = (iso: string) => {
  let t = Date.parse(iso)
  const clock: Clock & { advance(s: number): void } = { now: () => new Date(t), advance: (s) => (t += s * 1000) }
  return clock
}

describe('passwords and login', () => {
  it('hashes with scrypt and a per-user salt; the same password gives different hashes', async () => {
    const a = await hashPassword('kata-sandi-panjang')
    const b = await hashPassword('kata-sandi-panjang')
    expect(a).toMatch(/^scrypt\$\d+\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b)
    expect(await verifyPassword('kata-sandi-panjang', a)).toBe(true)
    expect(await verifyPassword('kata-sandi-panjanG', a)).toBe(false)
    expect(await verifyPassword('x', 'md5$abc')).toBe(false)
  })

  it('locks an account after five wrong passwords, for longer each time, and even the right password waits', async () => {
    const clock = movableClock('2026-11-24T09:00:00+07:00')
    const ctx = makeCtx({ office: '12.18.04', clock })
    addUser(ctx, 'bendahara', 'rina')
    for (let i = 1; i <= 4; i++) await expect(login(ctx, 'rina', 'salah')).rejects.toMatchObject({ code: 'LOGIN_FAILED', message: 'Nama pengguna atau kata sandi salah.' })
    await expect(login(ctx, 'rina', 'salah')).rejects.toMatchObject({ code: 'LOGIN_LOCKED', message: expect.stringContaining('terkunci 30 detik') })
    await expect(login(ctx, 'rina', TEST_PASSWORD)).rejects.toMatchObject({ code: 'LOGIN_LOCKED', message: expect.stringMatching(/coba lagi dalam 30 detik/) })
    clock.advance(31)
    await expect(login(ctx, 'rina', 'salah lagi')).rejects.toMatchObject({ code: 'LOGIN_LOCKED', message: expect.stringContaining('terkunci 60 detik') })
    clock.advance(61)
    expect((await login(ctx, 'rina', TEST_PASSWORD)).username).toBe('rina')
    // A good login clears the count: the next mistake is an ordinary one.
    await expect(login(ctx, 'rina', 'salah')).rejects.toMatchObject({ code: 'LOGIN_FAILED' })
    // Unknown names get the same answer as wrong passwords.
    await expect(login(ctx, 'tidak-ada', 'apa saja')).rejects.toMatchObject({ code: 'LOGIN_FAILED', message: 'Nama pengguna atau kata sandi salah.' })
  })

  it('changes a password (old one required), resets one as admin, and never puts a hash in the audit log', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const op = addUser(ctx, 'operator', 'budi')
    expect(await dispatch(ctx, 'people.changePassword', { oldPassword: 'salah', newPassword: 'baru-sekali-123' }, op)).toMatchObject({ ok: false, error: { code: 'PASSWORD_WRONG' } })
    expect(await dispatch(ctx, 'people.changePassword', { oldPassword: TEST_PASSWORD, newPassword: 'baru-sekali-123' }, op)).toMatchObject({ ok: true })
    await expect(login(ctx, 'budi', TEST_PASSWORD)).rejects.toMatchObject({ code: 'LOGIN_FAILED' })
    expect((await login(ctx, 'budi', 'baru-sekali-123')).role).toBe('operator')
    // An operator cannot reset someone else's password; the administrator can.
    expect(await dispatch(ctx, 'people.resetPassword', { id: op.userId, password: 'lain-lagi-123' }, op)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await callOp(ctx, 'people.resetPassword', { id: op.userId, password: 'lain-lagi-123' })
    expect((await login(ctx, 'budi', 'lain-lagi-123')).username).toBe('budi')
    const log = JSON.stringify(ctx.sqlite.prepare(`SELECT * FROM audit_log WHERE table_name = 'app_user'`).all())
    expect(log).toContain('password-change')
    expect(log).not.toMatch(/scrypt\$/)
  })

  it('keeps at least one active administrator and refuses bad user input in Indonesian', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const [admin] = await callOp(ctx, 'people.list', {})
    expect(await dispatch(ctx, 'people.update', { id: admin.id, role: 'operator' })).toMatchObject({ ok: false, error: { code: 'LAST_ADMIN' } })
    expect(await dispatch(ctx, 'people.add', { username: 'Ab', displayName: 'x', role: 'raja', password: '123' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Nama pengguna 3–32.*Nama lengkap minimal 2 huruf.*Kata sandi minimal 8 karakter.*Peran tidak dikenal/) },
    })
    const u = await callOp(ctx, 'people.add', { username: 'Sari.Verif', displayName: 'Sari', role: 'verifikator', password: 'cukup-panjang' })
    expect(u).toMatchObject({ username: 'sari.verif', role: 'verifikator', active: true })
    expect(await dispatch(ctx, 'people.add', { username: 'sari.verif', displayName: 'Sari 2', role: 'operator', password: 'cukup-panjang' })).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN' } })
    expect(await callOp(ctx, 'people.update', { id: u.id, role: 'pptk' })).toMatchObject({ role: 'pptk' })
  })
})

describe('audit hash chain', () => {
  const setup = () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const p = insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001', status: 'aktif', is_phi_model: 0 })
    for (let i = 0; i < 4; i++) updateRow(ctx, 'posyandu', p.id, { address: `Jalan ${i}` })
    return ctx
  }

  it('names the logged-in user on every entry and chains them; an intact chain verifies', async () => {
    const ctx = setup()
    const op = addUser(ctx, 'operator', 'budi')
    await callOp(ctx, 'regulation.create', { kind: 'Kepbup', number: '1/2026', year: 2026, title: 'Uji' }, op)
    const rows = ctx.sqlite.prepare('SELECT seq, user, user_id, prev_hash, hash FROM audit_log ORDER BY seq').all() as { seq: number; user: string; user_id: string; prev_hash: string; hash: string }[]
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1))
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash)
    expect(rows.at(-1)).toMatchObject({ user: 'budi', user_id: op.userId })
    expect(verifyAuditChain(ctx.sqlite)).toMatchObject({ ok: true, entries: rows.length, problems: [] })
    expect(await callOp(ctx, 'app.integrity', {})).toMatchObject({ ok: true, audit: { ok: true } })
  })

  it('detects an entry edited in the file, one deleted in the middle, and the newest deleted', async () => {
    const edited = setup()
    edited.sqlite.prepare(`UPDATE audit_log SET user = 'orang lain' WHERE seq = 3`).run()
    const r1 = await callOp(edited, 'app.integrity', {})
    expect(r1.ok).toBe(false)
    expect(r1.audit.problems[0].message).toMatch(/^Entri audit nomor 3 \(posyandu update, .*, oleh orang lain\) telah diubah setelah dicatat\.$/)

    const middle = setup()
    middle.sqlite.prepare('DELETE FROM audit_log WHERE seq = 4').run()
    expect(verifyAuditChain(middle.sqlite).problems[0].message).toBe('Entri audit nomor 4 hilang (dihapus dari berkas).')

    const tail = setup()
    const last = (tail.sqlite.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n
    tail.sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(last)
    expect(verifyAuditChain(tail.sqlite).problems[0].message).toBe(`Entri audit terakhir (nomor ${last}) hilang (dihapus dari berkas).`)

    // Rewriting the after_json and recomputing its own hash still breaks the next link.
    const forged = setup()
    forged.sqlite.prepare(`UPDATE audit_log SET after_json = '{}', hash = 'f'||substr(hash, 2) WHERE seq = 2`).run()
    expect(verifyAuditChain(forged.sqlite).ok).toBe(false)
  })
})
