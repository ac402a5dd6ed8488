import { Badge, Button, Card, Group, Loader, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DuplicateGroup } from '../../../shared/contract/registry'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { fmtDate, NS } from './shared'
import { OpState } from '../../components/LoadState'
import { useCan } from '../../session'

/** Kader that may be the same person, for a person to review; nothing is merged. */
export function Duplicates() {
  const { t } = useTranslation(NS)
  const dup = useOp('registry.duplicates', { limit: 200 })
  const [showReviewed, setShowReviewed] = useState(false)
  const groups = (dup.data ?? []).filter((g) => showReviewed || !g.reviewed)
  return (
    <Stack maw={1100}>
      <OpState op={dup} />
      <Title order={3}>{t('dup.title')}</Title>
      <Text size="sm">{t('dup.intro')}</Text>
      <Switch label={t('dup.showReviewed')} checked={showReviewed} onChange={(e) => setShowReviewed(e.currentTarget.checked)} />
      {dup.loading && <Loader />}
      {dup.data && groups.length === 0 && <Text c="dimmed">{t('dup.none')}</Text>}
      {groups.map((g) => <GroupCard key={`${g.kind}${g.key}`} g={g} onReviewed={() => void dup.reload()} />)}
    </Stack>
  )
}

function GroupCard({ g, onReviewed }: { g: DuplicateGroup; onReviewed: () => void }) {
  const { t } = useTranslation(NS)
  const [note, setNote] = useState('')
  const can = useCan()
  const review = async () => {
    const ok = await callWithNotice('registry.duplicateReview', { kind: g.kind, key: g.key, memberIds: g.members.map((m) => m.id), note }, t('dup.reviewedDone'))
    if (ok) onReviewed()
  }
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={600}><Badge mr="xs" color={g.kind === 'nik' ? 'red' : 'orange'}>{t(`dup.${g.kind}`)}</Badge>{g.reason}</Text>
        <Table highlightOnHover>
          <Table.Tbody>
            {g.members.map((m) => (
              <Table.Tr key={m.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`registri/kader/${m.id}`)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate(`registri/kader/${m.id}`)}>
                <Table.Td>{m.name}</Table.Td><Table.Td ff="monospace">{m.nik}</Table.Td><Table.Td>{fmtDate(m.birthDate)}</Table.Td>
                <Table.Td>{m.posyanduName}</Table.Td><Table.Td>{m.desaName}</Table.Td><Table.Td>{m.kecamatanName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {g.reviewed ? (
          <Text size="sm" c="dimmed"><Badge color="gray" mr="xs">{t('dup.reviewed')}</Badge>{g.reviewed.note} · {g.reviewed.at.slice(0, 10)}</Text>
        ) : can('registry.duplicateReview') && (
          <Group align="flex-end">
            <TextInput aria-label={`${t('dup.note')} ${g.key}`} placeholder={t('dup.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} w={360} />
            <Button variant="light" disabled={note.trim().length < 3} onClick={() => void review()}>{t('dup.different')}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  )
}
