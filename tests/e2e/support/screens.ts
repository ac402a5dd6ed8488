/** The main screens of Simpul, by route, for the layout, accessibility and English checks. */
export const MAIN_SCREENS: { name: string; route: string }[] = [
  { name: 'registri-posyandu', route: 'registri/posyandu' },
  { name: 'registri-kader', route: 'registri/kader' },
  { name: 'registri-kader-baru', route: 'registri/kader/baru' },
  { name: 'registri-impor', route: 'registri/impor' },
  { name: 'registri-duplikat', route: 'registri/duplikat' },
  { name: 'program-program', route: 'program/program' },
  { name: 'program-ringkasan', route: 'program/ringkasan' },
  { name: 'program-regulasi', route: 'program/regulasi' },
  { name: 'program-kegiatan', route: 'program/kegiatan' },
  { name: 'program-puskesos', route: 'program/puskesos' },
  { name: 'program-referensi', route: 'program/referensi' },
  { name: 'honor-pendamping', route: 'honor/pendamping' },
  { name: 'honor-tarif', route: 'honor/tarif' },
  { name: 'honor-daftar', route: 'honor/daftar' },
  { name: 'honor-rekap', route: 'honor/rekap' },
  { name: 'evaluasi-entri', route: 'evaluasi/entri' },
  { name: 'evaluasi-strata', route: 'evaluasi/strata' },
  { name: 'evaluasi-periode', route: 'evaluasi/periode' },
  { name: 'evaluasi-rekap', route: 'evaluasi/rekap' },
  { name: 'evaluasi-indikator', route: 'evaluasi/indikator' },
  { name: 'evaluasi-provinsi', route: 'evaluasi/provinsi' },
  { name: 'pertukaran-kantor', route: 'pertukaran/kantor' },
  { name: 'pertukaran-kirim', route: 'pertukaran/kirim' },
  { name: 'pertukaran-terima', route: 'pertukaran/terima' },
  { name: 'pertukaran-riwayat', route: 'pertukaran/riwayat' },
  { name: 'pertukaran-konflik', route: 'pertukaran/konflik' },
  { name: 'pengaturan', route: 'pengaturan' },
  { name: 'tentang', route: 'tentang' },
]

// The seeded office these screens are looked at in: the `screens` seed of ../fixtures.ts
// (`screensHost`: demo data plus support/layout-seed.ts), built once per run.
