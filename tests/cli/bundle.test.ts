import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI_BUNDLE, cliBundleFresh } from '../../scripts/build-cli.mjs'
import { appRoot } from '../../src/core/paths'
import { CLI_ENV, tempDir } from '../helpers/db'

const run = (tsx: boolean, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV, SIMPUL_CLI_TSX: tsx ? '1' : '' } })
  // Login times differ between two runs; everything else must be the same.
  const timeless = (text: string) => text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<waktu>')
  return { code: r.status, out: timeless(r.stdout), err: timeless(r.stderr) }
}

describe('the bundled command line (scripts/build-cli.mjs)', () => {
  it('is fresh after a run of the simpul bin and answers exactly as the sources through tsx', () => {
    const db = join(tempDir(), 'b.sqlite')
    const cases = [
      ['--help'],
      ['terbilang', '1500.5'],
      ['check', 'nik', '1218045501900001', '--json'],
      ['init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--db', db, '--json'],
      ['user', 'list', '--db', db, '--json'],
      ['integrity', '--db', db, '--json'],
    ]
    for (const args of cases) {
      const bundled = run(false, ...args)
      expect(cliBundleFresh(), 'out/cli is rebuilt whenever src/ is newer').toBe(true)
      if (args[0] === 'init') {
        // Creating the office once; the sources then read the same file.
        expect(bundled.code, bundled.err).toBe(0)
        expect(JSON.parse(bundled.out)).toMatchObject({ wilayahCode: '12.18.04', level: 'kecamatan' })
        continue
      }
      const sources = run(true, ...args)
      expect(bundled, args.join(' ')).toEqual(sources)
    }
    expect(CLI_BUNDLE.endsWith(join('out', 'cli', 'index.mjs'))).toBe(true)
    // Eleven spawns, half of them through tsx: 95 s at load average 14.
  }, 180_000)
})
