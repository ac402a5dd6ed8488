import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openContext } from '../../src/core/context'
import { fileState } from '../../src/core/db/cipher'
import { generateProvinceDemo } from '../../src/core/demo/province'
import { provinceSummary } from '../../src/core/province/service'
import { CLI_ENV, makeCtx, tempDir, keyFor } from '../helpers/db'

const n = (ctx: { sqlite: import('better-sqlite3').Database }, sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n

describe('demo --scale provinsi', () => {
  it('builds Kepri from its real seven kabupaten/kota, each an office with its own database, through real bundles; the province equals the sum of the kabupaten databases', async () => {
    const prov = makeCtx({ office: '21' })
    const work = tempDir('simpul-demo-prov-')
    const out = await generateProvinceDemo(prov, { seed: 3, size: 0.04, workDir: work })
    expect(out.kabupaten.map((k) => `${k.code} ${k.name}`)).toEqual([
      '21.01 Kabupaten Bintan', '21.02 Kabupaten Karimun', '21.03 Kabupaten Natuna', '21.04 Kabupaten Lingga', '21.05 Kabupaten Kepulauan Anambas', '21.71 Kota Batam', '21.72 Kota Tanjung Pinang',
    ])
    expect(out.counts.posyandu).toBe(Math.round(0.04 * 1463))
    // About 7.2 kader per posyandu, as in Kepri (10,519 / 1,463).
    expect(out.counts.kader / out.counts.posyandu).toBeGreaterThan(6)
    expect(out.counts.kader / out.counts.posyandu).toBeLessThan(8.5)

    // Every row in the province came with one of the seven bundles, through the import stages.
    expect(n(prov, `SELECT count(*) AS n FROM bundle_log WHERE direction = 'in' AND status = 'diimpor'`)).toBe(7)
    expect(n(prov, `SELECT count(*) AS n FROM peer_office WHERE level = 'kabupaten' AND status = 'active'`)).toBe(7)
    expect(n(prov, `SELECT count(*) AS n FROM kader`)).toBe(0)

    const s = provinceSummary(prov, 2026)
    for (const k of out.kabupaten) {
      const kab = openContext({ dataFile: k.dataFile, host: 'cli', key: keyFor(k.dataFile), clock: prov.clock })
      try {
        expect(kab.requireOffice()).toMatchObject({ wilayahCode: k.code, level: 'kabupaten' })
        const f = s.kabupaten.find((x) => x.code === k.code)!
        expect({ posyandu: f.posyandu, kader: f.kader, reports: f.completeness.reported }).toEqual({
          posyandu: n(kab, `SELECT count(*) AS n FROM posyandu WHERE deleted_at IS NULL`),
          kader: n(kab, `SELECT count(DISTINCT k.id) AS n FROM kader k JOIN kader_posyandu kp ON kp.kader_id = k.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL WHERE k.deleted_at IS NULL`),
          reports: n(kab, `SELECT count(*) AS n FROM (SELECT DISTINCT posyandu_id, month FROM monthly_report WHERE deleted_at IS NULL AND month BETWEEN '2026-01' AND '${s.throughMonth}')`),
        })
        // Each office last sent on its own day; the most remote one two months ago, flagged stale.
        expect(f.lastBundle).toMatchObject({ seq: 1, ageDays: k.lagDays })
        expect(f.stale).toBe(k.lagDays > 45)
        // The kabupaten's own strata, as it computed and sent them.
        expect(f.aktif).toBe(n(kab, `SELECT count(*) AS n FROM posyandu_stratum WHERE year = 2026 AND aktif = 1 AND deleted_at IS NULL`))
      } finally {
        kab.close()
      }
    }
    expect(s.kabupaten.filter((k) => k.stale).map((k) => k.code)).toEqual(['21.05'])
    expect(s.total.posyandu).toBe(out.counts.posyandu)
    expect(s.total.kader).toBe(out.counts.kader)
  })

  it('the command line refuses a non-province database and a size out of range, in Indonesian, and builds the province otherwise', () => {
    const dir = tempDir()
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    const bad = cli('demo', '--scale', 'provinsi', '--size', '2', '--db', join(dir, 'p.sqlite'))
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--size harus bilangan antara 0 dan 1/)
    const kab = makeCtx({ office: '21.71' })
    kab.close()
    const wrong = cli('demo', '--scale', 'provinsi', '--size', '0.01', '--db', kab.dataFile)
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toMatch(/Skala provinsi perlu kantor provinsi; kantor ini kantor kabupaten/)
    const ok = cli('demo', '--scale', 'provinsi', '--size', '0.01', '--admin', 'admin', '--db', join(dir, 'p.sqlite'), '--json')
    expect(ok.status, ok.stderr).toBe(0)
    // Its first administrator encrypts the database and is told the recovery code, as at the kecamatan and kabupaten scales.
    expect(fileState(join(dir, 'p.sqlite'))).toBe('encrypted')
    expect(ok.stderr).toMatch(/KODE PEMULIHAN[\s\S]*simpul recover/)
    // (An office database keeps its keys in its own folder: the kecamatan demo gets one of its own.)
    const kecDb = join(tempDir(), 'k.sqlite')
    const kec = cli('demo', '--scale', 'kecamatan', '--admin', 'admin', '--db', kecDb)
    expect(kec.status, kec.stderr).toBe(0)
    expect(fileState(kecDb)).toBe('encrypted')
    const told = (err: string) => err.slice(err.indexOf('KODE PEMULIHAN')).replace(/\n {4}\S+\n/, '\n    <kode>\n').trim()
    expect(told(ok.stderr), kec.stderr).toBe(told(kec.stderr))
    const made = JSON.parse(ok.stdout) as { kabupaten: { dataFile: string }[]; counts: { posyandu: number } }
    expect(made.kabupaten).toHaveLength(7)
    expect(made.kabupaten[0].dataFile.startsWith(join(dir, 'kantor-kabupaten'))).toBe(true)
    const sum = cli('province', 'summary', '--year', '2026', '--db', join(dir, 'p.sqlite'), '--json')
    expect(sum.status, sum.stderr).toBe(0)
    expect(JSON.parse(sum.stdout).total.posyandu).toBe(made.counts.posyandu)
  })
})
