import type { PrintedReport } from '../../../shared/contract/evaluation'
import { formatValue } from '../../../shared/evaluation/strata'
import { formatPercent } from '../../../shared/format'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text as HTML text: every data text (posyandu names are typed by users) goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c])
}

/** CSS module class names the annex uses (passed in, so this file stays free of styles). */
export interface AnnexClasses {
  num: string
  group: string
}

/**
 * The per-posyandu annex table (head and rows) as one HTML string (issue 17): at kabupaten scale
 * 1,236 rows × 15 cells as React elements cost more than the printing itself. Same cells as
 * the React table it replaces.
 */
export function annexHtml(r: PrintedReport, cls: AnnexClasses): string {
  const { texts, groups } = r.annex
  const units = r.set.criteria.map((c) => c.unit)
  const cols = 6 + units.length
  const texts_ = texts.map(escapeHtml)
  const num = `<td class="${cls.num}">`
  const head = r.set.criteria.map((c) => `<th>${escapeHtml(c.label.replace(/ \(.*\)/, ''))}</th>`).join('')
  const out: string[] = [`<thead><tr><th>No</th><th>Posyandu</th><th>Desa</th><th>Lapor</th>${head}<th>Strata</th><th>Penghambat naik strata</th></tr></thead>`]
  let no = 0
  for (const k of groups) {
    out.push(`<tbody><tr class="${cls.group}"><td colspan="${cols}">Kecamatan ${escapeHtml(k.name)} — ${k.posyandu} posyandu, aktif ${k.aktif} (${formatPercent(k.aktifPct)})</td></tr>`)
    for (const row of k.rows) {
      const [name, pilot, desa, months, label, blocking, undecided] = row
      let cells = ''
      for (let i = 0; i < units.length; i++) {
        const v = row[7 + i] as number | null
        cells += v === null ? `${num}tl</td>` : `${num}${escapeHtml(formatValue(v, units[i]).replace(/ (kali|orang|program)$/, ''))}${undecided & (1 << i) ? ' (tl)' : ''}</td>`
      }
      out.push(`<tr>${num}${++no}</td><td>${pilot ? '★ ' : ''}${escapeHtml(name)}</td><td>${texts_[desa]}</td>${num}${months}</td>${cells}<td>${texts_[label]}</td><td>${texts_[blocking]}</td></tr>`)
    }
    out.push('</tbody>')
  }
  return out.join('')
}
