import { Table, Text, Title, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../components/files'
import { useOp } from '../../hooks'
import { countsText } from './labels'
import { screenDateTime, screenNumber } from '../../i18n/months'
import { OpState } from '../../components/LoadState'

export function History() {
  const { t } = useTranslation('pertukaran')
  const log = useOp('exchange.history', { limit: 200 })
  return (
    <Stack>
      <OpState op={log} />
      <Title order={4}>{t('history.title')}</Title>
      {log.data?.length === 0 && <Text c="dimmed">{t('history.none')}</Text>}
      {!!log.data?.length && (
        <Table.ScrollContainer minWidth={820} className="sticky-first">
        <Table striped withTableBorder data-testid="history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.when')}</Table.Th>
              <Table.Th>{t('history.direction')}</Table.Th>
              <Table.Th>{t('history.office')}</Table.Th>
              <Table.Th>{t('history.seq')}</Table.Th>
              <Table.Th>{t('history.rows')}</Table.Th>
              <Table.Th>{t('history.size')}</Table.Th>
              <Table.Th>{t('history.status')}</Table.Th>
              <Table.Th>{t('history.file')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{screenDateTime(b.processedAt)}</Table.Td>
                <Table.Td>{t(`history.${b.direction}`)}</Table.Td>
                <Table.Td>{b.peerName ?? b.peerCode}</Table.Td>
                <Table.Td>{b.seq}</Table.Td>
                <Table.Td><Text size="sm">{screenNumber(b.rows)}</Text><Text size="xs" c="dimmed">{countsText(b.counts)}</Text></Table.Td>
                <Table.Td>{formatBytes(b.sizeBytes)}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600} c={b.status === 'dibuat' ? 'yellow.8' : 'teal.8'}>{t(`history.st.${b.status}`)}</Text>
                  {!!b.rejected.length && <Text size="xs" c="red">{t('history.rejected', { n: b.rejected.length, count: b.rejected.length })}</Text>}
                </Table.Td>
                <Table.Td><Text size="xs" ff="monospace">{b.fileName}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
