import { writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { startHost, type RunningHost } from '../../src/host/server'
import { makeCtx, tempDir, dispatch } from '../helpers/db'

let ctx: Ctx
let host: RunningHost
const base = () => `http://127.0.0.1:${host.port}`
const post = (op: string, body: unknown, headers: Record<string, string> = { 'x-simpul-token': host.token }) =>
  fetch(`${base()}/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

beforeAll(async () => {
  ctx = makeCtx()
  const renderer = tempDir()
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Simpul</title>')
  host = await startHost({ ctx, rendererDir: renderer })
})
afterAll(async () => {
  await host.close()
  ctx.close()
})

const ADMIN = { username: 'ani', displayName: 'Ani Lubis', password: 'rahasia-ani-123' }
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]

const officeRows = () => (ctx.sqlite.prepare('SELECT count(*) AS n FROM office').get() as { n: number }).n

describe('headless host', () => {
  it('rejects API calls without the token, or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-simpul-token': 'salah' }, { 'x-simpul-token': host.token.slice(1) }]
    for (const headers of attempts) {
      const res = await post('office.setup', { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor', admin: ADMIN }, headers)
      expect(res.status).toBe(401)
      expect((await res.json()).error.code).toBe('UNAUTHORIZED')
    }
    expect(officeRows()).toBe(0)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    // fetch may not set Host; a raw request can, as a rebinding attacker's browser would.
    const status = await new Promise<number>((done, fail) =>
      request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example:80' } }, (res) => done(res.statusCode ?? 0))
        .on('error', fail)
        .end(),
    )
    expect(status).toBe(403)
  })

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${base()}/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const traversal = await fetch(`${base()}/..%2f..%2fetc%2fpasswd`)
    expect(await traversal.text()).toContain('<title>Simpul</title>')
  })

  it('answers bad input with a clear Indonesian message and writes nothing', async () => {
    const res = await post('office.setup', { wilayahCode: 'dua belas', level: 'desa', name: 'x', admin: { username: 'x', displayName: '', password: 'pendek' } })
    const body = await res.json()
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('INVALID_INPUT')
    expect(body.error.message).toMatch(/Kode wilayah tidak sah/)
    expect(body.error.message).toMatch(/Nama kantor minimal 3 huruf/)
    expect(officeRows()).toBe(0)
  })

  it('refuses a wilayah of the wrong level and writes nothing', async () => {
    const body = await (await post('office.setup', { wilayahCode: '12.18', level: 'kecamatan', name: 'Kantor', admin: ADMIN })).json()
    expect(body).toMatchObject({ ok: false, error: { code: 'WILAYAH_LEVEL' } })
    expect(officeRows()).toBe(0)
  })

  it('sets up the office once through the same handler table', async () => {
    const body = await (await post('office.setup', { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor Camat Sei Rampah', admin: ADMIN })).json()
    expect(body.ok).toBe(true)
    expect(body.data).toMatchObject({ wilayahCode: '12.18.04', kecamatan: 'Sei Rampah', kabupaten: 'Kabupaten Serdang Bedagai' })
    const again = await dispatch(ctx, 'office.setup', { wilayahCode: '12.18.05', level: 'kecamatan', name: 'Lain', admin: ADMIN })
    expect(again).toMatchObject({ ok: false, error: { code: 'OFFICE_EXISTS' } })
    expect(officeRows()).toBe(1)
  })

  it('keeps the session in an HttpOnly cookie; without it only public operations answer', async () => {
    const anon = await (await post('registry.posyanduList', {})).json()
    expect(anon).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/masuk/) } })
    expect(await (await post('people.whoami', {})).json()).toMatchObject({ ok: true, data: { user: null, hasUsers: true } })

    const wrong = await post('people.login', { username: 'ani', password: 'salah-sekali' })
    expect(wrong.headers.get('set-cookie')).toBeNull()
    expect((await wrong.json()).error).toMatchObject({ code: 'LOGIN_FAILED', message: 'Nama pengguna atau kata sandi salah.' })

    const good = await post('people.login', { username: 'ANI', password: ADMIN.password })
    expect(good.headers.get('set-cookie')).toMatch(/^simpul_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/)
    const body = await good.json()
    // The renderer gets the name and role, never a secret.
    expect(Object.keys(body.data.user).sort()).toEqual(['active', 'createdAt', 'displayName', 'id', 'lastLoginAt', 'role', 'username'])
    const cookie = cookieOf(good)
    const auth = { 'x-simpul-token': host.token, cookie }
    expect(await (await post('registry.posyanduList', {}, auth)).json()).toMatchObject({ ok: true })
    expect(await (await post('people.whoami', {}, auth)).json()).toMatchObject({ ok: true, data: { user: { username: 'ani', role: 'admin' } } })
    // A made-up cookie is nobody.
    expect(await (await post('registry.posyanduList', {}, { 'x-simpul-token': host.token, cookie: 'simpul_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

    const out = await post('people.logout', {}, auth)
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    expect(await (await post('registry.posyanduList', {}, auth)).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('refuses unknown operations', async () => {
    expect(await dispatch(ctx, 'registry.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OP' } })
    expect(await dispatch(ctx, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OP' } })
  })
})
