import type { KecamatanCoverage, ProgrammeSummary, SummaryLine } from '../../shared/contract/programme'
import type { Ctx } from '../context'
import { isWithin } from '../wilayah/service'
import { programmeReference } from './reference'

interface P {
  id: string
  skpdId: string
  phiPart: string | null
  spmField: string | null
  targetGroups: string
  fundingSource: string
  budget: number
  realisation: number
  posyandu: string | null
}

/**
 * Sums one fiscal year's programmes along each framework. `keys` may give several keys
 * for one programme (life stages); each posyandu is counted once per line.
 */
function group(programmes: (P & { reach: Set<string> })[], keys: (p: P) => string[], labels: { key: string; label: string }[], none: string): SummaryLine[] {
  const lines = new Map<string, SummaryLine & { reach: Set<string> }>()
  const line = (key: string, label: string) => {
    let l = lines.get(key)
    if (!l) lines.set(key, (l = { key, label, programmes: 0, budget: 0, realisation: 0, posyanduReached: 0, reach: new Set() }))
    return l
  }
  for (const { key, label } of labels) line(key, label)
  for (const p of programmes) {
    const ks = keys(p)
    for (const k of ks.length ? ks : ['']) {
      const l = line(k, lines.get(k)?.label ?? (k ? k : none))
      l.programmes++
      l.budget += p.budget
      l.realisation += p.realisation
      for (const r of p.reach) l.reach.add(r)
    }
  }
  return [...lines.values()].map(({ reach, ...l }) => ({ ...l, posyanduReached: reach.size }))
}

export function programmeSummary(ctx: Ctx, year: number): ProgrammeSummary {
  const ref = programmeReference(ctx, true)
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.skpd_id AS skpdId, p.phi_part AS phiPart, p.spm_field AS spmField, p.target_groups AS targetGroups,
              p.funding_source AS fundingSource, p.budget, p.realisation, y.id AS posyandu
       FROM programme p
       LEFT JOIN programme_posyandu l ON l.programme_id = p.id AND l.deleted_at IS NULL
       LEFT JOIN posyandu y ON y.id = l.posyandu_id AND y.deleted_at IS NULL
       WHERE p.deleted_at IS NULL AND p.fiscal_year = ?`,
    )
    .all(year) as P[]
  const byId = new Map<string, P & { reach: Set<string> }>()
  for (const r of rows) {
    let p = byId.get(r.id)
    if (!p) byId.set(r.id, (p = { ...r, reach: new Set() }))
    if (r.posyandu) p.reach.add(r.posyandu)
  }
  const programmes = [...byId.values()]
  const reached = new Set(programmes.flatMap((p) => [...p.reach]))
  const stageOf = new Map(ref.targetGroups.map((g) => [g.code, g.parentCode ?? '']))

  const area = ctx.officeCode()
  const posyandu = ctx.sqlite.prepare(`SELECT id, desa_code AS desa FROM posyandu WHERE deleted_at IS NULL`).all() as { id: string; desa: string }[]
  const kecamatan = area.split('.').length === 2
    ? (ctx.sqlite.prepare(`SELECT code, name FROM wilayah WHERE parent_code = ? ORDER BY code`).all(area) as { code: string; name: string }[])
    : (ctx.sqlite.prepare(`SELECT code, name FROM wilayah WHERE code = ?`).all(area.split('.').slice(0, 3).join('.')) as { code: string; name: string }[])
  const byKecamatan: KecamatanCoverage[] = kecamatan.map((k) => {
    const mine = posyandu.filter((p) => isWithin(p.desa, k.code))
    const hit = mine.filter((p) => reached.has(p.id)).length
    return { code: k.code, name: k.name, posyandu: mine.length, reached: hit, ratio: mine.length ? hit / mine.length : null }
  })
  const inArea = posyandu.filter((p) => isWithin(p.desa, area))

  return {
    year,
    totals: {
      programmes: programmes.length,
      budget: programmes.reduce((s, p) => s + p.budget, 0),
      realisation: programmes.reduce((s, p) => s + p.realisation, 0),
      posyanduReached: reached.size,
      posyanduTotal: inArea.length,
    },
    bySkpd: group(programmes, (p) => [p.skpdId], [], 'SKPD tidak dikenal')
      .map((l) => ({ ...l, label: ref.skpd.find((s) => s.id === l.key)?.shortName ?? 'SKPD tidak dikenal' }))
      .sort((a, b) => b.budget - a.budget),
    byPhiPart: group(programmes, (p) => (p.phiPart ? [p.phiPart] : []), ref.phiParts.map((x) => ({ key: x.code, label: x.name })), 'Tanpa bagian PHI'),
    bySpmField: group(programmes, (p) => (p.spmField ? [p.spmField] : []), ref.spmFields.map((x) => ({ key: x.code, label: x.name })), 'Tanpa bidang SPM'),
    byLifeStage: group(
      programmes,
      (p) => [...new Set((JSON.parse(p.targetGroups) as string[]).map((g) => stageOf.get(g) ?? '').filter(Boolean))],
      ref.lifeStages.map((x) => ({ key: x.code, label: x.name })),
      'Tanpa kelompok sasaran',
    ),
    byFunding: group(programmes, (p) => [p.fundingSource], ref.fundingSources.map((x) => ({ key: x.code, label: x.name })), 'Lainnya'),
    byKecamatan,
  }
}
