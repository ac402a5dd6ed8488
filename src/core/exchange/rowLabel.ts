import type Database from 'better-sqlite3'
import { formatMonth } from '../../shared/format'
import { maskNik } from '../../shared/privacy'

/**
 * How a person recognises a row of a bundle: its name, the NIK masked, its posyandu or
 * person by name, its month — "Siti Aminah · 3325 09•• •••• 0001 · Posyandu Melati", or
 * "Posyandu Melati · Maret 2026" for a monthly report. Looked-up names come from this
 * database (a row new in the same bundle may not be there yet; it is then left out).
 */
export function rowLabeller(sqlite: Database.Database) {
  const cache = new Map<string, string>()
  const lookup = (table: string, id: unknown): string => {
    if (typeof id !== 'string') return ''
    const key = `${table}:${id}`
    let v = cache.get(key)
    if (v === undefined) {
      const row = sqlite.prepare(`SELECT name FROM "${table}" WHERE id = ?`).get(id) as { name?: string } | undefined
      v = row?.name ?? ''
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
  const label = (row: Record<string, unknown>): string => {
    const parts: string[] = []
    const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v))
    const own = text(row.name ?? row.person_name ?? row.title ?? row.what ?? row.number)
    if (own) parts.push(own)
    if (text(row.nik)) parts.push(maskNik(String(row.nik)))
    if (!own && row.kader_id) parts.push(lookup('kader', row.kader_id))
    if (!own && row.person_id) parts.push(lookup('pendamping_person', row.person_id))
    if (row.posyandu_id) parts.push(text(row.posyandu_name) ?? lookup('posyandu', row.posyandu_id))
    if (!row.posyandu_id && row.programme_id) parts.push(lookup('programme', row.programme_id))
    if (typeof row.month === 'string') parts.push(formatMonth(row.month))
    else if (typeof row.date === 'string') parts.push(row.date)
    else if (typeof row.month_from === 'string') parts.push(row.month_from === row.month_to ? formatMonth(row.month_from) : `${formatMonth(row.month_from)} – ${formatMonth(String(row.month_to))}`)
    if (row.year !== undefined && row.year !== null && !parts.includes(String(row.year))) parts.push(String(row.year))
    return parts.filter(Boolean).join(' · ')
  }
  return { label, scopeName }
}
