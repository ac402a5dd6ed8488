import { Alert, Anchor, Button, Card, FileButton, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconFileTypePdf, IconUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { ApiError, call } from '../../api'
import { RegulationPicker } from '../../components/RegulationPicker'
import { PDF_TYPE, readFileBase64, downloadBase64 } from '../../components/files'
import { callWithNotice, useOp } from '../../hooks'
import { href } from '../../router'
import { notifications } from '@mantine/notifications'
import { RegulationForm } from './Regulations'
import { RegulationStatusBadge, useKindLabel, useT } from './shared'
import { FormModal } from '../../components/FormModal'
import { screenDate, screenNumber } from '../../i18n/months'
import { useCan } from '../../session'

/** Where a dependent row is shown, when its area has a page for it. */
const DEPENDENT_LINK: Record<string, (id: string) => string> = {
  programme: (id) => `program/program/${id}`,
  posyandu: (id) => `registri/posyandu/${id}`,
}

export function RegulationPage({ id }: { id: string }) {
  const t = useT()
  const kindLabel = useKindLabel()
  const detail = useOp('regulation.detail', { id })
  const [editing, setEditing] = useState(false)
  const [status, setStatus] = useState<string | null>(null)
  const [byId, setById] = useState<string | null>(null)
  const info = useOp('app.info', {})
  const can = useCan()
  const r = detail.data
  if (detail.loading && !r) return <Loader />
  if (!r) return <Alert color="red">{detail.error?.message ?? 'Regulasi tidak ditemukan.'}</Alert>

  const attach = async (file: File | null) => {
    if (!file) return
    const base64 = await readFileBase64(file)
    if (await callWithNotice('regulation.attach', { id, fileName: file.name, base64 }, t('regulation.attached'))) void detail.reload()
  }
  const open = async () => {
    try {
      // The window hands the checked file to the system PDF viewer; the browser host downloads it.
      if (info.data?.host === 'electron') return void (await call('regulation.openAttachment', { id }))
      const pdf = await call('regulation.attachment', { id })
      downloadBase64(pdf.base64, pdf.name, PDF_TYPE)
    } catch (e) {
      notifications.show({ color: 'red', title: 'PDF tidak dibuka', message: (e as ApiError).message, autoClose: 10000 })
    }
  }
  const applyStatus = async () => {
    if (!status) return
    const out = await callWithNotice('regulation.setStatus', { id, status: status as 'berlaku', byId: status === 'berlaku' ? null : byId }, t('regulation.saved'))
    if (out) (setStatus(null), setById(null), detail.setData(out))
  }

  return (
    <Stack maw={1000}>
      <Anchor href={href('program/regulasi')} size="sm"><Group gap={4}><IconArrowLeft size={14} />{t('regulation.back')}</Group></Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>{t(r.number.includes(String(r.year)) ? 'regulationHeading' : 'regulationHeadingYear', { kind: kindLabel(r.kind, true), number: r.number, year: r.year })}</Title>
          <Text size="lg">{r.title}</Text>
          <Text c="dimmed" size="sm">{r.dateSigned ? `${t('fields.dateSigned')}: ${screenDate(r.dateSigned)}` : ''}</Text>
        </div>
        <Group>
          <RegulationStatusBadge status={r.status} />
          {can('regulation.update') && <Button variant="light" onClick={() => setEditing(true)}>{t('common:action.edit')}</Button>}
        </Group>
      </Group>
      {r.notes && <Text style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</Text>}
      {r.changedBy && (
        <Alert color={r.status === 'dicabut' ? 'red' : 'yellow'} title={t(`regulation.${r.status}`)} data-testid="changed-by">
          {t('regulation.changedBy')}: <Anchor href={href(`program/regulasi/${r.changedBy.id}`)}>{r.changedBy.label}</Anchor>
        </Alert>
      )}
      {r.changes.length > 0 && (
        <Card withBorder>
          <Text fw={600}>{t('regulation.changes')}</Text>
          {r.changes.map((c) => (
            <Group key={c.id} gap="xs"><RegulationStatusBadge status={c.status} /><Anchor href={href(`program/regulasi/${c.id}`)}>{c.label}</Anchor></Group>
          ))}
        </Card>
      )}

      <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{t('regulation.attachment')}</Text>
          {r.attachment ? (
            <Group>
              <IconFileTypePdf size={28} color="#c92a2a" />
              <div>
                <Text>{r.attachment.name} · {screenNumber(Math.ceil(r.attachment.size / 1024))} KB</Text>
                <Text size="xs" c="dimmed" ff="monospace">{t('regulation.checksum')} {r.attachment.sha256}</Text>
              </div>
              <Button onClick={() => void open()}>{t('regulation.open')}</Button>
            </Group>
          ) : (
            <Text c="dimmed">{t('regulation.noAttachment')}</Text>
          )}
          {can('regulation.attach') && <Group>
            <FileButton onChange={(f) => void attach(f)} accept="application/pdf">
              {(p) => <Button variant="light" leftSection={<IconUpload size={16} />} {...p}>{r.attachment ? t('regulation.replace') : t('regulation.attach')}</Button>}
            </FileButton>
          </Group>}
        </Stack>
      </Card>

      {can('regulation.setStatus') && <Card withBorder>
        <Stack gap="xs">
          <Text fw={600}>{t('regulation.setStatus')}</Text>
          <Group align="flex-end">
            <Select
              searchable
              allowDeselect={false}
              label={t('regulation.status')}
              data={(['berlaku', 'diubah', 'dicabut'] as const).map((s) => ({ value: s, label: t(`regulation.${s}`) }))}
              value={status}
              onChange={setStatus}
              w={180}
            />
            {status && status !== 'berlaku' && (
              <div style={{ flex: 1 }}><RegulationPicker label={t('regulation.by')} value={byId} onChange={setById} /></div>
            )}
            <Button onClick={() => void applyStatus()} disabled={!status}>{t('regulation.apply')}</Button>
          </Group>
        </Stack>
      </Card>}

      <Title order={4}>{t('regulation.dependents')}</Title>
      {r.dependents.length === 0 ? (
        <Text c="dimmed">{t('regulation.noDependents')}</Text>
      ) : (
        <Table striped data-testid="dependents">
          <Table.Tbody>
            {r.dependents.map((d) => (
              <Table.Tr key={`${d.table}:${d.id}:${d.column}`}>
                <Table.Td w={260}>{t(`tables.${d.table}`, { defaultValue: d.table })}</Table.Td>
                <Table.Td>{DEPENDENT_LINK[d.table] ? <Anchor href={href(DEPENDENT_LINK[d.table](d.id))}>{d.label}</Anchor> : d.label}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormModal opened={editing} onClose={() => setEditing(false)} title={t('regulation.edit')} size="lg">
        <RegulationForm initial={r} onSaved={() => (setEditing(false), void detail.reload())} />
      </FormModal>
    </Stack>
  )
}
