import { Alert, Badge, Button, Card, FileButton, Group, List, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconFileSpreadsheet, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FormDef, FormImportPreview, FormValues } from '../../../shared/contract/forms'
import { ApiError, call } from '../../api'
import { readFileBase64 } from '../../components/files'
import { useCan } from '../../session'
import { issueText } from '../../i18n/errors'

const T = {
  id: {
    import: 'Impor rekap .xlsx', preview: 'Uji coba impor', rows: 'baris', valid: 'dapat disimpan', error: 'bermasalah', apply: 'Simpan semua baris', applyValid: 'Simpan baris yang benar saja',
    row: 'Baris', problems: 'Masalah', saved: 'Tersimpan dari lembar kerja: {{n}} posyandu', mapping: 'Pemetaan kolom', mappingHint: 'Simpul memasangkan judul kolom sendiri; ubah bila salah. Setiap perubahan menguji ulang semua baris — belum ada yang disimpan.',
    notMapped: '— tidak diimpor —', required: 'wajib', unused: 'Kolom lembar kerja yang tidak dipakai', close: 'Tutup', yes: 'ya', no: 'tidak',
  },
  en: {
    import: 'Import .xlsx recap', preview: 'Import dry run', rows: 'rows', valid: 'can be saved', error: 'with problems', apply: 'Save all rows', applyValid: 'Save the valid rows only',
    row: 'Row', problems: 'Problems', saved: 'Saved from the spreadsheet: {{n}} posyandu', mapping: 'Column mapping', mappingHint: 'Simpul matches the column headers itself; change them if wrong. Every change re-checks all rows — nothing is saved yet.',
    notMapped: '— not imported —', required: 'required', unused: 'Sheet columns not used', close: 'Close', yes: 'yes', no: 'no',
  },
}
const useT = () => {
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'id'
  return { lang, x: T[lang] } as const
}

/** The columns a recap sheet can fill: the posyandu (and its desa), then every field of the form — as core's sheet import names them. */
const importFields = (form: FormDef, lang: 'id' | 'en') => [
  { key: 'posyandu', label: 'Nama Posyandu', required: true },
  { key: 'desa', label: 'Desa/Kelurahan', required: false },
  ...form.fields.map((f) => ({ key: f.key, label: f.short ?? f.label[lang], required: false })),
]

/** What the sheet has and how it is mapped: from the dry run, or from a refusal that names the headers (a required column not found). */
interface Mapped {
  headers: string[]
  mapping: Record<string, string | null>
}

/**
 * A kecamatan recap sheet into one form and period: the columns mapped (automatically, then
 * by hand), a per-row dry run showing the values read and each row's problems, then save —
 * all rows, or only the valid ones. Nothing is written before the person saves.
 */
export function FormImport({ form, period, onSaved }: { form: FormDef; period: string; onSaved: () => void }) {
  const { lang, x } = useT()
  const code = form.code
  const [file, setFile] = useState<string | null>(null)
  const [preview, setPreview] = useState<FormImportPreview | null>(null)
  const [mapped, setMapped] = useState<Mapped | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const fields = importFields(form, lang)
  const can = useCan()

  const run = async (base64: string, mapping?: Record<string, string | null>) => {
    setBusy(true)
    try {
      const p = await call('forms.importPreview', { code, period, base64, mapping })
      setPreview(p)
      setMapped({ headers: p.headers, mapping: p.mapping })
      setError(null)
    } catch (e) {
      setPreview(null)
      setError((e as Error).message)
      const d = e instanceof ApiError ? (e.details as Partial<Mapped> | undefined) : undefined
      setMapped(d?.headers && d.mapping ? { headers: d.headers, mapping: d.mapping } : null)
    } finally {
      setBusy(false)
    }
  }
  const open = async (f: File | null) => {
    if (!f) return
    const base64 = await readFileBase64(f)
    setFile(base64)
    await run(base64)
  }
  const close = () => (setFile(null), setPreview(null), setMapped(null), setError(null))
  const apply = async (validOnly: boolean) => {
    if (!file || !mapped) return
    setBusy(true)
    try {
      const out = await call('forms.importApply', { code, period, base64: file, mapping: mapped.mapping, validOnly })
      notifications.show({ color: 'green', message: x.saved.replace('{{n}}', String(out.saved)) })
      close()
      onSaved()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const used = new Set(Object.values(mapped?.mapping ?? {}).filter(Boolean))
  const shown = fields.filter((f) => f.key !== 'posyandu' && f.key !== 'desa' && mapped?.mapping[f.key])
  // A role that may not import (evaluator, read-only) does not see the button.
  if (!can('forms.importApply')) return null
  const show = (v: FormValues[string] | undefined) => (v === true ? x.yes : v === false ? x.no : v === null || v === undefined ? '' : typeof v === 'number' ? v.toLocaleString('id-ID') : String(v))
  return (
    <Stack gap="xs">
      <Group>
        <FileButton onChange={(f) => void open(f)} accept=".xlsx">
          {(props) => <Button {...props} variant="light" size="xs" leftSection={<IconFileSpreadsheet size={16} />} loading={busy} data-testid="form-import-file">{x.import}</Button>}
        </FileButton>
        {file && <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={close}>{x.close}</Button>}
      </Group>
      {error && <Alert color="red" data-testid="form-import-error">{error}</Alert>}
      {file && mapped && (
        <Card withBorder padding="sm" data-testid="form-import-mapping">
          <Text fw={600} size="sm">{x.mapping}</Text>
          <Text size="xs" c="dimmed" mb="xs">{x.mappingHint}</Text>
          <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="xs" verticalSpacing={4} style={{ maxHeight: 260, overflow: 'auto' }}>
            {/* The posyandu, then the columns the sheet fills, then the rest (a 50-field form has mostly unmapped fields). */}
            {[...fields].sort((a, b) => Number(b.required) - Number(a.required) || Number(!!mapped.mapping[b.key]) - Number(!!mapped.mapping[a.key])).map((f) => (
              <Select key={f.key} size="xs" label={`${f.label}${f.required ? ` (${x.required})` : ''}`} data-testid={`map-${f.key}`} searchable clearable={!f.required}
                placeholder={x.notMapped} data={mapped.headers.filter(Boolean)} value={mapped.mapping[f.key] ?? null}
                onChange={(v) => void run(file, { ...mapped.mapping, [f.key]: v })} />
            ))}
          </SimpleGrid>
          {mapped.headers.some((h) => h && !used.has(h)) && <Text size="xs" mt={4}>{x.unused}: {mapped.headers.filter((h) => h && !used.has(h)).map((h) => `"${h}"`).join(', ')}</Text>}
        </Card>
      )}
      {preview && (
        <Card withBorder padding="sm" data-testid="form-import-preview">
          <Text fw={600} size="sm">{x.preview}: {preview.sheet} — {preview.rows.length} {x.rows}, <Badge color="teal" variant="light">{preview.counts.valid} {x.valid}</Badge> <Badge color="red" variant="light">{preview.counts.error} {x.error}</Badge></Text>
          {preview.notices.length > 0 && <List size="xs">{preview.notices.map((n) => <List.Item key={n}>{n}</List.Item>)}</List>}
          <Table.ScrollContainer minWidth={600} mah={360}>
            <Table fz="xs" withTableBorder mt="xs" striped stickyHeader>
              <Table.Thead><Table.Tr><Table.Th>{x.row}</Table.Th><Table.Th>Posyandu</Table.Th>{shown.map((f) => <Table.Th key={f.key}>{f.label}</Table.Th>)}<Table.Th>{x.problems}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {preview.rows.map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td>{r.posyandu}</Table.Td>
                    {shown.map((f) => <Table.Td key={f.key} ta="right">{show(r.values[f.key])}</Table.Td>)}
                    <Table.Td c={r.errors.length ? 'red.8' : r.warnings.length ? 'yellow.9' : 'teal.8'} miw={200}>{[...r.errors.map((m, i) => issueText({ message: m, msg: r.errorMsgs?.[i] ?? undefined })), ...r.warnings.map((m, i) => issueText({ message: m, msg: r.warningMsgs?.[i] ?? undefined }))].join('; ') || '✓'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group mt="xs">
            <Button size="xs" onClick={() => void apply(false)} disabled={preview.counts.error > 0 || preview.counts.valid === 0} loading={busy} data-testid="form-import-apply">{x.apply}</Button>
            {preview.counts.error > 0 && preview.counts.valid > 0 && <Button size="xs" variant="light" onClick={() => void apply(true)} loading={busy} data-testid="form-import-apply-valid">{x.applyValid}</Button>}
          </Group>
        </Card>
      )}
    </Stack>
  )
}
