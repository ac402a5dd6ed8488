import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { indicatorSet } from '../../src/core/evaluation/sets'
import { getForm } from '../../src/core/forms/definitions'
import { decideOffer, listOffers, offerDown } from '../../src/core/province/offers'
import { provinceSummary } from '../../src/core/province/service'
import { callOp, CLI_ENV, tempDir, keyFor } from '../helpers/db'
import { dbState, receive, send } from '../helpers/exchange'
import { exchangeUp, provinceWorld } from '../helpers/province'

const n = (c: { sqlite: import('better-sqlite3').Database }, sql: string, ...p: unknown[]) => (c.sqlite.prepare(sql).get(...p) as { n: number }).n

describe('offered down: province indicator sets and forms', () => {
  it('a kabupaten adopts (its own copy / next form version, on to its kecamatan) or keeps its own; the answers come back up; a new version asks again', async () => {
    const w = provinceWorld()
    for (const f of await exchangeUp(w)) await receive(w.prov, f)
    const batam = w.kab.get('21.71')!
    const bintan = w.kab.get('21.01')!
    const kec = w.kec.get('21.71.01')!

    // The province: D/S from 40 % makes Purnama in Kepri; and its ILP form, renamed for the province.
    const set = await callOp(w.prov, 'province.offer', { kind: 'indicator_set', code: 'strata-2011', name: 'Strata Posyandu Kepri 2026', thresholds: { ds: 0.4 }, note: 'Keputusan rapat Tim Pembina 2026' })
    expect(set).toMatchObject({ version: 1, name: 'Strata Posyandu Kepri 2026', answers: [{ code: '21.01', decision: null }, { code: '21.71', decision: null }] })
    const ilp = getForm(w.prov.sqlite, '21', 'ILP')
    const form = offerDown(w.prov, { kind: 'form', code: 'ILP', definitionJson: JSON.stringify({ ...ilp, name: { ...ilp.name, id: 'ILP Provinsi Kepulauan Riau' } }) })
    expect(form.version).toBe(1)

    // Offers go down in the province's bundle; nothing at the kabupaten changes until it decides.
    const batamBefore = n(batam, `SELECT count(*) AS n FROM indicator_set`)
    await receive(batam, send(w.prov, batam, w.outDir))
    await receive(bintan, send(w.prov, bintan, w.outDir))
    expect(n(batam, `SELECT count(*) AS n FROM indicator_set`)).toBe(batamBefore)
    expect(listOffers(batam).map((o) => [o.code, o.from, o.mine])).toEqual([['ILP', '21', null], ['strata-2011', '21', null]])

    // Batam adopts both; Bintan keeps its own set.
    const adopted = await callOp(batam, 'province.offerDecide', { offerId: set.id, decision: 'adopt' })
    expect(adopted.mine).toMatchObject({ decision: 'adopted', offerVersion: 1, adoptedAs: 'set strata-2011 milik kabupaten (tawaran versi 1)' })
    const own = indicatorSet(batam.sqlite, '21.71', 'strata-2011')
    expect(own.name).toBe('Strata Posyandu Kepri 2026')
    expect(own.criteria.find((c) => c.id === 'ds')!.threshold).toBe(0.4)
    expect(own.edited?.scope).toBe('21.71')
    const ilpBefore = getForm(batam.sqlite, '21.71', 'ILP').version
    const adoptedForm = decideOffer(batam, { offerId: form.id, decision: 'adopt' })
    expect(adoptedForm.mine?.adoptedAs).toBe(`ILP versi ${ilpBefore + 1}`)
    expect(getForm(batam.sqlite, '21.71', 'ILP')).toMatchObject({ version: ilpBefore + 1, name: { id: 'ILP Provinsi Kepulauan Riau' } })
    const bintanState = dbState(bintan)
    decideOffer(bintan, { offerId: set.id, decision: 'keep', note: 'Memakai Perbup Bintan' })
    expect(indicatorSet(bintan.sqlite, '21.01', 'strata-2011').criteria.find((c) => c.id === 'ds')!.threshold).toBe(0.5)
    expect(JSON.parse(dbState(bintan))[0].indicator_set).toEqual(JSON.parse(bintanState)[0].indicator_set)

    // The adopted copy is Batam's own: it goes on to its kecamatan with the form version.
    await receive(kec, send(batam, kec, w.outDir))
    expect(indicatorSet(kec.sqlite, '21.71.01', 'strata-2011')).toMatchObject({ name: 'Strata Posyandu Kepri 2026' })
    expect(getForm(kec.sqlite, '21.71.01', 'ILP').version).toBe(ilpBefore + 1)

    // The answers go up; Batam's strata now name the set it adopted.
    await receive(w.prov, send(batam, w.prov, w.outDir))
    await receive(w.prov, send(bintan, w.prov, w.outDir))
    const atProv = listOffers(w.prov).find((o) => o.id === set.id)!
    expect(atProv.answers).toEqual([
      { code: '21.01', name: 'Kabupaten Bintan', decision: 'kept', offerVersion: 1, adoptedAs: null, decidedAt: expect.any(String) },
      { code: '21.71', name: 'Kota Batam', decision: 'adopted', offerVersion: 1, adoptedAs: 'set strata-2011 milik kabupaten (tawaran versi 1)', decidedAt: expect.any(String) },
    ])
    const s = provinceSummary(w.prov, 2026)
    expect(s.kabupaten.find((k) => k.code === '21.71')!.sets).toEqual(['strata-2011: Strata Posyandu Kepri 2026'])
    expect(s.kabupaten.find((k) => k.code === '21.01')!.sets).toEqual(['strata-2011: Strata Posyandu (Pedoman Umum Pengelolaan Posyandu, 2011)'])

    // A new version of the offer: thresholds not named stay as offered; Batam's answer is for version 1.
    const v2 = offerDown(w.prov, { kind: 'indicator_set', code: 'strata-2011', thresholds: { kia: 0.45 } })
    expect(v2.version).toBe(2)
    const def = v2.definition as { criteria: { id: string; threshold: number }[] }
    expect(def.criteria.filter((c) => ['ds', 'kia'].includes(c.id)).map((c) => c.threshold)).toEqual([0.4, 0.45])
    await receive(batam, send(w.prov, batam, w.outDir))
    expect(listOffers(batam).find((o) => o.id === set.id)).toMatchObject({ version: 2, mine: { offerVersion: 1 } })
  })

  it('refusals in Indonesian: only a province offers, only a kabupaten decides; an offered set may change thresholds only; a forged offer row is refused by the write path', async () => {
    const w = provinceWorld()
    const batam = w.kab.get('21.71')!
    const kec = w.kec.get('21.71.01')!
    expect(() => offerDown(batam, { kind: 'indicator_set', code: 'strata-2011' })).toThrow(/Hanya kantor provinsi/)
    expect(() => offerDown(w.prov, { kind: 'indicator_set', code: 'tidak-ada' })).toThrow(/tidak dikenal/)
    expect(() => offerDown(w.prov, { kind: 'indicator_set', code: 'strata-2011', thresholds: { ds: 40 } })).toThrow(/pecahan 0–1/)
    expect(() => offerDown(w.prov, { kind: 'form', code: 'ILP', definitionJson: '{"code":"SKDN"}' })).toThrow(/bukan ILP/)
    const o = offerDown(w.prov, { kind: 'indicator_set', code: 'posyandu-aktif' })
    expect(() => decideOffer(kec, { offerId: o.id, decision: 'adopt' })).toThrow(/oleh kantor kabupaten/)
    expect(() => decideOffer(batam, { offerId: o.id, decision: 'adopt' })).toThrow(/Terima dulu bundel dari provinsi/)
    // A set with a criterion of its own (it could break a kabupaten's strata) never becomes an offer row.
    const shipped = indicatorSet(w.prov.sqlite, null, 'strata-2011')
    const forged = { ...shipped, edited: undefined, criteria: [...shipped.criteria.slice(1), { ...shipped.criteria[0], metric: { kind: 'avg', field: 'nik' } }] }
    const before = dbState(w.prov)
    expect(() => insertRow(w.prov, 'province_offer', { kind: 'indicator_set', code: 'strata-2011', version: 9, name: 'X', definition_json: JSON.stringify(forged) }, { scope: '21' })).toThrow(/hanya ambangnya yang boleh berbeda|kriteria/)
    expect(dbState(w.prov)).toBe(before)
    // A kabupaten cannot write the province's offers.
    expect(() => insertRow(batam, 'province_offer', { kind: 'indicator_set', code: 'strata-2011', version: 1, name: 'X', definition_json: JSON.stringify(shipped) }, { scope: '21' })).toThrow(/tidak berwenang/)
  })

  it('the command line offers, lists and decides', async () => {
    const w = provinceWorld()
    const batam = w.kab.get('21.71')!
    const cli = (db: string, ...args: string[]) => spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    const bad = cli(w.prov.dataFile, 'province', 'offer', '--set', 'strata-2011', '--threshold', 'ds:40')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/--threshold harus berbentuk kriteria=nilai/)
    const made = cli(w.prov.dataFile, 'province', 'offer', '--set', 'strata-2011', '--threshold', 'ds=0,4', '--note', 'Rakor 2026', '--json')
    expect(made.status, made.stderr).toBe(0)
    const offer = JSON.parse(made.stdout) as { id: string; definition: { criteria: { id: string; threshold: number }[] } }
    expect(offer.definition.criteria.find((c) => c.id === 'ds')!.threshold).toBe(0.4)
    const file = join(tempDir(), 'sasaran.json')
    const sasaran = getForm(w.prov.sqlite, '21', 'SASARAN')
    writeFileSync(file, JSON.stringify({ ...sasaran, name: { ...sasaran.name, id: 'Sasaran tahunan Kepri' } }))
    expect(cli(w.prov.dataFile, 'province', 'offer', '--form', 'SASARAN', '--file', file).status).toBe(0)
    const list = cli(w.prov.dataFile, 'province', 'offers')
    expect(list.stdout).toContain('set indikator strata-2011 versi 1')
    expect(list.stdout).toContain('21.71 Kota Batam: belum menjawab')
    w.prov.close()
    batam.close()
    // The bundle goes down (files, as offices carry them), Batam keeps its own from the command line.
    const { openContext } = await import('../../src/core/context')
    const { exportBundle } = await import('../../src/core/exchange/export')
    const prov = openContext({ dataFile: w.prov.dataFile, host: 'cli', key: keyFor(w.prov.dataFile), clock: w.prov.clock })
    const bundle = exportBundle(prov, '21.71', { outDir: w.outDir }).file
    prov.close()
    expect(cli(batam.dataFile, 'bundle', 'import', bundle).status).toBe(0)
    const kept = cli(batam.dataFile, 'province', 'keep', offer.id, '--note', 'Perwako Batam')
    expect(kept.status, kept.stderr).toBe(0)
    expect(kept.stdout).toContain('memakai milik sendiri (versi 1)')
    const unknown = cli(batam.dataFile, 'province', 'adopt', '00000000-0000-7000-8000-000000000000')
    expect(unknown.status).toBe(1)
    expect(unknown.stderr).toMatch(/Tawaran ini tidak ada/)
  })
})
