import { excel } from '../excel'
import type { HonorListDetail } from '../../shared/contract/honor'
import { formatDateLong } from '../../shared/format'
import { terbilangKalimat } from '../../shared/terbilang'
import { formatMonths, monthRange } from '../../shared/honorFormat'
import { isoDate } from '../clock'
import type { Ctx } from '../context'
import { publicSettings } from '../settings'
import { getList } from './lists'

export const RUPIAH_FORMAT = '"Rp"#,##0'

/** Columns of the honor list, shared by the sheet and the printed page. */
export const HONOR_COLUMNS = [
  { header: 'No', width: 5 },
  { header: 'Nama', width: 26 },
  { header: 'NIK / NPWP', width: 21 },
  { header: 'Posyandu / Desa / Kecamatan', width: 32 },
  { header: 'Bulan', width: 16 },
  { header: 'Honor/bulan', width: 14, money: true },
  { header: 'Bruto', width: 15, money: true },
  { header: 'PPh 21', width: 13, money: true },
  { header: 'Netto', width: 15, money: true },
  { header: 'Bank', width: 14 },
  { header: 'No. Rekening', width: 18 },
  { header: 'Atas nama', width: 24 },
] as const

/**
 * The honor list as a workbook for the treasurer: sheet "Daftar Honor" (title, frozen
 * header, rupiah formats, SUM totals, total in words, signatories) and "Transfer Bank"
 * (account, holder, amount). Formulas carry their computed result for readers that do
 * not recalculate.
 */
export async function honorListWorkbook(ctx: Ctx, listId: string): Promise<{ fileName: string; buffer: Buffer; detail: HonorListDetail }> {
  const detail = getList(ctx, listId)
  const { list, lines } = detail
  const s = publicSettings(ctx.sqlite)
  const wb = new (await excel()).Workbook()
  wb.creator = 'Simpul'
  wb.created = ctx.clock.now()

  const ws = wb.addWorksheet('Daftar Honor', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  ws.columns = HONOR_COLUMNS.map((c) => ({ width: c.width }))
  const lastCol = HONOR_COLUMNS.length
  const titleRow = (text: string, bold = false, size = 11) => {
    const r = ws.addRow([text])
    ws.mergeCells(r.number, 1, r.number, lastCol)
    r.getCell(1).font = { bold, size }
    r.getCell(1).alignment = { horizontal: 'center' }
  }
  titleRow(s['letterhead.government'] ?? '', true, 12)
  titleRow(s['letterhead.office'] ?? '', true, 13)
  titleRow(list.title.toUpperCase(), true, 12)
  titleRow(`Periode ${list.periodLabel} — Tahun Anggaran ${list.fiscalYear}`)
  titleRow(`Sub Kegiatan ${list.subKegiatanCode} ${list.subKegiatanName}`)
  titleRow(`Nomor: ${list.number ?? 'DRAF (belum final)'}${list.revisionNo ? ` — Revisi ${list.revisionNo}` : ''}`)
  ws.addRow([])

  const header = ws.addRow(HONOR_COLUMNS.map((c) => c.header))
  header.font = { bold: true }
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6E6E6' } }
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }
  })
  ws.views = [{ state: 'frozen', ySplit: header.number }]

  const first = header.number + 1
  lines.forEach((l, i) => {
    ws.addRow([
      i + 1,
      l.personName,
      l.npwp && l.npwp !== l.nik ? `${l.nik}\n${l.npwp}` : l.nik,
      `${l.posyanduName}, ${l.desaName}, ${l.kecamatanName}`,
      `${formatMonths(l.months)} (${monthRange(l.monthFrom, l.monthTo)})`,
      l.rate,
      l.gross,
      l.tax,
      l.net,
      l.bankName ?? '',
      l.accountNumber ?? '',
      l.accountHolder ?? l.personName,
    ])
  })
  const last = first + lines.length - 1
  const total = ws.addRow(['', 'JUMLAH'])
  total.font = { bold: true }
  const sumCol = (col: number, result: number) => {
    const letter = ws.getColumn(col).letter
    total.getCell(col).value = { formula: `SUM(${letter}${first}:${letter}${last})`, result }
  }
  sumCol(7, list.totalGross)
  sumCol(8, list.totalTax)
  sumCol(9, list.totalNet)
  HONOR_COLUMNS.forEach((c, i) => {
    if ('money' in c) ws.getColumn(i + 1).numFmt = RUPIAH_FORMAT
  })
  for (let r = first; r <= total.number; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }
      c.alignment = { vertical: 'top', wrapText: true }
    })
  }
  const words = ws.addRow([`Terbilang (netto): ${terbilangKalimat(list.totalNet)}`])
  ws.mergeCells(words.number, 1, words.number, lastCol)
  words.getCell(1).font = { italic: true }
  ws.addRow([])
  const place = s['letterhead.place'] ?? ''
  const signers = [
    ['Mengetahui,', 'Pengguna Anggaran', 'pa'],
    ['', 'PPTK', 'pptk'],
    [`${place}, ${formatDateLong(isoDate(ctx.clock.now()))}`, 'Bendahara Pengeluaran', 'bendahara'],
  ] as const
  const signCols = [2, 5, 10]
  const rows = [0, 1, 2, 3, 4, 5].map(() => ws.addRow([]))
  signers.forEach(([caption, role, key], i) => {
    const c = signCols[i]
    rows[0].getCell(c).value = caption
    rows[1].getCell(c).value = role
    rows[4].getCell(c).value = s[`sign.${key}_name`] ?? ''
    rows[4].getCell(c).font = { bold: true, underline: true }
    rows[5].getCell(c).value = `NIP. ${s[`sign.${key}_nip`] ?? ''}`
  })

  // Bank transfer sheet: what the bank needs to pay each line.
  const bank = wb.addWorksheet('Transfer Bank')
  bank.columns = [
    { header: 'No', width: 5 },
    { header: 'Bank', width: 16 },
    { header: 'No. Rekening', width: 20 },
    { header: 'Atas nama', width: 28 },
    { header: 'Jumlah', width: 16 },
    { header: 'Keterangan', width: 40 },
  ]
  bank.getRow(1).font = { bold: true }
  bank.views = [{ state: 'frozen', ySplit: 1 }]
  lines.forEach((l, i) =>
    bank.addRow([i + 1, l.bankName ?? '', l.accountNumber ?? '', l.accountHolder ?? l.personName, l.net, `Honor ${list.periodLabel} ${l.posyanduName}`]),
  )
  const bt = bank.addRow(['', '', '', 'JUMLAH', { formula: `SUM(E2:E${lines.length + 1})`, result: list.totalNet }])
  bt.font = { bold: true }
  bank.getColumn(5).numFmt = RUPIAH_FORMAT
  bank.getColumn(3).numFmt = '@'

  const buffer = Buffer.from(await wb.xlsx.writeBuffer())
  const fileName = `honor-${(list.number ?? `draf-${list.monthFrom}`).replace(/[^A-Za-z0-9-]+/g, '-')}.xlsx`
  return { fileName, buffer, detail }
}
