import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { formatRupiah } from '../../shared/format'
import { AppError } from '../../shared/result'
import { terbilang, terbilangRupiah } from '../../shared/terbilang'
import { isoDate } from '../../core/clock'
import { listLists } from '../../core/honor/lists'
import { computePph21, GOLONGAN, type Golongan, type TaxRuleCode } from '../../core/honor/tax'
import { honorListWorkbook } from '../../core/honor/xlsx'
import { EXIT, readAmount, UsageError, type Command } from '../command'

export const honorCommands: Command[] = [
  {
    name: 'tax pph21',
    summary: 'PPh 21 atas satu pembayaran honor (aturan dari data, berlaku per tanggal)',
    usage: 'tax pph21 --gross N [--no-npwp] [--golongan I|II|III|IV] [--exempt <alasan>] [--date YYYY-MM-DD]',
    options: { gross: { type: 'string' }, 'no-npwp': { type: 'boolean' }, golongan: { type: 'string' }, exempt: { type: 'string' }, date: { type: 'string' } },
    run(r) {
      const gross = readAmount(r.values.gross as string | undefined, '--gross')
      const gol = r.values.golongan as string | undefined
      if (gol && !GOLONGAN.includes(gol as Golongan)) throw new UsageError('--golongan harus I, II, III atau IV')
      const exempt = r.values.exempt as string | undefined
      const rule: TaxRuleCode = exempt !== undefined ? 'tanpa_potongan' : gol ? 'pns_final' : 'bukan_pegawai'
      const date = (r.values.date as string | undefined) ?? isoDate(new Date())
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('--date berbentuk YYYY-MM-DD')
      const res = computePph21({ gross, rule, hasNpwp: !r.values['no-npwp'], golongan: (gol as Golongan) ?? null, reason: exempt, date })
      r.print(res, () =>
        [`Bruto   ${formatRupiah(res.gross)}`, `PPh 21  ${formatRupiah(res.tax)}   (${res.basis})`, `Netto   ${formatRupiah(res.net)}`, `Aturan  ${res.rule.label}, berlaku sejak ${res.rule.validFrom}`].join('\n'),
      )
      return EXIT.ok
    },
  },
  {
    name: 'terbilang',
    summary: 'jumlah uang dalam kata-kata bahasa Indonesia',
    usage: 'terbilang <N>',
    run(r) {
      const n = readAmount(r.args[0], 'Jumlah')
      if (n > 999_999_999_999_999) throw new AppError('INVALID_AMOUNT', 'Jumlah paling besar 999 triliun rupiah.')
      r.print({ number: n, words: terbilang(n), rupiah: terbilangRupiah(n) }, terbilangRupiah(n))
      return EXIT.ok
    },
  },
  {
    name: 'honor lists',
    summary: 'daftar honor (nomor, periode, status, jumlah)',
    usage: 'honor lists [--year Y]',
    options: { year: { type: 'string' } },
    run(r) {
      const ctx = r.ctx()
      try {
        const lists = listLists(ctx, r.values.year ? Number(r.values.year) : undefined)
        r.print(lists, () =>
          lists.length
            ? lists.map((l) => `${l.id}  ${(l.number ?? 'draf').padEnd(18)} ${l.periodLabel.padEnd(20)} ${l.status.padEnd(6)} ${formatRupiah(l.totalNet)}`).join('\n')
            : 'Belum ada daftar honor.',
        )
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
  {
    name: 'honor xlsx',
    summary: 'ekspor daftar honor ke .xlsx untuk bendahara',
    usage: 'honor xlsx <id daftar> --out <berkas.xlsx>',
    options: { out: { type: 'string' } },
    async run(r) {
      const id = r.args[0]
      const out = r.values.out as string | undefined
      if (!id || !out) throw new UsageError('sebutkan id daftar dan --out')
      const ctx = r.ctx()
      try {
        const { buffer, detail } = await honorListWorkbook(ctx, id)
        writeFileSync(resolve(out), buffer)
        r.print({ file: resolve(out), totalNet: detail.list.totalNet }, `Tersimpan: ${resolve(out)}`)
        return EXIT.ok
      } finally {
        ctx.close()
      }
    },
  },
]
