import { Alert, Badge, Button, Card, Checkbox, FileInput, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportKind, ImportPreview } from '../../../shared/contract/registry'
import { ApiError, call } from '../../api'
import { downloadBase64, readFileBase64, XLSX_TYPE } from '../../components/files'
import { NS } from './shared'
import { issueText } from '../../i18n/errors'
import type { Msg } from '../../../shared/messages'

/** A row reason in the screen's language: by key when core sent one, else as written. */
const keyedText = (message: string, msg?: Msg | null) => issueText({ message, ...(msg ? { msg } : {}) })

const STATUS_COLOR = { new: 'teal', changed: 'blue', unchanged: 'gray', error: 'red' } as const

/** Spreadsheet import: choose, map columns, preview per row, then apply in one transaction. */
export function ImportPage() {
  const { t } = useTranslation(NS)
  const [kind, setKind] = useState<ImportKind>('kader')
  const [file, setFile] = useState<File | null>(null)
  const [base64, setBase64] = useState<string | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [validOnly, setValidOnly] = useState(false)
  const [busy, setBusy] = useState(false)

  const runPreview = async (k: ImportKind, b64: string, mapping?: Record<string, string | null>) => {
    setBusy(true)
    setError(null)
    try {
      setPreview(await call('registry.importPreview', { kind: k, fileBase64: b64, mapping }))
    } catch (e) {
      setPreview(null)
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const choose = async (f: File | null) => {
    setFile(f)
    setPreview(null)
    setValidOnly(false)
    if (!f) return setBase64(null)
    const b = await readFileBase64(f)
    setBase64(b)
    await runPreview(kind, b)
  }
  const apply = async () => {
    if (!base64 || !preview) return
    setBusy(true)
    try {
      const res = await call('registry.importApply', { kind, fileBase64: base64, mapping: preview.mapping, validOnly })
      notifications.show({ color: 'green', message: res.written ? t('import.done', { n: res.written, count: res.written }) : t('import.nothing') })
      await runPreview(kind, base64, preview.mapping)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  const errorsXlsx = async () => {
    if (!base64 || !preview) return
    const out = await call('registry.importErrors', { kind, fileBase64: base64, mapping: preview.mapping })
    downloadBase64(out.base64, out.fileName, XLSX_TYPE)
  }
  const c = preview?.counts
  const toWrite = c ? c.new + c.changed : 0

  return (
    <Stack maw={1100}>
      <Title order={3}>{t('import.title')}</Title>
      <Text size="sm">{t('import.intro')}</Text>
      <Card withBorder>
        <Group align="flex-end">
          <div>
            <Text size="sm" fw={500} mb={4}>{t('import.kind')}</Text>
            <SegmentedControl data-testid="import-kind" value={kind} data={[{ value: 'kader', label: t('tabs.kader') }, { value: 'posyandu', label: t('tabs.posyandu') }]}
              onChange={(v) => (setKind(v as ImportKind), base64 && runPreview(v as ImportKind, base64))} />
          </div>
          <FileInput label={t('import.file')} placeholder={t('import.filePh')} accept=".xlsx" w={360} value={file} onChange={choose}
            leftSection={<IconFileSpreadsheet size={16} />} clearable data-testid="import-file" />
        </Group>
      </Card>
      {error && <Alert color="red" data-testid="import-error">{error}</Alert>}
      {preview && (
        <>
          <Card withBorder>
            <Text fw={600} mb="xs">{t('import.mapping')}</Text>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {preview.fields.map((f) => (
                <Select key={f.key} size="xs" label={`${t(`import.fields.${preview.kind}.${f.key}`, { defaultValue: f.label })}${f.required ? ` (${t('import.required')})` : ''}`} clearable={!f.required}
                  placeholder={t('import.notMapped')} data={preview.headers.filter(Boolean)} value={preview.mapping[f.key]}
                  onChange={(v) => base64 && runPreview(kind, base64, { ...preview.mapping, [f.key]: v })} />
              ))}
            </SimpleGrid>
          </Card>
          {(preview.ignored.length > 0 || preview.headerRows.to > preview.headerRows.from) && (
            <Alert color="blue" data-testid="import-notices">
              <Stack gap={2}>
                {preview.headerRows.to > preview.headerRows.from && <Text size="sm">{t('import.headerRows', preview.headerRows)}</Text>}
                {preview.ignored.map((b) => (
                  <Text size="sm" key={b.from}>{t('import.ignored', { rows: b.to > b.from ? `${b.from}–${b.to}` : b.from, why: t(`import.ignored_${b.kind}`), text: b.text })}</Text>
                ))}
              </Stack>
            </Alert>
          )}
          <Group justify="space-between">
            <Text fw={600} data-testid="import-counts">{t('import.counts', { ...c, count: c?.error })}</Text>
            <Group>
              {c!.error > 0 && <Button variant="default" leftSection={<IconDownload size={16} />} onClick={errorsXlsx}>{t('import.downloadErrors')}</Button>}
            </Group>
          </Group>
          {c!.error > 0 && (
            <Alert color="orange">
              <Stack gap="xs">
                <Text size="sm">{t('import.errorsBlock')}</Text>
                <Checkbox label={t('import.validOnly')} checked={validOnly} onChange={(e) => setValidOnly(e.currentTarget.checked)} />
              </Stack>
            </Alert>
          )}
          <Group>
            <Button leftSection={<IconUpload size={16} />} onClick={apply} loading={busy} disabled={toWrite === 0 || (c!.error > 0 && !validOnly)}>{t('import.apply')}</Button>
          </Group>
          <Table.ScrollContainer minWidth={760} className="sticky-first">
          <Table striped withTableBorder data-testid="import-preview">
            <Table.Thead>
              <Table.Tr><Table.Th w={70}>{t('import.row')}</Table.Th><Table.Th w={110}>{t('import.result')}</Table.Th><Table.Th>{t('import.data')}</Table.Th><Table.Th>{t('import.reasons')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td><Badge color={STATUS_COLOR[r.status]} variant="light">{t(`import.${r.status}`)}</Badge></Table.Td>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td>
                    {r.reasons.map((x, i) => <Text size="sm" c="red" key={x}>{keyedText(x, r.reasonMsgs?.[i])}</Text>)}
                    {r.changes?.length ? <Text size="sm" c="blue">{r.changes.join(', ')}</Text> : null}
                    {r.warnings.map((x, i) => <Text size="sm" c="yellow.9" key={x}>{keyedText(x, r.warningMsgs?.[i])}</Text>)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  )
}
