import { common } from '../../../src/renderer/i18n/common'
import { translations as evaluasi } from '../../../src/renderer/areas/evaluasi/i18n'
import { formsTranslations as forms } from '../../../src/renderer/areas/evaluasi/forms-i18n'
import { translations as pengguna } from '../../../src/renderer/areas/pengguna/translations'
import { translations as honor } from '../../../src/renderer/areas/honor/translations'
import { translations as pertukaran } from '../../../src/renderer/areas/pertukaran/i18n'
import { translations as program } from '../../../src/renderer/areas/program/i18n'
import { translations as provinsi } from '../../../src/renderer/areas/provinsi/i18n'
import { translations as registri } from '../../../src/renderer/areas/registri/i18n'
import { messages } from '../../../src/renderer/i18n/messages'
import { BULAN, MONTHS_EN } from '../../../src/shared/format'

type Tree = { [k: string]: string | Tree }

/** Every catalogue of the renderer: the shell's, each area's, and core's messages by key. */
export const CATALOGUES = [common, evaluasi, forms, honor, pengguna, pertukaran, program, provinsi, registri, messages]

/** A catalogue as `key → text`; English plural forms (`_one`/`_other`) keep their suffix. */
export function flatten(t: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof t === 'string') out.set(prefix, t)
  else if (t && typeof t === 'object') for (const [k, v] of Object.entries(t as Tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out)
  return out
}

/**
 * Indonesian texts that must not show on an English screen: every catalogue text whose
 * English differs, cut at its {{placeholders}}, keeping the pieces long enough to be
 * unmistakable (≥ 8 characters, or two words) and that are not English texts themselves.
 */
export function indonesianOnly(): string[] {
  const pairs = CATALOGUES.map((c) => {
    const en = flatten(c.en)
    // An English plural stands for its base key.
    for (const [k, v] of [...en]) if (/_(one|other)$/.test(k)) en.set(k.replace(/_(one|other)$/, ''), v)
    return [flatten(c.id), en] as const
  })
  const english = new Set<string>()
  for (const [, en] of pairs) for (const v of en.values()) english.add(v.trim())
  const out = new Set<string>()
  for (const [id, en] of pairs) {
    for (const [key, text] of id) {
      if (en.get(key) === text) continue
      for (const piece of text.split(/\{\{[^}]+\}\}/)) {
        const p = piece.trim().replace(/^[\s:·,.()–-]+|[\s:·,(–-]+$/g, '')
        if ((p.length >= 8 || /\S+\s+\S+/.test(p)) && p.length >= 5 && !english.has(p) && ![...english].some((e) => e.includes(p))) out.add(p)
      }
    }
  }
  return [...out]
}

/**
 * The mirror of `indonesianOnly`: English texts that must not show on a printed sheet (printed
 * documents stay Indonesian whatever the screen's language), cut the same way.
 */
export function englishOnly(): string[] {
  const pairs = CATALOGUES.map((c) => {
    const en = flatten(c.en)
    for (const [k, v] of [...en]) if (/_(one|other)$/.test(k)) en.set(k.replace(/_(one|other)$/, ''), v)
    return [flatten(c.id), en] as const
  })
  const indonesian = new Set<string>()
  for (const [id] of pairs) for (const v of id.values()) indonesian.add(v.trim())
  const out = new Set<string>()
  for (const [id, en] of pairs) {
    for (const [key, text] of en) {
      if (id.get(key) === text) continue
      for (const piece of text.split(/\{\{[^}]+\}\}/)) {
        const p = piece.trim().replace(/^[\s:·,.()–-]+|[\s:·,(–-]+$/g, '')
        if ((p.length >= 8 || /\S+\s+\S+/.test(p)) && p.length >= 5 && !indonesian.has(p) && ![...indonesian].some((t) => t.includes(p))) out.add(p)
      }
    }
  }
  return [...out]
}

/**
 * Everyday Indonesian words that no English screen text contains, to catch texts written in a
 * component instead of the catalogue. Data (names of people, posyandu, villages) never
 * contains them as whole words.
 */
/** Indonesian month names that English spells otherwise ("Desember", not "November"): an English screen must not show them. */
export const INDONESIAN_MONTHS = BULAN.filter((b, i) => b !== MONTHS_EN[i])

export const INDONESIAN_WORDS = ['belum', 'tidak', 'dengan', 'yang', 'dari', 'Cari', 'Pilih', 'Semua', 'kali', 'orang', 'bulan', 'Tambah', 'Simpan', 'Hapus', 'sasaran', 'laporan', 'Batal', 'Tutup', 'Gagal']
