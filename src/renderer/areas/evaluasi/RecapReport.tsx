import { Alert, Button, Group, Loader, Select, Stack } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecapRow } from '../../../shared/contract/evaluation'
import { fieldDef } from '../../../shared/evaluation/fields'
import { formatDateLong, formatMonth, formatPercent } from '../../../shared/format'
import { downloadBase64 } from '../../components/files'
import { Letterhead, PrintBack, PrintExport, PrintSheet, PrintToolbar, SignatureBlock } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import css from './report.module.css'
import { currentMonth, lastCompleteMonth, MonthField } from '../../components/DateField'

const RATIOS = [['ks', 'K/S'], ['ds', 'D/S'], ['nd', 'N/D'], ['dk', 'D/K'], ['bgmd', 'BGM/D']] as const

/** The usual SKDN recap form, per kecamatan (rows = desa) or per desa (rows = posyandu). */
export function RecapReport({ area, month }: { area: string; month: string }) {
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(true)
  const rep = useOp('evaluation.recap', { area, month })
  const r = rep.data
  if (rep.error) return <Alert color="red">{rep.error.message}</Alert>
  if (!r) return <Loader />
  const fields = Object.keys(r.total.totals)
  const row = (x: RecapRow, i: number | null) => (
    <tr key={x.code} className={i === null ? css.total : undefined}>
      <td className={css.num}>{i === null ? '' : i + 1}</td>
      <td>{x.name}</td>
      <td className={css.num}>{x.posyandu}</td>
      <td className={css.num}>{x.reported}</td>
      <td className={css.num}>{x.held}</td>
      {fields.map((f) => <td key={f} className={css.num}>{x.totals[f] ?? '—'}</td>)}
      {RATIOS.map(([k]) => <td key={k} className={css.num}>{formatPercent(x.ratios[k], 0)}</td>)}
    </tr>
  )
  const today = new Date().toISOString().slice(0, 10)
  const exportXlsx = async () => {
    const out = await callWithNotice('evaluation.exportXlsx', { kind: 'recap', area, month })
    if (out) downloadBase64(out.base64, out.fileName)
  }
  return (
    <>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`rekap-skdn-${area}-${month}.pdf`}>
        <PrintExport onClick={() => void exportXlsx()} />
        <PrintBack to="evaluasi/rekap" />
      </PrintToolbar>
      <PrintSheet paper={paper} landscape={landscape} footer={`Simpul · versi data ${r.dataHash} · dibuat ${formatDateLong(today)}`}>
        <Letterhead />
        <div className={css.title}>Rekapitulasi Hasil Kegiatan Posyandu (SKDN)</div>
        <div className={css.subtitle}>{r.area.level === 'kecamatan' ? 'Kecamatan' : 'Desa'} {r.area.name} — Bulan {formatMonth(r.month)}</div>
        <table className={css.tbl} data-testid="recap-table">
          <thead>
            <tr>
              <th>No</th><th>{r.area.level === 'kecamatan' ? 'Desa' : 'Posyandu'}</th><th>Jml posyandu</th><th>Melapor</th><th>Buka</th>
              {fields.map((f) => <th key={f}>{fieldDef(f)?.short ?? f}</th>)}
              {RATIOS.map(([k, l]) => <th key={k}>{l}</th>)}
            </tr>
          </thead>
          <tbody>
            {r.rows.map((x, i) => row(x, i))}
            {row(r.total, null)}
          </tbody>
        </table>
        <div className={css.small}>— = tidak ada laporan (bukan 0). Rasio dihitung dari jumlah yang dilaporkan.</div>
        <SignatureBlock signers={[{ caption: 'Mengetahui,\nCamat', role: 'camat' }, { caption: 'Ketua Tim Pembina Posyandu', role: 'ketua_tim' }]} date={today} />
      </PrintSheet>
    </>
  )
}

/** Chooses the kecamatan or desa and month of a recap. */
export function RecapLauncher() {
  const { t } = useTranslation('evaluasi')
  const office = useOp('office.get', {})
  const posyandu = useOp('evaluation.posyandu', {})
  const [area, setArea] = useState<string | null>(null)
  // A recap is of a month that has started; the default is the last month that is over.
  const [month, setMonth] = useState(lastCompleteMonth())
  const kec = [...new Map((posyandu.data ?? []).map((p) => [p.kecamatanCode, `Kecamatan ${p.kecamatanName}`])).entries()]
  const desa = [...new Map((posyandu.data ?? []).map((p) => [p.desaCode, `Desa ${p.desaName} (${p.kecamatanName})`])).entries()]
  const chosen = area ?? (office.data?.level === 'kecamatan' ? office.data.wilayahCode : kec[0]?.[0]) ?? null
  return (
    <Stack>
      <Group align="flex-end">
        <Select label={t('recap.area')} w={340} searchable value={chosen} onChange={setArea} data={[...kec, ...desa].map(([value, label]) => ({ value, label }))} />
        <MonthField label={t('entry.month')} w={200} value={month} onChange={setMonth} maxMonth={currentMonth()} />
        <Button disabled={!chosen || !month || month > currentMonth()} onClick={() => navigate(`evaluasi/rekap/${chosen}/${month}`)}>{t('recap.open')}</Button>
      </Group>
    </Stack>
  )
}
