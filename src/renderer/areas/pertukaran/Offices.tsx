import { Alert, Badge, Button, Card, FileInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconAlertTriangle, IconDownload, IconKey, IconUserPlus } from '@tabler/icons-react'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CardPreview } from '../../../shared/contract/exchange'
import { downloadBase64, readFileBase64 } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'
import { ApiError, call } from '../../api'
import { ask } from '../../components/confirm'
import { OpState } from '../../components/LoadState'
import { failedTitle, issueText } from '../../i18n/errors'
import { useCan } from '../../session'

export function Offices() {
  const { t } = useTranslation('pertukaran')
  const can = useCan()
  const self = useOp('exchange.officeCard', {}, can('exchange.officeCard'))
  const peers = useOp('exchange.peers', {})
  const [card, setCard] = useState<{ base64: string; preview: CardPreview } | null>(null)
  const [file, setFile] = useState<File | null>(null)
  // What the other office's operator reads over the phone, typed here; core compares it with the card.
  const [typed, setTyped] = useState('')
  const [mismatch, setMismatch] = useState<string | null>(null)

  const choose = async (f: File | null) => {
    setFile(f)
    setCard(null)
    setTyped('')
    setMismatch(null)
    if (!f) return
    const base64 = await readFileBase64(f)
    const preview = await callWithNotice('exchange.cardPreview', { base64 })
    if (preview) setCard({ base64, preview })
  }
  const enrol = async () => {
    if (!card) return
    setMismatch(null)
    let peer
    try {
      peer = await call('exchange.enrol', { base64: card.base64, fingerprint: typed })
    } catch (e) {
      const err = e as ApiError
      if (err.code === 'FINGERPRINT_MISMATCH') return setMismatch(t('enrol.mismatch'))
      return notifications.show({ color: 'red', title: failedTitle(), message: err.message, autoClose: 8000 })
    }
    notifications.show({ color: 'green', message: t('enrol.done', { name: card.preview.name }) })
    if (peer) {
      setCard(null)
      setFile(null)
      void peers.reload()
    }
  }

  return (
    <Stack>
      <OpState op={peers} />
      {can('exchange.officeCard') && <Card withBorder>
        <Stack gap="xs">
          <Title order={4}>{t('self.title')}</Title>
          {self.data && (
            <>
              <Text>
                {self.data.name} · {self.data.wilayahCode} · {t(`common:shell.level.${self.data.level}`)}
              </Text>
              <Group gap="xs">
                <Text c="dimmed">{t('self.fingerprint')}:</Text>
                <Text ff="monospace" fw={700} size="xl" data-testid="self-fingerprint">{self.data.fingerprint}</Text>
              </Group>
              <Text size="sm" c="dimmed">{t('self.hint')}</Text>
              <Group>
                <Button leftSection={<IconDownload size={18} />} onClick={() => downloadBase64(self.data!.base64, self.data!.fileName, 'application/json')}>
                  {t('self.download')}
                </Button>
                {can('exchange.rekey') && <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconKey size={18} />}
                  onClick={async () => {
                    if (!(await ask({ title: t('self.rekey', { defaultValue: t('self.rekeyConfirm') }), message: t('self.rekeyConfirm'), danger: true }))) return
                    const info = await callWithNotice('exchange.rekey', {})
                    if (info) (notifications.show({ color: 'green', message: t('self.rekeyDone', { fp: info.fingerprint }) }), void self.reload())
                  }}
                >
                  {t('self.rekey')}
                </Button>}
              </Group>
            </>
          )}
        </Stack>
      </Card>}

      {can('exchange.enrol') && <Card withBorder>
        <Stack gap="xs">
          <Title order={4}>{t('enrol.title')}</Title>
          <FileInput label={t('enrol.file')} placeholder={t('enrol.filePlaceholder')} value={file} onChange={choose} clearable maw={480} data-testid="card-file" />
          {card && (
            <Stack gap="xs">
              <Text>
                <b>{card.preview.name}</b> · {card.preview.wilayahCode} · {t(`common:shell.level.${card.preview.level}`)}
              </Text>
              <Text size="sm">{t('enrol.check')}</Text>
              {card.preview.problem && <Alert color="red" icon={<IconAlertTriangle />}>{issueText({ message: card.preview.problem, msg: card.preview.problemMsg ?? undefined })}</Alert>}
              {card.preview.existing && !card.preview.keysChanged && <Alert color="blue">{t('enrol.existing')}</Alert>}
              {card.preview.keysChanged && <Alert color="orange" icon={<IconAlertTriangle />}>{t('enrol.keysChanged')}</Alert>}
              {!card.preview.problem && (
                <>
                  <TextInput
                    label={t('enrol.typed')}
                    description={t('enrol.typedHint')}
                    placeholder="XXXX-XXXX-XXXX-XXXX"
                    value={typed}
                    onChange={(e) => (setTyped(e.currentTarget.value.toUpperCase()), setMismatch(null))}
                    error={mismatch}
                    maw={320}
                    autoComplete="off"
                    styles={{ input: { fontFamily: 'monospace', letterSpacing: 1 } }}
                    data-testid="typed-fingerprint"
                  />
                  <Group>
                    <Button leftSection={<IconUserPlus size={18} />} disabled={typed.replace(/[^A-Za-z0-9]/g, '').length !== 16} onClick={enrol}>{t('enrol.submit')}</Button>
                  </Group>
                </>
              )}
            </Stack>
          )}
        </Stack>
      </Card>}

      <Title order={4}>{t('peers.title')}</Title>
      {peers.data?.length === 0 && <Text c="dimmed">{t('peers.none')}</Text>}
      {!!peers.data?.length && (
        <Table.ScrollContainer minWidth={760} className="sticky-first">
        <Table striped withTableBorder data-testid="peers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('peers.code')}</Table.Th>
              <Table.Th>{t('peers.name')}</Table.Th>
              <Table.Th>{t('peers.level')}</Table.Th>
              <Table.Th>{t('self.fingerprint')}</Table.Th>
              <Table.Th>{t('peers.status')}</Table.Th>
              <Table.Th>{t('peers.seq')}</Table.Th>
              {can('exchange.revoke') && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {peers.data.map((p) => (
              <Table.Tr key={p.wilayahCode}>
                <Table.Td>{p.wilayahCode}</Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td>{t(`common:shell.level.${p.level}`)}</Table.Td>
                <Table.Td ff="monospace">{p.fingerprint}</Table.Td>
                <Table.Td>
                  <Badge color={p.status === 'active' ? 'teal' : 'red'} variant="light">{t(`peers.${p.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{t('peers.seqText', { sent: p.lastSentSeq, acked: p.ackedSeq, received: p.lastReceivedSeq })}</Table.Td>
                {can('exchange.revoke') && <Table.Td>
                  {p.status === 'active' && (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={async () => {
                        if (!(await ask({ title: t('peers.revoke'), message: t('peers.revokeConfirm', { name: p.name }), confirmLabel: t('peers.revoke'), danger: true }))) return
                        await callWithNotice('exchange.revoke', { wilayahCode: p.wilayahCode }, t('peers.revoked_done'))
                        void peers.reload()
                      }}
                    >
                      {t('peers.revoke')}
                    </Button>
                  )}
                </Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  )
}
