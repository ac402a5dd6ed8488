import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { ImportReport } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { exportBundle } from '../../core/exchange/export'
import { readHeader } from '../../core/exchange/format'
import { inspectBundle } from '../../core/exchange/handlers'
import { importBundle } from '../../core/exchange/import'
import { cardFileName, enrolOffice, listPeers, makeCard, readCard, rekeySelf, revokeOffice } from '../../core/exchange/peers'
import { EXIT, UsageError, type Command, type Run, withCtx } from '../command'


const kb = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`)

function describeReport(r: ImportReport): string {
  const lines = [
    `${r.dryRun ? 'Uji coba (tidak ada yang disimpan)' : 'Diimpor'}: ${r.fileName} dari ${r.from}, bundel nomor ${r.seq}`,
    `  ${'tabel'.padEnd(24)} baru  berubah  sama  ditolak  konflik  dilewati`,
    ...r.tables.map((t) => `  ${t.table.padEnd(24)} ${String(t.new).padStart(4)} ${String(t.changed).padStart(8)} ${String(t.unchanged).padStart(5)} ${String(t.refused).padStart(8)} ${String(t.conflict).padStart(8)} ${String(t.rejected).padStart(9)}`),
  ]
  if (r.refusal) lines.push(r.refusal)
  if (r.totals.conflict) lines.push(`${r.totals.conflict} konflik disimpan untuk ditinjau (layar Pertukaran Data → Konflik).`)
  if (r.backupFile) lines.push(`Cadangan sebelum impor: ${r.backupFile}`)
  return lines.join('\n')
}

const progressNote = (r: Run) => {
  let last = -1
  return (p: { phase: string; doneBytes: number; totalBytes: number }) => {
    const pct = Math.floor((100 * p.doneBytes) / Math.max(1, p.totalBytes) / 10) * 10
    if (!r.json && pct !== last && p.totalBytes > 4 * 1024 * 1024) (last = pct), r.note(`  ${p.phase} ${pct}%`)
  }
}

const SKIPPABLE = new Set(['BUNDLE_ALREADY_IMPORTED', 'BUNDLE_OLDER', 'BUNDLE_WRONG_RECEIVER'])

export const exchangeCommands: Command[] = [
  {
    name: 'office card',
    summary: 'tulis kartu kantor ini (untuk didaftarkan di kantor lain)',
    usage: 'office card --out <berkas>',
    access: { ops: ['exchange.officeCard'] },
    options: { out: { type: 'string' } },
    run: (r) =>
      withCtx(r, (ctx) => {
        const card = makeCard(ctx)
        const out = resolve((r.values.out as string | undefined) ?? cardFileName(card))
        writeFileSync(out, JSON.stringify(card, null, 2))
        const fp = readCard(JSON.stringify(card)).fingerprint
        r.print({ file: out, wilayahCode: card.wilayahCode, name: card.name, level: card.level, fingerprint: fp }, `Kartu kantor tersimpan: ${out}\nSidik jari (bacakan lewat telepon): ${fp}`)
        return EXIT.ok
      }),
  },
  {
    name: 'office enrol',
    summary: 'daftarkan kantor lain dari kartunya; sidik jari harus cocok',
    usage: 'office enrol <berkas kartu> --fingerprint <XXXX-XXXX-XXXX-XXXX>',
    access: { ops: ['exchange.enrol'] },
    options: { fingerprint: { type: 'string' } },
    run: (r) => {
      const file = r.args[0]
      const fp = r.values.fingerprint as string | undefined
      if (!file || !fp) throw new UsageError('sebutkan berkas kartu dan --fingerprint yang dibacakan kantor tersebut')
      if (!existsSync(file)) throw new AppError('NOT_FOUND', `Berkas ${file} tidak ada.`)
      return withCtx(r, (ctx) => {
        const peer = enrolOffice(ctx, readFileSync(file, 'utf8'), fp)
        r.print(peer, `Terdaftar: ${peer.name} (${peer.wilayahCode}, ${peer.level}), sidik jari ${peer.fingerprint}`)
        return EXIT.ok
      })
    },
  },
  {
    name: 'office list',
    summary: 'kantor yang terdaftar untuk bertukar bundel',
    usage: 'office list',
    access: { ops: ['exchange.peers'] },
    run: (r) =>
      withCtx(r, (ctx) => {
        const peers = listPeers(ctx)
        r.print(peers, () =>
          peers.length
            ? peers.map((p) => `${p.wilayahCode.padEnd(10)} ${p.name.padEnd(36)} ${p.status === 'active' ? 'aktif ' : 'dicabut'} ${p.fingerprint}  kirim #${p.lastSentSeq} (diterima #${p.ackedSeq}), terima #${p.lastReceivedSeq}`).join('\n')
            : 'Belum ada kantor terdaftar.',
        )
        return EXIT.ok
      }),
  },
  {
    name: 'office revoke',
    summary: 'cabut pendaftaran kantor (bundelnya tidak diterima lagi)',
    usage: 'office revoke <kode wilayah>',
    access: { ops: ['exchange.revoke'] },
    run: (r) => {
      if (!r.args[0]) throw new UsageError('sebutkan kode wilayah kantor')
      return withCtx(r, (ctx) => {
        const p = revokeOffice(ctx, r.args[0])
        r.print(p, `Pendaftaran ${p.name} (${p.wilayahCode}) dicabut.`)
        return EXIT.ok
      })
    },
  },
  {
    name: 'office rekey',
    summary: 'buat pasangan kunci baru untuk kantor ini (ikut terkirim dengan bundel berikutnya)',
    usage: 'office rekey',
    access: { ops: ['exchange.rekey'] },
    run: (r) =>
      withCtx(r, (ctx) => {
        const info = rekeySelf(ctx)
        r.print(info, `Kunci baru dibuat. Sidik jari baru: ${info.fingerprint}. Kunci baru ikut dalam bundel berikutnya ke setiap kantor.`)
        return EXIT.ok
      }),
  },
  {
    name: 'bundle export',
    summary: 'buat bundel untuk kantor terdaftar',
    usage: 'bundle export --to <kode wilayah> [--out <berkas atau folder>]',
    access: { ops: ['exchange.bundleExport'] },
    options: { to: { type: 'string' }, out: { type: 'string' } },
    run: (r) => {
      const to = r.values.to as string | undefined
      if (!to) throw new UsageError('--to wajib diisi')
      const out = r.values.out ? resolve(r.values.out as string) : process.cwd()
      const isDir = existsSync(out) && statSync(out).isDirectory()
      return withCtx(r, (ctx) => {
        const res = exportBundle(ctx, to, isDir ? { outDir: out } : { outFile: out })
        r.print(res, `Bundel nomor ${res.seq} untuk ${to}: ${res.file} (${kb(res.sizeBytes)}, ${res.rows} baris)`)
        return EXIT.ok
      })
    },
  },
  {
    name: 'bundle inspect',
    summary: 'tampilkan manifes bundel tanpa membukanya',
    usage: 'bundle inspect <berkas>',
    access: { ops: ['exchange.bundleOpen'] },
    run: (r) => {
      const file = r.args[0]
      if (!file) throw new UsageError('sebutkan berkas bundel')
      if (!existsSync(file)) throw new AppError('NOT_FOUND', `Berkas ${file} tidak ada.`)
      return withCtx(r, (ctx) => {
        const info = inspectBundle(ctx, resolve(file))
        const m = info.manifest
        r.print(info, () =>
          [
            `Berkas      ${info.fileName} (${kb(info.sizeBytes)})`,
            `Dari        ${m.from.name} (${m.from.code}, ${m.from.level})`,
            `Untuk       ${m.to.name} (${m.to.code})`,
            `Dibuat      ${m.createdAt}`,
            `Nomor       ${m.seq} (menerima dari kantor ini sampai nomor ${m.ack})`,
            `Versi       format ${m.format}, skema ${m.schemaVersion}, Simpul ${m.appVersion}`,
            `Isi         ${m.rows} baris: ${Object.entries(m.counts).map(([t, n]) => `${t} ${n}`).join(', ') || '-'}`,
            `Sidik isi   ${m.payloadSha256}`,
            info.ok ? `Pemeriksaan lolos; pengirim ${info.senderFingerprint}.` : `DITOLAK: ${info.message}`,
          ].join('\n'),
        )
        return info.ok ? EXIT.ok : EXIT.refused
      })
    },
  },
  {
    name: 'bundle import',
    summary: 'impor satu bundel, atau semua bundel dalam satu folder',
    usage: 'bundle import <berkas|folder> [--dry-run] [--reject tabel:id,...]',
    access: { ops: ['exchange.bundleApply'] },
    options: { 'dry-run': { type: 'boolean' }, reject: { type: 'string' } },
    run: (r) => {
      const target = r.args[0]
      if (!target) throw new UsageError('sebutkan berkas atau folder bundel')
      if (!existsSync(target)) throw new AppError('NOT_FOUND', `${target} tidak ada.`)
      const dryRun = !!r.values['dry-run']
      const reject = String(r.values.reject ?? '')
        .split(',')
        .filter(Boolean)
        .map((s) => {
          const [table, id] = s.split(':')
          if (!table || !id) throw new UsageError(`--reject: "${s}" bukan tabel:id`)
          return { table, id }
        })
      if (!statSync(target).isDirectory()) {
        return withCtx(r, async (ctx) => {
          const report = await importBundle(ctx, resolve(target), { dryRun, reject, progress: progressNote(r) })
          r.print(report, () => describeReport(report))
          return report.refusal ? EXIT.refused : EXIT.ok
        })
      }
      // A folder at the kabupaten: every bundle, per sender in sequence order; replays are skipped.
      const files = readdirSync(target)
        .filter((f) => f.endsWith('.simpul'))
        .map((f) => join(resolve(target), f))
        .map((file) => {
          try {
            const m = readHeader(file).manifest
            return { file, from: m.from.code, seq: m.seq }
          } catch {
            return { file, from: '', seq: 0 }
          }
        })
        .sort((a, b) => a.from.localeCompare(b.from) || a.seq - b.seq)
      return withCtx(r, async (ctx) => {
        const results: { file: string; status: 'diimpor' | 'dilewati' | 'ditolak'; message?: string; report?: ImportReport }[] = []
        for (const f of files) {
          try {
            const report = await importBundle(ctx, f.file, { dryRun, progress: progressNote(r) })
            results.push({ file: basename(f.file), status: report.refusal ? 'ditolak' : 'diimpor', message: report.refusal ?? undefined, report })
            if (!r.json) r.note(describeReport(report))
          } catch (e) {
            if (!(e instanceof AppError)) throw e
            results.push({ file: basename(f.file), status: SKIPPABLE.has(e.code) ? 'dilewati' : 'ditolak', message: e.message })
            if (!r.json) r.note(`${basename(f.file)}: ${e.message}`)
          }
        }
        const count = (s: string) => results.filter((x) => x.status === s).length
        r.print({ results }, `${files.length} berkas: ${count('diimpor')} diimpor, ${count('dilewati')} dilewati, ${count('ditolak')} ditolak.`)
        return count('ditolak') ? EXIT.refused : EXIT.ok
      })
    },
  },
]
