import { Alert, Button, Card, Group, Modal, NumberInput, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconDatabaseExport, IconFileZip, IconRestore, IconSettings } from '@tabler/icons-react'
import { notifications } from '@mantine/notifications'
import { downloadBase64, formatBytes } from '../../components/files'
import type { BackupInfo } from '../../../shared/contract/app'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, call } from '../../api'
import { callWithNotice, useOp } from '../../hooks'
import { setLanguage, type Lang } from '../../i18n'
import type { AreaDef } from '../types'
import { LetterheadSettings } from './Letterhead'
import { UpdateFromFile } from './UpdateFromFile'
import { useCan } from '../../session'
import { failedTitle } from '../../i18n/errors'
import { OpState } from '../../components/LoadState'

/** Both offices named by a BACKUP_OTHER_OFFICE refusal. */
interface OtherOffice {
  current: { wilayahCode: string; name: string }
  backup: { wilayahCode: string; name: string }
}

function Settings() {
  // Each part shows only to roles the dispatcher lets through.
  const can = useCan()
  const { t, i18n } = useTranslation()
  const settings = useOp('settings.get', {})
  const backups = useOp('backup.list', {})
  const [keep, setKeep] = useState<number | string>(20)
  const [restoring, setRestoring] = useState<BackupInfo | null>(null)
  // Set when the chosen backup turned out to be another office's: a second, explicit question.
  const [otherOffice, setOtherOffice] = useState<OtherOffice | null>(null)
  const closeRestore = () => (setRestoring(null), setOtherOffice(null))
  const restore = async (confirmOtherOffice: boolean) => {
    if (!restoring) return
    const at = restoring.createdAt.replace('T', ' ')
    try {
      await call('backup.restore', { name: restoring.name, confirmOtherOffice })
    } catch (e) {
      if (e instanceof ApiError && e.code === 'BACKUP_OTHER_OFFICE' && !confirmOtherOffice) return setOtherOffice(e.details as OtherOffice)
      notifications.show({ color: 'red', title: failedTitle(), message: (e as Error).message, autoClose: 8000 })
      return closeRestore()
    }
    notifications.show({ color: 'green', message: t('restore.done', { at }) })
    closeRestore()
    setTimeout(() => window.location.reload(), 800)
  }
  const otherText = otherOffice && {
    at: restoring?.createdAt.replace('T', ' '),
    current: otherOffice.current.name,
    currentCode: otherOffice.current.wilayahCode,
    backup: otherOffice.backup.name,
    backupCode: otherOffice.backup.wilayahCode,
  }
  useEffect(() => {
    if (settings.data) {
      setKeep(Number(settings.data['backup.keep'] ?? 20))
    }
  }, [settings.data])

  const save = async () => {
    await callWithNotice('settings.set', { key: 'backup.keep', value: String(keep) }, t('settings.saved'))
    void settings.reload()
  }

  return (
    <Stack maw={980}>
      <OpState op={backups} />
      <Modal opened={!!restoring} onClose={closeRestore} size={otherText ? 'lg' : 'md'} title={otherText ? t('restore.otherTitle') : t('restore.title')}>
        {otherText ? (
          <Stack data-testid="restore-other-office">
            <Alert color="red" icon={<IconAlertTriangle />}>{t('restore.otherBody', otherText)}</Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={closeRestore}>{t('action.cancel')}</Button>
              <Button color="red" onClick={() => void restore(true)}>{t('restore.otherYes', otherText)}</Button>
            </Group>
          </Stack>
        ) : (
          <Stack>
            <Text size="sm">{t('restore.body', { at: restoring?.createdAt.replace('T', ' '), reason: restoring?.reason })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={closeRestore}>{t('action.cancel')}</Button>
              <Button color="orange" onClick={() => void restore(false)}>{t('restore.yes')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Title order={2}>{t('settings.title')}</Title>
      <Card withBorder>
        <Stack>
          <div>
            <Text fw={500} size="sm" mb={4}>{t('settings.language')}</Text>
            <SegmentedControl
              value={i18n.language}
              onChange={(v) => setLanguage(v as Lang)}
              data={[{ value: 'id', label: 'Bahasa Indonesia' }, { value: 'en', label: 'English' }]}
            />
          </div>
          <NumberInput label={t('settings.keep')} value={keep} onChange={setKeep} min={1} max={200} maw={200} disabled={!can('settings.set')} />
          {can('settings.set') && <Group><Button onClick={save}>{t('action.save')}</Button></Group>}
        </Stack>
      </Card>
      {can('settings.set') && <LetterheadSettings />}
      {can('app.updateFromFile') && <UpdateFromFile />}
      <Title order={3}>{t('settings.backups')}</Title>
      <Group>
        {can('backup.create') && <Button
          leftSection={<IconDatabaseExport size={18} />}
          variant="light"
          onClick={async () => {
            await callWithNotice('backup.create', { reason: 'manual' }, t('settings.backupDone'))
            void backups.reload()
          }}
        >
          {t('settings.backupNow')}
        </Button>}
        {can('app.diagnostics') && <Button
          leftSection={<IconFileZip size={18} />}
          variant="default"
          onClick={async () => {
            const zip = await callWithNotice('app.diagnostics', {})
            if (zip) downloadBase64(zip.dataBase64, zip.fileName, 'application/zip')
          }}
        >
          {t('diagnostics')}
        </Button>}
      </Group>
      <Table striped>
        <Table.Tbody>
          {(backups.data ?? []).map((b) => (
            <Table.Tr key={b.file}>
              <Table.Td>{b.createdAt.replace('T', ' ')}</Table.Td>
              <Table.Td>{b.reason}</Table.Td>
              <Table.Td>{formatBytes(b.sizeBytes)}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{b.file}</Table.Td>
              <Table.Td>
                {can('backup.restore') && (
                  <Button size="xs" variant="subtle" color="orange" leftSection={<IconRestore size={16} />} onClick={() => setRestoring(b)}>
                    {t('action.restore')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

export const area: AreaDef = { id: 'pengaturan', order: 90, icon: IconSettings, component: Settings }
