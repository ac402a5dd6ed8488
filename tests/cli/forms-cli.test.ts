import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openContext } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { setMark } from '../../src/core/forms/marks'
import { saveFormReports } from '../../src/core/forms/reports'
import { appRoot } from '../../src/core/paths'
import { tempDir, CLI_ENV, keyFor } from '../helpers/db'

const simpul = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('form commands', () => {
  it('form list / form show, completeness per posyandu, quality with rule violations and outliers; all with --json', () => {
    const db = join(tempDir(), 'kec.sqlite')
    expect(simpul('init', '--office', '12.18.04', '--name', 'Kantor Camat Sei Rampah', '--admin', 'admin', '--db', db).code).toBe(0)
    const ctx = openContext({ dataFile: db, host: 'cli', key: keyFor(db) })
    const [a, b] = ['Anggrek', 'Bougenvil'].map((name, i) => insertRow(ctx, 'posyandu', { name, desa_code: `12.18.04.${2001 + i}` }).id)
    // Two years of Anggrek's lansia numbers around 20, then one month of 400: an outlier by its own history.
    const items = Array.from({ length: 18 }, (_, i) => {
      const period = `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
      return { posyanduId: a, period, values: { held: true, lansia_datang: i === 15 ? 400 : 18 + (i % 5), lansia_tensi: 10 } }
    })
    saveFormReports(ctx, 'ILP', items)
    // A warning-level SPM rule broken (referred more than served) is saved and listed by quality.
    saveFormReports(ctx, 'SPM6', [{ posyanduId: b, period: '2026-03', values: { held: true, sosial_dilayani: 2, sosial_dirujuk: 5 } }])
    setMark(ctx, { code: 'SPM6', posyanduId: b, period: '2026-03', kind: 'rule', subject: 'sosial-rujuk', status: 'follow_up', note: 'Tanyakan ke kader: rujukan dari bulan lalu?' })
    ctx.close()

    const list = simpul('form', 'list', '--db', db, '--json')
    expect(list.code).toBe(0)
    expect(JSON.parse(list.out).map((f: { code: string; periodType: string; owner: string }) => [f.code, f.periodType, f.owner])).toEqual([
      ['SKDN', 'monthly', 'bawaan'], ['ILP', 'monthly', 'bawaan'], ['SPM6', 'monthly', 'bawaan'], ['PUSKESOS', 'monthly', 'bawaan'], ['SASARAN', 'yearly', 'bawaan'],
    ])
    expect(simpul('form', 'list', '--db', db).out).toMatch(/ILP\s+v1\s+bulanan\s+bawaan/)
    const show = simpul('form', 'show', 'ilp', '--db', db, '--json')
    expect(JSON.parse(show.out).sections.map((s: { id: string }) => s.id)).toContain('lansia')
    expect(simpul('form', 'show', 'NOPE', '--db', db).code).toBe(1)
    expect(simpul('form', 'show', '--db', db).code).toBe(2)

    const c = JSON.parse(simpul('completeness', '--form', 'ILP', '--month', '2026-04', '--db', db, '--json').out)
    expect(c.rows.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([['Anggrek', expect.stringMatching(/reported|late/)], ['Bougenvil', 'missing']])
    expect(c.total).toMatchObject({ posyandu: 2, missing: 1 })
    expect(simpul('completeness', '--form', 'ILP', '--db', db).code).toBe(2)
    expect(JSON.parse(simpul('completeness', '--form', 'ILP', '--month', '2026', '--db', db, '--json').out).error.code).toBe('PERIOD_INVALID')

    const q = JSON.parse(simpul('quality', '--form', 'ILP', '--year', '2026', '--db', db, '--json').out)
    expect(q.outliers).toEqual([expect.objectContaining({ posyandu: 'Anggrek', period: '2026-04', field: 'lansia_datang', value: 400, reason: 'z' })])
    const spm = JSON.parse(simpul('quality', '--form', 'SPM6', '--year', '2026', '--db', db, '--json').out)
    expect(spm.violations).toEqual([expect.objectContaining({ posyandu: 'Bougenvil', rule: 'sosial-rujuk', importance: 'warning' })])
    expect(spm.violations[0].message.id).toBe('Sosial: dirujuk (5) lebih dari dilayani (2)')
    // The follow-up mark travels with the finding, in JSON and in words.
    expect(spm.violations[0].mark).toMatchObject({ status: 'follow_up', note: 'Tanyakan ke kader: rujukan dari bulan lalu?', finding: 'Sosial: dirujuk (5) lebih dari dilayani (2)' })
    expect(simpul('quality', '--form', 'SPM6', '--year', '2026', '--db', db).out).toMatch(/Bougenvil 2026-03: Sosial: dirujuk \(5\) lebih dari dilayani \(2\) — \[perlu tindak lanjut\] Tanyakan ke kader/)
    expect(simpul('quality', '--form', 'SPM6', '--db', db).code).toBe(2)
  })
})
