import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { writeBundle } from '../../src/core/exchange/export'
import { enrolOffice, makeCard, readCard, relationProblem } from '../../src/core/exchange/peers'
import { setupOffice } from '../../src/core/office/service'
import { provinceSummary } from '../../src/core/province/service'
import { updateRow } from '../../src/core/db/rows'
import { fixedClock } from '../../src/core/clock'
import { isBelow, isWithin, parentCode } from '../../src/shared/area'
import { callOp, CLI_ENV, makeCtx, tempDir } from '../helpers/db'
import { dbState, receive, refusal, send } from '../helpers/exchange'
import { exchangeUp, fromKecamatan, nationWorld, readManifestOf, type NationWorld, occurrences } from '../helpers/province'
import { addKader, addPosyandu } from '../helpers/registry'

const simpul = (args: string[]) =>
  spawnSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })

/** Kecamatan → kabupaten → province for both provinces; returns each province's bundle to the national office. */
async function upToProvinces(n: NationWorld): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const [code, w] of n.provinces) {
    for (const f of await exchangeUp(w)) await receive(w.prov, f)
    out.set(code, send(w.prov, n.nat, n.outDir))
  }
  return out
}

const rowsOf = (ctx: Ctx, sql: string) => ctx.sqlite.prepare(sql).all() as Record<string, unknown>[]

describe('national office (ID)', () => {
  it('the root area contains every code; parent of a province is the root', () => {
    expect(isWithin('21.71.01.1001', 'ID')).toBe(true)
    expect(isWithin('21', 'ID')).toBe(true)
    expect(isBelow('ID', 'ID')).toBe(false)
    expect(isWithin('21.71', '21.7')).toBe(false)
    expect(isWithin('21.71', '21')).toBe(true)
    expect([parentCode('21.71.01'), parentCode('21'), parentCode('ID')]).toEqual(['21.71', 'ID', null])
  })

  it('`simpul init --office ID` makes a national office named Indonesia; ID as a province or 21 as national is refused in Indonesian', () => {
    const dir = tempDir()
    const r = simpul(['init', '--office', 'ID', '--name', 'Kementerian Dalam Negeri', '--admin', 'admin', '--db', join(dir, 's.sqlite'), '--json'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ wilayahCode: 'ID', level: 'nasional', name: 'Kementerian Dalam Negeri' })
    const ctx = makeCtx()
    expect(() => setupOffice(ctx, { wilayahCode: '21', level: 'nasional', name: 'Salah' })).toThrow(/Kepulauan Riau bukan wilayah nasional/)
    expect(() => setupOffice(ctx, { wilayahCode: 'ID', level: 'provinsi', name: 'Salah' })).toThrow(/Indonesia bukan provinsi/)
    // The root is not a province in the pickers: the first level still lists the 38 provinces.
    expect(rowsOf(ctx, `SELECT code FROM wilayah WHERE parent_code IS NULL AND level = 'provinsi'`).length).toBe(38)
  })

  it('the national office enrols provinces only; a province enrols the national office; a kabupaten does not', () => {
    const nat = makeCtx({ office: 'ID' })
    const kepri = makeCtx({ office: '21' })
    const batam = makeCtx({ office: '21.71' })
    const card = (c: Ctx) => JSON.stringify(makeCard(c))
    const enrol = (me: Ctx, other: Ctx) => enrolOffice(me, card(other), readCard(card(other)).fingerprint)
    expect(() => enrol(nat, batam)).toThrow(/Kantor nasional hanya dapat mendaftarkan kantor provinsi/)
    expect(() => enrol(batam, nat)).toThrow(/hanya dapat mendaftarkan kantor kecamatan di wilayahnya/)
    enrol(nat, kepri)
    enrol(kepri, nat)
    // A card whose level is not its code's (a province calling itself national) is no card to enrol.
    expect(relationProblem({ wilayahCode: 'ID', level: 'nasional' }, { wilayahCode: '21', level: 'nasional' })).toMatch(/tidak cocok/)
    expect(relationProblem({ wilayahCode: '21', level: 'provinsi' }, { wilayahCode: '14', level: 'nasional' })).toMatch(/tidak cocok/)
  })

  it('kecamatan → kabupaten → provinsi → nasional: totals equal the kecamatan data, with lost bundles, an incremental relay and a replay; no NIK reaches the national office', async () => {
    const n = nationWorld()
    const first = await upToProvinces(n)
    for (const f of first.values()) await receive(n.nat, f)
    // The national office answers each province (the acknowledgement): the next bundles are incremental.
    for (const w of n.provinces.values()) await receive(w.prov, send(n.nat, w.prov, n.outDir))

    // A kecamatan change travels late: 21.71.02 adds a posyandu and a kader; its bundle to
    // Batam is lost, and so is Batam's next bundle to the province.
    const kepri = n.provinces.get('21')!
    const kec2 = kepri.kec.get('21.71.02')!
    const batam = kepri.kab.get('21.71')!
    const desa = (kec2.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '21.71.02' ORDER BY code LIMIT 1 OFFSET 3`).get() as { code: string }).code
    const late = addPosyandu(kec2, 'Posyandu Kenanga Baru', desa)
    send(kec2, batam, n.outDir) // lost
    addKader(kec2, { nik: '2171024508909001', name: 'Kader Kenanga', sex: 'P', birthDate: '1990-08-05', phone: '081299990001', posyanduId: late.id } as never)
    kepri.secrets.push('2171024508909001', '081299990001')
    await receive(batam, send(kec2, batam, n.outDir))
    send(batam, kepri.prov, n.outDir) // lost
    await receive(kepri.prov, send(batam, kepri.prov, n.outDir))
    const toNat = send(kepri.prov, n.nat, n.outDir)
    // Only what arrived at the province since the acknowledged bundle goes up: the new posyandu, its count and stratum.
    const m = readManifestOf(toNat)
    expect(m.counts.posyandu).toBe(1)
    expect(m.counts.kader ?? 0).toBe(0)
    expect(m.counts.kader_count).toBeGreaterThanOrEqual(1)
    await receive(n.nat, toNat)
    expect(rowsOf(n.nat, `SELECT name FROM posyandu WHERE id = '${late.id}'`)).toEqual([{ name: 'Posyandu Kenanga Baru' }])

    // Replays change nothing: the same bundle again, and an older one.
    const before = dbState(n.nat)
    expect((await refusal(receive(n.nat, toNat))).code).toBe('BUNDLE_ALREADY_IMPORTED')
    expect((await refusal(receive(n.nat, first.get('21')!))).code).toBe('BUNDLE_OLDER')
    expect(dbState(n.nat)).toBe(before)

    // Per province and in total: the sums straight from the kecamatan databases.
    const year = 2026
    const s = provinceSummary(n.nat, year)
    expect(s.unit).toBe('provinsi')
    expect(s.area).toEqual({ code: 'ID', name: 'Indonesia' })
    expect(s.kabupaten.map((p) => [p.code, p.name])).toEqual([['14', 'Riau'], ['21', 'Kepulauan Riau']])
    const ref = new Map<string, { posyandu: number; kader: number }>()
    for (const [code, w] of n.provinces) {
      const perKab = [...fromKecamatan(w).values()]
      ref.set(code, { posyandu: perKab.reduce((a, f) => a + f.posyandu, 0), kader: perKab.reduce((a, f) => a + f.kader, 0) })
    }
    for (const p of s.kabupaten) expect({ code: p.code, posyandu: p.posyandu, kader: p.kader }).toEqual({ code: p.code, ...ref.get(p.code) })
    expect(s.total.posyandu).toBe([...ref.values()].reduce((a, f) => a + f.posyandu, 0))
    expect(s.total.kader).toBe([...ref.values()].reduce((a, f) => a + f.kader, 0))
    expect(s.kabupaten.find((p) => p.code === '21')!.posyandu).toBe(7)
    // Each province's line is what the province office says of itself; each kabupaten of a province, what the province says of it.
    for (const [code, w] of n.provinces) {
      const own = provinceSummary(w.prov, year)
      const line = s.kabupaten.find((p) => p.code === code)!
      expect({ strata: line.strata, aktif: line.aktif, kaderMale: line.kaderMale, kaderTrained: line.kaderTrained, reported: line.completeness.reported, sets: line.sets }).toEqual({
        strata: own.total.strata, aktif: own.total.aktif, kaderMale: own.total.kaderMale, kaderTrained: own.total.kaderTrained, reported: own.total.completeness.reported, sets: own.total.sets,
      })
      const drill = provinceSummary(n.nat, year, code)
      expect(drill.unit).toBe('kabupaten')
      const strip = (f: (typeof own.kabupaten)[number]) => ({ ...f, lastBundle: null, stale: false })
      expect(drill.kabupaten.map(strip)).toEqual(own.kabupaten.map(strip))
      // The kabupaten/kota came in their province's bundles: that is their last bundle here.
      for (const k of drill.kabupaten) expect(k.lastBundle?.seq).toBe(s.kabupaten.find((p) => p.code === code)!.lastBundle!.seq)
    }
    // The national trend is the sum of the provinces'.
    expect(s.total.trend.map((t) => t.aktif)).toEqual(s.total.trend.map((t) => s.kabupaten.reduce((a, p) => a + (p.trend.find((x) => x.year === t.year)?.aktif ?? 0), 0)))

    // Minimisation: no kader row, no NIK or phone in any column of any table; no posyandu address.
    const count = (t: string) => (n.nat.sqlite.prepare(`SELECT count(*) AS c FROM "${t}"`).get() as { c: number }).c
    for (const t of ['kader', 'kader_posyandu', 'kader_training', 'pendamping_person', 'honor_line']) expect(count(t), t).toBe(0)
    expect(count('kader_count')).toBe(s.total.posyandu)
    const secrets = [...n.provinces.values()].flatMap((w) => w.secrets)
    expect(secrets.length).toBeGreaterThan(40)
    for (const secret of secrets) expect(occurrences(n.nat.sqlite, secret), secret).toEqual([])
    expect(rowsOf(n.nat, `SELECT count(*) AS c FROM posyandu WHERE address IS NOT NULL OR rt IS NOT NULL OR rw IS NOT NULL`)).toEqual([{ c: 0 }])
    expect(rowsOf(n.nat, `SELECT count(*) AS c FROM monthly_report WHERE notes IS NOT NULL AND notes <> ''`)).toEqual([{ c: 0 }])

    // The national office holds the provinces' rows but may not write them.
    const p = n.nat.sqlite.prepare(`SELECT id FROM posyandu LIMIT 1`).get() as { id: string }
    expect(() => updateRow(n.nat, 'posyandu', p.id, { name: 'Diubah Pusat' })).toThrow(/tidak berwenang/)

    // The operation the screens call and the command line give the same figures.
    expect(await callOp(n.nat, 'province.summary', { year })).toEqual(s)
    expect(await callOp(n.nat, 'province.summary', { year, province: '21' })).toEqual(provinceSummary(n.nat, year, '21'))
    await expect(callOp(n.provinces.get('21')!.prov, 'province.summary', { year, province: '14' })).rejects.toThrow(/di luar wilayah kantor ini/)
    for (const extra of [[], ['--province', '21']]) {
      const cli = simpul(['province', 'summary', '--year', '2026', ...extra, '--db', n.nat.dataFile, '--json'])
      expect(cli.status, cli.stderr).toBe(0)
      const printed = JSON.parse(cli.stdout) as typeof s
      expect(printed).toEqual(provinceSummary({ ...n.nat, clock: fixedClock(printed.generatedAt) }, year, extra[1]))
    }
    const text = simpul(['province', 'summary', '--year', '2026', '--db', n.nat.dataFile])
    expect(text.stdout).toMatch(/Ringkasan Indonesia \(ID\), tahun 2026, per provinsi/)
    expect(text.stdout).toMatch(/^21 +Kepulauan Riau/m)
    expect(simpul(['province', 'summary', '--year', '2026', '--province', 'Riau', '--db', n.nat.dataFile]).status).toBe(2)
  })

  it('a province cannot forge rows of another province, of a kabupaten outside it, a moved scope, or rows the national office is not granted: refused whole, nothing changes', async () => {
    const n = nationWorld()
    for (const f of (await upToProvinces(n)).values()) await receive(n.nat, f)
    const kepri = n.provinces.get('21')!.prov
    // A "modified Simpul" at the province: real keys, real signature, rows of its own choosing.
    const template = (table: string, where: string) => {
      const cols = (kepri.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)
      const row = kepri.sqlite.prepare(`SELECT * FROM "${table}" WHERE ${where} LIMIT 1`).get() as Record<string, unknown>
      return { cols, row }
    }
    const forge = (table: string, where: string, change: Record<string, unknown>) => {
      const { cols, row } = template(table, where)
      const r = { ...row, ...change }
      return writeBundle(kepri, 'ID', [{ name: table, columns: cols, rows: [cols.map((c) => r[c])] }], { outDir: n.outDir }).file
    }
    const riauPosyandu = n.nat.sqlite.prepare(`SELECT * FROM posyandu WHERE scope LIKE '14.%' LIMIT 1`).get() as Record<string, unknown>
    const bump = (r: Record<string, unknown>) => ({ rev: Number(r.rev) + 5, hlc: '001795485600000-000777' })
    const cases: [string, string][] = [
      // A new posyandu in Riau's Pekanbaru, said to come through Kepri.
      [forge('posyandu', `scope LIKE '21.%'`, { id: '019a0000-0000-7000-8000-00000000f001', scope: '14.71.01', desa_code: '14.71.01.1001', name: 'Posyandu Palsu' }), 'di luar wewenang'],
      // A change to a posyandu Riau sent.
      [forge('posyandu', `scope LIKE '21.%'`, { ...riauPosyandu, ...bump(riauPosyandu), name: 'Diubah Kepri' }), 'di luar wewenang'],
      // Riau's posyandu moved into Kepri's area.
      [forge('posyandu', `scope LIKE '21.%'`, { id: riauPosyandu.id, scope: '21.71.01', desa_code: '21.71.01.1001', rev: 9 }), 'wilayah baris diubah'],
      // A kader count of a kabupaten outside Kepri.
      [forge('kader_count', `scope = '21.71'`, { id: '019a0000-0000-7000-8000-00000000f002', scope: '14.71', posyandu_id: riauPosyandu.id }), 'di luar wewenang'],
      // A kader row of its own kecamatan: the national office receives no kader.
      [forgeKader(kepri, n.outDir), 'di luar wewenang'],
    ]
    for (const [file, why] of cases) {
      const before = dbState(n.nat)
      const e = await refusal(receive(n.nat, file))
      expect(e.code, e.message).toBe('BUNDLE_UNAUTHORISED')
      expect(e.message).toContain(why)
      expect(e.message).toMatch(/Tidak ada data yang diubah/)
      expect(dbState(n.nat)).toBe(before)
    }
    // The same province's honest next bundle is still taken.
    const ok = await receive(n.nat, send(kepri, n.nat, n.outDir))
    expect(ok.totals.refused).toBe(0)

    // Nor does the national office write a province's kecamatan rows down to it.
    const { cols, row } = template('posyandu', `scope LIKE '21.%'`)
    const changed: Record<string, unknown> = { ...row, ...bump(row), name: 'Diubah Pusat' }
    const down = writeBundle(n.nat, '21', [{ name: 'posyandu', columns: cols, rows: [cols.map((c) => changed[c])] }], { outDir: n.outDir }).file
    const before = dbState(kepri)
    const e = await refusal(receive(kepri, down))
    expect(e.code, e.message).toBe('BUNDLE_UNAUTHORISED')
    expect(dbState(kepri)).toBe(before)
  })
})

/** A kader row with a NIK, signed by the province, as if relayed from its kecamatan. */
function forgeKader(kepri: Ctx, outDir: string): string {
  const cols = (kepri.sqlite.prepare(`SELECT name FROM pragma_table_info('kader')`).all() as { name: string }[]).map((c) => c.name)
  const row: Record<string, unknown> = {
    id: '019a0000-0000-7000-8000-00000000f003', scope: '21.71.01', rev: 1, hlc: '001795485600000-000778', origin: 'x', deleted_at: null,
    nik: '2171014508900001', name: 'Kader Bocor', sex: 'P', role: 'anggota', created_at: '2026-11-24T02:00:00.000Z', updated_at: '2026-11-24T02:00:00.000Z',
  }
  return writeBundle(kepri, 'ID', [{ name: 'kader', columns: cols, rows: [cols.map((c) => row[c] ?? null)] }], { outDir }).file
}
