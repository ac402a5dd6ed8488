import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useOp } from '../../hooks'
import type { AreaDef } from '../types'

function About() {
  const { t } = useTranslation()
  const { data } = useOp('app.info', {})
  return (
    <Stack maw={820}>
      <Title order={2}>{t('about.title')}</Title>
      <Text c="dimmed">{t('app.tagline')}</Text>
      <Card withBorder>
        <Table>
          <Table.Tbody>
            <Table.Tr><Table.Th w={260}>{t('about.version')}</Table.Th><Table.Td data-testid="app-version">{data?.version}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('about.schema')}</Table.Th><Table.Td>{data?.schemaVersion}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('about.wilayah')}</Table.Th><Table.Td>{data?.wilayahVersion}</Table.Td></Table.Tr>
            <Table.Tr><Table.Th>{t('about.dataFile')}</Table.Th><Table.Td style={{ wordBreak: 'break-all' }}>{data?.dataFile}</Table.Td></Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      <Title order={3}>{t('about.licences')}</Title>
      <Text>{t('about.wilayahCredit')}</Text>
      <Text size="sm" c="dimmed">
        <Anchor href="https://opendatacommons.org/licenses/odbl/1-0/" target="_blank" rel="noreferrer">ODbL 1.0</Anchor> · github.com/fityannugroho/idn-area-data
      </Text>
      <Text>{t('about.software')}</Text>
      <Text size="sm">Simpul © 2026 — MIT.</Text>
    </Stack>
  )
}

export const area: AreaDef = { id: 'tentang', order: 100, icon: IconInfoCircle, component: About }
