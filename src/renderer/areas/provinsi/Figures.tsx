import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, Line, LineChart, XAxis, YAxis } from 'recharts'
import type { AreaFigures, ProvinceSummary } from '../../../shared/contract/province'
import { formatDateLong, formatDecimal, formatNumber, formatPercent, type DisplayLocale } from '../../../shared/format'
import { screenLang } from '../../i18n/months'
import { useTranslation } from 'react-i18next'
import css from './figures.module.css'

/** The province figures on screen and on paper: the same table and charts (fixed sizes, so a PDF has them at once). */

const ORDER = ['mandiri', 'purnama', 'madya', 'pratama', 'tidak_lengkap']
export const STRATUM_COLOR: Record<string, string> = { mandiri: '#1c7ed6', purnama: '#0ca678', madya: '#f59f00', pratama: '#e03131', tidak_lengkap: '#adb5bd' }

/**
 * t of the "provinsi" namespace with what the summary's rows are as i18next context: keys
 * ending `_provinsi` name provinces (a national office's summary) where the plain key names
 * kabupaten/kota; absent, the plain key is used.
 */
export function useFiguresT(s: ProvinceSummary) {
  const { t } = useTranslation('provinsi')
  return (key: string, opts: Record<string, unknown> = {}): string => t(key, { ...opts, context: s.unit === 'provinsi' ? 'provinsi' : undefined } as never) as unknown as string
}

/** Strata ids in the summary, known levels first (another indicator set may bring its own). */
export function strataKeys(s: ProvinceSummary): string[] {
  const seen = new Set([...s.kabupaten, s.total].flatMap((f) => Object.keys(f.strata)))
  return [...ORDER.filter((k) => seen.has(k) || k !== 'tidak_lengkap'), ...[...seen].filter((k) => !ORDER.includes(k)).sort()]
}

/** aktifPct is a percent with one decimal (22.9), not a ratio. Indonesian unless a locale is given (screens pass theirs). */
export const pctText = (x: number | null, locale: DisplayLocale = 'id') => formatPercent(x === null ? null : x / 100, 1, locale)

/** Numbers on screen in the screen's language; on paper (dense tables, printed charts) Indonesian. */
const localeOf = (paper?: boolean): DisplayLocale => (paper ? 'id' : screenLang())

/** Province names as offices shorten them on a chart axis (the table keeps the full name). */
const SHORT_PROVINCES: [RegExp, string][] = [
  [/^Daerah Istimewa\s+/i, 'DI '],
  [/^Daerah Khusus Ibukota\s+/i, 'DKI '],
  [/^Daerah Khusus\s+/i, 'DK '],
  [/^Nusa Tenggara Barat$/i, 'NTB'],
  [/^Nusa Tenggara Timur$/i, 'NTT'],
  [/^Kepulauan Bangka Belitung$/i, 'Kep. Babel'],
  [/^Kota Administrasi\s+/i, 'Kota '],
  [/^Kabupaten Administrasi\s+/i, ''],
]

/**
 * Short names for chart axes: "Kabupaten Bintan" → "Bintan", "Kota Batam" stays, "Kepulauan
 * Riau" → "Kep. Riau", "Daerah Istimewa Yogyakarta" → "DI Yogyakarta", "Nusa Tenggara Timur" → "NTT".
 */
export const shortName = (name: string) =>
  SHORT_PROVINCES.reduce((n, [re, to]) => n.replace(re, to), name.trim()).replace(/^Kabupaten\s+/i, '').replace(/^Kepulauan\s+/i, 'Kep. ')

/**
 * The slanted area axis of a bar chart, tall enough for its longest name (a fixed height cut
 * "Daerah Istimewa Yogyakarta" to "…ah Istimewa Yogyakarta"); names beyond 22 characters end in "…".
 */
const AXIS_MAX = 22
const axisName = (name: string) => { const n = shortName(name); return n.length > AXIS_MAX ? `${n.slice(0, AXIS_MAX - 1)}…` : n }
const SLANT = (35 * Math.PI) / 180
function areaAxis(names: string[]) {
  const longest = Math.max(4, ...names.map((n) => n.length))
  // ~5 px a character at 9 px type, slanted 35°: its vertical share plus the type's own height.
  return { dataKey: 'name', tick: { fontSize: 9 }, interval: 0, angle: -35, textAnchor: 'end', height: Math.ceil(longest * 5 * Math.sin(SLANT) + 14) } as const
}
/** The chart's left margin: room for the first slanted name, which reaches left of its bar. */
const areaLeft = (names: string[], width: number) => {
  const halfBand = width / Math.max(1, names.length) / 2
  return Math.max(-12, Math.ceil((names[0]?.length ?? 0) * 5 * Math.cos(SLANT) - 48 - halfBand))
}

/** Chart value labels with the language's decimal mark: 31.5 → "31,5" / "31.5". */
const decimalLabel = (locale: DisplayLocale) => (v: unknown) => (typeof v === 'number' ? formatDecimal(v, Number.isInteger(v) ? 0 : 1, locale) : '')

export function useStratumLabel() {
  const { t } = useTranslation('provinsi')
  return (k: string) => t(`strata.${k}`, { defaultValue: k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) })
}

/** "2026-11-27T…" → "27 Nov 2026" (short, for a table cell; the screen's language, Indonesian on paper). */
const shortDate = (iso: string, locale: DisplayLocale) => {
  const d = formatDateLong(iso.slice(0, 10), locale).split(' ')
  return d.length === 3 ? `${d[0]} ${d[1].slice(0, 3)} ${d[2]}` : iso.slice(0, 10)
}

export function FiguresTable({ s, dense }: { s: ProvinceSummary; dense?: boolean }) {
  const t = useFiguresT(s)
  const label = useStratumLabel()
  const keys = strataKeys(s)
  const loc = localeOf(dense)
  const num = (n: number) => formatNumber(n, loc)
  const pct = (x: number | null) => pctText(x, loc)
  const row = (f: AreaFigures, i: number | null) => (
    <tr key={f.code} className={i === null ? css.total : undefined} data-testid={i === null ? 'province-total' : `kab-${f.code}`}>
      <td className={css.num}>{i === null ? '' : i + 1}</td>
      <td>
        {i === null ? t('table.total') : f.name}
        {f.stale && <> <span className={css.stale}>({t('table.staleMark')})</span></>}
      </td>
      <td className={css.num}>{num(f.posyandu)}</td>
      <td className={css.num}>
        {num(f.kader)}
        <div className={css.small}>{t('table.kaderDetail', { male: num(f.kaderMale), female: num(f.kaderFemale), trained: num(f.kaderTrained) })}</div>
      </td>
      {keys.map((k) => <td key={k} className={css.num}>{num(f.strata[k] ?? 0)}</td>)}
      <td className={css.num}><b>{pct(f.aktifPct)}</b><div className={css.small}>{num(f.aktif)} / {num(f.denominator)}</div></td>
      <td className={css.num}>{pct(f.completeness.pct)}<div className={css.small}>{num(f.completeness.reported)} / {num(f.completeness.expected)}</div></td>
      {i !== null ? (
        <td className={`${css.num} ${f.stale ? css.stale : ''}`}>{f.lastBundle ? <>{shortDate(f.lastBundle.createdAt, loc)}<div className={css.small}>#{f.lastBundle.seq} · {t('table.age', { count: f.lastBundle.ageDays })}</div></> : t('table.never')}</td>
      ) : <td />}
    </tr>
  )
  return (
    <table className={`${css.tbl} ${dense ? css.dense : ''}`} data-testid="province-table">
      <thead>
        <tr>
          <th>{t('table.no')}</th><th>{t('table.area')}</th><th>{t('table.posyandu')}</th><th>{t('table.kader')}</th>
          {keys.map((k) => <th key={k}>{label(k)}</th>)}
          <th>{t('table.aktifPct')}<div className={css.small}>{t('table.aktif')}</div></th><th>{t('table.completeness')}</th><th>{t('table.lastBundle')}</th>
        </tr>
      </thead>
      <tbody>
        {s.kabupaten.map((f, i) => row(f, i))}
        {row(s.total, null)}
      </tbody>
    </table>
  )
}

export function TrendTable({ s, dense }: { s: ProvinceSummary; dense?: boolean }) {
  const { t } = useTranslation('provinsi')
  const loc = localeOf(dense)
  const num = (n: number) => formatNumber(n, loc)
  const pct = (x: number | null) => pctText(x, loc)
  return (
    <>
    <table className={`${css.tbl} ${dense ? css.dense : ''}`} data-testid="trend-table">
      <thead><tr><th>{t('trendTable.year')}</th><th>{t('trendTable.aktif')}</th><th>{t('trendTable.aktifPct')}</th><th>{t('trendTable.completeness')}</th></tr></thead>
      <tbody>
        {s.total.trend.map((p) => (
          <tr key={p.year}>
            <td className={css.num}>{p.year}{p.partial ? '*' : ''}</td>
            <td className={css.num}>{num(p.aktif)} / {num(p.denominator)}{p.incomplete ? <div className={css.small}>{t('trendTable.incomplete', { count: p.incomplete })}</div> : null}</td>
            <td className={css.num}>{pct(p.aktifPct)}</td>
            <td className={css.num}>{p.expected ? `${pct(Math.round((1000 * p.reported) / p.expected) / 10)} (${num(p.reported)} / ${num(p.expected)})` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
    {s.total.trend.some((p) => p.partial) && <div className={css.small}>{t('charts.partial')}</div>}
    </>
  )
}

/** paper: a printed chart (Indonesian numbers whatever the screen's language). */
type ChartProps = { s: ProvinceSummary; width: number; height?: number; paper?: boolean }

export function StrataChart({ s, width, height = 220, paper }: ChartProps) {
  const t = useFiguresT(s)
  const label = useStratumLabel()
  const keys = strataKeys(s)
  const data = s.kabupaten.map((f) => ({ name: axisName(f.name), ...Object.fromEntries(keys.map((k) => [k, f.strata[k] ?? 0])) }))
  return (
    <div className={css.chart} style={{ width: width + 10 }} data-testid="chart-strata">
      <div className={css.chartTitle}>{t('charts.strata', { year: s.year })}</div>
      <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 8, left: areaLeft(data.map((d) => d.name), width), bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis {...areaAxis(data.map((d) => d.name))} />
        <YAxis tick={{ fontSize: 9 }} allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, localeOf(paper))} />
        <Legend wrapperStyle={{ fontSize: 9 }} itemSorter={null} />
        {keys.map((k) => <Bar key={k} dataKey={k} name={label(k)} stackId="s" fill={STRATUM_COLOR[k] ?? '#868e96'} isAnimationActive={false} />)}
      </BarChart>
    </div>
  )
}

export function TrendChart({ s, width, height = 220, paper }: ChartProps) {
  const { t } = useTranslation('provinsi')
  // A year still running has few strata yet (they wait for December): no point for it, not a fall to 0 %.
  const data = s.total.trend.map((p) => ({ year: p.partial ? `${p.year}*` : String(p.year), aktif: p.partial ? null : p.aktifPct, lengkap: p.expected ? Math.round((1000 * p.reported) / p.expected) / 10 : null }))
  return (
    <div className={css.chart} style={{ width: width + 10 }} data-testid="chart-trend">
      <div className={css.chartTitle}>{t('charts.trend')}</div>
      <LineChart width={width} height={height} data={data} margin={{ top: 16, right: 16, left: -12, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" tick={{ fontSize: 9 }} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 9 }} />
        <Legend wrapperStyle={{ fontSize: 9 }} itemSorter={null} />
        <Line dataKey="aktif" name={t('charts.aktifPct')} stroke="#0ca678" strokeWidth={2} isAnimationActive={false} dot={{ r: 3 }}>
          <LabelList dataKey="aktif" position="top" fontSize={8} formatter={decimalLabel(localeOf(paper))} />
        </Line>
        <Line dataKey="lengkap" name={t('charts.completenessPct')} stroke="#1c7ed6" strokeWidth={2} strokeDasharray="4 2" isAnimationActive={false} dot={{ r: 3 }} />
      </LineChart>
    </div>
  )
}

export function CompletenessChart({ s, width, height = 200, paper }: ChartProps) {
  const t = useFiguresT(s)
  const data = s.kabupaten.map((f) => ({ name: axisName(f.name), pct: f.completeness.pct ?? 0, fill: f.stale ? '#e03131' : '#1c7ed6' }))
  return (
    <div className={css.chart} style={{ width: width + 10 }} data-testid="chart-completeness">
      <div className={css.chartTitle}>{t('charts.completeness', { year: s.year })}</div>
      <BarChart width={width} height={height} data={data} margin={{ top: 16, right: 8, left: areaLeft(data.map((d) => d.name), width), bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis {...areaAxis(data.map((d) => d.name))} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 9 }} />
        <Bar dataKey="pct" fill="#1c7ed6" isAnimationActive={false}>
          {data.map((d) => <Cell key={d.name} fill={d.fill} />)}
          <LabelList dataKey="pct" position="top" fontSize={8} formatter={decimalLabel(localeOf(paper))} />
        </Bar>
      </BarChart>
    </div>
  )
}
