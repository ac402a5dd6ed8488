import type Database from 'better-sqlite3'
import { copyFileSync, existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import { openContext } from '../../src/core/context'
import { backupDatabase, listBackups } from '../../src/core/db/backup'
import { readMigrations } from '../../src/core/db/migrate'
import { APPLICATION_ID, integrityCheck, openDatabase } from '../../src/core/db/open'
import * as schema from '../../src/core/db/schema'
import { restoreDatabase } from '../../src/core/db/restore'
import { migrationsDir } from '../../src/core/paths'
import { AppError } from '../../src/shared/result'
import { makeCtx, tempDir, keyFor, rawDb, TEST_DB_KEY } from '../helpers/db'

const clock = fixedClock('2026-11-24T09:00:00+07:00')
const journal = JSON.parse(readFileSync(join(migrationsDir(), 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] }

describe('migrations', () => {
  it('the journal names every SQL file in drizzle/ once, in order', () => {
    const files = readdirSync(migrationsDir()).filter((f) => f.endsWith('.sql')).sort()
    expect(journal.entries.map((e) => `${e.tag}.sql`)).toEqual(files)
    expect(journal.entries.map((e) => e.idx)).toEqual(journal.entries.map((_, i) => i))
  })

  it('applies every migration in order on an empty database, one version each', () => {
    const dir = tempDir()
    const migrations = readMigrations(migrationsDir())
    // Step through the journal one migration at a time, as successive releases would.
    const file = join(dir, 'step.sqlite')
    const raw = rawDb(file)
    for (const m of migrations) {
      raw.transaction(() => {
        for (const s of m.statements) raw.exec(s)
        raw.pragma(`user_version = ${m.idx + 1}`)
      })()
    }
    raw.pragma(`application_id = ${APPLICATION_ID}`)
    raw.close()
    const opened = openDatabase({ file: join(dir, 'fresh.sqlite'), migrationsDir: migrationsDir(), backupsDir: join(dir, 'b'), clock })
    expect(opened.schemaVersion).toBe(journal.entries.length)
    expect(opened.migratedFrom).toBe(0)
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length)
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(integrityCheck(opened.sqlite).ok).toBe(true)
    const tables = (db: Database.Database) =>
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name`).all()
    const stepped = rawDb(file, { readonly: true })
    expect(tables(opened.sqlite)).toEqual(tables(stepped))
    stepped.close()
    opened.sqlite.close()
  })

  it('the migrated database has exactly the columns of the drizzle schema', () => {
    const ctx = makeCtx()
    for (const t of Object.values(schema)) {
      if (typeof t !== 'object' || t === null || !('getSQL' in t)) continue
      const cfg = getTableConfig(t as SQLiteTable)
      const cols = (ctx.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(cfg.name) as { name: string }[]).map((c) => c.name).sort()
      expect(cols, cfg.name).toEqual(cfg.columns.map((c) => c.name).sort())
    }
    ctx.close()
  })

  it('backs up an existing database before migrating it', () => {
    const dir = tempDir()
    const file = join(dir, 'old.sqlite')
    // A database from "the previous release": every migration but the last one... or, with
    // a single migration so far, a version-0 file that already holds data.
    const migrations = readMigrations(migrationsDir())
    const raw = rawDb(file)
    const upto = Math.max(0, migrations.length - 1)
    for (const m of migrations.slice(0, upto)) for (const s of m.statements) raw.exec(s)
    raw.exec(`CREATE TABLE IF NOT EXISTS legacy_note(x TEXT); INSERT INTO legacy_note VALUES ('keep me')`)
    raw.pragma(`application_id = ${APPLICATION_ID}`)
    raw.pragma(`user_version = ${upto}`)
    raw.close()
    const opened = openDatabase({ file, migrationsDir: migrationsDir(), backupsDir: join(dir, 'backups'), clock })
    expect(upto).toBeGreaterThan(0)
    {
      expect(opened.backupFile).not.toBeNull()
      expect(existsSync(opened.backupFile!)).toBe(true)
      const b = rawDb(opened.backupFile!, { readonly: true })
      expect(b.pragma('user_version', { simple: true })).toBe(upto)
      expect(b.prepare('SELECT x FROM legacy_note').get()).toEqual({ x: 'keep me' })
      b.close()
    }
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(migrations.length)
    opened.sqlite.close()
  })

  it('refuses a database made by a newer Simpul and leaves it byte-for-byte unchanged', () => {
    const dir = tempDir()
    const file = join(dir, 'newer.sqlite')
    const raw = rawDb(file)
    raw.exec('CREATE TABLE future_thing(x)')
    raw.pragma(`application_id = ${APPLICATION_ID}`)
    raw.pragma(`user_version = ${journal.entries.length + 5}`)
    raw.close()
    const before = readFileSync(file)
    let err: unknown
    try {
      openContext({ dataFile: file, host: 'cli', key: keyFor(file) })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('DB_NEWER')
    expect((err as AppError).message).toMatch(/Perbarui Simpul/)
    expect(readFileSync(file).equals(before)).toBe(true)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('refuses a SQLite file that is not a Simpul database', () => {
    const dir = tempDir()
    const file = join(dir, 'other.sqlite')
    const raw = rawDb(file)
    raw.exec('CREATE TABLE customers(x)')
    raw.close()
    const before = readFileSync(file)
    expect(() => openContext({ dataFile: file, host: 'cli', key: keyFor(file) })).toThrow(/bukan basis data Simpul/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})

describe('backups', () => {
  it('rotates to the newest N and restores a backup that passes integrity_check', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    let t = Date.parse('2026-11-24T09:00:00Z')
    const tick = { now: () => new Date((t += 1000)) }
    for (let i = 0; i < 5; i++) backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', tick, 3)
    const list = listBackups(ctx.backupsDir)
    expect(list).toHaveLength(3)
    const keep = list[0].file
    ctx.sqlite.prepare(`INSERT INTO meta(key, value) VALUES ('after_backup', 'x')`).run()
    const { dataFile } = ctx
    ctx.close()
    const res = restoreDatabase(dataFile, keep, {}, TEST_DB_KEY)
    expect(res.previousBackup).not.toBeNull()
    const back = openContext({ dataFile, host: 'cli', key: keyFor(dataFile) })
    expect(integrityCheck(back.sqlite).ok).toBe(true)
    expect(back.sqlite.prepare(`SELECT value FROM meta WHERE key = 'after_backup'`).get()).toBeUndefined()
    expect(back.office()?.wilayahCode).toBe('12.18.04')
    back.close()
  })

  it('refuses to restore something that is not a Simpul backup', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const bogus = join(tempDir(), 'bogus.sqlite')
    copyFileSync(join(migrationsDir(), 'meta', '_journal.json'), bogus)
    const { dataFile } = ctx
    ctx.close()
    expect(() => restoreDatabase(dataFile, bogus, {}, TEST_DB_KEY)).toThrow(AppError)
    const again = openContext({ dataFile, host: 'cli', key: keyFor(dataFile) })
    expect(again.office()?.wilayahCode).toBe('12.18.04')
    again.close()
  })
})

describe('backup rotation within one second', () => {
  it('keeps the newest copies when many are made in the same second (a folder of bundles imported at once)', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const made = Array.from({ length: 25 }, () => backupDatabase(ctx.sqlite, ctx.backupsDir, 'pre-import', clock, 20))
    const kept = listBackups(ctx.backupsDir).map((b) => b.file)
    // The newest 20, and the day's first import copy (the state before the first bundle).
    expect(kept).toHaveLength(21)
    expect(kept[0]).toBe(made[24].file)
    expect(kept).toEqual([...made.slice(5).map((b) => b.file).reverse(), made[0].file])
    ctx.close()
  })
})
