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

/**
 * Refusals core does not send by key yet: exact sentences and sentence shapes, most specific
 * first; `$1`… are the parts that vary. (Keyed refusals never reach these.)
 */
const RULES: Rule[] = [
  { code: 'AREA_OUTSIDE', id: /^Posyandu (.+) berada di luar wilayah kantor ini\.$/, en: 'Posyandu $1 is outside this office\'s area.' },
  { code: 'AREA_OUTSIDE', id: /^Wilayah (\S+) berada di luar wilayah kantor ini \((\S+)\)/, en: 'Area $1 is outside this office\'s area ($2).' },
  { code: 'AREA_OUTSIDE', id: /^Kecamatan (.+) di luar kabupaten ini\.$/, en: 'Subdistrict $1 is outside this district.' },
  { code: 'LOGIN_LOCKED', id: /^Nama pengguna atau kata sandi salah\. Setelah (\d+) kali salah, akun terkunci (\d+) detik\.$/, en: 'Wrong username or password. After $1 wrong tries the account is locked for $2 seconds.' },
  { code: 'LOGIN_LOCKED', id: /^Terlalu banyak percobaan yang salah\. Akun "(.+)" terkunci; coba lagi dalam (\d+) detik\.$/, en: 'Too many wrong tries. The account "$1" is locked; try again in $2 seconds.' },
  { code: 'EVALUATION_LOCKED', id: /^Periode "(.+)" sudah dikunci/, en: 'The evaluation period "$1" is locked; its data cannot be changed.' },
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

/** A check's message ({ message, msg? }) in the screen's language: by its key, else as core wrote it. */
export const issueText = (i: { message: string; msg?: Msg }): string => (i.msg && msgText(i.msg)) || i.message

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

const NIP_MESSAGES: [RegExp, string][] = [
  [/^NIP hanya berisi angka$/, 'digits'],
  [/^NIP terdiri dari 18 angka \(tertulis (\d+)\)$/, 'length'],
  [/^Delapan angka pertama NIP/, 'birth'],
  [/^Angka ke-9 s\.d\. 14 NIP/, 'tmt'],
  [/^Angka ke-15 NIP/, 'sex'],
]

/** A field message without a key (fallback: the NIP's sentences from an older core), in the screen's language. */
export function fieldText(message: string, lang = i18n.language): string {
  if (lang !== 'en') return message
  for (const [re, code] of NIP_MESSAGES) {
    const m = re.exec(message)
    if (m) return i18n.t(`common:nip.${code}`, { n: m[1] })
  }
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
