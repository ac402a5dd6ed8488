import type Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { craft, edited, KEC, kabupatenWorld, rows } from '../helpers/adversary'
import { receive, send } from '../helpers/exchange'

/** Every place a value occurs in a database: any column of any table, as text. */
function occurrences(sqlite: Database.Database, needle: string): string[] {
  const found: string[] = []
  const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`).all() as { name: string }[]
  for (const { name } of tables) {
    const cols = sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]
    for (const c of cols) {
      const n = (sqlite.prepare(`SELECT count(*) AS n FROM "${name}" WHERE instr(CAST("${c.name}" AS TEXT), ?) > 0`).get(needle) as { n: number }).n
      if (n) found.push(`${name}.${c.name}`)
    }
  }
  return found
}

const digits = (s: string) => s.replace(/\D/g, '')

describe('data minimisation', () => {
  it('after a full exchange, a kecamatan holds no NIK, NPWP, account or phone of a person outside its area', async () => {
    const w = await kabupatenWorld()
    for (const [i, k] of w.kec.entries()) {
      const secrets: [string, string][] = []
      // No pendamping's personal data reaches any kecamatan: it neither pays nor employs them.
      for (const p of w.people) secrets.push([`NIK pendamping`, p.nik], ['NPWP', p.npwp], ['NPWP', digits(p.npwp)], ['rekening', p.account])
      // Other kecamatans' kader.
      for (const [j, pair] of w.kader.entries()) if (j !== i) for (const kd of pair) secrets.push(['NIK kader', String(kd.nik)])
      for (const [what, value] of secrets) expect(occurrences(k.sqlite, value), `${KEC[i]} holds ${what} ${value}`).toEqual([])
      // No honor list or line at all; the kecamatan's own pendamping by name, with its posyandu.
      expect(rows(k, 'honor_line')).toEqual([])
      expect(rows(k, 'honor_list')).toEqual([])
      expect(rows(k, 'honor_rate')).toEqual([])
      const mine = rows(k, 'pendamping_person')
      expect(mine.map((p) => p.name)).toEqual([`Pendamping ${i + 1}`])
      expect(mine[0]).toMatchObject({ nik: '', npwp: null, account_number: null, bank_name: null, phone: null })
      expect(rows(k, 'pendamping_assignment').map((a) => a.posyandu_id)).toEqual([w.posyandu[i].id])
    }
    // The kabupaten keeps everything.
    expect(rows(w.kab, 'pendamping_person').map((p) => p.account_number).sort()).toEqual(w.people.map((p) => p.account).sort())
  })

  it('a tombstone carrying a hidden column is refused like any row: the kecamatan never stores the account', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    const mine = rows(a, 'pendamping_person')[0]
    const full = rows(w.kab, 'pendamping_person').find((p) => p.id === mine.id)!
    const tomb = edited(full, { deleted_at: '2026-11-24T02:00:00.000Z' })
    const report = await receive(a, craft(w.kab, a, w.outDir, 'pendamping_person', [tomb]))
    expect(report.totals.rejected).toBe(1)
    expect(report.items.find((i) => i.action === 'rejected')?.note).toMatch(/tidak boleh dikirim ke kantor ini/)
    for (const p of w.people) expect(occurrences(a.sqlite, p.account)).toEqual([])
    expect(rows(a, 'pendamping_person')[0].deleted_at).toBeNull()
  })

  it('rows a kecamatan holds from older bundles and is no longer granted are withdrawn by the next one; the kabupaten’s copy stays', async () => {
    const w = await kabupatenWorld()
    const [a] = w.kec
    // What an older Simpul sent to every kecamatan: all pendamping, whole, and the honor lines.
    for (const table of ['pendamping_person', 'honor_list', 'honor_line']) {
      for (const r of rows(w.kab, table)) {
        const cols = Object.keys(r)
        a.sqlite.prepare(`INSERT OR REPLACE INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => r[c]))
      }
    }
    expect(occurrences(a.sqlite, w.people[1].account)).not.toEqual([])
    const before = { lines: rows(w.kab, 'honor_line').length, people: rows(w.kab, 'pendamping_person').length }
    const report = await receive(a, send(w.kab, a, w.outDir))
    expect(report.totals.withdrawn).toBeGreaterThan(0)
    for (const p of w.people) {
      expect(occurrences(a.sqlite, p.account)).toEqual([])
      expect(occurrences(a.sqlite, p.nik)).toEqual([])
    }
    expect(rows(a, 'honor_line')).toEqual([])
    expect(rows(a, 'pendamping_person').map((p) => p.name)).toEqual(['Pendamping 1'])
    // A pendamping moved to another kecamatan's posyandu leaves A with the next bundle, and reaches B.
    const { updateRow } = await import('../../src/core/db/rows')
    const assignment = rows(w.kab, 'pendamping_assignment').find((x) => x.person_id === w.people[0].id)!
    updateRow(w.kab, 'pendamping_assignment', String(assignment.id), { posyandu_id: w.posyandu[1].id })
    await receive(a, send(w.kab, a, w.outDir))
    await receive(w.kec[1], send(w.kab, w.kec[1], w.outDir))
    expect(rows(a, 'pendamping_person')).toEqual([])
    expect(rows(w.kec[1], 'pendamping_person').map((p) => p.name).sort()).toEqual(['Pendamping 1', 'Pendamping 2'])
    expect({ lines: rows(w.kab, 'honor_line').length, people: rows(w.kab, 'pendamping_person').length }).toEqual(before)
  })
})
