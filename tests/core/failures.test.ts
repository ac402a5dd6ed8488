import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import * as schema from '../../src/core/db/schema'
import { environmentFailure, FAILURE, failureFor, tooLarge } from '../../src/core/failures'
import { appRoot } from '../../src/core/paths'
import { getSetting } from '../../src/core/settings'
import { makeCtx, CLI_ENV, dispatch, rawDb } from '../helpers/db'
import { addPosyandu, makeOffices, send } from '../helpers/exchange'

/** What a person must never read: SQLite's or Node's own words, or a stack. */
const TECHNICAL = /SQLITE|readonly|database is locked|disk is full|ENOSPC|Error:|\bat \S+ \(|\.ts:\d+/

const logText = (ctx: Ctx) => readFileSync(join(ctx.log.dir, 'simpul.log'), 'utf8')
const count = (ctx: Ctx, table: string) => (ctx.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const firstDesa = (ctx: Ctx) => (ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE parent_code = '12.18.04' ORDER BY code LIMIT 1`).get() as { code: string }).code

async function refused(ctx: Ctx, op: Parameters<typeof dispatch>[1], input: unknown) {
  const res = await dispatch(ctx, op, input)
  if (res.ok) throw new Error(`${String(op)} was expected to fail`)
  return res.error
}

describe('failures of the computer, told in words', () => {
  it('a read-only database file: READ_ONLY, what to do, nothing changed, details only in the log', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    // Tests run as root, where chmod 0444 stops nothing: open the file read-only instead (a real SQLITE_READONLY).
    const ro = rawDb(ctx.dataFile, { readonly: true })
    const roCtx: Ctx = { ...ctx, sqlite: ro, db: drizzle(ro, { schema }) }
    const error = await refused(roCtx, 'settings.set', { key: 'letterhead.office', value: 'Budi' })
    expect(error).toEqual({ code: 'READ_ONLY', message: FAILURE.READ_ONLY })
    expect(error.message).toMatch(/tidak dapat ditulisi.*Tidak ada yang diubah/)
    expect(error.message).not.toMatch(TECHNICAL)
    expect(getSetting(ctx.sqlite, 'letterhead.office')).toBeNull()
    expect(logText(ctx)).toMatch(/settings\.set gagal: SqliteError: attempt to write a readonly database/)
    const save = await refused(roCtx, 'registry.posyanduSave', { data: { name: 'Posyandu Mawar', desaCode: firstDesa(ctx) } })
    expect(save.code).toBe('READ_ONLY')
    expect(count(ctx, 'posyandu')).toBe(0)
    ro.close()
    ctx.close()
  })

  it('a database held by another program (BEGIN EXCLUSIVE elsewhere): DB_LOCKED, and it works again once released', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    ctx.sqlite.pragma('busy_timeout = 50')
    const other = rawDb(ctx.dataFile)
    other.exec('BEGIN EXCLUSIVE')
    const error = await refused(ctx, 'registry.posyanduSave', { data: { name: 'Posyandu Melati', desaCode: firstDesa(ctx) } })
    expect(error).toEqual({ code: 'DB_LOCKED', message: FAILURE.DB_LOCKED })
    expect(error.message).toMatch(/dipakai program lain.*Tidak ada yang diubah.*Tutup program itu/)
    expect(error.message).not.toMatch(TECHNICAL)
    expect(logText(ctx)).toMatch(/SQLITE_BUSY|database is locked/)
    other.exec('ROLLBACK')
    other.close()
    expect(count(ctx, 'posyandu')).toBe(0)
    expect(count(ctx, 'audit_log')).toBe(1) // only the test administrator's creation
    const again = await dispatch(ctx, 'registry.posyanduSave', { data: { name: 'Posyandu Melati', desaCode: firstDesa(ctx) } })
    expect(again.ok).toBe(true)
    ctx.close()
  })

  it('a full disk (max_page_count reached, a real SQLITE_FULL): DISK_FULL, and the failing save leaves nothing half-written', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const pages = ctx.sqlite.pragma('page_count', { simple: true }) as number
    ctx.sqlite.pragma(`max_page_count = ${pages}`)
    const logo = await refused(ctx, 'settings.set', { key: 'letterhead.logo', value: 'A'.repeat(390_000) })
    expect(logo).toEqual({ code: 'DISK_FULL', message: FAILURE.DISK_FULL })
    expect(logo.message).toMatch(/Disk komputer ini penuh.*Tidak ada yang diubah.*Kosongkan ruang disk/)
    expect(logo.message).not.toMatch(TECHNICAL)
    expect(getSetting(ctx.sqlite, 'letterhead.logo')).toBeNull()

    // Save posyandu until the free room in the file runs out: the save that fails writes none of its rows.
    const desa = firstDesa(ctx)
    let failure: { code: string; message: string } | null = null
    for (let i = 0; i < 5000 && !failure; i++) {
      const before = [count(ctx, 'posyandu'), count(ctx, 'audit_log')]
      const res = await dispatch(ctx, 'registry.posyanduSave', { data: { name: `Posyandu Penuh ${i}`, desaCode: desa, address: 'Jalan '.repeat(30) } })
      if (!res.ok) {
        failure = res.error
        expect([count(ctx, 'posyandu'), count(ctx, 'audit_log')]).toEqual(before)
      }
    }
    expect(failure?.code).toBe('DISK_FULL')
    expect(ctx.sqlite.inTransaction).toBe(false)
    ctx.close()
  })

  it('a bundle import that fills the disk says so, and imports nothing', async () => {
    const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
    for (let i = 0; i < 300; i++) addPosyandu(kec, `Posyandu Besar ${i}`)
    const file = send(kec, kab, outDir)
    const opened = await dispatch(kab, 'exchange.bundleOpen', { fileName: 'kec.simpul', base64: readFileSync(file).toString('base64') })
    if (!opened.ok) throw new Error(opened.error.message)
    kab.sqlite.pragma(`max_page_count = ${kab.sqlite.pragma('page_count', { simple: true }) as number}`)
    const error = await refused(kab, 'exchange.bundleApply', { inboxId: (opened.data as { inboxId: string }).inboxId })
    expect(error).toEqual({ code: 'DISK_FULL', message: FAILURE.DISK_FULL })
    expect(count(kab, 'posyandu')).toBe(0)
    kab.close()
    kec.close()
  })

  it('the command line on a database another program holds exclusively: one line in words, exit 1, no stack', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const file = ctx.dataFile
    ctx.close()
    const other = rawDb(file)
    other.pragma('locking_mode = EXCLUSIVE')
    other.exec('BEGIN EXCLUSIVE')
    try {
      const r = spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), 'integrity', '--db', file], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
      expect(r.status).toBe(1)
      expect(r.stderr.trim()).toBe(`Gagal: ${FAILURE.DB_LOCKED}`)
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
  }, 30_000)

  it('ENOSPC from the file system (writing to /dev/full) is a full disk too', () => {
    let err: unknown
    try {
      writeFileSync('/dev/full', 'x')
    } catch (e) {
      err = e
    }
    expect((err as { code?: string }).code).toBe('ENOSPC')
    expect(environmentFailure(err)).toEqual({ code: 'DISK_FULL', message: FAILURE.DISK_FULL })
    // Wrapped in another error's cause, as libraries do.
    expect(failureFor(new Error('gagal menyimpan', { cause: err })).code).toBe('DISK_FULL')
  })

  it('an unexpected error says "internal" without its technical text; the text goes to the log', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const closed = rawDb(ctx.dataFile)
    closed.close()
    const error = await refused({ ...ctx, sqlite: closed }, 'settings.get', {})
    expect(error).toEqual({ code: 'INTERNAL', message: FAILURE.INTERNAL })
    expect(error.message).not.toMatch(/connection is not open/)
    expect(logText(ctx)).toMatch(/settings\.get gagal: TypeError: The database connection is not open/)
    ctx.close()
  })

  it('an over-size request names the limit in megabytes', () => {
    expect(tooLarge(2 * 1024 * 1024).message).toMatch(/^Permintaan lebih besar dari batas 2 MB, jadi tidak diterima\. Tidak ada yang diubah\./)
    expect(tooLarge(4 * 1024 ** 3 + 2_000_000, 'Berkas').message).toMatch(/^Berkas lebih besar dari batas 4,0 GB/)
  })
})
