import { formatPercent } from '../../shared/format'
import { computeStrata } from '../../core/evaluation/strata'
import { resolveArea } from '../../core/evaluation/posyandu'
import { indicatorSet } from '../../core/evaluation/sets'
import { EXIT, UsageError, type Command } from '../command'

export const evaluationCommands: Command[] = [
  {
    name: 'strata',
    summary: 'strata posyandu yang dihitung, dengan alasannya',
    usage: 'strata --year Y [--rules <kode set>] [--area <kode wilayah>]',
    options: { year: { type: 'string' }, rules: { type: 'string' }, area: { type: 'string' } },
    run(r) {
      const year = Number(r.values.year)
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year wajib diisi dengan tahun (contoh --year 2025)')
      const ctx = r.ctx()
      try {
        const office = ctx.requireOffice()
        const set = indicatorSet(ctx.sqlite, office.wilayahCode, r.values.rules as string | undefined)
        const out = computeStrata(ctx.sqlite, resolveArea(ctx, r.values.area as string | undefined), year, set, { previousYear: false })
        r.print(
          {
            year,
            rules: set.code,
            area: out.area,
            total: out.total,
            kecamatan: out.kecamatan,
            posyandu: out.rows.map((p) => ({ id: p.id, name: p.name, desa: p.desaName, kecamatan: p.kecamatanName, stratum: p.result.stratum, aktif: p.result.aktif, incomplete: p.result.stratum === null, missing: p.result.missing, atLeast: p.result.atLeast, reason: p.result.reason, score: p.totalScore })),
          },
          () =>
            [
              `Strata posyandu ${out.area.name} tahun ${year} — ${set.name}`,
              ...out.rows.map((p) => `${p.name.padEnd(28)} ${p.desaName.padEnd(20)} ${p.result.reason}`),
              '',
              `Aktif: ${out.total.aktif} dari ${out.total.posyandu} posyandu (${formatPercent(out.total.aktifPct)}); ${set.levels.map((l) => `${l.label} ${out.total.byStratum[l.id]}`).join(', ')}; data tidak lengkap ${out.total.incomplete}; tanpa data ${out.total.noData}`,
            ].join('\n'),
        )
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
]
