import { BUILTIN_SETS, type IndicatorSet } from '../evaluation/strata'
import { checkForm, type FormDef } from '../forms/form'

/**
 * Is an offered definition one a kabupaten can take over safely? An indicator set must be a
 * shipped set (same code, levels, criteria, units) with only its thresholds and name changed,
 * each threshold a number ≥ 0 (a fraction 0–1 for percentages); a form must pass the form
 * checks and carry the offer's code. Returns Indonesian messages (empty: fine).
 */
export function offerDefinitionProblems(kind: string, code: string, definitionJson: string): string[] {
  let def: unknown
  try {
    def = JSON.parse(definitionJson)
  } catch {
    return ['definisi bukan JSON']
  }
  if (!def || typeof def !== 'object') return ['definisi bukan objek']
  if (kind === 'form') {
    const form = def as FormDef
    if (form.code !== code) return ['kode formulir tidak sama dengan kode tawaran']
    try {
      return checkForm(form).map((p) => p.message)
    } catch {
      // a definition too malformed for checkForm to read (no field list …): refused, not a crash
      return ['definisi formulir tidak lengkap atau rusak']
    }
  }
  if (kind !== 'indicator_set') return [`jenis tawaran "${kind.slice(0, 40)}" tidak dikenal`]
  const set = def as IndicatorSet
  if (set.code !== code) return ['kode set indikator tidak sama dengan kode tawaran']
  const base = BUILTIN_SETS.find((b) => b.code === code)
  if (!base) return [`set indikator "${code.slice(0, 60)}" bukan set bawaan Simpul; provinsi hanya dapat menawarkan ambang baru untuk set bawaan`]
  if (typeof set.name !== 'string' || !set.name.trim() || set.name.length > 300) return ['nama set indikator wajib diisi (paling panjang 300 huruf)']
  if (JSON.stringify(set.levels) !== JSON.stringify(base.levels) || set.aktifFrom !== base.aktifFrom) return ['tingkat strata tidak sama dengan set bawaan']
  if (!Array.isArray(set.criteria) || set.criteria.length !== base.criteria.length) return ['kriteria tidak sama dengan set bawaan']
  const out: string[] = []
  base.criteria.forEach((b, i) => {
    const c = set.criteria[i]
    const { threshold: _a, ...restB } = b
    const { threshold, ...restC } = c ?? ({} as typeof b)
    if (JSON.stringify(restC) !== JSON.stringify(restB)) out.push(`kriteria ${b.label}: hanya ambangnya yang boleh berbeda dari set bawaan`)
    else if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || (b.unit === '%' && threshold > 1)) out.push(`ambang ${b.label} tidak sah${b.unit === '%' ? ' (pecahan 0–1)' : ''}`)
  })
  const extra = Object.keys(set).filter((k) => !['code', 'name', 'nameEn', 'source', 'levels', 'aktifFrom', 'criteria', 'manualItems', 'manualWeight', 'tieBreak'].includes(k))
  if (extra.length) out.push(`bagian tidak dikenal: ${extra.slice(0, 5).join(', ')}`)
  if (JSON.stringify(set.manualItems ?? null) !== JSON.stringify(base.manualItems ?? null) || (set.manualWeight ?? null) !== (base.manualWeight ?? null) || JSON.stringify(set.tieBreak ?? null) !== JSON.stringify(base.tieBreak ?? null)) {
    out.push('butir manual dan urutan peringkat harus sama dengan set bawaan')
  }
  return out
}
