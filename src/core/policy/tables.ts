import { z } from 'zod'
import { validateMonthly } from '../../shared/evaluation/fields'
import { formatMonth } from '../../shared/format'
import { checkForm, type FormDef } from '../../shared/forms/form'
import { monthlyRowPasses, rowToValues } from '../evaluation/monthly'
import { indicatorSetRowProblems, offerDefinitionProblems } from '../../shared/province/offers'
import { msg, zm, type Said } from '../../shared/messages'
import * as c from './columns'
import type { Grant, Relation, TablePolicy, WriteOp } from './types'
import { isBelow, isWithin } from '../../shared/area'

/**
 * THE TABLE POLICY: every table that travels between offices, in one place.
 *
 * For each table: the level its rows' scope has, which offices may create, change and
 * delete its rows (by their relation to the STORED row's scope — never the scope an
 * incoming row claims), what each receiving level is sent (rows and hidden columns), the
 * schemas and rules a row must pass (screens, spreadsheets, the command line and bundles
 * alike), and how a person calls it. A table that is not here does not travel.
 *
 * Adversary: the operator of another office controls their own database and keys. So
 * kabupaten master data (honor, pendamping, indicator sets, evaluation periods, SKPD,
 * reference lists) is written by the kabupaten alone, and personal data (NIK, NPWP, bank
 * account, phone, address) is sent only to the office that owns or pays the person.
 */

const all = (...who: Relation[]): Record<WriteOp, Relation[]> => ({ create: who, change: who, delete: who })
/** Kabupaten master data: only the kabupaten office itself writes it. */
const KABUPATEN_ONLY = all('owner')
/** Kecamatan data: the kecamatan, and the kabupaten above it (which corrects its kecamatan's data). */
const KECAMATAN_AND_ABOVE = all('owner', 'above')

const SCOPE: Grant = { rows: 'scope' }
const NONE: Grant = { rows: 'none' }

/**
 * A province is sent what it needs to know of its kabupaten/kota, never a person: posyandu
 * without their address, monthly reports without free-text notes (already aggregates), and
 * the kabupaten's own counts (kader_count) and strata (posyandu_stratum). A kabupaten relays
 * its kecamatan's rows, whose clocks say when the kecamatan changed them, not when the
 * kabupaten received them, so an HLC cut would lose a kecamatan bundle that arrived late:
 * the cut is the kabupaten's own arrival counter instead (`sinceArrival`), and the section is
 * complete when nothing was acknowledged yet or the grant changed.
 */
const PROVINCE_AREA = `substr(t.scope, 1, length(@receiver) + 1) = @receiver || '.'`
const toProvince = (hide: string[]): Grant => ({ rows: 'where', where: PROVINCE_AREA, complete: true, sinceArrival: true, hide })

/**
 * The national office (`ID`) is sent the same as a province, by each province for its own
 * area: the province relays what its kabupaten/kota sent it (`relays` in policy/index.ts), so
 * every row is whatever lies below the sending province (the root contains every code); the
 * relayed rows' clocks are the kabupaten's or the kecamatan's, so the cut is the province's
 * arrival counter (drizzle/0017, 0020 for the counts and strata).
 */
const toNation = (hide: string[]): Grant => ({ rows: 'where', where: '1 = 1', complete: true, sinceArrival: true, hide })
/** Posyandu without their address, RT/RW and status reason: never a person's whereabouts upward. */
const POSYANDU_UP_HIDE = ['address', 'rt', 'rw', 'status_reason']

/** Rows about a posyandu go to the kecamatan of that posyandu. */
const ofReceiversPosyandu = (column = 'posyandu_id') => `t.${column} IN (SELECT p.id FROM posyandu p WHERE p.scope = @receiver)`

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))
const name = (row: Record<string, unknown>) => str(row.name)
/** "sejak 2020-01-01", or nothing. Labels name no id: the receive report names what a row points at (src/core/exchange/rowLabel.ts). */
const since = (d: unknown) => (d ? `sejak ${str(d)}` : '')
const withNik = (row: Record<string, unknown>) => `${str(row.name ?? row.person_name)}${row.nik ? ` (NIK ${c.maskNik(row.nik)})` : ''}`

const posyandu: TablePolicy = {
  table: 'posyandu',
  label: { id: 'Posyandu', en: 'Posyandu' },
  rowLabel: name,
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { nasional: toNation(POSYANDU_UP_HIDE), provinsi: toProvince(POSYANDU_UP_HIDE), kabupaten: SCOPE, kecamatan: SCOPE },
  columns: {
    name: c.text(100, 3),
    desa_code: c.desaCode,
    address: c.optText(200),
    rt: z.string().regex(/^\d{1,3}$/, zm('row.rt')).nullable(),
    rw: z.string().regex(/^\d{1,3}$/, zm('row.rw')).nullable(),
    latitude: z.number().min(-11.5, zm('row.latitude')).max(6.5, zm('row.latitude')).nullable(),
    longitude: z.number().min(94, zm('row.longitude')).max(141.5, zm('row.longitude')).nullable(),
    year_founded: c.optYear,
    is_phi_model: c.flag,
    is_ilp: c.flag,
    is_spm_pilot: c.flag,
    status: z.enum(['aktif', 'nonaktif'], zm('row.posyanduStatus')),
    status_date: c.optDate,
    status_reason: c.optText(200),
  },
  check: (r) => (isBelow(str(r.desa_code), str(r.scope)) ? [] : [msg('row.desaOutside', { desa: str(r.desa_code), kec: str(r.scope) })]),
}

const kader: TablePolicy = {
  table: 'kader',
  label: { id: 'Kader', en: 'Cadres' },
  rowLabel: withNik,
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: {
    nik: c.nik,
    name: c.text(100, 2),
    sex: c.sex,
    birth_date: c.optDate,
    birth_place: c.optText(100),
    phone: c.phone,
    education: c.optText(40),
    role: z.enum(['ketua', 'sekretaris', 'bendahara', 'anggota'], zm('row.kaderRole')),
    active_from: c.optDate,
    active_to: c.optDate,
    notes: c.optText(1000),
  },
  check: (r) => (r.active_from && r.active_to && str(r.active_to) < str(r.active_from) ? [msg('row.activeOrder')] : []),
}

const kaderPosyandu: TablePolicy = {
  table: 'kader_posyandu',
  label: { id: 'Kader di posyandu', en: 'Cadre memberships' },
  rowLabel: (r) => since(r.from_date),
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { kader_id: c.id, posyandu_id: c.id, from_date: c.optDate, to_date: c.optDate },
  refs: [
    { column: 'kader_id', table: 'kader' },
    { column: 'posyandu_id', table: 'posyandu', when: (r) => !r.to_date && !r.deleted_at },
  ],
}

const kaderTraining: TablePolicy = {
  table: 'kader_training',
  label: { id: 'Pelatihan kader', en: 'Cadre trainings' },
  rowLabel: name,
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { kader_id: c.id, name: c.text(120, 2), year: c.optYear, organiser: c.optText(120) },
  refs: [{ column: 'kader_id', table: 'kader' }],
}

const duplicateReview: TablePolicy = {
  table: 'duplicate_review',
  label: { id: 'Tinjauan data ganda', en: 'Duplicate reviews' },
  rowLabel: (r) => str(r.note) || str(r.group_key),
  scopeLevel: 'any',
  writers: all('owner'),
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { group_key: c.text(200), members_hash: c.text(128), decision: z.enum(['berbeda'], zm('row.reviewDecision')), note: c.optText(500) },
}

const monthlyReport: TablePolicy = {
  table: 'monthly_report',
  label: { id: 'Laporan bulanan', en: 'Monthly reports' },
  rowLabel: (r) => formatMonth(str(r.month)),
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { nasional: toNation(['notes']), provinsi: toProvince(['notes']), kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { posyandu_id: c.id, month: c.month, held: c.flag.nullable(), open_date: c.optDate, programmes: c.optText(400), notes: c.optText(1000) },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
  // The same rules the entry grid checks as the operator types (errors only; warnings are advice).
  check: (r) =>
    r.deleted_at
      ? []
      : validateMonthly(rowToValues(r), str(r.month))
          .filter((i) => i.severity === 'error')
          // By key, so the write path's refusal reads English too.
          .map((i) => i.msg ?? i.message),
  quickCheck: (r) => !!r.deleted_at || monthlyRowPasses(r, str(r.month)),
}

const posyanduActivity: TablePolicy = {
  table: 'posyandu_activity',
  label: { id: 'Kegiatan posyandu', en: 'Posyandu activities' },
  rowLabel: (r) => `${str(r.what)} (${str(r.date)})`,
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { posyandu_id: c.id, date: c.date, what: c.text(300, 1), participants: c.optCount(100_000).or(c.optText(40)) },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

const puskesosService: TablePolicy = {
  table: 'puskesos_service',
  label: { id: 'Layanan Puskesos', en: 'Puskesos services' },
  rowLabel: withNik,
  scopeLevel: 'kecamatan',
  writers: KECAMATAN_AND_ABOVE,
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { posyandu_id: c.id, date: c.date, person_name: c.text(100, 2), nik: c.optNik, complaint: c.optText(1000), follow_up_note: c.optText(1000) },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

/** Pendamping personal data a kecamatan never receives: it neither pays them nor holds their records. */
const PENDAMPING_PRIVATE = ['nik', 'npwp', 'nik_as_npwp', 'address', 'phone', 'bank_name', 'account_number', 'account_holder', 'is_pns', 'golongan', 'nip', 'tax_rule', 'tax_reason']

const pendampingPerson: TablePolicy = {
  table: 'pendamping_person',
  label: { id: 'Pendamping', en: 'Facilitators' },
  rowLabel: withNik,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: {
    // A kecamatan sees who accompanies its posyandu — name and sex — and nothing it could pay or phone.
    kecamatan: {
      rows: 'where',
      where: `t.id IN (SELECT a.person_id FROM pendamping_assignment a JOIN posyandu p ON p.id = a.posyandu_id WHERE p.scope = @receiver AND a.deleted_at IS NULL)`,
      complete: true,
      hide: PENDAMPING_PRIVATE,
    },
  },
  columns: {
    kader_id: c.optId,
    nik: c.nik,
    name: c.text(100, 2),
    sex: c.sex,
    address: c.optText(300),
    phone: c.phone,
    education: c.optText(40),
    npwp: c.npwp,
    nik_as_npwp: c.flag,
    bank_name: c.optText(60),
    account_number: c.accountNumber,
    account_holder: c.optText(100),
    is_pns: c.flag,
    golongan: z.enum(['I', 'II', 'III', 'IV'], zm('row.golongan')).nullable(),
    nip: c.nip,
    tax_rule: z.enum(['bukan_pegawai', 'pns_final', 'tanpa_potongan'], zm('row.taxRule')),
    tax_reason: c.optText(300),
  },
}

const pendampingAssignment: TablePolicy = {
  table: 'pendamping_assignment',
  label: { id: 'Penugasan pendamping', en: 'Facilitator assignments' },
  rowLabel: (r) => `${str(r.role)} ${since(r.from_date)}`.trim(),
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: { rows: 'where', where: `${ofReceiversPosyandu()} AND t.deleted_at IS NULL`, complete: true } },
  columns: { person_id: c.id, posyandu_id: c.id, role: c.text(40, 1), regulation_id: c.optId, from_date: c.date, to_date: c.optDate, notes: c.optText(500) },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
  check: (r) => (r.to_date && str(r.to_date) < str(r.from_date) ? [msg('row.dateOrder')] : []),
}

const honorRate: TablePolicy = {
  table: 'honor_rate',
  label: { id: 'Tarif honor', en: 'Honor rates' },
  rowLabel: (r) => `${str(r.role)} Rp ${str(r.amount)} sejak ${str(r.valid_from)}`,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: NONE },
  columns: { role: c.text(40, 1), amount: c.rupiah(100_000_000), valid_from: c.date, valid_to: c.optDate, regulation_id: c.optId },
}

const honorList: TablePolicy = {
  table: 'honor_list',
  label: { id: 'Daftar honor', en: 'Honor lists' },
  rowLabel: (r) => str(r.number) || str(r.title),
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: NONE },
  columns: {
    title: c.text(200, 1),
    period_kind: z.enum(['bulan', 'triwulan', 'kustom'], zm('row.periodKind')),
    month_from: c.month,
    month_to: c.month,
    fiscal_year: c.year,
    status: z.enum(['draft', 'verified', 'final', 'paid', 'cancelled'], zm('row.honorStatus')),
    total_gross: c.rupiah().nullable(),
    total_tax: c.rupiah().nullable(),
    total_net: c.rupiah().nullable(),
    paid_date: c.optDate,
    partial_month_rule: z.enum(['full', 'prorate'], zm('row.partialMonth')),
  },
  appliesAfterData: true,
}

const honorLine: TablePolicy = {
  table: 'honor_line',
  label: { id: 'Baris daftar honor', en: 'Honor list lines' },
  rowLabel: withNik,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: NONE },
  columns: {
    list_id: c.id,
    person_id: c.id,
    posyandu_id: c.id,
    nik: c.nik,
    npwp: c.npwp,
    account_number: c.accountNumber,
    month_from: c.month,
    month_to: c.month,
    months: z.number().min(0, zm('row.months')).max(36, zm('row.months')),
    rate: c.rupiah(100_000_000),
    gross: c.rupiah(),
    tax: c.rupiah(),
    net: c.rupiah(),
  },
  check: (r) => (Number(r.gross) - Number(r.tax) !== Number(r.net) ? [msg('row.netto')] : []),
}

const indicatorSet: TablePolicy = {
  table: 'indicator_set',
  label: { id: 'Set indikator', en: 'Indicator sets' },
  rowLabel: name,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: SCOPE },
  columns: { code: c.text(60, 1), name: c.text(200, 1), definition_json: c.json() },
  check: (r) => (r.deleted_at ? [] : indicatorSetRowProblems(str(r.definition_json), str(r.code))),
}

const evaluationPeriod: TablePolicy = {
  table: 'evaluation_period',
  label: { id: 'Periode evaluasi', en: 'Evaluation periods' },
  rowLabel: name,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: SCOPE },
  columns: { name: c.text(200, 1), year: c.year, area_code: c.wilayahCode, status: z.enum(['open', 'locked'], zm('row.periodStatus')), indicator_set_json: c.json().nullable() },
  check: (r) => [
    ...(isWithin(str(r.area_code), str(r.scope)) ? [] : [msg('row.areaOutside', { area: str(r.area_code), kab: str(r.scope) })]),
    ...(r.indicator_set_json == null || r.deleted_at ? [] : indicatorSetRowProblems(str(r.indicator_set_json), r.indicator_set_code == null ? undefined : str(r.indicator_set_code))),
  ],
  // A lock arriving with the reports it locks must not refuse them.
  appliesAfterData: true,
}

/** A kecamatan's submission and approval of a month (issue 13): only the kecamatan decides it. */
const reportApproval: TablePolicy = {
  table: 'report_approval',
  label: { id: 'Persetujuan laporan bulanan', en: 'Monthly report approvals' },
  rowLabel: (r) => `${str(r.scope)} ${formatMonth(str(r.month))}`,
  scopeLevel: 'kecamatan',
  writers: all('owner'),
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { month: c.month, status: z.enum(['draft', 'submitted', 'approved'], zm('row.approvalStatus')), submitted_at: c.timestamp.nullable(), approved_at: c.timestamp.nullable(), note: c.optText(500) },
  // Travels with the reports it covers: applied after them.
  appliesAfterData: true,
}

/** The kabupaten's acceptance (or return) of a kecamatan's month; an accepted month is locked there and here. */
const reportAcceptance: TablePolicy = {
  table: 'report_acceptance',
  label: { id: 'Penerimaan laporan bulanan', en: 'Monthly report acceptances' },
  rowLabel: (r) => `${str(r.kecamatan_code)} ${formatMonth(str(r.month))}`,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: { rows: 'where', where: 't.kecamatan_code = @receiver' } },
  columns: { kecamatan_code: c.wilayahCode, month: c.month, status: z.enum(['accepted', 'returned'], zm('row.acceptanceStatus')), decided_at: c.timestamp, decided_by_name: c.text(120, 1), note: c.optText(500) },
  check: (r) => (isBelow(str(r.kecamatan_code), str(r.scope)) ? [] : [msg('row.kecamatanOutside', { kec: str(r.kecamatan_code), kab: str(r.scope) })]),
  appliesAfterData: true,
}

const evaluationScore: TablePolicy = {
  table: 'evaluation_score',
  label: { id: 'Nilai evaluasi', en: 'Evaluation scores' },
  rowLabel: (r) => str(r.item),
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: { rows: 'where', where: ofReceiversPosyandu() } },
  columns: { period_id: c.id, posyandu_id: c.id, item: c.text(60, 1), score: z.number().min(0, zm('row.score')).max(1000, zm('row.score')).nullable(), notes: c.optText(1000) },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

const refItem: TablePolicy = {
  table: 'ref_item',
  label: { id: 'Daftar acuan', en: 'Reference lists' },
  rowLabel: name,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: SCOPE },
  columns: { kind: c.text(40, 1), code: c.text(40, 1), name: c.text(200, 1), active: c.flag },
}

const skpd: TablePolicy = {
  table: 'skpd',
  label: { id: 'SKPD', en: 'Agencies (SKPD)' },
  rowLabel: (r) => str(r.short_name) || name(r),
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: SCOPE },
  columns: { code: c.text(40, 1), name: c.text(200, 1), active: c.flag },
}

const programme: TablePolicy = {
  table: 'programme',
  label: { id: 'Program SKPD', en: 'Agency programmes' },
  rowLabel: name,
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: SCOPE },
  columns: { skpd_id: c.id, fiscal_year: c.year, name: c.text(300, 1), budget: c.rupiah().nullable(), realisation: c.rupiah().nullable() },
}

const programmePosyandu: TablePolicy = {
  table: 'programme_posyandu',
  label: { id: 'Posyandu sasaran program', en: 'Programme posyandu' },
  rowLabel: () => '',
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: { rows: 'where', where: ofReceiversPosyandu() } },
  columns: { programme_id: c.id, posyandu_id: c.id },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

const regulation: TablePolicy = {
  table: 'regulation',
  label: { id: 'Regulasi', en: 'Regulations' },
  rowLabel: (r) => `${str(r.kind)} ${str(r.number)}`.trim() || str(r.title),
  // A kabupaten's decrees are its own; a kecamatan's (SK Camat) are the kecamatan's.
  scopeLevel: 'any',
  writers: all('owner'),
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { kind: c.text(40, 1), number: c.text(100, 1), year: c.year, title: c.text(500, 1), date_signed: c.optDate, changed_by_id: c.optId },
}

const kaderCount: TablePolicy = {
  table: 'kader_count',
  label: { id: 'Jumlah kader per posyandu', en: 'Cadre counts per posyandu' },
  rowLabel: (r) => `${str(r.total)} kader`,
  // Counted by the kabupaten from its kader rows (src/core/province/counts.ts), for its province.
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { nasional: toNation([]), provinsi: SCOPE },
  columns: {
    posyandu_id: c.id,
    total: c.count(10_000),
    male: c.count(10_000),
    female: c.count(10_000),
    trained: c.count(10_000),
    ketua: c.count(10_000),
    sekretaris: c.count(10_000),
    bendahara: c.count(10_000),
    anggota: c.count(10_000),
  },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
  check: (r) => {
    const n = (k: string) => Number(r[k] ?? 0)
    const out: Said[] = []
    if (n('male') + n('female') !== n('total')) out.push(msg('row.countSex'))
    if (n('ketua') + n('sekretaris') + n('bendahara') + n('anggota') !== n('total')) out.push(msg('row.countRole'))
    if (n('trained') > n('total')) out.push(msg('row.countTrained'))
    return out
  },
}

const posyanduStratum: TablePolicy = {
  table: 'posyandu_stratum',
  label: { id: 'Strata posyandu', en: 'Posyandu strata' },
  rowLabel: (r) => `${str(r.year)}: ${str(r.stratum)}`,
  // Computed by the kabupaten with its indicator set (src/core/province/counts.ts), for its province.
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { nasional: toNation([]), provinsi: SCOPE },
  columns: {
    posyandu_id: c.id,
    year: c.year,
    stratum: c.text(40, 1),
    aktif: c.flag,
    set_code: c.text(60, 1),
    set_name: c.text(200, 1),
    reason: c.optText(500),
  },
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

/**
 * A form definition's text read once: its code, version and period type, and checkForm's
 * problems (every expression parsed). Kept by text: a bundle brings each version of a form
 * in many rows and reloads, and parsing the expressions is the costly part.
 */
const formTexts = new Map<string, { code: unknown; version: unknown; periodType: unknown; problems: Said[] } | null>()
function readFormText(text: string) {
  if (formTexts.has(text)) return formTexts.get(text)!
  let read: { code: unknown; version: unknown; periodType: unknown; problems: Said[] } | null
  try {
    const def = JSON.parse(text) as FormDef
    read = { code: def?.code, version: def?.version, periodType: def?.periodType, problems: formProblems(def) }
  } catch {
    read = null
  }
  if (formTexts.size > 200) formTexts.clear()
  formTexts.set(text, read)
  return read
}

/** checkForm's messages; a definition too malformed for it to read (no field list, a number for a name …) is one problem, not a crash. */
export function formProblems(def: FormDef): Said[] {
  try {
    return checkForm(def).map((p) => p.msg)
  } catch {
    return [msg('row.formBroken')]
  }
}

/** A form version must be a valid form (every expression parses) whose code and version match its columns. */
function formDefinitionProblems(r: Record<string, unknown>): Said[] {
  if (r.deleted_at) return []
  const def = readFormText(str(r.definition_json))
  if (!def) return [msg('row.formNotJson')]
  if (def.code !== r.code || def.version !== r.version || def.periodType !== r.period_type) return [msg('row.formMismatch')]
  return [...def.problems]
}

/** Report values: one flat object of numbers, yes/no and short texts; the period fits its shape. */
function formReportProblems(r: Record<string, unknown>): Said[] {
  if (r.deleted_at) return []
  const out: Said[] = []
  if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(str(r.period))) out.push(msg('row.period'))
  try {
    const v = JSON.parse(str(r.values_json)) as unknown
    if (!v || typeof v !== 'object' || Array.isArray(v)) out.push(msg('row.valuesObject'))
    else
      for (const [k, x] of Object.entries(v)) {
        if (!/^[a-z][a-z0-9_]{0,39}$/.test(k)) out.push(msg('row.valueCode', { code: k.slice(0, 40) }))
        else if (!(typeof x === 'number' ? Number.isFinite(x) : typeof x === 'boolean' || (typeof x === 'string' && x.length <= 1000))) out.push(msg('row.valueInvalid', { code: k }))
      }
  } catch {
    out.push(msg('row.valuesNotJson'))
  }
  return out
}

const formDefinition: TablePolicy = {
  table: 'form_definition',
  label: { id: 'Formulir laporan', en: 'Report forms' },
  rowLabel: (r) => `${str(r.code)} versi ${str(r.version)}`,
  // Forms are the kabupaten's: it alone writes them; they travel to its kecamatan.
  scopeLevel: 'kabupaten',
  writers: KABUPATEN_ONLY,
  receivers: { kecamatan: SCOPE },
  columns: { code: c.text(30, 2), version: c.count(10_000), period_type: z.enum(['monthly', 'yearly'], zm('row.formPeriodType')), name: c.text(300, 1), definition_json: c.json() },
  check: formDefinitionProblems,
}

const formReport: TablePolicy = {
  table: 'form_report',
  label: { id: 'Laporan formulir', en: 'Form reports' },
  rowLabel: (r) => `${str(r.form_code)}, ${str(r.period)}`,
  // Values are written by the posyandu's kecamatan (its scope) and go up to the kabupaten.
  scopeLevel: 'kecamatan',
  writers: all('owner'),
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: { form_code: c.text(30, 2), form_version: c.count(10_000), posyandu_id: c.id, period: c.text(7, 4), values_json: c.json(100_000) },
  check: formReportProblems,
  // A kecamatan reports only on its own posyandu.
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

/** Follow-up marks on data-quality findings: the posyandu's kecamatan marks them, its kabupaten sees them. */
const qualityMark: TablePolicy = {
  table: 'quality_mark',
  label: { id: 'Tanda tindak lanjut mutu data', en: 'Data quality follow-up marks' },
  rowLabel: (r) => `${str(r.form_code)}, ${str(r.period)}: ${str(r.subject)}`,
  scopeLevel: 'kecamatan',
  writers: all('owner'),
  receivers: { kabupaten: SCOPE, kecamatan: SCOPE },
  columns: {
    form_code: c.text(30, 2),
    posyandu_id: c.id,
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, zm('row.period')),
    kind: z.enum(['rule', 'outlier'], zm('row.findingKind')),
    subject: c.text(60, 1),
    status: z.enum(['checked', 'fixed', 'follow_up'], zm('row.markStatus')),
    note: c.optText(500),
    finding: c.text(600, 1),
    marked_at: c.timestamp,
    marked_by_name: c.text(120, 1),
  },
  // A kecamatan marks only findings on its own posyandu.
  refs: [{ column: 'posyandu_id', table: 'posyandu' }],
}

/**
 * A province offers its indicator sets and report forms to its kabupaten/kota (src/core/province/offers.ts):
 * the province alone writes them; every kabupaten/kota of the province receives them (its
 * ancestor's rows). An offered set may differ from a shipped one only in thresholds and name,
 * an offered form must pass the form checks: nothing a province sends can break a kabupaten's strata.
 */
const provinceOffer: TablePolicy = {
  table: 'province_offer',
  label: { id: 'Tawaran provinsi', en: 'Province offers' },
  rowLabel: (r) => `${str(r.kind) === 'form' ? 'formulir' : 'set indikator'} ${str(r.code)} versi ${str(r.version)}`,
  scopeLevel: 'provinsi',
  writers: all('owner'),
  receivers: { kabupaten: SCOPE },
  columns: { kind: z.enum(['indicator_set', 'form'], zm('row.offerKind')), code: c.text(60, 1), version: c.count(10_000), name: c.text(300, 1), definition_json: c.json(), note: c.optText(1000) },
  check: (r) => (r.deleted_at ? [] : offerDefinitionProblems(str(r.kind), str(r.code), str(r.definition_json))),
}

/** A kabupaten's answer to an offer (adopted or kept its own), for its province to see. */
const offerDecision: TablePolicy = {
  table: 'offer_decision',
  label: { id: 'Keputusan atas tawaran provinsi', en: 'Decisions on province offers' },
  rowLabel: (r) => `${str(r.decision) === 'adopted' ? 'diadopsi' : 'memakai milik sendiri'} (versi ${str(r.offer_version)})`,
  scopeLevel: 'kabupaten',
  writers: all('owner'),
  receivers: { provinsi: SCOPE },
  columns: { offer_id: c.id, offer_version: c.count(10_000), decision: z.enum(['adopted', 'kept'], zm('row.offerDecision')), adopted_as: c.optText(100), note: c.optText(1000), decided_by: c.optText(200) },
}

export const TABLE_POLICIES: readonly TablePolicy[] = [
  posyandu,
  kader,
  kaderPosyandu,
  kaderTraining,
  duplicateReview,
  monthlyReport,
  posyanduActivity,
  puskesosService,
  pendampingPerson,
  pendampingAssignment,
  honorRate,
  honorList,
  honorLine,
  indicatorSet,
  evaluationPeriod,
  evaluationScore,
  reportApproval,
  reportAcceptance,
  refItem,
  skpd,
  programme,
  programmePosyandu,
  regulation,
  kaderCount,
  posyanduStratum,
  formDefinition,
  formReport,
  provinceOffer,
  offerDecision,
  qualityMark,
]
