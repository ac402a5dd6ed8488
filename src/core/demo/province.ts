import { join } from 'node:path'
import type { Office } from '../../shared/contract/app'
import { AppError } from '../../shared/result'
import { openContext, type Ctx } from '../context'
import { exportBundle } from '../exchange/export'
import { importBundle } from '../exchange/import'
import { enrolOffice, makeCard, readCard } from '../exchange/peers'
import { reportProgress, throwIfCancelled } from '../jobs'
import { readOffice, setupOffice } from '../office/service'
import { ensurePrivateDir } from '../paths'
import { generateDemo } from './index'
import { msg } from '../../shared/messages'

/** Kepulauan Riau in June 2022 (DOMAIN.md, the Pokjanal article): 1,463 posyandu, 10,519 kader. */
export const PROVINCE_DEMO_TARGETS = { code: '21', posyandu: 1_463, kader: 10_519 }

/**
 * Days since each kabupaten/kota (in code order) last made a bundle: offices send when they
 * can, and the most remote one (in Kepri, 21.05 Kepulauan Anambas) last sent two months ago —
 * so the demo shows a kabupaten whose data is stale.
 */
export const DEMO_BUNDLE_LAG_DAYS = [4, 9, 16, 2, 61, 1, 6]

export interface ProvinceDemoOptions {
  seed: number
  /** Share of the Kepri-sized totals, 0 < size ≤ 1 (tests use a few percent). */
  size?: number
  /** Where each kabupaten/kota office keeps its own database (one folder per office). */
  workDir: string
  /** Years of monthly reports at each kabupaten (default 2: the last whole year and this year so far). */
  years?: number
}

export interface ProvinceDemoSummary {
  office: Office
  scale: 'provinsi'
  seed: number
  size: number
  kabupaten: { code: string; name: string; dataFile: string; lagDays: number; posyandu: number; kader: number; monthlyReports: number; bundle: { file: string; rows: number; sizeBytes: number }; imported: number }[]
  counts: Record<string, number>
  ms: number
}

/**
 * A province as it would come about: each kabupaten/kota office of the province (the real
 * Kemendagri codes) gets its own database with demo data, the two offices enrol each other by
 * swapping office cards and checking the fingerprint, and the kabupaten's signed, encrypted
 * bundle is imported into the province database through the ordinary import stages. Nothing
 * is written into the province database except by those imports. Posyandu and kader are
 * shared out by the desa in each kabupaten/kota, a kelurahan counting four times.
 */
export async function generateProvinceDemo(ctx: Ctx, opts: ProvinceDemoOptions): Promise<ProvinceDemoSummary> {
  const started = Date.now()
  const size = opts.size ?? 1
  if (!(size > 0 && size <= 1)) throw new AppError('DEMO_SCALE', msg('demo.provinceSize'))
  const office = readOffice(ctx.sqlite) ?? setupOffice(ctx, { wilayahCode: PROVINCE_DEMO_TARGETS.code, level: 'provinsi', name: 'Tim Pembina Posyandu Provinsi Kepulauan Riau', operatorName: 'Operator Demo' })
  if (office.level !== 'provinsi') throw new AppError('DEMO_SCALE', msg('demo.provinceScale', { level: msg(`policy.level.${office.level}`), code: office.level }))
  const existing = (ctx.sqlite.prepare('SELECT count(*) AS n FROM posyandu').get() as { n: number }).n
  if (existing > 0) throw new AppError('DEMO_NOT_EMPTY', msg('demo.notEmpty', { n: existing }))

  const kabupaten = ctx.sqlite
    .prepare(
      // Weight: a town kelurahan (desa part starting with 1) keeps several times the posyandu of a village.
      `SELECT k.code, k.name, (SELECT count(*) + 3 * count(CASE WHEN substr(d.code, 10, 1) = '1' THEN 1 END) FROM wilayah d WHERE d.level = 'desa' AND d.code LIKE k.code || '.%') AS desa
       FROM wilayah k WHERE k.parent_code = ? ORDER BY k.code`,
    )
    .all(office.wilayahCode) as { code: string; name: string; desa: number }[]
  if (!kabupaten.length) throw new AppError('DEMO_SCALE', msg('demo.noKabupaten', { code: office.wilayahCode }))
  const desaTotal = kabupaten.reduce((n, k) => n + k.desa, 0)
  // The real Kepri totals when the province is Kepri; otherwise the same density per desa.
  const posyanduTotal = Math.max(kabupaten.length, Math.round(size * (office.wilayahCode === PROVINCE_DEMO_TARGETS.code ? PROVINCE_DEMO_TARGETS.posyandu : desaTotal * 3.6)))
  const kaderPerPosyandu = PROVINCE_DEMO_TARGETS.kader / PROVINCE_DEMO_TARGETS.posyandu

  const summary: ProvinceDemoSummary = { office, scale: 'provinsi', seed: opts.seed, size, kabupaten: [], counts: {}, ms: 0 }
  let given = 0
  for (const [i, k] of kabupaten.entries()) {
    throwIfCancelled()
    const posyandu = i === kabupaten.length - 1 ? posyanduTotal - given : Math.max(1, Math.round((posyanduTotal * k.desa) / desaTotal))
    given += posyandu
    const dataFile = join(ensurePrivateDir(join(opts.workDir, k.code)), 'simpul.sqlite')
    // The kabupaten works on its own calendar: its data and its last bundle are `lag` days old.
    const lagDays = DEMO_BUNDLE_LAG_DAYS[i % DEMO_BUNDLE_LAG_DAYS.length]
    const kab = openContext({ dataFile, host: 'cli', clock: { now: () => new Date(ctx.clock.now().getTime() - lagDays * 86_400_000) } })
    try {
      if (readOffice(kab.sqlite)) throw new AppError('DEMO_NOT_EMPTY', msg('demo.folderNotEmpty', { dir: join(opts.workDir, k.code) }))
      setupOffice(kab, { wilayahCode: k.code, level: 'kabupaten', name: `Bappeda ${k.name}`, operatorName: 'Operator Demo' })
      reportProgress({ phase: 'demo-provinsi', table: k.name, done: i, total: kabupaten.length })
      const made = generateDemo(kab, { scale: 'kabupaten', seed: opts.seed * 100 + i, targets: { posyandu, kader: Math.round(posyandu * kaderPerPosyandu) }, years: opts.years ?? 2 })
      // Enrolment as people do it: cards swapped, the fingerprint read back.
      const provCard = JSON.stringify(makeCard(ctx))
      const kabCard = JSON.stringify(makeCard(kab))
      enrolOffice(kab, provCard, readCard(provCard).fingerprint)
      enrolOffice(ctx, kabCard, readCard(kabCard).fingerprint)
      const bundle = exportBundle(kab, office.wilayahCode, { outDir: join(opts.workDir, 'bundles') })
      const report = await importBundle(ctx, bundle.file)
      summary.kabupaten.push({
        code: k.code,
        name: k.name,
        dataFile,
        lagDays,
        posyandu: made.counts.posyandu ?? 0,
        kader: made.counts.kader ?? 0,
        monthlyReports: made.counts.monthly_report ?? 0,
        bundle: { file: bundle.file, rows: bundle.rows, sizeBytes: bundle.sizeBytes },
        imported: report.totals.new + report.totals.changed,
      })
    } finally {
      kab.close()
    }
  }
  for (const k of summary.kabupaten) {
    summary.counts.posyandu = (summary.counts.posyandu ?? 0) + k.posyandu
    summary.counts.kader = (summary.counts.kader ?? 0) + k.kader
    summary.counts.monthly_report = (summary.counts.monthly_report ?? 0) + k.monthlyReports
    summary.counts.bundle_rows = (summary.counts.bundle_rows ?? 0) + k.bundle.rows
  }
  summary.ms = Date.now() - started
  return summary
}
