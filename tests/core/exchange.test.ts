import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deleteRow, insertRow, updateRow } from '../../src/core/db/rows'
import { exportBundle, writeBundle } from '../../src/core/exchange/export'
import { FORMAT_VERSION } from '../../src/core/exchange/format'
import { inspectBundle } from '../../src/core/exchange/handlers'
import { checkBundle } from '../../src/core/exchange/import'
import { keysDir } from '../../src/core/exchange/keys'
import { enrolOffice, listPeers, makeCard, readCard, rekeySelf, revokeOffice } from '../../src/core/exchange/peers'
import { dismissConflict, listConflicts, reapplyConflict, bundleHistory } from '../../src/core/exchange/review'
import { makeCtx } from '../helpers/db'
import { addPosyandu, addRegulation, code, dbState, enrolPair, makeOffices, receive, refusal, resignedCopy, send, snapshot } from '../helpers/exchange'

const KEC_A = '12.18.04'
const KEC_B = '12.18.05'
const row = (ctx: ReturnType<typeof makeCtx>, id: string) => ctx.sqlite.prepare('SELECT * FROM posyandu WHERE id = ?').get(id) as Record<string, unknown> | undefined

describe('office enrolment', () => {
  it('keeps private keys in the data folder with owner-only permissions', () => {
    const ctx = makeCtx({ office: KEC_A })
    makeCard(ctx)
    const dir = keysDir(ctx.dataDir)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const f of ['sign-ed25519.pem', 'box-x25519.pem']) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600)
      expect(readFileSync(join(dir, f), 'utf8')).toContain('PRIVATE KEY')
    }
  })

  it('shows a 4×4 fingerprint and accepts a card only when the fingerprint matches', () => {
    const kab = makeCtx({ office: '12.18' })
    const kec = makeCtx({ office: KEC_A })
    const card = JSON.stringify(makeCard(kec))
    const fp = readCard(card).fingerprint
    expect(fp).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    const wrong = fp.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))
    const e = expect(() => enrolOffice(kab, card, wrong))
    e.toThrow(/Sidik jari tidak cocok/)
    expect(listPeers(kab)).toEqual([])
    // Typed in lower case with spaces, as heard over the phone.
    const peer = enrolOffice(kab, card, fp.toLowerCase().replaceAll('-', ' '))
    expect(peer).toMatchObject({ wilayahCode: KEC_A, level: 'kecamatan', status: 'active', fingerprint: fp })
  })

  it('refuses a damaged card, a card of a foreign office, and its own card', () => {
    const kab = makeCtx({ office: '12.18' })
    const foreign = makeCtx({ office: '33.25.01' })
    const card = makeCard(makeCtx({ office: KEC_A }))
    const damaged = JSON.stringify({ ...card, name: 'Kantor Palsu' })
    expect(() => enrolOffice(kab, damaged, readCard(JSON.stringify(card)).fingerprint)).toThrow(/rusak atau telah diubah/)
    expect(() => enrolOffice(kab, 'halo', 'AAAA-AAAA-AAAA-AAAA')).toThrow(/bukan kartu kantor Simpul/)
    const f = JSON.stringify(makeCard(foreign))
    expect(() => enrolOffice(kab, f, readCard(f).fingerprint)).toThrow(/hanya dapat mendaftarkan kantor kecamatan di wilayahnya/)
    const own = JSON.stringify(makeCard(kab))
    expect(() => enrolOffice(kab, own, readCard(own).fingerprint)).toThrow(/kartu kantor Anda sendiri/)
    expect(listPeers(kab)).toEqual([])
  })
})

describe('bundle round trip', () => {
  it('kecamatan → kabupaten → kecamatan carries rows, edits and deletions', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const p1 = addPosyandu(a, 'Mawar I')
    const p2 = addPosyandu(a, 'Melati')
    const r1 = await receive(kab, send(a, kab, outDir))
    expect(r1.totals).toMatchObject({ new: 2, changed: 0, conflict: 0 })
    expect(r1.backupFile && existsSync(r1.backupFile)).toBeTruthy()
    expect(snapshot(kab, [KEC_A])).toEqual(snapshot(a))
    updateRow(kab, 'posyandu', p1.id, { address: 'Jl. Merdeka 1' })
    const master = addRegulation(kab, 'Perbup Posyandu Percontohan')
    deleteRow(a, 'posyandu', p2.id)
    const r2 = await receive(a, send(kab, a, outDir))
    expect(r2.totals).toMatchObject({ new: 1, changed: 1, conflict: 0 })
    expect((a.sqlite.prepare('SELECT scope FROM regulation WHERE id = ?').get(master.id) as { scope: string }).scope).toBe('12.18')
    const r3 = await receive(kab, send(a, kab, outDir))
    expect(r3.tables.find((t) => t.table === 'posyandu')).toMatchObject({ changed: 1, refused: 0 })
    // Deletions travel as tombstones.
    expect(row(kab, p2.id)?.deleted_at).not.toBeNull()
    expect(snapshot(kab, [KEC_A, '12.18'])).toEqual(snapshot(a))
    expect(row(kab, p1.id)?.address).toBe('Jl. Merdeka 1')
    // History on both sides, with acknowledgements.
    const sent = bundleHistory(kab).filter((b) => b.direction === 'out')
    expect(sent[0]).toMatchObject({ seq: 1, status: 'diterima', peerCode: KEC_A })
    expect(bundleHistory(a).filter((b) => b.direction === 'in').map((b) => b.seq)).toEqual([1])
  })

  it('names the file so a person recognises it and keeps the manifest readable', () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Kenanga')
    const res = exportBundle(a, '12.18', { outDir })
    expect(res.fileName).toBe(`simpul_${KEC_A}_12.18_2026-11-24_1.simpul`)
    const info = inspectBundle(kab, res.file)
    expect(info).toMatchObject({ ok: true, manifest: { from: { code: KEC_A }, to: { code: '12.18' }, seq: 1, ack: 0, counts: { posyandu: 1 }, rows: 1 } })
    expect(info.senderFingerprint).toBe(listPeers(kab)[0].fingerprint)
    // NIK, names: nothing of the payload is readable in the file.
    expect(readFileSync(res.file).includes(Buffer.from('Kenanga'))).toBe(false)
  })

  it('a lost bundle is repaired by the next one', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const lostRow = addPosyandu(a, 'Dahlia')
    send(a, kab, outDir) // lost on the way
    const later = addPosyandu(a, 'Anggrek')
    const r = await receive(kab, send(a, kab, outDir))
    expect(r.seq).toBe(2)
    expect(r.totals.new).toBe(2)
    expect(row(kab, lostRow.id)?.name).toBe('Dahlia')
    expect(row(kab, later.id)?.name).toBe('Anggrek')
  })

  it('the same bundle twice, or an older one after a newer, changes nothing', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Teratai')
    const first = send(a, kab, outDir)
    addPosyandu(a, 'Cempaka')
    const second = send(a, kab, outDir)
    await receive(kab, second)
    const before = dbState(kab)
    const again = await refusal(receive(kab, second))
    expect(again.code).toBe('BUNDLE_ALREADY_IMPORTED')
    expect(again.message).toMatch(/sudah pernah diimpor; tidak ada yang perlu dilakukan/)
    const older = await refusal(receive(kab, first))
    expect(older.code).toBe('BUNDLE_OLDER')
    expect(older.message).toMatch(/lebih lama/)
    expect(dbState(kab)).toBe(before)
  })
})

describe('refusals before anything is written', () => {
  it('a tampered byte anywhere in the file is refused and the database is unchanged', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    for (let i = 0; i < 3; i++) addPosyandu(a, `Posyandu ${i}`)
    const file = send(a, kab, outDir)
    const original = readFileSync(file)
    const before = dbState(kab)
    const codes = new Set<string>()
    const bad = join(outDir, 'bad.simpul')
    for (let pos = 0; pos < original.length; pos++) {
      const copy = Buffer.from(original)
      copy[pos] ^= 0x01
      writeFileSync(bad, copy)
      const e = await refusal(receive(kab, bad))
      codes.add(e.code)
    }
    expect([...codes].sort()).toEqual(expect.arrayContaining(['BUNDLE_NOT_SIMPUL', 'BUNDLE_TAMPERED']))
    // A flipped byte in the sender's code names an office that is not enrolled.
    for (const c of codes) expect(['BUNDLE_NOT_SIMPUL', 'BUNDLE_TAMPERED', 'BUNDLE_TRUNCATED', 'BUNDLE_NEWER', 'BUNDLE_UNKNOWN_SENDER']).toContain(c)
    expect(dbState(kab)).toBe(before)
    // The untouched file still imports.
    expect((await receive(kab, file)).totals.new).toBe(3)
  })

  it('truncated files and strangers get their own messages', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Seruni')
    const file = send(a, kab, outDir)
    const whole = readFileSync(file)
    const before = dbState(kab)
    const cut = join(outDir, 'cut.simpul')
    for (const len of [20, 200, whole.length - 100, whole.length - 1]) {
      writeFileSync(cut, whole.subarray(0, len))
      const e = await refusal(receive(kab, cut))
      expect(e.code, `length ${len}`).toBe('BUNDLE_TRUNCATED')
      expect(e.message).toMatch(/terpotong/)
    }
    writeFileSync(cut, 'Ini surat biasa, bukan bundel.')
    expect((await refusal(receive(kab, cut))).message).toBe('Berkas ini bukan berkas bundel Simpul (.simpul).')
    writeFileSync(cut, Buffer.concat([whole, Buffer.from('x')]))
    expect((await refusal(receive(kab, cut))).code).toBe('BUNDLE_TAMPERED')
    expect(dbState(kab)).toBe(before)
  })

  it('a bundle made by a newer Simpul asks to update first', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Bougenville')
    const file = send(a, kab, outDir)
    const before = dbState(kab)
    const newerFormat = Buffer.from(readFileSync(file))
    newerFormat[7] = FORMAT_VERSION + 1
    writeFileSync(join(outDir, 'f.simpul'), newerFormat)
    for (const f of [
      join(outDir, 'f.simpul'),
      resignedCopy(file, a.dataDir, (m) => (m.schemaVersion = a.schemaVersion + 1)),
      resignedCopy(file, a.dataDir, (m) => (m.format = FORMAT_VERSION + 1)),
    ]) {
      const e = await refusal(receive(kab, f))
      expect(e.code).toBe('BUNDLE_NEWER')
      expect(e.message).toMatch(/Perbarui Simpul terlebih dahulu/)
    }
    expect(dbState(kab)).toBe(before)
  })

  it('refuses a bundle addressed to another office, from an unknown or a revoked sender', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices([KEC_A, KEC_B])
    addPosyandu(kab, 'Master')
    const toA = send(kab, a, outDir)
    const beforeB = dbState(b)
    const wrong = await refusal(receive(b, toA))
    expect(wrong.code).toBe('BUNDLE_WRONG_RECEIVER')
    expect(wrong.message).toMatch(/ditujukan untuk Kantor 12\.18\.04/)
    expect(dbState(b)).toBe(beforeB)

    const stranger = makeCtx({ office: KEC_A })
    const unknown = await refusal(receive(stranger, send(kab, a, outDir)))
    expect(unknown.code).toBe('BUNDLE_UNKNOWN_SENDER')
    expect(unknown.message).toMatch(/belum didaftarkan/)

    revokeOffice(kab, KEC_A)
    addPosyandu(a, 'Setelah dicabut')
    const fromA = send(a, kab, outDir)
    const beforeKab = dbState(kab)
    const revoked = await refusal(receive(kab, fromA))
    expect(revoked.code).toBe('BUNDLE_REVOKED_SENDER')
    expect(revoked.message).toMatch(/telah dicabut/)
    expect(dbState(kab)).toBe(beforeKab)
    expect(() => exportBundle(kab, KEC_A, { outDir })).toThrow(/telah dicabut/)
  })

  it('a kecamatan bundle touching another kecamatan’s posyandu is refused whole, rows named', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices([KEC_A, KEC_B])
    const own = addPosyandu(a, 'Milik Sendiri')
    const foreign = addPosyandu(b, 'Posyandu Tetangga')
    await receive(kab, send(b, kab, outDir))
    // A modified Simpul at kecamatan A sends its own row plus an edit of B's posyandu.
    const forged: Record<string, unknown> = { ...row(kab, foreign.id)!, name: 'Diubah oleh A', rev: 9 }
    const ownRow = row(a, own.id)!
    const cols = Object.keys(ownRow)
    const file = writeBundle(a, '12.18', [{ name: 'posyandu', columns: cols, rows: [cols.map((c) => ownRow[c]), cols.map((c) => forged[c])] }], { outDir }).file
    const before = dbState(kab)
    const dry = await receive(kab, file, { dryRun: true })
    expect(dry.tables[0]).toMatchObject({ table: 'posyandu', new: 1, refused: 1 })
    expect(dry.refusal).toMatch(/Posyandu Tetangga|Diubah oleh A/)
    const e = await refusal(receive(kab, file))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    expect(e.message).toMatch(/ditolak seluruhnya: 1 baris di luar wewenang/)
    expect(e.message).toContain('Diubah oleh A')
    // The table as the screens name it (its policy label), not its database name.
    expect(e.message).toMatch(/wewenang .+\(12\.18\.04\): Posyandu "(Posyandu Tetangga|Diubah oleh A)"/)
    expect(e.message).not.toMatch(/: posyandu "/)
    expect((e.details as { rows: string[] }).rows).toContain(`posyandu ${foreign.id}`)
    expect(dbState(kab)).toBe(before)
    expect(row(kab, own.id)).toBeUndefined()
  })
})

describe('import', () => {
  it('names rows that point at others by the names of what they point at, never by an id', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const satu = addPosyandu(a, 'Satu')
    const siti = insertRow(a, 'kader', { nik: '1218045107900001', name: 'Siti', sex: 'P' })
    insertRow(a, 'kader_posyandu', { kader_id: siti.id, posyandu_id: satu.id, from_date: '2024-01-01' })
    insertRow(a, 'monthly_report', { posyandu_id: satu.id, month: '2025-03', held: 0 })
    const file = send(a, kab, outDir)
    // The kader and the posyandu arrive in the same bundle: named all the same (the dry run's rollback included).
    for (const dryRun of [true, false]) {
      const r = await receive(kab, file, { dryRun })
      const labels = Object.fromEntries(r.items.map((i) => [i.table, i.label]))
      expect(labels.kader_posyandu).toBe('Siti (NIK 1218********0001) · Satu · sejak 2024-01-01')
      expect(labels.monthly_report).toBe('Satu · Maret 2025')
      for (const i of r.items) expect(i.label, i.table).not.toMatch(/[0-9a-f]{8}/)
    }
  })

  it('dry run reports per table and changes nothing; rejected records are reported back', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const p1 = addPosyandu(a, 'Satu')
    const p2 = addPosyandu(a, 'Dua')
    insertRow(a, 'kader', { nik: '1218045107900001', name: 'Siti', sex: 'P' })
    const file = send(a, kab, outDir)
    const before = dbState(kab)
    const dry = await receive(kab, file, { dryRun: true })
    expect(dry.dryRun).toBe(true)
    expect(dry.tables).toEqual([
      { table: 'kader', label: 'Kader', new: 1, changed: 0, unchanged: 0, refused: 0, conflict: 0, rejected: 0, withdrawn: 0 },
      { table: 'posyandu', label: 'Posyandu', new: 2, changed: 0, unchanged: 0, refused: 0, conflict: 0, rejected: 0, withdrawn: 0 },
    ])
    // Rows are named as a person knows them; a NIK is masked.
    expect(dry.items.map((i) => i.label).sort()).toEqual(['Dua', 'Satu', 'Siti (NIK 1218********0001)'])
    // The wilayah by name, for people (the code stays in `scope`).
    expect(dry.items.every((i) => i.scopeName === 'Sei Rampah')).toBe(true)
    expect(dbState(kab)).toBe(before)

    const applied = await receive(kab, file, { reject: [{ table: 'posyandu', id: p2.id }] })
    expect(applied.totals).toMatchObject({ new: 2, rejected: 1 })
    expect(row(kab, p1.id)).toBeDefined()
    expect(row(kab, p2.id)).toBeUndefined()
    // The receipt in the kabupaten's next bundle tells the kecamatan.
    await receive(a, send(kab, a, outDir))
    const out = bundleHistory(a).find((b) => b.direction === 'out' && b.seq === 1)!
    expect(out.status).toBe('diterima')
    expect(out.rejected).toEqual([{ table: 'posyandu', id: p2.id }])
  })

  it('concurrent edits pick the same winner on both sides and keep the loser for review', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const p = addPosyandu(a, 'Sejahtera')
    await receive(kab, send(a, kab, outDir))
    await receive(a, send(kab, a, outDir))
    // Both change the same posyandu before hearing from each other.
    updateRow(a, 'posyandu', p.id, { address: 'Versi kecamatan' })
    updateRow(kab, 'posyandu', p.id, { address: 'Versi kabupaten' })
    updateRow(kab, 'posyandu', p.id, { rt: '003' })
    const toKab = send(a, kab, outDir)
    const toA = send(kab, a, outDir)
    const rKab = await receive(kab, toKab)
    const rA = await receive(a, toA)
    expect(rKab.totals.conflict + rA.totals.conflict).toBeGreaterThanOrEqual(1)
    expect(row(a, p.id)).toEqual(row(kab, p.id))
    expect(row(a, p.id)?.address).toBe('Versi kabupaten') // rev 3 beats rev 2
    const open = listConflicts(a, 'terbuka')
    expect(open).toHaveLength(1)
    expect(open[0]).toMatchObject({ table: 'posyandu', rowId: p.id, kind: 'versi', peerCode: '12.18' })
    expect(open[0].loser.address).toBe('Versi kecamatan')
    expect(open[0].winner?.address).toBe('Versi kabupaten')
    // A person re-applies the loser: a new change that wins everywhere after the next exchange.
    reapplyConflict(a, open[0].id)
    expect(listConflicts(a, 'terbuka')).toHaveLength(0)
    await receive(kab, send(a, kab, outDir))
    expect(row(kab, p.id)?.address).toBe('Versi kecamatan')
    expect(row(kab, p.id)).toEqual(row(a, p.id))
    expect(() => dismissConflict(a, open[0].id)).toThrow(/sudah ditangani/)
  })

  it('a clash with a unique rule becomes a conflict, not a crash', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const mine = insertRow(a, 'posyandu', { name: 'Kembar', desa_code: '12.18.04.2001' })
    insertRow(kab, 'posyandu', { name: 'kembar', desa_code: '12.18.04.2001' }, { scope: KEC_A })
    const r = await receive(kab, send(a, kab, outDir))
    expect(r.totals).toMatchObject({ conflict: 1, new: 0 })
    expect(r.items[0]).toMatchObject({ action: 'conflict', label: 'Kembar' })
    const c = listConflicts(kab, 'terbuka')
    expect(c).toHaveLength(1)
    expect(c[0]).toMatchObject({ kind: 'unik', rowId: mine.id })
  })

  it('cancelling an import leaves the database unchanged', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(a, 'Batal')
    const file = send(a, kab, outDir)
    const before = dbState(kab)
    const e = await refusal(receive(kab, file, { cancelled: () => true }))
    expect(e.code).toBe('BUNDLE_CANCELLED')
    expect(dbState(kab)).toBe(before)
  })

  it('three offices: master data reaches every kecamatan, a kecamatan’s rows reach only the kabupaten', async () => {
    const { kab, kec: [a, b], outDir } = makeOffices([KEC_A, KEC_B])
    const master = addRegulation(kab, 'Data Induk')
    const pa = addPosyandu(a, 'Milik A')
    await receive(kab, send(a, kab, outDir))
    await receive(a, send(kab, a, outDir))
    await receive(b, send(kab, b, outDir))
    const reg = (ctx: ReturnType<typeof makeCtx>) => ctx.sqlite.prepare('SELECT * FROM regulation WHERE id = ?').get(master.id)
    expect(reg(a)).toEqual(reg(kab))
    expect(reg(b)).toEqual(reg(kab))
    expect(row(b, pa.id)).toBeUndefined()
  })
})

describe('re-keying', () => {
  it('new keys travel with the next bundle; bundles to the old key still open', async () => {
    const { kab, kec: [a], outDir } = makeOffices()
    addPosyandu(kab, 'Sebelum')
    const inFlight = send(kab, a, outDir) // encrypted to A's current key
    const oldFp = listPeers(kab)[0].fingerprint
    const fresh = rekeySelf(a)
    expect(fresh.fingerprint).not.toBe(oldFp)
    expect((await receive(a, inFlight)).totals.new).toBe(1)
    addPosyandu(a, 'Sesudah')
    const r = await receive(kab, send(a, kab, outDir))
    expect(r.totals.new).toBe(1)
    expect(listPeers(kab)[0].fingerprint).toBe(fresh.fingerprint)
    // The kabupaten now encrypts to the new key.
    addPosyandu(kab, 'Kunci baru')
    expect((await receive(a, send(kab, a, outDir))).totals.new).toBe(1)
    // A forged re-key (signed by a stranger) is refused.
    const other = makeCtx({ office: KEC_A })
    enrolPair(makeCtx({ office: '12.18' }), other)
    const forged = resignedCopy(send(a, kab, outDir), other.dataDir, () => {})
    expect((await refusal(receive(kab, forged))).code).toBe('BUNDLE_TAMPERED')
  })

  it('checks happen before decrypting: inspect shows the manifest even for a refused bundle', () => {
    const { kab, kec: [a], outDir } = makeOffices()
    const file = send(kab, a, outDir)
    const other = makeCtx({ office: KEC_B })
    const info = inspectBundle(other, file)
    expect(info.ok).toBe(false)
    expect(info.code).toBe('BUNDLE_UNKNOWN_SENDER')
    expect(info.manifest.from.code).toBe('12.18')
    expect(() => checkBundle(a, file)).not.toThrow()
    expect(code(a)).toBe(KEC_A)
  })
})
