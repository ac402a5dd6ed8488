export const translations = {
  id: {
    tabs: { users: 'Pengguna', audit: 'Jejak audit', password: 'Kata sandi saya' },
    users: {
      add: 'Tambah pengguna', username: 'Nama pengguna', name: 'Nama lengkap', role: 'Peran', status: 'Status', lastLogin: 'Terakhir masuk',
      active: 'aktif', inactive: 'nonaktif', deactivate: 'Nonaktifkan', activate: 'Aktifkan', reset: 'Atur ulang kata sandi',
      password: 'Kata sandi awal', added: 'Pengguna ditambahkan', saved: 'Perubahan tersimpan', resetDone: 'Kata sandi diatur ulang',
      newPassword: 'Kata sandi baru', never: 'belum pernah',
      confirmDeactivate: 'Nonaktifkan {{name}}? Ia tidak dapat masuk lagi sampai diaktifkan kembali; riwayatnya tetap tercatat.',
      roleHelp: 'Operator menyusun data dan daftar honor · Verifikator memeriksa · PPTK menyetujui · Bendahara mencatat pembayaran · Evaluator menilai posyandu · Hanya baca melihat saja',
    },
    audit: {
      chainOk: 'Rantai audit utuh: {{n}} entri, tidak ada yang diubah atau dihapus.',
      chainBroken: 'Rantai audit RUSAK: ada entri yang diubah atau dihapus langsung di berkas basis data.',
      seq: 'No.', at: 'Waktu', user: 'Pengguna', table: 'Data', action: 'Tindakan', from: 'Dari bundel',
      actions: {
        create: 'dibuat', update: 'diubah', delete: 'dihapus', restore: 'dipulihkan', import: 'diterima dari bundel', withdraw: 'ditarik',
        mark: 'ditandai', pay: 'dibayar', return: 'dikembalikan',
        'password-reset': 'kata sandi diatur ulang', 'password-recovery': 'kata sandi dipulihkan', 'password-change': 'kata sandi diganti',
      },
    },
    password: { old: 'Kata sandi lama', new: 'Kata sandi baru', confirm: 'Ulangi kata sandi baru', save: 'Ganti kata sandi', done: 'Kata sandi diganti', mismatch: 'Kata sandi baru tidak sama' },
  },
  en: {
    tabs: { users: 'Users', audit: 'Audit trail', password: 'My password' },
    users: {
      add: 'Add user', username: 'Username', name: 'Full name', role: 'Role', status: 'Status', lastLogin: 'Last login',
      active: 'active', inactive: 'inactive', deactivate: 'Deactivate', activate: 'Activate', reset: 'Reset password',
      password: 'Initial password', added: 'User added', saved: 'Saved', resetDone: 'Password reset',
      newPassword: 'New password', never: 'never',
      confirmDeactivate: 'Deactivate {{name}}? They cannot log in until activated again; their history stays recorded.',
      roleHelp: 'Operator prepares data and honor lists · Verifier checks · PPTK approves · Treasurer records payment · Evaluator scores posyandu · Read-only only looks',
    },
    audit: {
      chainOk: 'Audit chain intact: {{n}} entries, none changed or deleted.',
      chainBroken: 'Audit chain BROKEN: entries were changed or deleted directly in the database file.',
      seq: 'No.', at: 'Time', user: 'User', table: 'Record', action: 'Action', from: 'From bundle',
      actions: {
        create: 'created', update: 'changed', delete: 'deleted', restore: 'restored', import: 'received in a bundle', withdraw: 'withdrawn',
        mark: 'marked', pay: 'paid', return: 'returned',
        'password-reset': 'password reset', 'password-recovery': 'password recovered', 'password-change': 'password changed',
      },
    },
    password: { old: 'Old password', new: 'New password', confirm: 'Repeat new password', save: 'Change password', done: 'Password changed', mismatch: 'New passwords differ' },
  },
}
