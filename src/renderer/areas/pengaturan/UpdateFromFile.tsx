import { Alert, Button, Card, FileButton, Group, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconShieldCheck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { readFileBase64 } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'

/** For offices without internet: an installer and its signature file from a USB stick. */
export function UpdateFromFile() {
  const [installer, setInstaller] = useState<File | null>(null)
  const [signature, setSignature] = useState<File | null>(null)
  const [done, setDone] = useState<{ version: string; path: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const settings = useOp('settings.get', {})
  const [url, setUrl] = useState('')
  useEffect(() => setUrl(settings.data?.['update.url'] ?? ''), [settings.data])
  const urlError = url && !/^https:\/\/\S+$/.test(url) ? 'Alamat harus diawali https://' : null
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
        <Title order={3}>Perbarui dari berkas</Title>
        <Text size="sm">
          Untuk kantor tanpa internet: salin penginstal Simpul dan berkas tanda tangannya (.simpul-sig) dari flashdisk. Simpul memeriksa tanda
          tangan dan sidik (SHA-256) sebelum memasang; berkas yang diubah atau bukan dari pembuat Simpul ditolak.
        </Text>
        <Group>
          <FileButton onChange={setInstaller}>{(p) => <Button variant="default" {...p}>{installer ? installer.name : 'Pilih penginstal'}</Button>}</FileButton>
          <FileButton onChange={setSignature} accept=".simpul-sig,application/json">
            {(p) => <Button variant="default" {...p}>{signature ? signature.name : 'Pilih tanda tangan (.simpul-sig)'}</Button>}
          </FileButton>
          <Button leftSection={<IconShieldCheck size={18} />} disabled={!installer || !signature} loading={busy} onClick={() => void check()}>
            Periksa dan pasang
          </Button>
        </Group>
        <Group align="flex-end">
          <TextInput
            label="Server pembaruan (opsional, bila kantor punya internet)"
            placeholder="https://pembaruan.contoh.go.id/simpul/"
            value={url}
            error={urlError}
            onChange={(e) => setUrl(e.currentTarget.value.trim())}
            w={420}
          />
          <Button variant="default" disabled={!!urlError} onClick={() => void callWithNotice('settings.set', { key: 'update.url', value: url }, 'Server pembaruan tersimpan; diperiksa saat Simpul dibuka')}>
            Simpan alamat
          </Button>
        </Group>
        {done && <Alert color="green">Versi {done.version} sah dan disimpan di {done.path}. Penginstal dijalankan; tutup Simpul bila diminta.</Alert>}
      </Stack>
    </Card>
  )
}
