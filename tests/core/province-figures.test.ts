import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import type { Ctx } from '../../src/core/context'
import { updateRow } from '../../src/core/db/rows'
import { provinceSummary } from '../../src/core/province/service'
import { monthsDue } from '../../src/core/province/summary'
import { callOp, makeCtx } from '../helpers/db'
import { enrolPair, receive, refusal, send, dbState } from '../helpers/exchange'
import { exchangeUp, provinceWorld, readManifestOf, type ProvinceWorld } from '../helpers/province'

const YEAR = 2026
const q = <T>(c: Ctx, sql: string, ...p: unknown[]) => c.sqlite.prepare(sql).all(...p) as T[]
const one = (c: Ctx, sql: string, ...p: unknown[]) => (c.sqlite.prepare(sql).get(...p) as { n: number }).n

/** Per kabupaten, straight from the kecamatan databases: kader by sex and training, reported posyandu-months. */
function reference(w: ProvinceWorld, throughMonth: string) {
  const per = new Map<string, { posyandu: number; male: number; female: number; trained: number; reported: number }>()
  for (const [code, c] of w.kec) {
    const kab = code.slice(0, 5)
    const f = per.get(kab) ?? { posyandu: 0, male: 0, female: 0, trained: 0, reported: 0 }
    f.posyandu += one(c, `SELECT count(*) AS n FROM posyandu WHERE deleted_at IS NULL`)
    const active = `FROM kader k WHERE k.deleted_at IS NULL AND k.active_to IS NULL AND EXISTS (SELECT 1 FROM kader_posyandu kp WHERE kp.kader_id = k.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL)`
    f.male += one(c, `SELECT count(*) AS n ${active} AND k.sex = 'L'`)
    f.female += one(c, `SELECT count(*) AS n ${active} AND k.sex = 'P'`)
    f.trained += one(c, `SELECT count(*) AS n ${active} AND EXISTS (SELECT 1 FROM kader_training t WHERE t.kader_id = k.id AND t.deleted_at IS NULL)`)
    f.reported += one(c, `SELECT count(*) AS n FROM (SELECT DISTINCT posyandu_id, month FROM monthly_report WHERE deleted_at IS NULL AND month BETWEEN ? AND ?)`, `${YEAR}-01`, throughMonth)
    per.set(kab, f)
  }
  return per
}

/** The province sends a bundle back (its acknowledgement travels in it), and the kabupaten reads it. */
async function ackBack(prov: Ctx, kab: Ctx, outDir: string) {
  await receive(kab, send(prov, kab, outDir))
}

describe('province dashboard figures', () => {
  it('per kabupaten and in total: kader by sex and training, completeness, trend, last bundle and the stale flag equal what the kecamatan and bundle data say', async () => {
    const w = provinceWorld()
    // A third kabupaten/kota, enrolled but silent: listed, with no bundle, stale.
    const tanjungpinang = makeCtx({ office: '21.72' })
    enrolPair(w.prov, tanjungpinang)
    const files = await exchangeUp(w)
    for (const f of files) await receive(w.prov, f)

    const s = provinceSummary(w.prov, YEAR)
    expect(s.throughMonth).toBe('2026-10') // the test clock stands on 24 November 2026
    expect(s.total.completeness.months).toBe(10)
    const ref = reference(w, s.throughMonth!)
    expect(s.kabupaten.map((k) => k.code)).toEqual(['21.01', '21.71', '21.72'])
    for (const k of s.kabupaten.filter((k) => k.code !== '21.72')) {
      const r = ref.get(k.code)!
      expect({ male: k.kaderMale, female: k.kaderFemale, trained: k.kaderTrained }).toEqual({ male: r.male, female: r.female, trained: r.trained })
      expect(k.kader).toBe(r.male + r.female)
      expect(k.completeness).toEqual({ reported: r.reported, expected: r.posyandu * 10, months: 10, pct: Math.round((1000 * r.reported) / (r.posyandu * 10)) / 10 })
      expect(k.completeness.reported).toBeGreaterThan(0)
      // Its last bundle: the one it sent, made and received on the test clock's day.
      expect(k.lastBundle).toMatchObject({ seq: 1, createdAt: '2026-11-24T02:00:00.000Z', receivedAt: '2026-11-24T02:00:00.000Z', ageDays: 0 })
      expect(k.stale).toBe(false)
      expect(k.trend.map((t) => t.year)).toEqual([YEAR])
      expect(k.trend[0]).toMatchObject({ aktif: k.aktif, denominator: k.posyandu, aktifPct: k.aktifPct, incomplete: k.strata.tidak_lengkap ?? 0, partial: true })
    }
    const silent = s.kabupaten.find((k) => k.code === '21.72')!
    expect(silent).toMatchObject({ name: 'Kota Tanjung Pinang', posyandu: 0, lastBundle: null, stale: true, aktifPct: null, completeness: { reported: 0, expected: 0, pct: null } })

    // The total is the sum of the kabupaten rows.
    const sum = (f: (k: (typeof s.kabupaten)[number]) => number) => s.kabupaten.reduce((n, k) => n + f(k), 0)
    expect(s.total).toMatchObject({
      posyandu: sum((k) => k.posyandu), kader: sum((k) => k.kader), kaderMale: sum((k) => k.kaderMale), kaderFemale: sum((k) => k.kaderFemale), kaderTrained: sum((k) => k.kaderTrained),
      aktif: sum((k) => k.aktif), denominator: sum((k) => k.denominator),
      completeness: { reported: sum((k) => k.completeness.reported), expected: sum((k) => k.completeness.expected), months: 10 },
      lastBundle: null, stale: false,
    })
    expect(s.total.trend).toEqual([{ year: YEAR, aktif: s.total.aktif, denominator: s.total.denominator, aktifPct: s.total.aktifPct, reported: s.total.completeness.reported, expected: s.total.completeness.expected, incomplete: s.total.strata.tidak_lengkap ?? 0, partial: true }])

    // 46 days later nothing new arrived: every kabupaten is stale; with the setting at 60 days, none of those that sent.
    const later = { ...w.prov, clock: fixedClock('2027-01-09T09:00:00+07:00') }
    const s2 = provinceSummary(later, YEAR)
    expect(s2.kabupaten.map((k) => [k.code, k.lastBundle?.ageDays ?? null, k.stale])).toEqual([['21.01', 46, true], ['21.71', 46, true], ['21.72', null, true]])
    // A past year is due in full.
    expect(s2.total.completeness.months).toBe(12)
    await callOp(w.prov, 'settings.set', { key: 'province.pref.stale_days', value: '60' })
    expect(provinceSummary(later, YEAR).kabupaten.map((k) => k.stale)).toEqual([false, false, true])
    expect(provinceSummary(later, YEAR).staleAfterDays).toBe(60)
    expect(await callOp(w.prov, 'province.years', {})).toEqual([YEAR])
  })

  it('months due: all of a past year, the finished months of this one, none of a future year', () => {
    expect([monthsDue(2025, '2026-11-24'), monthsDue(2026, '2026-11-24'), monthsDue(2026, '2026-01-05'), monthsDue(2027, '2026-11-24')]).toEqual([12, 10, 0, 0])
  })
})

describe('bundles to the province are incremental', () => {
  it('after an acknowledgement only what arrived since goes up; a lost bundle is repaired by the next; replays change nothing; a changed grant is sent whole', async () => {
    const w = provinceWorld()
    for (const f of await exchangeUp(w)) await receive(w.prov, f)
    const batam = w.kab.get('21.71')!
    const kec1 = w.kec.get('21.71.01')!
    const allPosyandu = one(batam, `SELECT count(*) AS n FROM posyandu`)
    const allReports = one(batam, `SELECT count(*) AS n FROM monthly_report`)

    // Not acknowledged yet: the next bundle is still complete.
    const unacked = readManifestOf(send(batam, w.prov, w.outDir))
    expect(unacked.counts).toMatchObject({ posyandu: allPosyandu, monthly_report: allReports })

    await ackBack(w.prov, batam, w.outDir)
    // Acknowledged, nothing new: no posyandu and no report goes up again.
    const quiet = readManifestOf(send(batam, w.prov, w.outDir))
    expect(quiet.counts.posyandu ?? 0).toBe(0)
    expect(quiet.counts.monthly_report ?? 0).toBe(0)

    // A kecamatan renames a posyandu; its bundle reaches Batam (its HLC is the kecamatan's, before Batam's last cut).
    const [p1, p2] = q<{ id: string }>(kec1, `SELECT id FROM posyandu ORDER BY id`)
    updateRow(kec1, 'posyandu', p1.id, { name: 'Posyandu Melati Berganti Nama' })
    await receive(batam, send(kec1, batam, w.outDir))
    const lost = send(batam, w.prov, w.outDir) // never arrives
    expect(readManifestOf(lost).counts.posyandu).toBe(1)

    // A second change; the next bundle carries both (the lost one was never acknowledged).
    updateRow(kec1, 'posyandu', p2.id, { name: 'Posyandu Melati Kedua Baru' })
    await receive(batam, send(kec1, batam, w.outDir))
    const next = send(batam, w.prov, w.outDir)
    expect(readManifestOf(next).counts.posyandu).toBe(2)
    await receive(w.prov, next)
    expect(q<{ name: string }>(w.prov, `SELECT name FROM posyandu WHERE id IN (?, ?) ORDER BY id`, p1.id, p2.id).map((r) => r.name)).toEqual(['Posyandu Melati Berganti Nama', 'Posyandu Melati Kedua Baru'])

    // Replays: the same bundle again, and the lost one turning up late, change nothing.
    const before = dbState(w.prov)
    expect((await refusal(receive(w.prov, next))).code).toBe('BUNDLE_ALREADY_IMPORTED')
    expect((await refusal(receive(w.prov, lost))).code).toBe('BUNDLE_OLDER')
    expect(dbState(w.prov)).toBe(before)

    // The grant changed (another release hides one more column): that section goes up whole.
    await ackBack(w.prov, batam, w.outDir)
    const last = batam.sqlite.prepare(`SELECT id, grants_json FROM bundle_log WHERE direction = 'out' AND peer_code = '21' ORDER BY seq DESC LIMIT 1`).get() as { id: string; grants_json: string }
    const acked = batam.sqlite.prepare(`SELECT b.seq FROM bundle_log b JOIN peer_office p ON p.wilayah_code = b.peer_code AND p.acked_seq = b.seq WHERE b.direction = 'out' AND b.peer_code = '21'`).get() as { seq: number }
    expect(acked.seq).toBeGreaterThan(0)
    batam.sqlite.prepare(`UPDATE bundle_log SET grants_json = ? WHERE direction = 'out' AND peer_code = '21' AND seq = ?`).run(JSON.stringify({ ...JSON.parse(last.grants_json), posyandu: 'other-grant' }), acked.seq)
    const whole = readManifestOf(send(batam, w.prov, w.outDir))
    expect(whole.counts.posyandu).toBe(allPosyandu)
    expect(whole.counts.monthly_report ?? 0).toBe(0)

    // In the end the province equals the kecamatan data.
    const s = provinceSummary(w.prov, YEAR)
    expect(s.kabupaten.find((k) => k.code === '21.71')!.posyandu).toBe(one(w.kec.get('21.71.01')!, 'SELECT count(*) AS n FROM posyandu') + one(w.kec.get('21.71.02')!, 'SELECT count(*) AS n FROM posyandu'))
  })

  it('a bundle acknowledged from before the arrival counter (no cut recorded) is followed by a complete one; every posyandu and report is numbered', async () => {
    const w = provinceWorld()
    for (const f of await exchangeUp(w)) await receive(w.prov, f)
    const batam = w.kab.get('21.71')!
    await ackBack(w.prov, batam, w.outDir)
    expect(one(batam, `SELECT count(*) AS n FROM posyandu p WHERE NOT EXISTS (SELECT 1 FROM row_arrival a WHERE a.table_name = 'posyandu' AND a.row_id = p.id)`)).toBe(0)
    expect(one(batam, `SELECT count(*) AS n FROM monthly_report m WHERE NOT EXISTS (SELECT 1 FROM row_arrival a WHERE a.table_name = 'monthly_report' AND a.row_id = m.id)`)).toBe(0)
    batam.sqlite.prepare(`UPDATE bundle_log SET high_arrival = NULL, grants_json = NULL WHERE direction = 'out' AND peer_code = '21'`).run()
    const after = readManifestOf(send(batam, w.prov, w.outDir))
    expect(after.counts).toMatchObject({ posyandu: one(batam, 'SELECT count(*) AS n FROM posyandu'), monthly_report: one(batam, 'SELECT count(*) AS n FROM monthly_report') })
  })
})
