import { Alert, Loader } from '@mantine/core'
import { useMemo, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Line, LineChart, XAxis, YAxis } from 'recharts'
import type { AreaSummary, PrintedReport as Report } from '../../../shared/contract/evaluation'
import { BULAN, formatDateLong, formatNumber, formatPercent } from '../../../shared/format'
import { downloadBase64 } from '../../components/files'
import { Letterhead, PrintBack, PrintExport, PrintSheet, PrintToolbar, SignatureBlock } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { callWithNotice, useOp } from '../../hooks'
import { annexHtml } from './annex'
import css from './report.module.css'

const BAR_COLORS = ['#e03131', '#f59f00', '#0ca678', '#1c7ed6', '#ae3ec9']
const pctPoints = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1).replace('.', ',')}`)

function SummaryTable({ r }: { r: Report }) {
  const row = (k: AreaSummary, i: number | null) => (
    <tr key={k.code} className={i === null ? css.total : undefined}>
      <td className={css.num}>{i === null ? '' : i + 1}</td>
      <td>{i === null ? 'JUMLAH' : k.name}</td>
      <td className={css.num}>{formatNumber(k.posyandu)}</td>
      <td className={css.num}>{formatNumber(k.kader)}</td>
      {r.set.levels.map((l) => <td key={l.id} className={css.num}>{k.byStratum[l.id]}</td>)}
      <td className={css.num}>{k.incomplete}</td>
      <td className={css.num}>{k.noData}</td>
      <td className={css.num}>{k.aktif}/{k.posyandu}</td>
      <td className={css.num}>{formatPercent(k.aktifPct)}</td>
      <td className={css.num}>{pctPoints(k.improvement)}</td>
      <td className={css.num}>{k.avgScore ?? '—'}</td>
    </tr>
  )
  return (
    <table className={css.tbl} data-testid="summary-table">
      <thead>
        <tr>
          <th>No</th><th>Kecamatan</th><th>Posyandu</th><th>Kader</th>
          {r.set.levels.map((l) => <th key={l.id}>{l.label}</th>)}
          <th>Data tidak lengkap</th><th>Tanpa data</th><th>Aktif / jumlah</th><th>% aktif</th><th>Perubahan (poin %)</th><th>Skor rata-rata</th>
        </tr>
      </thead>
      <tbody>
        {r.kecamatan.map((k, i) => row(k, i))}
        {row(r.total, null)}
      </tbody>
    </table>
  )
}

/** Charts at a fixed size (no responsive container), so the printed PDF has them at once. */
function Charts({ r }: { r: Report }) {
  const dist = [...r.set.levels.map((l, i) => ({ name: l.label, n: r.total.byStratum[l.id], fill: BAR_COLORS[i] })), { name: 'Tidak lengkap', n: r.total.incomplete, fill: '#ced4da' }, { name: 'Tanpa data', n: r.total.noData, fill: '#adb5bd' }]
  const trend = r.trend.map((p) => ({ bulan: BULAN[Number(p.month.slice(5, 7)) - 1].slice(0, 3), ds: p.ds === null ? null : Math.round(p.ds * 1000) / 10 }))
  return (
    <div className={css.charts} data-testid="report-charts">
      <div className={css.chart}>
        <div className={css.chartTitle}>Sebaran strata posyandu ({formatNumber(r.total.posyandu)} posyandu)</div>
        <BarChart width={330} height={190} data={dist} margin={{ top: 16, right: 8, left: -12, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 9 }} interval={0} />
          <YAxis tick={{ fontSize: 9 }} allowDecimals={false} />
          <Bar dataKey="n" isAnimationActive={false}>
            {dist.map((d) => <Cell key={d.name} fill={d.fill} />)}
            <LabelList dataKey="n" position="top" fontSize={9} />
          </Bar>
        </BarChart>
      </div>
      <div className={css.chart}>
        <div className={css.chartTitle}>Rata-rata D/S per bulan, {r.year} (%)</div>
        <LineChart width={330} height={190} data={trend} margin={{ top: 16, right: 12, left: -12, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="bulan" tick={{ fontSize: 9 }} interval={0} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 9 }} />
          <Line dataKey="ds" stroke="#0ca678" strokeWidth={2} isAnimationActive={false} dot={{ r: 2 }} connectNulls={false}>
            <LabelList dataKey="ds" position="top" fontSize={7} />
          </Line>
        </LineChart>
      </div>
    </div>
  )
}

function Rankings({ r }: { r: Report }) {
  const improved = [...r.kecamatan].filter((k) => k.improvement !== null).sort((a, b) => (b.improvement ?? 0) - (a.improvement ?? 0)).slice(0, 5)
  return (
    <>
      <div className={css.h}>C. Peringkat</div>
      <div className={css.small}>Kecamatan diurutkan menurut % posyandu aktif pada tabel A. Sepuluh posyandu dengan skor tertinggi (★ = posyandu percontohan PHI/ILP/SPM):</div>
      <table className={css.tbl}>
        <thead><tr><th>No</th><th>Posyandu</th><th>Desa</th><th>Kecamatan</th><th>Strata</th><th>Skor</th></tr></thead>
        <tbody>
          {r.top.map((p, i) => (
            <tr key={i}><td className={css.num}>{p.rank}{p.tied ? '=' : ''}</td><td>{p.pilot ? '★ ' : ''}{p.name}</td><td>{p.desaName}</td><td>{p.kecamatanName}</td><td>{p.label}</td><td className={css.num}>{p.totalScore}</td></tr>
          ))}
          {r.topTiedMore && (
            <tr data-testid="top-tied-more"><td className={css.num}>{r.topTiedMore.rank}=</td><td colSpan={5}>… dan {formatNumber(r.topTiedMore.count)} posyandu lain dengan skor sama ({r.topTiedMore.totalScore ?? '—'}), peringkat {r.topTiedMore.rank}= (daftar lengkap di lampiran dan ekspor .xlsx)</td></tr>
          )}
        </tbody>
      </table>
      <div className={css.small} data-testid="tie-break">{r.tieBreak}</div>
      {improved.length > 0 && (
        <div className={css.small} style={{ marginTop: 4 }}>
          Kenaikan % aktif terbesar dibanding {r.year - 1}: {improved.map((k) => `${k.name} (${pctPoints(k.improvement)} poin)`).join('; ')}.
        </div>
      )}
    </>
  )
}

/**
 * Per-posyandu annex, grouped by kecamatan; dense so 1,236 posyandu fit in few pages. The
 * table is one escaped HTML string (annex.ts): as React elements they cost more than printing.
 */
const annexRows = (r: Report) => r.annex.groups.reduce((n, k) => n + k.rows.length, 0)

function Annex({ r }: { r: Report }) {
  const html = useMemo(() => annexHtml(r, { num: css.num, group: css.group }), [r])
  return (
    <div className={css.annex} style={{ containIntrinsicSize: `auto ${Math.round(annexRows(r) * 12.5 + r.annex.groups.length * 14 + 60)}px` }}>
      <div className={css.h}>LAMPIRAN: Strata per posyandu, {r.area.name} tahun {r.year}</div>
      {/* The legend above the table: below it, it could be left alone on a last page. */}
      <div className={css.small}>tl = data tidak lengkap (tidak dihitung sebagai 0). Nilai lengkap tiap kriteria dan alasannya ada di ekspor .xlsx.</div>
      <table className={`${css.tbl} ${css.dense}`} data-testid="annex-table" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  )
}

/** The printed evaluation report: letterhead, method, summary, charts, ranking, signatures, annex. */
export function EvaluationReport({ source }: { source: { periodId?: string; year?: number; rules?: string } }) {
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(false)
  const rep = useOp('evaluation.reportPrint', source)
  // Loaded beside the report, so the long sheet is laid out once (not again when the kop arrives).
  const settings = useOp('settings.get', {})
  const r = rep.data
  if (rep.error) return <Alert color="red">{rep.error.message}</Alert>
  if (!r || settings.loading) return <Loader />
  const s = settings.data ?? {}
  const today = r.generatedAt.slice(0, 10)
  const exportXlsx = async () => {
    const out = await callWithNotice('evaluation.exportXlsx', { kind: 'report', ...source })
    if (out) downloadBase64(out.base64, out.fileName)
  }
  const footer = `Simpul · versi data ${r.dataHash} · ${r.period ? r.period.name : 'draf'} · dibuat ${formatDateLong(today)}`
  return (
    <>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`evaluasi-posyandu-${r.area.code}-${r.year}.pdf`}>
        <PrintExport onClick={() => void exportXlsx()} />
        <PrintBack to="evaluasi" />
      </PrintToolbar>
      <PrintSheet paper={paper} landscape={landscape} footer={footer}>
        <Letterhead settings={s} />
        <span className={css.stamp} data-testid="report-status">{r.period?.status === 'locked' ? 'DISAHKAN' : 'DRAF'}</span>
        <div className={css.title}>Laporan Evaluasi Strata Posyandu</div>
        <div className={css.subtitle}>
          {r.area.name} — Tahun {r.year}
          {r.period ? <><br />Periode: {r.period.name}{r.period.evaluators ? ` · Tim penilai: ${r.period.evaluators}` : ''}</> : null}
          <br /><span className={css.small}>Versi data: <b data-testid="data-hash">{r.dataHash}</b></span>
        </div>
        <div className={css.h}>Metode</div>
        <div className={css.small}>Set indikator: <b>{r.set.name}</b>{r.set.source ? ` (${r.set.source})` : ''}. Strata dihitung dari laporan bulanan, tidak diisi tangan. Ambang:</div>
        <ol className={css.method}>{r.method.map((m) => <li key={m}>{m}</li>)}</ol>
        <div className={css.h}>A. Ringkasan per kecamatan</div>
        <SummaryTable r={r} />
        <div className={css.h}>B. Grafik</div>
        <Charts r={r} />
        <Rankings r={r} />
        <SignatureBlock signers={[{ caption: 'Ketua Tim Pembina Posyandu', role: 'ketua_tim' }]} date={today} settings={s} />
        <Annex r={r} />
      </PrintSheet>
    </>
  )
}
