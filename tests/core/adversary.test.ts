import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { newId } from '../../src/core/sync/ids'
import type { AppError } from '../../src/shared/result'
import { craft, edited, kabupatenWorld, LATER_HLC, op, rowOf, rows, type World } from '../helpers/adversary'
import { dispatch } from '../helpers/db'
import { dbState, receive, refusal, send } from '../helpers/exchange'

/**
 * The adversary: the operator of kecamatan 12.18.04 controls its own database file and
 * keys, and sends bundles signed with them. Nothing it sends may change what it does not
 * own; the kabupaten's database is unchanged apart from what the table policy allows.
 */
async function refusedWhole(w: World, file: string, match: RegExp): Promise<AppError> {
  const before = dbState(w.kab)
  const backups = rows(w.kab, 'bundle_log').length
  const e = await refusal(receive(w.kab, file))
  expect(e.code).toBe('BUNDLE_UNAUTHORISED')
  expect(e.message).toMatch(match)
  expect(e.message).toMatch(/Tidak ada data yang diubah/)
  expect(dbState(w.kab)).toBe(before)
  expect(rows(w.kab, 'bundle_log').length).toBe(backups)
  return e
}

describe('a kecamatan operator who edits their own database', () => {
  it('cannot add an honor rate: the next honor list still pays the kabupaten’s Rp 750.000', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const forged = { ...rowOf(w.kab, 'honor_rate', w.rate.id)!, id: newId(), scope: '12.18.04', amount: 9_000_000, rev: 1, hlc: LATER_HLC }
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'honor_rate', [forged]), /Tarif honor.*di luar wewenang|tarif honor/i)
    const list = await op(w.kab, 'honor.listCreate', { periodKind: 'bulan', year: 2026, month: 4, subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Koordinasi Posyandu' })
    expect(new Set(list.lines.map((l) => l.rate))).toEqual(new Set([750_000]))
  })

  it('cannot take over a pendamping by rewriting scope, revision and bank account', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const person = rowOf(w.kab, 'pendamping_person', w.people[0].id)!
    const forged = edited(person, { scope: '12.18.04', account_number: '9999999999' })
    const e = await refusedWhole(w, craft(a, w.kab, w.outDir, 'pendamping_person', [forged]), /wilayah baris diubah dari 12\.18 menjadi 12\.18\.04/)
    expect(e.message).toContain('Pendamping 1')
    expect(rowOf(w.kab, 'pendamping_person', person.id as string)!.account_number).toBe(w.people[0].account)
  })

  it('cannot rename another kecamatan’s posyandu, delete its kader, or bring back its tombstone', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const theirs = rowOf(w.kab, 'posyandu', w.posyandu[1].id)!
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'posyandu', [edited(theirs, { name: 'Diambil alih' })]), /tidak berwenang mengubah posyandu milik wilayah 12\.18\.05/)
    const kader = rowOf(w.kab, 'kader', w.kader[1][0].id)!
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'kader', [edited(kader, { deleted_at: '2026-11-24T02:00:00.000Z' })]), /tidak berwenang menghapus kader milik wilayah 12\.18\.05/)
    // B deletes its posyandu; A tries to resurrect it.
    const b = w.kec[1]
    const { deleteRow } = await import('../../src/core/db/rows')
    deleteRow(b, 'posyandu', w.posyandu[1].id)
    await receive(w.kab, send(b, w.kab, w.outDir))
    const tomb = rowOf(w.kab, 'posyandu', w.posyandu[1].id)!
    expect(tomb.deleted_at).not.toBeNull()
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'posyandu', [edited(tomb, { deleted_at: null })]), /posyandu milik wilayah 12\.18\.05/)
  })

  it('cannot change a final honor line, an indicator set or an evaluation period', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const line = rows(w.kab, 'honor_line')[0]
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'honor_line', [edited(line, { account_number: '9999999999' })]), /baris daftar honor milik wilayah 12\.18/)
    await op(w.kab, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: {} } as never).catch(() => undefined)
    const set = { id: newId(), scope: '12.18', rev: 1, hlc: LATER_HLC, origin: 'x', deleted_at: null, code: 'strata-2011', name: 'Longgar', definition_json: '{}', created_at: '2026-11-24', updated_at: '2026-11-24' }
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'indicator_set', [set]), /set indikator milik wilayah 12\.18/)
    const period = { id: newId(), scope: '12.18.04', rev: 1, hlc: LATER_HLC, origin: 'x', deleted_at: null, name: 'Monev sendiri', year: 2026, indicator_set_code: 'strata-2011', indicator_set_json: null, area_code: '12.18.04', evaluators: null, status: 'open', locked_at: null, locked_by: null, data_hash: null, notes: null, created_at: '2026-11-24', updated_at: '2026-11-24' }
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'evaluation_period', [period]), /Periode evaluasi hanya dimiliki kantor kabupaten/)
  })

  it('cannot stop the kabupaten’s saves with a timestamp from the far future', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const own = rowOf(a, 'posyandu', w.posyandu[0].id)!
    const file = craft(a, w.kab, w.outDir, 'posyandu', [{ ...own, rev: Number(own.rev) + 1, hlc: '999999999999999-999999', name: 'Dari masa depan' }])
    const before = dbState(w.kab)
    const e = await refusal(receive(w.kab, file))
    expect(e.code).toBe('BUNDLE_CLOCK_AHEAD')
    expect(e.message).toMatch(/Bundel dari Kantor 12\.18\.04 \(12\.18\.04\) memuat perubahan bertanggal tahun yang tidak mungkin/)
    expect(dbState(w.kab)).toBe(before)
    // A date merely a year ahead is named.
    const nextYear = craft(a, w.kab, w.outDir, 'posyandu', [{ ...own, rev: Number(own.rev) + 1, hlc: `${String(Date.parse('2027-11-24T00:00:00Z')).padStart(15, '0')}-000000` }])
    expect((await refusal(receive(w.kab, nextYear))).message).toMatch(/bertanggal 24 November 2027/)
    // Local saves and the next bundles keep working.
    insertRow(w.kab, 'posyandu', { name: 'Tetap bisa', desa_code: '12.18.04.2001' }, { scope: '12.18.04' })
    expect((await receive(a, send(w.kab, a, w.outDir))).totals.new).toBe(1)
  })

  it('sends kader with a broken NIK, sex, date and a 3.9 MB note: they are left out with reasons, the rest is taken', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const good = rowOf(a, 'kader', w.kader[0][0].id)!
    const bad = (over: Record<string, unknown>) => ({ ...good, id: newId(), rev: 1, hlc: LATER_HLC, ...over })
    const list = [
      bad({ nik: 'BUKAN-NIK', name: 'NIK salah' }),
      bad({ sex: 'X', name: 'Jenis kelamin salah', nik: '1218044508900099' }),
      bad({ birth_date: 'kemarin', name: 'Tanggal salah', nik: '1218044508900098' }),
      bad({ notes: 'x'.repeat(3_900_000), name: 'Catatan raksasa', nik: '1218044508900097' }),
      bad({ name: 'Kader baik', nik: '1218044508900096' }),
    ]
    const report = await receive(w.kab, craft(a, w.kab, w.outDir, 'kader', list))
    expect(report.totals).toMatchObject({ new: 1, rejected: 4 })
    const reasons = report.items.filter((i) => i.action === 'rejected').map((i) => i.note).join(' | ')
    expect(reasons).toMatch(/nik: NIK hanya boleh berisi angka/)
    expect(reasons).toMatch(/sex: jenis kelamin harus L atau P/)
    expect(reasons).toMatch(/birth_date: tanggal harus berformat TTTT-BB-HH/)
    expect(reasons).toMatch(/notes: paling banyak 1000 huruf/)
    expect(rows(w.kab, 'kader').map((r) => r.name)).not.toContain('NIK salah')
    expect(rows(w.kab, 'kader').map((r) => r.name)).toContain('Kader baik')
    // The refusals travel back to the sender in the kabupaten's next bundle.
    const back = await receive(a, send(w.kab, a, w.outDir))
    expect(back.fileName).toMatch(/simpul_12\.18_12\.18\.04/)
    const history = rows(a, 'bundle_log').find((b) => b.direction === 'out' && b.rejected_json)
    expect(JSON.parse(String(history!.rejected_json)).length).toBe(4)
  })

  it('cannot smuggle content in a tombstone: the kabupaten keeps it deleted, and a restore refuses what the rules refuse', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const own = rowOf(a, 'kader', w.kader[0][0].id)!
    // A's own kader, deleted with a 3.9 MB note and a forged NIK in the tombstone.
    const forged = edited(own, { deleted_at: '2026-11-24T02:00:00.000Z', notes: 'x'.repeat(3_900_000), nik: 'BUKAN-NIK' })
    await receive(w.kab, craft(a, w.kab, w.outDir, 'kader', [forged]))
    const stored = rowOf(w.kab, 'kader', own.id as string)!
    expect(stored.deleted_at).not.toBeNull()
    const before = dbState(w.kab)
    const r = await dispatch(w.kab, 'registry.restore', { table: 'kader', id: own.id as string })
    expect(r.ok).toBe(false)
    const e = (r as { error: { code: string; message: string } }).error
    expect(e.code).toBe('INVALID_ROW')
    expect(e.message).toMatch(/tidak dapat dipulihkan: nik: .*notes: paling banyak 1000 huruf/)
    expect(e.message).toMatch(/buat data baru/i)
    expect(dbState(w.kab)).toBe(before)
    expect(rowOf(w.kab, 'kader', own.id as string)!.deleted_at).not.toBeNull()
    // A clean tombstone of another kader restores as before.
    const clean = rowOf(a, 'kader', w.kader[0][1].id)!
    await receive(w.kab, craft(a, w.kab, w.outDir, 'kader', [edited(clean, { deleted_at: '2026-11-24T02:00:00.000Z' })]))
    await op(w.kab, 'registry.restore', { table: 'kader', id: clean.id as string })
    expect(rowOf(w.kab, 'kader', clean.id as string)!.deleted_at).toBeNull()
  })

  it('cannot report on, or enrol its kader at, another kecamatan’s posyandu', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const theirs = w.posyandu[1].id
    const report = { id: newId(), scope: '12.18.04', rev: 1, hlc: LATER_HLC, origin: 'x', deleted_at: null, posyandu_id: theirs, month: '2026-10', held: 1, created_at: '2026-11-24', updated_at: '2026-11-24' }
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'monthly_report', [report]), /posyandu yang dirujuk milik wilayah 12\.18\.05, bukan 12\.18\.04/)
    const link = { id: newId(), scope: '12.18.04', rev: 1, hlc: LATER_HLC, origin: 'x', deleted_at: null, kader_id: w.kader[0][0].id, posyandu_id: theirs, from_date: '2026-11-01', to_date: null }
    await refusedWhole(w, craft(a, w.kab, w.outDir, 'kader_posyandu', [link]), /posyandu yang dirujuk milik wilayah 12\.18\.05/)
    // Its own new posyandu and a report on it, in one bundle, are fine.
    const { writeBundle } = await import('../../src/core/exchange/export')
    const fresh = { ...rowOf(a, 'posyandu', w.posyandu[0].id)!, id: newId(), name: 'Posyandu Baru', hlc: LATER_HLC }
    const own = { ...report, id: newId(), posyandu_id: fresh.id }
    const sections = [fresh, own].map((r, i) => ({ name: i ? 'monthly_report' : 'posyandu', columns: Object.keys(r), rows: [Object.values(r)] }))
    const ok = await receive(w.kab, writeBundle(a, '12.18', sections, { outDir: w.outDir }).file)
    expect(ok.totals, JSON.stringify(ok.items)).toMatchObject({ new: 2, refused: 0 })
  })

  it('cannot withdraw the kabupaten’s rows with an empty "complete" section', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const { writeBundle } = await import('../../src/core/exchange/export')
    const columns = Object.keys(rows(w.kab, 'pendamping_person')[0])
    const before = rows(w.kab, 'pendamping_person').length
    const file = writeBundle(a, '12.18', [{ name: 'pendamping_person', columns, rows: [], complete: true }], { outDir: w.outDir }).file
    await receive(w.kab, file)
    expect(rows(w.kab, 'pendamping_person').length).toBe(before)
  })
})

describe('a kabupaten operator who edits their own database', () => {
  it('cannot send an indicator set or a period whose criteria name other fields: refused at the door, the kecamatan keeps its set', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    // A real threshold edit travels and is taken.
    const saved = await op(w.kab, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: { kader: 6 } })
    expect((await receive(a, send(w.kab, a, w.outDir))).totals.new).toBeGreaterThanOrEqual(1)
    const stored = rowOf(a, 'indicator_set', saved.edited!.id)!
    const def = JSON.parse(String(stored.definition_json))
    const hostileDef = { ...def, criteria: def.criteria.map((c: { id: string; metric: object }) => (c.id === 'kader' ? { ...c, metric: { ...c.metric, field: 'kader_on_duty) FROM people --' } } : c)) }
    const set = edited(rowOf(w.kab, 'indicator_set', saved.edited!.id)!, { definition_json: JSON.stringify(hostileDef) })
    const period = { id: newId(), scope: '12.18', rev: 1, hlc: LATER_HLC, origin: 'x', deleted_at: null, name: 'Monev palsu', year: 2026, indicator_set_code: 'strata-2011', indicator_set_json: JSON.stringify({ ...hostileDef, edited: null }), area_code: '12.18', evaluators: null, status: 'open', locked_at: null, locked_by: null, data_hash: null, notes: null, created_at: '2026-11-24', updated_at: '2026-11-24' }
    const before = JSON.stringify([rows(a, 'indicator_set'), rows(a, 'evaluation_period')])
    const first = await receive(a, craft(w.kab, a, w.outDir, 'indicator_set', [set]))
    const second = await receive(a, craft(w.kab, a, w.outDir, 'evaluation_period', [period]))
    expect(first.totals).toMatchObject({ rejected: 1 })
    expect(second.totals).toMatchObject({ rejected: 1 })
    expect([...first.items, ...second.items].map((i) => i.note).join(' | ')).toMatch(/kriteria .*hanya ambangnya yang boleh berbeda/)
    expect(rowOf(a, 'indicator_set', saved.edited!.id)!.definition_json).toBe(stored.definition_json)
    expect(rows(a, 'evaluation_period').map((r) => r.name)).not.toContain('Monev palsu')
    expect(JSON.stringify([rows(a, 'indicator_set'), rows(a, 'evaluation_period')])).toBe(before)
  })
})
