// The evaluation report printed to PDF alone (the evaluation benchmark's data, kept in a file
// between runs; make it with bench/strata-profile.ts), CPU by process kind per phase:
//   node --import tsx bench/pdf-profile.ts [prints=3] [db=/tmp/simpul-strata-profile.sqlite] [--css 'extra css'] [--trace file] [--shots dir]
// (--shots: screenshots of the report on screen, at its top and scrolled into the annex, after the first print)
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { openContext } from '../src/core/context'
import { appRoot } from '../src/core/paths'
import { WorkerClient } from '../src/core/worker/client'
import { startHost } from '../src/host/server'
import { treeCpuByPid } from './cpu'
import { adminPage } from './benchmarks/evaluation'

const args = process.argv.slice(2)
const opt = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args.splice(i, 2)[1] : undefined
}
const css = opt('--css')
const trace = opt('--trace')
const shots = opt('--shots')
const prints = Number(args[0] ?? 3)
const file = args[1] ?? '/tmp/simpul-strata-profile.sqlite'
const ctx = openContext({ dataFile: file, host: 'cli' })
const client = await WorkerClient.start({ dataFile: file, host: 'headless' })
const host = await startHost({ client, rendererDir: join(appRoot(), 'out', 'renderer') })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] })
/** CPU ms by kind: this process (with the database worker), Chromium's renderer, the rest of Chromium. */
const kinds = () => {
  const out = { node: 0, renderer: 0, chromium: 0 }
  for (const [pid, s] of treeCpuByPid(process.pid)) {
    if (pid === process.pid) out.node += s * 1000
    else {
      let cmd = ''
      try {
        cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1')
      } catch {}
      if (cmd.includes('--type=renderer')) out.renderer += s * 1000
      else out.chromium += s * 1000
    }
  }
  return out
}
/** CPU ms of this process's threads by name. */
const threads = () => {
  const out = new Map<string, number>()
  for (const t of readdirSync(`/proc/${process.pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${process.pid}/task/${t}/stat`, 'utf8')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      out.set(`${name}#${t}`, ((Number(f[11]) + Number(f[12])) / 100) * 1000)
    } catch {}
  }
  return out
}
const threadDiff = (a: Map<string, number>, b: Map<string, number>) =>
  [...b].map(([k, v]) => [k, v - (a.get(k) ?? 0)] as const).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')
const diff = (a: ReturnType<typeof kinds>, b: ReturnType<typeof kinds>) => `node ${(b.node - a.node).toFixed(0)} renderer ${(b.renderer - a.renderer).toFixed(0)} chromium ${(b.chromium - a.chromium).toFixed(0)} ms CPU`
try {
  const page = await adminPage(browser, host.url)
  if (css) await page.addStyleTag({ content: css })
  for (let i = 0; i < prints; i++) {
    ctx.sqlite.prepare(`UPDATE monthly_report SET rev = rev + 1 WHERE id = (SELECT min(id) FROM monthly_report)`).run()
    await page.evaluate(() => (window.location.hash = '#/evaluasi/entri'))
    await page.getByRole('tab', { name: 'Laporan bulanan' }).waitFor()
    await page.emulateMedia({ media: 'screen' })
    const t0 = performance.now()
    const c0 = kinds()
    const th0 = threads()
    await page.evaluate(() => (window.location.hash = '#/evaluasi/laporan/tahun/2025/strata-2011'))
    await page.locator(`[data-testid="annex-table"] tbody tr`).nth(1235).waitFor()
    const t1 = performance.now()
    const c1 = kinds()
    if (process.env.THREADS) console.log(threadDiff(th0, threads()))
    await page.emulateMedia({ media: 'print' })
    if (trace && i === prints - 1) await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'skia', 'benchmark', 'toplevel'] })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    if (trace && i === prints - 1) await browser.stopTracing()
    const t2 = performance.now()
    const c2 = kinds()
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    console.log(`print ${i}: load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}; on screen ${(t1 - t0).toFixed(0)} ms (${diff(c0, c1)}); pdf ${(t2 - t1).toFixed(0)} ms (${diff(c1, c2)}); ${pages} pages, ${pdf.length} bytes`)
    if (shots && i === 0) {
      await page.emulateMedia({ media: 'screen' })
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.screenshot({ path: join(shots, 'report-top.png') })
      await page.getByText('LAMPIRAN: Strata per posyandu').scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(shots, 'report-annex.png') })
      await page.locator('[data-testid="annex-table"] tbody tr').nth(700).scrollIntoViewIfNeeded()
      await page.screenshot({ path: join(shots, 'report-annex-middle.png') })
    }
    if (process.env.SIMPUL_BENCH_PDF) (await import('node:fs')).writeFileSync(process.env.SIMPUL_BENCH_PDF, pdf)
  }
} finally {
  await browser.close()
  await host.close()
  await client.close()
  ctx.close()
}
