import { DonutChart } from '@mantine/charts'
import { Button, Card, ColorSwatch, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core'
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react'
import { useState } from 'react'
import { screenPercent } from '../../i18n/months'
import { useTranslation } from 'react-i18next'
import { downloadBase64 } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { yearOptions } from './MonthlyEntry'
import { StratumBadge } from './StratumBadge'
import { LoadState } from '../../components/LoadState'
import { setName, stratumReason } from './explain'

export const LEVEL_COLORS = ['red.6', 'yellow.5', 'teal.6', 'blue.6', 'grape.6']

/** Computed strata of every posyandu in the office's area, with reasons, summaries and charts. */
export function StrataView() {
  const { t } = useTranslation('evaluasi')
  const [year, setYear] = useState(String(new Date().getFullYear() - 1))
  const [rules, setRules] = useState<string | null>(null)
  const [filter, setFilter] = useState('')
  const sets = useOp('evaluation.indicatorSets', {})
  const code = rules ?? sets.data?.[0]?.code
  const strata = useOp('evaluation.strata', { year: Number(year), rules: code }, !!code)
  const d = strata.data
  const rows = (d?.rows ?? []).filter((r) => !filter || `${r.name} ${r.desaName} ${r.kecamatanName}`.toLowerCase().includes(filter.toLowerCase()))
  const donut = d ? [...d.set.levels.map((l, i) => ({ name: l.label, value: d.total.byStratum[l.id], color: LEVEL_COLORS[i] })), { name: t('strata.incomplete'), value: d.total.incomplete, color: 'gray.3' }, { name: t('strata.noData'), value: d.total.noData, color: 'gray.5' }] : []
  const exportXlsx = async () => {
    const out = await callWithNotice('evaluation.exportXlsx', { kind: 'report', year: Number(year), rules: code })
    if (out) downloadBase64(out.base64, out.fileName)
  }
  return (
    <Stack>
      <Group align="flex-end">
        <Select label={t('entry.year')} w={100} value={year} onChange={(v) => v && setYear(v)} data={yearOptions} />
        <Select label={t('entry.rules')} w={360} value={code ?? null} onChange={setRules} data={(sets.data ?? []).map((x) => ({ value: x.code, label: setName(x) }))} />
        <TextInput label={t('entry.posyandu')} placeholder={t('strata.searchPh')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
        <Button leftSection={<IconPrinter size={18} />} variant="light" onClick={() => navigate(`evaluasi/laporan/tahun/${year}/${code}`)}>{t('strata.print')}</Button>
        <Button leftSection={<IconFileSpreadsheet size={18} />} variant="default" onClick={() => void exportXlsx()}>{t('strata.export')}</Button>
      </Group>
      <LoadState loading={strata.loading || sets.loading} error={strata.error ?? sets.error} hasData={!!d} reload={() => void strata.reload()}>
      <Stack>
      {d && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Text fw={600}>{t('strata.aktif')}</Text>
            <Text size="xl" fw={700} data-testid="aktif-pct">{screenPercent(d.total.aktifPct)}</Text>
            <Text size="sm" c="dimmed">{t('strata.ofTotal', { aktif: d.total.aktif, total: d.total.posyandu })}</Text>
            <Group mt="xs" gap="xs">
              {d.set.levels.map((l) => <Text key={l.id} size="sm">{l.label}: <b>{d.total.byStratum[l.id]}</b></Text>)}
              <Text size="sm">{t('strata.noData')}: <b>{d.total.noData}</b></Text>
              <Text size="sm">{t('strata.incomplete')}: <b>{d.total.incomplete}</b></Text>
            </Group>
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">{t('strata.distribution')}</Text>
            <Group align="center" wrap="nowrap">
              <DonutChart h={140} size={120} thickness={22} withLabelsLine={false} withTooltip data={donut} />
              {/* The legend names every slice with its count, so the chart reads without hovering. */}
              <Stack gap={4} data-testid="strata-legend">
                {donut.map((x) => (
                  <Group key={x.name} gap={6} wrap="nowrap">
                    <ColorSwatch color={`var(--mantine-color-${x.color.replace('.', '-')})`} size={12} />
                    <Text size="sm">{x.name}: <b>{x.value}</b></Text>
                  </Group>
                ))}
              </Stack>
            </Group>
          </Card>
        </SimpleGrid>
      )}
      {d && d.kecamatan.length > 1 && (
        <Table.ScrollContainer minWidth={900} className="sticky-first">
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('strata.kecamatan')}</Table.Th><Table.Th>Posyandu</Table.Th>
              {d.set.levels.map((l) => <Table.Th key={l.id}>{l.label}</Table.Th>)}
              <Table.Th>% aktif</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.kecamatan.map((k) => (
              <Table.Tr key={k.code}>
                <Table.Td>{k.name}</Table.Td><Table.Td>{k.posyandu}</Table.Td>
                {d.set.levels.map((l) => <Table.Td key={l.id}>{k.byStratum[l.id]}</Table.Td>)}
                <Table.Td>{screenPercent(k.aktifPct)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {d && (
        <Table.ScrollContainer minWidth={900} className="sticky-first">
        <Table striped withTableBorder data-testid="strata-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Posyandu</Table.Th><Table.Th>{t('strata.desa')}</Table.Th><Table.Th>{t('strata.kecamatan')}</Table.Th>
              <Table.Th>{t('strata.stratum')}</Table.Th><Table.Th>{t('strata.reason')}</Table.Th><Table.Th>{t('strata.score')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, 500).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.name}{r.pilot ? ` (${t('strata.pilot')})` : ''}</Table.Td><Table.Td>{r.desaName}</Table.Td><Table.Td>{r.kecamatanName}</Table.Td>
                <Table.Td><StratumBadge result={r.result} set={d.set} /></Table.Td>
                <Table.Td miw={320}><Text size="sm">{stratumReason(r.result, d.set)}</Text></Table.Td>
                <Table.Td>{r.totalScore ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {rows.length > 500 && <Text size="sm" c="dimmed">500 / {rows.length}</Text>}
      </Stack>
      </LoadState>
    </Stack>
  )
}
