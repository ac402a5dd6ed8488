import { Badge, Card, Loader, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useOp } from '../../hooks'
import { navigate } from '../../router'
import { fmtDate, NS } from './shared'

/** Kader that may be the same person, for a person to review; nothing is merged. */
export function Duplicates() {
  const { t } = useTranslation(NS)
  const dup = useOp('registry.duplicates', { limit: 200 })
  return (
    <Stack maw={1100}>
      <Title order={3}>{t('dup.title')}</Title>
      <Text size="sm">{t('dup.intro')}</Text>
      {dup.loading && <Loader />}
      {dup.data?.length === 0 && <Text c="dimmed">{t('dup.none')}</Text>}
      {dup.data?.map((g) => (
        <Card withBorder key={`${g.kind}${g.key}`}>
          <Stack gap="xs">
            <Text fw={600}><Badge mr="xs" color={g.kind === 'nik' ? 'red' : 'orange'}>{t(`dup.${g.kind}`)}</Badge>{g.reason}</Text>
            <Table highlightOnHover>
              <Table.Tbody>
                {g.members.map((m) => (
                  <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`registri/kader/${m.id}`)}>
                    <Table.Td>{m.name}</Table.Td><Table.Td ff="monospace">{m.nik}</Table.Td><Table.Td>{fmtDate(m.birthDate)}</Table.Td>
                    <Table.Td>{m.posyanduName}</Table.Td><Table.Td>{m.desaName}</Table.Td><Table.Td>{m.kecamatanName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}
