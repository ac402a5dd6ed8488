import { Button, Group, SegmentedControl } from '@mantine/core'
import { IconArrowLeft, IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react'
import i18next, { type i18n as I18n } from 'i18next'
import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { screenLang } from '../../i18n/months'
import { navigate } from '../../router'
import type { DisplayLocale } from '../../../shared/format'
import { formatDateLong } from '../../../shared/format'
import { call } from '../../api'
import { callWithNotice, useOp } from '../../hooks'
import { pageSize, type Paper } from './paper'
import classes from './print.module.css'

let paperInstance: I18n | null = null
/**
 * The i18next instance of printed sheets: Indonesian whatever the screen's language (it shares
 * the screen's catalogues). A sheet's parts translate with it (`PrintSheet` provides it), so a
 * report printed from an English screen keeps its Indonesian headings.
 */
function paperI18n(): I18n {
  if (!paperInstance) {
    paperInstance = i18next.cloneInstance({ lng: 'id' })
    void paperInstance.changeLanguage('id')
  }
  return paperInstance
}

const OnPaper = createContext(false)
/** The language of dates and numbers here: Indonesian on a printed sheet, else the screen's. */
export const usePaperLang = (): DisplayLocale => (useContext(OnPaper) ? 'id' : screenLang())
/** t of a namespace in Indonesian, for the report component that lays out a sheet (its own texts are printed). */
export const usePaperT = (ns: string) => useTranslation(ns, { i18n: paperI18n() }).t

/** The way back from a print view, in the screen's language (it is not printed). */
export function PrintBack({ to }: { to: string }) {
  const { t } = useTranslation()
  return <Button variant="subtle" className="no-print" leftSection={<IconArrowLeft size={18} />} onClick={() => navigate(to)}>{t('action.back')}</Button>
}

/** "Export .xlsx" on a print view's toolbar, in the screen's language. */
export function PrintExport({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation()
  return <Button variant="default" leftSection={<IconFileSpreadsheet size={18} />} onClick={onClick}>{t('action.export')} .xlsx</Button>
}

/**
 * Printed reports are React pages: on screen a white sheet of the chosen paper, in print
 * only the sheet. Chromium prints them (printToPDF in the app, page.pdf in tests), with
 * page numbers from CSS @page margin boxes.
 */
export function PrintSheet({ paper, landscape, children, footer }: { paper: Paper; landscape: boolean; children: ReactNode; footer?: string }) {
  const { width, height } = pageSize(paper, landscape)
  const margin = 12
  // On screen the whole width of the sheet is visible: scaled down to the space there is
  // (a landscape A4 is wider than a 1024 px window). Printing always uses the real size.
  const desk = useRef<HTMLDivElement>(null)
  const [zoom, setZoom] = useState(1)
  useLayoutEffect(() => {
    const el = desk.current
    if (!el) return
    const sheetPx = (width * 96) / 25.4
    const fit = () => setZoom(Math.min(1, Math.max(0.3, (el.clientWidth - 32) / sheetPx)))
    fit()
    const ro = new ResizeObserver(fit)
    ro.observe(el)
    return () => ro.disconnect()
  }, [width])
  const css = `@page { size: ${width}mm ${height}mm; margin: ${margin}mm ${margin}mm 16mm ${margin}mm;
    @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font-size: 8pt; color: #555; }
    ${footer ? `@bottom-left { content: ${JSON.stringify(footer)}; font-size: 7pt; color: #555; }` : ''} }`
  return (
    <div className={classes.desk} ref={desk}>
      <style>{css}</style>
      <div className={`${classes.sheet} print-sheet`} style={{ width: `${width}mm`, minHeight: `${height}mm`, padding: `${margin}mm`, ['--sheet-zoom' as string]: zoom }} data-paper={paper} data-zoom={zoom.toFixed(2)}>
        <OnPaper.Provider value={true}>
          <I18nextProvider i18n={paperI18n()}>{children}</I18nextProvider>
        </OnPaper.Provider>
      </div>
    </div>
  )
}

export function PrintToolbar(props: {
  paper: Paper
  onPaper: (p: Paper) => void
  landscape: boolean
  onLandscape: (l: boolean) => void
  fileName: string
  children?: ReactNode
}) {
  const { t } = useTranslation()
  const info = useOp('app.info', {})
  const print = async () => {
    if (info.data?.host === 'electron') {
      await callWithNotice('platform.printToPdf', { pageSize: props.paper, landscape: props.landscape, suggestedName: props.fileName }, t('print.saved'))
    } else window.print()
  }
  return (
    <Group className="no-print" mb="sm">
      <SegmentedControl value={props.paper} onChange={(v) => props.onPaper(v as Paper)} data={[{ value: 'A4', label: 'A4' }, { value: 'F4', label: 'F4 / Folio' }]} />
      <SegmentedControl
        value={props.landscape ? 'l' : 'p'}
        onChange={(v) => props.onLandscape(v === 'l')}
        data={[{ value: 'p', label: t('print.portrait') }, { value: 'l', label: t('print.landscape') }]}
      />
      <Button leftSection={<IconPrinter size={18} />} onClick={() => void print()}>{t('print.print')}</Button>
      {props.children}
    </Group>
  )
}

type Settings = Record<string, string>

/**
 * The settings for a letterhead or signatures: the ones given (a long report loads them
 * beside its data, so the sheet is laid out once, not again when they arrive), else loaded here.
 */
function useSettings(given: Settings | undefined): Settings {
  return useOp('settings.get', {}, given === undefined).data ?? given ?? {}
}

/** Kop surat from the settings (logo, government, office, address), with the double rule. */
export function Letterhead({ settings }: { settings?: Settings } = {}) {
  const s = useSettings(settings)
  return (
    <div className={classes.letterhead}>
      {s['letterhead.logo'] ? <img src={s['letterhead.logo']} alt="logo" className={classes.logo} /> : <div className={classes.logo} />}
      <div className={classes.lhText}>
        <div className={classes.lhGov}>{s['letterhead.government'] || 'PEMERINTAH KABUPATEN'}</div>
        <div className={classes.lhOffice}>{s['letterhead.office'] || '(atur kop surat di Pengaturan)'}</div>
        {s['letterhead.address'] && <div className={classes.lhAddress}>{s['letterhead.address']}</div>}
      </div>
      <div className={classes.logo} />
    </div>
  )
}

export interface Signer {
  /** Text above the signature, e.g. "Mengetahui,\nPengguna Anggaran". */
  caption: string
  /** Settings role key: sign.<role>_name, sign.<role>_nip, sign.<role>_title. */
  role: string
}

/** Signature blocks side by side; the place and date go above the last one. */
export function SignatureBlock({ signers, date, settings }: { signers: Signer[]; date: string; settings?: Settings }) {
  const s = useSettings(settings)
  const place = s['letterhead.place'] || '……………'
  return (
    <div className={classes.signatures} style={{ gridTemplateColumns: `repeat(${signers.length}, 1fr)` }}>
      {signers.map((g, i) => (
        <div key={g.role} className={classes.signer}>
          <div className={classes.signCaption}>
            {i === signers.length - 1 ? `${place}, ${formatDateLong(date)}\n` : '\n'}
            {g.caption}
            {s[`sign.${g.role}_title`] ? `\n${s[`sign.${g.role}_title`]}` : ''}
          </div>
          <div className={classes.signName}>{s[`sign.${g.role}_name`] || '(nama)'}</div>
          <div>NIP. {s[`sign.${g.role}_nip`] || '……………………'}</div>
        </div>
      ))}
    </div>
  )
}

/** Signatory roles the settings screen offers; reports pick the ones they need. */
export const SIGNER_ROLES: { role: string; label: string }[] = [
  { role: 'pa', label: 'Pengguna Anggaran (Kepala Bappeda)' },
  { role: 'pptk', label: 'PPTK' },
  { role: 'bendahara', label: 'Bendahara Pengeluaran' },
  { role: 'ketua_tim', label: 'Ketua Tim Monev / Pembina Posyandu' },
  { role: 'camat', label: 'Camat' },
  { role: 'ketua_pembina_prov', label: 'Ketua Tim Pembina Posyandu Provinsi' },
  { role: 'ketua_pembina_pusat', label: 'Ketua Tim Pembina Posyandu Pusat' },
]

/** Saves the current page as PDF through the platform (for tests of the Electron path). */
export const printToPdf = (paper: Paper, landscape: boolean, suggestedName: string) =>
  call('platform.printToPdf', { pageSize: paper, landscape, suggestedName })
