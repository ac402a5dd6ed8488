import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Clock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { backupBeforeImport, backupDatabase, copyEncryptedFile, listBackups, PROTECTED_IMPORT_DAYS } from '../../src/core/db/backup'
import { restoreDatabase } from '../../src/core/db/restore'
import { writeBundle } from '../../src/core/exchange/export'
import { appRoot } from '../../src/core/paths'
import { getSetting, setSetting } from '../../src/core/settings'
import { makeCtx, tempDir, CLI_ENV, dispatch, keyFor, rawDb, TEST_DB_KEY } from '../helpers/db'
import { addPosyandu, makeOffices, receive, refusal, send } from '../helpers/exchange'

/** A clock the test moves by hand (local time, as the backup names use). */
function movingClock(iso: string): Clock & { set(iso: string): void; add(ms: number): void } {
  let t = new Date(iso).getTime()
  return { now: () => new Date(t), set: (s) => void (t = new Date(s).getTime()), add: (ms) => void (t += ms) }
}
const MIN = 60_000
const DAY = 24 * 3600_000

/** The `state` a backup file holds in meta: what the database looked like when it was copied. */
const stateIn = (file: string) => {
  const db = rawDb(file, { readonly: true })
  try {
    return (db.prepare(`SELECT value FROM meta WHERE key = 'test_state'`).get() as { value: string } | undefined)?.value ?? null
  } finally {
    db.close()
  }
}
const setState = (ctx: Ctx, v: string) => setSetting(ctx.sqlite, 'test_state', v)
/** Simulates one bundle import: the copy it makes first, then the change it applies. */
const importOnce = (ctx: Ctx, state: string) => {
  const b = backupBeforeImport(ctx)
  setState(ctx, state)
  return b
}

describe('backup rotation protects restore points from a flood of imports', () => {
  it('many imports in one day keep the copy from before the day’s first bundle and the last manual copy', () => {
    const clock = movingClock('2026-11-24T08:00:00')
    const ctx = makeCtx({ office: '12.18.04', clock })
    setSetting(ctx.sqlite, 'backup.keep', '3')
    setState(ctx, 'pagi')
    const manual = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', clock, 3)
    setState(ctx, 'sebelum-impor')
    clock.set('2026-11-24T09:00:00')
    const made = Array.from({ length: 40 }, (_, i) => (clock.add(MIN), importOnce(ctx, `impor-${i}`)))

    const kept = listBackups(ctx.backupsDir)
    expect(kept.map((b) => b.file)).toEqual([made[39].file, made[38].file, made[37].file, made[0].file, manual.file])
    // The protected copies really hold the database before the bundles.
    expect(stateIn(made[0].file)).toBe('sebelum-impor')
    expect(stateIn(manual.file)).toBe('pagi')
    ctx.close()
  })

  it('across days, each recent import day keeps its first copy; the newest non-import copy always stays', () => {
    const clock = movingClock('2026-11-01T08:00:00')
    const ctx = makeCtx({ office: '12.18.04', clock })
    setSetting(ctx.sqlite, 'backup.keep', '2')
    const premigrate = backupDatabase(ctx.sqlite, ctx.backupsDir, 'pre-migrate-v3', clock, 2)
    const firstOfDay: string[] = []
    for (let day = 0; day < 10; day++) {
      clock.set(`2026-11-${String(day + 2).padStart(2, '0')}T10:00:00`)
      setState(ctx, `hari-${day}`)
      for (let i = 0; i < 12; i++) {
        clock.add(MIN)
        const b = importOnce(ctx, `hari-${day}-impor-${i}`)
        if (i === 0) firstOfDay.push(b.file)
      }
    }
    const kept = listBackups(ctx.backupsDir)
    const files = kept.map((b) => b.file)
    // 2 newest + the first copy of the last 7 import days + the pre-migrate copy.
    expect(kept).toHaveLength(2 + PROTECTED_IMPORT_DAYS + 1)
    expect(files).toContain(premigrate.file)
    for (const f of firstOfDay.slice(-PROTECTED_IMPORT_DAYS)) expect(files).toContain(f)
    for (const f of firstOfDay.slice(0, -PROTECTED_IMPORT_DAYS)) expect(files).not.toContain(f)
    expect(stateIn(firstOfDay.at(-1)!)).toBe('hari-9')

    // A new manual copy becomes the protected one; the older chosen copy may then go.
    clock.add(MIN)
    const manual = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', clock, 2)
    clock.add(DAY)
    for (let i = 0; i < 5; i++) (clock.add(MIN), importOnce(ctx, `akhir-${i}`))
    const after = listBackups(ctx.backupsDir).map((b) => b.file)
    expect(after).toContain(manual.file)
    expect(after).not.toContain(premigrate.file)
    ctx.close()
  })

  it('real bundle imports with backup.keep = 2 leave the pre-import state and the manual copy in place', async () => {
    const clock = movingClock('2026-11-24T08:00:00')
    const { kab, kec } = makeOffices(['12.18.04'])
    const outDir = tempDir('simpul-bundles-')
    Object.assign(kab, { clock })
    setSetting(kab.sqlite, 'backup.keep', '2')
    const manual = backupDatabase(kab.sqlite, kab.backupsDir, 'manual', clock, 2)
    const posyanduCount = (file: string) => {
      const db = rawDb(file, { readonly: true })
      try {
        return (db.prepare('SELECT count(*) AS n FROM posyandu').get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const before = posyanduCount(kab.dataFile)
    const bundles: string[] = []
    for (let i = 0; i < 6; i++) {
      addPosyandu(kec[0], `Posyandu Banjir ${i}`)
      bundles.push(send(kec[0], kab, outDir))
    }
    for (const b of bundles) {
      clock.add(MIN)
      await receive(kab, b)
    }
    const kept = listBackups(kab.backupsDir)
    expect(kept.map((b) => b.reason)).toEqual(['pre-import', 'pre-import', 'pre-import', 'manual'])
    expect(kept[3].file).toBe(manual.file)
    // The day's first import copy holds the database before any of the bundles.
    expect(posyanduCount(kept[2].file)).toBe(before)

    // A bundle refused by its checks (here: the same bundle again) makes no copy and rotates none away.
    const names = kept.map((b) => b.name)
    clock.add(MIN)
    const refused = await refusal(receive(kab, bundles[5]))
    expect(refused.message).toMatch(/sudah/)
    expect(listBackups(kab.backupsDir).map((b) => b.name)).toEqual(names)
    kab.close()
    kec[0].close()
  })

  it('a bundle refused for authority makes no copy and rotates none away', async () => {
    const clock = movingClock('2026-11-24T08:00:00')
    const { kab, kec: [a, b] } = makeOffices(['12.18.04', '12.18.05'])
    const outDir = tempDir('simpul-bundles-')
    Object.assign(kab, { clock })
    setSetting(kab.sqlite, 'backup.keep', '1')
    const foreign = addPosyandu(b, 'Posyandu Tetangga')
    await receive(kab, send(b, kab, outDir))
    const names = listBackups(kab.backupsDir).map((x) => x.name)
    // A modified Simpul at kecamatan A sends an edit of B's posyandu, again and again.
    const forged: Record<string, unknown> = { ...(kab.sqlite.prepare('SELECT * FROM posyandu WHERE id = ?').get(foreign.id) as Record<string, unknown>), name: 'Diubah oleh A', rev: 9 }
    const cols = Object.keys(forged)
    for (let i = 0; i < 5; i++) {
      clock.add(MIN)
      const file = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: [cols.map((c) => forged[c])] }], { outDir }).file
      expect((await refusal(receive(kab, file))).code).toBe('BUNDLE_UNAUTHORISED')
    }
    expect(listBackups(kab.backupsDir).map((x) => x.name)).toEqual(names)
    for (const c of [kab, a, b]) c.close()
  })
})

/** Two offices side by side: ours (12.18.04) and another one (12.18.05) whose backup lands in our folder. */
function twoOffices() {
  const clock = movingClock('2026-11-24T09:00:00')
  const ours = makeCtx({ office: '12.18.04', clock })
  const theirs = makeCtx({ office: '12.18.05', clock })
  setSetting(theirs.sqlite, 'operator_name', 'Operator Kantor Lain')
  clock.add(MIN)
  const foreign = backupDatabase(theirs.sqlite, ours.backupsDir, 'manual', clock)
  chmodSync(foreign.file, 0o644) // carried over on a USB stick
  theirs.close()
  clock.add(MIN)
  return { ours, foreign, clock }
}
const mode = (file: string) => statSync(file).mode & 0o777

describe('restore', () => {
  it('a backup of this office restores after one confirmation, and the restored file is owner-only', async () => {
    const clock = movingClock('2026-11-24T09:00:00')
    const ctx = makeCtx({ office: '12.18.04', clock })
    setSetting(ctx.sqlite, 'operator_name', 'Sebelum')
    const b = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', clock)
    chmodSync(b.file, 0o644) // copied around by hand, say
    setSetting(ctx.sqlite, 'operator_name', 'Sesudah')
    clock.add(MIN)
    const res = await dispatch(ctx, 'backup.restore', { name: b.name })
    expect(res.ok).toBe(true)
    // A marker kept in the file's meta table tells which file is open.
    expect(getSetting(ctx.sqlite, 'operator_name')).toBe('Sebelum')
    expect(mode(ctx.dataFile)).toBe(0o600)
    ctx.close()
  })

  it('a backup of another office is refused, naming both offices, until that is confirmed', async () => {
    const { ours, foreign } = twoOffices()
    const backupsBefore = listBackups(ours.backupsDir).length
    const refused = await dispatch(ours, 'backup.restore', { name: foreign.name })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.code).toBe('BACKUP_OTHER_OFFICE')
    expect(refused.error.message).toContain('Kantor 12.18.05 (12.18.05)')
    expect(refused.error.message).toContain('Kantor 12.18.04 (12.18.04)')
    expect(refused.error.details).toEqual({ current: { wilayahCode: '12.18.04', name: 'Kantor 12.18.04' }, backup: { wilayahCode: '12.18.05', name: 'Kantor 12.18.05' } })
    // Nothing changed: still our office, no pre-restore copy made.
    expect(ours.office()?.wilayahCode).toBe('12.18.04')
    expect(listBackups(ours.backupsDir)).toHaveLength(backupsBefore)

    const confirmed = await dispatch(ours, 'backup.restore', { name: foreign.name, confirmOtherOffice: true })
    expect(confirmed.ok).toBe(true)
    expect(ours.office()?.wilayahCode).toBe('12.18.05')
    expect(getSetting(ours.sqlite, 'operator_name')).toBe('Operator Kantor Lain')
    expect(mode(ours.dataFile)).toBe(0o600)
    // The pre-restore copy is of our office, so the step can be undone.
    const pre = listBackups(ours.backupsDir).find((b) => b.reason === 'pre-restore')!
    // The restored file has the other office's people: one of them undoes the step.
    const theirAdmin = { userId: (ours.sqlite.prepare(`SELECT id FROM app_user WHERE role = 'admin'`).get() as { id: string }).id }
    const again = await dispatch(ours, 'backup.restore', { name: pre.name }, theirAdmin)
    expect(again).toMatchObject({ ok: false, error: { code: 'BACKUP_OTHER_OFFICE' } })
    ours.close()
  })

  it('restoreDatabase (command line) refuses another office unless confirmed; the file ends up 0600', () => {
    const { ours, foreign } = twoOffices()
    const { dataFile } = ours
    ours.close()
    chmodSync(dataFile, 0o644)
    const before = readFileSync(dataFile)
    expect(() => restoreDatabase(dataFile, foreign.file, {}, TEST_DB_KEY)).toThrow(/bukan kantor ini/)
    expect(readFileSync(dataFile).equals(before)).toBe(true)
    restoreDatabase(dataFile, foreign.file, { confirmOtherOffice: true }, TEST_DB_KEY)
    expect(mode(dataFile)).toBe(0o600)
    const back = openContext({ dataFile, host: 'cli', key: keyFor(dataFile) })
    expect(back.office()?.wilayahCode).toBe('12.18.05')
    back.close()
  })

  it('simpul restore: exit 1 with both offices named, then --other-office restores', () => {
    const { ours, foreign } = twoOffices()
    const { dataFile } = ours
    ours.close()
    const run = (...args: string[]) => spawnSync(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...CLI_ENV } })
    const refused = run('restore', foreign.file, '--db', dataFile)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toMatch(/milik Kantor 12\.18\.05 \(12\.18\.05\), bukan kantor ini, Kantor 12\.18\.04 \(12\.18\.04\)/)
    expect(refused.stderr).toMatch(/--other-office/)
    const done = run('restore', foreign.file, '--other-office', '--db', dataFile, '--json')
    expect(done.status).toBe(0)
    expect(JSON.parse(done.stdout).previousBackup).toMatch(/pre-restore\.sqlite$/)
    expect(mode(dataFile)).toBe(0o600)
  })

  it('a backup without an office (made before setup) is not another office', async () => {
    const clock = movingClock('2026-11-24T09:00:00')
    const blank = makeCtx({ clock })
    const ours = makeCtx({ office: '12.18.04', clock })
    clock.add(MIN)
    const b = backupDatabase(blank.sqlite, ours.backupsDir, 'manual', clock)
    blank.close()
    const res = await dispatch(ours, 'backup.restore', { name: b.name })
    expect(res.ok).toBe(true)
    expect(ours.office()).toBeNull()
    ours.close()
  })
})

describe('the copy itself', () => {
  const files = (dir: string) => readdirSync(dir).sort()
  const content = (file: string) => {
    const db = rawDb(file, { readonly: true })
    try {
      return {
        mode: db.pragma('journal_mode', { simple: true }),
        integrity: db.pragma('integrity_check', { simple: true }),
        rows: db.prepare(`SELECT count(*) AS n FROM wilayah`).get(),
        state: (db.prepare(`SELECT value FROM meta WHERE key = 'test_state'`).get() as { value: string } | undefined)?.value ?? null,
      }
    } finally {
      db.close()
    }
  }

  it('an encrypted database is copied as its file: encrypted, standalone, the same content, with changes still in the WAL included', () => {
    const ctx = makeCtx({ office: '12.18' })
    setState(ctx, 'di-wal') // committed, not yet checkpointed
    const direct = join(ctx.dataDir, 'langsung.sqlite')
    expect(copyEncryptedFile(ctx.sqlite, direct)).toBe(true)
    expect(content(direct)).toMatchObject({ mode: 'delete', integrity: 'ok', state: 'di-wal' })
    const b = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock)
    expect(files(ctx.backupsDir)).toEqual([b.name]) // no -wal or -shm beside it
    expect(readFileSync(b.file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0')
    expect(content(b.file)).toEqual({ mode: 'delete', integrity: 'ok', rows: content(ctx.dataFile).rows, state: 'di-wal' })
    expect(statSync(b.file).mode & 0o777).toBe(0o600)
  })

  it('a plain database is never copied as its file (its free pages may hold deleted rows in clear)', () => {
    const dir = tempDir()
    const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli' })
    try {
      expect(copyEncryptedFile(ctx.sqlite, join(dir, 'tidak.sqlite'))).toBe(false)
      const b = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock)
      expect(readFileSync(b.file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')
    } finally {
      ctx.close()
    }
  })

  it('while another connection reads an older snapshot the WAL cannot be written back: VACUUM INTO makes the same copy', () => {
    const ctx = makeCtx({ office: '12.18' })
    setState(ctx, 'sebelum')
    const reader = rawDb(ctx.dataFile, { readonly: true })
    try {
      reader.exec('BEGIN')
      reader.prepare(`SELECT count(*) FROM meta`).get() // holds its snapshot
      setState(ctx, 'sesudah')
      expect(copyEncryptedFile(ctx.sqlite, join(ctx.dataDir, 'tidak.sqlite'))).toBe(false)
      expect(existsSync(join(ctx.dataDir, 'tidak.sqlite'))).toBe(false)
      const b = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock)
      expect(content(b.file)).toMatchObject({ mode: 'delete', integrity: 'ok', state: 'sesudah' })
      expect(files(ctx.backupsDir)).toEqual([b.name])
    } finally {
      reader.close()
    }
  })
})

describe('the copy while another connection writes', () => {
  it('another connection holding the write lock: the copy is made by VACUUM INTO, with what was committed', () => {
    const ctx = makeCtx({ office: '12.18' })
    setSetting(ctx.sqlite, 'test_state', 'tersimpan')
    ctx.sqlite.pragma('busy_timeout = 50')
    const writer = rawDb(ctx.dataFile)
    try {
      writer.exec('BEGIN IMMEDIATE')
      writer.prepare(`UPDATE meta SET value = 'belum' WHERE key = 'test_state'`).run()
      expect(copyEncryptedFile(ctx.sqlite, join(ctx.dataDir, 'tidak.sqlite'))).toBe(false)
      const b = backupDatabase(ctx.sqlite, ctx.backupsDir, 'manual', ctx.clock)
      const copy = rawDb(b.file, { readonly: true })
      expect(copy.prepare(`SELECT value FROM meta WHERE key = 'test_state'`).pluck().get()).toBe('tersimpan')
      copy.close()
    } finally {
      writer.close()
    }
  })
})
