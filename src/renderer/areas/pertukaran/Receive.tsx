import { Alert, Badge, Button, Card, Checkbox, FileInput, Group, Progress, ScrollArea, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconFileImport, IconPlayerStop, IconSearch } from '@tabler/icons-react'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BundleInspection, ImportProgress, ImportReport } from '../../../shared/contract/exchange'
import { bundleFileInput, call } from '../../api'
import { formatBytes } from '../../components/files'
import { callWithNotice } from '../../hooks'
import { failedTitle, refusalText } from '../../i18n/errors'
import { screenDateTime } from '../../i18n/months'
import { countsText, noteText, tableLabel } from './labels'

type Opened = BundleInspection & { inboxId: string }

function Counts({ report }: { report: ImportReport }) {
  const { t } = useTranslation('pertukaran')
  const cols = ['new', 'changed', 'unchanged', 'refused', 'conflict', 'rejected'] as const
  return (
    <Table withTableBorder striped data-testid="import-counts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('receive.table')}</Table.Th>
          {cols.map((c) => <Table.Th key={c} ta="right">{t(`receive.${c}`)}</Table.Th>)}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.tables.map((row) => (
          <Table.Tr key={row.table}>
            <Table.Td>{tableLabel(row.table, row.label)}</Table.Td>
            {cols.map((c) => <Table.Td key={c} ta="right" c={row[c] && (c === 'refused' || c === 'conflict') ? 'red' : undefined}>{row[c]}</Table.Td>)}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

export function Receive() {
  const { t } = useTranslation('pertukaran')
  const [file, setFile] = useState<File | null>(null)
  const [opened, setOpened] = useState<Opened | null>(null)
  const [dry, setDry] = useState<ImportReport | null>(null)
  const [done, setDone] = useState<ImportReport | null>(null)
  const [reject, setReject] = useState<Set<string>>(new Set())
  const [running, setRunning] = useState(false)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [dragging, setDragging] = useState(false)

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => void call('exchange.progress', {}).then(setProgress, () => {}), 300)
    return () => clearInterval(timer)
  }, [running])

  const reset = () => (setOpened(null), setDry(null), setDone(null), setReject(new Set()), setProgress(null))
  const choose = async (f: File | null) => {
    setFile(f)
    reset()
    if (!f) return
    let input
    try {
      input = await bundleFileInput(f)
    } catch (e) {
      return notifications.show({ color: 'red', title: failedTitle(), message: (e as Error).message, autoClose: 8000 })
    }
    const res = await callWithNotice('exchange.bundleOpen', input)
    if (res) setOpened(res)
  }
  const run = async (dryRun: boolean) => {
    if (!opened) return
    setRunning(true)
    const rejectList = [...reject].map((k) => ({ table: k.split(':')[0], id: k.slice(k.indexOf(':') + 1) }))
    const res = dryRun
      ? await callWithNotice('exchange.bundleDryRun', { inboxId: opened.inboxId })
      : await callWithNotice('exchange.bundleApply', { inboxId: opened.inboxId, reject: rejectList }, t('receive.applied'))
    setRunning(false)
    if (res) (dryRun ? setDry(res) : setDone(res))
  }
  const m = opened?.manifest
  const report = done ?? dry
  const toggle = (key: string) =>
    setReject((s) => {
      const next = new Set(s)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })

  return (
    <Stack maw={1000}>
      <Title order={4}>{t('receive.title')}</Title>
      <Card
        withBorder
        bg={dragging ? 'teal.0' : undefined}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
          const f = e.dataTransfer.files[0]
          if (f) void choose(f)
        }}
      >
        <Stack gap="xs">
          <Text c="dimmed">{t('receive.drop')}</Text>
          <FileInput label={t('receive.file')} placeholder={t('receive.filePlaceholder')} value={file} onChange={choose} clearable maw={480} accept=".simpul" />
        </Stack>
      </Card>

      {opened && m && (
        <Card withBorder data-testid="manifest">
          <Text fw={600} mb="xs">{t('receive.manifest')}</Text>
          <Table.ScrollContainer minWidth={720} className="sticky-first">
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th w={200}>{t('receive.from')}</Table.Th><Table.Td>{m.from.name} ({t(`common:shell.level.${m.from.level}`, { defaultValue: m.from.level })})</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('receive.to')}</Table.Th><Table.Td>{m.to.name}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('receive.created')}</Table.Th><Table.Td>{screenDateTime(m.createdAt)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('receive.seq')}</Table.Th><Table.Td>{m.seq}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('receive.ack')}</Table.Th><Table.Td>{t('receive.ackText', { n: m.ack })}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('receive.content')}</Table.Th><Table.Td>{t('receive.rowsText', { n: m.rows, count: m.rows })}: {countsText(m.counts) || '-'} · {formatBytes(opened.sizeBytes)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('receive.version')}</Table.Th><Table.Td>{t('receive.versionText', { format: m.format, schema: m.schemaVersion, app: m.appVersion })}</Table.Td></Table.Tr>
              {opened.senderFingerprint && <Table.Tr><Table.Th>{t('receive.senderFp')}</Table.Th><Table.Td ff="monospace">{opened.senderFingerprint}</Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
          {opened.ok ? (
            <Alert mt="sm" color="teal" icon={<IconCircleCheck />}>{t('receive.ok')}</Alert>
          ) : (
            <Alert mt="sm" color="red" icon={<IconAlertTriangle />} data-testid="bundle-refused">{refusalText(opened.code ?? '', opened.message ?? '', undefined, undefined, opened.msg ?? undefined)}</Alert>
          )}
          {opened.ok && !done && (
            <Group mt="sm">
              <Button variant="light" leftSection={<IconSearch size={18} />} onClick={() => run(true)} disabled={running}>{t('receive.dryRun')}</Button>
              {dry && !dry.refusal && (
                <Button leftSection={<IconFileImport size={18} />} onClick={() => run(false)} disabled={running}>
                  {reject.size ? t('receive.applyRejecting', { n: reject.size, count: reject.size }) : t('receive.apply')}
                </Button>
              )}
            </Group>
          )}
        </Card>
      )}

      {running && (
        <Card withBorder>
          <Text size="sm">{progress ? t(`receive.progress.${progress.phase}`) : t('receive.progress.memeriksa')}</Text>
          <Progress value={progress ? (100 * progress.doneBytes) / Math.max(1, progress.totalBytes) : 0} animated my="xs" />
          <Button size="xs" variant="subtle" color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => void call('exchange.cancel', {})}>
            {t('receive.cancel')}
          </Button>
        </Card>
      )}

      {report && (
        <Stack data-testid={done ? 'import-result' : 'dry-run'}>
          <Title order={5}>{done ? t('receive.result') : t('receive.dryRunTitle')}</Title>
          {report.refusal && <Alert color="red" icon={<IconAlertTriangle />}>{refusalText('BUNDLE_UNAUTHORISED', report.refusal, undefined, undefined, report.refusalMsg ?? undefined)}</Alert>}
          <Counts report={report} />
          {done?.backupFile && <Text size="sm" c="dimmed">{t('receive.backup', { file: done.backupFile })}</Text>}
          {!!report.items.length && (
            <>
              <Text fw={600}>{t('receive.items')}</Text>
              <ScrollArea.Autosize mah={360}>
                <Table.ScrollContainer minWidth={720} className="sticky-first">
                <Table striped withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      {!done && <Table.Th>{t('receive.reject')}</Table.Th>}
                      <Table.Th>{t('receive.table')}</Table.Th>
                      <Table.Th>{t('receive.label')}</Table.Th>
                      <Table.Th>{t('receive.scope')}</Table.Th>
                      <Table.Th />
                      <Table.Th>{t('receive.note')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.items.map((i) => {
                      const key = `${i.table}:${i.id}`
                      return (
                        <Table.Tr key={key}>
                          {!done && (
                            <Table.Td>
                              {i.action !== 'refused' && <Checkbox aria-label={`${t('receive.reject')} ${i.label || tableLabel(i.table)}`} checked={reject.has(key)} onChange={() => toggle(key)} />}
                            </Table.Td>
                          )}
                          <Table.Td>{tableLabel(i.table, i.tableLabel)}</Table.Td>
                          <Table.Td>{i.label || t('receive.noLabel', { table: tableLabel(i.table) })}</Table.Td>
                          <Table.Td>{i.scopeName || i.scope}</Table.Td>
                          <Table.Td><Badge variant="light" color={i.action === 'new' ? 'teal' : i.action === 'changed' ? 'blue' : i.action === 'rejected' ? 'gray' : 'red'}>{t(`receive.action.${i.action}`)}</Badge></Table.Td>
                          <Table.Td><Text size="sm">{noteText(i.note, i.noteMsg)}</Text></Table.Td>
                        </Table.Tr>
                      )
                    })}
                  </Table.Tbody>
                </Table>
                </Table.ScrollContainer>
              </ScrollArea.Autosize>
              {report.itemsTotal > report.items.length && <Text size="sm" c="dimmed">{t('receive.itemsMore', { n: report.itemsTotal - report.items.length })}</Text>}
            </>
          )}
          {done && <Group><Button variant="light" onClick={() => (setFile(null), reset())}>{t('receive.another')}</Button></Group>}
        </Stack>
      )}
    </Stack>
  )
}
