import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { defaultId, ensureProgrammeDefaults, PROGRAMME_DEFAULTS } from '../../src/core/programme/defaults'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { makeCtx, dispatch } from '../helpers/db'

/** Calls an operation and returns its data, failing the test with the refusal otherwise. */
async function ok<K extends OpName>(ctx: Ctx, op: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(ctx, op, input)
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`)
  return r.data as Output<K>
}
async function refused<K extends OpName>(ctx: Ctx, op: K, input: Input<K>) {
  const r = await dispatch(ctx, op, input)
  expect(r.ok, `${op} should be refused`).toBe(false)
  return (r as { ok: false; error: { code: string; message: string } }).error
}
const count = (ctx: Ctx, table: string) => (ctx.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n
/** Every row of the travelling tables this area writes, to show a refusal changed nothing. */
const snapshot = (ctx: Ctx) =>
  ['programme', 'programme_posyandu', 'posyandu_activity', 'puskesos_service', 'ref_item', 'skpd', 'regulation', 'audit_log'].map((t) =>
    ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
  )

function kabupaten() {
  const ctx = makeCtx({ office: '12.18' })
  // Posyandu are registered by the registry screens; here straight into the table.
  const p = (name: string, desa: string) => insertRow(ctx, 'posyandu', { name, desa_code: desa }, { scope: desa.split('.').slice(0, 3).join('.') }).id
  const posyandu = {
    melati: p('Melati', '12.18.04.2001'),
    mawar: p('Mawar', '12.18.04.2002'),
    anggrek: p('Anggrek', '12.18.05.2001'),
    kenanga: p('Kenanga', '12.18.05.2002'),
  }
  return { ctx, posyandu }
}

const skpdId = async (ctx: Ctx, code: string) => (await ok(ctx, 'programme.reference', {})).skpd.find((s) => s.code === code)!.id

describe('programme reference data', () => {
  it('loads the shipped defaults once per database, with kabupaten scope and the same ids in every office', async () => {
    const { ctx } = kabupaten()
    const ref = await ok(ctx, 'programme.reference', {})
    expect(ref.phiParts.map((p) => p.name)).toEqual(['Posyandu Peduli', 'Posyandu Hijau', 'Posyandu Sehat', 'Posyandu Pintar', 'Posyandu Kreatif'])
    expect(ref.phiParts.find((p) => p.code === 'peduli')!.activities.map((a) => a.name)).toContain('Bank sampah dan persampahan')
    expect(ref.spmFields).toHaveLength(6)
    expect(ref.targetGroups).toHaveLength(6)
    expect(ref.lifeStages.find((s) => s.code === 'balita')!.targetGroups).toEqual(['bayi', 'balita'])
    expect(ref.skpd).toHaveLength(15)
    expect(ref.fundingSources.map((f) => f.name)).toEqual(['APBD', 'APBDes/Dana Desa', 'APBN/DAK', 'CSR', 'Baznas/zakat', 'Swadaya masyarakat'])
    expect(ref.framework).toBe('phi')
    const rows = count(ctx, 'ref_item') + count(ctx, 'skpd')
    expect(rows).toBe(PROGRAMME_DEFAULTS.refItems.length + PROGRAMME_DEFAULTS.fundingSources.length + PROGRAMME_DEFAULTS.skpd.length)
    expect(ctx.sqlite.prepare(`SELECT DISTINCT scope FROM ref_item UNION SELECT DISTINCT scope FROM skpd`).all()).toEqual([{ scope: '12.18' }])
    expect(ctx.sqlite.prepare(`SELECT value FROM meta WHERE key = 'programme.defaults.12.18'`).get()).toEqual({ value: String(PROGRAMME_DEFAULTS.version) })

    // The kabupaten edits and switches off a default; loading again neither restores nor duplicates it.
    const dinsos = ref.skpd.find((s) => s.code === 'dinsos')!
    await ok(ctx, 'programme.skpdSave', { ...dinsos, name: 'Dinas Sosial', active: false })
    const audits = count(ctx, 'audit_log')
    expect(ensureProgrammeDefaults(ctx).loaded).toBe(0)
    await ok(ctx, 'programme.reference', {})
    expect(count(ctx, 'ref_item') + count(ctx, 'skpd')).toBe(rows)
    expect(count(ctx, 'audit_log')).toBe(audits)
    expect((await ok(ctx, 'programme.reference', {})).skpd.map((s) => s.code)).not.toContain('dinsos')
    expect((await ok(ctx, 'programme.reference', { includeInactive: true })).skpd.find((s) => s.code === 'dinsos')).toMatchObject({ name: 'Dinas Sosial', active: false })

    // A kecamatan office of the same kabupaten holds the very same rows (same ids), so bundles meet.
    const kec = makeCtx({ office: '12.18.04' })
    const kref = await ok(kec, 'programme.reference', {})
    expect(kref.skpd.find((s) => s.code === 'bappeda')!.id).toBe(ref.skpd.find((s) => s.code === 'bappeda')!.id)
    expect(kref.phiParts[0].id).toBe(defaultId('12.18', 'phi_part', 'peduli'))
  })

  it('switches the framework shown first without touching tagged data, and edits lists with clear refusals', async () => {
    const { ctx } = kabupaten()
    const tagged = await ok(ctx, 'programme.save', { skpdId: await skpdId(ctx, 'dlh'), fiscalYear: 2026, name: 'Bank sampah', phiPart: 'peduli', fundingSource: 'apbd', budget: 1, realisation: 0 })
    await ok(ctx, 'settings.set', { key: 'program.pref.framework', value: 'spm' })
    expect((await ok(ctx, 'programme.reference', {})).framework).toBe('spm')
    expect((await ok(ctx, 'programme.get', { id: tagged.programme.id }))!.phiPart).toBe('peduli')
    expect((await ok(ctx, 'programme.summary', { fiscalYear: 2026 })).byPhiPart.find((l) => l.key === 'peduli')!.programmes).toBe(1)
    const added = await ok(ctx, 'programme.refItemSave', { kind: 'phi_activity', parentCode: 'sehat', code: 'sehat.stunting', name: 'Pencegahan stunting', active: true })
    expect((await ok(ctx, 'programme.reference', {})).phiParts.find((p) => p.code === 'sehat')!.activities.map((a) => a.code)).toContain('sehat.stunting')
    const before = snapshot(ctx)
    expect((await refused(ctx, 'programme.refItemSave', { kind: 'phi_activity', code: 'sehat.stunting', parentCode: 'sehat', name: 'Lagi', active: true })).message).toMatch(/sudah dipakai/)
    expect((await refused(ctx, 'programme.refItemSave', { kind: 'phi_activity', code: 'x.y', parentCode: 'tidak_ada', name: 'Apa', active: true })).message).toMatch(/Bagian PHI "tidak_ada" tidak ada/)
    expect((await refused(ctx, 'programme.refItemSave', { kind: 'target_group', code: 'yatim', name: 'Anak yatim', active: true })).message).toMatch(/tahap kehidupan/)
    expect((await refused(ctx, 'programme.refItemSave', { id: added.id, kind: 'phi_activity', parentCode: 'sehat', code: 'sehat.gizi', name: 'Gizi', active: true })).message).toMatch(/tidak dapat diubah/)
    expect((await refused(ctx, 'programme.refItemSave', { kind: 'spm_field', code: 'Bidang Baru!', name: 'Baru', active: true })).message).toMatch(/Kode hanya huruf kecil/)
    expect((await refused(ctx, 'programme.skpdSave', { code: 'dinkes2', name: 'dinas kesehatan', shortName: 'Dinkes', active: true })).message).toMatch(/sudah ada: Dinas Kesehatan/)
    expect(snapshot(ctx)).toEqual(before)
  })
})

describe('programmes', () => {
  it('saves a programme with its posyandu, and refuses bad input with a clear message and no change', async () => {
    const { ctx, posyandu } = kabupaten()
    const dinkes = await skpdId(ctx, 'dinkes')
    const base = { skpdId: dinkes, fiscalYear: 2026, name: 'Pemberian makanan tambahan balita', phiPart: 'sehat', spmField: 'kesehatan', targetGroups: ['balita', 'bayi'], fundingSource: 'apbd', budget: 150_000_000, realisation: 120_500_000, posyanduIds: [posyandu.melati, posyandu.mawar] }
    const saved = await ok(ctx, 'programme.save', base)
    expect(saved.warnings).toEqual([])
    expect(saved.programme).toMatchObject({ scope: '12.18', skpdName: 'Dinas Kesehatan', posyanduCount: 2, targetGroups: ['balita', 'bayi'] })
    expect(saved.programme.posyandu.map((p) => `${p.name} (${p.desaName}, ${p.kecamatanName})`)).toHaveLength(2)

    // Move the reach: Mawar out, Anggrek in; Mawar's link is tombstoned, not deleted.
    const moved = await ok(ctx, 'programme.save', { ...base, id: saved.programme.id, posyanduIds: [posyandu.melati, posyandu.anggrek] })
    expect(moved.programme.posyandu.map((p) => p.name).sort()).toEqual(['Anggrek', 'Melati'])
    expect(ctx.sqlite.prepare(`SELECT count(*) n FROM programme_posyandu WHERE deleted_at IS NOT NULL`).get()).toEqual({ n: 1 })
    const back = await ok(ctx, 'programme.save', { ...base, id: saved.programme.id, posyanduIds: [posyandu.melati, posyandu.anggrek, posyandu.mawar] })
    expect(back.programme.posyanduCount).toBe(3)
    expect(count(ctx, 'programme_posyandu')).toBe(3)

    const before = snapshot(ctx)
    const bad: [Partial<Input<'programme.save'>>, RegExp][] = [
      [{ name: 'PM' }, /Nama program minimal 3 huruf/],
      [{ budget: 1_500_000.5 }, /rupiah bulat/],
      [{ realisation: -1 }, /Realisasi tidak boleh negatif/],
      [{ fiscalYear: 1990 }, /Tahun anggaran tidak masuk akal/],
      [{ phiPart: null, spmField: null }, /bagian PHI dan\/atau bidang SPM/],
      [{ phiPart: 'hebat' }, /Bagian PHI "hebat"/],
      [{ targetGroups: ['alien'] }, /Kelompok sasaran "alien"/],
      [{ fundingSource: 'hibah_luar_negeri' }, /Sumber dana "hibah_luar_negeri"/],
      [{ skpdId: 'x' }, /SKPD yang dipilih tidak ada/],
      [{ posyanduIds: ['bukan-posyandu'] }, /Posyandu yang dipilih tidak ada/],
      [{ regulationId: 'bukan-regulasi' }, /Regulasi yang dipilih tidak ada/],
    ]
    for (const [patch, message] of bad) expect((await refused(ctx, 'programme.save', { ...base, ...patch })).message).toMatch(message)
    expect(snapshot(ctx)).toEqual(before)

    // Over-spending is allowed but said out loud.
    const over = await ok(ctx, 'programme.save', { ...base, id: saved.programme.id, realisation: 160_000_000 })
    expect(over.warnings).toEqual(['Realisasi Rp 160.000.000 melebihi anggaran Rp 150.000.000.'])
  })

  it('sums budget and realisation by SKPD, PHI part, SPM field, life stage and funding, and coverage per kecamatan', async () => {
    const { ctx, posyandu } = kabupaten()
    const [dinkes, disdik, dlh] = [await skpdId(ctx, 'dinkes'), await skpdId(ctx, 'disdik'), await skpdId(ctx, 'dlh')]
    const add = (skpd: string, name: string, phiPart: string | null, spmField: string | null, targetGroups: string[], fundingSource: string, budget: number, realisation: number, posyanduIds: string[], fiscalYear = 2026) =>
      ok(ctx, 'programme.save', { skpdId: skpd, fiscalYear, name, phiPart, spmField, targetGroups, fundingSource, budget, realisation, posyanduIds })
    await add(dinkes, 'PMT balita', 'sehat', 'kesehatan', ['balita'], 'apbd', 100_000_000, 80_000_000, [posyandu.melati, posyandu.mawar])
    await add(dinkes, 'Posbindu lansia', 'sehat', 'kesehatan', ['lansia'], 'apbn', 50_000_000, 50_000_000, [posyandu.melati])
    await add(disdik, 'PAUD posyandu', 'pintar', 'pendidikan', ['balita', 'remaja'], 'apbdes', 30_000_000, 12_345_678, [posyandu.anggrek])
    await add(dlh, 'Bank sampah', 'peduli', null, [], 'csr', 7_000_000, 0, [])
    await add(dinkes, 'Tahun lalu', 'sehat', 'kesehatan', ['balita'], 'apbd', 999_000_000, 999_000_000, [posyandu.kenanga], 2025)
    const gone = await add(dlh, 'Dihapus', 'hijau', null, [], 'apbd', 5_000_000, 5_000_000, [posyandu.kenanga])
    await ok(ctx, 'programme.delete', { id: gone.programme.id })

    const s = await ok(ctx, 'programme.summary', { fiscalYear: 2026 })
    expect(s.totals).toEqual({ programmes: 4, budget: 187_000_000, realisation: 142_345_678, posyanduReached: 3, posyanduTotal: 4 })
    const line = (lines: typeof s.bySkpd, key: string) => lines.find((l) => l.key === key)
    expect(line(s.bySkpd, dinkes)).toMatchObject({ label: 'Dinas Kesehatan', programmes: 2, budget: 150_000_000, realisation: 130_000_000, posyanduReached: 2 })
    expect(line(s.bySkpd, disdik)).toMatchObject({ programmes: 1, budget: 30_000_000, realisation: 12_345_678, posyanduReached: 1 })
    expect(line(s.bySkpd, dlh)).toMatchObject({ programmes: 1, budget: 7_000_000, realisation: 0, posyanduReached: 0 })
    expect(s.bySkpd.reduce((a, l) => a + l.budget, 0)).toBe(s.totals.budget)
    expect(s.byPhiPart.map((l) => [l.key, l.budget, l.realisation])).toEqual([
      ['peduli', 7_000_000, 0],
      ['hijau', 0, 0],
      ['sehat', 150_000_000, 130_000_000],
      ['pintar', 30_000_000, 12_345_678],
      ['kreatif', 0, 0],
    ])
    expect(line(s.bySpmField, 'kesehatan')).toMatchObject({ budget: 150_000_000, posyanduReached: 2 })
    expect(line(s.bySpmField, '')).toMatchObject({ label: 'Tanpa bidang SPM', budget: 7_000_000 })
    // PAUD serves two life stages and counts in both.
    expect(line(s.byLifeStage, 'balita')).toMatchObject({ programmes: 2, budget: 130_000_000 })
    expect(line(s.byLifeStage, 'usia_sekolah')).toMatchObject({ programmes: 1, budget: 30_000_000 })
    expect(line(s.byFunding, 'csr')).toMatchObject({ budget: 7_000_000 })
    const kec = (code: string) => s.byKecamatan.find((k) => k.code === code)
    expect(kec('12.18.04')).toMatchObject({ posyandu: 2, reached: 2, ratio: 1 })
    expect(kec('12.18.05')).toMatchObject({ posyandu: 2, reached: 1, ratio: 0.5 })
    expect(kec('12.18.01')).toMatchObject({ posyandu: 0, reached: 0, ratio: null })
    expect(await ok(ctx, 'programme.years', {})).toEqual([2026, 2025])
  })
})

describe('activity log and Puskesos desk', () => {
  it('logs activities per posyandu in its kecamatan scope and refuses bad ones without change', async () => {
    const { ctx, posyandu } = kabupaten()
    const dlh = await skpdId(ctx, 'dlh')
    const a = await ok(ctx, 'programme.activitySave', { posyanduId: posyandu.anggrek, date: '2026-10-05', phiPart: 'peduli', what: 'Penimbangan sampah bank sampah', participants: { keluarga: 23, lansia: 4, bayi: 0 }, skpdId: dlh })
    expect(a).toMatchObject({ posyanduName: 'Anggrek', skpdName: 'Lingkungan Hidup', totalParticipants: 27, participants: { keluarga: 23, lansia: 4 } })
    expect(ctx.sqlite.prepare(`SELECT scope FROM posyandu_activity`).get()).toEqual({ scope: '12.18.05' })
    const before = snapshot(ctx)
    expect((await refused(ctx, 'programme.activitySave', { posyanduId: posyandu.anggrek, date: '2027-01-01', phiPart: 'peduli', what: 'Nanti' })).message).toMatch(/belum terjadi/)
    expect((await refused(ctx, 'programme.activitySave', { posyanduId: posyandu.anggrek, date: '2026-10-01', phiPart: 'peduli', what: 'Senam', participants: { kucing: 3 } })).message).toMatch(/Kelompok sasaran "kucing"/)
    expect((await refused(ctx, 'programme.activitySave', { posyanduId: posyandu.anggrek, date: '05/10/2026', what: 'Senam' })).message).toMatch(/YYYY-MM-DD/)
    expect(snapshot(ctx)).toEqual(before)
    expect(await ok(ctx, 'programme.activityList', { posyanduId: posyandu.anggrek })).toHaveLength(1)
    await ok(ctx, 'programme.activityDelete', { id: a.id })
    expect(await ok(ctx, 'programme.activityList', {})).toHaveLength(0)
  })

  it('records Puskesos services and exports referrals for DTSEN with the NIK kept as text', async () => {
    const { ctx, posyandu } = kabupaten()
    const dinsos = await skpdId(ctx, 'dinsos')
    await ok(ctx, 'programme.puskesosSave', { posyanduId: posyandu.melati, date: '2026-11-02', category: 'bansos', personName: 'Rahmawati', nik: '1218045505900001', complaint: 'Belum menerima PKH', referredSkpdId: dinsos, followUpStatus: 'dirujuk' })
    await ok(ctx, 'programme.puskesosSave', { posyanduId: posyandu.melati, date: '2026-11-03', category: 'adminduk', personName: 'Tono', complaint: 'KK hilang', referredOther: 'Disdukcapil', followUpStatus: 'ditindaklanjuti' })
    await ok(ctx, 'programme.puskesosSave', { posyanduId: posyandu.melati, date: '2026-11-04', category: 'lainnya', complaint: 'Tanya jadwal', followUpStatus: 'selesai' })
    const before = snapshot(ctx)
    expect((await refused(ctx, 'programme.puskesosSave', { posyanduId: posyandu.melati, date: '2026-11-04', category: 'bansos', nik: '1218045505', followUpStatus: 'baru' })).message).toMatch(/NIK harus 16 angka/)
    expect((await refused(ctx, 'programme.puskesosSave', { posyanduId: posyandu.melati, date: '2026-11-04', category: 'bansos', followUpStatus: 'dirujuk' })).message).toMatch(/instansi tujuan rujukan/)
    expect((await refused(ctx, 'programme.puskesosSave', { posyanduId: posyandu.melati, date: '2026-11-04', category: 'judi', followUpStatus: 'baru' })).message).toMatch(/Kategori keluhan "judi"/)
    expect(snapshot(ctx)).toEqual(before)
    expect(await ok(ctx, 'programme.puskesosList', { status: 'dirujuk' })).toHaveLength(1)

    const out = await ok(ctx, 'programme.puskesosExport', {})
    expect(out.rows).toBe(2)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('Rujukan Puskesos')!
    expect(ws.getRow(4).getCell(2).value).toBe('NIK')
    expect(ws.getRow(5).getCell(2).value).toBe('1218045505900001')
    expect(ws.getRow(5).getCell(11).value).toBe('Dinas Sosial')
    expect(ws.getRow(6).getCell(11).value).toBe('Disdukcapil')
    expect(ws.getRow(6).getCell(14).value).toBe('NIK belum tercatat')
    expect(ws.getRow(7).getCell(1).value).toBeNull()
  })
})
