import type ExcelJS from 'exceljs'
import { excel } from '../excel'
import type { EvaluationReport, Recap } from '../../shared/contract/evaluation'
import { fieldDef } from '../../shared/evaluation/fields'

type Cell = string | number | null

/** A sheet with a bold title block, a header row and data rows; percentages as Excel percent cells. */
function addTable(wb: ExcelJS.Workbook, name: string, title: string[], header: string[], rows: Cell[][], percentCols: number[] = []): void {
  const ws = wb.addWorksheet(name)
  for (const t of title) ws.addRow([t]).font = { bold: true }
  ws.addRow([])
  const h = ws.addRow(header)
  h.font = { bold: true }
  h.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F2EF' } }
    c.border = { bottom: { style: 'thin' } }
  })
  for (const r of rows) ws.addRow(r)
  for (const col of percentCols) ws.getColumn(col + 1).numFmt = '0.0%'
  header.forEach((text, i) => (ws.getColumn(i + 1).width = Math.min(40, Math.max(8, text.length + 2, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 1)))))
  ws.views = [{ state: 'frozen', ySplit: title.length + 2 }]
}

export async function reportWorkbook(r: EvaluationReport): Promise<Buffer> {
  const wb = new (await excel()).Workbook()
  wb.creator = 'Simpul'
  const head = [`Laporan Evaluasi Posyandu ${r.area.name} Tahun ${r.year}`, `${r.period ? `Periode: ${r.period.name} (${r.period.status === 'locked' ? 'dikunci' : 'terbuka'})` : 'Tanpa periode (draf)'} — set indikator: ${r.set.name}`, `Versi data: ${r.dataHash}`]
  const levels = r.set.levels
  const summaryRow = (s: EvaluationReport['total']): Cell[] => [s.name, s.posyandu, s.kader, ...levels.map((l) => s.byStratum[l.id] ?? 0), s.incomplete, s.noData, s.aktif, s.aktifPct, s.previousAktifPct, s.improvement, s.avgScore]
  addTable(
    wb,
    'Ringkasan',
    head,
    ['Kecamatan', 'Posyandu', 'Kader', ...levels.map((l) => l.label), 'Data tidak lengkap', 'Tanpa data', 'Aktif', '% aktif', '% aktif tahun lalu', 'Perubahan', 'Skor rata-rata'],
    [...r.kecamatan.map(summaryRow), summaryRow({ ...r.total, name: 'JUMLAH' })],
    [4 + levels.length + 2, 4 + levels.length + 3, 4 + levels.length + 4].map((x) => x - 1),
  )
  addTable(
    wb,
    'Posyandu',
    head,
    ['No', 'Posyandu', 'Desa', 'Kecamatan', 'Percontohan', 'Strata', 'Alasan', 'Bulan dilaporkan', ...r.set.criteria.map((c) => (c.unit === '%' ? c.label : `${c.label} (${c.unit})`)), 'Skor', 'Strata tahun lalu'],
    r.rows.map((p, i) => [
      i + 1,
      p.name,
      p.desaName,
      p.kecamatanName,
      p.pilot ? 'ya' : '',
      p.result.label,
      p.result.reason,
      p.result.monthsReported,
      // Numbers as numbers (percent by the cell format); a missing value is an empty cell, its reason beside it.
      ...p.result.criteria.map((c) => c.value),
      p.totalScore,
      p.previous ? (levels.find((l) => l.id === p.previous)?.label ?? p.previous) : '',
    ]),
    r.set.criteria.map((c, i) => (c.unit === '%' ? 8 + i : -1)).filter((i) => i >= 0),
  )
  addTable(wb, 'Metode', head, ['Metode dan ambang'], r.method.map((m) => [m]))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export async function recapWorkbook(r: Recap): Promise<Buffer> {
  const wb = new (await excel()).Workbook()
  wb.creator = 'Simpul'
  const fields = Object.keys(r.total.totals)
  const ratios = Object.keys(r.total.ratios)
  const row = (x: Recap['total']): Cell[] => [x.name, x.posyandu, x.reported, x.held, ...fields.map((f) => x.totals[f]), ...ratios.map((k) => x.ratios[k])]
  addTable(
    wb,
    'Rekap SKDN',
    [`Rekapitulasi Bulanan Posyandu (SKDN) ${r.area.level === 'kecamatan' ? 'Kecamatan' : 'Desa'} ${r.area.name}`, `Bulan ${r.month}`, `Versi data: ${r.dataHash}`],
    [r.area.level === 'kecamatan' ? 'Desa' : 'Posyandu', 'Posyandu', 'Melapor', 'Buka', ...fields.map((f) => fieldDef(f)?.short ?? f), 'K/S', 'D/S', 'N/D', 'D/K', 'BGM/D'],
    [...r.rows.map(row), row(r.total)],
    ratios.map((_, i) => 4 + fields.length + i),
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
