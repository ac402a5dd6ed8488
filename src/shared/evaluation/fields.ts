import { msg, sayId, type Loc, type Msg, type MsgParam } from '../messages'
/**
 * The monthly posyandu report (SKDN and services): its fields and the validation rules
 * checked as the operator types. Both are data, read by the renderer (offline, per
 * keystroke) and by core (before saving), so the two can never disagree.
 */

export type NumericField =
  | 'kader_on_duty' | 's' | 'k' | 'd' | 'n' | 't' | 'o' | 'b' | 'bgm'
  | 'stunting_found' | 'stunting_referred' | 'bumil' | 'bumil_target' | 'k4'
  | 'bayi_target' | 'imunisasi' | 'pus' | 'kb' | 'vit_a' | 'pmt' | 'dana_sehat' | 'kk'

export type MonthlyField = NumericField | 'open_date' | 'programmes'

/** One month of one posyandu. `held` null = nothing said yet (the month is missing). */
export interface MonthlyValues {
  held: boolean | null
  open_date: string | null
  programmes: string[]
  notes?: string | null
  /** Numeric fields; null = not filled in (never read as 0). */
  [field: string]: number | null | boolean | string | string[] | undefined
}

export interface FieldDef {
  key: MonthlyField
  /** Short label for grid headers ("D"). */
  short: string
  label: string
  labelEn: string
  group: 'kegiatan' | 'skdn' | 'gizi' | 'kia' | 'layanan' | 'sasaran'
  max?: number
}

export const MONTHLY_FIELDS: FieldDef[] = [
  { key: 'open_date', short: 'Tgl buka', label: 'Tanggal buka (hari ke-)', labelEn: 'Open day (day of month)', group: 'kegiatan' },
  { key: 'kader_on_duty', short: 'Kader', label: 'Kader bertugas', labelEn: 'Kader on duty', group: 'kegiatan', max: 60 },
  { key: 's', short: 'S', label: 'S — balita di wilayah', labelEn: 'S — under-fives in area', group: 'skdn', max: 5000 },
  { key: 'k', short: 'K', label: 'K — punya KMS/buku KIA', labelEn: 'K — with KMS/KIA book', group: 'skdn', max: 5000 },
  { key: 'd', short: 'D', label: 'D — ditimbang', labelEn: 'D — weighed', group: 'skdn', max: 5000 },
  { key: 'n', short: 'N', label: 'N — naik berat badan', labelEn: 'N — weight up', group: 'skdn', max: 5000 },
  { key: 't', short: 'T', label: 'T — tidak naik', labelEn: 'T — not up', group: 'skdn', max: 5000 },
  { key: 'o', short: 'O', label: 'O — tidak ditimbang bulan lalu', labelEn: 'O — not weighed last month', group: 'skdn', max: 5000 },
  { key: 'b', short: 'B', label: 'B — baru pertama ditimbang', labelEn: 'B — weighed for the first time', group: 'skdn', max: 5000 },
  { key: 'bgm', short: 'BGM', label: 'BGM — di bawah garis merah', labelEn: 'BGM — below the red line', group: 'gizi', max: 5000 },
  { key: 'stunting_found', short: 'Stunting', label: 'Stunting ditemukan', labelEn: 'Stunting found', group: 'gizi', max: 5000 },
  { key: 'stunting_referred', short: 'Dirujuk', label: 'Stunting dirujuk', labelEn: 'Stunting referred', group: 'gizi', max: 5000 },
  { key: 'bumil', short: 'Bumil', label: 'Ibu hamil dilayani', labelEn: 'Pregnant women served', group: 'kia', max: 2000 },
  { key: 'k4', short: 'K4', label: 'K4 (kunjungan ke-4)', labelEn: 'K4 (4th antenatal visit)', group: 'kia', max: 2000 },
  { key: 'imunisasi', short: 'IDL', label: 'Imunisasi dasar lengkap', labelEn: 'Complete basic immunisation', group: 'layanan', max: 2000 },
  { key: 'kb', short: 'KB', label: 'Peserta KB aktif', labelEn: 'Active family planning users', group: 'layanan', max: 10000 },
  { key: 'vit_a', short: 'Vit A', label: 'Vitamin A diberikan', labelEn: 'Vitamin A given', group: 'layanan', max: 5000 },
  { key: 'pmt', short: 'PMT', label: 'PMT diberikan', labelEn: 'Supplementary food given', group: 'layanan', max: 5000 },
  { key: 'programmes', short: 'Program', label: 'Program tambahan (kode)', labelEn: 'Additional programmes (codes)', group: 'layanan' },
  { key: 'dana_sehat', short: 'Dana sehat', label: 'Anggota dana sehat (KK)', labelEn: 'Health fund members (households)', group: 'layanan', max: 10000 },
  { key: 'bumil_target', short: 'Sas. bumil', label: 'Sasaran ibu hamil (tahun)', labelEn: 'Target pregnant women (year)', group: 'sasaran', max: 2000 },
  { key: 'bayi_target', short: 'Sas. bayi', label: 'Sasaran bayi (tahun)', labelEn: 'Target infants (year)', group: 'sasaran', max: 2000 },
  { key: 'pus', short: 'PUS', label: 'Pasangan usia subur', labelEn: 'Couples of reproductive age', group: 'sasaran', max: 10000 },
  { key: 'kk', short: 'KK', label: 'Kepala keluarga di wilayah', labelEn: 'Households in area', group: 'sasaran', max: 10000 },
]

export const NUMERIC_FIELDS = MONTHLY_FIELDS.filter((f) => f.key !== 'open_date' && f.key !== 'programmes').map((f) => f.key as NumericField)

export const fieldDef = (key: string) => MONTHLY_FIELDS.find((f) => f.key === key)

/** Fields that say the posyandu opened that month: a month marked "tidak buka" leaves them empty (targets and S, KK, PUS may stay). */
export const ACTIVITY_FIELDS = NUMERIC_FIELDS.filter((k) => !fieldDef(k)!.group.startsWith('sasaran') && k !== 's' && k !== 'kk' && k !== 'pus')

/**
 * Codes of "additional programmes": the five PHI parts and the six SPM fields. The full
 * reference lists live with the programmes area; a code outside these is a warning only.
 */
export const PROGRAMME_CODES = ['peduli', 'hijau', 'sehat', 'pintar', 'kreatif', 'spm-pendidikan', 'spm-kesehatan', 'spm-pu', 'spm-perumahan', 'spm-trantibumlinmas', 'spm-sosial']

/** "Peduli, sehat  pintar" → ['peduli', 'sehat', 'pintar'] (lower case, no duplicates). */
export function parseProgrammes(text: string | null | undefined): string[] {
  if (!text) return []
  return [...new Set(text.toLowerCase().split(/[\s,;]+/).filter(Boolean))]
}

/* ---------- validation rules (data) ---------- */

export type Rule =
  /** a ≤ b, when both are filled in. */
  | { id: string; kind: 'lte'; a: NumericField; b: NumericField; severity: 'error' | 'warning' }
  /** total = Σ parts, when all are filled in. */
  | { id: string; kind: 'sum'; total: NumericField; parts: NumericField[]; severity: 'error' | 'warning' }

export const MONTHLY_RULES: Rule[] = [
  { id: 'K<=S', kind: 'lte', a: 'k', b: 's', severity: 'error' },
  { id: 'D<=S', kind: 'lte', a: 'd', b: 's', severity: 'error' },
  { id: 'D<=K', kind: 'lte', a: 'd', b: 'k', severity: 'error' },
  { id: 'N<=D', kind: 'lte', a: 'n', b: 'd', severity: 'error' },
  { id: 'T<=D', kind: 'lte', a: 't', b: 'd', severity: 'error' },
  { id: 'O<=D', kind: 'lte', a: 'o', b: 'd', severity: 'error' },
  { id: 'B<=D', kind: 'lte', a: 'b', b: 'd', severity: 'error' },
  { id: 'BGM<=D', kind: 'lte', a: 'bgm', b: 'd', severity: 'error' },
  { id: 'D=N+T+O+B', kind: 'sum', total: 'd', parts: ['n', 't', 'o', 'b'], severity: 'warning' },
  { id: 'rujuk<=stunting', kind: 'lte', a: 'stunting_referred', b: 'stunting_found', severity: 'error' },
  { id: 'stunting<=S', kind: 'lte', a: 'stunting_found', b: 's', severity: 'error' },
  { id: 'K4<=bumil', kind: 'lte', a: 'k4', b: 'bumil', severity: 'warning' },
  { id: 'KB<=PUS', kind: 'lte', a: 'kb', b: 'pus', severity: 'error' },
  { id: 'danasehat<=KK', kind: 'lte', a: 'dana_sehat', b: 'kk', severity: 'error' },
  { id: 'vitA<=S', kind: 'lte', a: 'vit_a', b: 's', severity: 'warning' },
]

export interface Issue {
  rule: string
  /** The field the message sits beside. */
  field: MonthlyField | 'held'
  severity: 'error' | 'warning'
  /** Indonesian; `msg` is the same by key (monthly.*), for English screens. */
  message: string
  msg?: Msg
}

/** An issue whose Indonesian sentence comes from the message catalogue. */
function keyed(rule: string, field: Issue['field'], severity: Issue['severity'], key: string, params?: Record<string, MsgParam>): Issue {
  const m = msg(`monthly.${key}`, params)
  return { rule, field, severity, message: sayId(m), msg: m }
}
/** A field as a message names it: its short label, in English its English label. */
const named = (k: string): Loc => ({ id: short(k), en: fieldDef(k)?.labelEn ?? k })
const names = (ks: string[]): Loc => ({ id: ks.map((k) => named(k).id).join(', '), en: ks.map((k) => named(k).en).join(', ') })

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const short = (k: string) => fieldDef(k)?.short ?? k

/**
 * Checks one month as typed. `month` (YYYY-MM) lets the open date be checked against it.
 * Errors block saving; warnings are shown and may be accepted.
 */
export function validateMonthly(v: MonthlyValues, month?: string, rules: Rule[] = MONTHLY_RULES): Issue[] {
  const out: Issue[] = []
  for (const f of MONTHLY_FIELDS) {
    if (f.key === 'open_date' || f.key === 'programmes') continue
    const raw = v[f.key]
    if (raw === null || raw === undefined || raw === '') continue
    const x = num(raw)
    if (x === null || !Number.isInteger(x)) out.push(keyed('integer', f.key, 'error', 'integer', { field: named(f.key) }))
    else if (x < 0) out.push(keyed('min', f.key, 'error', 'negative', { field: named(f.key) }))
    else if (f.max !== undefined && x > f.max) out.push(keyed('max', f.key, 'error', 'max', { field: named(f.key), x, max: f.max }))
  }
  if (v.open_date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.open_date) || Number.isNaN(Date.parse(`${v.open_date}T00:00:00Z`)) || new Date(`${v.open_date}T00:00:00Z`).toISOString().slice(0, 10) !== v.open_date) {
      out.push(keyed('date', 'open_date', 'error', 'date'))
    } else if (month && !v.open_date.startsWith(month)) {
      out.push(keyed('date-month', 'open_date', 'error', 'dateMonth', { date: v.open_date, month }))
    }
  }
  if (v.held === false) {
    const filled = ACTIVITY_FIELDS.filter((k) => num(v[k]) !== null)
    if (v.open_date || filled.length) {
      out.push(keyed('not-held', 'held', 'error', 'notHeld', { fields: names([...(v.open_date ? ['open_date'] : []), ...filled]) }))
    }
  }
  for (const r of rules) {
    if (r.kind === 'lte') {
      const a = num(v[r.a])
      const b = num(v[r.b])
      if (a !== null && b !== null && a > b) {
        out.push(keyed(r.id, r.a, r.severity, 'lte', { a: short(r.a), av: a, b: short(r.b), bv: b }))
      }
    } else {
      const total = num(v[r.total])
      const parts = r.parts.map((p) => num(v[p]))
      if (total !== null && parts.every((p) => p !== null)) {
        const sum = (parts as number[]).reduce((s, p) => s + p, 0)
        if (sum !== total) {
          out.push(keyed(r.id, r.total, r.severity, 'sum', { total: short(r.total), tv: total, parts: r.parts.map(short).join(' + '), sum }))
        }
      }
    }
  }
  for (const code of v.programmes ?? []) {
    if (!PROGRAMME_CODES.includes(code)) out.push(keyed('programme-code', 'programmes', 'warning', 'programme', { code, known: PROGRAMME_CODES.slice(0, 5).join(', ') }))
  }
  return out
}

/** True when nothing at all is filled in (the month stays missing). */
export function isEmptyMonth(v: MonthlyValues): boolean {
  return v.held === null && !v.open_date && (v.programmes ?? []).length === 0 && NUMERIC_FIELDS.every((k) => num(v[k]) === null) && !v.notes
}

export const emptyMonth = (): MonthlyValues => ({ held: null, open_date: null, programmes: [], notes: null, ...Object.fromEntries(NUMERIC_FIELDS.map((k) => [k, null])) })

/* ---------- derived indicators ---------- */

export const DERIVED = [
  { id: 'ks', label: 'K/S', num: 'k', den: 's' },
  { id: 'ds', label: 'D/S', num: 'd', den: 's' },
  { id: 'nd', label: 'N/D', num: 'n', den: 'd' },
  { id: 'dk', label: 'D/K', num: 'd', den: 'k' },
  { id: 'bgmd', label: 'BGM/D', num: 'bgm', den: 'd' },
] as const

export type DerivedId = (typeof DERIVED)[number]['id']

/** K/S, D/S, N/D, D/K, BGM/D of one month; null where a value is missing or the denominator is 0. */
export function derivedIndicators(v: Record<string, unknown>): Record<DerivedId, number | null> {
  const out = {} as Record<DerivedId, number | null>
  for (const d of DERIVED) {
    const a = num(v[d.num])
    const b = num(v[d.den])
    out[d.id] = a !== null && b !== null && b > 0 ? a / b : null
  }
  return out
}
