import { Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRupiah } from '../../../shared/format'
import { useOp } from '../../hooks'
import { screenNumber } from '../../i18n/months'
import { OpState } from '../../components/LoadState'

export function Recap() {
  const { t } = useTranslation('honor')
  const [year, setYear] = useState<number | string>(new Date().getFullYear())
  const recap = useOp('honor.recap', { year: Number(year) || new Date().getFullYear() })
  const r = recap.data
  const money = (n: number) => <Table.Td ta="right">{formatRupiah(n)}</Table.Td>
  return (
    <Stack>
      <OpState op={recap} />
      <Group align="flex-end">
        <NumberInput label={t('list.year')} value={year} onChange={setYear} min={2000} max={2100} w={160} />
        <Text size="sm" c="dimmed">{t('recap.note')}</Text>
      </Group>
      <Title order={4}>{t('recap.title')}</Title>
      {!r || r.byKecamatan.length === 0 ? <Text c="dimmed">{t('recap.none')}</Text> : (
        <Table.ScrollContainer minWidth={720} className="sticky-first">
        <Table striped withTableBorder data-testid="recap-kecamatan">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('col.kecamatan')}</Table.Th>
              <Table.Th ta="right">{t('col.persons')}</Table.Th>
              <Table.Th ta="right">{t('list.lines')}</Table.Th>
              <Table.Th ta="right">{t('col.gross')}</Table.Th>
              <Table.Th ta="right">{t('col.tax')}</Table.Th>
              <Table.Th ta="right">{t('col.net')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.byKecamatan.map((k) => (
              <Table.Tr key={k.kecamatanCode}>
                <Table.Td>{k.kecamatanName}</Table.Td>
                <Table.Td ta="right">{screenNumber(k.persons)}</Table.Td>
                <Table.Td ta="right">{screenNumber(k.lines)}</Table.Td>
                {money(k.gross)}
                {money(k.tax)}
                {money(k.net)}
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('detail.total')}</Table.Td>
              <Table.Td ta="right">{screenNumber(r.total.persons)}</Table.Td>
              <Table.Td ta="right">{screenNumber(r.total.lines)}</Table.Td>
              {money(r.total.gross)}
              {money(r.total.tax)}
              {money(r.total.net)}
            </Table.Tr>
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4}>{t('recap.byYear')}</Title>
      <Table.ScrollContainer minWidth={720} className="sticky-first">
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.year')}</Table.Th>
            <Table.Th ta="right">{t('col.lists')}</Table.Th>
            <Table.Th ta="right">{t('col.gross')}</Table.Th>
            <Table.Th ta="right">{t('col.tax')}</Table.Th>
            <Table.Th ta="right">{t('col.net')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(r?.byYear ?? []).map((y) => (
            <Table.Tr key={y.year}>
              <Table.Td>{y.year}</Table.Td>
              <Table.Td ta="right">{y.lists}</Table.Td>
              {money(y.gross)}
              {money(y.tax)}
              {money(y.net)}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}
