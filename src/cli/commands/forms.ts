import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { completeness } from '../../core/forms/completeness'
import { applyFormImport, formMappingFromPairs, previewFormImport } from '../../core/forms/sheet-import'
import { AppError } from '../../shared/result'
import { getForm, listForms } from '../../core/forms/definitions'
import { quality } from '../../core/forms/quality'
import { MARK_LABEL, outlierText, type QualityMark } from '../../shared/contract/forms'
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
            ...f.sections.flatMap((s) => [`\n[${s.label.id}]`, ...f.fields.filter((x) => x.section === s.id).map((x) => `  ${x.key.padEnd(22)} ${x.label.id}${x.required ? ' (wajib)' : ''}${x.max !== undefined ? ` ≤ ${x.max}` : ''}${x.example ? ' [contoh, periksa]' : ''}${x.source ? `\n  ${' '.repeat(22)} ${x.example ? 'belum dikonfirmasi' : 'sumber'}: ${x.source}` : ''}`)]),
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
  {
    name: 'report import',
    summary: 'impor laporan bulanan dari lembar rekap kecamatan (.xlsx): satu baris per posyandu, satu kolom per isian',
    usage: 'report import <berkas.xlsx> --form <kode> --month YYYY-MM | --year YYYY [--map "Kolom=isian"]... [--dry-run] [--valid-only]',
    access: { ops: ['forms.importApply'] },
    options: { form: { type: 'string' }, month: { type: 'string' }, year: { type: 'string' }, map: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, 'valid-only': { type: 'boolean' } },
    run: (r) => {
      const file = r.args[0]
      const code = (r.values.form as string | undefined)?.toUpperCase()
      const period = (r.values.month ?? r.values.year) as string | undefined
      if (!file) throw new UsageError('sebutkan berkas .xlsx')
      if (!code || !period) throw new UsageError('--form dan --month (atau --year untuk formulir tahunan) wajib diisi, contoh: report import rekap.xlsx --form SKDN --month 2026-10')
      return withCtx(r, async (ctx) => {
        if (!existsSync(resolve(file))) throw new AppError('NOT_FOUND', `Berkas ${file} tidak ada.`)
        const data = readFileSync(resolve(file))
        const pairs = (r.values.map as string[] | undefined) ?? []
        const mapping = pairs.length ? formMappingFromPairs(ctx, code, pairs) : undefined
        const dry = Boolean(r.values['dry-run'])
        const res = dry ? { preview: await previewFormImport(ctx, code, period, data, mapping), saved: 0, skipped: 0 } : await applyFormImport(ctx, code, period, data, mapping, Boolean(r.values['valid-only']))
        const p = res.preview
        const used = new Set(Object.values(p.mapping))
        const out = dry ? { ...p, dryRun: true } : { ...p, saved: res.saved, skipped: res.skipped }
        r.print(out, () =>
          [
            `Lembar "${p.sheet}", formulir ${p.form.code} versi ${p.form.version}, periode ${period.length === 7 ? formatMonth(period) : period}.`,
            `Kolom: ${Object.entries(p.mapping).filter(([, h]) => h).map(([k, h]) => `"${h}" → ${k}`).join(', ')}`,
            ...(p.headers.some((h) => h && !used.has(h)) ? [`Tidak dipakai: ${p.headers.filter((h) => h && !used.has(h)).map((h) => `"${h}"`).join(', ')}`] : []),
            ...p.notices,
            ...p.rows.map((x) => `baris ${String(x.row).padStart(4)}  ${(x.errors.length ? 'SALAH' : 'benar').padEnd(6)} ${x.posyandu ?? ''}${x.errors.length ? ` — ${x.errors.join('; ')}` : ''}${x.warnings.length ? ` (peringatan: ${x.warnings.join('; ')})` : ''}`),
            `dapat disimpan ${p.counts.valid}, salah ${p.counts.error}`,
            dry ? 'Uji coba: tidak ada yang ditulis.' : `Disimpan: ${res.saved} laporan posyandu${res.skipped ? `; ${res.skipped} baris salah dilewati` : ''}.`,
          ].join('\n'),
        )
        return dry && p.counts.error > 0 ? EXIT.refused : EXIT.ok
      })
    },
  },
]
