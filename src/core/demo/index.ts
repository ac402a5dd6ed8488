import type { Office } from '../../shared/contract/app'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { reportProgress, throwIfCancelled } from '../jobs'
import { readOffice, setupOffice } from '../office/service'
import { formatHlc, observeHlc } from '../sync/hlc'
import { makeRng, seededUuidV7, type Rng } from './prng'
import { generateMonthlyReports } from '../evaluation/demo'
import { registryStep } from './registry'
import { msg } from '../../shared/messages'

export type DemoScale = 'kecamatan' | 'kabupaten' | 'national'

export interface DemoOptions {
  scale: DemoScale
  seed: number
  /** Other totals than the scale's (a kabupaten of a demo province gets its share). */
  targets?: { posyandu: number; kader: number }
  /** Years of monthly reports (default: ten at kabupaten scale, three for a kecamatan). */
  years?: number
}

/** Targets from DOMAIN.md: Kabupaten Batang (15 kecamatan, 1,236 posyandu); Indonesia. */
export const DEMO_TARGETS: Record<DemoScale, { posyandu: number; kader: number }> = {
  kecamatan: { posyandu: 82, kader: 600 },
  kabupaten: { posyandu: 1_236, kader: 9_000 },
  national: { posyandu: 300_000, kader: 1_500_000 },
}

export interface Place {
  code: string
  name: string
}

/** What each step gets: the seeded generator, the area, and helpers for travelling columns. */
export interface DemoRun {
  ctx: Ctx
  rng: Rng
  scale: DemoScale
  seed: number
  office: Office
  targets: { posyandu: number; kader: number }
  years?: number
  kecamatan: Place[]
  desaOf: (kecamatanCode: string) => Place[]
  /** Deterministic id for the next row. */
  id(): string
  /** rev/hlc/origin/deleted_at for a new row; hlc values increase and lie in the past. */
  travel(scope: string): { scope: string; rev: number; hlc: string; origin: string; deleted_at: null }
  now: string
  /** Runs `fn` over items in big transactions (raw prepared statements inside). */
  batched<T>(items: Iterable<T>, fn: (item: T) => void, size?: number): void
}

export interface DemoStep {
  name: string
  run(d: DemoRun): Record<string, number>
}

export interface DemoSummary {
  office: Office
  scale: DemoScale
  seed: number
  counts: Record<string, number>
  ms: number
}

/** Monthly reports: ten years at kabupaten scale, three for one kecamatan; none nationally (too large to be useful). */
export const monthlyStep: DemoStep = {
  name: 'monthly',
  run: (d): Record<string, number> => (d.scale === 'national' ? {} : { monthly_report: generateMonthlyReports(d.ctx, { seed: d.seed, years: d.years ?? (d.scale === 'kabupaten' ? 10 : 3) }).reports }),
}

export const DEFAULT_DEMO_STEPS: DemoStep[] = [registryStep, monthlyStep]

function areaFor(ctx: Ctx, office: Office, scale: DemoScale): Place[] {
  const q = (sql: string, ...p: unknown[]) => ctx.sqlite.prepare(sql).all(...p) as Place[]
  if (scale === 'national') return q(`SELECT code, name FROM wilayah WHERE level = 'kecamatan' ORDER BY code`)
  if (scale === 'kabupaten') {
    if (office.level !== 'kabupaten') throw new AppError('DEMO_SCALE', msg('demo.kabupatenScale'))
    return q(`SELECT code, name FROM wilayah WHERE parent_code = ? ORDER BY code`, office.wilayahCode)
  }
  return office.level === 'kecamatan'
    ? q(`SELECT code, name FROM wilayah WHERE code = ?`, office.wilayahCode)
    : q(`SELECT code, name FROM wilayah WHERE parent_code = ? ORDER BY code LIMIT 1`, office.wilayahCode)
}

/**
 * Generates realistic demo data for this office (creating a kabupaten office, Batang 33.25,
 * when there is none). Other areas add their steps after the registry step.
 */
export function generateDemo(ctx: Ctx, opts: DemoOptions, steps: DemoStep[] = DEFAULT_DEMO_STEPS): DemoSummary {
  const started = Date.now()
  const office = readOffice(ctx.sqlite) ?? setupOffice(ctx, { wilayahCode: '33.25', level: 'kabupaten', name: 'Bappeda Kabupaten Batang', operatorName: 'Operator Demo' })
  const existing = (ctx.sqlite.prepare('SELECT count(*) AS n FROM posyandu').get() as { n: number }).n
  if (existing > 0) throw new AppError('DEMO_NOT_EMPTY', msg('demo.notEmpty', { n: existing }))
  const rng = makeRng(opts.seed)
  const kecamatan = areaFor(ctx, office, opts.scale)
  const desaStmt = ctx.sqlite.prepare(`SELECT code, name FROM wilayah WHERE parent_code = ? AND level = 'desa' ORDER BY code`)
  const idBase = Date.UTC(2025, 0, 1)
  let idCount = 0
  const hlcBase = ctx.clock.now().getTime() - 30 * 86_400_000
  let hlcCount = 0
  let rows = 0
  const run: DemoRun = {
    ctx,
    rng,
    scale: opts.scale,
    seed: opts.seed,
    office,
    targets: opts.targets ?? DEMO_TARGETS[opts.scale],
    years: opts.years,
    kecamatan,
    desaOf: (code) => desaStmt.all(code) as Place[],
    id: () => seededUuidV7(rng, idBase + Math.floor(idCount++ / 16)),
    travel: (scope) => ({ scope, rev: 1, hlc: formatHlc(hlcBase + Math.floor(hlcCount / 1000), hlcCount++ % 1000), origin: ctx.deviceId, deleted_at: null }),
    now: ctx.clock.now().toISOString(),
    batched(items, fn, size = 20_000) {
      let batch: unknown[] = []
      const run = ctx.sqlite.transaction((list: unknown[]) => {
        for (const it of list) fn(it as never)
      })
      // Between batches: tell the window how far it is, and stop if the person cancelled.
      const flush = (list: unknown[]) => {
        throwIfCancelled()
        run(list)
        rows += list.length
        reportProgress({ phase: 'demo', rows })
      }
      for (const it of items) {
        batch.push(it)
        if (batch.length >= size) (flush(batch), (batch = []))
      }
      if (batch.length) flush(batch)
    },
  }
  const counts: Record<string, number> = {}
  for (const step of steps) {
    throwIfCancelled()
    Object.assign(counts, step.run(run))
  }
  observeHlc(ctx.sqlite, formatHlc(hlcBase + Math.floor(hlcCount / 1000), hlcCount % 1000))
  return { office, scale: opts.scale, seed: opts.seed, counts, ms: Date.now() - started }
}
