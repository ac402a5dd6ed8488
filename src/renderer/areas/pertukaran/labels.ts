import i18n from '../../i18n'
import { screenNumber } from '../../i18n/months'
import { TABLES } from './tableNames'

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
