/** Texts of the Program & Regulasi area (namespace "program"). */
export const translations = {
  id: {
    tabs: { program: 'Program SKPD', ringkasan: 'Ringkasan', regulasi: 'Regulasi', kegiatan: 'Kegiatan Posyandu', puskesos: 'Puskesos', referensi: 'Referensi & SKPD' },
    framework: { label: 'Kerangka yang ditampilkan lebih dulu', phi: 'Bagian PHI', spm: 'Bidang SPM', ilp: 'Tahap kehidupan (ILP)' },
    fields: {
      skpd: 'SKPD', year: 'Tahun anggaran', name: 'Nama program', phiPart: 'Bagian PHI', spmField: 'Bidang SPM', targetGroups: 'Kelompok sasaran',
      funding: 'Sumber dana', budget: 'Anggaran (Rp)', realisation: 'Realisasi (Rp)', regulation: 'Dasar hukum (regulasi)', posyandu: 'Posyandu yang dijangkau',
      notes: 'Catatan', date: 'Tanggal', what: 'Uraian kegiatan', participants: 'Peserta per kelompok sasaran', agency: 'Instansi yang terlibat', agencyOther: 'Instansi lain (Baznas, CSR, PKK…)',
      category: 'Kategori keluhan', person: 'Nama warga', nik: 'NIK (boleh kosong)', complaint: 'Uraian keluhan', referredTo: 'Dirujuk ke SKPD', referredOther: 'Dirujuk ke instansi lain', status: 'Status tindak lanjut', followUpNote: 'Catatan tindak lanjut',
      kind: 'Jenis', regYear: 'Tahun', number: 'Nomor', title: 'Judul / tentang', dateSigned: 'Tanggal ditetapkan', code: 'Kode', shortName: 'Nama singkat', responsibilities: 'Tanggung jawab', active: 'Aktif', description: 'Keterangan',
    },
    programme: {
      title: 'Program SKPD', add: 'Tambah program', edit: 'Ubah program', saved: 'Program tersimpan', deleted: 'Program dihapus', search: 'Cari program atau SKPD…', allYears: 'Semua tahun',
      none: 'Belum ada program.', posyanduCount: '{{count}} posyandu', revokedTitle: 'Regulasi sudah dicabut', revokedGo: 'Tetap simpan dengan regulasi ini', warnings: 'Perhatian',
      confirmDelete: 'Hapus program ini? Program dapat dipulihkan dari riwayat perubahan.',
    },
    summary: {
      title: 'Ringkasan program', year: 'Tahun', programmes: 'Program', budget: 'Anggaran', realisation: 'Realisasi', reached: 'Posyandu dijangkau', absorption: 'Serapan',
      bySkpd: 'Per SKPD', byPart: 'Per bagian / bidang', byKecamatan: 'Cakupan per kecamatan', kecamatan: 'Kecamatan', posyandu: 'Posyandu', coverage: 'Cakupan', print: 'Halaman cetak',
      lifeStageNote: 'Program yang melayani beberapa tahap kehidupan dihitung di setiap tahap, sehingga jumlah per tahap tidak sama dengan total.',
      printTitle: 'REKAPITULASI PROGRAM SKPD PADA POSYANDU', total: 'Jumlah',
    },
    regulation: {
      title: 'Daftar regulasi', filterKind: 'Saring menurut jenis', add: 'Tambah regulasi', edit: 'Ubah regulasi', saved: 'Regulasi tersimpan', search: 'Cari jenis, nomor, tahun atau judul…', none: 'Belum ada regulasi.',
      status: 'Status', berlaku: 'Berlaku', diubah: 'Diubah', dicabut: 'Dicabut', changedBy: 'Diubah/dicabut oleh', changes: 'Mengubah/mencabut', setStatus: 'Ubah status',
      by: 'Regulasi yang mengubah/mencabut', apply: 'Terapkan', attachment: 'Lampiran PDF', attach: 'Lampirkan PDF', replace: 'Ganti PDF', open: 'Buka PDF', noAttachment: 'Belum ada lampiran.',
      attached: 'PDF terlampir', dependents: 'Yang berdasar pada regulasi ini', noDependents: 'Belum ada data yang merujuk regulasi ini.', back: 'Kembali ke daftar regulasi', checksum: 'SHA-256',
    },
    activity: { title: 'Kegiatan posyandu', add: 'Catat kegiatan', saved: 'Kegiatan tersimpan', none: 'Belum ada kegiatan.', allPosyandu: 'Semua posyandu', total: 'Jumlah peserta' },
    puskesos: {
      title: 'Layanan Puskesos di posyandu', add: 'Catat layanan', saved: 'Layanan tersimpan', none: 'Belum ada layanan.', export: 'Ekspor rujukan untuk DTSEN (.xlsx)', exported: '{{rows}} rujukan diekspor',
      baru: 'Baru', dirujuk: 'Dirujuk', ditindaklanjuti: 'Ditindaklanjuti', selesai: 'Selesai', allStatus: 'Semua status', filterStatus: 'Saring menurut status',
    },
    reference: {
      title: 'Referensi dan SKPD', skpd: 'SKPD pembina teknis', addSkpd: 'Tambah SKPD', add: 'Tambah butir', saved: 'Tersimpan', inactive: 'nonaktif',
      kinds: { phi_part: 'Bagian PHI', phi_activity: 'Kegiatan per bagian PHI', spm_field: 'Bidang SPM (PP 2/2018)', target_group: 'Kelompok sasaran', life_stage: 'Tahap kehidupan (ILP)', puskesos_category: 'Kategori keluhan Puskesos', funding_source: 'Sumber dana' },
      parent: 'Induk', frameworkSaved: 'Kerangka tampilan tersimpan',
    },
    tables: { programme: 'Program', posyandu: 'Posyandu (penetapan model PHI)', pendamping_assignment: 'Penugasan pendamping', honor_rate: 'Tarif honor' },
  },
  en: {
    tabs: { program: 'Agency programmes', ringkasan: 'Summary', regulasi: 'Regulations', kegiatan: 'Posyandu activities', puskesos: 'Puskesos', referensi: 'Reference & agencies' },
    framework: { label: 'Framework shown first', phi: 'PHI parts', spm: 'SPM fields', ilp: 'Life stages (ILP)' },
    fields: {
      skpd: 'Agency (SKPD)', year: 'Fiscal year', name: 'Programme name', phiPart: 'PHI part', spmField: 'SPM field', targetGroups: 'Target groups',
      funding: 'Funding source', budget: 'Budget (Rp)', realisation: 'Realisation (Rp)', regulation: 'Legal basis (regulation)', posyandu: 'Posyandu reached',
      notes: 'Notes', date: 'Date', what: 'Activity', participants: 'Participants per target group', agency: 'Agency involved', agencyOther: 'Other agency (Baznas, CSR, PKK…)',
      category: 'Complaint category', person: 'Resident name', nik: 'NIK (optional)', complaint: 'Complaint', referredTo: 'Referred to agency', referredOther: 'Referred to other body', status: 'Follow-up status', followUpNote: 'Follow-up note',
      kind: 'Kind', regYear: 'Year', number: 'Number', title: 'Title', dateSigned: 'Date signed', code: 'Code', shortName: 'Short name', responsibilities: 'Responsibilities', active: 'Active', description: 'Description',
    },
    programme: {
      title: 'Agency programmes', add: 'Add programme', edit: 'Edit programme', saved: 'Programme saved', deleted: 'Programme deleted', search: 'Search programme or agency…', allYears: 'All years',
      none: 'No programmes yet.', posyanduCount: '{{count}} posyandu', revokedTitle: 'Regulation revoked', revokedGo: 'Save anyway with this regulation', warnings: 'Attention',
      confirmDelete: 'Delete this programme? It can be restored from the change history.',
    },
    summary: {
      title: 'Programme summary', year: 'Year', programmes: 'Programmes', budget: 'Budget', realisation: 'Realisation', reached: 'Posyandu reached', absorption: 'Absorption',
      bySkpd: 'By agency', byPart: 'By part / field', byKecamatan: 'Coverage by subdistrict', kecamatan: 'Subdistrict', posyandu: 'Posyandu', coverage: 'Coverage', print: 'Printable page',
      lifeStageNote: 'A programme serving several life stages counts in each, so the stages do not add up to the total.',
      printTitle: 'SUMMARY OF AGENCY PROGRAMMES AT POSYANDU', total: 'Total',
    },
    regulation: {
      title: 'Regulations', filterKind: 'Filter by kind', add: 'Add regulation', edit: 'Edit regulation', saved: 'Regulation saved', search: 'Search kind, number, year or title…', none: 'No regulations yet.',
      status: 'Status', berlaku: 'In force', diubah: 'Amended', dicabut: 'Revoked', changedBy: 'Amended/revoked by', changes: 'Amends/revokes', setStatus: 'Change status',
      by: 'Amending/revoking regulation', apply: 'Apply', attachment: 'PDF attachment', attach: 'Attach PDF', replace: 'Replace PDF', open: 'Open PDF', noAttachment: 'No attachment yet.',
      attached: 'PDF attached', dependents: 'What rests on this regulation', noDependents: 'Nothing refers to this regulation yet.', back: 'Back to regulations', checksum: 'SHA-256',
    },
    activity: { title: 'Posyandu activities', add: 'Record activity', saved: 'Activity saved', none: 'No activities yet.', allPosyandu: 'All posyandu', total: 'Participants' },
    puskesos: {
      title: 'Puskesos services at posyandu', add: 'Record service', saved: 'Service saved', none: 'No services yet.', export: 'Export referrals for DTSEN (.xlsx)', exported: '{{rows}} referrals exported',
      baru: 'New', dirujuk: 'Referred', ditindaklanjuti: 'Followed up', selesai: 'Done', allStatus: 'All statuses', filterStatus: 'Filter by status',
    },
    reference: {
      title: 'Reference and agencies', skpd: 'Technical supervising agencies', addSkpd: 'Add agency', add: 'Add item', saved: 'Saved', inactive: 'inactive',
      kinds: { phi_part: 'PHI parts', phi_activity: 'Activities per PHI part', spm_field: 'SPM fields (PP 2/2018)', target_group: 'Target groups', life_stage: 'Life stages (ILP)', puskesos_category: 'Puskesos complaint categories', funding_source: 'Funding sources' },
      parent: 'Parent', frameworkSaved: 'Framework saved',
    },
    tables: { programme: 'Programme', posyandu: 'Posyandu (PHI model designation)', pendamping_assignment: 'Facilitator appointment', honor_rate: 'Honor rate' },
  },
}
