import { Alert, Badge, Button, Card, Group, Loader, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core'
import { IconFlag, IconPrinter } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MARK_LABEL, outlierText, type MarkStatus, type QualityMark, type RuleViolation } from '../../../shared/contract/forms'
import { formatDateLong, formatMonth } from '../../../shared/format'
import { screenDate } from '../../i18n/months'
import { Letterhead, PrintBack, PrintSheet, PrintToolbar, SignatureBlock } from '../../components/print/Print'
import type { Paper } from '../../components/print/paper'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { useCan } from '../../session'
import css from './report.module.css'

const T = {
  id: {
    quality: 'Mutu data', violations: 'pelanggaran aturan', outliers: 'pencilan', none: 'Tidak ada pelanggaran aturan atau pencilan.', median: 'median',
    followUp: 'Tindak lanjut', mark: 'Tandai', change: 'Ubah', note: 'Catatan', notePlaceholder: 'Mengapa datanya benar, apa yang diperbaiki, atau siapa menindaklanjuti', save: 'Simpan tanda', remove: 'Hapus tanda',
    history: 'Riwayat tanda — temuan sudah tidak ada lagi di laporan', print: 'Cetak mutu data', kabHint: 'Tanda tindak lanjut diberikan kantor kecamatan; di sini hanya dilihat.', saved: 'Tanda disimpan',
    error: 'error', warning: 'peringatan', by: 'oleh',
  },
  en: {
    quality: 'Data quality', violations: 'rule violations', outliers: 'outliers', none: 'No rule violations or outliers.', median: 'median',
    followUp: 'Follow-up', mark: 'Mark', change: 'Change', note: 'Note', notePlaceholder: 'Why the data is right, what was fixed, or who follows it up', save: 'Save mark', remove: 'Remove mark',
    history: 'Mark history — findings no longer in the reports', print: 'Print data quality', kabHint: 'Follow-up marks are given by the kecamatan office; shown here read-only.', saved: 'Mark saved',
    error: 'error', warning: 'warning', by: 'by',
  },
}
const MARK_COLOR: Record<MarkStatus, string> = { checked: 'teal', fixed: 'blue', follow_up: 'orange' }

function useT() {
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'id'
  return { lang, x: T[lang] } as const
}

function MarkBadge({ mark }: { mark: QualityMark | null }) {
  const { lang, x } = useT()
  if (!mark) return null
  return (
    <Stack gap={0}>
      <Badge size="xs" variant="light" color={MARK_COLOR[mark.status]}>{MARK_LABEL[mark.status][lang]}</Badge>
      {mark.note && <Text size="xs">{mark.note}</Text>}
      <Text size="xs" c="dimmed">{x.by} {mark.markedByName}, {screenDate(mark.markedAt.slice(0, 10))}</Text>
    </Stack>
  )
}

type Target = { code: string; posyanduId: string; period: string; kind: 'rule' | 'outlier'; subject: string }

/** The small form that marks one finding: status, note, save (or remove the mark). */
function MarkEditor({ target, mark, title, finding, onDone }: { target: Target; mark: QualityMark | null; title: string; finding: string; onDone: () => void }) {
  const { lang, x } = useT()
  const [opened, setOpened] = useState(false)
  const [status, setStatus] = useState<MarkStatus>(mark?.status ?? 'checked')
  const [note, setNote] = useState(mark?.note ?? '')
  const save = async (s: MarkStatus | null) => {
    if (await callWithNotice('forms.mark', { ...target, status: s, note: note.trim() || undefined }, x.saved)) {
      setOpened(false)
      onDone()
    }
  }
  return (
    <>
      <Button size="compact-xs" variant="subtle" leftSection={<IconFlag size={12} />} onClick={() => setOpened(true)} data-testid="mark-button">{mark ? x.change : x.mark}</Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`${x.followUp}: ${title}`} size="md">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">{finding}</Text>
          <SegmentedControl size="xs" fullWidth value={status} onChange={(v) => setStatus(v as MarkStatus)} data={(Object.keys(MARK_LABEL) as MarkStatus[]).map((k) => ({ value: k, label: MARK_LABEL[k][lang] }))} />
          <Textarea size="sm" label={x.note} placeholder={x.notePlaceholder} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={500} data-testid="mark-note" data-autofocus />
          <Group gap="xs">
            <Button size="xs" onClick={() => void save(status)} data-testid="mark-save">{x.save}</Button>
            {mark && <Button size="xs" variant="subtle" color="red" onClick={() => void save(null)}>{x.remove}</Button>}
          </Group>
        </Stack>
      </Modal>
    </>
  )
}

/** Rule violations and outliers of one form over a year, each with its follow-up mark; marks of findings since corrected as history. */
export function QualityPanel({ code, year, area }: { code: string; year: number; area?: string }) {
  const { lang, x } = useT()
  const can = useCan()
  const q = useOp('forms.quality', { code, year, area })
  if (q.error) return <Alert color="red">{q.error.message}</Alert>
  if (!q.data) return null
  const d = q.data
  const marking = d.canMark && can('forms.mark')
  const editor = (target: Target, mark: QualityMark | null, posyandu: string, finding: string) =>
    marking ? <MarkEditor key={`${target.posyanduId}${target.period}${target.subject}${mark?.markedAt ?? ''}`} target={target} mark={mark} title={`${posyandu}, ${target.period}`} finding={finding} onDone={() => void q.reload()} /> : null
  return (
    <Card withBorder padding="sm" data-testid="quality">
      <Group justify="space-between">
        <Text fw={600} size="sm">{x.quality} {d.form.code} {year}: {d.violations.length} {x.violations}, {d.outliers.length} {x.outliers}</Text>
        <Button size="xs" variant="light" leftSection={<IconPrinter size={14} />} onClick={() => navigate(`evaluasi/mutu-data/${code}/${year}/${area || '-'}`)}>{x.print}</Button>
      </Group>
      {!d.canMark && d.violations.length + d.outliers.length + d.history.length > 0 && <Text size="xs" c="dimmed">{x.kabHint}</Text>}
      {d.violations.length + d.outliers.length === 0 ? (
        <Text size="sm" c="teal.8">{x.none}</Text>
      ) : (
        <div style={{ maxHeight: 320, overflow: 'auto' }}>
          <Table fz="xs" striped withTableBorder data-testid="quality-table">
            <Table.Thead><Table.Tr><Table.Th /><Table.Th>Posyandu</Table.Th><Table.Th>Periode</Table.Th><Table.Th /><Table.Th>{x.followUp}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
            <Table.Tbody>
              {d.violations.map((v: RuleViolation, i) => (
                <Table.Tr key={`v${i}`}>
                  <Table.Td><Badge size="xs" color={v.importance === 'error' ? 'red' : 'yellow'}>{x[v.importance]}</Badge></Table.Td>
                  <Table.Td>{v.posyandu}</Table.Td><Table.Td>{v.period}</Table.Td><Table.Td>{v.message[lang]}</Table.Td>
                  <Table.Td><MarkBadge mark={v.mark} /></Table.Td>
                  <Table.Td>{editor({ code, posyanduId: v.posyanduId, period: v.period, kind: 'rule', subject: v.rule }, v.mark, v.posyandu, v.message[lang])}</Table.Td>
                </Table.Tr>
              ))}
              {d.outliers.map((o, i) => (
                <Table.Tr key={`o${i}`}>
                  <Table.Td><Badge size="xs" color="grape">{x.outliers}</Badge></Table.Td>
                  <Table.Td>{o.posyandu}</Table.Td><Table.Td>{o.period}</Table.Td><Table.Td>{outlierText(o)}</Table.Td>
                  <Table.Td><MarkBadge mark={o.mark} /></Table.Td>
                  <Table.Td>{editor({ code, posyanduId: o.posyanduId, period: o.period, kind: 'outlier', subject: o.field }, o.mark, o.posyandu, outlierText(o))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {d.history.length > 0 && (
        <>
          <Text fw={600} size="xs" mt="xs">{x.history}</Text>
          <Table fz="xs" withTableBorder data-testid="quality-history">
            <Table.Tbody>
              {d.history.map((m) => (
                <Table.Tr key={`${m.posyanduId}${m.period}${m.kind}${m.subject}`}>
                  <Table.Td>{m.posyandu}</Table.Td><Table.Td>{m.period}</Table.Td><Table.Td c="dimmed">{m.finding}</Table.Td>
                  <Table.Td><MarkBadge mark={m} /></Table.Td>
                  <Table.Td>{editor({ code, posyanduId: m.posyanduId, period: m.period, kind: m.kind, subject: m.subject }, m, m.posyandu, m.finding)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  )
}

/** The printed data-quality list: every finding with its follow-up mark, then the marks of findings since corrected. */
export function QualityPrint({ code, year, area }: { code: string; year: number; area: string | undefined }) {
  const [paper, setPaper] = useState<Paper>('A4')
  const [landscape, setLandscape] = useState(true)
  const q = useOp('forms.quality', { code, year, area })
  if (q.error) return <Alert color="red">{q.error.message}</Alert>
  if (!q.data) return <Loader />
  const d = q.data
  const today = new Date().toISOString().slice(0, 10)
  const markCell = (m: QualityMark | null) => (m ? `${MARK_LABEL[m.status].id}${m.note ? ` — ${m.note}` : ''} (${m.markedByName}, ${formatDateLong(m.markedAt.slice(0, 10))})` : 'belum ditandai')
  const when = (p: string) => (p.length === 7 ? formatMonth(p) : p)
  let no = 0
  return (
    <Stack>
      <Group className="no-print"><PrintBack to="evaluasi/kelengkapan" /></Group>
      <PrintToolbar paper={paper} onPaper={setPaper} landscape={landscape} onLandscape={setLandscape} fileName={`mutu-data-${code}-${year}.pdf`} />
      <PrintSheet paper={paper} landscape={landscape} footer={`Simpul · ${d.form.code} versi ${d.form.version} · dibuat ${formatDateLong(today)}`}>
        <Letterhead />
        <div className={css.title}>Mutu data laporan posyandu</div>
        <div className={css.subtitle}>{d.form.name} — tahun {year} — {d.area.name}<br />{d.reports} laporan diperiksa; {d.violations.length} pelanggaran aturan, {d.outliers.length} pencilan</div>
        <table className={css.tbl} data-testid="quality-print">
          <thead><tr><th>No</th><th>Posyandu</th><th>Periode</th><th>Jenis</th><th>Temuan</th><th>Tindak lanjut</th></tr></thead>
          <tbody>
            {d.violations.length + d.outliers.length === 0 && <tr><td colSpan={6}>Tidak ada pelanggaran aturan atau pencilan.</td></tr>}
            {d.violations.map((v) => <tr key={`v${v.posyanduId}${v.period}${v.rule}`}><td className={css.num}>{++no}</td><td>{v.posyandu}</td><td>{when(v.period)}</td><td>{v.importance === 'error' ? 'error' : 'peringatan'}</td><td>{v.message.id}</td><td>{markCell(v.mark)}</td></tr>)}
            {d.outliers.map((o) => <tr key={`o${o.posyanduId}${o.period}${o.field}`}><td className={css.num}>{++no}</td><td>{o.posyandu}</td><td>{when(o.period)}</td><td>pencilan</td><td>{outlierText(o)}</td><td>{markCell(o.mark)}</td></tr>)}
          </tbody>
        </table>
        {d.history.length > 0 && (
          <>
            <div className={css.h}>Riwayat tanda: temuan yang sudah tidak ada lagi di laporan</div>
            <table className={css.tbl} data-testid="quality-print-history">
              <thead><tr><th>No</th><th>Posyandu</th><th>Periode</th><th>Temuan semula</th><th>Tindak lanjut</th></tr></thead>
              <tbody>{d.history.map((m, i) => <tr key={`${m.posyanduId}${m.period}${m.subject}`}><td className={css.num}>{i + 1}</td><td>{m.posyandu}</td><td>{when(m.period)}</td><td>{m.finding}</td><td>{markCell(m)}</td></tr>)}</tbody>
            </table>
          </>
        )}
        <p className={css.small}>
          Aturan: setiap aturan formulir diperiksa pada setiap laporan (dengan bulan sebelumnya). Pencilan: nilai di luar batas isian, atau |z termodifikasi| &gt; 3,5 terhadap riwayat posyandu itu sendiri (paling sedikit enam laporan); indikator persen di atas 100% (biasanya sasaran yang salah). Aturan yang tidak dapat diperiksa karena isian kosong: {d.unknown}.
        </p>
        <SignatureBlock signers={[d.canMark ? { role: 'camat', caption: 'Mengetahui,\nCamat' } : { role: 'ketua_tim', caption: 'Mengetahui,\nKetua Tim Pembina Posyandu' }]} date={today} />
      </PrintSheet>
    </Stack>
  )
}
