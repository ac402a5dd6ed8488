import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acceptUpdate } from '../../src/core/update/verify'
import { appRoot } from '../../src/core/paths'
import { tempDir } from '../helpers/db'

/** Signs with the real release script, as a release manager would. */
function signed(version: string, bytes = Buffer.from('MZ installer bytes '.repeat(1000))) {
  const dir = tempDir()
  const keys = generateKeyPairSync('ed25519')
  const keyFile = join(dir, 'private.pem')
  writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }))
  const installer = join(dir, `Simpul-Setup-${version}.exe`)
  writeFileSync(installer, bytes)
  execFileSync(process.execPath, [join(appRoot(), 'scripts', 'sign-release.mjs'), installer, '--version', version, '--key', keyFile])
  return { bytes, sig: readFileSync(`${installer}.simpul-sig`, 'utf8'), publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() }
}

describe('update from a file', () => {
  it('keeps a correctly signed newer installer', () => {
    const s = signed('0.2.0')
    const data = tempDir()
    const res = acceptUpdate(data, s.bytes, s.sig, '0.1.0', s.publicKey)
    expect(res.version).toBe('0.2.0')
    expect(readFileSync(res.path).equals(s.bytes)).toBe(true)
  })

  it('refuses a changed byte, a foreign key, an older version and a garbage signature, keeping nothing', () => {
    const s = signed('0.2.0')
    const data = tempDir()
    const tampered = Buffer.from(s.bytes)
    tampered[100] ^= 1
    expect(() => acceptUpdate(data, tampered, s.sig, '0.1.0', s.publicKey)).toThrow(/tidak cocok dengan tanda tangannya/)
    const other = signed('0.2.0')
    expect(() => acceptUpdate(data, s.bytes, s.sig, '0.1.0', other.publicKey)).toThrow(/tidak sah/)
    const edited = JSON.stringify({ ...JSON.parse(s.sig), version: '9.9.9' })
    expect(() => acceptUpdate(data, s.bytes, edited, '0.1.0', s.publicKey)).toThrow(/tidak sah/)
    expect(() => acceptUpdate(data, s.bytes, s.sig, '0.2.0', s.publicKey)).toThrow(/tidak lebih baru/)
    expect(() => acceptUpdate(data, s.bytes, 'bukan json', '0.1.0', s.publicKey)).toThrow(/tidak dikenali/)
    expect(existsSync(join(data, 'updates')) ? readdirSync(join(data, 'updates')) : []).toEqual([])
  })

  it('ships a release public key', () => {
    expect(readFileSync(join(appRoot(), 'resources', 'update', 'release-public-key.pem'), 'utf8')).toMatch(/BEGIN PUBLIC KEY/)
  })
})

describe('update server setting', () => {
  it('accepts only an https address', async () => {
    const { makeCtx, callOp } = await import('../helpers/db')
    const ctx = makeCtx({ office: '12.18' })
    await expect(callOp(ctx, 'settings.set', { key: 'update.url', value: 'http://pembaruan.example/simpul/' })).rejects.toThrow(/https/)
    expect((await callOp(ctx, 'settings.get', {}))['update.url']).toBeUndefined()
    await callOp(ctx, 'settings.set', { key: 'update.url', value: 'https://pembaruan.example/simpul/' })
    expect((await callOp(ctx, 'settings.get', {}))['update.url']).toBe('https://pembaruan.example/simpul/')
  })
})
