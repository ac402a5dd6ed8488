import { rolesFor, type Role } from '../../shared/contract/roles'
import type { OpName } from '../../shared/contract'
// The i18next instance itself (not ./index): the API layer imports this module, and ./index imports the areas.
import i18n from 'i18next'
import { isMsg, sayId, templateOf, type Msg } from '../../shared/messages'
import { messages } from './messages'

/**
 * Refusals from core are written in Bahasa Indonesia (they also reach the CLI and bundle
 * reports). On an English screen the renderer shows them in English: by message key when
 * core sent one (`msg`, src/shared/messages.ts; English in ./messages.ts); else, for older
 * refusals not yet keyed, by error code with the parts that vary read back out of the
 * Indonesian sentence (RULES, a fallback). A code without a sentence here gets its code's
 * general English meaning; a code unknown here, a general "refused, nothing changed" with the
 * code, so no Indonesian text is shown in English.
 */
type Rule = { code: string; id: RegExp; en: string }

const ROLE_EN: Record<Role, string> = {
  admin: 'Administrator', operator: 'Operator', verifikator: 'Verifier', pptk: 'PPTK / Head', bendahara: 'Treasurer', evaluator: 'Evaluator', readonly: 'Read-only',
}

/** Exact sentences and sentence shapes, most specific first; `$1`… are the parts that vary. */
const RULES: Rule[] = [
  { code: 'DELETED', id: /^(Kader|Posyandu) (.+) sudah dihapus; pulihkan dulu atau buang dari pilihan\.$/, en: '$1 $2 has been deleted; restore it first or take it out of the selection.' },
  { code: 'DELETED', id: /^(Kader|Posyandu) ini sudah dihapus; pulihkan dulu dari riwayat perubahan\.$/, en: 'This $1 has been deleted; restore it first from its change history.' },
  { code: 'DELETED', id: /^Posyandu (.+) sudah dihapus\.$/, en: 'Posyandu $1 has been deleted.' },
  { code: 'OTHER_KECAMATAN', id: /^Kader (.+) terdaftar di kecamatan lain;/, en: 'Cadre $1 is registered in another subdistrict; moving between subdistricts is done by the subdistrict the cadre comes from.' },
  { code: 'OTHER_KECAMATAN', id: /^Posyandu (.+) terdaftar di kecamatan lain;/, en: 'Posyandu $1 is registered in another subdistrict; the target village must be in the same subdistrict.' },
  { code: 'POSYANDU_NAME_TAKEN', id: /^Sudah ada posyandu bernama "(.+)" di desa ini\./, en: 'There is already a posyandu named "$1" in this village. Posyandu names are unique per village.' },
  { code: 'POSYANDU_HAS_KADER', id: /^Posyandu (.+) masih punya (\d+) kader aktif\./, en: 'Posyandu $1 still has $2 active cadres. Move them to another posyandu or end their membership first.' },
  { code: 'DATE_FUTURE', id: /^Tanggal nonaktif (\S+) belum terjadi;/, en: 'The inactive date $1 has not come yet; choose today or an earlier date.' },
  { code: 'DATE_FUTURE', id: /^Tanggal kegiatan belum terjadi/, en: 'The activity date has not come yet; record an activity after it took place.' },
  { code: 'DATE_FUTURE', id: /^Tanggal layanan belum terjadi/, en: 'The service date has not come yet.' },
  { code: 'DATE_ORDER', id: /^Kader (.+) baru aktif sejak (\S+);/, en: 'Cadre $1 is active only from $2; the inactive date cannot be earlier.' },
  { code: 'AREA_OUTSIDE', id: /^Posyandu (.+) berada di luar wilayah kantor ini\.$/, en: 'Posyandu $1 is outside this office\'s area.' },
  { code: 'AREA_OUTSIDE', id: /^Wilayah (\S+) berada di luar wilayah kantor ini \((\S+)\)/, en: 'Area $1 is outside this office\'s area ($2).' },
  { code: 'AREA_OUTSIDE', id: /^Kecamatan (.+) di luar kabupaten ini\.$/, en: 'Subdistrict $1 is outside this district.' },
  { code: 'USERNAME_TAKEN', id: /^Nama pengguna "(.+)" sudah dipakai/, en: 'The username "$1" is already taken.' },
  { code: 'LOGIN_LOCKED', id: /^Nama pengguna atau kata sandi salah\. Setelah (\d+) kali salah, akun terkunci (\d+) detik\.$/, en: 'Wrong username or password. After $1 wrong tries the account is locked for $2 seconds.' },
  { code: 'LOGIN_LOCKED', id: /^Terlalu banyak percobaan yang salah\. Akun "(.+)" terkunci; coba lagi dalam (\d+) detik\.$/, en: 'Too many wrong tries. The account "$1" is locked; try again in $2 seconds.' },
  { code: 'EVALUATION_LOCKED', id: /^Periode "(.+)" sudah dikunci/, en: 'The evaluation period "$1" is locked; its data cannot be changed.' },
  { code: 'MAKER_CHECKER', id: /^Bulan ini Anda ajukan sendiri/, en: 'You submitted this month yourself; someone else must approve it.' },
  { code: 'MAKER_CHECKER', id: /^Daftar ini Anda susun sendiri; verifikasi/, en: 'You prepared this list yourself; someone else must verify it.' },
  { code: 'MAKER_CHECKER', id: /^Daftar ini Anda susun sendiri;/, en: 'You prepared this list yourself; whoever prepares a list may not approve it.' },
  { code: 'MAKER_CHECKER', id: /^Daftar ini Anda verifikasi sendiri/, en: 'You verified this list yourself; someone else must approve it.' },
  { code: 'KABUPATEN_ONLY', id: /^Ambang indikator/, en: 'Indicator thresholds can only be changed by the district office.' },
  { code: 'KABUPATEN_ONLY', id: /^Formulir laporan/, en: 'Report forms can only be changed by the district office; subdistricts receive them in bundles.' },
  { code: 'LIST_PAID', id: /^Daftar ini sudah dibayar/, en: 'This list has been paid; the payment is not undone. Make a correction revision.' },
]

/** What each code means when its sentence is not one of the above. */
const BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: 'Please log in first.',
  OFFLINE: 'Simpul cannot be reached. Check that it is still running, then try again.',
  NOT_FOUND: 'This record was not found (it may have been deleted).',
  DELETED: 'This record has been deleted; restore it first.',
  NOT_ALLOWED: 'Not allowed: this office may not change this record.',
  AREA_OUTSIDE: 'This is outside this office\'s area.',
  NO_OFFICE: 'The office is not set up yet. Finish the first-run setup first.',
  INVALID_INPUT: 'Some fields are not valid; see the messages beside the fields. Nothing was saved.',
  DB_BUSY: 'The database is busy with a long job (a bundle or spreadsheet import). Wait until it is done, then save again; nothing was changed.',
  DISK_FULL: 'This computer\'s disk is full, so Simpul cannot save. Nothing was changed. Free some disk space, then try again.',
  READ_ONLY: 'Simpul\'s data file cannot be written (read-only file or folder). Nothing was changed. Make it writable, then restart Simpul.',
  DB_LOCKED: 'The database is in use by another program (Simpul opened twice, a database browser). Nothing was changed. Close that program, then try again.',
  TOO_LARGE: 'The request is too large. Nothing was changed.',
  INTERNAL: 'Something went wrong inside Simpul; the command did not finish. The details are in the log. Try once more; if it fails again, download the diagnostics (Settings) and send them to Simpul\'s maintainers.',
  EVALUATION_LOCKED: 'The evaluation period is locked; its monthly reports and scores cannot be changed.',
  REPORT_ACCEPTED: 'This month has been accepted by the district and is locked.',
  MAKER_CHECKER: 'Someone other than the person who prepared it must do this step.',
  MONTHLY_INVALID: 'The report was not saved: some cells break the form\'s rules (marked red in the grid).',
  NIP_INVALID: 'The NIP is not valid.',
  INVALID_NIK: 'The NIK is not valid; see the message beside the NIK field. Nothing was saved.',
  INVALID_ROW: 'This record cannot be saved: some of its values are not valid. Nothing was saved.',
  NEEDS_CONFIRMATION: 'Check the warnings first, then save again.',
  LOGIN_FAILED: 'Wrong username or password.',
  LOGIN_LOCKED: 'Too many wrong tries; the account is locked for a while.',
  USER_INACTIVE: 'This account has been deactivated. Ask the office administrator.',
  BUNDLE_TAMPERED: 'The bundle file was changed after it was signed; it was refused and nothing was imported.',
  BUNDLE_UNAUTHORISED: 'The bundle holds rows its sender may not write; it was refused whole and nothing was imported.',
  BUNDLE_SCHEMA: 'The bundle was made by a newer Simpul. Update Simpul first.',
  BUNDLE_BUSY: 'Another import is running. Wait until it is done.',
  PEER_UNKNOWN: 'This office is not enrolled. Exchange office cards first.',
  XLSX_UNREADABLE: 'The spreadsheet cannot be read. Save it again as .xlsx and try again.',
  XLSX_TOO_LARGE: 'The spreadsheet is too large.',
  XLSX_ROWS_INVALID: 'Some rows of the spreadsheet are not valid; nothing was imported. See the per-row report.',
  FINGERPRINT_MISMATCH: 'The fingerprint does not match the card. Read it again with the other office.',
  BACKUP_OTHER_OFFICE: 'This backup belongs to another office.',
}

function forbidden(details: unknown): string | null {
  const d = details as { role?: Role; op?: OpName } | undefined
  if (!d?.role || !d.op) return null
  return `You are logged in as ${ROLE_EN[d.role] ?? d.role}; this role may not do this. Who may: ${rolesFor(d.op).map((r) => ROLE_EN[r]).join(', ')}.`
}

/** Whether the English catalogue has a key (or its plural forms). */
export const hasEnglish = (key: string) => [key, `${key}_other`].some((k) => templateOf(messages.en, k) !== undefined)

/** A keyed message from core in the screen's language; null when English has no such key. */
export function msgText(m: Msg, lang = i18n.language): string | null {
  if (lang !== 'en') return sayId(m)
  if (!hasEnglish(m.key)) return null
  if (!i18n.hasResourceBundle('en', 'msg')) {
    i18n.addResourceBundle('en', 'msg', messages.en)
    i18n.addResourceBundle('id', 'msg', messages.id)
  }
  const params: Record<string, string | number> = {}
  for (const [k, v] of Object.entries(m.params ?? {})) {
    const one = (x: Msg) => msgText(x, lang) ?? sayId(x)
    params[k] = Array.isArray(v) ? v.map(one).join('; ') : isMsg(v) ? one(v) : typeof v === 'object' ? v.en : v
  }
  const n = m.params?.n
  return i18n.t(`msg:${m.key}`, { ...params, ...(typeof n === 'number' ? { count: n } : {}), lng: 'en' })
}

/** The refusal in the screen's language. Indonesian screens get core's own sentence unchanged. */
export function refusalText(code: string, message: string, details?: unknown, lang = i18n.language, m?: Msg): string {
  if (lang !== 'en') return message
  const keyed = m && msgText(m, lang)
  if (keyed) return keyed
  if (code === 'FORBIDDEN') return forbidden(details) ?? 'Your role may not do this.'
  // The NIP check names its reason; the NIP field's own English says it.
  const nip = details as { reason?: string; length?: number } | undefined
  if (code === 'NIP_INVALID' && nip?.reason) return `${i18n.t(`common:nip.${nip.reason}`, { n: nip.length })}. Not saved.`
  for (const r of RULES) {
    if (r.code !== code) continue
    const m = r.id.exec(message)
    if (m) return r.en.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '')
  }
  return BY_CODE[code] ?? `Simpul refused this (${code}). Nothing was changed.`
}

/** Title of a refusal notification. */
export const failedTitle = () => i18n.t('common:state.failed')

/** The messages zod schemas give most often (beside a field), in English. Others stay as core wrote them. */
const FIELD_EN: Record<string, string> = {
  'Tahun tidak masuk akal': 'The year is not plausible',
  'Tahun anggaran tidak masuk akal': 'The fiscal year is not plausible',
  'Posyandu wajib dipilih': 'Choose a posyandu',
  'Pilih posyandu': 'Choose a posyandu',
  'Tanggal harus berbentuk YYYY-MM-DD': 'The date must be YYYY-MM-DD',
  'Tanggal harus berformat TTTT-BB-HH': 'The date must be YYYY-MM-DD',
  'Bulan harus berbentuk YYYY-MM': 'The month must be YYYY-MM',
  'Nama minimal 2 huruf': 'The name needs at least 2 letters',
  'Sumber dana wajib dipilih': 'Choose a funding source',
  'SKPD wajib dipilih': 'Choose an agency',
  'Kategori keluhan wajib dipilih': 'Choose a complaint category',
  'Pilih minimal satu posyandu': 'Choose at least one posyandu',
  'Pilih minimal satu kader': 'Choose at least one cadre',
  'NIK harus 16 angka': 'A NIK has 16 digits',
  'Lintang di luar Indonesia': 'The latitude is outside Indonesia',
  'Bujur di luar Indonesia': 'The longitude is outside Indonesia',
  'Berkas kosong': 'The file is empty',
  'Alasan minimal 5 huruf': 'The reason needs at least 5 letters',
  'Pilih desa/kelurahan tujuan': 'Choose the target village',
  'Pilih posyandu tujuan': 'Choose the target posyandu',
}
const NIP_MESSAGES: [RegExp, string][] = [
  [/^NIP hanya berisi angka$/, 'digits'],
  [/^NIP terdiri dari 18 angka \(tertulis (\d+)\)$/, 'length'],
  [/^Delapan angka pertama NIP/, 'birth'],
  [/^Angka ke-9 s\.d\. 14 NIP/, 'tmt'],
  [/^Angka ke-15 NIP/, 'sex'],
]

/** A message shown beside one field, in the screen's language. */
export function fieldText(message: string, lang = i18n.language): string {
  if (lang !== 'en') return message
  if (FIELD_EN[message]) return FIELD_EN[message]
  for (const [re, code] of NIP_MESSAGES) {
    const m = re.exec(message)
    if (m) return i18n.t(`common:nip.${code}`, { n: m[1] })
  }
  if (message.startsWith('Tulis alasan singkat')) return 'Write a short reason (at least 3 letters)'
  return message
}

/** One field message ({ message, msg? }) in the screen's language: by key, else by the sentence (fallback). */
function detailText(d: { message: string; msg?: unknown }): string {
  return (isMsg(d.msg) && msgText(d.msg)) || fieldText(d.message)
}

/**
 * zod details ([{ path, message, msg? }]) with their messages in the screen's language; a
 * warning list ({ warnings, msgs }, NEEDS_CONFIRMATION) likewise.
 */
export function localiseDetails(details: unknown): unknown {
  if (Array.isArray(details)) {
    return details.map((d) => (d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string' ? { ...d, message: detailText(d as { message: string }) } : d))
  }
  const w = details as { warnings?: unknown; msgs?: unknown } | undefined
  if (w && Array.isArray(w.warnings) && Array.isArray(w.msgs) && w.msgs.length === w.warnings.length) {
    return { ...w, warnings: w.warnings.map((text, i) => (isMsg((w.msgs as unknown[])[i]) && msgText((w.msgs as Msg[])[i])) || text) }
  }
  return details
}
