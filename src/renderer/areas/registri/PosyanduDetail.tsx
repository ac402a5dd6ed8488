import { Badge, Button, Card, Group, Loader, Stack, Table, Tabs, Text, Title } from '@mantine/core'
import { IconEdit, IconTrash, IconUserPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callWithNotice, useOp } from '../../hooks'
import { confirmDelete } from '../../components/confirm'
import { navigate } from '../../router'
import { AuditTable } from './AuditTable'
import { useCan } from '../../session'
import { fmtDate, ModelBadges, NS, StatusBadge } from './shared'

/** One posyandu: its kader, membership history and change history. */
export function PosyanduDetail({ id }: { id: string }) {
  const { t } = useTranslation(NS)
  const d = useOp('registry.posyanduGet', { id })
  const [tab, setTab] = useState<string | null>(null)
  const can = useCan()
  if (!d.data) return d.error ? <Text c="red">{d.error.message}</Text> : <Loader />
  const { posyandu: p, kader, memberships } = d.data
  const remove = async () => {
    if (!(await confirmDelete(`${t('posyandu.one')} ${p.name} (${p.desaName}, ${p.kecamatanName})`, t('posyandu.deleteKader', { n: kader.length, count: kader.length })))) return
    if (await callWithNotice('registry.posyanduDelete', { id }, t('posyandu.deleted'))) (setTab('audit'), void d.reload())
  }
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={3}>{p.name}</Title>
            <StatusBadge status={p.status} deleted={p.deletedAt} />
            <ModelBadges phi={p.isPhiModel} ilp={p.isIlp} spm={p.isSpmPilot} />
          </Group>
          <Text c="dimmed" size="sm">
            {[p.address, p.rt && `RT ${p.rt}`, p.rw && `RW ${p.rw}`, `Desa/Kel. ${p.desaName}`, `Kec. ${p.kecamatanName}`, p.yearFounded && t('posyandu.founded', { year: p.yearFounded })].filter(Boolean).join(' · ')}
          </Text>
          {p.isPhiModel && <Text size="sm">{t('posyandu.phiDecree')}: {p.phiDecree}</Text>}
          {p.status === 'nonaktif' && <Text size="sm" c="orange">{t('status.nonaktif')} {fmtDate(p.statusDate)}: {p.statusReason}</Text>}
        </div>
        {!p.deletedAt && (
          <Group gap="xs">
            {can('registry.kaderSave') && <Button leftSection={<IconUserPlus size={16} />} onClick={() => navigate(`registri/kader/baru/${id}`)}>{t('list.addKader')}</Button>}
            {can('registry.posyanduSave') && <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => navigate(`registri/posyandu/${id}/ubah`)}>{t('common:action.edit')}</Button>}
            {can('registry.posyanduDelete') && <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={remove}>{t('common:action.delete')}</Button>}
          </Group>
        )}
      </Group>
      <Card withBorder p={0}>
        <Tabs value={tab ?? (p.deletedAt ? 'audit' : 'kader')} onChange={setTab}>
          <Tabs.List>
            <Tabs.Tab value="kader">{t('posyandu.tabKader', { n: kader.length })}</Tabs.Tab>
            <Tabs.Tab value="history">{t('posyandu.tabHistory')}</Tabs.Tab>
            <Tabs.Tab value="audit">{t('posyandu.tabAudit')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="kader" p="sm">
            <Table.ScrollContainer minWidth={640} className="sticky-first">
            <Table highlightOnHover striped data-testid="posyandu-kader">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('col.name')}</Table.Th><Table.Th>{t('col.nik')}</Table.Th><Table.Th>{t('col.role')}</Table.Th><Table.Th>{t('col.birth')}</Table.Th><Table.Th>{t('col.status')}</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {kader.map((k) => (
                  <Table.Tr key={k.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`registri/kader/${k.id}`)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate(`registri/kader/${k.id}`)}>
                    <Table.Td>{k.name}</Table.Td><Table.Td ff="monospace">{k.nik}</Table.Td><Table.Td>{t(`role.${k.role}`)}</Table.Td>
                    <Table.Td>{fmtDate(k.birthDate)}</Table.Td><Table.Td><StatusBadge status={k.active} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </Table.ScrollContainer>
            {kader.length === 0 && <Text c="dimmed" size="sm" p="sm">{t('common:state.empty')}</Text>}
          </Tabs.Panel>
          <Tabs.Panel value="history" p="sm">
            <Table.ScrollContainer minWidth={640} className="sticky-first">
            <Table striped>
              <Table.Thead><Table.Tr><Table.Th>{t('col.name')}</Table.Th><Table.Th>{t('col.from')}</Table.Th><Table.Th>{t('col.to')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {memberships.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.kaderName} {m.deletedAt && <Badge color="red" size="xs">{t('status.deleted')}</Badge>}</Table.Td>
                    <Table.Td>{fmtDate(m.fromDate)}</Table.Td><Table.Td>{fmtDate(m.toDate) || '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </Table.ScrollContainer>
          </Tabs.Panel>
          <Tabs.Panel value="audit" p="sm">
            <AuditTable table="posyandu" id={id} deletedAt={p.deletedAt} onRestored={() => void d.reload()} />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </Stack>
  )
}
