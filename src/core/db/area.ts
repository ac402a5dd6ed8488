import { NATIONAL_CODE } from '../../shared/area'

/**
 * The SQL twin of `isWithin` (src/shared/area.ts): a condition that `column` holds a code
 * inside (or equal to) `area`. The root `ID` contains every code, so it gives no filter at
 * all; any other area gives the `(col = ? OR col LIKE ? || '.%')` these queries always had, so
 * their plans at kabupaten and kecamatan level are unchanged. Every "rows of this area" filter
 * in core goes through here, so a national office's screens see the rows relayed to it.
 *
 * `param` is how the area is bound: `'?'` (positional — spread `args` into the call, it is
 * empty for the root) or a named parameter such as `'@area'` (then `args` is always empty; the
 * named value may stay bound when the root leaves it unused).
 */
export function withinSql(column: string, area: string, param: '?' | `@${string}` = '?'): { sql: string; args: string[] } {
  if (area === NATIONAL_CODE) return { sql: '1=1', args: [] }
  return { sql: `(${column} = ${param} OR ${column} LIKE ${param} || '.%')`, args: param === '?' ? [area, area] : [] }
}
