/**
 * Messages that core and the shared schemas give a person, by key. Core writes the
 * Indonesian sentence (the CLI, bundle reports and tests read it) and sends the key with its
 * variable parts, so an English screen translates by key (renderer i18n namespace `msg`,
 * English in src/renderer/i18n/messages.ts) instead of recognising the Indonesian sentence.
 * Templates use i18next's `{{name}}` placeholders; a key with a count has `_one`/`_other`
 * forms in English only (Indonesian nouns do not change for plural).
 */

export const MESSAGES_ID = {
  text: { min: 'minimal {{n}} huruf', max: 'paling banyak {{n}} huruf', json: 'bukan JSON yang sah', loc: '{{text}}' },
  date: { format: 'tanggal harus berformat TTTT-BB-HH', calendar: 'tanggal tidak ada di kalender', timestamp: 'waktu tidak sah', month: 'bulan harus berformat TTTT-BB' },
  id: { invalid: 'pengenal tidak sah' },
  flag: { invalid: 'harus 0 atau 1' },
  count: { integer: 'harus bilangan bulat', negative: 'tidak boleh negatif', max: 'paling besar {{n}}' },
  rupiah: { integer: 'rupiah harus bilangan bulat', max: 'jumlah tidak masuk akal' },
  year: { invalid: 'tahun tidak masuk akal' },
  wilayah: { desa: 'kode desa tidak sah', code: 'kode wilayah tidak sah' },
  sex: { invalid: 'jenis kelamin harus L atau P' },
  phone: { invalid: 'nomor HP tidak sah' },
  npwp: { chars: 'NPWP hanya berisi angka, titik dan tanda hubung', length: 'NPWP terdiri dari 15 atau 16 angka' },
  account: { invalid: 'nomor rekening tidak sah' },
  nik: {
    NIK_SCIENTIFIC: 'NIK "{{raw}}" tertulis dalam notasi ilmiah (ulah Excel); digit terakhirnya hilang. Ketik ulang NIK sebagai teks.',
    NIK_NOT_DIGITS: 'NIK hanya boleh berisi angka.',
    NIK_LENGTH: 'NIK harus 16 digit (tertulis {{n}} karakter).',
    NIK_DATE: 'Tanggal lahir dalam NIK tidak mungkin ({{date}}).',
    NIK_SERIAL: 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.',
    NIK_REGION_FORM: 'Kode wilayah dalam NIK (6 digit pertama) tidak boleh berisi 00.',
    NIK_REGION_UNKNOWN: 'Kode wilayah {{code}} dalam NIK tidak ada dalam referensi Kemendagri.',
    NIK_BIRTH_MISMATCH: 'Tanggal lahir {{entered}} berbeda dengan tanggal dalam NIK ({{nik}}).',
    NIK_SEX_MISMATCH: 'Jenis kelamin {{enteredSex}} berbeda dengan NIK ({{nikSex}}).',
    invalid: 'NIK harus 16 digit angka',
  },
  nip: {
    digits: 'NIP hanya berisi angka',
    length: 'NIP terdiri dari 18 angka (tertulis {{n}})',
    birth: 'Delapan angka pertama NIP harus tanggal lahir (TTTTBBHH)',
    tmt: 'Angka ke-9 s.d. 14 NIP harus bulan pengangkatan (TTTTBB)',
    sex: 'Angka ke-15 NIP adalah jenis kelamin (1 atau 2)',
    spaces: 'NIP ditulis 18 angka tanpa spasi',
  },
  sexWord: { L: 'laki-laki', P: 'perempuan' },
  policy: {
    scopeLevel: '{{table}} hanya dimiliki kantor {{level}}; wilayah {{scope}} bukan {{level}}',
    create: 'kantor {{office}} tidak berwenang menambah {{tableLower}} milik wilayah {{scope}}',
    change: 'kantor {{office}} tidak berwenang mengubah {{tableLower}} milik wilayah {{scope}}',
    delete: 'kantor {{office}} tidak berwenang menghapus {{tableLower}} milik wilayah {{scope}}',
    level: { nasional: 'nasional', provinsi: 'provinsi', kabupaten: 'kabupaten', kecamatan: 'kecamatan', any: 'any' },
  },
  op: {
    unknown: 'Operasi tidak dikenal: {{name}}',
    unauthenticated: 'Silakan masuk (login) terlebih dahulu.',
    forbidden: 'Anda masuk sebagai {{role}}; peran ini tidak boleh menjalankan "{{op}}". Yang boleh: {{who}}.',
    invalidInput: 'Isian tidak sah — {{issues}}',
    dbBusy: 'Basis data sedang dipakai pekerjaan panjang (misalnya impor bundel atau lembar kerja). Tunggu sampai selesai, lalu simpan lagi; tidak ada data yang diubah.',
    noOffice: 'Kantor belum disiapkan. Selesaikan penyiapan awal terlebih dahulu.',
    notAllowed: 'Tidak diizinkan: {{why}}.',
    notFoundRow: 'Data tidak ditemukan ({{table}}).',
    invalidRow: '{{table}}{{label}} tidak dapat disimpan: {{problems}}.',
    problem: '{{column}}: {{text}}',
  },
  registry: {
    sameNik: 'NIK ini sudah dipakai kader {{name}} (Kec. {{kec}}); akan ditandai sebagai duplikat untuk diperiksa.',
    sameName: 'Sudah ada kader {{name}} dengan tanggal lahir sama (NIK {{nik}}, Kec. {{kec}}); akan ditandai sebagai duplikat untuk diperiksa.',
    plain: '{{text}}',
    desaUnknown: 'Desa/kelurahan {{code}} tidak ada dalam referensi Kemendagri.',
    restoreNameTaken: 'Tidak dapat dipulihkan: sudah ada posyandu lain bernama "{{name}}" di desa ini.',
    duplicatesChanged: 'Kelompok ini sudah berubah (ada kader yang ditambah, diubah, atau dihapus). Muat ulang daftar lalu tinjau lagi.',
  },
  field: {
    yearFuture: 'Tahun berdiri tidak boleh di masa depan',
    validOrder: 'Berlaku sampai tidak boleh sebelum berlaku mulai',
    monthRange: 'Bulan awal dan akhir wajib diisi, awal tidak sesudah akhir',
    inactiveReason: 'Isi alasan posyandu menjadi nonaktif',
    inactiveDate: 'Isi tanggal posyandu menjadi nonaktif',
    fieldType: 'Jenis isian tidak dikenal',
    periodType: 'Jenis periode harus bulanan atau tahunan',
    pickMonth: 'Pilih bulan',
    pickMark: 'Pilih tanda: sudah dicek — data benar, diperbaiki, atau perlu tindak lanjut',
    pickQuarter: 'Pilih triwulan',
    phiDecree: 'Posyandu model PHI perlu nomor keputusannya',
    endBeforeStart: 'Tanggal selesai sebelum tanggal mulai',
    endNotBeforeStart: 'Tanggal selesai tidak boleh sebelum tanggal mulai',
    max: 'Paling banyak {{n}} huruf',
    reason5: 'Alasan minimal 5 huruf',
    thresholdNegative: 'Ambang tidak boleh negatif',
    pdfTooLarge: 'Berkas PDF lebih dari 20 MB',
    bundleUnknown: 'Berkas bundel tidak dikenal; pilih berkasnya lagi',
    fileEmpty: 'Berkas kosong',
    fileTooLarge: 'Berkas terlalu besar',
    fileTooLarge30: 'Berkas terlalu besar (maks. 30 MB)',
    longitude: 'Bujur di luar Indonesia',
    month: 'Bulan harus berbentuk YYYY-MM',
    monthTTTT: 'Bulan harus berformat TTTT-BB',
    notes500: 'Catatan paling banyak 500 huruf',
    golongan: 'Golongan harus I, II, III atau IV',
    honorWhole: 'Honor dalam rupiah bulat',
    honorPositive: 'Honor harus lebih dari 0',
    password: 'Isi kata sandi',
    oldPassword: 'Isi kata sandi lama',
    recoveryCode: 'Isi kode pemulihan',
    username: 'Isi nama pengguna',
    adminUsername: 'Isi nama pengguna administrator',
    sex: 'Jenis kelamin harus L atau P',
    regulationType: 'Jenis regulasi wajib diisi',
    title3: 'Judul minimal 3 huruf',
    participantsNegative: 'Jumlah peserta tidak boleh negatif',
    password8: 'Kata sandi minimal 8 karakter',
    passwordLong: 'Kata sandi terlalu panjang',
    complaint: 'Kategori keluhan wajib dipilih',
    code40: 'Kode hanya huruf kecil, angka dan garis bawah (2–40)',
    code60: 'Kode hanya huruf kecil, angka, titik dan garis bawah (2–60)',
    kecamatanCode: 'Kode kecamatan tidak sah',
    subActivityCode: 'Kode sub-kegiatan DPA wajib diisi',
    uploadId: 'Kode unggahan tidak sah; pilih berkasnya lagi',
    wilayahCode: 'Kode wilayah tidak sah (contoh: 12.18.01)',
    provinceCode: 'Kode provinsi harus dua angka (contoh: 21)',
    latitude: 'Lintang di luar Indonesia',
    nik16: 'NIK harus 16 angka',
    nikRequired: 'NIK wajib diisi',
    npwp: 'NPWP berisi 15 atau 16 angka',
    agencyName3: 'Nama SKPD minimal 3 huruf',
    backupName: 'Nama cadangan tidak sah',
    officeName3: 'Nama kantor minimal 3 huruf',
    fullName2: 'Nama lengkap minimal 2 huruf',
    name2: 'Nama minimal 2 huruf',
    trainingName2: 'Nama pelatihan minimal 2 huruf',
    usernameRule: 'Nama pengguna 3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf',
    periodName3: 'Nama periode minimal 3 huruf',
    posyanduName3: 'Nama posyandu minimal 3 huruf',
    posyanduName100: 'Nama posyandu paling banyak 100 huruf',
    programmeName3: 'Nama program minimal 3 huruf',
    shortName2: 'Nama singkat minimal 2 huruf',
    subActivityName: 'Nama sub-kegiatan wajib diisi',
    valueLong: 'Nilai terlalu panjang (logo maksimal ±300 KB)',
    valueNegative: 'Nilai tidak boleh negatif',
    phone: 'Nomor HP seperti 081234567890',
    sp2d: 'Nomor bukti bayar (SP2D) minimal 3 huruf',
    accountDigits: 'Nomor rekening hanya angka',
    phoneDigits: 'Nomor telepon hanya angka',
    numberRequired: 'Nomor wajib diisi',
    role3: 'Peran minimal 3 huruf',
    roleUnknown: 'Peran tidak dikenal',
    period: 'Periode harus YYYY-MM (bulanan) atau YYYY (tahunan)',
    pickXlsx: 'Pilih berkas .xlsx',
    pickBundle: 'Pilih berkas bundel',
    pickInstaller: 'Pilih berkas penginstal',
    pickSignature: 'Pilih berkas tanda tangan (.simpul-sig)',
    pickDesa: 'Pilih desa/kelurahan dari daftar',
    pickTargetDesa: 'Pilih desa/kelurahan tujuan',
    pickSex: 'Pilih jenis kelamin',
    pickKader: 'Pilih minimal satu kader',
    pickPosyandus: 'Pilih minimal satu posyandu',
    pickPerson: 'Pilih orang',
    pickAssignment: 'Pilih penugasan',
    pickPosyandu: 'Pilih posyandu',
    pickTargetPosyandu: 'Pilih posyandu tujuan',
    posyanduRequired: 'Posyandu wajib dipilih',
    rt: 'RT berupa angka, contoh 003',
    rw: 'RW berupa angka, contoh 001',
    agencyRequired: 'SKPD wajib dipilih',
    groupTwo: 'Satu kelompok berisi minimal dua kader',
    fingerprint: 'Sidik jari wajib diisi',
    fundingRequired: 'Sumber dana wajib dipilih',
    fiscalYear: 'Tahun anggaran tidak masuk akal',
    yearFounded: 'Tahun berdiri tidak masuk akal',
    yearWhole: 'Tahun berupa bilangan bulat',
    year: 'Tahun tidak masuk akal',
    date: 'Tanggal harus berbentuk YYYY-MM-DD',
    dateTTTT: 'Tanggal harus berformat TTTT-BB-HH',
    reasonMerge: 'Tulis alasan singkat (minimal 3 huruf), mis. "digabung dengan Posyandu Melati"',
    reasonChecked: 'Tulis alasan singkat (minimal 3 huruf), mis. "sudah dicek ke Dukcapil"',
    activityText3: 'Uraian kegiatan minimal 3 huruf',
  },
  refusal: {
    posyanduNameTaken: 'Sudah ada posyandu bernama "{{name}}" di desa ini. Nama posyandu harus unik per desa.',
    posyanduDeleted: 'Posyandu ini sudah dihapus; pulihkan dulu dari riwayat perubahan.',
    posyanduHasKader: 'Posyandu {{name}} masih punya {{n}} kader aktif. Pindahkan kader itu ke posyandu lain atau akhiri keanggotaannya dulu.',
    inactiveFuture: 'Tanggal nonaktif {{date}} belum terjadi; pilih tanggal hari ini atau sebelumnya.',
    posyanduDeletedPick: 'Posyandu {{name}} sudah dihapus; pulihkan dulu atau buang dari pilihan.',
    posyanduOtherKecamatan: 'Posyandu {{name}} terdaftar di kecamatan lain; desa tujuan harus di kecamatan yang sama.',
    posyanduGone: 'Posyandu {{name}} sudah dihapus.',
    kaderDeleted: 'Kader ini sudah dihapus; pulihkan dulu dari riwayat perubahan.',
    kaderDeletedPick: 'Kader {{name}} sudah dihapus; pulihkan dulu atau buang dari pilihan.',
    kaderOtherKecamatan: 'Kader {{name}} terdaftar di kecamatan lain; pindah antarkecamatan dilakukan oleh kecamatan asalnya.',
    kaderDateOrder: 'Kader {{name}} baru aktif sejak {{from}}; tanggal nonaktif tidak boleh sebelumnya.',
    serviceFuture: 'Tanggal layanan belum terjadi.',
    activityFuture: 'Tanggal kegiatan belum terjadi; catat kegiatan setelah dilaksanakan.',
    submittedYourself: 'Bulan ini Anda ajukan sendiri; persetujuan harus oleh orang lain.',
    preparedVerify: 'Daftar ini Anda susun sendiri; verifikasi harus dilakukan orang lain.',
    preparedApprove: 'Daftar ini Anda susun sendiri; yang menyusun tidak boleh menyetujuinya.',
    verifiedApprove: 'Daftar ini Anda verifikasi sendiri; persetujuan harus oleh orang lain.',
    listPaid: 'Daftar ini sudah dibayar; pembayaran tidak dibatalkan. Buat revisi koreksi.',
    thresholdsKabupaten: 'Ambang indikator hanya dapat diubah oleh kantor kabupaten.',
    periodLockKabupaten: 'Periode evaluasi hanya dapat dikunci (disahkan) oleh kantor kabupaten.',
    formsKabupaten: 'Formulir laporan hanya dapat diubah oleh kantor kabupaten; kecamatan menerimanya lewat bundel.',
    offersKabupaten: 'Tawaran provinsi diterima atau ditolak oleh kantor kabupaten/kota.',
    usernameTaken: 'Nama pengguna "{{name}}" sudah dipakai.',
  },
  monthly: {
    integer: '{{field}}: isi dengan bilangan bulat',
    negative: '{{field}} tidak boleh negatif',
    max: '{{field}} {{x}} tidak masuk akal (paling banyak {{max}})',
    date: 'Tanggal buka tidak sah',
    dateMonth: 'Tanggal buka {{date}} di luar bulan {{month}}',
    notHeld: 'Bulan ditandai tidak buka, tetapi ada isian kegiatan ({{fields}})',
    lte: '{{a}} ({{av}}) tidak boleh lebih dari {{b}} ({{bv}})',
    sum: '{{total}} ({{tv}}) seharusnya = {{parts}} ({{sum}})',
    programme: 'Kode program "{{code}}" tidak dikenal ({{known}}, spm-…)',
  },
  bundle: {
    notSimpul: 'Berkas ini bukan berkas bundel Simpul (.simpul).',
    truncated: 'Berkas bundel terpotong (tidak lengkap). Minta atau salin ulang berkasnya; tidak ada data yang diubah.',
    tampered: 'Berkas bundel rusak atau telah diubah ({{why}}). Berkas ditolak; tidak ada data yang diubah. Minta kiriman ulang.',
    why: {
      columns: 'daftar kolom tidak sah',
      row: 'baris tidak sah',
      required: 'kolom wajib baris tidak sah',
      digest: 'isi tidak cocok dengan sidik manifes',
      unreadable: 'isi tidak terbaca',
      inflated: 'isi terlalu besar setelah dibuka',
      longLine: 'baris terlalu panjang',
      lineUnreadable: 'baris tidak terbaca',
      moreRows: 'lebih banyak baris daripada yang tertulis di manifes',
      cannotOpen: 'isi tidak dapat dibuka',
      cipher: 'kunci atau tanda enkripsi tidak cocok',
      lastLine: 'baris terakhir terpotong',
      noTable: 'baris tanpa tabel',
      rowCount: 'jumlah baris tidak cocok dengan manifes',
      signature: 'tanda tangan pengirim tidak cocok',
      level: 'tingkat kantor pengirim tidak cocok',
      time: 'waktu perubahan tidak sah',
    },
    newer: 'Bundel ini dibuat oleh Simpul yang lebih baru. Perbarui Simpul terlebih dahulu, lalu impor lagi.',
    unknownSender: 'Pengirim bundel ini, {{name}} ({{code}}), belum didaftarkan di kantor ini. Daftarkan kantornya dengan kartu kantor terlebih dahulu.',
    revokedSender: 'Pendaftaran kantor {{name}} ({{code}}) telah dicabut; bundelnya tidak diterima.',
    wrongReceiver: 'Bundel ini ditujukan untuk {{name}} ({{code}}), bukan untuk kantor ini ({{me}}). Berkas tidak diimpor.',
    keyUnknown: 'Bundel ini dikunci untuk kunci kantor yang tidak ada di komputer ini. Kirim kartu kantor terbaru ke pengirim, lalu minta bundel baru.',
    alreadyImported: 'Bundel nomor {{seq}} dari {{name}} sudah pernah diimpor; tidak ada yang perlu dilakukan.',
    older: 'Bundel nomor {{seq}} dari {{name}} lebih lama daripada bundel yang sudah diimpor (nomor {{last}}); isinya sudah termasuk di sana, tidak ada yang perlu dilakukan.',
    clockAhead:
      'Bundel dari {{name}} ({{code}}) memuat perubahan bertanggal {{claimed}}, lebih dari sehari setelah tanggal komputer ini ({{today}}). Minta kantor itu membetulkan tanggal dan jam komputernya, lalu membuat bundel baru. Jika tanggal komputer ini yang salah, betulkan dulu. Tidak ada data yang diubah.',
    impossibleYear: 'tahun yang tidak mungkin',
    busy: 'Impor bundel lain sedang berjalan; tunggu sampai selesai.',
    cancelled: 'Impor dibatalkan; tidak ada data yang diubah.',
    fileGone: 'Berkas bundel tidak ditemukan lagi; pilih berkasnya kembali.',
    unknownTable: 'Bundel berisi tabel "{{table}}" yang tidak dikenal Simpul ini. Perbarui Simpul terlebih dahulu.',
    peerUnknownSend: 'Kantor {{code}} belum didaftarkan. Daftarkan kantornya dengan kartu kantor terlebih dahulu.',
    peerRevokedSend: 'Kantor {{code}} telah dicabut; bundel tidak dibuat.',
    peerUnknown: 'Kantor {{code}} belum didaftarkan.',
    conflictClosed: 'Konflik ini sudah ditangani.',
    cardInvalid: 'Berkas ini bukan kartu kantor Simpul.',
    cardIncomplete: 'Berkas ini bukan kartu kantor Simpul yang utuh.',
    cardTampered: 'Kartu kantor ini rusak atau telah diubah (tanda tangan tidak cocok). Minta kartu baru dari kantor tersebut.',
    fingerprintMismatch: 'Sidik jari tidak cocok: kartu ini {{card}}, yang dimasukkan {{typed}}. Jangan daftarkan kantor ini; hubungi operatornya lagi.',
    empty: '(kosong)',
    wilayahUnknown: 'Kode wilayah {{code}} tidak ada dalam referensi Kemendagri.',
  },
  login: {
    wrong: 'Nama pengguna atau kata sandi salah.',
    locked: 'Terlalu banyak percobaan yang salah. Akun "{{name}}" terkunci; coba lagi dalam {{n}} detik.',
    wrongLocks: 'Nama pengguna atau kata sandi salah. Setelah {{failures}} kali salah, akun terkunci {{n}} detik.',
    inactive: 'Akun "{{name}}" sudah dinonaktifkan oleh administrator.',
    lastAdmin: 'Ini administrator aktif terakhir. Angkat administrator lain dulu sebelum mengubah peran atau menonaktifkannya.',
    selfDeactivate: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    recoverNotAdmin: 'Kode pemulihan hanya mengatur ulang kata sandi administrator yang aktif; "{{name}}" bukan administrator aktif.',
    oldWrong: 'Kata sandi lama salah.',
    same: 'Kata sandi baru harus berbeda dari yang lama.',
    recoveryNotOurs: 'Kode pemulihan ini bukan milik basis data ini.',
    notEncrypted: 'Basis data ini belum dienkripsi, jadi belum punya kode pemulihan. Masuk dengan kata sandi administrator.',
    adminExists: 'Basis data ini sudah punya administrator. Masuk dengan akun yang ada.',
  },
  sheet: {
    posyanduNameEmpty: 'Nama posyandu kosong',
    notNumber: '{{what}} bukan angka',
    statusUnknown: 'Status "{{text}}" tidak dikenal (aktif/nonaktif)',
    posyanduSameRow: 'Posyandu yang sama sudah ada di baris {{row}}',
    kaderNameEmpty: 'Nama kader kosong',
    nikEmpty: 'NIK kosong',
    sexUnknown: 'Jenis kelamin "{{text}}" tidak dikenal (L/P)',
    roleUnknown: 'Jabatan "{{text}}" tidak dikenal (ketua, sekretaris, bendahara, anggota)',
    nikSameRow: 'NIK sama dengan baris {{row}}',
    nikOutside: 'NIK ini milik kader di luar wilayah kantor ({{scope}})',
    notXlsx: 'Berkas bukan lembar kerja .xlsx (bukan arsip Excel yang utuh). Simpan ulang dari Excel sebagai "Excel Workbook (.xlsx)".',
    tooLarge: 'Lembar kerja terlalu besar untuk dibaca sekaligus ({{mb}} MB setelah dibuka). Pecah menjadi beberapa berkas.',
    noColumn: 'Kolom "{{name}}" tidak ada di lembar kerja. Kolom yang ada: {{list}}.',
    unmapped: 'Kolom wajib belum dipasangkan: {{list}}.',
  },
  honor: {
    period12: 'Satu daftar honor paling lama 12 bulan.',
    periodYear: 'Satu daftar honor berada dalam satu tahun anggaran.',
    verified: 'Daftar ini sudah diverifikasi. Minta verifikator mengembalikannya ke penyusun bila ada yang perlu diubah.',
    lineMonths: 'Bulan baris harus di dalam periode daftar ({{from}} s.d. {{to}}).',
    lineExists: '{{name}} sudah ada di daftar ini untuk bulan tersebut.',
    lineInactive: 'Penugasan ini tidak aktif pada bulan yang dipilih.',
    listEmpty: 'Daftar tanpa baris tidak dapat diproses.',
    noAccount: 'Nomor rekening belum diisi untuk: {{names}}. Lengkapi data pendampingnya, lalu pilih "Perbarui data orang" pada draf ini.',
    notVerified: 'Daftar ini belum diverifikasi. Verifikator memeriksanya dulu sebelum disetujui.',
    alreadyPaid: 'Pembayaran daftar ini sudah dicatat ({{date}}, {{ref}}).',
    notApproved: 'Daftar ini belum disetujui PPTK; pembayaran dicatat setelah disetujui.',
    paidBefore: 'Tanggal bayar {{date}} sebelum periode daftar dimulai ({{start}}).',
    paidFuture: 'Tanggal bayar {{date}} belum terjadi; catat pembayaran setelah dana ditransfer.',
    draftNoRevision: 'Daftar ini belum disetujui; ubah langsung tanpa revisi.',
    cancelledNew: 'Daftar ini sudah dibatalkan; buat daftar baru untuk periodenya.',
    kabupatenOnly: 'Pendamping dan honor dikelola oleh kantor kabupaten (sekretariat TKPKD di Bappeda).',
    pnsGolongan: 'PNS wajib diisi golongannya (I–IV).',
    pnsNip: 'PNS wajib diisi NIP-nya (18 angka).',
    pnsTax: 'PPh 21 final PNS hanya untuk PNS.',
    taxReason: 'Tuliskan alasan kantor untuk "tanpa potongan PPh 21".',
    personExists: 'NIK {{nik}} sudah terdaftar atas nama {{name}}.',
    personInUse: 'Orang ini masih punya penugasan. Hapus atau akhiri penugasannya dulu.',
    regulationUnknown: 'Keputusan (regulasi) yang dipilih tidak ditemukan.',
  },
  backup: {
    otherKey: '{{file}} terenkripsi dengan kunci lain (cadangan kantor lain, atau bukan cadangan Simpul); tidak dapat dipulihkan di sini. Tidak ada yang diubah.',
    missing: 'Berkas cadangan {{file}} tidak ada.',
    notSimpul: '{{file}} bukan cadangan Simpul.',
    newer: 'Cadangan ini dibuat oleh Simpul yang lebih baru (skema {{schema}}, aplikasi ini {{latest}}). Perbarui Simpul terlebih dahulu.',
    otherOffice: 'Cadangan ini milik {{backup}} ({{backupCode}}), bukan kantor ini, {{current}} ({{currentCode}}). Memulihkannya mengganti semua data {{current}} dengan data {{backup}}. Tidak ada yang diubah.',
    notInFolder: 'Cadangan {{name}} tidak ada di folder cadangan.',
  },
  approval: {
    kecamatanOnly: 'Pengajuan dan persetujuan bulan dilakukan di kantor kecamatan; kabupaten menerima atau mengembalikannya.',
    kabupatenOnly: 'Penerimaan laporan bulanan dilakukan di kantor kabupaten.',
    accepted: 'Laporan {{month}} sudah diterima kabupaten.',
    submitted: 'Laporan {{month}} sudah diajukan.',
    empty: 'Belum ada laporan posyandu untuk {{month}}; isi laporan dulu sebelum diajukan.',
    notSubmittedOperator: 'Laporan {{month}} belum diajukan operator.',
    acceptedReturn: 'Laporan {{month}} sudah diterima kabupaten; hanya kabupaten yang dapat mengembalikannya.',
    notSubmitted: 'Laporan {{month}} belum diajukan.',
    notApproved: 'Laporan {{kec}} {{month}} belum disetujui kecamatan (atau bundelnya belum diterima).',
    acceptedKec: 'Laporan {{kec}} {{month}} sudah diterima.',
  },
  row: {
    rt: 'RT berupa angka',
    rw: 'RW berupa angka',
    latitude: 'lintang di luar Indonesia',
    longitude: 'bujur di luar Indonesia',
    desaOutside: 'desa {{desa}} tidak berada di kecamatan {{kec}}',
    areaOutside: 'wilayah {{area}} di luar kabupaten {{kab}}',
    kecamatanOutside: 'kecamatan {{kec}} di luar kabupaten {{kab}}',
    activeOrder: 'tanggal selesai aktif sebelum tanggal mulai',
    dateOrder: 'tanggal selesai sebelum tanggal mulai',
    netto: 'netto tidak sama dengan bruto dikurangi pajak',
    countSex: 'jumlah laki-laki dan perempuan tidak sama dengan jumlah kader',
    countRole: 'jumlah per peran tidak sama dengan jumlah kader',
    countTrained: 'kader terlatih lebih banyak daripada jumlah kader',
    formBroken: 'definisi formulir tidak lengkap atau rusak',
    formNotJson: 'definisi formulir bukan JSON',
    formMismatch: 'kode, versi atau periode tidak sama dengan isi formulir',
    period: 'periode harus TTTT atau TTTT-BB',
    valuesObject: 'isian laporan harus berupa objek',
    valueCode: 'kode isian "{{code}}" tidak sah',
    valueInvalid: 'isian {{code}} tidak sah',
    valuesNotJson: 'isian laporan bukan JSON',
    months: 'jumlah bulan 0 sampai 36',
    score: 'nilai 0 sampai 1000',
    findingKind: 'jenis temuan harus aturan atau pencilan',
    markStatus: 'tanda harus: sudah dicek, diperbaiki, atau perlu tindak lanjut',
    posyanduStatus: 'status harus aktif atau nonaktif',
    kaderRole: 'peran harus ketua, sekretaris, bendahara atau anggota',
    reviewDecision: 'keputusan tinjauan harus "berbeda"',
    golongan: 'golongan harus I, II, III atau IV',
    taxRule: 'aturan pajak harus bukan pegawai, PNS (final) atau tanpa potongan',
    periodKind: 'jenis periode harus bulan, triwulan atau kustom',
    honorStatus: 'status daftar honor harus draf, terverifikasi, final, dibayar atau dibatalkan',
    partialMonth: 'aturan bulan sebagian harus penuh atau prorata',
    periodStatus: 'status periode harus dibuka atau dikunci',
    approvalStatus: 'status persetujuan harus draf, diajukan atau disetujui',
    acceptanceStatus: 'status penerimaan harus diterima atau dikembalikan',
    formPeriodType: 'jenis periode formulir harus bulanan atau tahunan',
    offerKind: 'jenis tawaran harus set indikator atau formulir',
    offerDecision: 'keputusan harus diadopsi atau memakai milik sendiri',
  },
  notFound: {
    posyanduPlain: 'Posyandu tidak ditemukan.',
    posyandu: 'Posyandu tidak ditemukan (mungkin sudah dihapus).',
    period: 'Periode evaluasi tidak ditemukan.',
    periodPosyandu: 'Posyandu tidak termasuk wilayah periode ini.',
    pendamping: 'Pendamping tidak ditemukan.',
    user: 'Pengguna tidak ditemukan.',
    conflict: 'Konflik tidak ditemukan.',
    reference: 'Butir referensi tidak ditemukan.',
    deleted: 'Data ini sudah dihapus.',
  },
} as const

/** A text in both languages, for parameters that are names Simpul itself gives (table labels). */
export type Loc = { id: string; en: string }
/** A list of messages reads as its items joined with "; ". */
export type MsgParam = string | number | Loc | Msg | Msg[]
/** A message by key with its variable parts; `key` is a dotted path into MESSAGES_ID. */
export interface Msg {
  key: string
  params?: Record<string, MsgParam>
}

type Tree = { readonly [k: string]: string | Tree }

/** The template of a dotted key in a catalogue, or undefined. */
export function templateOf(catalogue: Tree, key: string): string | undefined {
  let cur: string | Tree | undefined = catalogue
  for (const part of key.split('.')) cur = typeof cur === 'object' ? cur[part] : undefined
  return typeof cur === 'string' ? cur : undefined
}

const isLoc = (v: unknown): v is Loc => !!v && typeof v === 'object' && 'id' in v && 'en' in v && !('key' in v)
export const isMsg = (v: unknown): v is Msg => !!v && typeof v === 'object' && typeof (v as Msg).key === 'string'

/** The Indonesian sentence of a message (what core has always written). */
export function sayId(m: Msg): string {
  const template = templateOf(MESSAGES_ID, m.key)
  if (template === undefined) throw new Error(`Pesan ${m.key} tidak ada dalam katalog`)
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = m.params?.[name]
    return v === undefined ? '' : Array.isArray(v) ? v.map(sayId).join('; ') : isMsg(v) ? sayId(v) : isLoc(v) ? v.id : String(v)
  })
}

export const msg = (key: string, params?: Record<string, MsgParam>): Msg => (params ? { key, params } : { key })

/**
 * Messages given to zod's built-in checks (`.min(2, zm('text.min', { n: 2 }))`) are fixed
 * when the schema is built, so zod's issue carries only the sentence. Each is recorded here
 * as it is made, and `issueMsg` finds the key again by the exact sentence it was made with.
 */
const made = new Map<string, Msg>()
/** Sentences made from input (a NIK's digits) are recorded too, up to a bound: past it they are simply not translated. */
const MADE_MAX = 20_000
function record(m: Msg): string {
  const text = sayId(m)
  if (!made.has(text) && made.size < MADE_MAX) made.set(text, m)
  return text
}
export const zm = (key: string, params?: Record<string, MsgParam>): string => record(msg(key, params))

/** The keyed message a sentence was made from (by zm or keyedIssue), or null. */
export const recordedMsg = (text: string): Msg | null => made.get(text) ?? null

/** A zod issue's message as a keyed message: from a custom issue's `params.msg`, or a recorded built-in message. */
export function issueMsg(issue: { message: string; params?: Record<string, unknown> }): Msg | null {
  const p = issue.params?.msg
  if (isMsg(p)) return p
  return made.get(issue.message) ?? null
}

/** A custom zod issue that carries its key: `ctx.addIssue(keyedIssue(m))`. */
export const keyedIssue = (m: Msg) => ({ code: 'custom' as const, message: record(m), params: { msg: m } })
