import { join } from 'node:path'
import type { Office } from '../../shared/contract/app'
import { NATIONAL_CODE } from '../../shared/area'
import { AppError } from '../../shared/result'
import { openContext, type Ctx } from '../context'
import { exportBundle } from '../exchange/export'
import { importBundle } from '../exchange/import'
import { enrolOffice, makeCard, readCard } from '../exchange/peers'
import { reportProgress, throwIfCancelled } from '../jobs'
import { readOffice, setupOffice } from '../office/service'
import { ensurePrivateDir } from '../paths'
import { generateProvinceDemo, type ProvinceDemoSummary } from './province'

/** The provinces of the national demo: Kepulauan Riau (7 kabupaten/kota, the issue's province) and DI Yogyakarta (5). */
export const NATIONAL_DEMO_PROVINCES = [
  ['21', 'Kepulauan Riau'],
  ['34', 'Daerah Istimewa Yogyakarta'],
] as const

export interface NationalDemoOptions {
  seed: number
  /** Share of a Kepri-sized province for each province, 0 < size ≤ 1. */
  size?: number
  /** Where each province office and its kabupaten/kota offices keep their databases. */
  workDir: string
  /** Years of monthly reports at each kabupaten (default 2). */
  years?: number
}

export interface NationalDemoSummary {
  office: Office
  scale: 'nasional'
  seed: number
  size: number
  provinces: (Pick<ProvinceDemoSummary, 'counts'> & { code: string; name: string; dataFile: string; kabupaten: number; bundle: { file: string; rows: number; sizeBytes: number }; imported: number })[]
  counts: Record<string, number>
  ms: number
}

/**
 * A small national office as it would come about: each province office is built by the
 * province demo (its own kabupaten/kota offices sending it real bundles), enrols the national
 * office by card and fingerprint and sends it one signed bundle, which the national database
 * takes through the ordinary import stages — the relay of each province's kabupaten rows.
 * Nothing is written into the national database except by those imports.
 */
export async function generateNationalDemo(ctx: Ctx, opts: NationalDemoOptions): Promise<NationalDemoSummary> {
  const started = Date.now()
  const size = opts.size ?? 0.1
  const office = readOffice(ctx.sqlite) ?? setupOffice(ctx, { wilayahCode: NATIONAL_CODE, level: 'nasional', name: 'Kementerian Dalam Negeri', operatorName: 'Operator Demo' })
  if (office.level !== 'nasional') throw new AppError('DEMO_SCALE', `Skala nasional perlu kantor nasional; kantor ini kantor ${office.level}. Buat basis data baru dengan --office ID, atau pakai --scale ${office.level}.`)
  const existing = (ctx.sqlite.prepare('SELECT count(*) AS n FROM posyandu').get() as { n: number }).n
  if (existing > 0) throw new AppError('DEMO_NOT_EMPTY', `Basis data ini sudah berisi ${existing} posyandu. Data demo hanya dibuat pada basis data yang masih kosong.`)
  const summary: NationalDemoSummary = { office, scale: 'nasional', seed: opts.seed, size, provinces: [], counts: {}, ms: 0 }
  for (const [i, [code, name]] of NATIONAL_DEMO_PROVINCES.entries()) {
    throwIfCancelled()
    reportProgress({ phase: 'demo-nasional', table: name, done: i, total: NATIONAL_DEMO_PROVINCES.length })
    const dataFile = join(ensurePrivateDir(join(opts.workDir, `provinsi-${code}`)), 'simpul.sqlite')
    const prov = openContext({ dataFile, host: 'cli', clock: ctx.clock })
    try {
      if (readOffice(prov.sqlite)) throw new AppError('DEMO_NOT_EMPTY', `Folder ${join(opts.workDir, `provinsi-${code}`)} sudah berisi kantor; pilih folder kerja yang kosong.`)
      setupOffice(prov, { wilayahCode: code, level: 'provinsi', name: `Tim Pembina Posyandu Provinsi ${name}`, operatorName: 'Operator Demo' })
      const made = await generateProvinceDemo(prov, { seed: opts.seed * 100 + Number(code), size, workDir: join(opts.workDir, `kabupaten-${code}`), years: opts.years })
      // Enrolment as people do it: cards swapped, the fingerprint read back.
      const natCard = JSON.stringify(makeCard(ctx))
      const provCard = JSON.stringify(makeCard(prov))
      enrolOffice(prov, natCard, readCard(natCard).fingerprint)
      enrolOffice(ctx, provCard, readCard(provCard).fingerprint)
      const bundle = exportBundle(prov, NATIONAL_CODE, { outDir: join(opts.workDir, 'bundles') })
      const report = await importBundle(ctx, bundle.file)
      summary.provinces.push({
        code,
        name,
        dataFile,
        kabupaten: made.kabupaten.length,
        counts: made.counts,
        bundle: { file: bundle.file, rows: bundle.rows, sizeBytes: bundle.sizeBytes },
        imported: report.totals.new + report.totals.changed,
      })
    } finally {
      prov.close()
    }
  }
  for (const p of summary.provinces) for (const [k, v] of Object.entries(p.counts)) summary.counts[k] = (summary.counts[k] ?? 0) + v
  summary.ms = Date.now() - started
  return summary
}
