import type { ProgrammeDetail, ProgrammeRow } from '../../shared/contract/programme'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow, requireRow, updateRow } from '../db/rows'
import { regulationLabel } from '../regulation/service'
import { posyanduByIds, requirePosyandu } from './posyandu'
import { requireRefCode, requireSkpd } from './reference'
import { formatRupiah } from '../../shared/format'
import { type Msg, msg, sayId } from '../../shared/messages'

const SELECT = `SELECT p.id, p.scope, p.skpd_id AS skpdId, coalesce(s.short_name, '?') AS skpdName, p.fiscal_year AS fiscalYear, p.name,
    p.phi_part AS phiPart, p.spm_field AS spmField, p.target_groups AS targetGroups, p.funding_source AS fundingSource,
    p.budget, p.realisation, p.regulation_id AS regulationId, p.notes,
    r.kind AS rKind, r.number AS rNumber, r.year AS rYear, r.title AS rTitle, r.status AS regulationStatus, r.changed_by_id AS rChangedBy,
    (SELECT count(*) FROM programme_posyandu l WHERE l.programme_id = p.id AND l.deleted_at IS NULL) AS posyanduCount
  FROM programme p LEFT JOIN skpd s ON s.id = p.skpd_id LEFT JOIN regulation r ON r.id = p.regulation_id AND r.deleted_at IS NULL`

type Raw = Omit<ProgrammeRow, 'targetGroups' | 'regulationLabel' | 'warnings'> & {
  targetGroups: string
  rKind: string | null
  rNumber: string | null
  rYear: number | null
  rTitle: string | null
  rChangedBy: string | null
}

function changedByLabel(ctx: Ctx, id: string | null): string {
  const m = changedByMsg(ctx, id)
  return m && sayId(m)
}

/** " oleh Perbup …" by key, or '' (no changing regulation). */
function changedByMsg(ctx: Ctx, id: string | null): Msg | '' {
  if (!id) return ''
  const r = ctx.sqlite.prepare(`SELECT kind, number, year, title FROM regulation WHERE id = ?`).get(id) as { kind: string; number: string; year: number; title: string } | undefined
  return r ? msg('programme.byRegulation', { label: regulationLabel(r) }) : ''
}

/** What a person should notice about a programme's legal basis and money. */
function warningsOf(ctx: Ctx, r: Raw, label: string | null): string[] {
  const w: string[] = []
  if (r.regulationId && !label) w.push('Regulasi dasar program ini sudah dihapus dari daftar.')
  if (label && r.regulationStatus === 'dicabut') w.push(`Dasar hukum ${label} sudah DICABUT${changedByLabel(ctx, r.rChangedBy)}.`)
  if (label && r.regulationStatus === 'diubah') w.push(`Dasar hukum ${label} sudah diubah${changedByLabel(ctx, r.rChangedBy)}; periksa apakah program masih sesuai.`)
  if (r.realisation > r.budget) w.push(`Realisasi ${formatRupiah(r.realisation)} melebihi anggaran ${formatRupiah(r.budget)}.`)
  return w
}

function toRow(ctx: Ctx, r: Raw): ProgrammeRow {
  const { rKind, rNumber, rYear, rTitle, rChangedBy: _c, ...rest } = r
  const label = rKind && rNumber && rYear && rTitle ? regulationLabel({ kind: rKind, number: rNumber, year: rYear, title: rTitle }) : null
  return {
    ...rest,
    regulationStatus: label ? r.regulationStatus : null,
    targetGroups: JSON.parse(r.targetGroups) as string[],
    regulationLabel: label,
    warnings: warningsOf(ctx, r, label),
  }
}

export function listProgrammes(ctx: Ctx, f: { fiscalYear?: number; skpdId?: string; text?: string }): ProgrammeRow[] {
  const like = `%${(f.text ?? '').replace(/[%_]/g, '')}%`
  const rows = ctx.sqlite
    .prepare(
      `${SELECT} WHERE p.deleted_at IS NULL AND (? IS NULL OR p.fiscal_year = ?) AND (? IS NULL OR p.skpd_id = ?)
        AND (p.name || ' ' || coalesce(s.name, '') || ' ' || coalesce(s.short_name, '')) LIKE ?
       ORDER BY p.fiscal_year DESC, s.sort_order, p.name`,
    )
    .all(f.fiscalYear ?? null, f.fiscalYear ?? null, f.skpdId ?? null, f.skpdId ?? null, like) as Raw[]
  return rows.map((r) => toRow(ctx, r))
}

export function linkedPosyanduIds(ctx: Ctx, programmeId: string): string[] {
  return (
    ctx.sqlite.prepare(`SELECT posyandu_id AS id FROM programme_posyandu WHERE programme_id = ? AND deleted_at IS NULL`).all(programmeId) as { id: string }[]
  ).map((r) => r.id)
}

export function getProgramme(ctx: Ctx, id: string): ProgrammeDetail | null {
  const r = ctx.sqlite.prepare(`${SELECT} WHERE p.id = ? AND p.deleted_at IS NULL`).get(id) as Raw | undefined
  if (!r) return null
  return { ...toRow(ctx, r), posyandu: posyanduByIds(ctx, linkedPosyanduIds(ctx, id)) }
}

export interface ProgrammeFields {
  id?: string
  skpdId: string
  fiscalYear: number
  name: string
  phiPart?: string | null
  spmField?: string | null
  targetGroups: string[]
  fundingSource: string
  budget: number
  realisation: number
  regulationId?: string | null
  notes?: string | null
  posyanduIds: string[]
  acknowledgeRevoked: boolean
}

/** Checks a programme's regulation; a revoked one is refused unless the person acknowledged it. */
function checkRegulation(ctx: Ctx, regulationId: string, acknowledged: boolean): void {
  const reg = ctx.sqlite.prepare(`SELECT kind, number, year, title, status, changed_by_id AS changedBy FROM regulation WHERE id = ? AND deleted_at IS NULL`).get(regulationId) as
    | { kind: string; number: string; year: number; title: string; status: string; changedBy: string | null }
    | undefined
  if (!reg) throw new AppError('REGULATION_UNKNOWN', msg('programme.regulationUnknown'))
  if (reg.status === 'dicabut' && !acknowledged) {
    throw new AppError(
      'REGULATION_REVOKED',
      msg('programme.regulationRevoked', { label: regulationLabel(reg), by: changedByMsg(ctx, reg.changedBy) }),
      { regulationId },
    )
  }
}

/**
 * Creates or updates a programme with the posyandu it reaches, in one transaction. Links
 * removed from the list are tombstoned (they travel), re-added ones are restored.
 */
export function saveProgramme(ctx: Ctx, f: ProgrammeFields): { programme: ProgrammeDetail; warnings: string[] } {
  requireSkpd(ctx, f.skpdId)
  if (!f.phiPart && !f.spmField) throw new AppError('PROGRAMME_CLASS', msg('programme.programmeClass'))
  if (f.phiPart) requireRefCode(ctx, 'phi_part', f.phiPart)
  if (f.spmField) requireRefCode(ctx, 'spm_field', f.spmField)
  const groups = [...new Set(f.targetGroups)]
  for (const g of groups) requireRefCode(ctx, 'target_group', g)
  requireRefCode(ctx, 'funding_source', f.fundingSource)
  if (f.regulationId) checkRegulation(ctx, f.regulationId, f.acknowledgeRevoked)
  const posyanduIds = [...new Set(f.posyanduIds)]
  for (const p of posyanduIds) requirePosyandu(ctx, p)

  const values = {
    skpd_id: f.skpdId,
    fiscal_year: f.fiscalYear,
    name: f.name,
    phi_part: f.phiPart ?? null,
    spm_field: f.spmField ?? null,
    target_groups: JSON.stringify(groups),
    funding_source: f.fundingSource,
    budget: f.budget,
    realisation: f.realisation,
    regulation_id: f.regulationId ?? null,
    notes: f.notes ?? null,
  }
  const id = ctx.sqlite.transaction(() => {
    let pid = f.id
    if (pid) {
      const old = requireRow(ctx.sqlite, 'programme', pid)
      if (old.deleted_at) throw new AppError('NOT_FOUND', msg('programme.programmeDeleted'))
      updateRow(ctx, 'programme', pid, values)
    } else {
      pid = insertRow(ctx, 'programme', values).id
    }
    const scope = requireRow(ctx.sqlite, 'programme', pid).scope
    const links = ctx.sqlite.prepare(`SELECT id, posyandu_id AS posyanduId, deleted_at AS deletedAt FROM programme_posyandu WHERE programme_id = ?`).all(pid) as {
      id: string
      posyanduId: string
      deletedAt: string | null
    }[]
    const wanted = new Set(posyanduIds)
    const now = ctx.clock.now().toISOString()
    for (const l of links) {
      if (!wanted.has(l.posyanduId) && !l.deletedAt) updateRow(ctx, 'programme_posyandu', l.id, { deleted_at: now }, 'delete')
      if (wanted.has(l.posyanduId) && l.deletedAt) updateRow(ctx, 'programme_posyandu', l.id, { deleted_at: null }, 'restore')
    }
    for (const p of posyanduIds) {
      if (!links.some((l) => l.posyanduId === p)) insertRow(ctx, 'programme_posyandu', { programme_id: pid, posyandu_id: p }, { scope })
    }
    return pid
  })()
  const programme = getProgramme(ctx, id)!
  return { programme, warnings: programme.warnings }
}

export function deleteProgramme(ctx: Ctx, id: string): { id: string } {
  const row = requireRow(ctx.sqlite, 'programme', id)
  if (row.deleted_at) return { id }
  // The links stay as they are: restoring the programme brings its reach back with it.
  updateRow(ctx, 'programme', id, { deleted_at: ctx.clock.now().toISOString() }, 'delete')
  return { id }
}

export function programmeYears(ctx: Ctx): number[] {
  return (ctx.sqlite.prepare(`SELECT DISTINCT fiscal_year AS y FROM programme WHERE deleted_at IS NULL ORDER BY y DESC`).all() as { y: number }[]).map((r) => r.y)
}
