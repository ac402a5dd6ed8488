import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { enrolOffice, makeCard, readCard } from '../../src/core/exchange/peers'
import { setupOffice } from '../../src/core/office/service'
import { provinceSummary } from '../../src/core/province/service'
import { callOp, CLI_ENV, makeCtx, tempDir } from '../helpers/db'
import { updateRow } from '../../src/core/db/rows'
import { fixedClock } from '../../src/core/clock'
import { addRegulation, dbState, receive, refusal, send } from '../helpers/exchange'
import { exchangeUp, fromKecamatan, provinceWorld, occurrences } from '../helpers/province'
import { addKader, addPosyandu } from '../helpers/registry'

describe('province offices', () => {
  it('`simpul init --office 21` makes a province office; a kabupaten code as provinsi is refused in Indonesian', () => {
    const dir = tempDir()
    const r = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'init', '--office', '21', '--name', 'Provinsi Kepulauan Riau', '--admin', 'admin', '--db', join(dir, 's.sqlite'), '--json'], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ wilayahCode: '21', level: 'provinsi', provinsi: 'Kepulauan Riau' })
    const ctx = makeCtx()
    expect(() => setupOffice(ctx, { wilayahCode: '21.71', level: 'provinsi', name: 'Salah', operatorName: 'Penguji' })).toThrow(/bukan provinsi/)
  })

  it('a province enrols its own kabupaten/kota only; a kabupaten enrols its own province', () => {
    const prov = makeCtx({ office: '21' })
    const batam = makeCtx({ office: '21.71' })
    const medan = makeCtx({ office: '12.71' })
    const kec = makeCtx({ office: '21.71.01' })
    const card = (c: typeof prov) => JSON.stringify(makeCard(c))
    const enrol = (me: typeof prov, other: typeof prov) => enrolOffice(me, card(other), readCard(card(other)).fingerprint)
    expect(() => enrol(prov, medan)).toThrow(/hanya dapat mendaftarkan kantor kabupaten\/kota di wilayahnya/)
    expect(() => enrol(prov, kec)).toThrow(/hanya dapat mendaftarkan kantor kabupaten\/kota/)
    expect(() => enrol(medan, prov)).toThrow(/provinsinya sendiri/)
    enrol(prov, batam)
    enrol(batam, prov)
  })

  it('kecamatan → kabupaten → province: totals equal the kecamatan data, with a lost bundle and a replay; no NIK or phone reaches the province', async () => {
    const w = provinceWorld()
    for (const f of await exchangeUp(w)) await receive(w.prov, f)

    // A lost bundle: 21.71.02 adds a posyandu and a kader, the bundle never arrives...
    const kec2 = w.kec.get('21.71.02')!
    const batam = w.kab.get('21.71')!
    const desa = (kec2.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '21.71.02' ORDER BY code LIMIT 1 OFFSET 3`).get() as { code: string }).code
    const late = addPosyandu(kec2, 'Posyandu Kenanga Baru', desa)
    send(kec2, batam, w.outDir) // lost
    addKader(kec2, { nik: '217102450890' + '9001', name: 'Kader Kenanga', sex: 'P', birthDate: '1990-08-05', phone: '081299990001', posyanduId: late.id } as never)
    w.secrets.push('2171024508909001', '081299990001')
    // ...the next one carries both changes; the province hears of them through Batam.
    await receive(batam, send(kec2, batam, w.outDir))
    const toProv = send(batam, w.prov, w.outDir)
    await receive(w.prov, toProv)
    // Replaying the province bundle changes nothing.
    const before = dbState(w.prov)
    expect((await refusal(receive(w.prov, toProv))).code).toBe('BUNDLE_ALREADY_IMPORTED')
    expect(dbState(w.prov)).toBe(before)

    const year = 2026
    const s = provinceSummary(w.prov, year)
    const ref = fromKecamatan(w)
    expect(s.kabupaten.map((k) => k.code)).toEqual(['21.01', '21.71'])
    for (const k of s.kabupaten) {
      expect({ code: k.code, posyandu: k.posyandu, kader: k.kader }).toEqual({ code: k.code, ...ref.get(k.code) })
      expect(k.denominator).toBe(k.posyandu)
      expect(Object.values(k.strata).reduce((a, b) => a + b, 0)).toBe(k.posyandu)
      expect(k.sets.length).toBe(1)
    }
    expect(s.total.posyandu).toBe([...ref.values()].reduce((a, f) => a + f.posyandu, 0))
    expect(s.total.kader).toBe([...ref.values()].reduce((a, f) => a + f.kader, 0))
    expect(s.kabupaten.find((k) => k.code === '21.71')!.posyandu).toBe(5)
    // The same strata the kabupaten computes for itself.
    const batamOwn = provinceSummary(batam, year).kabupaten[0]
    expect(s.kabupaten.find((k) => k.code === '21.71')).toMatchObject({ strata: batamOwn.strata, aktif: batamOwn.aktif })

    // Minimisation: no kader row, no NIK or phone anywhere in the province database.
    const count = (t: string) => (w.prov.sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n
    expect(count('kader')).toBe(0)
    expect(count('kader_posyandu')).toBe(0)
    expect(count('kader_training')).toBe(0)
    expect(count('kader_count')).toBe(s.total.posyandu)
    for (const secret of w.secrets) expect(occurrences(w.prov.sqlite, secret), secret).toEqual([])
    expect(w.prov.sqlite.prepare(`SELECT count(*) AS n FROM posyandu WHERE address IS NOT NULL OR rt IS NOT NULL`).get()).toEqual({ n: 0 })

    // The operation the screens call, and the command line, give the same figures.
    expect(await callOp(w.prov, 'province.summary', { year })).toEqual(s)
    const cli = spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), 'province', 'summary', '--year', '2026', '--db', w.prov.dataFile, '--json'], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    expect(cli.status, cli.stderr).toBe(0)
    // The command line runs on the real clock: the same figures as seen at its moment.
    const printed = JSON.parse(cli.stdout) as typeof s
    expect(printed).toEqual(provinceSummary({ ...w.prov, clock: fixedClock(printed.generatedAt) }, year))
  })

  it('a province’s regulations go down to its kabupaten; its kecamatan’s data does not come back down, and it cannot write it', async () => {
    const w = provinceWorld()
    for (const f of await exchangeUp(w)) await receive(w.prov, f)
    const batam = w.kab.get('21.71')!
    // Nothing changed at Batam: its next bundle recounts the same numbers and changes nothing.
    const again = await receive(w.prov, send(batam, w.prov, w.outDir))
    expect(again.totals).toMatchObject({ new: 0, changed: 0, withdrawn: 0, conflict: 0 })
    expect(again.totals.unchanged).toBeGreaterThan(0)
    const pergub = addRegulation(w.prov, 'Pergub Posyandu Kepulauan Riau')
    const before = JSON.parse(dbState(batam))[0] as Record<string, unknown[]>
    const r = await receive(batam, send(w.prov, batam, w.outDir))
    expect(r.totals).toMatchObject({ new: 1, changed: 0, refused: 0 })
    expect(r.tables.filter((t) => t.table === 'posyandu' || t.table === 'monthly_report')).toEqual([])
    const after = JSON.parse(dbState(batam))[0] as Record<string, unknown[]>
    expect({ ...after, regulation: [] }).toEqual({ ...before, regulation: [] })
    expect(after.regulation).toMatchObject([{ id: pergub.id, scope: '21' }])
    // The province holds its kecamatan's posyandu but may not change them.
    const p = w.prov.sqlite.prepare(`SELECT id FROM posyandu LIMIT 1`).get() as { id: string }
    expect(() => updateRow(w.prov, 'posyandu', p.id, { name: 'Diubah Provinsi' })).toThrow(/tidak berwenang/)
  })
})
