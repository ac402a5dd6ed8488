import { Alert, Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core'
import { IconRestore } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { REGISTRY_TABLES } from '../../../shared/contract/registry'
import { callWithNotice, useOp } from '../../hooks'
import { NS } from './shared'
import { screenDateTime } from '../../i18n/months'
import { useCan } from '../../session'

const ACTION_COLOR: Record<string, string> = { create: 'teal', update: 'blue', delete: 'red', restore: 'grape', import: 'cyan' }
const show = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '—'
    : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)
      ? screenDateTime(v)
      : String(v)

/** Who changed what and when for one record; a deleted record can be restored here. */
export function AuditTable({ table, id, deletedAt, onRestored }: { table: (typeof REGISTRY_TABLES)[number]; id: string; deletedAt: string | null; onRestored: () => void }) {
  const { t } = useTranslation(NS)
  const log = useOp('registry.auditFor', { table, id })
  const can = useCan()
  // Coded values read as words on screen (the log keeps the stored code).
  const value = (field: string, v: unknown) => (field === 'sex' && (v === 'L' || v === 'P') ? t(`sex.${v}`) : field === 'role' && typeof v === 'string' ? t(`role.${v}`, { defaultValue: v }) : show(v))
  const restore = async () => {
    const ok = await callWithNotice('registry.restore', { table, id }, t('audit.restored'))
    if (ok) (onRestored(), void log.reload())
  }
  return (
    <Stack gap="sm">
      {deletedAt && (
        <Alert color="red" variant="light">
          <Group justify="space-between">
            <Text size="sm">{t(table === 'posyandu' ? 'posyandu.isDeleted' : 'kader.isDeleted')}</Text>
            {can('registry.restore') && <Button size="xs" color="grape" leftSection={<IconRestore size={16} />} onClick={restore}>{t('audit.restore')}</Button>}
          </Group>
        </Alert>
      )}
      <Table.ScrollContainer minWidth={720} className="sticky-first">
      <Table striped withTableBorder data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.when')}</Table.Th>
            <Table.Th w={140}>{t('audit.who')}</Table.Th>
            <Table.Th w={140}>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(log.data ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{screenDateTime(e.at)}</Table.Td>
              <Table.Td>{e.user}</Table.Td>
              <Table.Td><Badge variant="light" color={ACTION_COLOR[e.action]}>{t(e.action === 'restore' ? 'audit.restore_' : `audit.${e.action}`)}</Badge></Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {(e.action === 'create' ? e.changes.filter((c) => c.after !== null && !['id', 'scope', 'deleted_at'].includes(c.field)) : e.changes).map((c) => (
                    <Text size="xs" key={c.field}>
                      <Code>{t(`field.${c.field}`, { defaultValue: c.field })}</Code> {e.action !== 'create' && <>{value(c.field, c.before)} → </>}<b>{value(c.field, c.after)}</b>
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
      {log.data?.length === 0 && <Text c="dimmed" size="sm">{t('audit.none')}</Text>}
    </Stack>
  )
}
