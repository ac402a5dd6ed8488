import { useState } from 'react'
import { formatDateLong, formatMonth } from '../../../shared/format'
import { LoadState } from '../../components/LoadState'
import { Letterhead, PrintBack, PrintSheet, PrintToolbar, SignatureBlock } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { useOp } from '../../hooks'
import rep from '../evaluasi/report.module.css'
import { CompletenessChart, FiguresTable, StrataChart, TrendChart, TrendTable } from './Figures'
import { StaleList } from './Dashboard'

/**
 * The printed report for the province coordination meeting (Rapat Koordinasi Tim Pembina /
 * Pokjanal Posyandu provinsi): kop surat, how the figures are made, the table per
 * kabupaten/kota, charts, the trend, the kabupaten/kota whose data is stale, and the
 * signature of the Ketua Tim Pembina Posyandu provinsi. Landscape A4 by default (wide table).
 */
export function ProvinceReport({ year, province }: { year: number; province?: string }) {
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(true)
  const sum = useOp('province.summary', { year, province })
  const s = sum.data
  // At a national office over all provinces: the rows are provinces and the signer is the national team's.
  const national = s?.unit === 'provinsi'
  // (A national office may print one province's figures too: still its own meeting and signer.)
  const atCentre = national || province !== undefined
  const units = national ? 'provinsi' : 'kabupaten/kota'
  const today = (s?.generatedAt ?? new Date().toISOString()).slice(0, 10)
  // Three charts side by side on landscape paper, two on portrait.
  const chartW = landscape ? 305 : 330
  return (
    <>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`laporan-posyandu-${national ? 'nasional' : 'provinsi'}-${s?.area.code ?? ''}-${year}.pdf`}>
        <PrintBack to="provinsi" />
      </PrintToolbar>
      <LoadState loading={sum.loading} error={sum.error} hasData={!!s} reload={() => void sum.reload()}>
        {s && (
          <PrintSheet paper={paper} landscape={landscape} footer={`Simpul · ${s.area.name} · tahun ${s.year} · data per ${formatDateLong(today)}`}>
            <Letterhead />
            <div className={rep.title} data-testid="report-title">{national ? 'Laporan Perkembangan Posyandu Nasional' : `Laporan Perkembangan Posyandu Provinsi ${s.area.name}`}</div>
            <div className={rep.subtitle}>Bahan Rapat Koordinasi Tim Pembina Posyandu Tingkat {atCentre ? 'Pusat' : 'Provinsi'} — Tahun {s.year}</div>
            <div className={rep.h}>Dasar perhitungan</div>
            <ol className={rep.method}>
              <li>Angka dihitung Simpul dari bundel bertanda tangan yang dikirim tiap {national ? 'provinsi (yang meneruskan data kabupaten/kotanya)' : 'kabupaten/kota'} (posyandu, laporan bulanan, jumlah kader per posyandu, strata yang dihitung kabupaten/kota); tidak diketik tangan. Jumlah posyandu dan kader aktif adalah keadaan menurut bundel terakhir tiap {units}, bukan per tahun.</li>
              <li>% posyandu aktif = posyandu strata Purnama + Mandiri ÷ seluruh posyandu terdaftar (pembilang/penyebut dicetak di samping persentase). Posyandu yang datanya tidak lengkap dihitung tersendiri, tidak sebagai Pratama.</li>
              <li>Set indikator: <b>{s.total.sets.join('; ') || 'belum ada strata dihitung'}</b>.</li>
              <li>Kelengkapan laporan = bulan-posyandu yang melapor ÷ (posyandu terdaftar × {s.total.completeness.months} bulan{s.throughMonth ? `, Januari s.d. ${formatMonth(s.throughMonth)}` : ''}).</li>
              <li>Data usang: bundel terakhir {units} dibuat lebih dari {s.staleAfterDays} hari sebelum laporan ini, atau belum pernah ada.</li>
            </ol>
            <div className={rep.h}>A. Posyandu, kader dan strata per {units}, tahun {s.year}</div>
            <FiguresTable s={s} dense />
            <div className={rep.h}>B. Grafik</div>
            <div className={rep.charts} style={{ flexWrap: 'wrap' }}>
              <StrataChart s={s} width={chartW} height={190} paper />
              <CompletenessChart s={s} width={chartW} height={190} paper />
              <TrendChart s={s} width={chartW} height={190} paper />
            </div>
            {/* C and D side by side, so the signature stays on the page of the charts. */}
            <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', breakInside: 'avoid' }}>
              <div style={{ flex: 1 }}>
                <div className={rep.h}>C. Tren tingkat {national ? 'nasional' : 'provinsi'}</div>
                <TrendTable s={s} dense />
              </div>
              <div style={{ flex: 1 }}>
                <div className={rep.h}>D. {national ? 'Provinsi' : 'Kabupaten/kota'} dengan data usang</div>
                <div className={rep.small}><StaleList s={s} /></div>
              </div>
            </div>
            {/* The one signature sits on the right, as on a letter. */}
            <div style={{ marginLeft: '55%' }}>
              <SignatureBlock signers={[atCentre ? { caption: 'Ketua Tim Pembina Posyandu\nTingkat Pusat', role: 'ketua_pembina_pusat' } : { caption: `Ketua Tim Pembina Posyandu\nProvinsi ${s.area.name}`, role: 'ketua_pembina_prov' }]} date={today} />
            </div>
          </PrintSheet>
        )}
      </LoadState>
    </>
  )
}
