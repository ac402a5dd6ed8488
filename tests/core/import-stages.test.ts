import { sayId } from '../../src/shared/messages'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { insertRow } from '../../src/core/db/rows'
import { createPeriod, lockPeriod } from '../../src/core/evaluation/periods'
import { writeBundle } from '../../src/core/exchange/export'
import { checkBundle } from '../../src/core/exchange/import'
import { applyBundle } from '../../src/core/exchange/stages/apply'
import { checkRows, versionKey } from '../../src/core/exchange/stages/check'
import { readBundleHeader } from '../../src/core/exchange/stages/header'
import { streamRows, verifyPayloadHash, type SectionHead } from '../../src/core/exchange/stages/payload'
import { checkSender } from '../../src/core/exchange/stages/sender'
import { appRoot } from '../../src/core/paths'
import { newId } from '../../src/core/sync/ids'
import { emptyMonth } from '../../src/shared/evaluation/fields'
import { rows } from '../helpers/adversary'
import { callOp, makeCtx, CLI_ENV } from '../helpers/db'
import { addPosyandu, dbState, makeOffices, receive, refusal, resignedCopy, send } from '../helpers/exchange'

/** Each stage of the import chain (src/core/exchange/import.ts), on its own. */

describe('stage 1 — header', () => {
  it('reads the manifest without any key, and refuses what is no bundle or is cut off', () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Melati')
    const file = send(a, kab, outDir)
    const h = readBundleHeader(file)
    expect(h.manifest).toMatchObject({ from: { code: '12.18.04' }, to: { code: '12.18' }, seq: 1, rows: 1, counts: { posyandu: 1 } })
    const notBundle = join(outDir, 'bukan.simpul')
    writeFileSync(notBundle, 'PK\u0003\u0004 lembar kerja')
    expect(() => readBundleHeader(notBundle)).toThrow(/bukan berkas bundel Simpul/)
    const cut = join(outDir, 'potong.simpul')
    writeFileSync(cut, readFileSync(file).subarray(0, 40))
    expect(() => readBundleHeader(cut)).toThrow(/terpotong/)
  })
})

describe('stage 2 — signature, sender, receiver, replay', () => {
  it('refuses a foreign receiver, a forged signature, a future clock in the manifest, and a replay', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices(['12.18.04', '12.18.05'])
    addPosyandu(a, 'Melati')
    const file = send(a, kab, outDir)
    expect(() => checkSender(b, readBundleHeader(send(kab, a, outDir)))).toThrow(/ditujukan untuk .* bukan untuk kantor ini/)
    const stranger = makeCtx({ office: '12.18.04' })
    expect(() => checkSender(kab, readBundleHeader(resignedCopy(file, stranger.dataDir, () => {})))).toThrow(/tanda tangan pengirim tidak cocok/)
    const future = resignedCopy(file, a.dataDir, (m) => (m.highHlc = '999999999999999-999999'))
    expect(() => checkSender(kab, readBundleHeader(future))).toThrow(/lebih dari sehari setelah tanggal komputer ini/)
    await receive(kab, file)
    expect(() => checkSender(kab, readBundleHeader(file))).toThrow(/sudah pernah diimpor/)
  })
})

describe('stage 3 — decrypt and stream rows', () => {
  it('proves the payload against the signed hash, then streams section heads and rows', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Melati')
    addPosyandu(a, 'Mawar')
    const file = send(a, kab, outDir)
    const checked = checkBundle(kab, file)
    await verifyPayloadHash(file, checked.header)
    const heads: SectionHead[] = []
    let n = 0
    expect(await streamRows(file, checked, { head: (h) => heads.push(h), row: () => n++ })).toBe(2)
    expect(heads.map((h) => h.table)).toEqual(['posyandu'])
    expect(n).toBe(2)
    // The kabupaten's bundle to a kecamatan carries complete sections for what it withdraws.
    const down = send(kab, a, outDir)
    const downHeads: SectionHead[] = []
    await streamRows(down, checkBundle(a, down), { head: (h) => downHeads.push(h), row: () => {} })
    expect(downHeads.filter((h) => h.complete).map((h) => h.table).sort()).toEqual(['honor_line', 'honor_list', 'honor_rate', 'kader_count', 'offer_decision', 'pendamping_assignment', 'pendamping_person', 'posyandu_stratum'])
    const flipped = Buffer.from(readFileSync(file))
    flipped[flipped.length - 30] ^= 1
    const bad = join(outDir, 'flip.simpul')
    writeFileSync(bad, flipped)
    await expect(verifyPayloadHash(bad, checkBundle(kab, bad).header)).rejects.toThrow(/isi tidak cocok dengan sidik manifes/)
  })
})

describe('stage 3 — lines across the inflated chunks', () => {
  it('hands over whole rows however the lines fall across chunks, and refuses a line over the limit', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const own = addPosyandu(a, 'Melati')
    const cols = Object.keys(own)
    const at = cols.indexOf('address')
    // Rows of 1 byte to 1.5 MB of text: lines end anywhere in the 256 KB chunks of the inflater,
    // a line spans several of them, and the text (random, so it does not deflate to nothing) is
    // not the same from row to row.
    let seed = 7
    const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2147483648) % 26))).join('')
    const list = [1, 300, 70_000, 262_143, 262_144, 600_000, 1_500_000, 5, 131_072].map((n) => cols.map((c, i) => (i === at ? text(n) : (own as Record<string, unknown>)[c])))
    const file = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: list }], { outDir }).file
    const got: unknown[][] = []
    expect(await streamRows(file, checkBundle(kab, file), { head: () => {}, row: (v) => got.push(v) })).toBe(list.length)
    expect(got).toEqual(list)
    // One line longer than LIMITS.lineBytes (4 MB): the file is refused, however it is split.
    const long = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: [list[1], cols.map((c, i) => (i === at ? text(4 * 1024 * 1024 + 10) : (own as Record<string, unknown>)[c]))] }], { outDir }).file
    await expect(streamRows(long, checkBundle(kab, long), { head: () => {}, row: () => {} })).rejects.toThrow(/baris terlalu panjang/)
  })
})

describe('stage 4 — check each row against the policy', () => {
  it('finds rows outside the sender’s authority and rows that break the rules, writing nothing', async () => {
    const { kab, kec: [a], outDir } = makeOffices(['12.18.04', '12.18.05'])
    const own = addPosyandu(a, 'Melati')
    const cols = Object.keys(own)
    const foreign = { ...own, id: newId(), scope: '12.18.05', desa_code: '12.18.05.2001', name: 'Bukan milik A' }
    const broken = { ...own, id: newId(), name: 'X' }
    const misplaced = { ...own, id: newId(), name: 'Salah desa', desa_code: '12.18.05.2001' }
    const file = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: [own, foreign, broken, misplaced].map((r) => cols.map((c) => (r as Record<string, unknown>)[c])) }], { outDir }).file
    const before = dbState(kab)
    const check = await checkRows(kab, file, checkBundle(kab, file))
    expect(check.rows).toBe(4)
    expect(check.unauthorised).toMatchObject([{ table: 'posyandu', id: foreign.id, label: 'Bukan milik A' }])
    expect(sayId(check.invalid.get(versionKey('posyandu', broken))!)).toBe('name: minimal 3 huruf')
    expect(sayId(check.invalid.get(versionKey('posyandu', misplaced))!)).toBe('desa 12.18.05.2001 tidak berada di kecamatan 12.18.04')
    expect(dbState(kab)).toBe(before)
  })
})

describe('stage 5 — plan (the dry run)', () => {
  it('reports exactly what apply then does, and changes nothing', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Melati')
    insertRow(a, 'kader', { nik: '1218045107900001', name: 'Siti', sex: 'P' })
    const file = send(a, kab, outDir)
    const before = dbState(kab)
    const plan = await receive(kab, file, { dryRun: true })
    expect(dbState(kab)).toBe(before)
    const done = await receive(kab, file)
    expect(done.tables).toEqual(plan.tables)
    expect(done.totals).toEqual(plan.totals)
  })
})

describe('stage 6 — back up', () => {
  it('a refused bundle makes no backup and rotates none away; an accepted one makes one', async () => {
    const { kab, kec: [a], outDir } = makeOffices(['12.18.04', '12.18.05'])
    const own = addPosyandu(a, 'Melati')
    const listing = () => (existsSync(kab.backupsDir) ? readdirSync(kab.backupsDir).sort() : [])
    const before = listing()
    const cols = Object.keys(own)
    const foreign = { ...own, id: newId(), scope: '12.18.05', desa_code: '12.18.05.2001' }
    const forged = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: [cols.map((c) => (foreign as Record<string, unknown>)[c])] }], { outDir }).file
    expect((await refusal(receive(kab, forged))).code).toBe('BUNDLE_UNAUTHORISED')
    expect(listing()).toEqual(before)
    const ok = await receive(kab, send(a, kab, outDir))
    expect(ok.backupFile).toBeTruthy()
    expect(listing().length).toBe(before.length + 1)
  })
})

describe('stage 7 — apply in one transaction', () => {
  it('locks that come in the same bundle apply after the data: a kecamatan restored from nothing receives a locked year', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const p = addPosyandu(kab, 'Melati')
    const month = { ...emptyMonth(), held: true, kader_on_duty: 5, s: 100, k: 90, d: 60, n: 50, t: 5, o: 3, b: 2 }
    await callOp(kab, 'evaluation.monthlySave', { items: [{ posyanduId: p.id, month: '2025-03', values: month } as never] })
    const period = createPeriod(kab, { name: 'Monev 2025', year: 2025, indicatorSetCode: 'strata-2011', areaCode: '12.18' })
    lockPeriod(kab, period.id, 'abc123')
    const r = await receive(a, send(kab, a, outDir))
    expect(r.totals.rejected).toBe(0)
    expect(rows(a, 'monthly_report').map((m) => m.month)).toEqual(['2025-03'])
    expect(rows(a, 'evaluation_period').map((m) => m.status)).toEqual(['locked'])
  })

  it('all or nothing: a failure in the middle leaves the database as it was', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Melati')
    const file = send(a, kab, outDir)
    const checked = checkBundle(kab, file)
    const check = await checkRows(kab, file, checked)
    const before = dbState(kab)
    await expect(applyBundle(kab, file, checked, check, { dryRun: false, reject: new Set(), itemsCap: 10, fileName: 'x', cancelled: () => true })).rejects.toThrow(/dibatalkan/)
    expect(dbState(kab)).toBe(before)
  })

  it('two processes importing one bundle at once record it once; the other says it was already imported', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    for (let i = 0; i < 300; i++) addPosyandu(a, `Posyandu ${i}`)
    const file = send(a, kab, outDir)
    const dbFile = kab.dataFile
    kab.close()
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), 'bundle', 'import', file, '--db', dbFile, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...CLI_ENV } })
        let out = ''
        child.stdout.on('data', (d) => (out += d))
        child.stderr.on('data', (d) => (out += d))
        child.on('exit', (code) => resolve({ code, out }))
      })
    const results = await Promise.all([run(), run()])
    expect(results.map((r) => r.code).sort()).toEqual([0, 1])
    expect(results.find((r) => r.code === 1)!.out).toMatch(/sudah pernah diimpor|BUNDLE_BUSY|sedang berjalan/)
    kab.reopen()
    expect(rows(kab, 'bundle_log').filter((b) => b.direction === 'in')).toHaveLength(1)
    expect(rows(kab, 'posyandu')).toHaveLength(300)
  }, 60_000)
})

describe('stage 8 — receipt', () => {
  it('rows left out travel back as the receipt; the acknowledgement moves the next bundle on', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const p = addPosyandu(a, 'Melati')
    const first = await receive(kab, send(a, kab, outDir), { reject: [{ table: 'posyandu', id: p.id }] })
    expect(first.totals.rejected).toBe(1)
    const back = send(kab, a, outDir)
    expect(readBundleHeader(back).manifest).toMatchObject({ ack: 1, rejected: [{ table: 'posyandu', id: p.id }] })
    await receive(a, back)
    expect(JSON.parse(String(rows(a, 'bundle_log').find((b) => b.direction === 'out')!.rejected_json))).toEqual([{ table: 'posyandu', id: p.id }])
    // Acknowledged rows are not sent again.
    addPosyandu(a, 'Mawar')
    expect(readBundleHeader(send(a, kab, outDir)).manifest.rows).toBe(1)
  })
})
