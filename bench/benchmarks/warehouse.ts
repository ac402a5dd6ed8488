import { spawn } from 'node:child_process'
import { createReadStream, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { appRoot } from '../../src/core/paths'
import { inProcessClient } from '../../src/core/worker/client'
import { KADER_SUMMARY_SQL, SET_SUMMARY_SQL, STRATA_SUMMARY_SQL } from '../../src/core/province/summary'
import { columnsOf } from '../../src/core/policy'
import { warehouseInit } from '../../src/warehouse'
import { warehouseClient } from '../../src/warehouse/serve'
import type { ProvinceSummary } from '../../src/shared/contract/province'
import { callerOf, tempDir } from '../../tests/helpers/db'
import { startPostgres } from '../../tests/helpers/postgres'
import { generateNational, TABLES, type NationalOptions } from '../national'
import { treeCpu } from '../cpu'
import { ms, percentile, type Benchmark, type BenchResult } from '../types'

export const RAW_COPY_LABEL = 'raw COPY of the same rows (CSV, tables with a primary key only), same server, same run'

export interface WarehouseRun {
  results: BenchResult[]
  /** The province summaries as the warehouse host answered them (the sample test checks them). */
  summaries: ProvinceSummary[]
  expected: Awaited<ReturnType<typeof generateNational>>['expected']
  loaded: { rows: number; bundles: number; refused: string[] }
}

const pgType = (t: string) => (t.startsWith('INT') ? 'bigint' : t === 'REAL' ? 'double precision' : 'text')

/**
 * Issue #15 item 5: bundles for every kabupaten/kota → the warehouse (the loader in its own
 * process: the same checks as an office import, streamed COPY, merge, summaries per load),
 * beside a raw COPY of the same rows on the same server; the loader's peak RSS; and the
 * province dashboard (province.summary through the warehouse host's client) p95, beside the
 * same figures computed by the summary SQL straight from the loaded tables.
 */
export async function warehouseBench(opts: NationalOptions & { label: string; calls?: number; /** Loader processes (`warehouse load --jobs`); default: one per core. */ jobs?: number }, note: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<WarehouseRun> {
  const server = await startPostgres()
  try {
    const url = await server.createDatabase('gudang_nasional')
    note(`  membuat bundel (${opts.posyandu} posyandu)…`)
    const data = await generateNational(opts, note)
    note(`  ${data.totalRows} baris dalam ${data.kabupaten} bundel (${(data.bundleBytes / 1e6).toFixed(0)} MB), ${data.generateSeconds.toFixed(0)} s`)
    for (const p of data.provinces) await warehouseInit(p.ctx, url)
    const postmaster = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])

    // The raw COPY of the same rows into tables with the same columns and a primary key only,
    // each time into a fresh database: once before the load and once after it, because the
    // machine is shared and its load changes over the minutes the load takes — one COPY of
    // 20 s beside a load of a minute compares two different machines. Both are printed; the
    // goal is judged against their mean.
    const rawCopy = async (name: string) => {
      const raw = new pg.Client({ connectionString: await server.createDatabase(name) })
      await raw.connect()
      const sqlite = data.provinces[0].ctx.sqlite
      for (const t of TABLES) {
        const cols = columnsOf(sqlite, t).filter((c) => data.columns[t].includes(c.name))
        await raw.query(`CREATE TABLE "${t}" (${data.columns[t].map((c) => `"${c}" ${pgType(cols.find((x) => x.name === c)!.type)}${c === 'id' ? ' PRIMARY KEY' : ''}`).join(', ')})`)
      }
      const rawServerCpu = treeCpu(postmaster)
      const rawCpu0 = process.cpuUsage()
      const r0 = process.hrtime.bigint()
      for (const t of TABLES) {
        await pipeline(createReadStream(data.csv[t], { highWaterMark: 1024 * 1024 }), raw.query(copyFrom(`COPY "${t}" (${data.columns[t].map((c) => `"${c}"`).join(', ')}) FROM STDIN (FORMAT csv)`)))
      }
      const seconds = ms(r0) / 1000
      const use = process.cpuUsage(rawCpu0)
      const cpu = { client: (use.user + use.system) / 1e6, server: rawServerCpu.stop() }
      await raw.end()
      return { seconds, rate: data.totalRows / seconds, cpu, load: loadavg()[0] }
    }
    note('  COPY mentah baris yang sama (sebelum memuat)…')
    const rawBefore = await rawCopy('copy_mentah_sebelum')

    // The loader, in a process of its own.
    const jobsFile = join(tempDir('simpul-nat-jobs-'), 'jobs.json')
    writeFileSync(jobsFile, JSON.stringify(data.provinces.map((p) => ({ db: p.ctx.dataFile, folder: p.folder }))))
    note('  memuat ke gudang data…')
    // CPU of the loader (with its workers) and of the server (all its backends), sampled from /proc.
    // The machine's load average (1 min, our own processes included) every 5 s of the load.
    const loadSamples = [loadavg()[0]]
    const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 5000)
    const serverCpu = treeCpu(postmaster)
    const child = spawn(process.execPath, ['--import', 'tsx', join(appRoot(), 'bench', 'warehouse-loader.ts'), jobsFile, String(opts.jobs ?? 0)], { stdio: ['ignore', 'pipe', 'pipe'] })
    const loaderCpu = treeCpu(child.pid!)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)))
    const status = await new Promise<number | null>((r) => child.on('exit', r))
    const cpu = { loader: loaderCpu.stop(), server: serverCpu.stop() }
    if (status !== 0) throw new Error(`loader gagal (${status}): ${stderr.slice(-2000)}`)
    const load = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rows: number; bundles: number; seconds: number; startRss: number; peakRss: number; mainPeak: number; workerPeak: number; totalPeak: number; loaders: number; copyBufferPeak: number; phases: Record<string, number>; refused: string[] }
    if (load.refused.length) throw new Error(`bundel ditolak: ${load.refused.slice(0, 3).join('; ')}`)
    const loadRate = load.rows / load.seconds
    note(`  dimuat ${load.rows} baris dalam ${load.seconds.toFixed(0)} s`)

    clearInterval(sampler)
    loadSamples.push(loadavg()[0])
    note('  COPY mentah baris yang sama (sesudah memuat)…')
    const rawAfter = await rawCopy('copy_mentah_sesudah')
    const rawRate = (rawBefore.rate + rawAfter.rate) / 2
    const rawCpu = { client: (rawBefore.cpu.client + rawAfter.cpu.client) / 2, server: (rawBefore.cpu.server + rawAfter.cpu.server) / 2 }

    // The dashboard: province.summary through the warehouse host's client, as a logged-in person.
    const pool = new pg.Pool({ connectionString: url, max: 4 })
    const clients = data.provinces.map((p) => ({ p, client: warehouseClient(inProcessClient(p.ctx), pool), caller: callerOf(p.ctx) }))
    const summaries: ProvinceSummary[] = []
    for (const c of clients) {
      const r = await c.client.call('province.summary', { year: 2026 }, c.caller) // first call: names, connections
      if (!r.ok) throw new Error(r.error.message)
      summaries.push(r.data as ProvinceSummary)
    }
    const calls = opts.calls ?? 400
    const times: number[] = []
    const direct: number[] = []
    const db = await pool.connect()
    for (let i = 0; i < calls; i++) {
      const c = clients[i % clients.length]
      let t = process.hrtime.bigint()
      const r = await c.client.call('province.summary', { year: 2026 }, c.caller)
      times.push(ms(t))
      if (!r.ok) throw new Error(r.error.message)
      // Baseline: the same three queries straight over the loaded tables, for that province.
      t = process.hrtime.bigint()
      for (const sql of [KADER_SUMMARY_SQL, STRATA_SUMMARY_SQL, SET_SUMMARY_SQL]) await db.query(`SELECT * FROM (${sql}) s WHERE left(s.kab, 3) = $1`, [`${c.p.code}.`])
      direct.push(ms(t))
    }
    db.release()
    await pool.end()
    const p95 = percentile(times, 95)
    const directP95 = percentile(direct, 95)
    const L = opts.label
    const results: BenchResult[] = [
      {
        name: `warehouse load, ${L} (${data.kabupaten} bundles, ${load.rows} rows: checks + decrypt + COPY + merge + summaries)`,
        figure: loadRate,
        unit: 'rows/s',
        baseline: rawRate,
        baselineLabel: `${RAW_COPY_LABEL}: the mean of one before the load (${Math.round(rawBefore.rate)} rows/s) and one after it (${Math.round(rawAfter.rate)} rows/s)`,
        goal: '≥ 50% of raw COPY',
        pass: loadRate >= 0.5 * rawRate,
        notes: `${Math.round((100 * loadRate) / rawRate)}% of raw COPY (${Math.round((100 * loadRate) / rawBefore.rate)}% of the one before, ${Math.round((100 * loadRate) / rawAfter.rate)}% of the one after); load average (1 min) ${rawBefore.load.toFixed(1)} at the COPY before, ${Math.min(...loadSamples).toFixed(1)}–${Math.max(...loadSamples).toFixed(1)} during the load, ${rawAfter.load.toFixed(1)} at the COPY after; load ${load.seconds.toFixed(1)} s (${Object.entries(load.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}), raw COPY ${rawBefore.seconds.toFixed(1)} s before and ${rawAfter.seconds.toFixed(1)} s after; CPU per row: loader ${((1e6 * cpu.loader) / load.rows).toFixed(1)} µs + server ${((1e6 * cpu.server) / load.rows).toFixed(1)} µs (${load.loaders} loader processes), raw COPY client ${((1e6 * rawCpu.client) / data.totalRows).toFixed(1)} µs + server ${((1e6 * rawCpu.server) / data.totalRows).toFixed(1)} µs; rows ${JSON.stringify(data.rows)}; bundles ${(data.bundleBytes / 1e6).toFixed(0)} MB made in ${data.generateSeconds.toFixed(0)} s`,
      },
      {
        name: `warehouse loader peak RSS, ${L}`,
        figure: load.peakRss / 1e6,
        unit: 'MB',
        baseline: load.startRss / 1e6,
        baselineLabel: 'the loader process before its first bundle',
        goal: '< 500 MB',
        pass: load.peakRss < 500e6,
        notes: `the largest of the main process (${(load.mainPeak / 1e6).toFixed(0)} MB) and each of its ${load.loaders} loader processes (${(load.workerPeak / 1e6).toFixed(0)} MB at most; all of them together at most ${(load.totalPeak / 1e6).toFixed(0)} MB); largest COPY buffer ${(load.copyBufferPeak / 1e6).toFixed(1)} MB (back-pressure: waits for drain between 4 MB slices)`,
      },
      {
        name: `province dashboard (province.summary from PostgreSQL through the warehouse host's client), ${L} p95`,
        figure: p95,
        unit: 'ms',
        baseline: directP95,
        baselineLabel: 'the same summary SQL straight over the loaded tables, p95',
        goal: '< 200 ms',
        pass: p95 < 200,
        notes: `${calls} calls over ${data.provinces.length} provinces; median ${percentile(times, 50).toFixed(1)} ms`,
      },
    ]
    for (const p of data.provinces) (p.ctx.close(), rmSync(p.folder, { recursive: true, force: true }))
    for (const f of Object.values(data.csv)) rmSync(f, { force: true })
    return { results, summaries, expected: data.expected, loaded: load }
  } finally {
    server.stop()
  }
}

export const warehouseNational: Benchmark = {
  name: 'warehouse national',
  national: true,
  async run() {
    return (await warehouseBench({ posyandu: 300_000, label: 'national' })).results
  },
}
