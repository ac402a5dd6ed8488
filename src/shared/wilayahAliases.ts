/**
 * What people type for a province: "jateng", "sumut", "DIY", "jogja". The official names come
 * from the Kemendagri reference; these are the everyday short forms, so a search finds them.
 */
export const PROVINCE_ALIASES: Record<string, string[]> = {
  'Aceh': ['nad', 'nanggroe aceh darussalam'],
  'Sumatera Utara': ['sumut', 'sumatra utara'],
  'Sumatera Barat': ['sumbar', 'sumatra barat'],
  'Sumatera Selatan': ['sumsel', 'sumatra selatan'],
  'Kepulauan Bangka Belitung': ['babel', 'bangka belitung'],
  'Kepulauan Riau': ['kepri'],
  'Daerah Khusus Ibukota Jakarta': ['dki', 'jakarta', 'dki jakarta'],
  'Jawa Barat': ['jabar'],
  'Jawa Tengah': ['jateng'],
  'Daerah Istimewa Yogyakarta': ['diy', 'jogja', 'yogya', 'jogjakarta', 'yogyakarta'],
  'Jawa Timur': ['jatim'],
  'Nusa Tenggara Barat': ['ntb'],
  'Nusa Tenggara Timur': ['ntt'],
  'Kalimantan Barat': ['kalbar'],
  'Kalimantan Tengah': ['kalteng'],
  'Kalimantan Selatan': ['kalsel'],
  'Kalimantan Timur': ['kaltim'],
  'Kalimantan Utara': ['kaltara'],
  'Sulawesi Utara': ['sulut'],
  'Sulawesi Tengah': ['sulteng'],
  'Sulawesi Selatan': ['sulsel'],
  'Sulawesi Tenggara': ['sultra'],
  'Sulawesi Barat': ['sulbar'],
  'Maluku Utara': ['malut'],
  'Papua Barat': ['pabar'],
  'Papua Barat Daya': ['pbd'],
  'Papua Selatan': ['papsel'],
  'Papua Tengah': ['papteng'],
  'Papua Pegunungan': ['papeg'],
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

/** True when `query` finds the wilayah `name`: part of its name or code, or one of its short forms. */
export function wilayahMatches(name: string, code: string, query: string): boolean {
  const q = norm(query)
  if (!q) return true
  const words = [name, code, ...(PROVINCE_ALIASES[name] ?? [])].map(norm)
  // "Kab. Serdang Bedagai" / "kabupaten batang": the prefix is noise.
  const bare = q.replace(/^(kab|kabupaten|kota|kec|kecamatan|prov|provinsi)\s+/, '')
  return words.some((w) => w.includes(q) || w.includes(bare))
}
