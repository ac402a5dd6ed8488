import type Database from 'better-sqlite3'
import { maskNik } from '../policy/columns'

/**
 * Names for what a row points at, so an import report says "Posyandu Melati, Maret 2026"
 * instead of "posyandu 01a2b3c4, Maret 2026": the policy's row label (pure, no database) is
 * used as it is unless the row refers to other rows by id, which are then named from this
 * database (a row new in the same bundle is there when its table comes first, as TABLE_POLICIES orders them).
 * Also the owning wilayah by name.
 */
export function rowNamer(sqlite: Database.Database) {
  const cache = new Map<string, string>()
  const nameOf = (table: string, id: unknown): string => {
    if (typeof id !== 'string') return ''
    const key = `${table}:${id}`
    let v = cache.get(key)
    if (v === undefined) {
      const person = table === 'kader' || table === 'pendamping_person'
      const r = sqlite.prepare(`SELECT name${person ? ', nik' : ''} FROM "${table}" WHERE id = ?`).get(id) as { name?: string; nik?: string } | undefined
      // People as their own rows name them: the name, the NIK masked (a receiver not sent the NIK has none).
      v = r?.name ? (r.nik ? `${r.name} (NIK ${maskNik(r.nik)})` : r.name) : ''
      if (cache.size > 10_000) cache.clear()
      cache.set(key, v)
    }
    return v
  }
  const wilayah = new Map<string, string>()
  const scopeName = (code: string): string => {
    let v = wilayah.get(code)
    if (v === undefined) {
      v = (sqlite.prepare(`SELECT name FROM wilayah WHERE code = ?`).get(code) as { name?: string } | undefined)?.name ?? ''
      wilayah.set(code, v)
    }
    return v
  }
  // What a row may point at by id; a name the row carries itself (honor lines keep the posyandu and person names) wins.
  const REFS: [column: string, table: string, carried: string][] = [
    ['kader_id', 'kader', ''],
    ['person_id', 'pendamping_person', 'person_name'],
    ['programme_id', 'programme', ''],
    ['posyandu_id', 'posyandu', 'posyandu_name'],
    ['offer_id', 'province_offer', ''],
  ]
  /**
   * The policy's label (which names no id) with the rows it points at named: "Siti Aminah
   * (NIK 3325********0017) · Posyandu Melati · sejak 2020-01-01". A row the label names itself
   * (a training, an activity) comes first; rows not (yet) in this database are left out.
   */
  const label = (row: Record<string, unknown>, given: string, refs = REFS): string => {
    // A label that starts with a wilayah code (a kecamatan's report approval: "12.18.04 Maret 2026") names it.
    const first = given.charCodeAt(0)
    const code = first >= 48 && first <= 57 ? /^\d{2}(\.\d{2}){1,2}(\.\d{4})?(?= |$)/.exec(given)?.[0] : undefined
    const place = code ? scopeName(code) : ''
    const policyLabel = place ? `${place}${given.slice(code!.length)}` : given
    const names: string[] = []
    for (const [col, table, carried] of refs) {
      if (typeof row[col] !== 'string') continue
      if (carried && row[carried]) {
        if (carried !== 'person_name') names.push(String(row[carried]))
        continue
      }
      const n = nameOf(table, row[col])
      if (n) names.push(n)
    }
    if (!names.length) return policyLabel
    const own = row.name ?? row.person_name ?? row.what ?? row.item
    return (own ? [policyLabel, ...names] : [...names, policyLabel]).filter(Boolean).join(' · ').slice(0, 160)
  }
  /** `label` for the rows of one bundle section: only the references its columns can hold are looked at. */
  const labelFor = (columns: readonly string[]) => {
    const refs = REFS.filter(([col]) => columns.includes(col))
    return (row: Record<string, unknown>, given: string) => label(row, given, refs)
  }
  return { label, labelFor, scopeName }
}

export type RowNamer = ReturnType<typeof rowNamer>
