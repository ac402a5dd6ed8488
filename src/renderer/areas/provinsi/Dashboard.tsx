import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconPrinter } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProvinceSummary } from '../../../shared/contract/province'
import { screenLang, screenMonth, screenNumber } from '../../i18n/months'
import { LoadState } from '../../components/LoadState'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { useSession } from '../../session'
import { CompletenessChart, FiguresTable, pctText, StrataChart, TrendChart, TrendTable, useFiguresT } from './Figures'
import { usePaperLang } from '../../components/print/Print'
import { formatDateLong } from '../../../shared/format'

/**
 * The year picker: years with data, newest first. It opens on the last whole year with data
 * (this year's strata are mostly "data tidak lengkap" until December is reported).
 */
export function useProvinceYear(initial?: number) {
  const years = useOp('province.years', {})
  const [year, setYear] = useState<number>(initial ?? new Date().getFullYear())
  useEffect(() => {
    const thisYear = new Date().getFullYear()
    if (!initial && years.data?.length) setYear(years.data.find((y) => y < thisYear) ?? years.data[0])
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [years.data])
  const choices = [...new Set([...(years.data ?? []), year])].sort((a, b) => b - a)
  return { year, setYear, choices }
}

export function MethodNote({ s }: { s: ProvinceSummary }) {
  const t = useFiguresT(s)
  return (
    <Text size="xs" c="dimmed" data-testid="method-note">
      {t('method', { sets: s.total.sets.join('; ') || t('noSet'), months: s.total.completeness.months, through: s.throughMonth ? t('through', { month: screenMonth(s.throughMonth) }) : '' })}
    </Text>
  )
}

export function StaleList({ s }: { s: ProvinceSummary }) {
  const t = useFiguresT(s)
  // On the printed report, Indonesian dates whatever the screen's language.
  const lang = usePaperLang()
  const day = (iso: string) => formatDateLong(iso.slice(0, 10), lang)
  const stale = s.kabupaten.filter((k) => k.stale)
  if (!stale.length) return <Text size="sm" c="teal.8" data-testid="stale-none">{t('stale.none', { days: s.staleAfterDays, count: s.staleAfterDays })}</Text>
  return (
    <div data-testid="stale-list">
      <Text size="sm">{t('stale.intro', { days: s.staleAfterDays, count: s.staleAfterDays })}</Text>
      <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
        {stale.map((k) => (
          <li key={k.code}>
            <Text size="sm" span fw={600}>{k.name}</Text>{' '}
            <Text size="sm" span>— {k.lastBundle ? t('stale.last', { seq: k.lastBundle.seq, created: day(k.lastBundle.createdAt), age: k.lastBundle.ageDays, count: k.lastBundle.ageDays, received: day(k.lastBundle.receivedAt) }) : t('stale.never')}</Text>
          </li>
        ))}
      </ul>
    </div>
  )
}

function StaleSetting({ days, onSaved }: { days: number; onSaved: () => void }) {
  const { t } = useTranslation('provinsi')
  const session = useSession()
  const [value, setValue] = useState<number | string>(days)
  useEffect(() => setValue(days), [days])
  if (!session.can('settings.set')) return null
  const save = async () => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1 || n > 3650) return
    if (await callWithNotice('settings.set', { key: 'province.pref.stale_days', value: String(n) }, t('stale.saved'))) onSaved()
  }
  return (
    <Group gap="xs" align="end">
      <NumberInput size="xs" w={190} label={t('stale.setting')} min={1} max={3650} value={value} onChange={setValue} data-testid="stale-days" error={Number.isInteger(Number(value)) && Number(value) >= 1 ? null : '1–3650'} />
      <Button size="xs" variant="default" onClick={() => void save()}>OK</Button>
    </Group>
  )
}

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail: string; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text size="xl" fw={700}>{value}</Text>
      <Text size="xs">{detail}</Text>
    </Card>
  )
}

/**
 * Province dashboard: per kabupaten/kota and in total, for the Tim Pembina Posyandu provinsi.
 * At a national office (the Kemendagri/Kemenkes data team): per province and the national
 * total, or per kabupaten/kota of one province picked under "Rincian".
 */
export function Dashboard() {
  const { t } = useTranslation('provinsi')
  const office = useOp('office.get', {})
  const national = office.data?.level === 'nasional'
  const { year, setYear, choices } = useProvinceYear()
  const [province, setProvince] = useState<string | null>(null)
  const whole = useOp('province.summary', { year })
  const drill = useOp('province.summary', { year, province: province ?? undefined }, national && province !== null)
  const sum = national && province ? drill : whole
  const s = sum.data
  const ft = useFiguresT(s ?? { unit: 'kabupaten' } as ProvinceSummary)
  const empty = !!s && s.kabupaten.length === 0
  // Charts are drawn at a fixed size: two side by side fit the 1024 px window with the narrow menu.
  const chartW = 430
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t(national ? 'titleNasional' : 'title')}{s ? ` — ${s.area.name}` : ''}</Title>
        <Group gap="xs">
          {national && (
            <Select
              w={310} aria-label={t('detail')} allowDeselect={false} data-testid="province-detail" value={province ?? ''}
              onChange={(v) => setProvince(v ? v : null)}
              data={[{ value: '', label: t('detailAll') }, ...(whole.data?.kabupaten ?? []).map((p) => ({ value: p.code, label: t('detailOf', { name: p.name }) }))]}
            />
          )}
          <Select w={110} aria-label={t('year')} data={choices.map(String)} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} data-testid="province-year" />
          <Button leftSection={<IconPrinter size={18} />} onClick={() => navigate(`provinsi/cetak/${year}${national && province ? `/${province}` : ''}`)} disabled={!s || empty} data-testid="province-print">{t('print')}</Button>
        </Group>
      </Group>
      <LoadState loading={sum.loading} error={sum.error} hasData={!!s} empty={empty} emptyText={<Alert color="gray" data-testid="province-empty">{t(national ? 'emptyNasional' : 'empty')}</Alert>} reload={() => void sum.reload()}>
        {s && (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              <Kpi testId="kpi-posyandu" label={t('kpi.posyandu')} value={screenNumber(s.total.posyandu)} detail={ft('kpi.units', { count: s.kabupaten.length })} />
              <Kpi testId="kpi-kader" label={t('kpi.kader')} value={screenNumber(s.total.kader)} detail={t('kpi.kaderDetail', { male: screenNumber(s.total.kaderMale), female: screenNumber(s.total.kaderFemale), trained: screenNumber(s.total.kaderTrained) })} />
              <Kpi testId="kpi-aktif" label={t('kpi.aktif')} value={pctText(s.total.aktifPct, screenLang())} detail={t('kpi.aktifDetail', { aktif: screenNumber(s.total.aktif), denominator: screenNumber(s.total.denominator), year: s.year, incomplete: screenNumber(s.total.strata.tidak_lengkap ?? 0) })} />
              <Kpi testId="kpi-completeness" label={t('kpi.completeness')} value={pctText(s.total.completeness.pct, screenLang())} detail={t('kpi.completenessDetail', { reported: screenNumber(s.total.completeness.reported), expected: screenNumber(s.total.completeness.expected) })} />
            </SimpleGrid>
            <MethodNote s={s} />
            <Alert color={s.kabupaten.some((k) => k.stale) ? 'orange' : 'teal'} icon={<IconAlertTriangle />} title={ft('stale.title')} p="xs">
              <Group justify="space-between" align="start" wrap="wrap">
                <StaleList s={s} />
                <StaleSetting days={s.staleAfterDays} onSaved={() => void sum.reload()} />
              </Group>
            </Alert>
            <div style={{ overflowX: 'auto' }}>
              <FiguresTable s={s} />
            </div>
            <Group gap="sm" align="start">
              <StrataChart s={s} width={chartW} />
              <CompletenessChart s={s} width={chartW} />
              <TrendChart s={s} width={chartW} />
              <div style={{ width: chartW }}><TrendTable s={s} /></div>
            </Group>
          </Stack>
        )}
      </LoadState>
    </Stack>
  )
}
