import { v5 as uuidv5 } from 'uuid'
import defaults from '../../../resources/reference/programme-defaults.json'
import type { RefKind } from '../../shared/contract/programme'
import type { Ctx } from '../context'
import { getRow, insertRow } from '../db/rows'
import { getSetting, setSetting } from '../settings'

/** The defaults file: PHI parts and activities, SPM fields, target groups, SKPD. Data, not code. */
export const PROGRAMME_DEFAULTS = defaults as {
  version: number
  refItems: { kind: RefKind; code: string; parent?: string; name: string; description?: string }[]
  skpd: { code: string; shortName: string; name: string; responsibilities: string }[]
  fundingSources: { code: string; name: string }[]
}

/** Kabupaten code of any wilayah code: reference data and SKPD belong to the kabupaten. */
export const kabupatenOf = (code: string) => code.split('.').slice(0, 2).join('.')

const NAMESPACE = '6f1c3c52-2a9e-4c55-9d1a-4b0a4f2b7e11'
/**
 * Defaults get ids derived from kabupaten + kind + code, so the copy a kecamatan office
 * loads and the kabupaten's copy are the same row when bundles meet.
 */
export const defaultId = (scope: string, kind: string, code: string) => uuidv5(`${scope}:${kind}:${code}`, NAMESPACE)

const metaKey = (scope: string) => `programme.defaults.${scope}`

/**
 * Loads the shipped defaults into this kabupaten's travelling tables once per database.
 * Afterwards the rows are the kabupaten's own: edits and deactivations are never undone
 * here. A newer defaults version adds only the rows that are missing.
 */
export function ensureProgrammeDefaults(ctx: Ctx): { loaded: number } {
  const office = ctx.office()
  if (!office) return { loaded: 0 }
  const scope = kabupatenOf(office.wilayahCode)
  const done = Number(getSetting(ctx.sqlite, metaKey(scope)) ?? 0)
  if (done >= PROGRAMME_DEFAULTS.version) return { loaded: 0 }
  let loaded = 0
  ctx.sqlite.transaction(() => {
    const add = (table: string, kind: string, code: string, values: Record<string, unknown>) => {
      const id = defaultId(scope, kind, code)
      if (getRow(ctx.sqlite, table, id)) return
      insertRow(ctx, table, values, { scope, id, shipped: true })
      loaded++
    }
    const items = [...PROGRAMME_DEFAULTS.refItems, ...PROGRAMME_DEFAULTS.fundingSources.map((f) => ({ ...f, kind: 'funding_source' as const }))]
    items.forEach((r, i) =>
      add('ref_item', r.kind, r.code, {
        kind: r.kind,
        code: r.code,
        parent_code: 'parent' in r ? (r.parent ?? null) : null,
        name: r.name,
        description: 'description' in r ? (r.description ?? null) : null,
        sort_order: i + 1,
        active: 1,
      }),
    )
    PROGRAMME_DEFAULTS.skpd.forEach((s, i) =>
      add('skpd', 'skpd', s.code, { code: s.code, name: s.name, short_name: s.shortName, responsibilities: s.responsibilities, sort_order: i + 1, active: 1 }),
    )
    setSetting(ctx.sqlite, metaKey(scope), String(PROGRAMME_DEFAULTS.version))
  })()
  return { loaded }
}
