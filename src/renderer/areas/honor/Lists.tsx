import { Anchor, Button, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRupiah } from '../../../shared/format'
import { MonthField } from '../../components/DateField'
import { callWithNotice, useOp } from '../../hooks'
import { href, navigate } from '../../router'
import { StatusBadge } from './StatusBadge'
import { submit } from './submit'
import { useCan } from '../../session'
import { OpState } from '../../components/LoadState'
import { FormModal, ModalButtons, useDirtySince } from '../../components/FormModal'
import { localiseMonths, monthNames, screenPeriod } from '../../i18n/months'

const PARTIAL_KEY = 'honor.pref.partial_month'

function CreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('honor')
  const [kind, setKind] = useState<'bulan' | 'triwulan' | 'kustom'>('triwulan')
  const [year, setYear] = useState<number | string>(new Date().getFullYear())
  const [month, setMonth] = useState<string | null>(String(new Date().getMonth() + 1))
  const [quarter, setQuarter] = useState<string | null>(String(Math.floor(new Date().getMonth() / 3) + 1))
  const [monthFrom, setMonthFrom] = useState('')
  const [monthTo, setMonthTo] = useState('')
  const [subCode, setSubCode] = useState('')
  const [subName, setSubName] = useState('')
  const [title, setTitle] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const dirty = useDirtySince({ kind, year, month, quarter, monthFrom, monthTo, subCode, subName, title })
  const create = async () => {
    const out = await submit(
      'honor.listCreate',
      {
        periodKind: kind,
        year: Number(kind === 'kustom' ? monthFrom.slice(0, 4) || year : year),
        month: kind === 'bulan' ? Number(month) : undefined,
        quarter: kind === 'triwulan' ? Number(quarter) : undefined,
        monthFrom: kind === 'kustom' ? monthFrom : undefined,
        monthTo: kind === 'kustom' ? monthTo : undefined,
        subKegiatanCode: subCode,
        subKegiatanName: subName,
        title: title || undefined,
      },
      setErrors,
      t('list.created'),
    )
    if (out) navigate(`honor/daftar/${out.list.id}`)
  }
  return (
    <FormModal opened onClose={onClose} dirty={dirty} title={t('list.create')} size="lg">
      <Stack>
        <div>
          <Text size="sm" fw={500} mb={4}>{t('list.periodKind')}</Text>
          <SegmentedControl value={kind} onChange={(v) => setKind(v as typeof kind)} data={(['bulan', 'triwulan', 'kustom'] as const).map((k) => ({ value: k, label: t(`list.${k}`) }))} />
        </div>
        {kind !== 'kustom' && <NumberInput label={t('list.year')} value={year} onChange={setYear} min={2000} max={2100} error={errors.year} w={160} />}
        {kind === 'bulan' && <Select searchable label={t('list.month')} data={monthNames().map((b, i) => ({ value: String(i + 1), label: b }))} value={month} onChange={setMonth} error={errors.month} />}
        {kind === 'triwulan' && (
          <Select searchable label={t('list.quarter')} data={['I', 'II', 'III', 'IV'].map((q, i) => ({ value: String(i + 1), label: localiseMonths(`Triwulan ${q}`) }))} value={quarter} onChange={setQuarter} error={errors.quarter} />
        )}
        {kind === 'kustom' && (
          <SimpleGrid cols={2}>
            <MonthField label={t('list.monthFrom')} value={monthFrom} onChange={setMonthFrom} error={errors.monthFrom} />
            <MonthField label={t('list.monthTo')} value={monthTo} minMonth={monthFrom || undefined} onChange={setMonthTo} error={errors.monthTo} />
          </SimpleGrid>
        )}
        <TextInput label={t('list.subCode')} placeholder="5.01.01.2.06.0003" value={subCode} onChange={(e) => setSubCode(e.currentTarget.value)} error={errors.subKegiatanCode} />
        <TextInput label={t('list.subName')} value={subName} onChange={(e) => setSubName(e.currentTarget.value)} error={errors.subKegiatanName} />
        <TextInput label={t('list.titleField')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <ModalButtons dirty={dirty} onClose={onClose} onSubmit={create} label={t('list.create')} />
      </Stack>
    </FormModal>
  )
}

export function Lists() {
  const can = useCan()
  const { t } = useTranslation('honor')
  const lists = useOp('honor.listList', {})
  const settings = useOp('settings.get', {})
  const [creating, setCreating] = useState(false)
  const partial = settings.data?.[PARTIAL_KEY] === 'prorate' ? 'prorate' : 'full'
  const setPartial = async (value: string) => {
    await callWithNotice('settings.set', { key: PARTIAL_KEY, value }, t('list.partialSaved'))
    void settings.reload()
  }
  return (
    <Stack>
      <OpState op={lists} />
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" fw={500} mb={4}>{t('list.partialRule')}</Text>
          <SegmentedControl value={partial} onChange={(v) => void setPartial(v)} data={[{ value: 'full', label: t('list.partialFull') }, { value: 'prorate', label: t('list.partialProrate') }]} />
        </div>
        {can('honor.listCreate') && <Button onClick={() => setCreating(true)}>{t('list.create')}</Button>}
      </Group>
      {(lists.data ?? []).length === 0 ? <Text c="dimmed">{t('list.none')}</Text> : (
        <Table.ScrollContainer minWidth={800} className="sticky-first">
        <Table striped withTableBorder highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('list.number')}</Table.Th>
              <Table.Th>{t('list.period')}</Table.Th>
              <Table.Th>{t('detail.funding')}</Table.Th>
              <Table.Th>{t('list.status')}</Table.Th>
              <Table.Th ta="right">{t('list.lines')}</Table.Th>
              <Table.Th ta="right">{t('list.net')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(lists.data ?? []).map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Anchor href={href(`honor/daftar/${l.id}`)}>{l.number ?? t('status.draft')}</Anchor>
                  {l.revisionNo > 0 && <Text size="xs" c="dimmed">{t('list.revision', { no: l.revisionNo })}</Text>}
                  {l.supersededBy && <Text size="xs" c="orange">{t('list.supersededBy', { number: l.supersededBy.number ?? t('status.draft') })}</Text>}
                </Table.Td>
                <Table.Td>{screenPeriod(l)}</Table.Td>
                <Table.Td><Text size="sm">{l.subKegiatanCode}</Text><Text size="xs" c="dimmed">{l.subKegiatanName}</Text></Table.Td>
                <Table.Td><StatusBadge status={l.status} /></Table.Td>
                <Table.Td ta="right">{l.lineCount}</Table.Td>
                <Table.Td ta="right">{formatRupiah(l.totalNet)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {creating && <CreateForm onClose={() => setCreating(false)} />}
    </Stack>
  )
}
