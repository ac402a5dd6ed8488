import { Alert, Anchor, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isoDateOf } from './dates'
import { formatRupiah } from '../../../shared/format'
import { formatMonths, monthRange } from '../../../shared/honorFormat'
import { terbilangKalimat } from '../../../shared/terbilang'
import { Letterhead, PrintSheet, PrintToolbar, SignatureBlock, usePaperT } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { useOp } from '../../hooks'
import { href } from '../../router'
import classes from './print.module.css'

const rp = (n: number) => formatRupiah(n).replace('Rp ', '')

/** The printable daftar penerimaan honorarium (A4 or F4, usually landscape). */
export function ListPrint({ id }: { id: string }) {
  const { t: screenT } = useTranslation('honor')
  // The sheet is printed: its texts are Indonesian whatever the screen's language.
  const t = usePaperT('honor')
  const detail = useOp('honor.listGet', { id })
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(true)
  if (detail.error) return <Alert color="red">{detail.error.message}</Alert>
  const d = detail.data
  if (!d) return <Text>…</Text>
  const { list, lines } = d
  const signDate = list.finalisedAt ? isoDateOf(list.finalisedAt) : isoDateOf(new Date().toISOString())
  return (
    <div>
      <div className="no-print"><Anchor href={href(`honor/daftar/${id}`)} size="sm">← {list.number ?? screenT('status.draft')}</Anchor></div>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`honor-${list.number ?? 'draf'}`.replace(/[^A-Za-z0-9-]+/g, '-')} />
      <PrintSheet paper={paper} landscape={landscape} footer={`${list.number ?? 'DRAF'} — ${list.periodLabel}`}>
        <Letterhead />
        {list.status === 'draft' && <div className={classes.draft}>{t('print.draft')}</div>}
        <div className={classes.title}>{list.title.toUpperCase()}</div>
        <div className={classes.sub}>
          {t('print.period')} {list.periodLabel} — {t('print.year')} {list.fiscalYear}
          <br />
          {t('print.sub')} {list.subKegiatanCode} {list.subKegiatanName}
          {list.number && (
            <>
              <br />
              {t('print.number')}: {list.number}
              {list.revisionNo > 0 && ` (revisi ${list.revisionNo}: ${list.revisionReason ?? ''})`}
            </>
          )}
        </div>
        <table className={classes.table} data-testid="print-table">
          <thead>
            <tr>
              <th>No</th>
              <th>Nama</th>
              <th>NIK / NPWP</th>
              <th>Posyandu / Desa</th>
              <th>Bulan</th>
              <th>Honor/bulan (Rp)</th>
              <th>Bruto (Rp)</th>
              <th>PPh 21 (Rp)</th>
              <th>Netto (Rp)</th>
              <th>Rekening</th>
              <th colSpan={2}>Tanda tangan</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const n = i + 1
              return (
                <tr key={l.id}>
                  <td className={classes.center}>{n}</td>
                  <td>{l.personName}</td>
                  <td>{l.nik}{l.npwp && l.npwp !== l.nik && <div className={classes.small}>NPWP {l.npwp}</div>}</td>
                  <td>{l.posyanduName}<div className={classes.small}>{l.desaName}, {l.kecamatanName}</div></td>
                  <td className={classes.center}>{formatMonths(l.months)}<div className={classes.small}>{monthRange(l.monthFrom, l.monthTo)}</div></td>
                  <td className={classes.num}>{rp(l.rate)}</td>
                  <td className={classes.num}>{rp(l.gross)}</td>
                  <td className={classes.num}>{rp(l.tax)}</td>
                  <td className={classes.num}>{rp(l.net)}</td>
                  <td>{l.bankName}<div className={classes.small}>{l.accountNumber}{l.accountHolder && l.accountHolder !== l.personName ? ` a.n. ${l.accountHolder}` : ''}</div></td>
                  {/* Staggered signature cells: odd numbers sign left, even numbers right. */}
                  <td className={`${classes.sign} ${classes.signOdd}`}>{n % 2 === 1 ? `${n}. ……………` : ''}</td>
                  <td className={`${classes.sign} ${classes.signEven}`}>{n % 2 === 0 ? `${n}. ……………` : ''}</td>
                </tr>
              )
            })}
          </tbody>
          <tfoot>
            <tr className={classes.total}>
              <td colSpan={6} className={classes.center}>JUMLAH</td>
              <td className={classes.num} data-testid="print-gross">{rp(list.totalGross)}</td>
              <td className={classes.num} data-testid="print-tax">{rp(list.totalTax)}</td>
              <td className={classes.num} data-testid="print-net">{rp(list.totalNet)}</td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
        <div className={classes.words}>
          Terbilang: <i>{terbilangKalimat(list.totalNet)}</i>
        </div>
        <SignatureBlock
          date={signDate}
          signers={[
            { caption: t('print.pa'), role: 'pa' },
            { caption: t('print.pptk'), role: 'pptk' },
            { caption: t('print.bendahara'), role: 'bendahara' },
          ]}
        />
      </PrintSheet>
    </div>
  )
}
