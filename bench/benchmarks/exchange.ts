import { cpSync, readFileSync, rmSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Ctx } from '../../src/core/context'
import { updateRow, insertRow } from '../../src/core/db/rows'
import { exportBundle } from '../../src/core/exchange/export'
import { checkBundle, importBundle } from '../../src/core/exchange/import'
import { applyBundle, bulkApply } from '../../src/core/exchange/stages/apply'
import { backupBeforeImport } from '../../src/core/exchange/stages/backup'
import { checkRows } from '../../src/core/exchange/stages/check'
import { verifyPayloadHash } from '../../src/core/exchange/stages/payload'
import { openContext } from '../../src/core/context'
import { formatHlc } from '../../src/core/sync/hlc'
import { setSetting } from '../../src/core/settings'
import { encodeNik } from '../../src/shared/nik'
import { WorkerClient } from '../../src/core/worker/client'
import { saveUpload } from '../../src/core/uploads'
import { callerOf, makeCtx, tempDir, TEST_DB_KEY, TEST_PASSWORD } from '../../tests/helpers/db'
import type { Caller } from '../../src/core/handlers'
import { enrolPair } from '../../tests/helpers/exchange'
import { BARE_LABEL, bareInsertRate, collectSetupGarbage, describeWatch, fullSchemaInsertRate, longestBlock, readRows } from '../baselines'
import { ms, type Benchmark, type BenchResult } from '../types'

const FIRST = ['Siti', 'Nur', 'Sri', 'Dewi', 'Rina', 'Ani', 'Fitri', 'Yuni', 'Rahma', 'Lestari', 'Wati', 'Indah']
const LAST = ['Aminah', 'Hasibuan', 'Lubis', 'Nasution', 'Siregar', 'Harahap', 'Sembiring', 'Ginting', 'Purba', 'Sinaga']
const FLOWERS = ['Mawar', 'Melati', 'Kenanga', 'Anggrek', 'Dahlia', 'Teratai', 'Cempaka', 'Flamboyan', 'Seruni', 'Kamboja']

/**
 * Minimal generator until the demo generator lands: posyandu and kader rows in the
 * sender's own scope, written with raw prepared statements (not timed).
 */
export function generate(ctx: Ctx, posyandu: number, kader: number): void {
  const scope = ctx.requireOffice().wilayahCode
  const now = '2026-11-24T09:00:00.000Z'
  let counter = 0
  const base = Date.parse(now)
  const p = ctx.sqlite.prepare(
    `INSERT INTO posyandu(id, scope, rev, hlc, origin, deleted_at, name, desa_code, address, rt, rw, year_founded, is_phi_model, status, created_at, updated_at) VALUES (?, ?, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 'aktif', ?, ?)`,
  )
  const k = ctx.sqlite.prepare(
    `INSERT INTO kader(id, scope, rev, hlc, origin, deleted_at, nik, name, sex, birth_date, phone, education, role, active_from, created_at, updated_at) VALUES (?, ?, 1, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const id = (n: number, kind: number) => `0192${kind}${String(n).padStart(7, '0')}-0000-7000-8000-${String(n).padStart(12, '0')}`
  let ms = base
  ctx.sqlite.transaction(() => {
    for (let i = 0; i < posyandu; i++) {
      if (counter % 1_000_000 === 999_999) ms++
      p.run(id(i, 1), scope, formatHlc(ms, counter++ % 1_000_000), ctx.deviceId, `Posyandu ${FLOWERS[i % 10]} ${i + 1}`, `${scope.length > 5 ? scope : `${scope}.01`}.${2001 + (i % 40)}`, `Dusun ${(i % 9) + 1}`, String((i % 12) + 1).padStart(3, '0'), String((i % 5) + 1).padStart(3, '0'), 1990 + (i % 30), i % 10 === 0 ? 1 : 0, now, now)
    }
    for (let i = 0; i < kader; i++) {
      const day = (i % 28) + 1
      const sex = i % 7 === 0 ? 'L' : 'P'
      const birth = `19${70 + (i % 30)}-0${(i % 9) + 1}-${String(day).padStart(2, '0')}`
      // A valid NIK of this kecamatan (the write path checks NIKs of rows edited later).
      k.run(id(i, 2), scope, formatHlc(ms, counter++ % 1_000_000), ctx.deviceId, encodeNik('12.18.04', birth, sex, (i % 9999) + 1), `${FIRST[i % 12]} ${LAST[i % 10]}`, sex, birth, `0812${String(i).padStart(8, '0')}`, ['SD', 'SMP', 'SMA', 'D3', 'S1'][i % 5], i % 5 === 0 ? 'ketua' : 'anggota', '2020-01-01', now, now)
    }
    setSetting(ctx.sqlite, 'hlc_last', formatHlc(ms, counter % 1_000_000))
  })()
}

function rawJsonBytes(ctx: Ctx): number {
  let n = 0
  for (const t of ['posyandu', 'kader']) for (const r of ctx.sqlite.prepare(`SELECT * FROM ${t}`).iterate()) n += JSON.stringify(r).length + 1
  return n
}

async function fullImport(posyandu: number, kader: number, national: boolean): Promise<BenchResult[]> {
  const kec = makeCtx({ office: '12.18.04' })
  const kab = makeCtx({ office: '12.18' })
  enrolPair(kab, kec)
  generate(kec, posyandu, kader)
  const out = tempDir('simpul-bench-')
  const bundle = exportBundle(kec, '12.18', { outDir: out })
  const rows = bundle.rows
  // The receiving database as it was before the import, for the run through the worker.
  kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  // (the whole folder: the office's private keys live beside the database file)
  const viaWorkerDir = tempDir('simpul-bench-worker-')
  cpSync(kab.dataDir, viaWorkerDir, { recursive: true })
  let peak = process.memoryUsage().rss
  const before = peak
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss))
  const timer = setInterval(sample, 50)
  const start = process.hrtime.bigint()
  const cpu0 = process.cpuUsage()
  let seconds = 0
  let importCpuMs = 0
  let checkpointCpuMs = 0
  const inProcess = await longestBlock(() =>
    importBundle(kab, bundle.file, { progress: () => sample() }).then((r) => {
      // Timed when the import answers (not after longestBlock's last sampling wait). CPU time
      // as well: on a machine shared with other work the wall clock of a long run stretches
      // far more than that of the short bare insert beside it.
      seconds = ms(start) / 1000
      importCpuMs = cpuMs(cpu0)
      // The WAL checkpoint a bulk import leaves for after its answer (db/checkpoint.ts), run
      // here at once so its cost is printed beside the import's: moved, not saved.
      const c = process.cpuUsage()
      kab.sqlite.pragma('wal_checkpoint(PASSIVE)')
      checkpointCpuMs = cpuMs(c)
      return r
    }),
  )
  // The peak is the import's: the stage-by-stage run below is a diagnostic on a second
  // connection (its own page cache) while the first is still open.
  clearInterval(timer)
  sample()
  // The same import stage by stage, on another copy of the receiver: where the time goes.
  const stages = await stageTimes(viaWorkerDir, bundle.file)
  const applySeconds = stages.wall.apply / 1000
  const rate = rows / seconds
  const { bare, bareCpuMs, bareEncrypted, bareEncryptedCpuMs, full, fullBulk } = insertBaselines(kec, out)
  const viaWorker = await importThroughWorker(join(viaWorkerDir, 'simpul.sqlite'), bundle.file, callerOf(kab))
  const label = national ? 'national' : 'kabupaten'
  const goal = (r: number) => ({ goal: '≥ 30% of bare', pass: r >= 0.3 * bare })
  const results: BenchResult[] = [
    { name: `bundle import, ${label} (${rows} rows, backup + checks + decrypt + apply)`, figure: rate, unit: 'rows/s', baseline: bare, baselineLabel: BARE_LABEL, ...goal(rate), notes: `${Math.round((100 * rate) / bare)}% of bare by the clock; CPU time ${Math.round(importCpuMs)} ms vs ${Math.round(bareCpuMs)} ms bare = ${Math.round((100 * bareCpuMs) / importCpuMs)}% of bare; then the WAL checkpoint after the answer ${Math.round(checkpointCpuMs)} ms CPU (with it: ${Math.round((100 * bareCpuMs) / (importCpuMs + checkpointCpuMs))}%)` },
    {
      name: `  of which the apply stage (decrypt, inflate, apply in one transaction${rows >= bulkApply.minRows ? ', bulk mode' : ''})`,
      figure: rows / applySeconds, unit: 'rows/s', baseline: bare, baselineLabel: BARE_LABEL, ...goal(rows / applySeconds),
      notes: `${Math.round((100 * rows) / applySeconds / bare)}% of bare; stages (wall/CPU): ${Object.entries(stages.wall).map(([k, v]) => `${k} ${Math.round(v)}/${Math.round(stages.cpu[k])} ms`).join(', ')}`,
    },
    {
      name: `  bare-table insert of the same rows into an encrypted file (SQLCipher, as Simpul stores)`, figure: bareEncrypted, unit: 'rows/s', baseline: bare, baselineLabel: BARE_LABEL, goal: 'reference', pass: true,
      notes: `${Math.round((100 * bareEncrypted) / bare)}% of bare; CPU ${Math.round(bareEncryptedCpuMs)} ms (plain ${Math.round(bareCpuMs)} ms); the import by CPU time is ${Math.round((100 * bareEncryptedCpuMs) / importCpuMs)}% of this one`,
    },
    { name: `  full-schema insert of the same rows (raw better-sqlite3; all indexes and search triggers)`, figure: full, unit: 'rows/s', baseline: bare, baselineLabel: BARE_LABEL, goal: 'reference', pass: true, notes: `${Math.round((100 * full) / bare)}% of bare` },
    { name: `  the same in bulk mode (search triggers suspended; secondary and search indexes built once, same transaction)`, figure: fullBulk, unit: 'rows/s', baseline: bare, baselineLabel: BARE_LABEL, goal: 'reference', pass: true, notes: `${Math.round((100 * fullBulk) / bare)}% of bare` },
    {
      name: `  longest main-thread block during the ${label} import through the database worker`,
      figure: viaWorker.maxBlockMs,
      unit: 'ms',
      baseline: inProcess.maxMs,
      baselineLabel: 'the same import in-process (no worker): longest block',
      goal: '< 100 ms',
      pass: viaWorker.maxBlockMs < 100,
      notes: `reads answered meanwhile: ${viaWorker.reads}, slowest ${Math.round(viaWorker.slowestReadMs)} ms; import via worker ${Math.round(rows / (viaWorker.importMs / 1000))} rows/s; ${viaWorker.progress} progress messages; ${describeWatch(viaWorker.watch)}; handing the file over (bundleOpen): longest block ${Math.round(viaWorker.openBlockMs)} ms`,
    },
  ]
  if (national) {
    results.push({ name: `peak memory importing the national bundle (${(statSync(bundle.file).size / 1e6).toFixed(0)} MB file)`, figure: peak / 1e6, unit: 'MB', baseline: before / 1e6, baselineLabel: 'RSS before import', goal: '< 500 MB', pass: peak < 500e6 })
  } else {
    results.push({ name: `bundle size, full kabupaten (${posyandu} posyandu + ${kader} kader)`, figure: bundle.sizeBytes / 1e6, unit: 'MB', baseline: rawJsonBytes(kec) / 1e6, baselineLabel: 'the same rows as plain JSON', goal: '≤ 5 MB', pass: bundle.sizeBytes <= 5e6 })
  }
  for (const c of [kec, kab]) (c.close(), rmSync(c.dataDir, { recursive: true, force: true }))
  rmSync(out, { recursive: true, force: true })
  rmSync(viaWorkerDir, { recursive: true, force: true })
  return results
}

/**
 * The insert baselines of the sender's rows. In a function of its own so the rows (1.8 M arrays
 * for the national bundle, some hundreds of MB) are garbage before the import through the
 * worker: the main thread of the window holds no such heap, and collecting it there would
 * be counted as that import's block.
 */
function insertBaselines(kec: Ctx, out: string) {
  const data = readRows(kec.sqlite, ['posyandu', 'kader'])
  const cpu1 = process.cpuUsage()
  const bare = bareInsertRate(data, out)
  const bareCpuMs = cpuMs(cpu1)
  // The same bare tables in a SQLCipher file: what encrypting the pages adds to the physical limit (a reference of its own).
  const cpu2 = process.cpuUsage()
  const bareEncrypted = bareInsertRate(data, out, 'bare-encrypted.sqlite', TEST_DB_KEY)
  const bareEncryptedCpuMs = cpuMs(cpu2)
  const full = fullSchemaInsertRate(data, out)
  const fullBulk = fullSchemaInsertRate(data, out, 'full-bulk.sqlite', true)
  return { bare, bareCpuMs, bareEncrypted, bareEncryptedCpuMs, full, fullBulk }
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1000
}

/** Each stage of importBundle timed on its own (a copy of the receiver's folder, left as it was). */
async function stageTimes(receiverDir: string, bundleFile: string): Promise<{ wall: Record<string, number>; cpu: Record<string, number> }> {
  const dir = tempDir('simpul-bench-stages-')
  cpSync(receiverDir, dir, { recursive: true })
  const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', key: TEST_DB_KEY })
  try {
    const t: Record<string, number> = {}
    const cpu: Record<string, number> = {}
    let t0 = process.hrtime.bigint()
    let c0 = process.cpuUsage()
    const lap = (name: string) => ((t[name] = ms(t0)), (cpu[name] = cpuMs(c0)), (t0 = process.hrtime.bigint()), (c0 = process.cpuUsage()))
    const checked = checkBundle(ctx, bundleFile)
    lap('header+sender')
    await verifyPayloadHash(bundleFile, checked.header, {})
    lap('hash')
    const check = await checkRows(ctx, bundleFile, checked, {})
    lap('check rows')
    backupBeforeImport(ctx)
    lap('backup')
    await applyBundle(ctx, bundleFile, checked, check, { dryRun: false, reject: new Set(), itemsCap: 5000, fileName: basename(bundleFile) })
    lap('apply')
    return { wall: t, cpu }
  } finally {
    ctx.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The same import as the window does it: the bundle handed to the database worker, applied
 * there, while this thread keeps asking for a registry page every 20 ms (a screen polling).
 */
/**
 * For the single-import tools (bench/import-profile.ts, bench/main-block.ts): a kecamatan with
 * generated rows, its enrolled kabupaten, the kecamatan's bundle to it, and a copy of the
 * kabupaten's whole folder (its private keys live beside the file) as it was before any import.
 */
export function kabupatenBundle(posyandu: number, kader: number, name: string) {
  const kec = makeCtx({ office: '12.18.04' })
  const kab = makeCtx({ office: '12.18' })
  enrolPair(kab, kec)
  generate(kec, posyandu, kader)
  const out = tempDir(`simpul-${name}-`)
  const bundle = exportBundle(kec, '12.18', { outDir: out })
  kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const pristine = tempDir(`simpul-${name}-pristine-`)
  cpSync(kab.dataDir, pristine, { recursive: true })
  return { kec, kab, out, bundle, pristine }
}

export async function importThroughWorker(dataFile: string, bundleFile: string, caller: Caller, jobNice?: number) {
  const client = await WorkerClient.start({ dataFile, host: 'headless', jobNice })
  try {
    // The receiver's database is encrypted: it opens at the administrator's login.
    const login = await client.call('people.login', { username: 'admin', password: TEST_PASSWORD })
    if (!login.ok) throw new Error(login.error.message)
    // Handing the bundle over is part of the import as the operator sees it: watched too. As the
    // window does it: the renderer reads the file, the main thread keeps its bytes as an upload
    // (platform.upload, written off this thread) and the worker opens it by id.
    const bytes = readFileSync(bundleFile)
    collectSetupGarbage()
    const open = await longestBlock(async () => {
      const { uploadId } = await saveUpload(client.dataDir, bytes)
      return client.call('exchange.bundleOpen', { fileName: basename(bundleFile), uploadId }, caller)
    })
    const opened = open.result
    if (!opened.ok) throw new Error(opened.error.message)
    const inboxId = (opened.data as { inboxId: string }).inboxId
    let done = false
    let reads = 0
    let progress = 0
    let slowestReadMs = 0
    const t0 = process.hrtime.bigint()
    const { result, maxMs, watch } = await longestBlock(async () => {
      const apply = client.call('exchange.bundleApply', { inboxId, reject: [] }, caller, { onProgress: () => progress++ }).finally(() => (done = true))
      while (!done) {
        const t = process.hrtime.bigint()
        await client.call('registry.posyanduList', { pageSize: 20 }, caller)
        if (!done) (reads++, (slowestReadMs = Math.max(slowestReadMs, ms(t))))
        await new Promise((r) => setTimeout(r, 20))
      }
      return apply
    })
    const importMs = ms(t0)
    if (!result.ok) throw new Error(result.error.message)
    return { maxBlockMs: maxMs, watch, openBlockMs: open.maxMs, openWatch: open.watch, reads, progress, slowestReadMs, importMs }
  } finally {
    await client.close()
  }
}

/** One month at one kecamatan: some kader edited, a few added, a posyandu changed; after the last bundle was acknowledged. */
async function monthlyDelta(): Promise<BenchResult> {
  const kec = makeCtx({ office: '12.18.04' })
  const kab = makeCtx({ office: '12.18' })
  enrolPair(kab, kec)
  generate(kec, 82, 600)
  const out = tempDir('simpul-bench-')
  const first = exportBundle(kec, '12.18', { outDir: out })
  await importBundle(kab, first.file)
  await importBundle(kec, exportBundle(kab, '12.18.04', { outDir: out }).file)
  const kaderIds = kec.sqlite.prepare('SELECT id FROM kader LIMIT 90').pluck().all() as string[]
  for (const id of kaderIds) updateRow(kec, 'kader', id, { phone: `0813${id.slice(-8)}`, notes: 'Pindah alamat, nomor telepon baru' })
  for (let i = 0; i < 15; i++) insertRow(kec, 'kader', { nik: encodeNik('12.18.04', '1995-01-15', 'P', 9000 + i), name: `Kader Baru ${i}`, sex: 'P', birth_date: '1995-01-15', education: 'SMA' })
  for (const id of kec.sqlite.prepare('SELECT id FROM posyandu LIMIT 8').pluck().all() as string[]) updateRow(kec, 'posyandu', id, { status_reason: 'Jadwal buka dipindah ke hari Selasa' })
  const delta = exportBundle(kec, '12.18', { outDir: out })
  const result: BenchResult = {
    name: `bundle size, one month's kecamatan delta (${delta.rows} rows)`,
    figure: delta.sizeBytes / 1e3,
    unit: 'KB',
    baseline: first.sizeBytes / 1e3,
    baselineLabel: 'the kecamatan’s first full bundle',
    goal: '≤ 100 KB',
    pass: delta.sizeBytes <= 100e3,
  }
  for (const c of [kec, kab]) (c.close(), rmSync(c.dataDir, { recursive: true, force: true }))
  rmSync(out, { recursive: true, force: true })
  return result
}

export const exchange: Benchmark = {
  name: 'exchange',
  async run({ national, scale }) {
    const results = [...(await fullImport(Math.round(1236 * scale), Math.round(9000 * scale), false)), await monthlyDelta()]
    if (national) results.push(...(await fullImport(300_000, 1_500_000, true)))
    return results
  },
}
