// CPU per row of a warehouse load (loader and PostgreSQL server) on a small national sample,
// for a before/after on a shared machine without the full national run (issue #15 item 5):
//   node --import tsx bench/warehouse-cpu.ts [posyandu=20000] [rounds=3] [loaders=1]
//   WHCPU_PROF=/tmp/prof … : a CPU profile of the loader process too
//   WHCPU_EXPLAIN=1 (or =plans): after the rounds, one kabupaten/kota's summary queries under EXPLAIN ANALYZE
//     (TIMING OFF: per-node timing costs more than the queries on this machine), with sorting on and off
// Generates the bundles once, then each round loads all of them into a fresh warehouse
// (bench/warehouse-loader.ts, as the national benchmark does) and raw-COPYs the same rows.
import { spawn } from 'node:child_process'
import { createReadStream, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { appRoot } from '../src/core/paths'
import { columnsOf } from '../src/core/policy'
import { warehouseInit } from '../src/warehouse'
import { SUMMARY_SQL } from '../src/warehouse/schema'
import { tempDir } from '../tests/helpers/db'
import { startPostgres } from '../tests/helpers/postgres'
import { treeCpu, treeCpuByPid } from './cpu'
import { generateNational, TABLES } from './national'

const posyandu = Number(process.argv[2] ?? 20000)
const rounds = Number(process.argv[3] ?? 3)
const loaders = Number(process.argv[4] ?? 1)
/** The server's CPU seconds by kind of process (backend, autovacuum worker, walwriter …), sampled from /proc. */
function serverKinds(postmaster: number) {
  const seen = new Map<number, { kind: string; t: number; t0: number }>()
  const sample = () => {
    for (const [pid, t] of treeCpuByPid(postmaster)) {
      const s = seen.get(pid)
      if (s) s.t = Math.max(s.t, t)
      else {
        let kind = '?'
        try {
          kind = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').replace(/^postgres: /, '').split(' ')[0] || 'postmaster'
        } catch {}
        seen.set(pid, { kind, t, t0: first ? t : 0 })
      }
    }
  }
  let first = true
  sample()
  first = false
  const timer = setInterval(sample, 100)
  return {
    stop() {
      clearInterval(timer)
      sample()
      const out: Record<string, number> = {}
      for (const s of seen.values()) out[s.kind] = (out[s.kind] ?? 0) + s.t - s.t0
      return out
    },
  }
}

const pgType = (t: string) => (t.startsWith('INT') ? 'bigint' : t === 'REAL' ? 'double precision' : 'text')

/** One run of bench/warehouse-loader.ts (as the national benchmark runs it): its CPU seconds (with its workers) and its report. */
async function runLoader(jobs: { db: string; folder: string }[]) {
  const jobsFile = join(tempDir('simpul-whcpu-'), 'jobs.json')
  writeFileSync(jobsFile, JSON.stringify(jobs))
  // WHCPU_PROF=<dir>: a CPU profile of the loader process (one loader: the load runs in it).
  // WHCPU_FLAGS: more node flags for the loader (--trace-gc: its lines go to this stderr).
  const flags = [...(process.env.WHCPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WHCPU_PROF}`] : []), ...(process.env.WHCPU_FLAGS?.split(' ').filter(Boolean) ?? [])]
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', join(appRoot(), 'bench', 'warehouse-loader.ts'), jobsFile, String(loaders)], { stdio: ['ignore', 'pipe', 'inherit'] })
  const cpu = treeCpu(child.pid!)
  let stdout = ''
  child.stdout.on('data', (d) => (stdout += d))
  const status = await new Promise<number | null>((res) => child.on('exit', res))
  const seconds = cpu.stop()
  if (status !== 0) throw new Error(`loader failed (${status})`)
  for (const line of stdout.split('\n')) if (line && !line.startsWith('{')) process.stderr.write(`${line}\n`)
  const load = JSON.parse(stdout.split('\n').filter((l) => l.startsWith('{')).at(-1)!) as { rows: number; seconds: number; phases: Record<string, number>; refused: string[] }
  if (load.refused.length) throw new Error(load.refused[0])
  return { cpu: seconds, load }
}

const server = await startPostgres()
try {
  const data = await generateNational({ posyandu, provinces: ['11', '21', '32', '64'], seed: 15 })
  process.stderr.write(`${data.totalRows} rows in ${data.kabupaten} bundles\n`)
  const postmaster = Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  // The loader's own start (modules, offices, connections), measured on empty folders: taken off
  // its CPU below, as a national load of 4.5 M rows spreads it thin.
  const startUrl = await server.createDatabase('gudang_start')
  for (const p of data.provinces) await warehouseInit(p.ctx, startUrl)
  const startCpu = (await runLoader(data.provinces.map((p) => ({ db: p.ctx.dataFile, folder: tempDir('simpul-whcpu-empty-') })))).cpu
  process.stderr.write(`loader start: ${startCpu.toFixed(2)} s CPU\n`)
  for (let r = 0; r < rounds; r++) {
    const url = await server.createDatabase(`gudang_${r}`)
    for (const p of data.provinces) await warehouseInit(p.ctx, url)
    // WHCPU_STATS=1: each statement's CPU in the server log (log_statement_stats), to see where the server's time goes.
    if (process.env.WHCPU_STATS) {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`ALTER DATABASE "gudang_${r}" SET log_statement_stats = on`)
      await c.query(`ALTER DATABASE "gudang_${r}" SET log_min_messages = log`)
      await c.end()
      process.stderr.write(`server log: ${join(server.dir, 'log')}\n`)
    }
    const serverCpu = treeCpu(postmaster)
    const byKind = serverKinds(postmaster)
    const { cpu: loaderCpu, load } = await runLoader(data.provinces.map((p) => ({ db: p.ctx.dataFile, folder: p.folder })))
    const cpu = { loader: loaderCpu - startCpu, server: serverCpu.stop() }
    const kinds = byKind.stop()

    const rawUrl = await server.createDatabase(`mentah_${r}`)
    const raw = new pg.Client({ connectionString: rawUrl })
    await raw.connect()
    const sqlite = data.provinces[0].ctx.sqlite
    for (const t of TABLES) {
      const cols = columnsOf(sqlite, t)
      await raw.query(`CREATE TABLE "${t}" (${data.columns[t].map((c) => `"${c}" ${pgType(cols.find((x) => x.name === c)!.type)}${c === 'id' ? ' PRIMARY KEY' : ''}`).join(', ')})`)
    }
    const rawServer = treeCpu(postmaster)
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    for (const t of TABLES) await pipeline(createReadStream(data.csv[t], { highWaterMark: 1024 * 1024 }), raw.query(copyFrom(`COPY "${t}" (${data.columns[t].map((c) => `"${c}"`).join(', ')}) FROM STDIN (FORMAT csv)`)))
    const rawSeconds = (performance.now() - t0) / 1000
    const rc = process.cpuUsage(c0)
    const rawCpu = { client: (rc.user + rc.system) / 1e6, server: rawServer.stop() }
    await raw.end()
    const per = (s: number, n: number) => ((1e6 * s) / n).toFixed(2)
    console.log(
      `round ${r}: ${load.rows} rows ${load.seconds.toFixed(1)} s = ${Math.round(load.rows / load.seconds)} rows/s (raw ${Math.round(data.totalRows / rawSeconds)} rows/s, ${Math.round((100 * load.rows) / load.seconds / (data.totalRows / rawSeconds))} %); ` +
        `CPU/row loader ${per(cpu.loader, load.rows)} µs (its start taken off) + server ${per(cpu.server, load.rows)} µs; raw client ${per(rawCpu.client, data.totalRows)} + server ${per(rawCpu.server, data.totalRows)} µs; ` +
        `server by process ${Object.entries(kinds).map(([k, v]) => `${k} ${per(v, load.rows)}`).join(', ')}; ` +
        `phases ${Object.entries(load.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ')}`,
    )
  }
  // WHCPU_EXPLAIN=1: the plans of one kabupaten/kota's summary queries as a load runs them (last round's warehouse).
  if (process.env.WHCPU_EXPLAIN) {
    const c = new pg.Client({ connectionString: server.url.replace("/postgres?", `/gudang_${rounds - 1}?`) })
    await c.connect()
    const kab = (await c.query<{ kab: string }>(`SELECT substr(scope, 1, 5) AS kab FROM posyandu LIMIT 1`)).rows[0].kab
    await c.query('BEGIN')
    await c.query(`SELECT set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('jit', 'off', true)`)
    for (const sort of ['on', 'off']) {
      await c.query(`SELECT set_config('enable_sort', $1, true)`, [sort])
      for (const [k, sql] of Object.entries(SUMMARY_SQL)) {
        let plan: string[] = []
        let best = Infinity
        for (let i = 0; i < 5; i++) {
          plan = (await c.query(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT * FROM (${sql}) s WHERE s.kab = $1`, [kab])).rows.map((r) => r['QUERY PLAN'])
          best = Math.min(best, Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1)!)![1]))
        }
        console.log(`-- ${k} (${kab}, enable_sort ${sort}): best of 5 ${best} ms\n${process.env.WHCPU_EXPLAIN === 'plans' ? plan.join('\n') : plan[0]}`)
      }
    }
    await c.query('ROLLBACK')
    await c.end()
  }
  for (const p of data.provinces) p.ctx.close()
} finally {
  server.stop()
}
