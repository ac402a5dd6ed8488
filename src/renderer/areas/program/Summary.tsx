import { BarChart } from '@mantine/charts'
import { Button, Card, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconPrinter } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { Framework, ProgrammeSummary, SummaryLine } from '../../../shared/contract/programme'
import { formatNumber, formatPercent, formatRupiah } from '../../../shared/format'
import { useOp } from '../../hooks'
import { navigate } from '../../router'
import { useReference, useT } from './shared'
import { OpState } from '../../components/LoadState'
import { millions, screenLang, screenNumber } from '../../i18n/months'

export const linesOf = (s: ProgrammeSummary, f: Framework) => (f === 'spm' ? s.bySpmField : f === 'ilp' ? s.byLifeStage : s.byPhiPart)
const NOWRAP = { whiteSpace: 'nowrap' } as const
const ratio = (a: number, b: number) => (b ? a / b : null)
/** A percent in the screen's language; on paper (dense) Indonesian. */
const pctOf = (dense?: boolean) => (x: number | null) => formatPercent(x, 1, dense ? 'id' : screenLang())
/** Millions on the printed chart (documents stay Indonesian): 150000000 → "150 jt". */
const juta = (n: number) => `${formatNumber(Math.round(n / 1_000_000))} jt`

export function useSummaryYear(initial?: number) {
  const years = useOp('programme.years', {}).data
  const [year, setYear] = useState<number>(initial ?? new Date().getFullYear())
  useEffect(() => {
    if (!initial && years?.length && !years.includes(year)) setYear(years[0])
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [years])
  const choices = [...new Set([...(years ?? []), year])].sort((a, b) => b - a)
  return { year, setYear, choices }
}

/** Budget, realisation and reach per line; the same table on screen and on paper. */
export function SummaryTable({ lines, first, dense }: { lines: SummaryLine[]; first: string; dense?: boolean }) {
  const t = useT()
  const pct = pctOf(dense)
  const total = lines.reduce((a, l) => ({ programmes: a.programmes + l.programmes, budget: a.budget + l.budget, realisation: a.realisation + l.realisation }), { programmes: 0, budget: 0, realisation: 0 })
  return (
    <Table withTableBorder withColumnBorders fz={dense ? 'xs' : 'sm'} verticalSpacing={dense ? 2 : 'xs'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{first}</Table.Th>
          <Table.Th ta="right">{t('summary.programmes')}</Table.Th>
          <Table.Th ta="right">{t('summary.budget')}</Table.Th>
          <Table.Th ta="right">{t('summary.realisation')}</Table.Th>
          <Table.Th ta="right">{t('summary.absorption')}</Table.Th>
          <Table.Th ta="right">{t('summary.reached')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((l) => (
          <Table.Tr key={l.key}>
            <Table.Td>{l.label}</Table.Td>
            <Table.Td ta="right">{l.programmes}</Table.Td>
            <Table.Td ta="right" style={NOWRAP}>{formatRupiah(l.budget)}</Table.Td>
            <Table.Td ta="right" style={NOWRAP}>{formatRupiah(l.realisation)}</Table.Td>
            <Table.Td ta="right">{pct(ratio(l.realisation, l.budget))}</Table.Td>
            <Table.Td ta="right">{l.posyanduReached}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={700}>
          <Table.Td>{t('summary.total')}</Table.Td>
          <Table.Td ta="right">{total.programmes}</Table.Td>
          <Table.Td ta="right" style={NOWRAP}>{formatRupiah(total.budget)}</Table.Td>
          <Table.Td ta="right" style={NOWRAP}>{formatRupiah(total.realisation)}</Table.Td>
          <Table.Td ta="right">{pct(ratio(total.realisation, total.budget))}</Table.Td>
          <Table.Td />
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  )
}

export function CoverageTable({ s, dense }: { s: ProgrammeSummary; dense?: boolean }) {
  const t = useT()
  const pct = pctOf(dense)
  return (
    <Table withTableBorder withColumnBorders fz={dense ? 'xs' : 'sm'} verticalSpacing={dense ? 2 : 'xs'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('summary.kecamatan')}</Table.Th>
          <Table.Th ta="right">{t('summary.posyandu')}</Table.Th>
          <Table.Th ta="right">{t('summary.reached')}</Table.Th>
          <Table.Th ta="right">{t('summary.coverage')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {s.byKecamatan.map((k) => (
          <Table.Tr key={k.code}>
            <Table.Td>{k.name}</Table.Td>
            <Table.Td ta="right">{k.posyandu}</Table.Td>
            <Table.Td ta="right">{k.reached}</Table.Td>
            <Table.Td ta="right">{pct(k.ratio)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr fw={700}>
          <Table.Td>{t('summary.total')}</Table.Td>
          <Table.Td ta="right">{s.totals.posyanduTotal}</Table.Td>
          <Table.Td ta="right">{s.totals.posyanduReached}</Table.Td>
          <Table.Td ta="right">{pct(ratio(s.totals.posyanduReached, s.totals.posyanduTotal))}</Table.Td>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  )
}

/** Budget beside realisation per line; bars run sideways so long names (SPM fields, SKPD) stay readable. */
export function MoneyChart({ lines, compact }: { lines: SummaryLine[]; compact?: boolean }) {
  const t = useT()
  return (
    <BarChart
      h={(compact ? 30 : 40) + lines.length * (compact ? 26 : 38)}
      data={lines.map((l) => ({ label: l.label, budget: l.budget, realisation: l.realisation }))}
      dataKey="label"
      orientation="vertical"
      series={[
        { name: 'budget', label: t('summary.budget'), color: 'teal.6' },
        { name: 'realisation', label: t('summary.realisation'), color: 'orange.5' },
      ]}
      valueFormatter={(v) => formatRupiah(v)}
      xAxisProps={{ tickFormatter: compact ? juta : millions }}
      yAxisProps={{ width: compact ? 150 : 190, interval: 0, tick: { fontSize: compact ? 9 : 12 } }}
      maxBarWidth={compact ? 10 : 16}
      withLegend
      legendProps={{ verticalAlign: 'top', height: 30 }}
      gridAxis="x"
      withTooltip={!compact}
      {...(compact ? { barChartProps: { barGap: 1 } } : {})}
    />
  )
}

export function Summary() {
  const t = useT()
  const ref = useReference().data
  const { year, setYear, choices } = useSummaryYear()
  const [framework, setFramework] = useState<Framework | null>(null)
  const f = framework ?? ref?.framework ?? 'phi'
  const summary = useOp('programme.summary', { fiscalYear: year })
  const s = summary.data
  const first = f === 'spm' ? t('fields.spmField') : f === 'ilp' ? t('framework.ilp') : t('fields.phiPart')
  return (
    <Stack>
      <OpState op={summary} />
      <Group justify="space-between">
        <Title order={3}>{t('summary.title')}</Title>
        <Group>
          <Select searchable aria-label={t('summary.year')} data={choices.map(String)} value={String(year)} onChange={(v) => v && setYear(Number(v))} w={110} />
          <Button leftSection={<IconPrinter size={18} />} variant="light" onClick={() => navigate(`program/ringkasan/cetak/${year}/${f}`)}>{t('summary.print')}</Button>
        </Group>
      </Group>
      {!s ? (
        <Loader />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label={t('summary.programmes')} value={screenNumber(s.totals.programmes)} />
            <Stat label={t('summary.budget')} value={formatRupiah(s.totals.budget)} />
            <Stat label={t('summary.realisation')} value={`${formatRupiah(s.totals.realisation)} (${pctOf()(ratio(s.totals.realisation, s.totals.budget))})`} />
            <Stat label={t('summary.reached')} value={`${s.totals.posyanduReached} / ${s.totals.posyanduTotal}`} />
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="sm">{t('summary.bySkpd')}</Title>
            <MoneyChart lines={s.bySkpd} />
            <SummaryTable lines={s.bySkpd} first={t('fields.skpd')} />
          </Card>
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={4}>{t('summary.byPart')}</Title>
              <SegmentedControl
                value={f}
                onChange={(x) => setFramework(x as Framework)}
                data={(['phi', 'spm', 'ilp'] as const).map((x) => ({ value: x, label: t(`framework.${x}`) }))}
              />
            </Group>
            <MoneyChart lines={linesOf(s, f)} />
            <SummaryTable lines={linesOf(s, f)} first={first} />
            {f === 'ilp' && <Text size="xs" c="dimmed" mt={4}>{t('summary.lifeStageNote')}</Text>}
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">{t('summary.byKecamatan')}</Title>
            <CoverageTable s={s} />
          </Card>
        </>
      )}
    </Stack>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fw={700} size="lg">{value}</Text>
    </Card>
  )
}
