/**
 * Areas by wilayah code (issue #15). Kemendagri codes nest by dotted prefix: `21` provinsi,
 * `21.71` kabupaten/kota, `21.71.01` kecamatan, `21.71.01.1001` desa. Above the provinces
 * sits one reserved root, `ID` (Indonesia), the area of a national office (Kemendagri /
 * Kemenkes data team): it contains every code. Every "is this inside that area" test goes
 * through `isWithin`, so the root needs no special case anywhere else.
 */

/** The reserved wilayah code of the whole country: the area of a national office. */
export const NATIONAL_CODE = 'ID'

/** Office levels from the top down. */
export const OFFICE_LEVELS = ['nasional', 'provinsi', 'kabupaten', 'kecamatan'] as const
export type OfficeLevel = (typeof OFFICE_LEVELS)[number]

/** Any wilayah code: the root, or a provinsi, kabupaten/kota, kecamatan or desa code. */
export const WILAYAH_CODE_RE = /^(ID|\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?)$/
/** The code of an office: the root, a provinsi, a kabupaten/kota or a kecamatan (a desa has no office). */
export const OFFICE_CODE_RE = /^(ID|\d{2}(\.\d{2}(\.\d{2})?)?)$/

/** Whether `code` lies inside (or is) `area`. The root contains every code. */
export const isWithin = (code: string, area: string): boolean => area === NATIONAL_CODE || code === area || code.startsWith(`${area}.`)

/** Whether `code` lies strictly inside `area` (a descendant, not the area itself). */
export const isBelow = (code: string, area: string): boolean => code !== area && isWithin(code, area)

/** The area directly containing a code: a province's is the root; the root has none. */
export function parentCode(code: string): string | null {
  if (code === NATIONAL_CODE) return null
  const at = code.lastIndexOf('.')
  return at < 0 ? NATIONAL_CODE : code.slice(0, at)
}

/** The office level of a code (null for a desa or anything else). */
export function levelOfCode(code: string): OfficeLevel | null {
  if (code === NATIONAL_CODE) return 'nasional'
  if (!OFFICE_CODE_RE.test(code)) return null
  const parts = code.split('.').length
  return parts === 1 ? 'provinsi' : parts === 2 ? 'kabupaten' : 'kecamatan'
}

/** The province a code lies in (itself for a province code), or null for the root. */
export const provinceOf = (code: string): string | null => (code === NATIONAL_CODE ? null : code.split('.')[0])
