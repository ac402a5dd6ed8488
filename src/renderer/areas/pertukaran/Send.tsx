import { Alert, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconDownload, IconPackageExport } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ExportResult } from '../../../shared/contract/exchange'
import { downloadBase64, formatBytes } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'
import { countsText } from './labels'

/** A size a person can act on: which channel the file fits. */
const shareHint = (bytes: number) => (bytes <= 2 * 1024 * 1024 ? 'send.small' : bytes <= 25 * 1024 * 1024 ? 'send.medium' : 'send.large')

export function Send() {
  const { t } = useTranslation('pertukaran')
  const peers = useOp('exchange.peers', {})
  const [to, setTo] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ExportResult | null>(null)
  const active = (peers.data ?? []).filter((p) => p.status === 'active')

  const create = async () => {
    if (!to) return
    setBusy(true)
    const res = await callWithNotice('exchange.bundleExport', { to }, t('send.done'))
    setBusy(false)
    if (res?.base64) {
      setResult(res)
      downloadBase64(res.base64, res.fileName)
    }
  }

  return (
    <Stack maw={760}>
      <Title order={4}>{t('send.title')}</Title>
      {peers.data && !active.length && <Alert color="gray">{t('send.noPeers')}</Alert>}
      <Group align="end">
        <Select
          searchable
          label={t('send.to')}
          placeholder={t('send.pick')}
          data={active.map((p) => ({ value: p.wilayahCode, label: `${p.name} (${p.wilayahCode})` }))}
          value={to}
          onChange={(v) => (setTo(v), setResult(null))}
          w={380}
        />
        <Button leftSection={<IconPackageExport size={18} />} onClick={create} loading={busy} disabled={!to}>
          {t('send.create')}
        </Button>
      </Group>
      {result && (
        <Card withBorder data-testid="export-result">
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th w={160}>{t('send.file')}</Table.Th><Table.Td ff="monospace">{result.fileName}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('send.seq')}</Table.Th><Table.Td>{result.seq}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('send.rows')}</Table.Th><Table.Td>{result.rows} ({countsText(result.counts) || '-'})</Table.Td></Table.Tr>
              <Table.Tr>
                <Table.Th>{t('send.size')}</Table.Th>
                <Table.Td>
                  <Text fw={700} span>{formatBytes(result.sizeBytes)}</Text> — <Text span c="dimmed">{t(shareHint(result.sizeBytes))}</Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group mt="sm">
            <Button variant="light" leftSection={<IconDownload size={18} />} onClick={() => downloadBase64(result.base64!, result.fileName)}>
              {t('send.again')}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  )
}
