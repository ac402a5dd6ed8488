/** Exports that carry NIK or bank accounts (by their file names); saving them says so. */
export const PERSONAL_EXPORT = /(kader|pendamping|honor|transfer|rekening|dtsen|puskesos|\.simpul$)/i

export const PERSONAL_NOTICE = 'Berkas ini berisi data pribadi (NIK/nomor rekening). Simpan di tempat aman dan jangan dibagikan sembarangan.'
