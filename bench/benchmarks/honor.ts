import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openContext } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { createList } from '../../src/core/honor/lists'
import { saveAssignment, savePerson, saveRate } from '../../src/core/honor/service'
import { honorListWorkbook } from '../../src/core/honor/xlsx'
import { setupOffice } from '../../src/core/office/service'
import { tempDir } from '../../tests/helpers/db'
import { ms, type Benchmark } from '../types'

/**
 * A kabupaten-size honor list (Kabupaten Batang: 1,236 posyandu, one pendamping each,
 * a whole year with a rate change in July), beside raw inserts of the same lines.
 */
export const honorBench: Benchmark = {
  name: 'honor',
  async run() {
    const dir = tempDir('simpul-bench-')
    const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli' })
    setupOffice(ctx, { wilayahCode: '12.18', level: 'kabupaten', name: 'Bappeda', operatorName: 'Bench' })
    const desa = ctx.sqlite.prepare(`SELECT code FROM wilayah WHERE code LIKE '12.18.%' AND level = 'desa' ORDER BY code`).all() as { code: string }[]
    const N = 1236
    for (let i = 0; i < N; i++) {
      const p = insertRow(ctx, 'posyandu', { name: `Posyandu ${i}`, desa_code: desa[i % desa.length].code }, { scope: desa[i % desa.length].code.slice(0, 8) })
      const person = savePerson(ctx, {
        nik: `1218${String(i).padStart(12, '0')}`, name: `Pendamping ${i}`, sex: 'P', address: null, phone: null, education: null,
        npwp: i % 4 ? '12.345.678.9-118.000' : null, nikAsNpwp: false, bankName: 'Bank Sumut', accountNumber: `21${String(i).padStart(8, '0')}`,
        accountHolder: null, isPns: false, golongan: null, nip: null, taxReason: null,
      })
      saveAssignment(ctx, { personId: person.id, posyanduId: p.id, role: 'pendamping', fromDate: '2025-01-01' })
    }
    saveRate(ctx, { role: 'pendamping', amount: 300_000, validFrom: '2025-01-01', validTo: '2026-06-30' })
    saveRate(ctx, { role: 'pendamping', amount: 330_000, validFrom: '2026-07-01' })

    let t = process.hrtime.bigint()
    const list = createList(ctx, { periodKind: 'kustom', year: 2026, monthFrom: '2026-01', monthTo: '2026-12', subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Bench' })
    const createMs = ms(t)
    t = process.hrtime.bigint()
    await honorListWorkbook(ctx, list.list.id)
    const xlsxMs = ms(t)

    // Baseline: the same lines written with one prepared statement in one transaction.
    const rows = ctx.sqlite.prepare(`SELECT * FROM honor_line WHERE list_id = ?`).all(list.list.id) as Record<string, unknown>[]
    const raw = new Database(join(dir, 'raw.sqlite'))
    const createSql = (ctx.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'honor_line'`).get() as { sql: string }).sql
    raw.exec(createSql)
    const keys = Object.keys(rows[0])
    const insert = raw.prepare(`INSERT INTO honor_line (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`)
    t = process.hrtime.bigint()
    raw.transaction(() => rows.forEach((r) => insert.run(r)))()
    const rawMs = ms(t)
    raw.close()
    ctx.close()
    rmSync(dir, { recursive: true, force: true })
    return [
      { name: `honor list: ${N} pendamping × 12 months, rate change in July (${rows.length} lines)`, figure: createMs, unit: 'ms', baseline: rawMs, baselineLabel: 'raw prepared inserts of the same lines', goal: '< 10 s', pass: createMs < 10_000 },
      { name: `honor list .xlsx export (${rows.length} lines, two sheets)`, figure: xlsxMs, unit: 'ms', baseline: null, baselineLabel: '', goal: '< 10 s', pass: xlsxMs < 10_000 },
    ]
  },
}
