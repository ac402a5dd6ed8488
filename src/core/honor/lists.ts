import type { z } from 'zod'
import type { Amounts, HonorDiff, HonorLine, HonorListDetail, HonorListSummary, HonorOverlap, HonorRecap, HonorStatus, listCreateInput, PartialMonthRule } from '../../shared/contract/honor'
import { isoDate } from '../clock'
import { AppError } from '../../shared/result'
import { terbilangRupiah } from '../../shared/terbilang'
import type { Ctx } from '../context'
import { deleteRow, insertRow, requireRow, updateRow, type Row } from '../db/rows'
import { getSetting } from '../settings'
import { monthRange } from '../../shared/honorFormat'
import { formatRupiah } from '../../shared/format'
import { firstDay, lastDay, monthsBetween, monthShare, nextMonth, periodLabel, resolvePeriod } from './period'
import { requireKabupaten, requireLive } from './service'
import { computePph21, roundRupiah, type Golongan, type TaxRuleCode } from './tax'
import { msg } from '../../shared/messages'

/**
 * Honor lists: generated from active appointments × months × the rate in force, with
 * PPh 21 per line; draft → final (numbered, frozen by triggers) → paid; a correction
 * after final is a new revision that refers to the old list.
 */

export const PARTIAL_MONTH_SETTING = 'honor.pref.partial_month'
export const partialMonthRule = (ctx: Ctx): PartialMonthRule => (getSetting(ctx.sqlite, PARTIAL_MONTH_SETTING) === 'prorate' ? 'prorate' : 'full')


/** The person doing this step: their user id and name, recorded on the list. */
function who(ctx: Ctx): { id: string | null; name: string } {
  const a = ctx.actor()
  return { id: a?.userId ?? null, name: a ? a.displayName : 'sistem' }
}

interface Source {
  assignment_id: string
  person_id: string
  posyandu_id: string
  role: string
  from_date: string
  to_date: string | null
  name: string
  nik: string
  npwp: string | null
  nik_as_npwp: number
  bank_name: string | null
  account_number: string | null
  account_holder: string | null
  golongan: Golongan | null
  tax_rule: TaxRuleCode
  tax_reason: string | null
  posyandu_name: string
  desa_name: string
  kecamatan_code: string
  kecamatan_name: string
}

const SOURCE_SQL = `SELECT a.id AS assignment_id, a.person_id, a.posyandu_id, a.role, a.from_date, a.to_date,
    p.name, p.nik, p.npwp, p.nik_as_npwp, p.bank_name, p.account_number, p.account_holder, p.golongan, p.tax_rule, p.tax_reason,
    y.name AS posyandu_name, ifnull(d.name, y.desa_code) AS desa_name, ifnull(k.code, '') AS kecamatan_code, ifnull(k.name, '') AS kecamatan_name
  FROM pendamping_assignment a
  JOIN pendamping_person p ON p.id = a.person_id AND p.deleted_at IS NULL
  JOIN posyandu y ON y.id = a.posyandu_id
  LEFT JOIN wilayah d ON d.code = y.desa_code
  LEFT JOIN wilayah k ON k.code = d.parent_code
  WHERE a.deleted_at IS NULL AND a.from_date <= @to AND (a.to_date IS NULL OR a.to_date >= @from)
    AND (@assignmentId IS NULL OR a.id = @assignmentId)
  ORDER BY k.name, d.name, y.name, p.name, a.from_date`

type LineValues = Record<string, string | number | null>

/** The rate of `role` in force on the first day of month `ym`. */
function rateFor(ctx: Ctx, role: string, ym: string): { id: string; amount: number } {
  const day = firstDay(ym)
  const r = ctx.sqlite
    .prepare(
      `SELECT id, amount FROM honor_rate WHERE deleted_at IS NULL AND role = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY valid_from DESC LIMIT 1`,
    )
    .get(role, day, day) as { id: string; amount: number } | undefined
  if (!r) throw new AppError('RATE_MISSING', msg('honor.rateMissing', { role, date: firstDay(ym) }))
  return r
}

/**
 * One line per person for the period, whatever the number of posyandu they accompany:
 * a month counts once (the appointment with the largest share of it, so a partial month
 * is never paid twice), at the rate in force for that appointment's role (the highest,
 * when two roles cover the month); every posyandu
 * of the person is named in the line. One signature, one transfer.
 */
export function generateLines(ctx: Ctx, months: string[], rule: PartialMonthRule, assignmentId: string | null = null): LineValues[] {
  const sources = ctx.sqlite.prepare(SOURCE_SQL).all({ from: firstDay(months[0]), to: lastDay(months[months.length - 1]), assignmentId }) as Source[]
  const byPerson = new Map<string, Source[]>()
  for (const s of sources) byPerson.set(s.person_id, [...(byPerson.get(s.person_id) ?? []), s])
  const lines: LineValues[] = []
  for (const own of byPerson.values()) {
    let gross = 0
    let paidMonths = 0
    let from: string | null = null
    let to: string | null = null
    const notes: string[] = []
    const rates: { amount: number; id: string; from: string; to: string }[] = []
    const used = new Map<string, Source>()
    for (const ym of months) {
      // Every active appointment needs a rate in force; the month is paid once, at the largest share, then the highest rate.
      let best: { s: Source; days: number; of: number; rate: { id: string; amount: number } } | null = null
      for (const s of own) {
        const share = monthShare(ym, s.from_date, s.to_date, rule)
        if (share.days === 0) continue
        used.set(s.assignment_id, s)
        const r = rateFor(ctx, s.role, ym)
        if (!best || share.days > best.days || (share.days === best.days && r.amount > best.rate.amount)) best = { s, ...share, rate: r }
      }
      if (!best) continue
      const rate = best.rate
      const last = rates[rates.length - 1]
      if (last && last.id === rate.id && nextMonth(last.to) === ym) last.to = ym
      else rates.push({ amount: rate.amount, id: rate.id, from: ym, to: ym })
      gross += roundRupiah(BigInt(rate.amount) * BigInt(best.days), BigInt(best.of))
      paidMonths += best.days / best.of
      from ??= ym
      to = ym
      if (best.days < best.of) notes.push(`${monthRange(ym, ym)}: ${best.days}/${best.of} hari`)
    }
    if (!from || !to) continue
    const first = [...used.values()][0] ?? own[0]
    const s = first
    const tax = computePph21({ gross, rule: s.tax_rule, hasNpwp: !!s.npwp || !!s.nik_as_npwp, golongan: s.golongan, date: lastDay(to), reason: s.tax_reason })
    const noteParts = [
      notes.length ? `Prorata ${notes.join(', ')}` : null,
      rates.length > 1 ? `Tarif: ${rates.map((r) => `${monthRange(r.from, r.to)} ${formatRupiah(r.amount)}`).join('; ')}` : null,
    ].filter(Boolean)
    lines.push({
      person_id: s.person_id,
      assignment_id: s.assignment_id,
      posyandu_id: s.posyandu_id,
      rate_id: rates[rates.length - 1].id,
      person_name: s.name,
      nik: s.nik,
      npwp: s.npwp ?? (s.nik_as_npwp ? s.nik : null),
      posyandu_name: [...new Set([...used.values()].map((u) => u.posyandu_name))].join(', '),
      desa_name: s.desa_name,
      kecamatan_code: s.kecamatan_code,
      kecamatan_name: s.kecamatan_name,
      bank_name: s.bank_name,
      account_number: s.account_number,
      account_holder: s.account_holder,
      month_from: from,
      month_to: to,
      months: Math.round(paidMonths * 10000) / 10000,
      rate: rates[rates.length - 1].amount,
      gross: tax.gross,
      tax: tax.tax,
      net: tax.net,
      tax_rule: tax.rule.code,
      tax_basis: tax.basis,
      note: noteParts.length ? noteParts.join('. ') : null,
    })
  }
  return lines
}

// ---------- reading ----------

const LIST_COLS = `id, number, title, period_kind AS periodKind, month_from AS monthFrom, month_to AS monthTo, fiscal_year AS fiscalYear,
  sub_kegiatan_code AS subKegiatanCode, sub_kegiatan_name AS subKegiatanName, status, finalised_at AS finalisedAt, paid_date AS paidDate,
  payment_ref AS paymentRef, revision_of AS revisionOf, revision_no AS revisionNo, revision_reason AS revisionReason,
  partial_month_rule AS partialMonthRule, prepared_by AS preparedBy, prepared_by_name AS preparedByName, verified_at AS verifiedAt,
  verified_by AS verifiedBy, verified_by_name AS verifiedByName, approved_by AS approvedBy, approved_by_name AS approvedByName,
  paid_by_name AS paidByName, cancelled_at AS cancelledAt, cancelled_by_name AS cancelledByName, cancel_reason AS cancelReason, return_note AS returnNote,
  (SELECT count(*) FROM honor_line l WHERE l.list_id = honor_list.id AND l.deleted_at IS NULL) AS lineCount,
  (SELECT ifnull(sum(gross), 0) FROM honor_line l WHERE l.list_id = honor_list.id AND l.deleted_at IS NULL) AS totalGross,
  (SELECT ifnull(sum(tax), 0) FROM honor_line l WHERE l.list_id = honor_list.id AND l.deleted_at IS NULL) AS totalTax,
  (SELECT ifnull(sum(net), 0) FROM honor_line l WHERE l.list_id = honor_list.id AND l.deleted_at IS NULL) AS totalNet`

type ListRaw = Omit<HonorListSummary, 'periodLabel' | 'supersededBy'>

function summarise(ctx: Ctx, r: ListRaw): HonorListSummary {
  const next = ctx.sqlite
    .prepare(`SELECT id, number, status FROM honor_list WHERE revision_of = ? AND deleted_at IS NULL ORDER BY revision_no DESC LIMIT 1`)
    .get(r.id) as HonorListSummary['supersededBy'] | undefined
  return { ...r, periodLabel: periodLabel({ kind: r.periodKind, monthFrom: r.monthFrom, monthTo: r.monthTo }), supersededBy: next ?? null }
}

export function listLists(ctx: Ctx, year?: number): HonorListSummary[] {
  const rows = ctx.sqlite
    .prepare(`SELECT ${LIST_COLS} FROM honor_list WHERE deleted_at IS NULL AND (@year IS NULL OR fiscal_year = @year) ORDER BY month_from DESC, created_at DESC`)
    .all({ year: year ?? null }) as ListRaw[]
  return rows.map((r) => summarise(ctx, r))
}

const LINE_COLS = `id, person_id AS personId, assignment_id AS assignmentId, person_name AS personName, nik, npwp, posyandu_name AS posyanduName,
  desa_name AS desaName, kecamatan_name AS kecamatanName, bank_name AS bankName, account_number AS accountNumber, account_holder AS accountHolder,
  month_from AS monthFrom, month_to AS monthTo, months, rate, gross, tax, net, tax_rule AS taxRule, tax_basis AS taxBasis, note, change_reason AS changeReason,
  posyandu_id AS posyanduId`

type LineRaw = HonorLine & { posyanduId: string }

const readLines = (ctx: Ctx, listId: string, deleted: boolean) =>
  ctx.sqlite
    .prepare(`SELECT ${LINE_COLS} FROM honor_line WHERE list_id = ? AND deleted_at IS ${deleted ? 'NOT NULL' : 'NULL'} ORDER BY sort_no, rowid`)
    .all(listId) as LineRaw[]

function requireList(ctx: Ctx, id: string): Row {
  const row = requireLive(ctx.sqlite, 'honor_list', id)
  return row
}

/**
 * Lists made before "one line per person per period" hold one line per appointment. They are
 * shown (screen, print, workbook) as one line per person: amounts added up, the posyandu named
 * together. A final list stays as it was stored (frozen by triggers); a draft is regenerated
 * by the preparer (refreshLines, also run when the preparer opens it).
 */
export function onePerPerson(lines: LineRaw[]): LineRaw[] {
  const byPerson = new Map<string, LineRaw[]>()
  for (const l of lines) byPerson.set(l.personId, [...(byPerson.get(l.personId) ?? []), l])
  if ([...byPerson.values()].every((g) => g.length === 1)) return lines
  const joined = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].join(', ')
  return [...byPerson.values()].map((g) => {
    if (g.length === 1) return g[0]
    const months = g.reduce((n, l) => n + l.months, 0)
    return {
      ...g[0],
      posyanduName: joined(g.map((l) => l.posyanduName)),
      desaName: joined(g.map((l) => l.desaName)),
      kecamatanName: joined(g.map((l) => l.kecamatanName)),
      monthFrom: g.reduce((m, l) => (l.monthFrom < m ? l.monthFrom : m), g[0].monthFrom),
      monthTo: g.reduce((m, l) => (l.monthTo > m ? l.monthTo : m), g[0].monthTo),
      months: Math.round(months * 10000) / 10000,
      rate: Math.max(...g.map((l) => l.rate)),
      gross: g.reduce((n, l) => n + l.gross, 0),
      tax: g.reduce((n, l) => n + l.tax, 0),
      net: g.reduce((n, l) => n + l.net, 0),
      note: joined([`${g.length} baris lama (satu per penugasan) digabung`, ...g.map((l) => l.note)]),
    }
  })
}

/** Persons who still have more than one live line on this list (a list of the old kind). */
function splitPersons(ctx: Ctx, listId: string): string[] {
  return (ctx.sqlite.prepare(`SELECT person_id AS p FROM honor_line WHERE list_id = ? AND deleted_at IS NULL GROUP BY person_id HAVING count(*) > 1`).all(listId) as { p: string }[]).map((r) => r.p)
}

/** Verifying or approving a list of the old kind would sign two lines for one person: the preparer regenerates it first. */
function requireOneLinePerPerson(ctx: Ctx, listId: string) {
  const split = splitPersons(ctx, listId)
  if (!split.length) return
  const names = (ctx.sqlite.prepare(`SELECT DISTINCT person_name AS n FROM honor_line WHERE list_id = ? AND deleted_at IS NULL AND person_id IN (SELECT value FROM json_each(?))`).all(listId, JSON.stringify(split)) as { n: string }[]).map((r) => r.n)
  throw new AppError('LIST_OLD_LINES', msg('honor.oldLines', { names: names.join(', ') }))
}

export function getList(ctx: Ctx, id: string): HonorListDetail {
  requireList(ctx, id)
  const list = summarise(ctx, ctx.sqlite.prepare(`SELECT ${LIST_COLS} FROM honor_list WHERE id = ?`).get(id) as ListRaw)
  const stored = readLines(ctx, id, false)
  const lines = onePerPerson(stored)
  const warnings = lines.filter((l) => !l.accountNumber).map((l) => `${l.personName}: nomor rekening belum diisi.`)
  return {
    list,
    lines,
    removed: list.status === 'draft' ? readLines(ctx, id, true).filter((l) => l.changeReason) : [],
    diff: list.revisionOf ? diffLists(ctx, list.revisionOf, id) : null,
    overlaps: list.status === 'draft' || list.status === 'verified' ? findOverlaps(ctx, id) : [],
    totalWords: terbilangRupiah(list.totalNet),
    warnings,
    oldLines: lines.length !== stored.length,
  }
}

// ---------- writing ----------

function insertLines(ctx: Ctx, listId: string, scope: string, lines: LineValues[], changeReason: string | null) {
  const start = (ctx.sqlite.prepare(`SELECT ifnull(max(sort_no), 0) AS n FROM honor_line WHERE list_id = ?`).get(listId) as { n: number }).n
  lines.forEach((l, i) => insertRow(ctx, 'honor_line', { ...l, list_id: listId, sort_no: start + i + 1, change_reason: changeReason }, { scope }))
}

export type ListCreateFields = z.output<typeof listCreateInput>

export function createList(ctx: Ctx, f: ListCreateFields): HonorListDetail {
  const scope = requireKabupaten(ctx)
  const period = resolvePeriod(f)
  const months = monthsBetween(period.monthFrom, period.monthTo)
  if (months.length > 12) throw new AppError('PERIOD_TOO_LONG', msg('honor.period12'))
  if (period.monthFrom.slice(0, 4) !== period.monthTo.slice(0, 4)) throw new AppError('PERIOD_YEARS', msg('honor.periodYear'))
  const rule = partialMonthRule(ctx)
  return ctx.sqlite.transaction(() => {
    const lines = generateLines(ctx, months, rule)
    if (lines.length === 0) throw new AppError('LIST_EMPTY', msg('honor.noActive', { period: periodLabel(period) }))
    const list = insertRow(
      ctx,
      'honor_list',
      {
        title: f.title || `Daftar Penerimaan Honorarium Pendamping Posyandu ${periodLabel(period)}`,
        period_kind: period.kind,
        month_from: period.monthFrom,
        month_to: period.monthTo,
        fiscal_year: Number(period.monthFrom.slice(0, 4)),
        sub_kegiatan_code: f.subKegiatanCode,
        sub_kegiatan_name: f.subKegiatanName,
        status: 'draft',
        partial_month_rule: rule,
        prepared_by: who(ctx).id,
        prepared_by_name: who(ctx).name,
      },
      { scope },
    )
    insertLines(ctx, list.id, scope, lines, null)
    return getList(ctx, list.id)
  })()
}

/** Lines change only while a list is being prepared (disusun); a verified list goes back to its preparer first. */
function requireDraft(ctx: Ctx, id: string): Row {
  const list = requireList(ctx, id)
  if (list.status === 'verified') throw new AppError('LIST_VERIFIED', msg('honor.verified'))
  if (list.status !== 'draft') throw new AppError('LIST_FROZEN', msg(list.status === 'cancelled' ? 'honor.cancelledFrozen' : 'honor.frozen'))
  return list
}

export function addLine(ctx: Ctx, f: { listId: string; assignmentId: string; monthFrom: string; monthTo: string; reason: string }): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireDraft(ctx, f.listId)
  if (f.monthFrom > f.monthTo || f.monthFrom < (list.month_from as string) || f.monthTo > (list.month_to as string)) {
    throw new AppError('LINE_MONTHS', msg('honor.lineMonths', { from: String(list.month_from), to: String(list.month_to) }))
  }
  const assignment = requireLive(ctx.sqlite, 'pendamping_assignment', f.assignmentId)
  // One line per person: a second posyandu of someone already listed is not a second honor.
  const clash = ctx.sqlite
    .prepare(`SELECT person_name AS name FROM honor_line WHERE list_id = ? AND person_id = ? AND deleted_at IS NULL AND month_from <= ? AND month_to >= ?`)
    .get(f.listId, assignment.person_id, f.monthTo, f.monthFrom) as { name: string } | undefined
  if (clash) throw new AppError('LINE_EXISTS', msg('honor.lineExists', { name: clash.name }))
  return ctx.sqlite.transaction(() => {
    const lines = generateLines(ctx, monthsBetween(f.monthFrom, f.monthTo), list.partial_month_rule as PartialMonthRule, f.assignmentId)
    if (lines.length === 0) throw new AppError('LINE_INACTIVE', msg('honor.lineInactive'))
    insertLines(ctx, f.listId, list.scope, lines, f.reason)
    return getList(ctx, f.listId)
  })()
}

export function removeLine(ctx: Ctx, lineId: string, reason: string): HonorListDetail {
  requireKabupaten(ctx)
  const line = requireLive(ctx.sqlite, 'honor_line', lineId)
  requireDraft(ctx, line.list_id as string)
  updateRow(ctx, 'honor_line', lineId, { deleted_at: ctx.clock.now().toISOString(), change_reason: reason }, 'delete')
  return getList(ctx, line.list_id as string)
}

export function deleteList(ctx: Ctx, id: string): { id: string } {
  requireKabupaten(ctx)
  requireDraft(ctx, id)
  ctx.sqlite.transaction(() => {
    for (const l of readLines(ctx, id, false)) deleteRow(ctx, 'honor_line', l.id)
    deleteRow(ctx, 'honor_list', id)
  })()
  return { id }
}

/**
 * Re-reads name, NIK, NPWP and bank account of each person into the draft's lines and
 * recomputes their tax (an NPWP added later lowers it); months and gross stay as they are.
 */
export function refreshLines(ctx: Ctx, id: string): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireDraft(ctx, id)
  ctx.sqlite.transaction(() => {
    // A draft of the old kind: each person with several lines gets one line, generated as a new list would be.
    const split = splitPersons(ctx, id)
    if (split.length) {
      const fresh = generateLines(ctx, monthsBetween(list.month_from as string, list.month_to as string), list.partial_month_rule as PartialMonthRule)
      for (const personId of split) {
        const old = ctx.sqlite.prepare(`SELECT id, sort_no FROM honor_line WHERE list_id = ? AND person_id = ? AND deleted_at IS NULL ORDER BY sort_no`).all(id, personId) as { id: string; sort_no: number }[]
        for (const o of old) updateRow(ctx, 'honor_line', o.id, { deleted_at: ctx.clock.now().toISOString(), change_reason: 'Digabung: satu baris per orang per periode' }, 'delete')
        const line = fresh.find((l) => l.person_id === personId)
        if (line) insertRow(ctx, 'honor_line', { ...line, list_id: id, sort_no: old[0].sort_no, change_reason: 'Satu baris per orang (menggantikan baris per penugasan)' }, { scope: list.scope })
      }
    }
    for (const line of ctx.sqlite.prepare(`SELECT * FROM honor_line WHERE list_id = ? AND deleted_at IS NULL`).all(id) as Row[]) {
      const p = ctx.sqlite.prepare(`SELECT * FROM pendamping_person WHERE id = ?`).get(line.person_id) as Record<string, never> | undefined
      if (!p) continue
      const tax = computePph21({
        gross: line.gross as number,
        rule: p.tax_rule,
        hasNpwp: !!p.npwp || !!p.nik_as_npwp,
        golongan: p.golongan,
        date: lastDay(line.month_to as string),
        reason: p.tax_reason,
      })
      updateRow(ctx, 'honor_line', line.id, {
        person_name: p.name,
        nik: p.nik,
        npwp: p.npwp ?? (p.nik_as_npwp ? p.nik : null),
        bank_name: p.bank_name,
        account_number: p.account_number,
        account_holder: p.account_holder,
        tax: tax.tax,
        net: tax.net,
        tax_rule: tax.rule.code,
        tax_basis: tax.basis,
      })
    }
  })()
  return getList(ctx, list.id)
}

/** "003/HONOR/2026"; a revision keeps its original's number with "-R1", "-R2". */
function nextNumber(ctx: Ctx, list: Row): string {
  if (list.revision_of) {
    let root = requireRow(ctx.sqlite, 'honor_list', list.revision_of as string)
    while (root.revision_of) root = requireRow(ctx.sqlite, 'honor_list', root.revision_of as string)
    return `${root.number}-R${list.revision_no}`
  }
  const used = ctx.sqlite
    .prepare(`SELECT number FROM honor_list WHERE fiscal_year = ? AND scope = ? AND number IS NOT NULL AND revision_of IS NULL`)
    .all(list.fiscal_year, list.scope) as { number: string }[]
  const max = Math.max(0, ...used.map((u) => parseInt(u.number, 10) || 0))
  return `${String(max + 1).padStart(3, '0')}/HONOR/${list.fiscal_year}`
}

function requireLines(ctx: Ctx, id: string) {
  const lines = readLines(ctx, id, false)
  if (lines.length === 0) throw new AppError('LIST_EMPTY', msg('honor.listEmpty'))
  const missing = lines.filter((l) => !l.accountNumber).map((l) => l.personName)
  if (missing.length) throw new AppError('LIST_NO_ACCOUNT', msg('honor.noAccount', { names: [...new Set(missing)].join(', ') }))
  return lines
}

type Step = 'verify' | 'return' | 'approve' | 'pay' | 'cancel'
function requireStatus(list: Row, want: HonorStatus, action: Step) {
  if (list.status !== want) {
    throw new AppError('LIST_STATUS', msg('honor.listStatus', { status: msg(`honor.statusWord.${list.status as HonorStatus}`), action: msg(`honor.step.${action}`), want: msg(`honor.statusWord.${want}`) }))
  }
}

/** Verifikator: checked by someone other than the preparer. */
export function verifyList(ctx: Ctx, id: string): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireList(ctx, id)
  requireStatus(list, 'draft', 'verify')
  const me = who(ctx)
  if (me.id && list.prepared_by === me.id) throw new AppError('MAKER_CHECKER', msg('refusal.preparedVerify'))
  requireLines(ctx, id)
  requireOneLinePerPerson(ctx, id)
  updateRow(ctx, 'honor_list', id, { status: 'verified', verified_at: ctx.clock.now().toISOString(), verified_by: me.id, verified_by_name: me.name, return_note: null }, 'verify')
  return getList(ctx, id)
}

/** Verifikator or PPTK: sends a draft or verified list back to its preparer with what to fix. */
export function returnToDraft(ctx: Ctx, id: string, reason: string): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireList(ctx, id)
  if (list.status !== 'verified') requireStatus(list, 'verified', 'return')
  updateRow(ctx, 'honor_list', id, { status: 'draft', verified_at: null, verified_by: null, verified_by_name: null, return_note: reason }, 'return')
  return getList(ctx, id)
}

/**
 * People of this list already on another approved list (final or paid, not cancelled and
 * not replaced by an approved revision) for an overlapping month. The list this one
 * corrects does not count: the revision replaces it.
 */
export function findOverlaps(ctx: Ctx, id: string): HonorOverlap[] {
  const list = requireList(ctx, id)
  const replaced = new Set<string>()
  for (let r: Row | null = list; r?.revision_of; r = requireRow(ctx.sqlite, 'honor_list', r.revision_of as string)) replaced.add(r.revision_of as string)
  const rows = ctx.sqlite
    .prepare(
      `SELECT l.person_name AS personName, l.nik, o.month_from AS oFrom, o.month_to AS oTo, l.month_from AS lFrom, l.month_to AS lTo,
         h.id AS otherListId, h.number AS otherNumber, h.status AS otherStatus
       FROM honor_line l
       JOIN honor_line o ON (o.person_id = l.person_id OR o.nik = l.nik) AND o.deleted_at IS NULL AND o.list_id <> l.list_id
         AND o.month_from <= l.month_to AND o.month_to >= l.month_from
       JOIN honor_list h ON h.id = o.list_id AND h.deleted_at IS NULL AND h.status IN ('final', 'paid') AND h.id IN (${COUNTED})
       WHERE l.list_id = ? AND l.deleted_at IS NULL
       ORDER BY l.person_name, h.month_from`,
    )
    .all(id) as (Omit<HonorOverlap, 'months'> & { oFrom: string; oTo: string; lFrom: string; lTo: string })[]
  return rows
    .filter((r) => !replaced.has(r.otherListId))
    .map(({ oFrom, oTo, lFrom, lTo, ...r }) => ({ ...r, months: monthRange(oFrom > lFrom ? oFrom : lFrom, oTo < lTo ? oTo : lTo) }))
}

/** PPTK: approves a verified list; it becomes final (numbered, frozen). Nobody approves their own list. */
export function finaliseList(ctx: Ctx, id: string): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireList(ctx, id)
  if (list.status === 'draft') throw new AppError('LIST_NOT_VERIFIED', msg('honor.notVerified'))
  requireStatus(list, 'verified', 'approve')
  const me = who(ctx)
  if (me.id && list.prepared_by === me.id) throw new AppError('MAKER_CHECKER', msg('refusal.preparedApprove'))
  if (me.id && list.verified_by === me.id) throw new AppError('MAKER_CHECKER', msg('refusal.verifiedApprove'))
  const lines = requireLines(ctx, id)
  requireOneLinePerPerson(ctx, id)
  const overlaps = findOverlaps(ctx, id)
  if (overlaps.length && !list.revision_of) {
    throw new AppError(
      'HONOR_DOUBLE',
      msg('honor.double', { items: overlaps.map((o) => msg('honor.doubleItem', { name: o.personName, list: o.otherNumber ?? '', status: msg(`honor.statusWord.${o.otherStatus}`), months: o.months })) }),
      { overlaps },
    )
  }
  const sum = (k: 'gross' | 'tax' | 'net') => lines.reduce((a, l) => a + l[k], 0)
  updateRow(
    ctx,
    'honor_list',
    id,
    {
      status: 'final',
      number: nextNumber(ctx, list),
      finalised_at: ctx.clock.now().toISOString(),
      line_count: lines.length,
      total_gross: sum('gross'),
      total_tax: sum('tax'),
      total_net: sum('net'),
      approved_by: me.id,
      approved_by_name: me.name,
    },
    'approve',
  )
  return getList(ctx, id)
}

/**
 * Bendahara: the real payment date, which may lie before the approval (paperwork caught up
 * later) but not before the period starts, nor in the future.
 */
export function markPaid(ctx: Ctx, id: string, paidDate: string, paymentRef: string): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireList(ctx, id)
  if (list.status === 'paid') throw new AppError('LIST_PAID', msg('honor.alreadyPaid', { date: String(list.paid_date), ref: String(list.payment_ref) }))
  if (list.status === 'draft' || list.status === 'verified') throw new AppError('LIST_NOT_FINAL', msg('honor.notApproved'))
  requireStatus(list, 'final', 'pay')
  const start = firstDay(list.month_from as string)
  if (paidDate < start) throw new AppError('PAID_BEFORE_PERIOD', msg('honor.paidBefore', { date: paidDate, start }))
  if (paidDate > isoDate(ctx.clock.now())) throw new AppError('PAID_IN_FUTURE', msg('honor.paidFuture', { date: paidDate }))
  const me = who(ctx)
  updateRow(ctx, 'honor_list', id, { status: 'paid', paid_date: paidDate, payment_ref: paymentRef, paid_by: me.id, paid_by_name: me.name }, 'pay')
  return getList(ctx, id)
}

/** PPTK: a wrong final list is cancelled with a reason; it stays visible and leaves the recap. */
export function cancelList(ctx: Ctx, id: string, reason: string): HonorListDetail {
  requireKabupaten(ctx)
  const list = requireList(ctx, id)
  if (list.status === 'paid') throw new AppError('LIST_PAID', msg('refusal.listPaid'))
  requireStatus(list, 'final', 'cancel')
  const me = who(ctx)
  updateRow(ctx, 'honor_list', id, { status: 'cancelled', cancelled_at: ctx.clock.now().toISOString(), cancelled_by: me.id, cancelled_by_name: me.name, cancel_reason: reason }, 'cancel')
  return getList(ctx, id)
}

/** A correction of a final (or paid) list: a new draft with the same lines, pointing back. */
export function reviseList(ctx: Ctx, id: string, reason: string): HonorListDetail {
  const scope = requireKabupaten(ctx)
  const old = requireList(ctx, id)
  if (old.status === 'draft' || old.status === 'verified') throw new AppError('LIST_DRAFT', msg('honor.draftNoRevision'))
  if (old.status === 'cancelled') throw new AppError('LIST_CANCELLED', msg('honor.cancelledNew'))
  const existing = ctx.sqlite.prepare(`SELECT number, status FROM honor_list WHERE revision_of = ? AND deleted_at IS NULL AND status <> 'cancelled'`).get(id) as
    | { number: string | null; status: string }
    | undefined
  if (existing) throw new AppError('REVISION_EXISTS', msg('honor.revisionExists', { number: existing.number ?? msg('honor.draftWord') }))
  return ctx.sqlite.transaction(() => {
    const copy = Object.fromEntries(
      ['title', 'period_kind', 'month_from', 'month_to', 'fiscal_year', 'sub_kegiatan_code', 'sub_kegiatan_name', 'partial_month_rule'].map((k) => [k, old[k]]),
    )
    const me = who(ctx)
    const rev = insertRow(
      ctx,
      'honor_list',
      { ...copy, status: 'draft', revision_of: id, revision_no: (old.revision_no as number) + 1, revision_reason: reason, prepared_by: me.id, prepared_by_name: me.name },
      { scope },
    )
    const lines = ctx.sqlite.prepare(`SELECT * FROM honor_line WHERE list_id = ? AND deleted_at IS NULL ORDER BY sort_no`).all(id) as Row[]
    for (const l of lines) {
      const { id: _id, scope: _s, rev: _r, hlc: _h, origin: _o, deleted_at: _d, created_at: _c, updated_at: _u, ...content } = l
      insertRow(ctx, 'honor_line', { ...content, list_id: rev.id, change_reason: null }, { scope })
    }
    return getList(ctx, rev.id)
  })()
}

// ---------- difference and recap ----------

const zero = (): Amounts => ({ months: 0, gross: 0, tax: 0, net: 0 })
const add = (a: Amounts, l: Amounts): Amounts => ({ months: a.months + l.months, gross: a.gross + l.gross, tax: a.tax + l.tax, net: a.net + l.net })
const minus = (a: Amounts | null, b: Amounts | null): Amounts => {
  const x = a ?? zero()
  const y = b ?? zero()
  return { months: Math.round((x.months - y.months) * 10000) / 10000, gross: x.gross - y.gross, tax: x.tax - y.tax, net: x.net - y.net }
}

/** Per person and posyandu: what the revision pays compared with the list it corrects. */
export function diffLists(ctx: Ctx, previousId: string, currentId: string): HonorDiff {
  const prev = requireRow(ctx.sqlite, 'honor_list', previousId)
  const group = (lines: LineRaw[]) => {
    const m = new Map<string, { personName: string; posyanduName: string; amounts: Amounts }>()
    for (const l of lines) {
      const key = `${l.personId}|${l.posyanduId}`
      const g = m.get(key) ?? { personName: l.personName, posyanduName: l.posyanduName, amounts: zero() }
      g.amounts = add(g.amounts, l)
      m.set(key, g)
    }
    return m
  }
  const before = group(readLines(ctx, previousId, false))
  const after = group(readLines(ctx, currentId, false))
  const rows = [...new Set([...before.keys(), ...after.keys()])]
    .map((k) => {
      const b = before.get(k)
      const a = after.get(k)
      return { personName: (a ?? b)!.personName, posyanduName: (a ?? b)!.posyanduName, before: b?.amounts ?? null, after: a?.amounts ?? null, delta: minus(a?.amounts ?? null, b?.amounts ?? null) }
    })
    .filter((r) => r.delta.months !== 0 || r.delta.gross !== 0 || r.delta.tax !== 0 || r.delta.net !== 0)
  const tb = [...before.values()].reduce((s, g) => add(s, g.amounts), zero())
  const ta = [...after.values()].reduce((s, g) => add(s, g.amounts), zero())
  return { previousId, previousNumber: (prev.number as string | null) ?? null, rows, total: { before: tb, after: ta, delta: minus(ta, tb) } }
}

/** Lists that count: final or paid, and not replaced by a final or paid revision. */
const COUNTED = `SELECT id FROM honor_list h WHERE h.deleted_at IS NULL AND h.status IN ('final', 'paid')
  AND NOT EXISTS (SELECT 1 FROM honor_list r WHERE r.revision_of = h.id AND r.deleted_at IS NULL AND r.status IN ('final', 'paid'))`

export function recap(ctx: Ctx, year: number): HonorRecap {
  const byKecamatan = ctx.sqlite
    .prepare(
      `SELECT l.kecamatan_code AS kecamatanCode, l.kecamatan_name AS kecamatanName, count(DISTINCT l.person_id) AS persons, count(*) AS lines,
         sum(l.gross) AS gross, sum(l.tax) AS tax, sum(l.net) AS net
       FROM honor_line l JOIN honor_list h ON h.id = l.list_id
       WHERE l.deleted_at IS NULL AND h.fiscal_year = ? AND h.id IN (${COUNTED})
       GROUP BY l.kecamatan_code ORDER BY l.kecamatan_name`,
    )
    .all(year) as HonorRecap['byKecamatan']
  const total = ctx.sqlite
    .prepare(
      `SELECT count(DISTINCT l.person_id) AS persons, count(*) AS lines, ifnull(sum(l.gross), 0) AS gross, ifnull(sum(l.tax), 0) AS tax, ifnull(sum(l.net), 0) AS net
       FROM honor_line l JOIN honor_list h ON h.id = l.list_id WHERE l.deleted_at IS NULL AND h.fiscal_year = ? AND h.id IN (${COUNTED})`,
    )
    .get(year) as HonorRecap['total']
  const byYear = ctx.sqlite
    .prepare(
      `SELECT h.fiscal_year AS year, count(DISTINCT h.id) AS lists, sum(l.gross) AS gross, sum(l.tax) AS tax, sum(l.net) AS net
       FROM honor_line l JOIN honor_list h ON h.id = l.list_id WHERE l.deleted_at IS NULL AND h.id IN (${COUNTED})
       GROUP BY h.fiscal_year ORDER BY h.fiscal_year DESC`,
    )
    .all() as HonorRecap['byYear']
  return { year, byKecamatan, total, byYear }
}
