import { writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { dispatch } from '../../src/core/handlers'
import { startHost, type RunningHost } from '../../src/host/server'
import { makeCtx, tempDir } from '../helpers/db'

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

const officeRows = () => (ctx.sqlite.prepare('SELECT count(*) AS n FROM office').get() as { n: number }).n

describe('headless host', () => {
  it('rejects API calls without the token, or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-simpul-token': 'salah' }, { 'x-simpul-token': host.token.slice(1) }]
    for (const headers of attempts) {
      const res = await post('office.setup', { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor', operatorName: 'Ani' }, headers)
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
    const res = await post('office.setup', { wilayahCode: 'dua belas', level: 'desa', name: 'x', operatorName: '' })
    const body = await res.json()
    expect(body.ok).toBe(false)
    expect(body.error.code).toBe('INVALID_INPUT')
    expect(body.error.message).toMatch(/Kode wilayah tidak sah/)
    expect(body.error.message).toMatch(/Nama kantor minimal 3 huruf/)
    expect(officeRows()).toBe(0)
  })

  it('refuses a wilayah of the wrong level and writes nothing', async () => {
    const body = await (await post('office.setup', { wilayahCode: '12.18', level: 'kecamatan', name: 'Kantor', operatorName: 'Ani' })).json()
    expect(body).toMatchObject({ ok: false, error: { code: 'WILAYAH_LEVEL' } })
    expect(officeRows()).toBe(0)
  })

  it('sets up the office once through the same handler table', async () => {
    const body = await (await post('office.setup', { wilayahCode: '12.18.04', level: 'kecamatan', name: 'Kantor Camat Sei Rampah', operatorName: 'Ani' })).json()
    expect(body.ok).toBe(true)
    expect(body.data).toMatchObject({ wilayahCode: '12.18.04', kecamatan: 'Sei Rampah', kabupaten: 'Kabupaten Serdang Bedagai' })
    const again = await dispatch(ctx, 'office.setup', { wilayahCode: '12.18.05', level: 'kecamatan', name: 'Lain', operatorName: 'Budi' })
    expect(again).toMatchObject({ ok: false, error: { code: 'OFFICE_EXISTS' } })
    expect(officeRows()).toBe(1)
  })

  it('refuses unknown operations', async () => {
    expect(await dispatch(ctx, 'registry.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OP' } })
    expect(await dispatch(ctx, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OP' } })
  })
})
