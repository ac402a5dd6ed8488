import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openContext } from '../../src/core/context'
import { fileState } from '../../src/core/db/cipher'
import { generateNationalDemo } from '../../src/core/demo/national'
import { provinceSummary } from '../../src/core/province/service'
import { callOp, CLI_ENV, keyFor, makeCtx, tempDir } from '../helpers/db'

const n = (ctx: { sqlite: import('better-sqlite3').Database }, sql: string) => (ctx.sqlite.prepare(sql).get() as { n: number }).n

describe('demo --scale nasional', () => {
  it('builds a national office from two provinces, each from its real kabupaten/kota offices, through real bundles; the national figures equal the province databases', async () => {
    const nat = makeCtx({ office: 'ID' })
    const work = tempDir('simpul-demo-nat-')
    const out = await generateNationalDemo(nat, { seed: 2, size: 0.01, workDir: work, years: 1 })
    expect(out.provinces.map((p) => [p.code, p.kabupaten])).toEqual([['21', 7], ['34', 5]])
    // Only what the imports wrote: one bundle per province, enrolled provinces, no kader row.
    expect(n(nat, `SELECT count(*) AS n FROM bundle_log WHERE direction = 'in' AND status = 'diimpor'`)).toBe(2)
    expect(n(nat, `SELECT count(*) AS n FROM peer_office WHERE level = 'provinsi' AND status = 'active'`)).toBe(2)
    expect(n(nat, `SELECT count(*) AS n FROM kader`)).toBe(0)
    expect(n(nat, `SELECT count(*) AS n FROM posyandu WHERE deleted_at IS NULL`)).toBe(out.counts.posyandu)

    const year = nat.clock.now().getFullYear()
    const s = provinceSummary(nat, year)
    expect(s.kabupaten.map((p) => p.code)).toEqual(['21', '34'])
    for (const p of out.provinces) {
      const prov = openContext({ dataFile: p.dataFile, host: 'cli', key: keyFor(p.dataFile), clock: nat.clock })
      try {
        expect(prov.requireOffice()).toMatchObject({ wilayahCode: p.code, level: 'provinsi' })
        const own = provinceSummary(prov, year)
        const line = s.kabupaten.find((x) => x.code === p.code)!
        expect({ posyandu: line.posyandu, kader: line.kader, aktif: line.aktif, reported: line.completeness.reported }).toEqual({
          posyandu: own.total.posyandu, kader: own.total.kader, aktif: own.total.aktif, reported: own.total.completeness.reported,
        })
        expect(line.posyandu).toBe(p.counts.posyandu)
      } finally {
        prov.close()
      }
    }
    // The national office's evaluation screen reads the relayed posyandu (the root area filter).
    expect((await callOp(nat, 'evaluation.strata', { year })).rows.length).toBe(out.counts.posyandu)

    // Another office kind, or a database with data already: refused in Indonesian, nothing written.
    await expect(generateNationalDemo(makeCtx({ office: '21' }), { seed: 1, size: 0.01, workDir: tempDir() })).rejects.toThrow(/Skala nasional perlu kantor nasional; kantor ini kantor provinsi/)
    await expect(generateNationalDemo(nat, { seed: 1, size: 0.01, workDir: tempDir() })).rejects.toThrow(/sudah berisi \d+ posyandu/)
  }, 60_000)

  it('`simpul demo --scale nasional`: a bad --size or scale is a usage error', () => {
    const dir = tempDir()
    const db = join(dir, 's.sqlite')
    const run = (args: string[]) => spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    expect(run(['init', '--office', 'ID', '--name', 'Kementerian Dalam Negeri', '--admin', 'admin']).status).toBe(0)
    const bad = run(['demo', '--scale', 'nasional', '--size', '2'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--size harus bilangan antara 0 dan 1/)
    // (The run itself is the function above; the command only parses and prints.)
    const wrong = run(['demo', '--scale', 'nasionall'])
    expect(wrong.status).toBe(2)
    expect(wrong.stderr).toMatch(/--scale harus kecamatan, kabupaten, provinsi, nasional atau national: .*uji beban/)
  }, 60_000)

  it('`simpul demo --scale nasional --admin`: the first administrator encrypts the national database and is told the recovery code, as at every scale', () => {
    const dir = tempDir()
    const db = join(dir, 'n.sqlite')
    const run = (args: string[]) => spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    const made = run(['demo', '--scale', 'nasional', '--size', '0.01', '--years', '1', '--admin', 'admin', '--work', join(dir, 'kantor'), '--json'])
    expect(made.status, made.stderr).toBe(0)
    expect(made.stderr).toMatch(/KODE PEMULIHAN[\s\S]*simpul recover/)
    expect(fileState(db)).toBe('encrypted')
    // The administrator's password opens it, as a person logging in would.
    const sum = run(['province', 'summary', '--year', String(new Date().getFullYear()), '--json'])
    expect(sum.status, sum.stderr).toBe(0)
    expect(JSON.parse(sum.stdout).total.posyandu).toBe((JSON.parse(made.stdout) as { counts: { posyandu: number } }).counts.posyandu)
  }, 120_000)
})
