import { chmodSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppError } from '../../shared/result'
import { levelOfCode } from '../../shared/area'
import { backupDatabase, keepBackups, listBackups } from '../../core/db/backup'
import { integrityCheck } from '../../core/db/open'
import { verifyAuditChain } from '../../core/db/audit-chain'
import { restoreDatabase } from '../../core/db/restore'
import { setupWithAdmin } from '../../core/people/handlers'
import { protectDatabase } from '../../core/people/unlock'
import { fileState } from '../../core/db/cipher'
import { recoveryCodeText } from '../login'
import { describeIssues } from '../../core/handlers'
import { newUser } from '../../shared/contract/people'
import { appRoot } from '../../core/paths'
import { WorkerClient } from '../../core/worker/client'
import { startHost } from '../../host/server'
import { EXIT, UsageError, type Command } from '../command'
import { dirname, join } from 'node:path'

export const baseCommands: Command[] = [
  {
    name: 'init',
    summary: 'buat basis data kantor dan administrator pertamanya',
    usage: 'init --office <kode wilayah> --name <nama> --admin <nama pengguna> [--admin-name <nama lengkap>]',
    access: 'none',
    options: { office: { type: 'string' }, name: { type: 'string' }, admin: { type: 'string' }, 'admin-name': { type: 'string' }, operator: { type: 'string' } },
    async run(r) {
      const code = r.values.office as string | undefined
      const name = r.values.name as string | undefined
      const admin = r.values.admin as string | undefined
      if (!code || !name || !admin) throw new UsageError('--office, --name dan --admin wajib diisi')
      const parsed = newUser.safeParse({ username: admin, displayName: (r.values['admin-name'] ?? r.values.operator ?? admin) as string, password: await r.password(`Kata sandi administrator ${admin}`) })
      if (!parsed.success) throw new AppError('INVALID_INPUT', `Isian tidak sah — ${describeIssues(parsed.error)}`)
      // An encrypted database always has its office (it is encrypted at setup).
      if (fileState(r.dbFile) === 'encrypted') throw new AppError('OFFICE_EXISTS', 'Kantor sudah disiapkan pada basis data ini.')
      const ctx = r.ctx()
      try {
        // The level is the code's: ID nasional, 21 provinsi, 21.71 kabupaten/kota, 21.71.01 kecamatan.
        // (A desa code is taken as a kecamatan office attempt: setup then says it is no kecamatan.)
        const level = levelOfCode(code) ?? 'kecamatan'
        const { user, ...office } = await setupWithAdmin(ctx, { wilayahCode: code, level, name, admin: parsed.data })
        // The database is encrypted now; the recovery code is printed once, for the office safe.
        const done = await protectDatabase(ctx, { username: user.username, userId: user.id }, parsed.data.password)
        const recoveryCode = done && 'recoveryCode' in done ? done.recoveryCode : undefined
        if (done && 'deferred' in done) r.note(done.deferred)
        r.print({ ...office, ...(recoveryCode ? { recoveryCode } : {}) }, () =>
          [`Kantor ${office.name} (${office.wilayahCode}, ${office.level}) siap di ${ctx.dataFile}; administrator: ${user.username}`, ...(recoveryCode ? ['', recoveryCodeText(recoveryCode)] : [])].join('\n'),
        )
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
  {
    name: 'serve',
    summary: 'jalankan Simpul tanpa jendela (buka alamatnya di peramban)',
    usage: 'serve [--port P]',
    access: 'none',
    options: { port: { type: 'string' } },
    async run(r) {
      // The database lives in a worker thread; this thread only serves HTTP and passes messages.
      let client: WorkerClient
      try {
        client = await WorkerClient.start({ dataFile: r.dbFile, host: 'headless' })
      } catch (e) {
        const err = e as Error & { code?: string; details?: unknown }
        throw err.code ? new AppError(err.code, err.message, err.details) : err
      }
      const host = await startHost({ client, rendererDir: join(appRoot(), 'out', 'renderer'), port: Number(r.values.port ?? 0) || 0 })
      r.print({ url: host.url, port: host.port, dataFile: client.dataFile }, () =>
        [`Simpul berjalan. Buka alamat ini di peramban (Chromium/Chrome/Firefox):`, ``, `  ${host.url}`, ``, `Data: ${client.dataFile}`, `Tekan Ctrl+C untuk berhenti.`].join('\n'),
      )
      await new Promise<void>((done) => {
        const stop = () => host.close().then(() => client.close().then(done))
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
      return EXIT.ok
    },
  },
  {
    name: 'backup',
    summary: 'salin basis data ke berkas cadangan',
    usage: 'backup [--out <berkas>]',
    access: { ops: ['backup.create'] },
    options: { out: { type: 'string' } },
    run(r) {
      const ctx = r.ctx()
      try {
        const out = r.values.out as string | undefined
        if (out) {
          if (existsSync(out)) throw new AppError('FILE_EXISTS', `Berkas ${out} sudah ada; pilih nama lain.`)
          ctx.sqlite.prepare('VACUUM INTO ?').run(resolve(out))
          chmodSync(resolve(out), 0o600) // it holds NIK and bank accounts
          r.print({ file: resolve(out) }, `Cadangan tersimpan: ${resolve(out)}`)
        } else {
          const b = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock, keepBackups(ctx))
          r.print(b, `Cadangan tersimpan: ${b.file}`)
        }
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
  {
    name: 'restore',
    summary: 'pulihkan basis data dari berkas cadangan (basis data sekarang dicadangkan dulu)',
    usage: 'restore <berkas> [--other-office]',
    access: { ops: ['backup.restore'] },
    options: { 'other-office': { type: 'boolean' } },
    run(r) {
      const src = r.args[0]
      if (!src) throw new UsageError('sebutkan berkas cadangan')
      const file = resolve(src)
      if (!existsSync(file)) throw new AppError('NOT_FOUND', `Berkas ${file} tidak ada.`)
      let restored: ReturnType<typeof restoreDatabase>
      try {
        restored = restoreDatabase(r.dbFile, file, { confirmOtherOffice: r.values['other-office'] === true }, r.dbKey())
      } catch (e) {
        if (e instanceof AppError && e.code === 'BACKUP_OTHER_OFFICE') {
          throw new AppError(e.code, `${e.message} Bila memang itu maksudnya, jalankan lagi dengan --other-office.`, e.details)
        }
        throw e
      }
      r.print(restored, `Dipulihkan dari ${file}. Basis data sebelumnya dicadangkan di ${restored.previousBackup ?? '(tidak ada)'}.`)
      return EXIT.ok
    },
  },
  {
    name: 'backups',
    summary: 'daftar berkas cadangan',
    usage: 'backups',
    access: { ops: ['backup.list'] },
    run(r) {
      const list = listBackups(join(dirname(r.dbFile), 'backups'))
      r.print(list, () => (list.length ? list.map((b) => `${b.createdAt}  ${b.reason.padEnd(24)} ${b.file}`).join('\n') : 'Belum ada cadangan.'))
      return EXIT.ok
    },
  },
  {
    name: 'integrity',
    summary: 'periksa keutuhan basis data',
    usage: 'integrity',
    access: { ops: ['app.integrity'] },
    run(r) {
      const ctx = r.ctx()
      try {
        const db = integrityCheck(ctx.sqlite)
        const audit = verifyAuditChain(ctx.sqlite)
        const res = { ok: db.ok && audit.ok, messages: [...db.messages, ...audit.problems.map((p) => p.message)], audit }
        r.print(res, () =>
          [
            db.ok ? 'Basis data utuh (integrity_check: ok).' : `Basis data RUSAK:\n${db.messages.join('\n')}`,
            audit.ok ? `Rantai audit utuh (${audit.entries} entri).` : `Rantai audit RUSAK — ada entri yang diubah atau dihapus:\n${audit.problems.map((p) => `  ${p.message}`).join('\n')}`,
          ].join('\n'),
        )
        return res.ok ? EXIT.ok : EXIT.refused
      } finally {
        ctx.close()
      }
    },
  },
]

