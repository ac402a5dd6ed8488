import { availableParallelism } from 'node:os'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { decideOffer, listOffers, offerDown } from '../../core/province/offers'
import { provinceSummary } from '../../core/province/service'
import type { ProvinceOffer } from '../../shared/contract/province'
import { summaryText } from '../../core/province/summary'
import { setupOffice, readOffice } from '../../core/office/service'
import { levelOf } from '../../core/policy'
import { join } from 'node:path'
import { appRoot } from '../../core/paths'
import { WorkerClient } from '../../core/worker/client'
import { startHost } from '../../host/server'
import { AppError } from '../../shared/result'
import { PG_SETTING, warehouseInit, warehouseLoad, warehouseSummary, withWarehouse } from '../../warehouse'
import { warehouseClient, warehousePool } from '../../warehouse/serve'
import { getSetting } from '../../core/settings'
import { EXIT, UsageError, withCtx, type Command, type Run } from '../command'
import { openContext } from '../../core/context'
import { keyForFile } from '../login'

const readYear = (r: Run) => {
  const year = Number(r.values.year)
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year wajib diisi dengan tahun (contoh --year 2026)')
  return year
}

const offerLine = (o: ProvinceOffer) => {
  const head = `${o.id}  ${o.kind === 'form' ? 'formulir' : 'set indikator'} ${o.code} versi ${o.version}: ${o.name}${o.note ? ` — ${o.note}` : ''}`
  const answer = (d: { decision: string | null; offerVersion: number | null; adoptedAs: string | null }) =>
    d.decision === null ? 'belum menjawab' : `${d.decision === 'adopted' ? `diadopsi sebagai ${d.adoptedAs}` : 'memakai milik sendiri'} (versi ${d.offerVersion}${d.offerVersion !== o.version ? ', ada versi baru' : ''})`
  if (o.mine !== undefined && o.answers.length === 0) return `${head}\n    kantor ini: ${o.mine ? answer(o.mine) : 'belum menjawab'}`
  return [head, ...o.answers.map((a) => `    ${a.code} ${a.name}: ${answer(a)}`)].join('\n')
}

/** --threshold ds=0.4 (repeatable): criterion id = value (percentages as fractions 0–1). */
function readThresholds(values: unknown): Record<string, number> {
  const out: Record<string, number> = {}
  for (const pair of (values as string[] | undefined) ?? []) {
    const m = /^([a-z_][a-z0-9_]*)=([0-9]+(?:[.,][0-9]+)?)$/i.exec(pair)
    if (!m) throw new UsageError(`--threshold harus berbentuk kriteria=nilai, contoh --threshold ds=0.4 (bukan "${pair}")`)
    out[m[1]] = Number(m[2].replace(',', '.'))
  }
  return out
}

export const provinceCommands: Command[] = [
  {
    name: 'province offers',
    summary: 'tawaran set indikator dan formulir provinsi, dengan jawaban tiap kabupaten/kota',
    usage: 'province offers',
    access: { ops: ['province.offers'] },
    run: (r) =>
      withCtx(r, (ctx) => {
        const offers = listOffers(ctx)
        r.print(offers, () => (offers.length ? offers.map(offerLine).join('\n') : 'Belum ada tawaran dari provinsi.'))
        return EXIT.ok
      }),
  },
  {
    name: 'province offer',
    summary: 'provinsi menawarkan set indikator (dengan ambangnya) atau formulir kepada kabupaten/kota',
    usage: 'province offer --set <kode> [--threshold kriteria=nilai]... [--name <nama>] [--note <catatan>] | --form <kode> [--file <formulir.json>] [--note <catatan>]',
    access: { ops: ['province.offer'] },
    options: { set: { type: 'string' }, form: { type: 'string' }, threshold: { type: 'string', multiple: true }, name: { type: 'string' }, note: { type: 'string' }, file: { type: 'string' } },
    run: (r) =>
      withCtx(r, (ctx) => {
        const set = r.values.set as string | undefined
        const form = r.values.form as string | undefined
        if (!!set === !!form) throw new UsageError('sebutkan salah satu: --set <kode set indikator> atau --form <kode formulir>')
        const file = r.values.file as string | undefined
        if (file && !form) throw new UsageError('--file hanya untuk --form')
        const o = offerDown(ctx, {
          kind: set ? 'indicator_set' : 'form',
          code: (set ?? form)!,
          thresholds: set ? readThresholds(r.values.threshold) : undefined,
          definitionJson: file ? readFileSync(resolve(file), 'utf8') : undefined,
          name: r.values.name as string | undefined,
          note: r.values.note as string | undefined,
        })
        r.print(o, `Ditawarkan: ${offerLine(o)}\nTawaran ikut bundel berikutnya ke setiap kabupaten/kota.`)
        return EXIT.ok
      }),
  },
  ...(['adopt', 'keep'] as const).map(
    (decision): Command => ({
      name: `province ${decision}`,
      summary: decision === 'adopt' ? 'kabupaten mengadopsi tawaran provinsi (menjadi salinan/versi milik kabupaten)' : 'kabupaten tetap memakai set/formulir miliknya sendiri',
      usage: `province ${decision} <id tawaran> [--note <catatan>]`,
      access: { ops: ['province.offerDecide'] },
      options: { note: { type: 'string' } },
      run: (r) =>
        withCtx(r, (ctx) => {
          const id = r.args[0]
          if (!id) throw new UsageError('sebutkan id tawaran (lihat "province offers")')
          const o = decideOffer(ctx, { offerId: id, decision, note: r.values.note as string | undefined })
          r.print(o, offerLine(o))
          return EXIT.ok
        }),
    }),
  ),
  {
    name: 'province summary',
    summary: 'posyandu, kader, strata dan % aktif per kabupaten/kota dan total provinsi (di kantor nasional: per provinsi dan total nasional)',
    usage: 'province summary --year Y [--province PP] [--warehouse]',
    access: { ops: ['province.summary'] },
    options: { year: { type: 'string' }, warehouse: { type: 'boolean' }, province: { type: 'string' } },
    async run(r) {
      const year = readYear(r)
      const province = r.values.province as string | undefined
      if (province !== undefined && !/^\d{2}$/.test(province)) throw new UsageError(`--province "${province.slice(0, 20)}" bukan kode provinsi; tulis dua angka, misalnya --province 21`)
      if (province !== undefined && r.values.warehouse) throw new UsageError('--province belum tersedia bersama --warehouse; jalankan tanpa --warehouse')
      return withCtx(r, async (ctx) => {
        const s = r.values.warehouse ? await withWarehouse(ctx, (client) => warehouseSummary(ctx, client, year)) : provinceSummary(ctx, year, province)
        r.print(s, () => summaryText(s))
        return EXIT.ok
      })
    },
  },
  {
    name: 'warehouse init',
    summary: 'siapkan gudang data PostgreSQL untuk kantor ini (atau kantor gudang baru)',
    usage: 'warehouse init --pg <url> [--office <kode wilayah> --name <nama>]',
    access: 'none',
    options: { pg: { type: 'string' }, office: { type: 'string' }, name: { type: 'string' } },
    async run(r) {
      const url = r.values.pg as string | undefined
      if (!url) throw new UsageError('--pg wajib diisi, contoh --pg postgresql://simpul@localhost/gudang')
      return withCtx(r, async (ctx) => {
        if (!readOffice(ctx.sqlite)) {
          const code = r.values.office as string | undefined
          const name = r.values.name as string | undefined
          if (!code || !name) throw new UsageError('basis data ini belum berisi kantor: tambahkan --office <kode wilayah> --name <nama> untuk kantor gudang data')
          const level = levelOf(code)
          if (!level) throw new UsageError(`kode wilayah ${code} bukan provinsi, kabupaten/kota atau kecamatan`)
          setupOffice(ctx, { wilayahCode: code, level, name, operatorName: 'gudang data' })
        }
        const out = await warehouseInit(ctx, url)
        r.print(out, `Gudang data siap: ${out.tables.length} tabel (${out.tables.join(', ')}), log muat dan ringkasan. Daftarkan kantor pengirim dengan "office enrol", lalu "warehouse load <berkas atau folder>".`)
        return EXIT.ok
      })
    },
  },
  {
    name: 'warehouse load',
    summary: 'muat bundel (berkas atau folder) ke gudang data PostgreSQL',
    usage: 'warehouse load <berkas atau folder> [--jobs N]',
    access: 'none',
    // --jobs: loader processes for a folder, each on its own connection (default: one per core).
    options: { jobs: { type: 'string' } },
    async run(r) {
      const path = r.args[0]
      if (!path) throw new UsageError('sebutkan berkas .simpul atau folder berisi bundel')
      const jobs = r.values.jobs === undefined ? availableParallelism() : Number(r.values.jobs)
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs "${String(r.values.jobs)}" bukan jumlah pemuat; tulis bilangan bulat 1–64, misalnya --jobs 2`)
      // Fault tests hold the transaction open before COMMIT to kill the loader inside it.
      const hold = Number(process.env.SIMPUL_WAREHOUSE_HOLD_MS ?? 0) || undefined
      return withCtx(r, async (ctx) => {
        const out = await warehouseLoad(ctx, path, { holdBeforeCommitMs: hold, jobs, note: (t) => r.note(t) })
        r.print(out, `Dimuat ${out.loaded.length} bundel, sudah ada ${out.skipped.length}, ditolak ${out.refused.length}.`)
        return out.refused.length ? EXIT.refused : EXIT.ok
      })
    },
  },
  {
    name: 'warehouse serve',
    summary: 'tampilkan dasbor gudang data (hanya baca) di peramban',
    usage: 'warehouse serve [--port P] [--pg <url>]',
    // Like `serve`: the window logs in itself, with the same people and roles.
    access: 'none',
    // --pg: read from another server than the one `warehouse init` named (a read replica).
    options: { port: { type: 'string' }, pg: { type: 'string' } },
    async run(r) {
      const url = (r.values.pg as string | undefined) ?? (await warehouseUrl(r))
      if (!url) throw new AppError('WAREHOUSE_NOT_READY', 'Gudang data belum disiapkan untuk kantor ini. Jalankan dulu: simpul warehouse init --pg <url>.')
      const pool = await warehousePool(url)
      let inner: WorkerClient
      try {
        inner = await WorkerClient.start({ dataFile: r.dbFile, host: 'headless' })
      } catch (e) {
        await pool.end()
        const err = e as Error & { code?: string; details?: unknown }
        throw err.code ? new AppError(err.code, err.message, err.details) : err
      }
      const client = warehouseClient(inner, pool)
      const host = await startHost({ client, rendererDir: join(appRoot(), 'out', 'renderer'), port: Number(r.values.port ?? 0) || 0 })
      r.print({ url: host.url, port: host.port, dataFile: client.dataFile, readOnly: true }, () =>
        [`Gudang data Simpul berjalan (hanya baca). Buka alamat ini di peramban:`, ``, `  ${host.url}`, ``, `Kantor: ${client.dataFile}`, `Ringkasan dari PostgreSQL; perubahan data hanya lewat "simpul warehouse load".`, `Tekan Ctrl+C untuk berhenti.`].join('\n'),
      )
      await new Promise<void>((done) => {
        const stop = () => host.close().then(() => client.close().then(done))
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      return EXIT.ok
    },
  },
]

/**
 * The warehouse's PostgreSQL address, from the office database. An encrypted database is read
 * with the key of --user / SIMPUL_USER (password from SIMPUL_PASSWORD or a prompt); the window
 * the command then serves logs in by itself.
 */
async function warehouseUrl(r: Run): Promise<string | null> {
  const key = await keyForFile(r.dbFile, r.values.user as string | undefined, 'warehouse serve')
  const ctx = openContext({ dataFile: r.dbFile, host: 'cli', key })
  try {
    return getSetting(ctx.sqlite, PG_SETTING)
  } finally {
    ctx.close()
  }
}
