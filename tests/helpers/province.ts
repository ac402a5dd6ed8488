import type Database from 'better-sqlite3'
import { readHeader } from '../../src/core/exchange/format'
import type { Ctx } from '../../src/core/context'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { makeCtx, tempDir } from './db'
import { enrolPair, receive, send } from './exchange'
import { addKader, addPosyandu } from './registry'

/** Kepulauan Riau: Kota Batam (21.71) with two kecamatan, Kabupaten Bintan (21.01) with one. */
export const KEPRI = { prov: '21', kab: { '21.71': ['21.71.01', '21.71.02'], '21.01': ['21.01.04'] } } as const

export interface ProvinceWorld {
  prov: Ctx
  kab: Map<string, Ctx>
  kec: Map<string, Ctx>
  outDir: string
  /** Every NIK and phone number made at a kecamatan. */
  secrets: string[]
}

let serial = 0
/** A NIK of a kecamatan: its six digits, birth date (women +40 on the day), a serial. */
const nikOf = (kec: string, sex: 'L' | 'P') => `${kec.replaceAll('.', '')}${sex === 'P' ? '45' : '05'}0890${String(1000 + serial++).slice(-4)}`

/**
 * Three levels of real offices on real databases, enrolled pairwise as people would: the
 * province with its kabupaten/kota, each kabupaten with its kecamatan. Each kecamatan has
 * two posyandu (real desa codes), kader with NIK, phone, roles and a training, and a year of
 * monthly reports. Nothing is exchanged yet.
 */
export function provinceWorld(layout: { prov: string; kab: Record<string, readonly string[]> } = KEPRI, outDir = tempDir('simpul-prov-')): ProvinceWorld {
  const prov = makeCtx({ office: layout.prov })
  const kab = new Map<string, Ctx>()
  const kec = new Map<string, Ctx>()
  const secrets: string[] = []
  for (const [kabCode, kecCodes] of Object.entries(layout.kab)) {
    const k = makeCtx({ office: kabCode })
    enrolPair(prov, k)
    kab.set(kabCode, k)
    for (const [i, kecCode] of kecCodes.entries()) {
      const c = makeCtx({ office: kecCode })
      enrolPair(k, c)
      kec.set(kecCode, c)
      const desa = (c.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = ? ORDER BY code LIMIT 2`).all(kecCode) as { code: string }[]).map((r) => r.code)
      for (const [j, d] of desa.entries()) {
        const p = addPosyandu(c, `Posyandu Melati ${kecCode} ${j + 1}`, d)
        const people = 2 + ((i + j) % 3)
        for (let n = 0; n < people; n++) {
          const sex = n % 3 === 2 ? 'L' : 'P'
          const nik = nikOf(kecCode, sex)
          const phone = `0812${String(30000000 + serial).padStart(8, '0')}`
          secrets.push(nik, phone)
          addKader(c, {
            nik,
            name: `Kader ${kecCode} ${j}-${n}`,
            sex,
            birthDate: '1990-08-05',
            phone,
            role: n === 0 ? 'ketua' : 'anggota',
            posyanduId: p.id,
            trainings: n % 2 === 0 ? [{ name: 'Pelatihan kader dasar', year: 2025 }] : [],
          } as never)
        }
      }
      generateMonthlyReports(c, { seed: 7 + i, years: 1 })
    }
  }
  return { prov, kab, kec, outDir, secrets }
}

/** Riau: Kota Pekanbaru (14.71) with one kecamatan — the second province of the national world. */
export const RIAU = { prov: '14', kab: { '14.71': ['14.71.01'] } } as const

export interface NationWorld {
  nat: Ctx
  provinces: Map<string, ProvinceWorld>
  outDir: string
}

/**
 * Four levels: the national office (`ID`) enrolled with two provinces (Kepulauan Riau and
 * Riau), each a provinceWorld. Nothing is exchanged yet.
 */
export function nationWorld(): NationWorld {
  const outDir = tempDir('simpul-nat-')
  const nat = makeCtx({ office: 'ID' })
  const provinces = new Map<string, ProvinceWorld>()
  for (const layout of [KEPRI, RIAU]) {
    const w = provinceWorld(layout, outDir)
    enrolPair(nat, w.prov)
    provinces.set(layout.prov, w)
  }
  return { nat, provinces, outDir }
}

/** Every kecamatan sends to its kabupaten, then every kabupaten to the province; returns the province bundles. */
export async function exchangeUp(w: ProvinceWorld): Promise<string[]> {
  for (const [code, c] of w.kec) await receive(w.kab.get(code.slice(0, 5))!, send(c, w.kab.get(code.slice(0, 5))!, w.outDir))
  const out: string[] = []
  for (const k of w.kab.values()) out.push(send(k, w.prov, w.outDir))
  return out
}

/** The figures computed straight from the kecamatan databases (the reference the province must equal). */
export function fromKecamatan(w: ProvinceWorld) {
  const per = new Map<string, { posyandu: number; kader: number }>()
  for (const [code, c] of w.kec) {
    const kab = code.slice(0, 5)
    const f = per.get(kab) ?? { posyandu: 0, kader: 0 }
    f.posyandu += (c.sqlite.prepare(`SELECT count(*) AS n FROM posyandu WHERE deleted_at IS NULL`).get() as { n: number }).n
    f.kader += (
      c.sqlite
        .prepare(
          `SELECT count(DISTINCT k.id) AS n FROM kader k JOIN kader_posyandu kp ON kp.kader_id = k.id AND kp.deleted_at IS NULL AND kp.to_date IS NULL
           JOIN posyandu p ON p.id = kp.posyandu_id AND p.deleted_at IS NULL WHERE k.deleted_at IS NULL AND k.active_to IS NULL`,
        )
        .get() as { n: number }
    ).n
    per.set(kab, f)
  }
  return per
}

/** The readable manifest of a bundle file (who, seq, rows per table). */
export const readManifestOf = (file: string) => readHeader(file).manifest

/** Every column of every table holding the value, as text. */
export function occurrences(sqlite: Database.Database, needle: string): string[] {
  const found: string[] = []
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]
  for (const { name } of tables) {
    for (const c of sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]) {
      const n = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}" WHERE instr(CAST("${c.name}" AS TEXT), ?) > 0`).get(needle) as { n: number }).n
      if (n) found.push(`${name}.${c.name}`)
    }
  }
  return found
}
