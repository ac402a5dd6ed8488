import i18n from '../../i18n'
import { screenNumber } from '../../i18n/months'
import { TABLES } from './tableNames'
import { msgText } from '../../i18n/errors'
import type { Msg } from '../../../shared/messages'

/**
 * Travelling tables as the screens name them. Reports carry the policy's Indonesian label
 * (src/core/policy/, `label.id`), used first; the English names below mirror the policy's
 * `label.en`, since the renderer does not import core.
 */

/** Tables that stay in the office (no policy) but appear in the audit trail. */
const LOCAL_TABLES: Record<string, { id: string; en: string }> = {
  app_user: { id: 'Pengguna', en: 'Users' },
}

/** "monthly_report" → "Laporan bulanan" (or English); `fromReport` is the label a report carries. */
export function tableLabel(table: string, fromReport?: string): string {
  const l = TABLES[table] ?? LOCAL_TABLES[table]
  if (i18n.language === 'en') return l?.en ?? fromReport ?? table.replace(/_/g, ' ')
  return fromReport || l?.id || table.replace(/_/g, ' ')
}

/** "kader 12, posyandu 3" → "Kader 12, Posyandu 3". */
export const countsText = (counts: Record<string, number>) =>
  Object.entries(counts).map(([k, n]) => `${tableLabel(k)} ${screenNumber(n)}`).join(', ')

/**
 * A row's note in an import report in the screen's language: by its key (`noteMsg`, from
 * src/core/exchange/stages/apply.ts); a report from an older Simpul without keys is read by
 * its fixed wording, and a note with Indonesian detail keeps only its English gist.
 */
const NOTES_EN: [RegExp, string][] = [
  [/^ditolak operator$/, 'rejected by the operator'],
  [/^bentrok dengan data lain yang harus unik/, 'clashes with other data that must be unique (e.g. the same name in the same village)'],
  [/^versi kantor ini menang/, 'this office\'s version wins; the sender\'s version is kept in the conflict list'],
  [/^versi pengirim menang/, 'the sender\'s version wins; this office\'s version is kept in the conflict list'],
  [/^di luar wewenang (\S+):/, 'outside the authority of $1'],
  [/^tidak memenuhi aturan data/, 'does not meet the data rules'],
  [/^ditolak aturan data/, 'refused by a data rule'],
]
export function noteText(note: string | null, noteMsg?: Msg): string {
  if (!note || i18n.language !== 'en') return note ?? ''
  // Core sends the note by key (with the row's own reasons): read in full.
  const keyed = noteMsg && msgText(noteMsg)
  if (keyed) return keyed
  for (const [re, en] of NOTES_EN) {
    const m = re.exec(note)
    if (m) return en.replace('$1', m[1] ?? '')
  }
  return note
}
