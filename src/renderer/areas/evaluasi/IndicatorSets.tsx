import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { IndicatorSet } from '../../../shared/evaluation/strata'
import { callWithNotice, useOp } from '../../hooks'
import { criterionLabel, setName, unitLabel } from './explain'
import { useCan } from '../../session'
import { OpState } from '../../components/LoadState'

/**
 * Thresholds of each set; the kabupaten edits them (percentages typed as percent). A province
 * uses the same card to offer a set with its thresholds (`submit`).
 */
export function SetCard({ set, editable, onSaved, submit, children }: {
  set: IndicatorSet
  editable: boolean
  onSaved: () => void
  /** Instead of saving the kabupaten's thresholds: another action with them (label, call). */
  submit?: { label: string; run: (thresholds: Record<string, number>) => Promise<unknown> }
  children?: ReactNode
}) {
  const { t } = useTranslation('evaluasi')
  const [values, setValues] = useState<Record<string, number | string>>(() => Object.fromEntries(set.criteria.map((c) => [c.id, c.unit === '%' ? Math.round(c.threshold * 1000) / 10 : c.threshold])))
  const label = (id: string) => set.levels.find((l) => l.id === id)?.label ?? id
  const save = async () => {
    const thresholds = Object.fromEntries(set.criteria.map((c) => [c.id, c.unit === '%' ? Number(values[c.id]) / 100 : Number(values[c.id])]))
    if (submit) {
      if (await submit.run(thresholds)) onSaved()
    } else if (await callWithNotice('evaluation.indicatorSetSave', { code: set.code, thresholds }, t('sets.saved'))) onSaved()
  }
  return (
    <Card withBorder>
      <Group justify="space-between"><Title order={4}>{setName(set)}</Title>{set.edited && <Badge color="grape">{t('sets.edited')}</Badge>}</Group>
      {set.source && <Text size="sm" c="dimmed">{set.source}</Text>}
      <Table mt="xs">
        <Table.Tbody>
          {set.criteria.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{criterionLabel(c)}</Table.Td>
              <Table.Td w={160}>
                <NumberInput size="xs" aria-label={`${t('sets.threshold')} ${criterionLabel(c)}`} disabled={!editable} value={values[c.id]} onChange={(v) => setValues((x) => ({ ...x, [c.id]: v }))}
                  min={0} decimalScale={1} rightSection={<Text size="xs">{c.unit === '%' ? '%' : unitLabel(c.unit)}</Text>} rightSectionWidth={60} />
              </Table.Td>
              <Table.Td>{t('sets.from')}: {label(c.from)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {children}
      {editable && <Group mt="xs"><Button size="xs" onClick={() => void save()}>{submit?.label ?? t('sets.save')}</Button></Group>}
    </Card>
  )
}

export function IndicatorSets() {
  const { t } = useTranslation('evaluasi')
  const office = useOp('office.get', {})
  const sets = useOp('evaluation.indicatorSets', {})
  const can = useCan()
  const editable = office.data?.level === 'kabupaten' && can('evaluation.indicatorSetSave')
  return (
    <Stack>
      <OpState op={sets} />
      {!editable && <Alert color="gray">{t('sets.kabOnly')}</Alert>}
      {(sets.data ?? []).map((s) => <SetCard key={`${s.code}:${s.edited?.hlc ?? ''}`} set={s} editable={editable} onSaved={() => void sets.reload()} />)}
    </Stack>
  )
}
