/**
 * What changes between two versions of a form, in words a kecamatan operator understands
 * ("Isian baru: Skrining TBC (dewasa_tbc) di bagian Usia dewasa"). Shown in the editor's
 * confirmation before the kabupaten saves, and printed with the new version.
 */
import type { FormDef, Texts } from './form'

/** JSON with object keys sorted and undefined left out: key order (zod, JSON files) does not count as a change. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b)

export function describeChanges(before: FormDef | null, after: FormDef): Texts[] {
  const out: Texts[] = []
  const add = (id: string, en: string) => out.push({ id, en })
  if (!before) {
    add(`Formulir baru ${after.code}: ${after.fields.length} isian, ${after.rules.length} aturan, ${after.indicators.length} indikator`, `New form ${after.code}: ${after.fields.length} fields, ${after.rules.length} rules, ${after.indicators.length} indicators`)
    return out
  }
  if (!same(before.name, after.name)) add(`Nama formulir menjadi "${after.name.id}"`, `Form name becomes "${after.name.en}"`)
  if (before.periodType !== after.periodType) add(`Periode berubah menjadi ${after.periodType === 'monthly' ? 'bulanan' : 'tahunan'}`, `Period becomes ${after.periodType}`)
  const section = (f: FormDef, id: string) => f.sections.find((s) => s.id === id)?.label ?? { id, en: id }
  for (const s of after.sections) if (!before.sections.some((b) => b.id === s.id)) add(`Bagian baru: ${s.label.id}`, `New section: ${s.label.en}`)
  for (const s of before.sections) if (!after.sections.some((a) => a.id === s.id)) add(`Bagian dihapus: ${s.label.id}`, `Section removed: ${s.label.en}`)
  for (const f of after.fields) {
    const old = before.fields.find((b) => b.key === f.key)
    if (!old) {
      add(`Isian baru: ${f.label.id} (${f.key}) di bagian ${section(after, f.section).id}${f.required ? ', wajib diisi' : ''} — kecamatan mengisinya mulai versi ${after.version}`, `New field: ${f.label.en} (${f.key}) in ${section(after, f.section).en}${f.required ? ', required' : ''}`)
      continue
    }
    if (!same(old.label, f.label)) add(`Label isian ${f.key} menjadi "${f.label.id}"`, `Label of ${f.key} becomes "${f.label.en}"`)
    if (old.type !== f.type) add(`Jenis isian ${f.label.id} berubah`, `Type of ${f.label.en} changes`)
    if (old.min !== f.min || old.max !== f.max) add(`Batas isian ${f.label.id}: ${f.min ?? '–'} sampai ${f.max ?? '–'}`, `Bounds of ${f.label.en}: ${f.min ?? '–'} to ${f.max ?? '–'}`)
    if (!!old.required !== !!f.required) add(`Isian ${f.label.id} ${f.required ? 'menjadi wajib' : 'tidak lagi wajib'}`, `${f.label.en} ${f.required ? 'becomes required' : 'is no longer required'}`)
    if (old.section !== f.section) add(`Isian ${f.label.id} pindah ke bagian ${section(after, f.section).id}`, `${f.label.en} moves to ${section(after, f.section).en}`)
  }
  for (const f of before.fields) if (!after.fields.some((a) => a.key === f.key)) add(`Isian dihapus: ${f.label.id} (${f.key}) — nilai lama tetap tersimpan dengan versi ${before.version}`, `Field removed: ${f.label.en} (${f.key}); old values stay with version ${before.version}`)
  for (const r of after.rules) {
    const old = before.rules.find((b) => b.id === r.id)
    const kind = r.importance === 'error' ? 'menolak simpan' : 'peringatan'
    if (!old) add(`Aturan baru (${kind}): ${r.expr}`, `New rule (${r.importance}): ${r.expr}`)
    else if (!same(old, r)) add(`Aturan ${r.id} berubah (${kind}): ${r.expr}`, `Rule ${r.id} changes (${r.importance}): ${r.expr}`)
  }
  for (const r of before.rules) if (!after.rules.some((a) => a.id === r.id)) add(`Aturan dihapus: ${r.expr}`, `Rule removed: ${r.expr}`)
  for (const i of after.indicators) {
    const old = before.indicators.find((b) => b.id === i.id)
    const text = `${i.numerator}${i.denominator ? ` / ${i.denominator}` : ''}`
    if (!old) add(`Indikator baru: ${i.label.id} = ${text}`, `New indicator: ${i.label.en} = ${text}`)
    else if (!same(old, i)) add(`Indikator ${i.label.id} berubah: ${text}`, `Indicator ${i.label.en} changes: ${text}`)
  }
  for (const i of before.indicators) if (!after.indicators.some((a) => a.id === i.id)) add(`Indikator dihapus: ${i.label.id}`, `Indicator removed: ${i.label.en}`)
  return out
}
