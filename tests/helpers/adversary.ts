import type { Ctx } from '../../src/core/context'
import { insertRow } from '../../src/core/db/rows'
import { writeBundle } from '../../src/core/exchange/export'
import { dispatch } from '../../src/core/handlers'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { addPosyandu, addRegulation, makeOffices, receive, send } from './exchange'

/** Calls an operation through the dispatcher; throws with the message when refused. */
export async function op<K extends OpName>(ctx: Ctx, name: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(ctx, name, input)
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`)
  return r.data as Output<K>
}

export const KEC = ['12.18.04', '12.18.05', '12.18.06'] as const

export interface Person {
  nik: string
  npwp: string
  account: string
}

/**
 * A kabupaten (12.18) with three kecamatan offices, after a full exchange: each kecamatan
 * has a posyandu and two kader; the kabupaten has a decree, a rate of Rp 750.000, one
 * pendamping per kecamatan (NIK, NPWP, bank account) and a final honor list for March.
 */
export async function kabupatenWorld(kecamatan: readonly string[] = KEC) {
  const { kab, kec, outDir } = makeOffices([...kecamatan])
  const posyandu = kec.map((k, i) => addPosyandu(k, `Posyandu Melati ${i + 1}`))
  const kader = kec.map((k, i) => [
    insertRow(k, 'kader', { nik: `${kecamatan[i].replaceAll('.', '')}4508900${String(i * 2 + 1).padStart(3, '0')}`, name: `Kader ${i}A`, sex: 'P', phone: '081234567890' }),
    insertRow(k, 'kader', { nik: `${kecamatan[i].replaceAll('.', '')}1203850${String(i * 2 + 2).padStart(3, '0')}`, name: `Kader ${i}B`, sex: 'L' }),
  ])
  for (const k of kec) await receive(kab, send(k, kab, outDir))
  const decree = await op(kab, 'regulation.create', { kind: 'Kepbup', number: '208/050/2014', year: 2014, title: 'Pendamping PHI' })
  const rate = await op(kab, 'honor.rateSave', { amount: 750_000, validFrom: '2026-01-01', regulationId: decree.id })
  const people: (Person & { id: string })[] = []
  for (let i = 0; i < kec.length; i++) {
    const nik = `${kecamatan[i].replaceAll('.', '')}5005800${String(i + 1).padStart(3, '0')}`
    const account = `7700${String(i + 1).padStart(6, '0')}`
    const npwp = `09.876.543.${i}-012.000`
    const p = await op(kab, 'honor.personSave', { nik, name: `Pendamping ${i + 1}`, sex: 'P', bankName: 'Bank Sumut', accountNumber: account, accountHolder: `Pendamping ${i + 1}`, npwp })
    await op(kab, 'honor.assignmentSave', { personId: p.id, posyanduId: posyandu[i].id, regulationId: decree.id, fromDate: '2026-01-01' })
    people.push({ id: p.id, nik, npwp, account })
  }
  const list = await op(kab, 'honor.listCreate', { periodKind: 'bulan', year: 2026, month: 3, subKegiatanCode: '5.01.01.2.06.0003', subKegiatanName: 'Koordinasi Posyandu' })
  const final = await op(kab, 'honor.finalise', { id: list.list.id })
  const master = addRegulation(kab, 'Perbup Posyandu')
  for (const k of kec) await receive(k, send(kab, k, outDir))
  return { kab, kec, outDir, posyandu, kader, people, rate, list: final, master }
}

export type World = Awaited<ReturnType<typeof kabupatenWorld>>

/** All stored rows of one table, as objects. */
export const rows = (ctx: Ctx, table: string) => ctx.sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]
export const rowOf = (ctx: Ctx, table: string, id: string) => ctx.sqlite.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined

/**
 * A "modified Simpul" at `from`: signs and encrypts, with its real keys, a bundle holding
 * exactly the given rows (whatever their scope or content) for `to`.
 */
export function craft(from: Ctx, to: Ctx, outDir: string, table: string, list: Record<string, unknown>[]): string {
  const columns = Object.keys(list[0])
  return writeBundle(from, to.requireOffice().wilayahCode, [{ name: table, columns, rows: list.map((r) => columns.map((c) => r[c])) }], { outDir }).file
}

/** A row as the adversary edits it: a later revision of what it holds (or of what it saw). */
export const edited = (row: Record<string, unknown>, change: Record<string, unknown>) => ({ ...row, rev: Number(row.rev) + 1, hlc: LATER_HLC, ...change })
/** A moment after everything the tests' fixed clock (2026-11-24 09:00 WIB) has stamped. */
export const LATER_HLC = `${String(Date.parse('2026-11-24T09:00:00+07:00')).padStart(15, '0')}-900000`
