import { BarChart } from '@mantine/charts'
import { Alert, Badge, Button, Card, Group, Loader, NumberInput, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core'
import { IconPrinter } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CompletenessGroup, CompletenessRow } from '../../../shared/contract/forms'
import { formatDateLong, formatMonth, formatPercent } from '../../../shared/format'
import { Letterhead, PrintBack, PrintSheet, PrintToolbar } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { yearOptions } from './MonthlyEntry'
import css from './report.module.css'
import './forms-i18n'
import { monthNames, screenDate, screenPercent } from '../../i18n/months'
import { QualityPanel } from './Quality'

const TEXT = {
  id: { reported: 'tepat waktu', late: 'terlambat', missing: 'belum melapor', deadline: 'Batas lapor: tanggal', ofNext: 'bulan berikutnya', title: 'Kelengkapan dan ketepatan laporan', perDesa: 'Per desa', perKec: 'Per kecamatan', print: 'Cetak "posyandu yang belum melapor"', all: 'Semua (wilayah kantor)', completeness: 'Kelengkapan', timeliness: 'Ketepatan', reportedOn: 'Tanggal lapor', none: 'Semua posyandu sudah melapor.' },
  en: { reported: 'on time', late: 'late', missing: 'not reported', deadline: 'Deadline: day', ofNext: 'of the next month', title: 'Report completeness and timeliness', perDesa: 'Per desa', perKec: 'Per kecamatan', print: 'Print "posyandu not yet reported"', all: 'All (office area)', completeness: 'Completeness', timeliness: 'Timeliness', reportedOn: 'Reported on', none: 'Every posyandu has reported.' },
}
const COLOR = { reported: 'teal', late: 'orange', missing: 'red' } as const

function useLang() {
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'id'
  return { lang, x: TEXT[lang] } as const
}

/** Per form and month: who reported on time, late, or not at all, per posyandu, desa and kecamatan. */
export function Completeness() {
  const { t } = useTranslation('forms')
  const { lang, x } = useLang()
  const forms = useOp('forms.list', {})
  const settings = useOp('settings.get', {})
  const posyandu = useOp('evaluation.posyandu', {})
  const [code, setCode] = useState('SKDN')
  const [year, setYear] = useState(String(new Date().getFullYear()))
  const [monthNo, setMonthNo] = useState(String(new Date().getMonth() + 1).padStart(2, '0'))
  const [area, setArea] = useState('')
  const form = forms.data?.find((f) => f.form.code === code)?.form
  const period = form?.periodType === 'yearly' ? year : `${year}-${monthNo}`
  const data = useOp('forms.completeness', { code, period, area: area || undefined }, !!form)
  const desas = [...new Map((posyandu.data ?? []).map((p) => [p.desaCode, `${p.desaName} (${p.kecamatanName})`])).entries()]
  const deadlineDay = Number(settings.data?.['forms.pref.deadline_day'] ?? 5)
  const setDeadline = async (v: number | string) => {
    if (typeof v !== 'number' || v < 1 || v > 28) return
    if (await callWithNotice('settings.set', { key: 'forms.pref.deadline_day', value: String(v) })) await Promise.all([settings.reload(), data.reload()])
  }
  const c = data.data
  const groupTable = (rows: CompletenessGroup[], testId: string) => (
    <Table striped withTableBorder fz="sm" data-testid={testId}>
      <Table.Thead><Table.Tr><Table.Th>{testId === 'completeness-desa' ? 'Desa' : 'Kecamatan'}</Table.Th><Table.Th>Posyandu</Table.Th><Table.Th>{x.reported}</Table.Th><Table.Th>{x.late}</Table.Th><Table.Th>{x.missing}</Table.Th><Table.Th>{x.completeness}</Table.Th><Table.Th>{x.timeliness}</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows.map((g) => (
          <Table.Tr key={g.code}><Table.Td>{g.name}</Table.Td><Table.Td>{g.posyandu}</Table.Td><Table.Td>{g.reported}</Table.Td><Table.Td>{g.late}</Table.Td><Table.Td>{g.missing}</Table.Td><Table.Td>{screenPercent(g.completeness, 0)}</Table.Td><Table.Td>{screenPercent(g.timeliness, 0)}</Table.Td></Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
  return (
    <Stack>
      <Group align="flex-end">
        <Select searchable label={t('form')} w={300} value={code} onChange={(v) => v && setCode(v)} allowDeselect={false} data={(forms.data ?? []).map((f) => ({ value: f.form.code, label: `${f.form.name[lang]} (v${f.form.version})` }))} />
        <Select searchable label={t('area')} w={260} value={area} onChange={(v) => setArea(v ?? '')} allowDeselect={false} data={[{ value: '', label: x.all }, ...desas.map(([value, label]) => ({ value, label }))]} />
        {form?.periodType !== 'yearly' && <Select searchable label={t('month')} w={140} value={monthNo} onChange={(v) => v && setMonthNo(v)} data={monthNames().map((b, i) => ({ value: String(i + 1).padStart(2, '0'), label: b }))} />}
        <Select searchable label={t('year')} w={100} value={year} onChange={(v) => v && setYear(v)} data={yearOptions} />
        <NumberInput label={`${x.deadline} (${x.ofNext})`} w={220} min={1} max={28} value={deadlineDay} onChange={(v) => void setDeadline(v)} />
      </Group>
      {data.error && <Alert color="red">{data.error.message}</Alert>}
      {c && (
        <>
          <Group>
            <Badge color="teal" size="lg" variant="light" data-testid="total-reported">{x.reported}: {c.total.reported}</Badge>
            <Badge color="orange" size="lg" variant="light" data-testid="total-late">{x.late}: {c.total.late}</Badge>
            <Badge color="red" size="lg" variant="light" data-testid="total-missing">{x.missing}: {c.total.missing}</Badge>
            <Text size="sm">{x.completeness} {screenPercent(c.total.completeness, 0)} · {x.timeliness} {screenPercent(c.total.timeliness, 0)} · {x.deadline.split(':')[0]}: {screenDate(c.deadline)}</Text>
            <Button variant="light" leftSection={<IconPrinter size={16} />} onClick={() => navigate(`evaluasi/belum-melapor/${code}/${period}/${area || '-'}`)}>{x.print}</Button>
          </Group>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <div style={{ maxHeight: 420, overflow: 'auto' }}>
              <Table striped withTableBorder stickyHeader fz="sm" data-testid="completeness-table">
                <Table.Thead><Table.Tr><Table.Th>Posyandu</Table.Th><Table.Th>Desa</Table.Th><Table.Th>Status</Table.Th><Table.Th>{x.reportedOn}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {c.rows.map((r: CompletenessRow) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td>{r.desaName}</Table.Td>
                      <Table.Td><Badge color={COLOR[r.status]} variant="light">{x[r.status]}</Badge></Table.Td>
                      <Table.Td>{r.reportedOn ? screenDate(r.reportedOn) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            <Card withBorder padding="sm">
              <Text fw={600} size="sm" mb={4}>{x.perDesa}</Text>
              <BarChart h={260} data={c.desa.map((g) => ({ desa: g.name, [x.reported]: g.reported, [x.late]: g.late, [x.missing]: g.missing }))} dataKey="desa" type="stacked"
                series={[{ name: x.reported, color: 'teal.6' }, { name: x.late, color: 'orange.5' }, { name: x.missing, color: 'red.6' }]} withLegend />
            </Card>
          </SimpleGrid>
          <Text fw={600} size="sm">{x.perDesa}</Text>
          {groupTable(c.desa, 'completeness-desa')}
          <QualityPanel code={code} year={Number(year)} area={area || undefined} />
          {c.kecamatan.length > 1 && (
            <>
              <Text fw={600} size="sm">{x.perKec}</Text>
              {groupTable(c.kecamatan, 'completeness-kecamatan')}
            </>
          )}
        </>
      )}
    </Stack>
  )
}

/** The printable list a kecamatan acts on: posyandu that have not reported (and those late), per desa. */
export function MissingPrint({ code, period, area }: { code: string; period: string; area: string | undefined }) {
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(false)
  const data = useOp('forms.completeness', { code, period, area })
  const c = data.data
  if (data.error) return <Alert color="red">{data.error.message}</Alert>
  if (!c) return <Loader />
  const missing = c.rows.filter((r) => r.status === 'missing')
  const late = c.rows.filter((r) => r.status === 'late')
  const label = c.form.periodType === 'yearly' ? `tahun ${period}` : formatMonth(period)
  const today = new Date().toISOString().slice(0, 10)
  return (
    <Stack>
      <Group className="no-print"><PrintBack to="evaluasi/kelengkapan" /></Group>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`belum-melapor-${code}-${period}.pdf`} />
      <PrintSheet paper={paper} landscape={landscape} footer={`Simpul · ${c.form.code} versi ${c.form.version} · dibuat ${formatDateLong(today)}`}>
        <Letterhead />
        <div className={css.title}>Posyandu yang belum melapor</div>
        <div className={css.subtitle}>{c.form.name} — {label} — {c.area.name}<br />Batas lapor {formatDateLong(c.deadline)}</div>
        <table className={css.tbl} data-testid="missing-print">
          <thead><tr><th>No</th><th>Posyandu</th><th>Desa</th><th>Kecamatan</th><th>Keterangan</th></tr></thead>
          <tbody>
            {missing.length === 0 && <tr><td colSpan={5}>Semua posyandu sudah melapor.</td></tr>}
            {missing.map((r, i) => <tr key={r.id}><td className={css.num}>{i + 1}</td><td>{r.name}</td><td>{r.desaName}</td><td>{r.kecamatanName}</td><td>belum melapor</td></tr>)}
          </tbody>
        </table>
        {late.length > 0 && (
          <>
            <div className={css.h}>Terlambat (melapor setelah batas)</div>
            <table className={css.tbl}>
              <thead><tr><th>No</th><th>Posyandu</th><th>Desa</th><th>Tanggal lapor</th></tr></thead>
              <tbody>{late.map((r, i) => <tr key={r.id}><td className={css.num}>{i + 1}</td><td>{r.name}</td><td>{r.desaName}</td><td>{r.reportedOn ? formatDateLong(r.reportedOn) : ''}</td></tr>)}</tbody>
            </table>
          </>
        )}
        <p className={css.small}>
          Rekap: {c.total.posyandu} posyandu; tepat waktu {c.total.reported}, terlambat {c.total.late}, belum melapor {c.total.missing}; kelengkapan {formatPercent(c.total.completeness, 0)} (({c.total.reported} + {c.total.late}) / {c.total.posyandu}).
        </p>
      </PrintSheet>
    </Stack>
  )
}
