import { sayId } from '../../src/shared/messages'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openContext } from '../../src/core/context'
import { writeBundle } from '../../src/core/exchange/export'
import { checkBundle } from '../../src/core/exchange/import'
import { bulkApply } from '../../src/core/exchange/stages/apply'
import { checkRows, versionKey } from '../../src/core/exchange/stages/check'
import { objectBuilder } from '../../src/core/exchange/stages/section'
import { columnsOf, TABLE_POLICIES } from '../../src/core/policy'
import { listPosyandu } from '../../src/core/registry/posyandu'
import { newId } from '../../src/core/sync/ids'
import { sectionRowBuilder, withDefaults } from '../../src/core/write'
import { appRoot } from '../../src/core/paths'
import { keyFor, makeCtx } from '../helpers/db'
import { addPosyandu, makeOffices, receive, send } from '../helpers/exchange'

/** Issue 17: the import's row built once per row, and the WAL copied back after the import answers. */

describe('one row object per incoming row (sectionRowBuilder)', () => {
  it('gives, for every travelling table and any subset of its columns, the row withDefaults makes of the section’s object', () => {
    const ctx = makeCtx({ office: '12.18' })
    for (const p of TABLE_POLICIES) {
      const cols = columnsOf(ctx.sqlite, p.table).map((c) => c.name)
      // Every other column, in reverse order: the builder must follow the section's order, not the table's.
      const sent = cols.filter((_, i) => i % 2 === 0).reverse()
      const values = sent.map((c, i) => `${c}-${i}`)
      const fromSection = withDefaults(ctx.sqlite, p.table, objectBuilder(sent)(values))
      expect(sectionRowBuilder(ctx.sqlite, p.table, sent)(values)).toEqual(fromSection)
      expect(Object.keys(sectionRowBuilder(ctx.sqlite, p.table, sent)(values))).toEqual(cols)
    }
  })

  it('a section from an older Simpul that lacks columns is checked with their defaults, and stored with them', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const own = addPosyandu(a, 'Melati')
    // No status, no model flags: as a Simpul before those columns would send it.
    const cols = Object.keys(own).filter((c) => !['status', 'status_reason', 'is_phi_model', 'is_ilp', 'is_spm_pilot'].includes(c))
    const short = { ...own, id: newId(), name: 'Kenanga Lama' }
    const broken = { ...own, id: newId(), name: 'X' }
    const file = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: [short, broken].map((r) => cols.map((c) => (r as Record<string, unknown>)[c])) }], { outDir }).file
    const check = await checkRows(kab, file, checkBundle(kab, file))
    expect(check.invalid.get(versionKey('posyandu', short))).toBeUndefined()
    expect(sayId(check.invalid.get(versionKey('posyandu', broken))!)).toBe('name: minimal 3 huruf')
    const report = await receive(kab, file)
    expect(report.totals).toMatchObject({ new: 1, rejected: 1 })
    expect(kab.sqlite.prepare(`SELECT status, is_phi_model, is_ilp FROM posyandu WHERE id = ?`).get(short.id)).toEqual({ status: 'aktif', is_phi_model: 0, is_ilp: 0 })
  })
})

describe('the WAL checkpoint of a bulk import (db/checkpoint.ts)', () => {
  it('runs after the import answers: the rows are committed, searchable from another connection, and the file catches up at the next turn', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    for (const name of ['Melati Satu', 'Mawar Dua', 'Kenanga Tiga']) addPosyandu(a, name)
    const file = send(a, kab, outDir)
    // Every commit would checkpoint at once (autocheckpoint after 1 page), and this small bundle applies in bulk mode.
    kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    kab.sqlite.pragma('wal_autocheckpoint = 1')
    const saved = bulkApply.minRows
    bulkApply.minRows = 1
    try {
      const before = readFileSync(kab.dataFile)
      const report = await receive(kab, file)
      expect(report.totals.new).toBe(3)
      // Answered; nothing copied back into the file yet, the WAL holds the commit.
      expect(readFileSync(kab.dataFile).equals(before)).toBe(true)
      expect(kab.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1)
      // Another connection (another process would do the same) sees and finds the rows already.
      const other = openContext({ dataFile: kab.dataFile, host: 'cli', key: keyFor(kab.dataFile) })
      try {
        other.actAs(kab.actor())
        const found = listPosyandu(other, { search: 'mawar', page: 1, pageSize: 20, sortBy: 'name', sortDir: 'asc' } as never)
        expect(found.rows.map((r) => r.name)).toEqual(['Mawar Dua'])
      } finally {
        other.close()
      }
      await new Promise((r) => setImmediate(r))
      expect(readFileSync(kab.dataFile).equals(before)).toBe(false)
      const [ck] = kab.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[]
      expect(ck.checkpointed).toBe(ck.log)
    } finally {
      bulkApply.minRows = saved
    }
  })

  it('a small bundle (row by row) still checkpoints at its COMMIT', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Melati Satu')
    const file = send(a, kab, outDir)
    kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    kab.sqlite.pragma('wal_autocheckpoint = 1')
    const before = readFileSync(kab.dataFile)
    await receive(kab, file)
    expect(readFileSync(kab.dataFile).equals(before)).toBe(false)
  })
})

describe('glibc heaps of the importing processes', () => {
  it.skipIf(process.platform !== 'linux')('the simpul command, started as its own program, runs with MALLOC_ARENA_MAX=2 in its own process (a kill reaches it)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SIMPUL_USER: 'admin' }
    delete env.MALLOC_ARENA_MAX
    delete env.SIMPUL_PASSWORD
    // A command that waits for its password on stdin keeps the process alive to look at.
    const ctx = makeCtx({ office: '12.18' })
    ctx.close()
    const child = spawn(join(appRoot(), 'bin', 'simpul.js'), ['user', 'list', '--db', ctx.dataFile], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    try {
      await new Promise<void>((ok, ko) => {
        let said = ''
        const asked = (d: Buffer) => ((said += d), /sandi/i.test(said) && ok())
        child.stdout.on('data', asked)
        child.stderr.on('data', asked)
        child.on('exit', (code) => ko(new Error(`simpul ended with ${code}: ${said}`)))
      })
      const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0')
      expect(environ).toContain('MALLOC_ARENA_MAX=2')
      expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).toContain('simpul.js')
    } finally {
      child.kill('SIGKILL')
    }
  })
})
