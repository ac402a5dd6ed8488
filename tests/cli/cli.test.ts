import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appRoot } from '../../src/core/paths'
import { CLI_ENV, tempDir } from '../helpers/db'

const simpul = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('simpul command line', () => {
  it('init, backup, integrity and restore, with JSON on stdout and exit codes 0/1/2', () => {
    const dir = tempDir()
    const db = join(dir, 'kec.sqlite')
    const init = simpul('init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--db', db, '--json')
    expect(init.code).toBe(0)
    expect(JSON.parse(init.out)).toMatchObject({ wilayahCode: '12.18.04', level: 'kecamatan', kecamatan: 'Sei Rampah' })

    const again = simpul('init', '--office', '12.18.05', '--name', 'Lain', '--admin', 'admin', '--db', db, '--json')
    expect(again.code).toBe(1)
    expect(JSON.parse(again.out).error.code).toBe('OFFICE_EXISTS')
    expect(again.err).toMatch(/sudah disiapkan/)

    expect(simpul('init', '--db', db).code).toBe(2)
    expect(simpul('frobnicate').code).toBe(2)

    const out = join(dir, 'copy.sqlite')
    expect(simpul('backup', '--out', out, '--db', db).code).toBe(0)
    expect(existsSync(out)).toBe(true)
    expect(simpul('backup', '--out', out, '--db', db).code).toBe(1)

    const check = simpul('integrity', '--db', db, '--json')
    expect(check.code).toBe(0)
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, messages: ['ok'], audit: { ok: true, problems: [] } })

    const restored = simpul('restore', out, '--db', db, '--json')
    expect(restored.code).toBe(0)
    expect(JSON.parse(restored.out).previousBackup).toMatch(/pre-restore\.sqlite$/)

    const junk = join(dir, 'junk.sqlite')
    writeFileSync(junk, 'this is not a database at all, just text'.repeat(200))
    const bad = simpul('restore', junk, '--db', db, '--json')
    expect(bad.code).toBe(1)
    expect(simpul('integrity', '--db', db).code).toBe(0)
  })
})
