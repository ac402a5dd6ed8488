import { Alert, Badge, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callWithNotice, useOp } from '../../hooks'
import { useCan } from '../../session'
import { navigate } from '../../router'

type Draft = Record<string, { values: Record<string, number | ''>; notes: string; dirty: boolean }>

/** Manual (qualitative) scores of one evaluation period: one row per posyandu, one column per item. */
export function Scores({ periodId }: { periodId: string }) {
  const { t } = useTranslation('evaluasi')
  const data = useOp('evaluation.scoreList', { periodId })
  const [draft, setDraft] = useState<Draft>({})
  const [filter, setFilter] = useState('')
  const [text] = useDebouncedValue(filter, 200)
  useEffect(() => {
    if (!data.data) return
    const d: Draft = {}
    for (const p of data.data.posyandu) d[p.id] = { values: {}, notes: '', dirty: false }
    for (const s of data.data.scores) {
      d[s.posyanduId].values[s.item] = s.score
      if (s.notes) d[s.posyanduId].notes = s.notes
    }
    setDraft(d)
  }, [data.data])
  const can = useCan()
  const rows = useMemo(
    () => (data.data?.posyandu ?? []).filter((p) => `${p.name} ${p.desaName} ${p.kecamatanName}`.toLowerCase().includes(text.toLowerCase())).slice(0, 200),
    [data.data, text],
  )
  if (!data.data) return <Text>{data.error?.message ?? t('common:state.loading', { defaultValue: 'Memuat…' })}</Text>
  const { period, items } = data.data
  // Locked, or a role that may not score: the scores are shown, not editable.
  const locked = period.status === 'locked' || !can('evaluation.scoreSave')
  const set = (id: string, patch: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [id]: { ...d[id], ...patch, dirty: true } }))

  const save = async (posyanduId: string) => {
    const row = draft[posyanduId]
    for (const item of items) {
      const v = row.values[item.id]
      if (v === '' || v === undefined) continue
      const ok = await callWithNotice('evaluation.scoreSave', { periodId, posyanduId, item: item.id, score: Number(v), notes: row.notes || null })
      if (!ok) return
    }
    setDraft((d) => ({ ...d, [posyanduId]: { ...d[posyanduId], dirty: false } }))
    notifications.show({ color: 'green', message: t('scores.saved') })
  }

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={3}>{t('scores.title', { name: period.name })}</Title>
          <Text size="sm" c="dimmed">
            {period.areaName} · {period.year} · {t('scores.items')}: {items.map((i) => `${i.label} (${t('scores.max')} ${i.max})`).join(', ') || '—'}
          </Text>
        </div>
        <Group>
          {period.status === 'locked' && <Badge color="grape">{t('scores.lockedBadge')}</Badge>}
          <Button variant="default" onClick={() => navigate('evaluasi/periode')}>{t('scores.back')}</Button>
        </Group>
      </Group>
      {items.length === 0 && <Alert color="gray">{t('scores.noItems')}</Alert>}
      <TextInput placeholder={t('scores.search')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={360} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('scores.posyandu')}</Table.Th>
            {items.map((i) => <Table.Th key={i.id}>{i.label} (0–{i.max})</Table.Th>)}
            <Table.Th>{t('scores.notes')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td><Text fw={600} size="sm">{p.name}</Text><Text size="xs" c="dimmed">{p.desaName}, {p.kecamatanName}</Text></Table.Td>
              {items.map((i) => (
                <Table.Td key={i.id} w={150}>
                  <NumberInput
                    aria-label={`${p.name} ${i.label}`}
                    min={0}
                    max={i.max}
                    disabled={locked}
                    value={draft[p.id]?.values[i.id] ?? ''}
                    onChange={(v) => set(p.id, { values: { ...draft[p.id]?.values, [i.id]: v === '' ? '' : Number(v) } })}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <TextInput aria-label={`${p.name} catatan`} disabled={locked} value={draft[p.id]?.notes ?? ''} onChange={(e) => set(p.id, { notes: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td w={90}>
                {!locked && <Button size="xs" disabled={!draft[p.id]?.dirty} onClick={() => void save(p.id)}>{t('scores.save')}</Button>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(data.data.posyandu.length ?? 0) > rows.length && <Text size="xs" c="dimmed">{t('scores.shown', { n: rows.length, total: data.data.posyandu.length })}</Text>}
    </Stack>
  )
}
