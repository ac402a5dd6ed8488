import { LineChart } from '@mantine/charts'
import { Alert, Button, Card, Group, List, Select, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDeviceFloppy } from '@tabler/icons-react'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { MonthlyRow } from '../../../shared/contract/evaluation'
import { derivedIndicators, isEmptyMonth, NUMERIC_FIELDS, type Issue, type MonthlyValues } from '../../../shared/evaluation/fields'
import { compileForm, previousPeriod, type CompiledForm, type FormDef, type FormValues } from '../../../shared/forms/form'
import { checkSkdnMonth, monthlyToForm, SKDN_COLUMNS } from '../../../shared/forms/skdn'
import { computeStratum, type IndicatorSet, type MonthData } from '../../../shared/evaluation/strata'
import { callWithNotice, useOp } from '../../hooks'
import { FormImport } from './FormTools'
import { EntryGrid, FormGrid, formIssues, type FormGridRecord, type GridRecord } from './EntryGrid'
import './forms-i18n'
import { useCan } from '../../session'
import { monthNames, screenMonth, shortMonth } from '../../i18n/months'
import { StratumBadge } from './StratumBadge'
import { issueText } from '../../i18n/errors'

const thisYear = new Date().getFullYear()
export const yearOptions = Array.from({ length: 12 }, (_, i) => String(thisYear - i))

/** A month's values as the strata rules read them. */
export function toMonthData(month: string, v: MonthlyValues): MonthData {
  const d: MonthData = { month, held: isEmptyMonth(v) ? null : v.held === false ? 0 : 1, programmes: v.programmes.join(',') || null }
  for (const k of NUMERIC_FIELDS) d[k] = typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : null
  return d
}

/** The SKDN form in force (the kabupaten's version when it added fields or rules), compiled once. */
function useSkdn() {
  const form = useOp('forms.get', { code: 'SKDN' })
  return useMemo(() => (form.data ? compileForm(form.data) : null), [form.data])
}

/** Fields of the SKDN form beyond the monthly report's own columns. */
const extraFieldsOf = (cf: CompiledForm | null) => (cf ? cf.form.fields.filter((f) => !SKDN_COLUMNS.has(f.key)) : [])
const extraOf = (cf: CompiledForm | null, v: MonthlyValues): FormValues =>
  Object.fromEntries(extraFieldsOf(cf).map((f) => [f.key, (v[f.key] as FormValues[string]) ?? null]).filter(([, x]) => x !== null && x !== undefined && x !== ''))

/** The one check of an SKDN month, as core runs it before saving. */
function skdnCheck(cf: CompiledForm | null, v: MonthlyValues, month: string, previous: MonthlyValues | FormValues | null | undefined, prevIsForm = false): Issue[] {
  if (!cf) return []
  const prev = previous ? (prevIsForm ? (previous as FormValues) : isEmptyMonth(previous as MonthlyValues) ? null : monthlyToForm(previous as MonthlyValues, extraOf(cf, previous as MonthlyValues))) : null
  return checkSkdnMonth(cf, v, extraOf(cf, v), prev, month)
}

/**
 * State of one grid: the values as typed (ref, no re-render per keystroke for the grid),
 * which records changed, and a save of the changed ones in one call (all or nothing).
 */
function useEntrySession(rows: MonthlyRow[] | undefined, reload: () => Promise<void>, cf: CompiledForm | null, checkOf: (key: string, v: MonthlyValues) => Issue[]) {
  const { t } = useTranslation('evaluasi')
  const current = useRef(new Map<string, MonthlyValues>())
  const dirty = useRef(new Set<string>())
  const [version, setVersion] = useState(0)
  const [focused, setFocused] = useState<string | null>(null)
  const keyOf = (r: MonthlyRow) => `${r.posyanduId}|${r.month}`
  useEffect(() => {
    current.current = new Map((rows ?? []).map((r) => [keyOf(r), { ...r.values, ...(r.extra ?? {}) } as MonthlyValues]))
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
    const bad = keys.some((k) => checkOf(k, current.current.get(k)!).some((i) => i.severity === 'error'))
    if (bad) {
      notifications.show({ color: 'red', message: t('entry.fixFirst') })
      return
    }
    const items = keys.map((k) => {
      const [posyanduId, month] = k.split('|')
      const v = current.current.get(k)!
      const values = Object.fromEntries(Object.entries(v).filter(([key]) => SKDN_COLUMNS.has(key) || key === 'notes')) as MonthlyValues
      return { posyanduId, month, values, extra: extraOf(cf, v), formVersion: cf?.form.version }
    })
    const out = await callWithNotice('evaluation.monthlySave', { items }, t('entry.saved', { count: items.length }))
    if (out) await reload()
  }, [reload, t, cf, checkOf])
  useSaveShortcut(save)
  return { current, dirty, version, onChange, save, focused, setFocused }
}

function ChecksPanel({ values, issues, label }: { values: MonthlyValues | undefined; issues: Issue[]; label: string }) {
  const { t } = useTranslation('evaluasi')
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
            <List.Item key={i.rule + i.field} c={i.severity === 'error' ? 'red.8' : 'yellow.9'}>{issueText(i)}</List.Item>
          ))}
        </List>
      )}
    </Card>
  )
}

function SaveBar({ count, onSave, locked }: { count: number; onSave: () => void; locked: boolean }) {
  const { t } = useTranslation('evaluasi')
  if (!useCan()('evaluation.monthlySave')) return null
  return (
    <Group>
      <Button leftSection={<IconDeviceFloppy size={18} />} onClick={onSave} disabled={locked || count === 0}>{t('entry.save')}</Button>
      {count > 0 && <Text size="sm" c="orange.8" data-testid="unsaved">{t('entry.unsaved', { count })}</Text>}
    </Group>
  )
}

function YearEntry({ posyanduId, year, set }: { posyanduId: string; year: number; set: IndicatorSet | undefined }) {
  const { t, i18n } = useTranslation('evaluasi')
  const can = useCan()
  const data = useOp('evaluation.monthlyYear', { posyanduId, year })
  const cf = useSkdn()
  const previous = data.data?.previous ?? null
  const checkWith = useCallback(
    (key: string, v: MonthlyValues, valuesOf: (k: string) => MonthlyValues | undefined) => {
      const [pid, month] = key.split('|')
      const prevMonth = previousPeriod(month)
      return prevMonth.startsWith(String(year)) ? skdnCheck(cf, v, month, valuesOf(`${pid}|${prevMonth}`)) : skdnCheck(cf, v, month, previous, true)
    },
    [cf, previous, year],
  )
  const sessionRef = useRef<Map<string, MonthlyValues>>(new Map())
  const checkOf = useCallback((key: string, v: MonthlyValues) => checkWith(key, v, (k) => sessionRef.current.get(k)), [checkWith])
  const s = useEntrySession(data.data?.months, data.reload, cf, checkOf)
  sessionRef.current = s.current.current
  const nextKey = useCallback((key: string) => {
    const [pid, month] = key.split('|')
    const m = Number(month.slice(5, 7))
    return m < 12 ? `${pid}|${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}` : null
  }, [])
  const records: GridRecord[] = useMemo(
    () => (data.data?.months ?? []).map((m) => ({ key: `${m.posyanduId}|${m.month}`, label: shortMonth(m.month), month: m.month, values: { ...m.values, ...(m.extra ?? {}) } as MonthlyValues })),
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
  const canSave = can('evaluation.monthlySave')
  if (!data.data) return null
  // A role that may not save sees the grid read-only (the dispatcher would refuse the save).
  const locked = data.data.locked || !canSave
  const focusedMonth = s.focused?.split('|')[1]
  return (
    <Stack>
      {data.data.locked && <Alert color="orange">{t('entry.locked')}</Alert>}
      <SaveBar count={s.dirty.current.size} onSave={() => void s.save()} locked={locked} />
      <EntryGrid key={`${cf?.form.version}:${data.data.months.map((m) => `${m.posyanduId}|${m.month}:${m.rev}`).join()}`} records={records} rows="fields" locked={locked} lang={i18n.language} onChange={s.onChange} onFocusRecord={s.setFocused} check={checkWith} nextKey={nextKey} extraFields={extraFieldsOf(cf)} />
      <Text size="xs" c="dimmed">{t('entry.keys')}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          <ChecksPanel values={s.focused ? s.current.current.get(s.focused) : undefined} issues={s.focused && s.current.current.get(s.focused) ? checkOf(s.focused, s.current.current.get(s.focused)!) : []} label={focusedMonth ? screenMonth(focusedMonth) : ''} />
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
  const can = useCan()
  const data = useOp('evaluation.monthlyDesa', { desaCode, month })
  const rows = useMemo(() => data.data?.rows.map((r) => r.report), [data.data])
  const cf = useSkdn()
  const previousOf = useMemo(() => new Map((data.data?.rows ?? []).map((r) => [`${r.posyandu.id}|${month}`, r.previous])), [data.data, month])
  const checkOf = useCallback((key: string, v: MonthlyValues) => skdnCheck(cf, v, month, previousOf.get(key) ?? null, true), [cf, month, previousOf])
  const checkWith = useCallback((key: string, v: MonthlyValues) => checkOf(key, v), [checkOf])
  const s = useEntrySession(rows, data.reload, cf, checkOf)
  const records: GridRecord[] = useMemo(
    () => (data.data?.rows ?? []).map((r) => ({ key: `${r.posyandu.id}|${month}`, label: r.posyandu.name, month, values: { ...r.report.values, ...(r.report.extra ?? {}) } as MonthlyValues })),
    [data.data, month],
  )
  void s.version
  const canSave = can('evaluation.monthlySave')
  if (!data.data) return null
  // A role that may not save sees the grid read-only (the dispatcher would refuse the save).
  const locked = data.data.locked || !canSave
  const focusedName = records.find((r) => r.key === s.focused)?.label ?? ''
  return (
    <Stack>
      {data.data.locked && <Alert color="orange">{t('entry.locked')}</Alert>}
      <SaveBar count={s.dirty.current.size} onSave={() => void s.save()} locked={locked} />
      <EntryGrid key={`${cf?.form.version}:${data.data.rows.map((r) => `${r.report.posyanduId}|${r.report.month}:${r.report.rev}`).join()}`} records={records} rows="records" locked={locked} lang={i18n.language} onChange={s.onChange} onFocusRecord={s.setFocused} check={checkWith} extraFields={extraFieldsOf(cf)} />
      <Text size="xs" c="dimmed">{t('entry.keys')}</Text>
      <ChecksPanel values={s.focused ? s.current.current.get(s.focused) : undefined} issues={s.focused && s.current.current.get(s.focused) ? checkOf(s.focused, s.current.current.get(s.focused)!) : []} label={focusedName} />
    </Stack>
  )
}

/**
 * Any other report form: one row per posyandu of a desa (or the whole office area), one
 * column per field of the form version in force, checked as typed with the same
 * validateValues core runs before saving. Reports entered on an older version say so.
 */
export function FormEntry({ form: code, area, period }: { form: string; area: string | undefined; period: string }) {
  const { t, i18n } = useTranslation('forms')
  const sheet = useOp('forms.sheet', { code, period, area })
  // Values are the posyandu's kecamatan's to write (table policy); the kabupaten reads them.
  const office = useOp('office.get', {})
  const readOnly = office.data?.level === 'kabupaten'
  const canSave = useCan()('forms.saveReports')
  const form = sheet.data?.form
  const cf = useMemo(() => (form ? compileForm(form) : null), [form])
  const current = useRef(new Map<string, FormValues>())
  const dirty = useRef(new Set<string>())
  const [, setTick] = useState(0)
  const [focused, setFocused] = useState<string | null>(null)
  const records: FormGridRecord[] = useMemo(
    () => (sheet.data?.rows ?? []).map((r) => ({ key: r.posyandu.id, label: r.posyandu.name, sub: `${r.posyandu.desaName}, ${r.posyandu.kecamatanName}`, period, values: r.report.values, previous: r.previous, version: r.report.formVersion })),
    [sheet.data, period],
  )
  useEffect(() => {
    current.current = new Map(records.map((r) => [r.key, r.values]))
    dirty.current.clear()
    setTick((x) => x + 1)
  }, [records])
  const onChange = useCallback((key: string, values: FormValues) => {
    current.current.set(key, values)
    dirty.current.add(key)
    setTick((x) => x + 1)
  }, [])
  const save = useCallback(async () => {
    if (!cf || !dirty.current.size) return
    const keys = [...dirty.current]
    const recs = new Map(records.map((r) => [r.key, r]))
    if (keys.some((k) => formIssues(cf, recs.get(k)!, current.current.get(k)!).some((i) => i.severity === 'error'))) {
      notifications.show({ color: 'red', message: t('fixFirst') })
      return
    }
    const items = keys.map((k) => ({ posyanduId: k, period, values: current.current.get(k)!, formVersion: cf.form.version }))
    const out = await callWithNotice('forms.saveReports', { code, items }, t('saved', { count: items.length }))
    if (out) await sheet.reload()
  }, [cf, code, period, records, sheet, t])
  useSaveShortcut(save)
  if (sheet.error) return <Alert color="red">{sheet.error.message}</Alert>
  if (!sheet.data || !cf || !form) return null
  const lang = i18n.language === 'en' ? 'en' : 'id'
  const rec = focused ? records.find((r) => r.key === focused) : undefined
  const issues = rec && cf ? formIssues(cf, rec, current.current.get(rec.key) ?? rec.values) : []
  const older = records.filter((r) => r.version !== null && r.version !== form.version)
  return (
    <Stack>
      <Text size="sm" c="dimmed" data-testid="form-source">{form.name[lang]} · {t('version', { version: form.version })} · {t('source')}: {form.source}</Text>
      {readOnly ? <Alert color="blue">{t('kabReadOnly')}</Alert> : canSave && <FormImport form={form} period={period} onSaved={() => void sheet.reload()} />}
      {canSave && <Group>
        <Button leftSection={<IconDeviceFloppy size={18} />} onClick={() => void save()} disabled={dirty.current.size === 0}>{t('save')}</Button>
        {dirty.current.size > 0 && <Text size="sm" c="orange.8" data-testid="unsaved">{t('unsaved', { count: dirty.current.size })}</Text>}
      </Group>}
      {records.length === 0 ? <Alert color="yellow">{t('noPosyandu')}</Alert> : <FormGrid key={`${form.code}:${form.version}:${period}:${records.map((r) => r.version).join()}`} form={form} records={records} locked={readOnly || !canSave} lang={lang} onChange={onChange} onFocusRecord={setFocused} />}
      <Text size="xs" c="dimmed">{t('keys')} · * {lang === 'en' ? 'required' : 'wajib'} · ° {t('example')}</Text>
      {older.length > 0 && <Text size="xs" c="dimmed">{older.map((r) => `${r.label}: ${t('enteredOn', { version: r.version })}`).join(' · ')}</Text>}
      <Card withBorder padding="sm" data-testid="checks">
        <Text fw={600} size="sm" mb={4}>{t('checks')}{rec ? ` — ${rec.label}` : ''}</Text>
        {!rec ? (
          <Text size="sm" c="dimmed">{t('focusHint')}</Text>
        ) : issues.length === 0 ? (
          <Text size="sm" c="teal.8">{t('noIssues')}</Text>
        ) : (
          <List size="sm" spacing={2}>
            {issues.map((i) => <List.Item key={i.rule + i.field} c={i.severity === 'error' ? 'red.8' : 'yellow.9'}>{i.message[lang]}</List.Item>)}
          </List>
        )}
      </Card>
    </Stack>
  )
}

export function MonthlyEntry() {
  const forms = useOp('forms.list', {})
  const [formCode, setFormCode] = useState('SKDN')
  const { t: tf, i18n } = useTranslation('forms')
  const chosen = forms.data?.find((f) => f.form.code === formCode)?.form
  const picker = (
    <Select searchable label={tf('form')} w={300} value={formCode} onChange={(v) => v && setFormCode(v)} allowDeselect={false}
      data={(forms.data ?? []).map((f) => ({ value: f.form.code, label: `${f.form.name[i18n.language === 'en' ? 'en' : 'id']} (v${f.form.version})` }))} />
  )
  if (formCode === 'SKDN' || !chosen) return <SkdnEntry picker={picker} />
  return <OtherFormEntry picker={picker} form={chosen} />
}

function OtherFormEntry({ picker, form }: { picker: React.ReactNode; form: FormDef }) {
  const { t } = useTranslation('forms')
  const posyandu = useOp('evaluation.posyandu', {})
  const list = posyandu.data ?? []
  const desas = [...new Map(list.map((p) => [p.desaCode, `${p.desaName} (${p.kecamatanName})`])).entries()]
  const [area, setArea] = useState<string | null>(null)
  const [year, setYear] = useState(String(thisYear))
  const [monthNo, setMonthNo] = useState(String(new Date().getMonth() + 1).padStart(2, '0'))
  const period = form.periodType === 'yearly' ? year : `${year}-${monthNo}`
  return (
    <Stack>
      <Group align="flex-end">
        {picker}
        <Select searchable label={t('area')} w={280} value={area ?? ''} onChange={(v) => setArea(v || null)} data={[{ value: '', label: t('allArea') }, ...desas.map(([value, label]) => ({ value, label }))]} />
        {form.periodType === 'monthly' && <Select searchable label={t('month')} w={140} value={monthNo} onChange={(v) => v && setMonthNo(v)} data={monthNames().map((b, i) => ({ value: String(i + 1).padStart(2, '0'), label: b }))} />}
        <Select searchable label={t('year')} w={100} value={year} onChange={(v) => v && setYear(v)} data={yearOptions} />
      </Group>
      <FormEntry form={form.code} area={area ?? undefined} period={period} />
    </Stack>
  )
}

function SkdnEntry({ picker }: { picker: React.ReactNode }) {
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
  // The kecamatan's monthly recap sheet (one row per posyandu) goes into the month shown per desa.
  const skdn = useOp('forms.get', { code: 'SKDN' })
  const [imported, setImported] = useState(0)
  return (
    <Stack>
      <Group align="flex-end">
        {picker}
        <SegmentedControl value={mode} onChange={(v) => setMode(v as 'year' | 'desa')} data={[{ value: 'year', label: t('entry.perPosyandu') }, { value: 'desa', label: t('entry.perDesa') }]} />
        {mode === 'year' ? (
          <Select label={t('entry.posyandu')} searchable w={320} value={posyanduId} onChange={setPosyanduId}
            data={list.map((p) => ({ value: p.id, label: `${p.name} — ${p.desaName}` }))} />
        ) : (
          <>
            <Select label={t('entry.desa')} searchable w={280} value={desa} onChange={setDesa} data={desas.map(([value, label]) => ({ value, label }))} />
            <Select label={t('entry.month')} w={140} value={monthNo} onChange={(v) => v && setMonthNo(v)} data={monthNames().map((b, i) => ({ value: String(i + 1).padStart(2, '0'), label: b }))} />
          </>
        )}
        <Select label={t('entry.year')} w={100} value={year} onChange={(v) => v && setYear(v)} data={yearOptions} />
        {mode === 'year' && <Select label={t('entry.rules')} w={300} value={set?.code ?? null} onChange={setRules} data={(sets.data ?? []).map((x) => ({ value: x.code, label: x.name }))} />}
      </Group>
      {posyandu.data && list.length === 0 && <Alert color="yellow">{t('entry.noPosyandu')}</Alert>}
      {mode === 'desa' && skdn.data && list.length > 0 && <FormImport form={skdn.data} period={`${year}-${monthNo}`} onSaved={() => setImported((n) => n + 1)} />}
      {mode === 'year' ? (
        posyanduId ? <YearEntry posyanduId={posyanduId} year={Number(year)} set={set} /> : <Text c="dimmed">{t('entry.pickPosyandu')}</Text>
      ) : desa ? (
        <DesaEntry key={imported} desaCode={desa} month={`${year}-${monthNo}`} />
      ) : (
        <Text c="dimmed">{t('entry.pickDesa')}</Text>
      )}
    </Stack>
  )
}

/** Ctrl+S (⌘S) saves the grid, as in Excel. */
function useSaveShortcut(save: () => Promise<void>) {
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
}
