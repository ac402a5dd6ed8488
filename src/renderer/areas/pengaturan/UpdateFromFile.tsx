import { Alert, Button, Card, FileButton, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconShieldCheck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { readFileBase64 } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'

/** For offices without internet: an installer and its signature file from a USB stick. */
export function UpdateFromFile() {
  const { t } = useTranslation()
  const [installer, setInstaller] = useState<File | null>(null)
  const [signature, setSignature] = useState<File | null>(null)
  const [done, setDone] = useState<{ version: string; path: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const settings = useOp('settings.get', {})
  const [url, setUrl] = useState('')
  useEffect(() => setUrl(settings.data?.['update.url'] ?? ''), [settings.data])
  const urlError = url && !/^https:\/\/\S+$/.test(url) ? t('update.https') : null
  const check = async () => {
    if (!installer || !signature) return
    setBusy(true)
    const res = await callWithNotice('app.updateFromFile', { installerBase64: await readFileBase64(installer), signatureText: await signature.text() })
    setBusy(false)
    if (res) setDone(res)
  }
  return (
    <Card withBorder>
      <Stack>
        <Title order={3}>{t('update.title')}</Title>
        <Text size="sm">{t('update.intro')}</Text>
        <Group>
          <FileButton onChange={setInstaller}>{(p) => <Button variant="default" {...p}>{installer ? installer.name : t('update.pickInstaller')}</Button>}</FileButton>
          <FileButton onChange={setSignature} accept=".simpul-sig,application/json">
            {(p) => <Button variant="default" {...p}>{signature ? signature.name : t('update.pickSignature')}</Button>}
          </FileButton>
          <Button leftSection={<IconShieldCheck size={18} />} disabled={!installer || !signature} loading={busy} onClick={() => void check()}>
            {t('update.check')}
          </Button>
        </Group>
        <Group align="flex-end">
          <TextInput
            label={t('update.server')}
            placeholder="https://pembaruan.contoh.go.id/simpul/"
            value={url}
            error={urlError}
            onChange={(e) => setUrl(e.currentTarget.value.trim())}
            w={420}
          />
          <Button variant="default" disabled={!!urlError} onClick={() => void callWithNotice('settings.set', { key: 'update.url', value: url }, t('update.serverSaved'))}>
            {t('update.serverSave')}
          </Button>
        </Group>
        {done && <Alert color="green">{t('update.done', { version: done.version, path: done.path })}</Alert>}
      </Stack>
    </Card>
  )
}
