import { LineChart } from '@mantine/charts'
import { Alert, Button, Card, Group, List, Select, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonthlyRow } from '../../../shared/contract/evaluation'
import { derivedIndicators, isEmptyMonth, NUMERIC_FIELDS, validateMonthly, type MonthlyValues } from '../../../shared/evaluation/fields'
import { computeStratum, type IndicatorSet, type MonthData } from '../../../shared/evaluation/strata'
import { BULAN, formatMonth } from '../../../shared/format'
import { callWithNotice, useOp } from '../../hooks'
import { EntryGrid, type GridRecord } from './EntryGrid'
import { StratumBadge } from './StratumBadge'

const thisYear = new Date().getFullYear()
export const yearOptions = Array.from({ length: 12 }, (_, i) => String(thisYear - i))
const shortMonth = (m: string) => BULAN[Number(m.slice(5, 7)) - 1].slice(0, 3)

/** A month's values as the strata rules read them. */
export function toMonthData(month: string, v: MonthlyValues): MonthData {
  const d: MonthData = { month, held: isEmptyMonth(v) ? null : v.held === false ? 0 : 1, programmes: v.programmes.join(',') || null }
  for (const k of NUMERIC_FIELDS) d[k] = typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : null
  return d
}

/**
 * State of one grid: the values as typed (ref, no re-render per keystroke for the grid),
 * which records changed, and a save of the changed ones in one call (all or nothing).
 */
function useEntrySession(rows: MonthlyRow[] | undefined, reload: () => Promise<void>) {
  const { t } = useTranslation('evaluasi')
  const current = useRef(new Map<string, MonthlyValues>())
  const dirty = useRef(new Set<string>())
  const [version, setVersion] = useState(0)
  const [focused, setFocused] = useState<string | null>(null)
  const keyOf = (r: MonthlyRow) => `${r.posyanduId}|${r.month}`
  useEffect(() => {
    current.current = new Map((rows ?? []).map((r) => [keyOf(r), r.values]))
    dirty.current.clear()
    setVersion((v) => v + 1)
  }, [rows])
  const onChange = useCallback((key: string, values: MonthlyValues) => {
    current.current.set(key, values)
    dirty.current.add(key)
    setVersion((v) => v + 1)
  }, [])
  const save = useCallback(async () => {
    const keys = [...dirty.current]
    if (!keys.length) return
    const bad = keys.some((k) => validateMonthly(current.current.get(k)!, k.split('|')[1]).some((i) => i.severity === 'error'))
    if (bad) {
      notifications.show({ color: 'red', message: t('entry.fixFirst') })
      return
    }
    const items = keys.map((k) => {
      const [posyanduId, month] = k.split('|')
      return { posyanduId, month, values: current.current.get(k)! }
    })
    const out = await callWithNotice('evaluation.monthlySave', { items }, t('entry.saved', { count: items.length }))
    if (out) await reload()
  }, [reload, t])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault()
        void save()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [save])
  return { current, dirty, version, onChange, save, focused, setFocused }
}

function ChecksPanel({ values, month, label }: { values: MonthlyValues | undefined; month: string | undefined; label: string }) {
  const { t } = useTranslation('evaluasi')
  const issues = values && month ? validateMonthly(values, month) : []
  return (
    <Card withBorder padding="sm" data-testid="checks">
      <Text fw={600} size="sm" mb={4}>{t('entry.checks')}{label ? ` — ${label}` : ''}</Text>
      {!values ? (
        <Text size="sm" c="dimmed">{t('entry.focusHint')}</Text>
      ) : issues.length === 0 ? (
        <Text size="sm" c="teal.8">{t('entry.noIssues')}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {issues.map((i) => (
            <List.Item key={i.rule + i.field} c={i.severity === 'error' ? 'red.8' : 'yellow.9'}>{i.message}</List.Item>
          ))}
        </List>
      )}
    </Card>
  )
}

function SaveBar({ count, onSave, locked }: { count: number; onSave: () => void; locked: boolean }) {
  const { t } = useTranslation('evaluasi')
  return (
    <Group>
      <Button leftSection={<IconDeviceFloppy size={18} />} onClick={onSave} disabled={locked || count === 0}>{t('entry.save')}</Button>
      {count > 0 && <Text size="sm" c="orange.8" data-testid="unsaved">{t('entry.unsaved', { count })}</Text>}
    </Group>
  )
}

function YearEntry({ posyanduId, year, set }: { posyanduId: string; year: number; set: IndicatorSet | undefined }) {
  const { t, i18n } = useTranslation('evaluasi')
  const data = useOp('evaluation.monthlyYear', { posyanduId, year })
  const s = useEntrySession(data.data?.months, data.reload)
  const records: GridRecord[] = useMemo(
    () => (data.data?.months ?? []).map((m) => ({ key: `${m.posyanduId}|${m.month}`, label: shortMonth(m.month), month: m.month, values: m.values })),
    [data.data],
  )
  const months = [...s.current.current.entries()].map(([k, v]) => ({ month: k.split('|')[1], v }))
  const live = set && records.length ? computeStratum(set, months.map((m) => toMonthData(m.month, m.v)).filter((m) => m.held !== null)) : null
  const trend = months.map((m) => {
    const d = derivedIndicators(m.v)
    const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10)
    return { bulan: shortMonth(m.month), 'D/S': pct(d.ds), 'K/S': pct(d.ks), 'N/D': pct(d.nd) }
  })
  void s.version
  if (!data.data) return null
  const locked = data.data.locked
  const focusedMonth = s.focused?.split('|')[1]
  return (
    <Stack>
      {locked && <Alert color="orange">{t('entry.locked')}</Alert>}
      <SaveBar count={s.dirty.current.size} onSave={() => void s.save()} locked={locked} />
      <EntryGrid key={data.data.months.map((m) => `${m.posyanduId}|${m.month}:${m.rev}`).join()} records={records} rows="fields" locked={locked} lang={i18n.language} onChange={s.onChange} onFocusRecord={s.setFocused} />
      <Text size="xs" c="dimmed">{t('entry.keys')}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          <ChecksPanel values={s.focused ? s.current.current.get(s.focused) : undefined} month={focusedMonth} label={focusedMonth ? formatMonth(focusedMonth) : ''} />
          <Card withBorder padding="sm">
            <Text fw={600} size="sm" mb={4}>{t('entry.stratum')} — {set?.name}</Text>
            {live && <StratumBadge result={live} set={set!} />}
            <Text size="sm" mt={4} data-testid="live-reason">{live?.reason}</Text>
          </Card>
        </Stack>
        <Card withBorder padding="sm">
          <Text fw={600} size="sm" mb={4}>{t('entry.trend')} (%)</Text>
          <LineChart h={200} data={trend} dataKey="bulan" connectNulls={false} yAxisProps={{ domain: [0, 100] }}
            series={[{ name: 'D/S', color: 'teal.6' }, { name: 'K/S', color: 'blue.6' }, { name: 'N/D', color: 'orange.6' }]} withLegend />
        </Card>
      </SimpleGrid>
    </Stack>
  )
}

function DesaEntry({ desaCode, month }: { desaCode: string; month: string }) {
  const { t, i18n } = useTranslation('evaluasi')
  const data = useOp('evaluation.monthlyDesa', { desaCode, month })
  const rows = useMemo(() => data.data?.rows.map((r) => r.report), [data.data])
  const s = useEntrySession(rows, data.reload)
  const records: GridRecord[] = useMemo(
    () => (data.data?.rows ?? []).map((r) => ({ key: `${r.posyandu.id}|${month}`, label: r.posyandu.name, month, values: r.report.values })),
    [data.data, month],
  )
  void s.version
  if (!data.data) return null
  const locked = data.data.locked
  const focusedName = records.find((r) => r.key === s.focused)?.label ?? ''
  return (
    <Stack>
      {locked && <Alert color="orange">{t('entry.locked')}</Alert>}
      <SaveBar count={s.dirty.current.size} onSave={() => void s.save()} locked={locked} />
      <EntryGrid key={data.data.rows.map((r) => `${r.report.posyanduId}|${r.report.month}:${r.report.rev}`).join()} records={records} rows="records" locked={locked} lang={i18n.language} onChange={s.onChange} onFocusRecord={s.setFocused} />
      <Text size="xs" c="dimmed">{t('entry.keys')}</Text>
      <ChecksPanel values={s.focused ? s.current.current.get(s.focused) : undefined} month={month} label={focusedName} />
    </Stack>
  )
}

export function MonthlyEntry() {
  const { t } = useTranslation('evaluasi')
  const [mode, setMode] = useState<'year' | 'desa'>('year')
  const posyandu = useOp('evaluation.posyandu', {})
  const sets = useOp('evaluation.indicatorSets', {})
  const [posyanduId, setPosyanduId] = useState<string | null>(null)
  const [year, setYear] = useState(String(thisYear))
  const [desa, setDesa] = useState<string | null>(null)
  const [monthNo, setMonthNo] = useState(String(new Date().getMonth() + 1).padStart(2, '0'))
  const [rules, setRules] = useState<string | null>(null)
  const list = posyandu.data ?? []
  const desas = [...new Map(list.map((p) => [p.desaCode, `${p.desaName} (${p.kecamatanName})`])).entries()]
  const set = sets.data?.find((x) => x.code === rules) ?? sets.data?.[0]
  return (
    <Stack>
      <Group align="flex-end">
        <SegmentedControl value={mode} onChange={(v) => setMode(v as 'year' | 'desa')} data={[{ value: 'year', label: t('entry.perPosyandu') }, { value: 'desa', label: t('entry.perDesa') }]} />
        {mode === 'year' ? (
          <Select label={t('entry.posyandu')} searchable w={320} value={posyanduId} onChange={setPosyanduId}
            data={list.map((p) => ({ value: p.id, label: `${p.name} — ${p.desaName}` }))} />
        ) : (
          <>
            <Select label={t('entry.desa')} searchable w={280} value={desa} onChange={setDesa} data={desas.map(([value, label]) => ({ value, label }))} />
            <Select label={t('entry.month')} w={140} value={monthNo} onChange={(v) => v && setMonthNo(v)} data={BULAN.map((b, i) => ({ value: String(i + 1).padStart(2, '0'), label: b }))} />
          </>
        )}
        <Select label={t('entry.year')} w={100} value={year} onChange={(v) => v && setYear(v)} data={yearOptions} />
        {mode === 'year' && <Select label={t('entry.rules')} w={300} value={set?.code ?? null} onChange={setRules} data={(sets.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />}
      </Group>
      {posyandu.data && list.length === 0 && <Alert color="yellow">{t('entry.noPosyandu')}</Alert>}
      {mode === 'year' ? (
        posyanduId ? <YearEntry posyanduId={posyanduId} year={Number(year)} set={set} /> : <Text c="dimmed">{t('entry.pickPosyandu')}</Text>
      ) : desa ? (
        <DesaEntry desaCode={desa} month={`${year}-${monthNo}`} />
      ) : (
        <Text c="dimmed">{t('entry.pickDesa')}</Text>
      )}
    </Stack>
  )
}
