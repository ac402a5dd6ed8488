import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { yearOptions } from './MonthlyEntry'
import { ask } from '../../components/confirm'
import { setName as indicatorSetName } from './explain'
import { useCan } from '../../session'
import { OpState } from '../../components/LoadState'

/** Evaluation periods: create (name, year, set, evaluators), lock at the kabupaten, open the report. */
export function Periods() {
  const { t } = useTranslation('evaluasi')
  const office = useOp('office.get', {})
  const periods = useOp('evaluation.periodList', {})
  const sets = useOp('evaluation.indicatorSets', {})
  const [name, setName] = useState('')
  const [year, setYear] = useState(String(new Date().getFullYear() - 1))
  const [setCode, setSetCode] = useState<string | null>(null)
  const [evaluators, setEvaluators] = useState('')
  const code = setCode ?? sets.data?.[0]?.code ?? null
  const create = async () => {
    const p = await callWithNotice('evaluation.periodCreate', { name, year: Number(year), indicatorSetCode: code ?? '', evaluators: evaluators || null }, t('periods.created'))
    if (p) {
      setName('')
      void periods.reload()
    }
  }
  const lock = async (id: string) => {
    if (!(await ask({ title: t('periods.lock', { defaultValue: t('periods.lockConfirm') }), message: t('periods.lockConfirm') }))) return
    if (await callWithNotice('evaluation.periodLock', { id }, t('periods.lockedDone'))) void periods.reload()
  }
  const isKab = office.data?.level === 'kabupaten'
  const can = useCan()
  return (
    <Stack>
      <OpState op={periods} />
      {office.data && !isKab && <Alert color="blue" data-testid="periods-kabupaten-only">{t('periods.kabupatenOnly')}</Alert>}
      {isKab && can('evaluation.periodCreate') && <Card withBorder>
        <Group align="flex-end">
          <TextInput label={t('periods.name')} placeholder="Monev Posyandu 2025" value={name} onChange={(e) => setName(e.currentTarget.value)} w={260} />
          <Select label={t('entry.year')} w={100} value={year} onChange={(v) => v && setYear(v)} data={yearOptions} />
          <Select label={t('entry.rules')} w={320} value={code} onChange={setSetCode} data={(sets.data ?? []).map((x) => ({ value: x.code, label: indicatorSetName(x) }))} />
          <TextInput label={t('periods.evaluators')} placeholder="Tim Pembina Posyandu Kabupaten" value={evaluators} onChange={(e) => setEvaluators(e.currentTarget.value)} w={260} />
          <Button onClick={() => void create()}>{t('periods.create')}</Button>
        </Group>
      </Card>}
      {periods.data?.length === 0 && <Alert color="gray">{t('periods.none')}</Alert>}
      <Table.ScrollContainer minWidth={720} className="sticky-first">
      <Table striped withTableBorder>
        <Table.Tbody>
          {(periods.data ?? []).map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td><Text fw={600}>{p.name}</Text><Text size="xs" c="dimmed">{p.evaluators}</Text></Table.Td>
              <Table.Td>{p.year}</Table.Td>
              <Table.Td>{(() => { const s = sets.data?.find((x) => x.code === p.indicatorSetCode); return s ? indicatorSetName(s) : p.indicatorSetCode })()}</Table.Td>
              <Table.Td>{p.areaName}</Table.Td>
              <Table.Td>
                <Badge color={p.status === 'locked' ? 'grape' : 'teal'}>{p.status === 'locked' ? t('periods.locked') : t('periods.open')}</Badge>
                {p.dataHash && <Text size="xs" c="dimmed">{p.dataHash}</Text>}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="xs" variant="light" onClick={() => navigate(`evaluasi/laporan/periode/${p.id}`)}>{t('periods.report')}</Button>
                  {(sets.data?.find((s) => s.code === p.indicatorSetCode)?.manualItems?.length ?? 0) > 0 && (
                    <Button size="xs" variant="default" onClick={() => navigate(`evaluasi/periode/${p.id}/nilai`)}>{t('scores.button')}</Button>
                  )}
                  {isKab && p.status === 'open' && can('evaluation.periodLock') && <Button size="xs" color="grape" variant="light" onClick={() => void lock(p.id)}>{t('periods.lock')}</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}
