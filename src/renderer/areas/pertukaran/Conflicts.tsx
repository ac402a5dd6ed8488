import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ConflictEntry } from '../../../shared/contract/exchange'
import { callWithNotice, useOp } from '../../hooks'
import { tableLabel } from './labels'
import { OpState } from '../../components/LoadState'
import { screenDateTime } from '../../i18n/months'
import { useCan } from '../../session'

const HIDDEN = new Set(['id', 'scope', 'hlc', 'origin', 'created_at', 'updated_at'])
const show = (v: unknown) => (v === null || v === undefined ? '—' : String(v))

/** Only the fields where the two versions differ, plus the revision. */
function Diff({ c }: { c: ConflictEntry }) {
  const { t } = useTranslation('pertukaran')
  const keys = Object.keys(c.loser).filter((k) => !HIDDEN.has(k) && (k === 'rev' || !c.winner || show(c.winner[k]) !== show(c.loser[k])))
  return (
    <Table withTableBorder>
      <Table.Thead>
        <Table.Tr><Table.Th>{t('conflicts.field')}</Table.Th><Table.Th>{t('conflicts.winner')}</Table.Th><Table.Th>{t('conflicts.loser')}</Table.Th></Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {keys.map((k) => (
          <Table.Tr key={k}>
            <Table.Td>{t(`registri:field.${k}`, { defaultValue: k.replace(/_/g, ' ') })}</Table.Td>
            <Table.Td>{c.winner ? show(c.winner[k]) : '—'}</Table.Td>
            <Table.Td c="red">{show(c.loser[k])}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function Conflicts() {
  const { t } = useTranslation('pertukaran')
  const list = useOp('exchange.conflicts', { status: 'terbuka' })
  const peers = useOp('exchange.peers', {})
  const can = useCan()
  const peerName = (code: string) => peers.data?.find((p) => p.wilayahCode === code)?.name ?? code
  const act = async (op: 'exchange.conflictReapply' | 'exchange.conflictDismiss', id: string, msg: string) => {
    if (await callWithNotice(op, { id }, msg)) void list.reload()
  }
  return (
    <Stack maw={1000}>
      <OpState op={list} />
      <Title order={4}>{t('conflicts.title')}</Title>
      <Text size="sm" c="dimmed">{t('conflicts.intro')}</Text>
      {list.data?.length === 0 && <Text>{t('conflicts.none')}</Text>}
      {list.data?.map((c) => (
        <Card withBorder key={c.id}>
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Text fw={600}>{tableLabel(c.table)} · {show(c.loser.name ?? c.loser.person_name ?? c.loser.title ?? t('conflicts.unnamed'))}</Text>
              <Badge color="orange" variant="light">{t(`conflicts.kind.${c.kind}`)}</Badge>
              <Text size="sm" c="dimmed">{t('conflicts.from', { code: peerName(c.peerCode) })} · {screenDateTime(c.detectedAt)}</Text>
            </Group>
            {can('exchange.conflictReapply') && <Group gap="xs">
              <Button size="xs" onClick={() => act('exchange.conflictReapply', c.id, t('conflicts.reapplied'))}>{t('conflicts.reapply')}</Button>
              <Button size="xs" variant="subtle" color="gray" onClick={() => act('exchange.conflictDismiss', c.id, t('conflicts.dismissed'))}>{t('conflicts.dismiss')}</Button>
            </Group>}
          </Group>
          <Diff c={c} />
        </Card>
      ))}
    </Stack>
  )
}
