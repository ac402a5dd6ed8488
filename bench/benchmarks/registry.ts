import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { openContext, type Ctx } from '../../src/core/context'
import { generateDemo, type DemoScale } from '../../src/core/demo'
import { makeRng } from '../../src/core/demo/prng'
import { listKader } from '../../src/core/registry/kader'
import { applyImport } from '../../src/core/registry/xlsx'
import { kaderFilter } from '../../src/shared/contract/registry'
import { encodeNik } from '../../src/shared/nik'
import { tempDir } from '../../tests/helpers/db'
import { BARE_LABEL, bareInsertRate, insertAll, readRows, rowCount } from '../baselines'
import { ms, percentile, type Benchmark, type BenchResult } from '../types'

/** What an operator types: a name and part of the surname, a NIK prefix, or a posyandu and its desa. */
function searchTerms(ctx: Ctx, n: number): string[] {
  const rng = makeRng(99)
  const sample = ctx.sqlite
    .prepare(
      `SELECT k.name, k.nik, p.name AS posyandu, w.name AS desa FROM kader k
       JOIN kader_posyandu kp ON kp.kader_id = k.id JOIN posyandu p ON p.id = kp.posyandu_id JOIN wilayah w ON w.code = p.desa_code
       WHERE k.scope LIKE ? || '.%' ORDER BY k.id LIMIT 2000`,
    )
    .all(ctx.requireOffice().wilayahCode) as { name: string; nik: string; posyandu: string; desa: string }[]
  return Array.from({ length: n }, (_, i) => {
    const s = rng.pick(sample)
    const [first, second = ''] = s.name.split(' ')
    if (i % 3 === 0) return `${first} ${second.slice(0, 3)}`
    if (i % 3 === 1) return s.nik.slice(0, 10)
    return `${s.posyandu} ${s.desa.slice(0, 4)}`
  })
}

function searchBench(ctx: Ctx, label: string, goalMs: number): BenchResult[] {
  const terms = searchTerms(ctx, 300)
  for (const t of terms.slice(0, 20)) listKader(ctx, kaderFilter.parse({ search: t })) // warm the page cache
  const app: number[] = []
  for (const t of terms) {
    const t0 = process.hrtime.bigint()
    listKader(ctx, kaderFilter.parse({ search: t }))
    app.push(ms(t0))
  }
  // Baseline: the same words as a LIKE scan over kader names and NIK (no index can help).
  const like = ctx.sqlite.prepare(`SELECT id, name FROM kader WHERE (name LIKE @q OR nik LIKE @q) AND deleted_at IS NULL ORDER BY name LIMIT 50`)
  const raw: number[] = []
  for (const t of terms.slice(0, 60)) {
    const t0 = process.hrtime.bigint()
    like.all({ q: `%${t.split(' ')[0]}%` })
    raw.push(ms(t0))
  }
  const p95 = percentile(app, 95)
  return [
    { name: `kader search p95, first page + total (${label}, ${terms.length} queries)`, figure: p95, unit: 'ms', baseline: percentile(raw, 95), baselineLabel: 'p95 LIKE scan of one word', goal: `< ${goalMs} ms`, pass: p95 < goalMs },
  ]
}

function demoDb(scale: DemoScale): { ctx: Ctx; dir: string; genMs: number; counts: Record<string, number> } {
  const dir = tempDir('simpul-bench-registry-')
  const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli' })
  const t0 = process.hrtime.bigint()
  const s = generateDemo(ctx, { scale, seed: 1 })
  return { ctx, dir, genMs: ms(t0), counts: s.counts }
}

/** N new kader rows for existing posyandu, as an office spreadsheet, plus the same rows for raw inserts. */
async function importFile(ctx: Ctx, n: number) {
  const rng = makeRng(7)
  const posyandu = ctx.sqlite
    .prepare(`SELECT p.id, p.name, p.scope, w.name AS desa, c.name AS kec FROM posyandu p JOIN wilayah w ON w.code = p.desa_code JOIN wilayah c ON c.code = p.scope ORDER BY p.id`)
    .all() as { id: string; name: string; scope: string; desa: string; kec: string }[]
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Kader')
  ws.addRow(['Nama Kader', 'NIK', 'Tgl Lahir', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan', 'Kecamatan'])
  const rows: { name: string; nik: string; birth: string; p: (typeof posyandu)[number] }[] = []
  for (let i = 0; i < n; i++) {
    const p = rng.pick(posyandu)
    const birth = `${rng.int(1965, 2000)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`
    const row = { name: `Kader Impor ${i + 1}`, nik: encodeNik(p.scope, birth, 'P', 9000 + (i % 999)), birth, p }
    rows.push(row)
    ws.addRow([row.name, row.nik, `${birth.slice(8)}/${birth.slice(5, 7)}/${birth.slice(0, 4)}`, 'Anggota', p.name, p.desa, p.kec])
  }
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), rows }
}

async function importBench(ctx: Ctx, dir: string): Promise<BenchResult[]> {
  const n = 2000
  const { data } = await importFile(ctx, n)
  // The same database before the import, for the full-schema baseline.
  ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const copy = join(dir, 'full.sqlite')
  copyFileSync(ctx.dataFile, copy)
  const t0 = process.hrtime.bigint()
  const res = await applyImport(ctx, 'kader', data, undefined, false)
  const appMs = ms(t0)
  const rate = res.written / (appMs / 1000)
  // Baselines: exactly the rows the import wrote (kader and their memberships).
  const importedIds = new Set(ctx.sqlite.prepare(`SELECT id FROM kader WHERE name LIKE 'Kader Impor %'`).pluck().all() as string[])
  const written = readRows(ctx.sqlite, ['kader', 'kader_posyandu']).map((d) => ({
    ...d,
    rows: d.rows.filter((r) => importedIds.has(String(r[d.cols.indexOf(d.table === 'kader' ? 'id' : 'kader_id')]))),
  }))
  const bare = bareInsertRate(written, dir)
  const fullDb = new Database(copy)
  const full = insertAll(fullDb, written)
  fullDb.close()
  const perRow = rowCount(written) / res.written
  return [
    {
      name: `xlsx kader import (${n} rows: read, check NIK/desa/posyandu/duplicates, write with audit + search index)`,
      figure: rate, unit: 'rows/s', baseline: bare / perRow, baselineLabel: `${BARE_LABEL} (kader + membership = 1 row)`, goal: '> 250 rows/s (a 9,000-row kabupaten sheet in < 40 s)', pass: rate > 250 && res.written === n,
      notes: `${Math.round((100 * rate * perRow) / bare)}% of bare`,
    },
    {
      name: `  full-schema insert of the same kader + memberships (raw prepared, same database)`,
      figure: full / perRow, unit: 'rows/s', baseline: bare / perRow, baselineLabel: `${BARE_LABEL} (kader + membership = 1 row)`, goal: 'reference', pass: true,
    },
  ]
}

export const registryBench: Benchmark = {
  name: 'registry',
  async run() {
    const { ctx, dir, genMs, counts } = demoDb('kabupaten')
    try {
      return [
        { name: `demo kabupaten: ${counts.posyandu} posyandu, ${counts.kader} kader`, figure: genMs, unit: 'ms', baseline: null, baselineLabel: '', goal: 'deterministic per seed', pass: true },
        ...searchBench(ctx, 'kabupaten demo', 20),
        ...(await importBench(ctx, dir)),
      ]
    } finally {
      ctx.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export const registryNationalBench: Benchmark = {
  name: 'registry-national',
  national: true,
  run() {
    // Generating 1.8 million rows takes minutes: SIMPUL_BENCH_NATIONAL_DB=<file> reuses one made by
    // `npm run simpul -- demo --scale national --seed 1 --db <file>`.
    const reuse = process.env.SIMPUL_BENCH_NATIONAL_DB
    if (reuse) {
      const ctx = openContext({ dataFile: reuse, host: 'cli' })
      try {
        return searchBench(ctx, 'national demo (reused file)', 5)
      } finally {
        ctx.close()
      }
    }
    const { ctx, dir, genMs, counts } = demoDb('national')
    try {
      return [
        { name: `demo national: ${counts.posyandu} posyandu, ${counts.kader} kader`, figure: genMs / 1000, unit: 's', baseline: null, baselineLabel: '', goal: 'for benchmarks', pass: true },
        ...searchBench(ctx, 'national demo', 5),
      ]
    } finally {
      ctx.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}
