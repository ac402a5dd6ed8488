import { provinceSummary } from '../../core/province/service'
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

export const provinceCommands: Command[] = [
  {
    name: 'province summary',
    summary: 'posyandu, kader, strata dan % aktif per kabupaten/kota dan total provinsi',
    usage: 'province summary --year Y [--warehouse]',
    access: { ops: ['province.summary'] },
    options: { year: { type: 'string' }, warehouse: { type: 'boolean' } },
    async run(r) {
      const year = readYear(r)
      return withCtx(r, async (ctx) => {
        const s = r.values.warehouse ? await withWarehouse(ctx, (client) => warehouseSummary(ctx, client, year)) : provinceSummary(ctx, year)
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
    usage: 'warehouse load <berkas atau folder>',
    access: 'none',
    async run(r) {
      const path = r.args[0]
      if (!path) throw new UsageError('sebutkan berkas .simpul atau folder berisi bundel')
      // Fault tests hold the transaction open before COMMIT to kill the loader inside it.
      const hold = Number(process.env.SIMPUL_WAREHOUSE_HOLD_MS ?? 0) || undefined
      return withCtx(r, async (ctx) => {
        const out = await warehouseLoad(ctx, path, { holdBeforeCommitMs: hold, note: (t) => r.note(t) })
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
