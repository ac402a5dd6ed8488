import { closeSync, copyFileSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Ctx } from '../src/core/context'
import { writeBundle, type RowSource } from '../src/core/exchange/export'
import { columnsOf } from '../src/core/policy'
import { makeCtx, tempDir } from '../tests/helpers/db'
import { enrolPair, receive } from '../tests/helpers/exchange'
import { exchangeUp, provinceWorld } from '../tests/helpers/province'

/**
 * National-scale bundles for the warehouse benchmark (issue #15): every kabupaten/kota of the
 * Kemendagri reference (514) as a real office with its own keys, enrolled with its real
 * province office (38), sends that province one complete bundle — posyandu, a year of monthly
 * reports, kader counts and strata — written straight from generated rows (no kecamatan
 * offices are run: that would take hours). The rows are clones of rows real offices made:
 * a small Kepulauan Riau world runs kecamatan → kabupaten → province once, and its posyandu,
 * monthly reports, kader_count and posyandu_stratum rows, as the province received them, are
 * the templates; each clone gets its own id, kecamatan, desa, name and counts. The same rows
 * are also written as CSV, one file per table, for the raw `COPY` baseline.
 */

export const TABLES = ['posyandu', 'monthly_report', 'kader_count', 'posyandu_stratum'] as const
export type NationalTable = (typeof TABLES)[number]

export interface NationalOptions {
  /** Posyandu in all (≈300,000 nationally). */
  posyandu: number
  /** Only these provinces (default: all 38). */
  provinces?: string[]
  /** At most this many kabupaten/kota per province (default: all). */
  kabupatenPerProvince?: number
  seed?: number
}

export interface ProvinceOffice {
  code: string
  ctx: Ctx
  /** The folder of bundles its kabupaten/kota sent it. */
  folder: string
}

export interface NationalData {
  provinces: ProvinceOffice[]
  kabupaten: number
  rows: Record<NationalTable, number>
  totalRows: number
  /** What the figures must add up to. */
  expected: { posyandu: number; kader: number; aktif: number; strata: Record<string, number> }
  /** CSV of the same rows, one file per table, columns as `columns`. */
  csv: Record<NationalTable, string>
  columns: Record<NationalTable, string[]>
  bundleBytes: number
  generateSeconds: number
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FLOWERS = ['Mawar', 'Melati', 'Kenanga', 'Anggrek', 'Dahlia', 'Teratai', 'Cempaka', 'Flamboyan', 'Seruni', 'Kamboja', 'Bougenville', 'Asoka']
const STRATA: { stratum: string; aktif: 0 | 1; weight: number }[] = [
  { stratum: 'pratama', aktif: 0, weight: 0.15 },
  { stratum: 'madya', aktif: 0, weight: 0.3 },
  { stratum: 'purnama', aktif: 1, weight: 0.35 },
  { stratum: 'mandiri', aktif: 1, weight: 0.15 },
  { stratum: 'tidak_lengkap', aktif: 0, weight: 0.05 },
]
/** The twelve months ending with the template's clock month (2026-11). */
const MONTHS = Array.from({ length: 12 }, (_, i) => {
  const m = 11 + i // 2025-12 … 2026-11
  return `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`
})

const uid = (kind: number, n: number) => `0193000${kind}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`

const csvValue = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : `"${String(v).replaceAll('"', '""')}"`)

/** Templates: the rows a real province received from real kabupaten. */
async function templates() {
  const w = provinceWorld()
  for (const f of await exchangeUp(w)) await receive(w.prov, f)
  const all = (t: string) => w.prov.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY id`).all() as Record<string, unknown>[]
  const monthly = new Map<string, Record<string, unknown>[]>()
  for (const r of all('monthly_report')) {
    const list = monthly.get(String(r.posyandu_id)) ?? []
    list.push(r)
    monthly.set(String(r.posyandu_id), list)
  }
  const posyandu = all('posyandu').filter((p) => (monthly.get(String(p.id))?.length ?? 0) > 0)
  const stratum = all('posyandu_stratum')[0]
  const kaderCount = all('kader_count')[0]
  const columns = Object.fromEntries(TABLES.map((t) => [t, columnsOf(w.prov.sqlite, t).map((c) => c.name)])) as Record<NationalTable, string[]>
  const template = { posyandu, monthly, stratum, kaderCount, columns }
  for (const c of [w.prov, ...w.kab.values(), ...w.kec.values()]) c.close()
  return template
}

/** An office database from a migrated template file (migrating 552 fresh files would take minutes). */
function officeFromTemplate(templateFile: string, code: string): Ctx {
  const dir = tempDir('simpul-nat-')
  copyFileSync(templateFile, join(dir, 'simpul.sqlite'))
  return makeCtx({ office: code, dir })
}

export async function generateNational(opts: NationalOptions, note: (s: string) => void = () => {}): Promise<NationalData> {
  const t0 = Date.now()
  const random = rng(opts.seed ?? 15)
  const tpl = await templates()
  const blank = makeCtx()
  const templateFile = blank.dataFile
  const wilayah = blank.sqlite
  const provinceCodes = opts.provinces ?? (wilayah.prepare(`SELECT code FROM wilayah WHERE level = 'provinsi' ORDER BY code`).pluck().all() as string[])
  const kabOf = new Map(provinceCodes.map((p) => [p, (wilayah.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code`).pluck().all(p) as string[]).slice(0, opts.kabupatenPerProvince ?? Infinity)]))
  const kecOf = (kab: string) => wilayah.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code`).pluck().all(kab) as string[]
  const desaOf = (kec: string) => wilayah.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code LIMIT 8`).pluck().all(kec) as string[]
  const allKab = [...kabOf.values()].flat()
  // Posyandu per kabupaten: uneven, as they are (weights 0.3–1.7), adding up to the total asked.
  const weights = allKab.map(() => 0.3 + 1.4 * random())
  const wsum = weights.reduce((a, b) => a + b, 0)
  const perKab = weights.map((w) => Math.max(1, Math.floor((opts.posyandu * w) / wsum)))
  perKab[perKab.length - 1] += Math.max(0, opts.posyandu - perKab.reduce((a, b) => a + b, 0))
  wilayah.pragma('wal_checkpoint(TRUNCATE)')

  const csvDir = tempDir('simpul-nat-csv-')
  const csv = Object.fromEntries(TABLES.map((t) => [t, join(csvDir, `${t}.csv`)])) as Record<NationalTable, string>
  const fds = Object.fromEntries(TABLES.map((t) => [t, openSync(csv[t], 'w')])) as Record<NationalTable, number>
  const pending = Object.fromEntries(TABLES.map((t) => [t, [] as string[]])) as Record<NationalTable, string[]>
  const toCsv = (t: NationalTable, values: unknown[]) => {
    const p = pending[t]
    p.push(values.map(csvValue).join(','))
    if (p.length >= 5000) (writeSync(fds[t], p.join('\n') + '\n'), (pending[t] = []))
  }

  const rows = { posyandu: 0, monthly_report: 0, kader_count: 0, posyandu_stratum: 0 }
  const expected = { posyandu: 0, kader: 0, aktif: 0, strata: {} as Record<string, number> }
  const serial = { p: 0, m: 0, k: 0, s: 0 }
  let bundleBytes = 0
  let kabIndex = 0
  const provinces: ProvinceOffice[] = []
  for (const provCode of provinceCodes) {
    const prov = officeFromTemplate(templateFile, provCode)
    const folder = tempDir(`simpul-nat-${provCode}-`)
    mkdirSync(folder, { recursive: true })
    provinces.push({ code: provCode, ctx: prov, folder })
    for (const kabCode of kabOf.get(provCode)!) {
      const n = perKab[kabIndex++]
      const kab = officeFromTemplate(templateFile, kabCode)
      enrolPair(prov, kab)
      const kecs = kecOf(kabCode)
      const desa = new Map(kecs.map((k) => [k, desaOf(k)]))
      // One kabupaten's posyandu, then the rows about them, as generators (never all in memory).
      const posyandu: { id: string; scope: string; t: Record<string, unknown>; i: number }[] = []
      for (let i = 0; i < n; i++) {
        const kec = kecs[i % kecs.length]
        posyandu.push({ id: uid(1, serial.p++), scope: kec, t: tpl.posyandu[i % tpl.posyandu.length], i })
      }
      const section = (t: NationalTable, make: () => Generator<Record<string, unknown>>, complete: boolean): RowSource => ({
        name: t,
        columns: tpl.columns[t],
        complete,
        rows: (function* () {
          for (const r of make()) {
            const values = tpl.columns[t].map((c) => r[c] ?? null)
            toCsv(t, values)
            rows[t]++
            yield values
          }
        })(),
      })
      const sources: RowSource[] = [
        section(
          'posyandu',
          function* () {
            for (const p of posyandu) {
              const d = desa.get(p.scope)!
              yield { ...p.t, id: p.id, scope: p.scope, desa_code: d[p.i % d.length], name: `Posyandu ${FLOWERS[p.i % FLOWERS.length]} ${Math.floor(p.i / FLOWERS.length) + 1}` }
            }
          },
          true,
        ),
        section(
          'monthly_report',
          function* () {
            for (const p of posyandu) {
              const months = tpl.monthly.get(String(p.t.id))!
              for (const [j, month] of MONTHS.entries()) {
                const m = months[j % months.length]
                yield { ...m, id: uid(2, serial.m++), scope: p.scope, posyandu_id: p.id, month, open_date: m.open_date ? `${month}-${String(m.open_date).slice(8, 10)}` : null }
              }
            }
          },
          true,
        ),
        section(
          'kader_count',
          function* () {
            for (const p of posyandu) {
              // 3–7 kader a posyandu (≈ 5 on average: 1.5 M for 300,000 posyandu).
              const total = 3 + Math.floor(random() * 5)
              const male = random() < 0.2 ? 1 : 0
              expected.kader += total
              yield { ...tpl.kaderCount, id: uid(3, serial.k++), scope: kabCode, posyandu_id: p.id, total, male, female: total - male, trained: Math.floor(random() * (total + 1)), ketua: 1, sekretaris: 1, bendahara: 1, anggota: total - 3 }
            }
          },
          false,
        ),
        section(
          'posyandu_stratum',
          function* () {
            for (const p of posyandu) {
              let x = random()
              const s = STRATA.find((k) => (x -= k.weight) < 0) ?? STRATA[0]
              if (s.stratum === 'tidak_lengkap') continue // no stratum computed: counted apart, as the desktop does
              expected.strata[s.stratum] = (expected.strata[s.stratum] ?? 0) + 1
              expected.aktif += s.aktif
              yield { ...tpl.stratum, id: uid(4, serial.s++), scope: kabCode, posyandu_id: p.id, year: 2026, stratum: s.stratum, aktif: s.aktif }
            }
          },
          false,
        ),
      ]
      expected.posyandu += n
      bundleBytes += writeBundle(kab, provCode, sources, { outDir: folder }).sizeBytes
      kab.close()
      rmSync(kab.dataDir, { recursive: true, force: true }) // 514 copies of the wilayah reference would take 4 GB
    }
    note(`  bundel ${provCode}: ${kabOf.get(provCode)!.length} kabupaten/kota (${Math.round((Date.now() - t0) / 1000)} s)`)
  }
  for (const t of TABLES) {
    if (pending[t].length) writeSync(fds[t], pending[t].join('\n') + '\n')
    closeSync(fds[t])
  }
  blank.close()
  expected.strata.tidak_lengkap = expected.posyandu - Object.values(expected.strata).reduce((a, b) => a + b, 0)
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0)
  return { provinces, kabupaten: allKab.length, rows, totalRows, expected, csv, columns: tpl.columns, bundleBytes, generateSeconds: (Date.now() - t0) / 1000 }
}
