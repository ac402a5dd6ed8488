import { externalTarget } from '../../src/main/policy'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { makeCtx, dispatch } from '../helpers/db'

async function ok<K extends OpName>(ctx: Ctx, op: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(ctx, op, input)
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`)
  return r.data as Output<K>
}
async function refused<K extends OpName>(ctx: Ctx, op: K, input: Input<K>) {
  const r = await dispatch(ctx, op, input)
  expect(r.ok, `${op} should be refused`).toBe(false)
  return (r as { ok: false; error: { code: string; message: string } }).error
}
const snapshot = (ctx: Ctx) => ['regulation', 'programme', 'programme_posyandu', 'audit_log'].map((t) => ctx.sqlite.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all())

/** A small but real PDF (header, one empty page, trailer). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

async function setting() {
  const ctx = makeCtx({ office: '12.18' })
  const perbup = await ok(ctx, 'regulation.create', { kind: 'Perbup', number: '23', year: 2013, title: 'Pedoman Pelaksanaan Posyandu Holistik Integratif', dateSigned: '2013-05-23' })
  const kepbup = await ok(ctx, 'regulation.create', { kind: 'Kepbup', number: '154/060/2014', year: 2014, title: 'Sepuluh Model Posyandu Holistik Integratif' })
  const posyandu = insertRow(ctx, 'posyandu', { name: 'Melati', desa_code: '12.18.04.2001', is_phi_model: 1, phi_regulation_id: kepbup.id }, { scope: '12.18.04' })
  const ref = await ok(ctx, 'programme.reference', {})
  const programme = await ok(ctx, 'programme.save', {
    skpdId: ref.skpd.find((s) => s.code === 'bappeda')!.id, fiscalYear: 2026, name: 'Pembinaan PHI', phiPart: 'peduli', fundingSource: 'apbd',
    budget: 50_000_000, realisation: 10_000_000, regulationId: perbup.id, posyanduIds: [posyandu.id],
  })
  return { ctx, perbup, kepbup, posyandu, programme: programme.programme, bappeda: ref.skpd.find((s) => s.code === 'bappeda')!.id }
}

describe('regulations: amend, revoke and what rests on them', () => {
  it('lists everything resting on a regulation, from any table with a regulation_id-like column', async () => {
    const { ctx, perbup, kepbup, posyandu, programme } = await setting()
    expect(await ok(ctx, 'regulation.dependents', { id: perbup.id })).toEqual([{ table: 'programme', column: 'regulation_id', id: programme.id, label: 'Pembinaan PHI' }])
    expect(await ok(ctx, 'regulation.dependents', { id: kepbup.id })).toEqual([{ table: 'posyandu', column: 'phi_regulation_id', id: posyandu.id, label: 'Melati' }])
    // A table another area adds later (honor rates) is found without changing this code.
    ctx.sqlite.exec(`CREATE TABLE honor_rate_test (id TEXT PRIMARY KEY, amount INTEGER, regulation_id TEXT, deleted_at TEXT)`)
    ctx.sqlite.prepare(`INSERT INTO honor_rate_test VALUES ('r1', 330000, ?, NULL), ('r2', 500000, ?, '2026-01-01')`).run(kepbup.id, kepbup.id)
    const deps = await ok(ctx, 'regulation.dependents', { id: kepbup.id })
    expect(deps.map((d) => `${d.table}.${d.column}:${d.id}`)).toEqual([`honor_rate_test.regulation_id:r1`, `posyandu.phi_regulation_id:${posyandu.id}`])
    // A deleted programme no longer rests on anything.
    await ok(ctx, 'programme.delete', { id: programme.id })
    expect(await ok(ctx, 'regulation.dependents', { id: perbup.id })).toEqual([])
  })

  it('amending and revoking shows on the old regulation, the new one, and the programmes resting on it', async () => {
    const { ctx, perbup, programme } = await setting()
    const amend = await ok(ctx, 'regulation.create', { kind: 'Perbup', number: '12', year: 2018, title: 'Perubahan atas Perbup 23/2013' })
    const amended = await ok(ctx, 'regulation.setStatus', { id: perbup.id, status: 'diubah', byId: amend.id })
    expect(amended).toMatchObject({ status: 'diubah', changedById: amend.id, changedBy: { label: 'Perbup No. 12 Tahun 2018 — Perubahan atas Perbup 23/2013' } })
    expect(amended.dependents.map((d) => d.label)).toEqual(['Pembinaan PHI'])
    expect((await ok(ctx, 'regulation.detail', { id: amend.id }))!.changes.map((c) => c.id)).toEqual([perbup.id])
    const p1 = (await ok(ctx, 'programme.get', { id: programme.id }))!
    expect(p1.regulationStatus).toBe('diubah')
    expect(p1.warnings).toEqual(['Dasar hukum Perbup No. 23 Tahun 2013 — Pedoman Pelaksanaan Posyandu Holistik Integratif sudah diubah oleh Perbup No. 12 Tahun 2018 — Perubahan atas Perbup 23/2013; periksa apakah program masih sesuai.'])

    const revoke = await ok(ctx, 'regulation.create', { kind: 'Perbup', number: '5', year: 2025, title: 'Posyandu sebagai LKD (pencabutan Perbup 23/2013)' })
    await ok(ctx, 'regulation.setStatus', { id: perbup.id, status: 'dicabut', byId: revoke.id })
    const [listed] = await ok(ctx, 'programme.list', { fiscalYear: 2026 })
    expect(listed.regulationStatus).toBe('dicabut')
    expect(listed.warnings[0]).toMatch(/sudah DICABUT oleh Perbup No. 5 Tahun 2025/)
    const audit = ctx.sqlite.prepare(`SELECT action, json_extract(after_json, '$.status') AS status FROM audit_log WHERE row_id = ? ORDER BY rowid`).all(perbup.id)
    expect(audit).toEqual([{ action: 'create', status: 'berlaku' }, { action: 'update', status: 'diubah' }, { action: 'update', status: 'dicabut' }])

    // Refusals leave everything as it was.
    await ok(ctx, 'regulation.setStatus', { id: amend.id, status: 'diubah', byId: revoke.id })
    const before = snapshot(ctx)
    expect((await refused(ctx, 'regulation.setStatus', { id: perbup.id, status: 'dicabut', byId: null })).message).toMatch(/Pilih regulasi yang mencabut/)
    expect((await refused(ctx, 'regulation.setStatus', { id: revoke.id, status: 'diubah', byId: revoke.id })).message).toMatch(/dirinya sendiri/)
    expect((await refused(ctx, 'regulation.setStatus', { id: revoke.id, status: 'dicabut', byId: perbup.id })).message).toMatch(/sudah dicabut, sehingga tidak dapat mencabut/)
    expect((await refused(ctx, 'regulation.setStatus', { id: revoke.id, status: 'diubah', byId: amend.id })).code).toBe('REGULATION_CYCLE')
    expect(snapshot(ctx)).toEqual(before)
  })

  it('refuses a programme on a revoked regulation unless the warning is acknowledged', async () => {
    const { ctx, perbup, bappeda } = await setting()
    const revoke = await ok(ctx, 'regulation.create', { kind: 'Permendagri', number: '13', year: 2024, title: 'Posyandu' })
    await ok(ctx, 'regulation.setStatus', { id: perbup.id, status: 'dicabut', byId: revoke.id })
    const input = { skpdId: bappeda, fiscalYear: 2027, name: 'Program baru', phiPart: 'sehat', fundingSource: 'apbd', budget: 1_000_000, realisation: 0, regulationId: perbup.id }
    const before = snapshot(ctx)
    const err = await refused(ctx, 'programme.save', input)
    expect(err.code).toBe('REGULATION_REVOKED')
    expect(err.message).toMatch(/sudah DICABUT oleh Permendagri No. 13 Tahun 2024 — Posyandu\. Pilih regulasi yang berlaku/)
    expect(snapshot(ctx)).toEqual(before)
    const saved = await ok(ctx, 'programme.save', { ...input, acknowledgeRevoked: true })
    expect(saved.warnings).toHaveLength(1)
    expect(saved.warnings[0]).toMatch(/DICABUT/)
    // In force again: the warning goes away.
    await ok(ctx, 'regulation.setStatus', { id: perbup.id, status: 'berlaku', byId: null })
    expect((await ok(ctx, 'programme.get', { id: saved.programme.id }))!.warnings).toEqual([])
  })

  it('updates a regulation and refuses a duplicate or a signing date outside its year', async () => {
    const { ctx, perbup, kepbup } = await setting()
    const upd = await ok(ctx, 'regulation.update', { id: perbup.id, kind: 'Perbup', number: '23', year: 2013, title: 'Pedoman PHI (judul diperbaiki)', dateSigned: '2013-05-23', notes: 'Disalin dari JDIH' })
    expect(upd.label).toBe('Perbup No. 23 Tahun 2013 — Pedoman PHI (judul diperbaiki)')
    expect((await ok(ctx, 'regulation.search', { text: 'JDIH' })).map((r) => r.id)).toEqual([perbup.id])
    const before = snapshot(ctx)
    expect((await refused(ctx, 'regulation.update', { id: kepbup.id, kind: 'Perbup', number: '23', year: 2013, title: 'x y z' })).message).toMatch(/sudah terdaftar/)
    expect((await refused(ctx, 'regulation.update', { id: kepbup.id, kind: 'Kepbup', number: '154/060/2014', year: 2014, title: 'Model', dateSigned: '2013-12-01' })).message).toMatch(/tidak jatuh pada tahun 2014/)
    expect(snapshot(ctx)).toEqual(before)
  })
})

describe('regulation attachments', () => {
  it('stores the PDF under its checksum, opens it only while the checksum matches', async () => {
    const { ctx, perbup } = await setting()
    const hash = createHash('sha256').update(PDF).digest('hex')
    const att = await ok(ctx, 'regulation.attach', { id: perbup.id, fileName: 'perbup-23-2013.pdf', base64: `data:application/pdf;base64,${PDF.toString('base64')}` })
    expect(att).toEqual({ name: 'perbup-23-2013.pdf', size: PDF.length, sha256: hash })
    const file = join(ctx.filesDir, 'regulations', `${hash}.pdf`)
    expect(readFileSync(file).equals(PDF)).toBe(true)
    expect((await ok(ctx, 'regulation.detail', { id: perbup.id }))!.attachment).toEqual(att)
    const opened = await ok(ctx, 'regulation.attachment', { id: perbup.id })
    expect(Buffer.from(opened.base64, 'base64').equals(PDF)).toBe(true)
    // The desktop window opens the checked file itself, which lies inside the app's files folder.
    expect(await ok(ctx, 'regulation.openAttachment', { id: perbup.id })).toEqual({ path: file })
    expect(externalTarget(file, [ctx.filesDir])).toEqual({ kind: 'file', path: file })

    // Someone edits the file in the data folder: it is not opened.
    writeFileSync(file, Buffer.concat([PDF, Buffer.from('% diubah\n')]))
    const changed = await refused(ctx, 'regulation.attachment', { id: perbup.id })
    expect(changed.code).toBe('ATTACHMENT_CHANGED')
    expect((await refused(ctx, 'regulation.openAttachment', { id: perbup.id })).code).toBe('ATTACHMENT_CHANGED')
    expect(changed.message).toMatch(/telah berubah sejak disimpan \(checksum tidak cocok\)/)
    // Re-attaching the original repairs it.
    await ok(ctx, 'regulation.attach', { id: perbup.id, fileName: 'perbup-23-2013.pdf', base64: PDF.toString('base64') })
    expect((await ok(ctx, 'regulation.attachment', { id: perbup.id })).sha256).toBe(hash)
    rmSync(file)
    expect((await refused(ctx, 'regulation.attachment', { id: perbup.id })).code).toBe('ATTACHMENT_MISSING')
  })

  it('refuses a file that is not a PDF, or none at all, and changes nothing', async () => {
    const { ctx, perbup, kepbup } = await setting()
    const before = snapshot(ctx)
    expect((await refused(ctx, 'regulation.attach', { id: perbup.id, fileName: 'scan.docx', base64: Buffer.from('PK\x03\x04 word').toString('base64') })).message).toBe('scan.docx bukan berkas PDF. Lampirkan salinan regulasi dalam bentuk PDF.')
    expect((await refused(ctx, 'regulation.attach', { id: perbup.id, fileName: 'x.pdf', base64: '' })).message).toMatch(/Berkas kosong/)
    expect((await refused(ctx, 'regulation.attach', { id: perbup.id, fileName: 'x.pdf', base64: '***' })).message).toMatch(/bukan base64/)
    expect((await refused(ctx, 'regulation.attachment', { id: kepbup.id })).message).toBe('Regulasi ini belum memiliki lampiran PDF.')
    expect(snapshot(ctx)).toEqual(before)
    expect(existsSync(join(ctx.filesDir, 'regulations'))).toBe(false)
  })
})
