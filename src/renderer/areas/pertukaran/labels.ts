import i18n from '../../i18n'

/**
 * Travelling tables as the screens name them. One module, so it can later be fed from the
 * table policy registry (src/core/policy/) that gives each table a person-facing label.
 */
const TABLES: Record<string, { id: string; en: string }> = {
  posyandu: { id: 'Posyandu', en: 'Posyandu' },
  kader: { id: 'Kader', en: 'Cadres' },
  kader_posyandu: { id: 'Keanggotaan kader di posyandu', en: 'Cadre memberships' },
  kader_training: { id: 'Pelatihan kader', en: 'Cadre trainings' },
  regulation: { id: 'Regulasi', en: 'Regulations' },
  posyandu_activity: { id: 'Kegiatan posyandu', en: 'Posyandu activities' },
  programme: { id: 'Program SKPD', en: 'Agency programmes' },
  programme_posyandu: { id: 'Posyandu sasaran program', en: 'Posyandu reached by programmes' },
  puskesos_service: { id: 'Layanan Puskesos', en: 'Puskesos services' },
  ref_item: { id: 'Data rujukan', en: 'Reference data' },
  skpd: { id: 'SKPD', en: 'Agencies (SKPD)' },
  honor_line: { id: 'Baris daftar honor', en: 'Honor list lines' },
  honor_list: { id: 'Daftar honor', en: 'Honor lists' },
  honor_rate: { id: 'Tarif honor', en: 'Honor rates' },
  pendamping_assignment: { id: 'Penugasan pendamping', en: 'Facilitator assignments' },
  pendamping_person: { id: 'Pendamping', en: 'Facilitators' },
  evaluation_period: { id: 'Periode evaluasi', en: 'Evaluation periods' },
  evaluation_score: { id: 'Nilai evaluasi', en: 'Evaluation scores' },
  indicator_set: { id: 'Set indikator', en: 'Indicator sets' },
  monthly_report: { id: 'Laporan bulanan', en: 'Monthly reports' },
  duplicate_review: { id: 'Tinjauan duplikat', en: 'Duplicate reviews' },
}

/** "monthly_report" → "Laporan bulanan" (or English); an unknown table shows its own name. */
export function tableLabel(table: string): string {
  const l = TABLES[table]
  if (!l) return table.replace(/_/g, ' ')
  return i18n.language === 'en' ? l.en : l.id
}

/** "kader 12, posyandu 3" → "Kader 12, Posyandu 3". */
export const countsText = (counts: Record<string, number>) =>
  Object.entries(counts).map(([k, n]) => `${tableLabel(k)} ${n.toLocaleString('id-ID')}`).join(', ')
