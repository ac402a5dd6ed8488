import { completeness } from '../../core/forms/completeness'
import { getForm, listForms } from '../../core/forms/definitions'
import { outlierText, quality } from '../../core/forms/quality'
import { MARK_LABEL, type QualityMark } from '../../shared/contract/forms'
import { formatMonth, formatPercent } from '../../shared/format'
import { EXIT, UsageError, withCtx, type Command } from '../command'

/** " — [diperbaiki] catatan (Ani, 2026-11-24)": a finding's follow-up mark in the text output. */
const markText = (m: QualityMark | null) => (m ? ` — [${MARK_LABEL[m.status].id}]${m.note ? ` ${m.note}` : ''} (${m.markedByName}, ${m.markedAt.slice(0, 10)})` : '')

const STATUS = { reported: 'tepat waktu', late: 'terlambat', missing: 'BELUM MELAPOR' } as const

export const formsCommands: Command[] = [
  {
    name: 'form list',
    summary: 'formulir laporan yang berlaku: kode, versi, periode, pemilik',
    usage: 'form list',
    access: { ops: ['forms.list'] },
    run: (r) =>
      withCtx(r, (ctx) => {
        const list = listForms(ctx.sqlite, ctx.office()?.wilayahCode ?? null).map((f) => ({
          code: f.form.code,
          version: f.form.version,
          periodType: f.form.periodType,
          owner: f.owner,
          name: f.form.name.id,
          fields: f.form.fields.length,
          rules: f.form.rules.length,
          versions: f.versions,
        }))
        r.print(list, () => list.map((f) => `${f.code.padEnd(10)} v${String(f.version).padEnd(3)} ${(f.periodType === 'monthly' ? 'bulanan' : 'tahunan').padEnd(8)} ${(f.owner === 'bawaan' ? 'bawaan' : `kabupaten ${f.owner}`).padEnd(16)} ${f.name} (${f.fields} isian, ${f.rules} aturan)`).join('\n'))
        return EXIT.ok
      }),
  },
  {
    name: 'form show',
    summary: 'isi satu formulir: bagian, isian, aturan, indikator',
    usage: 'form show <kode> [--version N]',
    access: { ops: ['forms.get'] },
    options: { version: { type: 'string' } },
    run: (r) => {
      const code = r.args[0]
      if (!code) throw new UsageError('sebutkan kode formulir (lihat: form list)')
      const version = r.values.version === undefined ? undefined : Number(r.values.version)
      return withCtx(r, (ctx) => {
        const f = getForm(ctx.sqlite, ctx.office()?.wilayahCode ?? null, code.toUpperCase(), version)
        r.print(f, () =>
          [
            `${f.code} versi ${f.version} — ${f.name.id} (${f.periodType === 'monthly' ? 'bulanan' : 'tahunan'})`,
            `Sumber: ${f.source}`,
            ...f.sections.flatMap((s) => [`\n[${s.label.id}]`, ...f.fields.filter((x) => x.section === s.id).map((x) => `  ${x.key.padEnd(22)} ${x.label.id}${x.required ? ' (wajib)' : ''}${x.max !== undefined ? ` ≤ ${x.max}` : ''}${x.example ? ' [contoh, periksa]' : ''}`)]),
            '\nAturan:',
            ...f.rules.map((x) => `  ${x.importance === 'error' ? 'error     ' : 'peringatan'} ${x.expr}`),
            '\nIndikator:',
            ...f.indicators.map((x) => `  ${x.label.id} = ${x.numerator}${x.denominator ? ` / (${x.denominator})` : ''}`),
          ].join('\n'),
        )
        return EXIT.ok
      })
    },
  },
  {
    name: 'completeness',
    summary: 'per posyandu: sudah melapor, terlambat, belum melapor',
    usage: 'completeness --form <kode> --month YYYY-MM | --year YYYY [--area <kode wilayah>]',
    access: { ops: ['forms.completeness'] },
    options: { form: { type: 'string' }, month: { type: 'string' }, year: { type: 'string' }, area: { type: 'string' } },
    run: (r) => {
      const code = r.values.form as string | undefined
      const period = (r.values.month ?? r.values.year) as string | undefined
      if (!code || !period) throw new UsageError('--form dan --month (atau --year untuk formulir tahunan) wajib diisi')
      return withCtx(r, (ctx) => {
        const c = completeness(ctx, code.toUpperCase(), period, r.values.area as string | undefined)
        r.print(c, () =>
          [
            `Kelengkapan ${c.form.code} ${period.length === 7 ? formatMonth(period) : period} — ${c.area.name} (batas lapor ${c.deadline})`,
            ...c.rows.map((x) => `${x.name.padEnd(28)} ${x.desaName.padEnd(20)} ${STATUS[x.status]}${x.reportedOn ? ` (${x.reportedOn})` : ''}`),
            '',
            `${c.total.posyandu} posyandu: tepat waktu ${c.total.reported}, terlambat ${c.total.late}, belum melapor ${c.total.missing}; kelengkapan ${formatPercent(c.total.completeness)}`,
          ].join('\n'),
        )
        return EXIT.ok
      })
    },
  },
  {
    name: 'quality',
    summary: 'mutu data satu formulir setahun: pelanggaran aturan dan pencilan',
    usage: 'quality --form <kode> --year Y [--area <kode wilayah>]',
    access: { ops: ['forms.quality'] },
    options: { form: { type: 'string' }, year: { type: 'string' }, area: { type: 'string' } },
    run: (r) => {
      const code = r.values.form as string | undefined
      const year = Number(r.values.year)
      if (!code || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--form dan --year wajib diisi (contoh --form SKDN --year 2025)')
      return withCtx(r, (ctx) => {
        const q = quality(ctx, code.toUpperCase(), year, r.values.area as string | undefined)
        r.print(q, () =>
          [
            `Mutu data ${q.form.code} ${year} — ${q.area.name}: ${q.reports} laporan, ${q.violations.length} pelanggaran aturan, ${q.outliers.length} pencilan`,
            ...q.violations.map((v) => `${v.importance === 'error' ? 'ERROR ' : 'peringatan'} ${v.posyandu} ${v.period}: ${v.message.id}${markText(v.mark)}`),
            ...q.outliers.map((o) => `pencilan ${o.posyandu} ${o.period} ${outlierText(o)}${markText(o.mark)}`),
            ...(q.history.length ? ['', 'Riwayat tanda (temuan sudah tidak ada):', ...q.history.map((m) => `  ${m.posyandu} ${m.period}: ${m.finding}${markText(m)}`)] : []),
          ].join('\n'),
        )
        return EXIT.ok
      })
    },
  },
]
