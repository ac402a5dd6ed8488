import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { openContext, type Ctx } from '../../src/core/context'
import { generateMonthlyReports } from '../../src/core/evaluation/demo'
import { indicatorSet } from '../../src/core/evaluation/sets'
import { cachedStrata, computeStrata } from '../../src/core/evaluation/strata'
import { setupOffice } from '../../src/core/office/service'
import { appRoot } from '../../src/core/paths'
import { newId } from '../../src/core/sync/ids'
import { WorkerClient } from '../../src/core/worker/client'
import { startHost } from '../../src/host/server'
import { treeCpuMsNow } from '../cpu'
import { addUser, TEST_PASSWORD, tempDir } from '../../tests/helpers/db'
import { median, ms, type Benchmark, type BenchResult } from '../types'

const POSYANDU = 1236
const YEAR = 2025

/** Kabupaten-scale registry, quickly: 1,236 posyandu spread over the desa of Serdang Bedagai (raw prepared inserts). */
export function seedPosyandu(ctx: Ctx): void {
  const desa = (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE code LIKE '12.18.%' AND level = 'desa' ORDER BY code`).all() as { code: string }[]).map((d) => d.code)
  const insert = ctx.sqlite.prepare(
    `INSERT INTO posyandu (id, scope, rev, hlc, origin, name, desa_code, is_phi_model, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const now = new Date().toISOString()
  ctx.sqlite.transaction(() => {
    for (let i = 0; i < POSYANDU; i++) {
      const code = desa[i % desa.length]
      insert.run(newId(), code.slice(0, 8), `${String(Date.now()).padStart(15, '0')}-${String(i).padStart(6, '0')}`, ctx.deviceId, `Posyandu ${i + 1}`, code, i % 120 === 0 ? 1 : 0, now, now)
    }
  })()
}

/** The same rows summed by plain SQL: the floor any strata computation stands on. */
export function sqlAggregate(ctx: Ctx): number {
  const rows = ctx.sqlite
    .prepare(
      `SELECT posyandu_id, count(*) AS months, sum(held) AS open_days, avg(CASE WHEN held = 1 THEN kader_on_duty END) AS kader,
              avg(CASE WHEN held = 1 AND s > 0 THEN d * 1.0 / s END) AS ds, sum(k4) AS k4, max(bumil_target) AS bumil_target,
              sum(imunisasi) AS idl, max(bayi_target) AS bayi, max(kb) AS kb, max(pus) AS pus, max(dana_sehat) AS dana, max(kk) AS kk,
              count(programmes) AS programmes
       FROM monthly_report WHERE deleted_at IS NULL AND month BETWEEN ? AND ? GROUP BY posyandu_id`,
    )
    .all(`${YEAR}-01`, `${YEAR}-12`)
  return rows.length
}

/** CPU milliseconds this process (all its threads: the database worker too) has used so far. */
const ownCpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/** A window on the host with the office's administrator logged in, as a person does it. */
export async function adminPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
  await page.goto(url)
  await page.getByLabel('Nama pengguna').fill('admin')
  await page.getByLabel('Kata sandi').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Masuk', exact: true }).click()
  await page.getByTestId('current-user').waitFor()
  await page.getByTestId('office-name').waitFor()
  return page
}

async function reportPdf(ctx: Ctx): Promise<{ times: number[]; cpu: number[]; pages: number; rendered: number; renderedCpu: number; warm: number } | { error: string }> {
  const rendererDir = join(appRoot(), 'out', 'renderer')
  const executablePath = process.env.SIMPUL_CHROMIUM ?? '/usr/bin/chromium'
  if (!existsSync(join(rendererDir, 'index.html'))) return { error: 'renderer belum dibangun (npx electron-vite build)' }
  if (!existsSync(executablePath)) return { error: `Chromium tidak ada di ${executablePath}` }
  // As the window runs it: the host passes calls to the database worker (the report is a long job there).
  const client = await WorkerClient.start({ dataFile: ctx.dataFile, host: 'headless' })
  const host = await startHost({ client, rendererDir })
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
  try {
    const page = await adminPage(browser, host.url)
    const times: number[] = []
    const cpu: number[] = []
    const rendered: number[] = []
    const renderedCpu: number[] = []
    let pages = 0
    let warm = 0
    // Three prints after a write (the report is computed afresh: the cache keeps results only
    // until the database changes), then one with nothing written in between (served from it).
    for (let i = 0; i < 4; i++) {
      const cold = i < 3
      // A write that changes a byte: `SET rev = rev` leaves every page as it was, so SQLite commits
      // nothing, the data version stays and the kept report was printed (until 1 Dec evening).
      // rev is in neither the strata nor the report's data hash: the same report, computed afresh.
      if (cold) ctx.sqlite.prepare(`UPDATE monthly_report SET rev = rev + 1 WHERE id = (SELECT min(id) FROM monthly_report)`).run()
      await page.evaluate(() => (window.location.hash = '#/evaluasi/entri'))
      await page.getByRole('tab', { name: 'Laporan bulanan' }).waitFor()
      await page.emulateMedia({ media: 'screen' })
      const t = process.hrtime.bigint()
      const c0 = treeCpuMsNow(process.pid)
      await page.evaluate((y) => (window.location.hash = `#/evaluasi/laporan/tahun/${y}/strata-2011`), YEAR)
      await page.locator(`[data-testid="annex-table"] tbody tr`).nth(POSYANDU - 1).waitFor()
      if (cold) {
        rendered.push(ms(t))
        renderedCpu.push(treeCpuMsNow(process.pid) - c0)
      }
      await page.emulateMedia({ media: 'print' })
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
      if (!cold) {
        warm = ms(t)
        break
      }
      times.push(ms(t))
      cpu.push(treeCpuMsNow(process.pid) - c0)
      // SIMPUL_BENCH_PDF=file keeps the printed report to look at (pdftoppm).
      if (process.env.SIMPUL_BENCH_PDF) writeFileSync(process.env.SIMPUL_BENCH_PDF, pdf)
      pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    }
    return { times, cpu, pages, rendered: median(rendered), renderedCpu: median(renderedCpu), warm }
  } finally {
    await browser.close()
    await host.close()
    await client.close()
  }
}

/** Strata for 1,236 posyandu × 12 months and the evaluation report PDF, beside a plain SQL aggregate of the same rows. */
export const evaluation: Benchmark = {
  name: 'evaluation',
  async run() {
    const dir = tempDir('simpul-bench-eval-')
    const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli' })
    try {
      setupOffice(ctx, { wilayahCode: '12.18', level: 'kabupaten', name: 'Bappeda Serdang Bedagai', operatorName: 'Bench' })
      addUser(ctx, 'admin', 'admin', 'Penguji')
      seedPosyandu(ctx)
      let t = process.hrtime.bigint()
      const made = generateMonthlyReports(ctx, { seed: 1, years: 2, endYear: YEAR })
      const demoMs = ms(t)
      const set = indicatorSet(ctx.sqlite, '12.18', 'strata-2011')
      const area = { code: '12.18', name: 'Serdang Bedagai' }
      const strata: number[] = []
      const baseline: number[] = []
      const strataCpu: number[] = []
      const baselineCpu: number[] = []
      let aktif = 0
      for (let i = 0; i < 7; i++) {
        t = process.hrtime.bigint()
        let c = ownCpu()
        aktif = computeStrata(ctx.sqlite, area, YEAR, set, { previousYear: false }).total.aktif
        strata.push(ms(t))
        strataCpu.push(ownCpu() - c)
        t = process.hrtime.bigint()
        c = ownCpu()
        sqlAggregate(ctx)
        baseline.push(ms(t))
        baselineCpu.push(ownCpu() - c)
      }
      const base = median(baseline)
      // The strata screen on a revisit: kept until the database changes (src/core/evaluation/cache.ts).
      cachedStrata(ctx.sqlite, area, YEAR, set, { previousYear: false })
      const revisit: number[] = []
      for (let i = 0; i < 7; i++) {
        t = process.hrtime.bigint()
        cachedStrata(ctx.sqlite, area, YEAR, set, { previousYear: false })
        revisit.push(ms(t))
      }
      const results: BenchResult[] = [
        {
          name: `strata ${POSYANDU} posyandu × 12 bulan, median of 7`,
          figure: median(strata),
          unit: 'ms',
          baseline: base,
          baselineLabel: 'plain SQL aggregate of the same rows',
          // Judged by CPU time: on the shared 2-core machine the wall-clock ratio of the same code
          // swings from 1.7× to 5× with the load (1 Dec), the CPU ratio stays within 3.1–4.7×.
          goal: '≤ 2× the plain SQL aggregate (CPU time)',
          pass: median(strataCpu) <= 2 * median(baselineCpu),
          notes: `${(median(strata) / base).toFixed(1)}× the aggregate; CPU ${median(strataCpu).toFixed(0)} ms vs ${median(baselineCpu).toFixed(0)} ms (${(median(strataCpu) / median(baselineCpu)).toFixed(1)}×); ${aktif} posyandu aktif`,
        },
        {
          name: `strata on a revisit, nothing written since (kept result), median of 7`,
          figure: median(revisit),
          unit: 'ms',
          baseline: base,
          baselineLabel: 'plain SQL aggregate of the same rows',
          goal: 'instant (< 5 ms)',
          pass: median(revisit) < 5,
        },
        { name: `demo monthly reports (${made.reports} rows, 2 years)`, figure: demoMs, unit: 'ms', baseline: null, baselineLabel: '', goal: 'setup', pass: true },
      ]
      const pdf = await reportPdf(ctx)
      if ('error' in pdf) {
        results.push({ name: `evaluation report PDF, ${POSYANDU} posyandu`, figure: NaN, unit: 'ms', baseline: base, baselineLabel: 'plain SQL aggregate of the same rows', goal: '< 3000 ms', pass: false, notes: pdf.error })
      } else {
        const fig = median(pdf.times)
        results.push({ name: `evaluation report render + PDF, ${POSYANDU} posyandu (${pdf.pages} pages), median of 3`, figure: fig, unit: 'ms', baseline: base, baselineLabel: 'plain SQL aggregate of the same rows', goal: '< 3000 ms', pass: fig < 3000, notes: `each print after a write (computed afresh); on screen after ${Math.round(pdf.rendered)} ms (CPU ${Math.round(pdf.renderedCpu)} ms), the rest is Chromium's page.pdf; CPU ${Math.round(median(pdf.cpu))} ms (this process with its worker + Chromium's processes); printed again with nothing written in between (kept report): ${Math.round(pdf.warm)} ms` })
      }
      return results
    } finally {
      ctx.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
