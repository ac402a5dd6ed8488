import { Alert, Badge, Button, Card, FileButton, Group, List, Stack, Table, Text } from '@mantine/core'
import { IconFileSpreadsheet } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FormImportPreview } from '../../../shared/contract/forms'
import { callWithNotice, useOp } from '../../hooks'
import { readFileBase64 } from '../../components/files'

const T = {
  id: { import: 'Impor rekap .xlsx', preview: 'Uji coba impor', rows: 'baris', valid: 'dapat disimpan', error: 'bermasalah', apply: 'Simpan semua baris', applyValid: 'Simpan baris yang benar saja', row: 'Baris', problems: 'Masalah', quality: 'Mutu data', violations: 'pelanggaran aturan', outliers: 'pencilan', none: 'Tidak ada pelanggaran aturan atau pencilan.', saved: 'Tersimpan dari lembar kerja: {{n}} posyandu', median: 'median' },
  en: { import: 'Import .xlsx recap', preview: 'Import dry run', rows: 'rows', valid: 'can be saved', error: 'with problems', apply: 'Save all rows', applyValid: 'Save the valid rows only', row: 'Row', problems: 'Problems', quality: 'Data quality', violations: 'rule violations', outliers: 'outliers', none: 'No rule violations or outliers.', saved: 'Saved from the spreadsheet: {{n}} posyandu', median: 'median' },
}
const useT = () => {
  const { i18n } = useTranslation()
  return T[i18n.language === 'en' ? 'en' : 'id']
}

/** A kecamatan recap sheet into one form and period: dry run per row, then save (all, or the valid rows). */
export function FormImport({ code, period, onSaved }: { code: string; period: string; onSaved: () => void }) {
  const x = useT()
  const [file, setFile] = useState<string | null>(null)
  const [preview, setPreview] = useState<FormImportPreview | null>(null)
  const open = async (f: File | null) => {
    if (!f) return
    const base64 = await readFileBase64(f)
    setFile(base64)
    setPreview((await callWithNotice('forms.importPreview', { code, period, base64 })) ?? null)
  }
  const apply = async (validOnly: boolean) => {
    if (!file) return
    const out = await callWithNotice('forms.importApply', { code, period, base64: file, validOnly })
    if (out) {
      setPreview(null)
      setFile(null)
      onSaved()
    }
  }
  return (
    <Stack gap="xs">
      <Group>
        <FileButton onChange={(f) => void open(f)} accept=".xlsx">
          {(props) => <Button {...props} variant="light" size="xs" leftSection={<IconFileSpreadsheet size={16} />}>{x.import}</Button>}
        </FileButton>
      </Group>
      {preview && (
        <Card withBorder padding="sm" data-testid="form-import-preview">
          <Text fw={600} size="sm">{x.preview}: {preview.sheet} — {preview.rows.length} {x.rows}, <Badge color="teal" variant="light">{preview.counts.valid} {x.valid}</Badge> <Badge color="red" variant="light">{preview.counts.error} {x.error}</Badge></Text>
          {preview.notices.length > 0 && <List size="xs">{preview.notices.map((n) => <List.Item key={n}>{n}</List.Item>)}</List>}
          <Table fz="xs" withTableBorder mt="xs">
            <Table.Thead><Table.Tr><Table.Th>{x.row}</Table.Th><Table.Th>Posyandu</Table.Th><Table.Th>{x.problems}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>
              {preview.rows.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td>{r.posyandu}</Table.Td>
                  <Table.Td c={r.errors.length ? 'red.8' : r.warnings.length ? 'yellow.9' : 'teal.8'}>{[...r.errors, ...r.warnings].join('; ') || '✓'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group mt="xs">
            <Button size="xs" onClick={() => void apply(false)} disabled={preview.counts.error > 0}>{x.apply}</Button>
            {preview.counts.error > 0 && preview.counts.valid > 0 && <Button size="xs" variant="light" onClick={() => void apply(true)}>{x.applyValid}</Button>}
          </Group>
        </Card>
      )}
    </Stack>
  )
}

/** Rule violations and outliers of one form over a year, for follow-up by the office. */
export function QualityPanel({ code, year }: { code: string; year: number }) {
  const x = useT()
  const { i18n } = useTranslation()
  const lang = i18n.language === 'en' ? 'en' : 'id'
  const q = useOp('forms.quality', { code, year })
  if (q.error) return <Alert color="red">{q.error.message}</Alert>
  if (!q.data) return null
  const d = q.data
  return (
    <Card withBorder padding="sm" data-testid="quality">
      <Text fw={600} size="sm">{x.quality} {d.form.code} {year}: {d.violations.length} {x.violations}, {d.outliers.length} {x.outliers}</Text>
      {d.violations.length + d.outliers.length === 0 ? (
        <Text size="sm" c="teal.8">{x.none}</Text>
      ) : (
        <div style={{ maxHeight: 260, overflow: 'auto' }}>
          <Table fz="xs" striped withTableBorder>
            <Table.Tbody>
              {d.violations.map((v, i) => (
                <Table.Tr key={`v${i}`}><Table.Td><Badge size="xs" color={v.importance === 'error' ? 'red' : 'yellow'}>{v.importance}</Badge></Table.Td><Table.Td>{v.posyandu}</Table.Td><Table.Td>{v.period}</Table.Td><Table.Td>{v.message[lang]}</Table.Td></Table.Tr>
              ))}
              {d.outliers.map((o, i) => (
                <Table.Tr key={`o${i}`}><Table.Td><Badge size="xs" color="grape">{x.outliers}</Badge></Table.Td><Table.Td>{o.posyandu}</Table.Td><Table.Td>{o.period}</Table.Td><Table.Td>{o.label} = {o.value} ({x.median} {o.median}{o.z !== null ? `, z ${String(o.z).replace('.', ',')}` : `, ${o.reason}`})</Table.Td></Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Card>
  )
}
