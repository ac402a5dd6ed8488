/**
 * Failures of the computer rather than of the input — a full disk, a file that cannot be
 * written, a database another program holds — told to a person in words: what happened,
 * that nothing was changed, and what to do. The technical details (SQLite's message, the
 * stack) belong in the log, never on the screen.
 */

export interface Failure {
  code: string
  message: string
}

export const FAILURE = {
  DISK_FULL:
    'Disk komputer ini penuh, jadi Simpul tidak dapat menyimpan. Tidak ada yang diubah. ' +
    'Kosongkan ruang disk (hapus atau pindahkan ke flashdisk berkas yang tidak perlu, misalnya unduhan lama), lalu ulangi.',
  READ_ONLY:
    'Berkas data Simpul tidak dapat ditulisi (berkas atau foldernya hanya-baca, atau flashdisk/CD terkunci). Tidak ada yang diubah. ' +
    'Pastikan berkas dan folder datanya boleh ditulisi oleh pengguna komputer ini, lalu tutup dan buka Simpul lagi.',
  DB_LOCKED:
    'Basis data sedang dipakai program lain (misalnya Simpul yang terbuka dua kali, DB Browser for SQLite, atau perintah simpul di jendela lain). ' +
    'Tidak ada yang diubah. Tutup program itu, lalu ulangi.',
  INTERNAL:
    'Terjadi kesalahan di dalam Simpul; perintah ini tidak selesai. Rinciannya tercatat di log. ' +
    'Ulangi sekali lagi; bila tetap gagal, unduh diagnostik (Pengaturan → Unduh diagnostik) dan kirimkan ke pengelola Simpul.',
} as const

export type FailureCode = keyof typeof FAILURE

/** SQLite result codes (better-sqlite3 reports extended ones, e.g. SQLITE_READONLY_DBMOVED) and Node's errno codes. */
function kindOf(code: string): Exclude<FailureCode, 'INTERNAL'> | null {
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return 'DISK_FULL'
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'READ_ONLY'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'EBUSY') return 'DB_LOCKED'
  return null
}

/** A full disk, an unwritable file or a locked database, looking through `cause` chains; else null. */
export function environmentFailure(e: unknown): Failure | null {
  for (let cur = e, depth = 0; cur && typeof cur === 'object' && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code
    const kind = typeof code === 'string' ? kindOf(code) : null
    if (kind) return { code: kind, message: FAILURE[kind] }
  }
  return null
}

/** What the person reads about an unexpected error: the environment failure, or a plain "internal" one. */
export function failureFor(e: unknown): Failure {
  return environmentFailure(e) ?? { code: 'INTERNAL', message: FAILURE.INTERNAL }
}

/** "2 MB", "4,0 GB": a size as an office worker reads it. */
export function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024
  if (mb >= 1024) return `${(mb / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} GB`
  return `${Math.max(1, Math.round(mb)).toLocaleString('id-ID')} MB`
}

/** A request body over its limit (the headless host answers it with HTTP 413). */
export function tooLarge(limitBytes: number, what = 'Permintaan'): Failure {
  return {
    code: 'TOO_LARGE',
    message: `${what} lebih besar dari batas ${formatSize(limitBytes)}, jadi tidak diterima. Tidak ada yang diubah. Pilih berkas yang lebih kecil, atau periksa apakah berkasnya benar.`,
  }
}
