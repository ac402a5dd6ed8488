import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { HonorRate, PendampingAssignment, PendampingPerson, personInput } from '../../shared/contract/honor'
import { formatRupiah } from '../../shared/format'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import { isoDate } from '../clock'
import type { Ctx } from '../context'
import { deleteRow, insertRow, requireRow, updateRow } from '../db/rows'
import { regulationLabel } from '../regulation/service'
import { defaultTaxRule } from './tax'

/**
 * Pendamping persons, their appointments to posyandu and the honor rates. These are
 * kabupaten master data kept by the TKPKD secretariat at Bappeda.
 */
export function requireKabupaten(ctx: Ctx): string {
  const office = ctx.requireOffice()
  if (office.level !== 'kabupaten') {
    throw new AppError('HONOR_KABUPATEN_ONLY', msg('honor.kabupatenOnly'))
  }
  return office.wilayahCode
}

export function posyanduOptions(ctx: Ctx) {
  const kab = requireKabupaten(ctx)
  return ctx.sqlite
    .prepare(
      `SELECT y.id, y.name, ifnull(d.name, y.desa_code) AS desaName, ifnull(k.name, '') AS kecamatanName
       FROM posyandu y LEFT JOIN wilayah d ON d.code = y.desa_code LEFT JOIN wilayah k ON k.code = d.parent_code
       WHERE y.deleted_at IS NULL AND y.desa_code LIKE ? ORDER BY k.name, d.name, y.name`,
    )
    .all(`${kab}.%`) as { id: string; name: string; desaName: string; kecamatanName: string }[]
}

export function searchKader(ctx: Ctx, text: string) {
  return ctx.sqlite
    .prepare(
      `SELECT id, nik, name, sex, phone, education FROM kader WHERE deleted_at IS NULL AND (name LIKE @like OR nik LIKE @like) ORDER BY name LIMIT 30`,
    )
    .all({ like: `%${text.replace(/[%_]/g, '')}%` }) as { id: string; nik: string; name: string; sex: 'L' | 'P'; phone: string | null; education: string | null }[]
}

// ---------- persons ----------

const PERSON_COLS = `p.id, p.kader_id AS kaderId, p.nik, p.name, p.sex, p.address, p.phone, p.education, p.npwp, p.nik_as_npwp AS nikAsNpwp,
  p.bank_name AS bankName, p.account_number AS accountNumber, p.account_holder AS accountHolder, p.is_pns AS isPns, p.golongan, p.nip,
  p.tax_rule AS taxRule, p.tax_reason AS taxReason,
  (SELECT count(*) FROM pendamping_assignment a WHERE a.person_id = p.id AND a.deleted_at IS NULL AND (a.to_date IS NULL OR a.to_date >= @today)) AS activeAssignments`

const toPerson = (r: Record<string, unknown>) => ({ ...r, nikAsNpwp: !!r.nikAsNpwp, isPns: !!r.isPns }) as PendampingPerson

export function listPersons(ctx: Ctx, text = ''): PendampingPerson[] {
  return (
    ctx.sqlite
      .prepare(`SELECT ${PERSON_COLS} FROM pendamping_person p WHERE p.deleted_at IS NULL AND (p.name LIKE @like OR p.nik LIKE @like) ORDER BY p.name`)
      .all({ like: `%${text.replace(/[%_]/g, '')}%`, today: isoDate(ctx.clock.now()) }) as Record<string, unknown>[]
  ).map(toPerson)
}

export function getPerson(ctx: Ctx, id: string): PendampingPerson {
  const r = ctx.sqlite.prepare(`SELECT ${PERSON_COLS} FROM pendamping_person p WHERE p.id = @id`).get({ id, today: isoDate(ctx.clock.now()) })
  if (!r) throw new AppError('NOT_FOUND', msg('notFound.pendamping'))
  return toPerson(r as Record<string, unknown>)
}

export type PersonFields = z.output<typeof personInput>

export function savePerson(ctx: Ctx, f: PersonFields): PendampingPerson {
  const scope = requireKabupaten(ctx)
  const taxRule = f.taxRule ?? defaultTaxRule(f.isPns)
  if (f.isPns && !f.golongan) throw new AppError('PERSON_GOLONGAN', msg('honor.pnsGolongan'))
  if (f.isPns && !f.nip) throw new AppError('PERSON_NIP', msg('honor.pnsNip'))
  if (taxRule === 'pns_final' && !f.isPns) throw new AppError('PERSON_TAX', msg('honor.pnsTax'))
  if (taxRule === 'tanpa_potongan' && !f.taxReason) throw new AppError('PERSON_TAX_REASON', msg('honor.taxReason'))
  const dup = ctx.sqlite.prepare(`SELECT id, name FROM pendamping_person WHERE nik = ? AND deleted_at IS NULL AND id IS NOT ?`).get(f.nik, f.id ?? null) as
    | { name: string }
    | undefined
  if (dup) throw new AppError('PERSON_EXISTS', msg('honor.personExists', { nik: f.nik, name: dup.name }))
  const values = {
    kader_id: f.kaderId ?? null,
    nik: f.nik,
    name: f.name,
    sex: f.sex,
    address: f.address,
    phone: f.phone,
    education: f.education,
    npwp: f.npwp,
    nik_as_npwp: f.nikAsNpwp ? 1 : 0,
    bank_name: f.bankName,
    account_number: f.accountNumber,
    account_holder: f.accountHolder,
    is_pns: f.isPns ? 1 : 0,
    golongan: f.isPns ? f.golongan : null,
    nip: f.isPns ? f.nip : null,
    tax_rule: taxRule,
    tax_reason: taxRule === 'tanpa_potongan' ? f.taxReason : null,
  }
  const row = f.id ? updateRow(ctx, 'pendamping_person', requireLive(ctx.sqlite, 'pendamping_person', f.id).id, values) : insertRow(ctx, 'pendamping_person', values, { scope })
  return getPerson(ctx, row.id)
}

function requireLive(sqlite: Database.Database, table: string, id: string) {
  const row = requireRow(sqlite, table, id)
  if (row.deleted_at) throw new AppError('NOT_FOUND', msg('notFound.deleted'))
  return row
}

export function deletePerson(ctx: Ctx, id: string): { id: string } {
  requireKabupaten(ctx)
  requireLive(ctx.sqlite, 'pendamping_person', id)
  const used = ctx.sqlite.prepare(`SELECT count(*) n FROM pendamping_assignment WHERE person_id = ? AND deleted_at IS NULL`).get(id) as { n: number }
  if (used.n) throw new AppError('PERSON_IN_USE', msg('honor.personInUse'))
  deleteRow(ctx, 'pendamping_person', id)
  return { id }
}

// ---------- assignments ----------

const ASSIGNMENT_SELECT = `SELECT a.id, a.person_id AS personId, p.name AS personName, a.posyandu_id AS posyanduId, ifnull(y.name, '?') AS posyanduName,
  ifnull(d.name, '') AS desaName, ifnull(k.name, '') AS kecamatanName, a.role, a.regulation_id AS regulationId,
  r.kind AS rKind, r.number AS rNumber, r.year AS rYear, r.title AS rTitle, a.from_date AS fromDate, a.to_date AS toDate, a.notes
  FROM pendamping_assignment a
  JOIN pendamping_person p ON p.id = a.person_id
  LEFT JOIN posyandu y ON y.id = a.posyandu_id
  LEFT JOIN wilayah d ON d.code = y.desa_code
  LEFT JOIN wilayah k ON k.code = d.parent_code
  LEFT JOIN regulation r ON r.id = a.regulation_id`

type WithReg = { rKind: string | null; rNumber: string; rYear: number; rTitle: string }
function withRegulation<T extends WithReg>(r: T) {
  const { rKind, rNumber, rYear, rTitle, ...rest } = r
  return { ...rest, regulationLabel: rKind ? regulationLabel({ kind: rKind, number: rNumber, year: rYear, title: rTitle }) : null }
}

export function listAssignments(ctx: Ctx, personId?: string): PendampingAssignment[] {
  const rows = ctx.sqlite
    .prepare(`${ASSIGNMENT_SELECT} WHERE a.deleted_at IS NULL AND (@personId IS NULL OR a.person_id = @personId) ORDER BY k.name, d.name, y.name, a.from_date`)
    .all({ personId: personId ?? null }) as (PendampingAssignment & WithReg)[]
  return rows.map(withRegulation)
}

export interface AssignmentFields {
  id?: string
  personId: string
  posyanduId: string
  role: string
  regulationId?: string | null
  fromDate: string
  toDate?: string | null
  notes?: string | null
}

/**
 * Saves an appointment. A second active pendamping for the same posyandu and role is
 * allowed (a decree may say so) but comes back as a warning.
 */
export function saveAssignment(ctx: Ctx, f: AssignmentFields): { assignment: PendampingAssignment; warnings: string[] } {
  const scope = requireKabupaten(ctx)
  requireLive(ctx.sqlite, 'pendamping_person', f.personId)
  const pos = ctx.sqlite.prepare(`SELECT name FROM posyandu WHERE id = ? AND deleted_at IS NULL`).get(f.posyanduId) as { name: string } | undefined
  if (!pos) throw new AppError('POSYANDU_UNKNOWN', msg('notFound.posyanduPlain'))
  if (f.regulationId && !ctx.sqlite.prepare(`SELECT 1 FROM regulation WHERE id = ? AND deleted_at IS NULL`).get(f.regulationId)) {
    throw new AppError('REGULATION_UNKNOWN', msg('honor.regulationUnknown'))
  }
  const overlapping = ctx.sqlite
    .prepare(
      `SELECT p.name FROM pendamping_assignment a JOIN pendamping_person p ON p.id = a.person_id
       WHERE a.deleted_at IS NULL AND a.posyandu_id = @posyanduId AND a.role = @role AND a.id IS NOT @id
         AND a.from_date <= ifnull(@toDate, '9999-12-31') AND ifnull(a.to_date, '9999-12-31') >= @fromDate`,
    )
    .all({ posyanduId: f.posyanduId, role: f.role, id: f.id ?? null, fromDate: f.fromDate, toDate: f.toDate ?? null }) as { name: string }[]
  const warnings = overlapping.map(
    (o) => `Posyandu ${pos.name} sudah punya ${f.role} aktif pada rentang ini (${o.name}). Biasanya satu per posyandu, kecuali keputusan menyatakan lain.`,
  )
  const values = {
    person_id: f.personId,
    posyandu_id: f.posyanduId,
    role: f.role,
    regulation_id: f.regulationId ?? null,
    from_date: f.fromDate,
    to_date: f.toDate ?? null,
    notes: f.notes ?? null,
  }
  const row = f.id ? updateRow(ctx, 'pendamping_assignment', requireLive(ctx.sqlite, 'pendamping_assignment', f.id).id, values) : insertRow(ctx, 'pendamping_assignment', values, { scope })
  return { assignment: listAssignments(ctx).find((a) => a.id === row.id)!, warnings }
}

export function deleteAssignment(ctx: Ctx, id: string): { id: string } {
  requireKabupaten(ctx)
  requireLive(ctx.sqlite, 'pendamping_assignment', id)
  deleteRow(ctx, 'pendamping_assignment', id)
  return { id }
}

// ---------- rates ----------

export function listRates(ctx: Ctx): HonorRate[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT h.id, h.role, h.amount, h.valid_from AS validFrom, h.valid_to AS validTo, h.regulation_id AS regulationId,
         r.kind AS rKind, r.number AS rNumber, r.year AS rYear, r.title AS rTitle
       FROM honor_rate h LEFT JOIN regulation r ON r.id = h.regulation_id
       WHERE h.deleted_at IS NULL ORDER BY h.role, h.valid_from DESC`,
    )
    .all() as (HonorRate & WithReg)[]
  return rows.map(withRegulation)
}

export interface RateFields {
  id?: string
  role: string
  amount: number
  validFrom: string
  validTo?: string | null
  regulationId?: string | null
}

/** Rates of one role may not overlap, so every month has at most one rate. */
export function saveRate(ctx: Ctx, f: RateFields): HonorRate {
  const scope = requireKabupaten(ctx)
  const clash = ctx.sqlite
    .prepare(
      `SELECT amount, valid_from AS validFrom, valid_to AS validTo FROM honor_rate
       WHERE deleted_at IS NULL AND role = @role AND id IS NOT @id
         AND valid_from <= ifnull(@validTo, '9999-12-31') AND ifnull(valid_to, '9999-12-31') >= @validFrom`,
    )
    .get({ role: f.role, id: f.id ?? null, validFrom: f.validFrom, validTo: f.validTo ?? null }) as { amount: number; validFrom: string; validTo: string | null } | undefined
  if (clash) {
    throw new AppError(
      'RATE_OVERLAP',
      msg('honor.rateOverlap', { role: f.role, amount: formatRupiah(clash.amount), from: clash.validFrom, to: clash.validTo ?? msg('honor.onwards') }),
    )
  }
  const values = { role: f.role, amount: f.amount, valid_from: f.validFrom, valid_to: f.validTo ?? null, regulation_id: f.regulationId ?? null }
  const row = f.id ? updateRow(ctx, 'honor_rate', requireLive(ctx.sqlite, 'honor_rate', f.id).id, values) : insertRow(ctx, 'honor_rate', values, { scope })
  return listRates(ctx).find((r) => r.id === row.id)!
}

export function deleteRate(ctx: Ctx, id: string): { id: string } {
  requireKabupaten(ctx)
  requireLive(ctx.sqlite, 'honor_rate', id)
  deleteRow(ctx, 'honor_rate', id)
  return { id }
}

export { requireLive }
