import { FRAMEWORK_SETTING, FRAMEWORKS, type Framework, type ProgrammeReference, type RefItem, type RefKind, type Skpd } from '../../shared/contract/programme'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { insertRow, updateRow } from '../db/rows'
import { getSetting } from '../settings'
import { kabupatenOf } from './defaults'

export const scopeOf = (ctx: Ctx) => kabupatenOf(ctx.officeCode())

const REF_COLS = `id, kind, code, parent_code AS parentCode, name, description, sort_order AS sortOrder, active`
const SKPD_COLS = `id, code, name, short_name AS shortName, responsibilities, sort_order AS sortOrder, active`

type Raw<T> = Omit<T, 'active'> & { active: number }
const bool = <T>(r: Raw<T>): T => ({ ...r, active: r.active === 1 }) as T

export function refItems(ctx: Ctx, kind?: RefKind, includeInactive = true): RefItem[] {
  return (
    ctx.sqlite
      .prepare(
        `SELECT ${REF_COLS} FROM ref_item WHERE scope = ? AND deleted_at IS NULL AND (? IS NULL OR kind = ?) AND (? OR active = 1) ORDER BY sort_order, name`,
      )
      .all(scopeOf(ctx), kind ?? null, kind ?? null, includeInactive ? 1 : 0) as Raw<RefItem>[]
  ).map(bool)
}

export function skpdList(ctx: Ctx, includeInactive = true): Skpd[] {
  return (
    ctx.sqlite
      .prepare(`SELECT ${SKPD_COLS} FROM skpd WHERE scope = ? AND deleted_at IS NULL AND (? OR active = 1) ORDER BY sort_order, name`)
      .all(scopeOf(ctx), includeInactive ? 1 : 0) as Raw<Skpd>[]
  ).map(bool)
}

export function framework(ctx: Ctx): Framework {
  const v = getSetting(ctx.sqlite, FRAMEWORK_SETTING)
  return (FRAMEWORKS as readonly string[]).includes(v ?? '') ? (v as Framework) : 'phi'
}

export function programmeReference(ctx: Ctx, includeInactive: boolean): ProgrammeReference {
  const all = refItems(ctx, undefined, includeInactive)
  const of = (k: RefKind) => all.filter((r) => r.kind === k)
  return {
    framework: framework(ctx),
    phiParts: of('phi_part').map((p) => ({ ...p, activities: of('phi_activity').filter((a) => a.parentCode === p.code) })),
    spmFields: of('spm_field'),
    targetGroups: of('target_group'),
    lifeStages: of('life_stage').map((s) => ({ ...s, targetGroups: of('target_group').filter((g) => g.parentCode === s.code).map((g) => g.code) })),
    puskesosCategories: of('puskesos_category'),
    fundingSources: of('funding_source'),
    skpd: skpdList(ctx, includeInactive),
  }
}

/** Refuses a code that is not (or no longer) in this kabupaten's list of that kind. */
/** A reference item of a kind by code, or a refusal naming the kind (programme.refKind.*). */
export function requireRefCode(ctx: Ctx, kind: RefKind, code: string): RefItem {
  const item = refItems(ctx, kind).find((r) => r.code === code)
  if (!item) throw new AppError('REF_UNKNOWN', msg('programme.refUnknown', { what: msg(`programme.refKind.${kind}`), code }))
  return item
}

export function requireSkpd(ctx: Ctx, id: string): Skpd {
  const s = skpdList(ctx).find((x) => x.id === id)
  if (!s) throw new AppError('SKPD_UNKNOWN', msg('programme.skpdUnknown'))
  return s
}

const PARENT_KIND: Partial<Record<RefKind, RefKind>> = { phi_activity: 'phi_part', target_group: 'life_stage' }

export function saveRefItem(
  ctx: Ctx,
  i: { id?: string; kind: RefKind; code: string; parentCode?: string | null; name: string; description?: string | null; sortOrder?: number; active: boolean },
): RefItem {
  const scope = scopeOf(ctx)
  const parentKind = PARENT_KIND[i.kind]
  if (parentKind) {
    if (!i.parentCode) throw new AppError('REF_PARENT', msg(i.kind === 'phi_activity' ? 'programme.parentPhi' : 'programme.parentLifeStage'))
    requireRefCode(ctx, parentKind, i.parentCode)
  }
  const clash = refItems(ctx, i.kind).find((r) => r.code === i.code && r.id !== i.id)
  if (clash) throw new AppError('REF_EXISTS', msg('programme.refExists', { code: i.code, name: clash.name }))
  const values = {
    kind: i.kind,
    code: i.code,
    parent_code: parentKind ? i.parentCode : null,
    name: i.name,
    description: i.description ?? null,
    active: i.active ? 1 : 0,
    ...(i.sortOrder !== undefined ? { sort_order: i.sortOrder } : {}),
  }
  let id = i.id
  if (id) {
    const old = refItems(ctx).find((r) => r.id === id)
    if (!old) throw new AppError('NOT_FOUND', msg('notFound.reference'))
    // Codes are what programmes and activities store; renaming one would orphan them.
    if (old.code !== i.code || old.kind !== i.kind) throw new AppError('REF_CODE_FIXED', msg('programme.refCodeFixed'))
    updateRow(ctx, 'ref_item', id, values)
  } else {
    const next = (ctx.sqlite.prepare(`SELECT coalesce(max(sort_order), 0) + 1 AS n FROM ref_item WHERE scope = ?`).get(scope) as { n: number }).n
    id = insertRow(ctx, 'ref_item', { sort_order: next, ...values }, { scope }).id
  }
  return refItems(ctx).find((r) => r.id === id)!
}

export function saveSkpd(
  ctx: Ctx,
  i: { id?: string; code: string; name: string; shortName: string; responsibilities?: string | null; sortOrder?: number; active: boolean },
): Skpd {
  const scope = scopeOf(ctx)
  const clash = skpdList(ctx).find((s) => (s.code === i.code || s.name.toLowerCase() === i.name.toLowerCase()) && s.id !== i.id)
  if (clash) throw new AppError('SKPD_EXISTS', msg('programme.skpdExists', { name: clash.name }))
  const values = {
    code: i.code,
    name: i.name,
    short_name: i.shortName,
    responsibilities: i.responsibilities ?? null,
    active: i.active ? 1 : 0,
    ...(i.sortOrder !== undefined ? { sort_order: i.sortOrder } : {}),
  }
  let id = i.id
  if (id) {
    requireSkpd(ctx, id)
    updateRow(ctx, 'skpd', id, values)
  } else {
    const next = (ctx.sqlite.prepare(`SELECT coalesce(max(sort_order), 0) + 1 AS n FROM skpd WHERE scope = ?`).get(scope) as { n: number }).n
    id = insertRow(ctx, 'skpd', { sort_order: next, ...values }, { scope }).id
  }
  return skpdList(ctx).find((s) => s.id === id)!
}
