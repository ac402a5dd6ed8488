/** Exports that carry NIK or bank accounts (by their file names); saving them says so. */
export const PERSONAL_EXPORT = /(kader|pendamping|honor|transfer|rekening|dtsen|puskesos|\.simpul$)/i

export const PERSONAL_NOTICE = 'Berkas ini berisi data pribadi (NIK/nomor rekening). Simpan di tempat aman dan jangan dibagikan sembarangan.'
export const PERSONAL_NOTICE_EN = 'This file holds personal data (NIK/account numbers). Keep it somewhere safe and do not share it casually.'

/**
 * "3325094107850001" → "3325********0001": enough to tell people apart on a screen, not to copy.
 * The same form as the policy's mask (src/core/policy/columns.ts), so screens and import reports agree.
 */
export function maskNik(nik: string | null | undefined): string {
  const s = (nik ?? '').replace(/\s/g, '')
  return s.length >= 8 ? `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}` : ''
}
