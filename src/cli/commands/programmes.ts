import { ensureProgrammeDefaults } from '../../core/programme/defaults'
import { programmeSummary } from '../../core/programme/summary'
import { formatPercent, formatRupiah } from '../../shared/format'
import { EXIT, UsageError, type Command } from '../command'

export const programmeCommands: Command[] = [
  {
    name: 'programme summary',
    summary: 'ringkasan program SKPD satu tahun anggaran: per SKPD, bagian PHI, bidang SPM, cakupan kecamatan',
    usage: 'programme summary --year Y',
    access: { ops: ['programme.summary'] },
    options: { year: { type: 'string' } },
    run(r) {
      const year = Number(r.values.year)
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year wajib berupa tahun, mis. --year 2026')
      const ctx = r.ctx()
      try {
        ctx.requireOffice()
        ensureProgrammeDefaults(ctx)
        const s = programmeSummary(ctx, year)
        r.print(s, () => {
          const line = (l: { label: string; programmes: number; budget: number; realisation: number; posyanduReached: number }) =>
            `  ${l.label.padEnd(34).slice(0, 34)} ${String(l.programmes).padStart(4)} ${formatRupiah(l.budget).padStart(20)} ${formatRupiah(l.realisation).padStart(20)} ${String(l.posyanduReached).padStart(6)}`
          return [
            `Program tahun anggaran ${year}: ${s.totals.programmes} program, anggaran ${formatRupiah(s.totals.budget)}, realisasi ${formatRupiah(s.totals.realisation)}`,
            `Posyandu dijangkau: ${s.totals.posyanduReached} dari ${s.totals.posyanduTotal} (${formatPercent(s.totals.posyanduTotal ? s.totals.posyanduReached / s.totals.posyanduTotal : null)})`,
            '', 'Per SKPD:', ...s.bySkpd.map(line), '', 'Per bagian PHI:', ...s.byPhiPart.map(line), '', 'Per bidang SPM:', ...s.bySpmField.map(line),
          ].join('\n')
        })
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
]
