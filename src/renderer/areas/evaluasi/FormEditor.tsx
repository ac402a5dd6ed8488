import { Alert, Badge, Button, Card, Checkbox, Group, List, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FormDef, FormField, FormIndicator, FormProblem, FormRule, Texts } from '../../../shared/forms/form'
import { checkForm } from '../../../shared/forms/form'
import { callWithNotice, useOp } from '../../hooks'
import { FormGrid } from './EntryGrid'
import { useCan } from '../../session'
import './forms-i18n'
import { issueText } from '../../i18n/errors'

const emptyField = (section: string): FormField => ({ key: '', section, label: { id: '', en: '' }, type: 'integer' })
const emptyRule = (): FormRule => ({ id: '', expr: '', importance: 'error', message: { id: '', en: '' } })
const emptyIndicator = (): FormIndicator => ({ id: '', label: { id: '', en: '' }, numerator: '', unit: '%' })

/**
 * The kabupaten's form editor: add a field, a rule or an indicator to a form, preview the
 * grid the kecamatan will get, and save it as the next version after a confirmation that
 * names what changes for kecamatan offices. Every expression is checked by the shared
 * checkForm as it is typed and again by core on saving.
 */
export function FormEditor() {
  const { t, i18n } = useTranslation('forms')
  const lang = i18n.language === 'en' ? 'en' : 'id'
  const office = useOp('office.get', {})
  const forms = useOp('forms.list', {})
  const [code, setCode] = useState('ILP')
  const info = forms.data?.find((f) => f.form.code === code)
  const [draft, setDraft] = useState<FormDef | null>(null)
  useEffect(() => setDraft(info ? structuredClone(info.form) : null), [info])
  const [field, setField] = useState<FormField>(emptyField(''))
  const [rule, setRule] = useState<FormRule>(emptyRule())
  const [indicator, setIndicator] = useState<FormIndicator>(emptyIndicator())
  const [review, setReview] = useState<{ version: number; changes: Texts[]; problems: FormProblem[] } | null>(null)
  const problems = useMemo(() => (draft ? checkForm(draft) : []), [draft])
  const can = useCan()
  // Only the kabupaten edits forms, and only people who may save them.
  const kab = office.data?.level === 'kabupaten' && can('forms.save')
  if (!draft || !info) return null
  const sectionOptions = draft.sections.map((s) => ({ value: s.id, label: s.label[lang] }))
  const tx = (x: Texts) => x[lang]
  const text = (v: Texts, set: (t: Texts) => void, labelId: string, labelEn: string, testId: string) => (
    <>
      <TextInput label={labelId} value={v.id} onChange={(e) => set({ ...v, id: e.currentTarget.value })} data-testid={`${testId}-id`} />
      <TextInput label={labelEn} value={v.en} onChange={(e) => set({ ...v, en: e.currentTarget.value })} data-testid={`${testId}-en`} />
    </>
  )
  const addField = () => {
    setDraft({ ...draft, fields: [...draft.fields, { ...field, section: field.section || draft.sections[0].id, short: field.short || undefined }] })
    setField(emptyField(field.section))
  }
  const addRule = () => {
    setDraft({ ...draft, rules: [...draft.rules, { ...rule, id: rule.id || `aturan_${draft.rules.length + 1}` }] })
    setRule(emptyRule())
  }
  const addIndicator = () => {
    setDraft({ ...draft, indicators: [...draft.indicators, { ...indicator, id: indicator.id || `ind_${draft.indicators.length + 1}`, denominator: indicator.denominator || undefined }] })
    setIndicator(emptyIndicator())
  }
  const openReview = async () => {
    const out = await callWithNotice('forms.preview', { form: draft })
    if (out) setReview(out)
  }
  const save = async () => {
    const out = await callWithNotice('forms.save', { form: draft })
    setReview(null)
    if (out) {
      notifications.show({ color: 'green', message: t('editor.savedDone', { code: out.form.code, version: out.form.version }) })
      await forms.reload()
    }
  }
  const previewRecord = [{ key: 'contoh', label: lang === 'en' ? 'Example posyandu' : 'Posyandu contoh', period: draft.periodType === 'yearly' ? '2026' : '2026-01', values: {}, previous: null, version: null }]
  return (
    <Stack>
      <Title order={4}>{t('editor.title')}</Title>
      <Text size="sm" c="dimmed">{t('editor.intro')}</Text>
      {!kab && <Alert color="blue">{t('editor.kabOnly')}</Alert>}
      <Group align="flex-end">
        <Select searchable label={t('form')} w={340} value={code} onChange={(v) => v && setCode(v)} allowDeselect={false} data={(forms.data ?? []).map((f) => ({ value: f.form.code, label: `${f.form.name[lang]} (v${f.form.version})` }))} />
        <Badge variant="light">{t('version', { version: info.form.version })}</Badge>
        <Badge variant="light" color="gray">{info.owner === 'bawaan' ? t('owner.bawaan') : t('owner.kab', { code: info.owner })}</Badge>
      </Group>
      <Text size="xs" c="dimmed">{t('source')}: {draft.source}</Text>
      <Tabs defaultValue="fields" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="fields">{t('editor.fields')} ({draft.fields.length})</Tabs.Tab>
          <Tabs.Tab value="rules">{t('editor.rules')} ({draft.rules.length})</Tabs.Tab>
          <Tabs.Tab value="indicators">{t('indicators')} ({draft.indicators.length})</Tabs.Tab>
          <Tabs.Tab value="preview">{t('editor.preview')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="fields" pt="sm">
          <Stack>
            <ItemsTable testId="editor-fields" items={draft.fields} itemKey={(f) => f.key} onRemove={kab ? (i) => setDraft({ ...draft, fields: draft.fields.filter((_, j) => j !== i) }) : undefined}
              head={[t('editor.key'), t('editor.labelId'), t('editor.section'), t('editor.type'), t('editor.max')]}
              cells={(f) => [
                f.key,
                <>{tx(f.label)}{f.required ? ' *' : ''}{f.example ? <Badge size="xs" ml={4} color="yellow" variant="light">{t('example')}</Badge> : null}</>,
                draft.sections.find((s) => s.id === f.section)?.label[lang] ?? f.section,
                t(`editor.types.${f.type}`),
                f.max ?? '',
              ]} />
            {kab && (
              <AddCard title={t('editor.addField')} cols={4} onAdd={addField} disabled={!field.key}>
                <TextInput label={t('editor.key')} value={field.key} onChange={(e) => setField({ ...field, key: e.currentTarget.value.trim() })} data-testid="field-key" />
                {text(field.label, (label) => setField({ ...field, label }), t('editor.labelId'), t('editor.labelEn'), 'field-label')}
                <TextInput label={t('editor.short')} value={field.short ?? ''} onChange={(e) => setField({ ...field, short: e.currentTarget.value })} data-testid="field-short" />
                <Select searchable label={t('editor.section')} value={field.section || draft.sections[0].id} onChange={(v) => v && setField({ ...field, section: v })} data={sectionOptions} allowDeselect={false} />
                <Select searchable label={t('editor.type')} value={field.type} onChange={(v) => v && setField({ ...field, type: v as FormField['type'] })} allowDeselect={false}
                  data={(['integer', 'number', 'yesno', 'date', 'text'] as const).map((x) => ({ value: x, label: t(`editor.types.${x}`) }))} />
                <NumberInput label={t('editor.max')} value={field.max ?? ''} onChange={(v) => setField({ ...field, max: typeof v === 'number' ? v : undefined })} />
                <Checkbox mt="lg" label={t('editor.required')} checked={!!field.required} onChange={(e) => setField({ ...field, required: e.currentTarget.checked })} />
              </AddCard>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="sm">
          <Stack>
            <ItemsTable items={draft.rules} itemKey={(r) => r.id} onRemove={kab ? (i) => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) }) : undefined}
              cells={(r) => [
                <code key="expr">{r.expr}</code>,
                <Badge key="imp" size="xs" color={r.importance === 'error' ? 'red' : 'yellow'}>{r.importance === 'error' ? t('editor.error') : t('editor.warning')}</Badge>,
                tx(r.message),
              ]} />
            {kab && (
              <AddCard title={t('editor.addRule')} cols={3} onAdd={addRule} disabled={!rule.expr}>
                <TextInput label={t('editor.expr')} value={rule.expr} onChange={(e) => setRule({ ...rule, expr: e.currentTarget.value })} data-testid="rule-expr" />
                <Select searchable label={t('editor.importance')} value={rule.importance} onChange={(v) => v && setRule({ ...rule, importance: v as FormRule['importance'] })} allowDeselect={false} data={[{ value: 'error', label: t('editor.error') }, { value: 'warning', label: t('editor.warning') }]} />
                <div />
                {text(rule.message, (message) => setRule({ ...rule, message }), t('editor.messageId'), t('editor.messageEn'), 'rule-message')}
              </AddCard>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="sm">
          <Stack>
            <ItemsTable items={draft.indicators} itemKey={(x) => x.id}
              cells={(x) => [tx(x.label), <code key="expr">{x.numerator}{x.denominator ? ` / ${x.denominator}` : ''}</code>, x.unit]} />
            {kab && (
              <AddCard title={t('editor.addIndicator')} cols={3} onAdd={addIndicator} disabled={!indicator.numerator}>
                {text(indicator.label, (label) => setIndicator({ ...indicator, label }), t('editor.labelId'), t('editor.labelEn'), 'ind-label')}
                <Select searchable label={t('editor.unit')} value={indicator.unit} onChange={(v) => v && setIndicator({ ...indicator, unit: v as FormIndicator['unit'] })} allowDeselect={false} data={['%', 'number', 'per1000']} />
                <TextInput label={t('editor.numerator')} value={indicator.numerator} onChange={(e) => setIndicator({ ...indicator, numerator: e.currentTarget.value })} />
                <TextInput label={t('editor.denominator')} value={indicator.denominator ?? ''} onChange={(e) => setIndicator({ ...indicator, denominator: e.currentTarget.value })} />
              </AddCard>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="sm">
          {problems.length === 0 ? <FormGrid key={JSON.stringify(draft)} form={draft} records={previewRecord} locked={false} lang={lang} onChange={() => undefined} /> : <Text size="sm" c="dimmed">{t('editor.problems')}</Text>}
        </Tabs.Panel>
      </Tabs>
      {problems.length > 0 && (
        <Alert color="red" title={t('editor.problems')} data-testid="editor-problems">
          <List size="sm">{problems.slice(0, 8).map((p) => <List.Item key={p.path}>{issueText(p)}</List.Item>)}</List>
        </Alert>
      )}
      {kab && <Group><Button onClick={() => void openReview()} disabled={problems.length > 0}>{t('editor.review')}</Button></Group>}
      <Modal opened={!!review} onClose={() => setReview(null)} title={review ? t('editor.confirmTitle', { code: draft.code, version: review.version }) : ''} size="lg">
        {review && (
          <Stack data-testid="form-changes">
            <Text size="sm">{t('editor.confirmIntro')}</Text>
            <List size="sm">{review.changes.map((c, i) => <List.Item key={i}>{c[lang]}</List.Item>)}</List>
            {review.problems.length > 0 && <Alert color="red">{review.problems.map(issueText).join('; ')}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReview(null)}>{t('editor.cancel')}</Button>
              <Button onClick={() => void save()} disabled={review.problems.length > 0 || review.changes.length === 0}>{t('editor.confirm', { version: review.version })}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  )
}

/** A form part's list (fields, rules, indicators), scrolling past 300 px, with a remove button per row for those who may edit. */
function ItemsTable<T>(props: { items: T[]; itemKey: (x: T) => string; cells: (x: T) => ReactNode[]; head?: string[]; onRemove?: (i: number) => void; testId?: string }) {
  const { t } = useTranslation('forms')
  return (
    <div style={{ maxHeight: 300, overflow: 'auto' }}>
      <Table striped withTableBorder fz="xs" data-testid={props.testId}>
        {props.head && <Table.Thead><Table.Tr>{props.head.map((h) => <Table.Th key={h}>{h}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>}
        <Table.Tbody>
          {props.items.map((x, i) => (
            <Table.Tr key={`${props.itemKey(x)}-${i}`}>
              {props.cells(x).map((c, k) => <Table.Td key={k}>{c}</Table.Td>)}
              {props.onRemove && <Table.Td><Button size="compact-xs" variant="subtle" color="red" onClick={() => props.onRemove?.(i)}>{t('editor.remove')}</Button></Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  )
}

/** The card under a list that adds one more item to the draft. */
function AddCard(props: { title: string; cols: number; onAdd: () => void; disabled: boolean; children: ReactNode }) {
  return (
    <Card withBorder padding="sm">
      <Text fw={600} size="sm">{props.title}</Text>
      <SimpleGrid cols={{ base: 2, md: props.cols }} spacing="xs">{props.children}</SimpleGrid>
      <Group mt="xs"><Button size="xs" onClick={props.onAdd} disabled={props.disabled}>{props.title}</Button></Group>
    </Card>
  )
}
