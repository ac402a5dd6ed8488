import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { HonorRate } from '../../../shared/contract/honor'
import { formatRupiah } from '../../../shared/format'
import { RegulationPicker } from '../../components/RegulationPicker'
import { RowActions } from '../../components/RowActions'
import { DateField } from '../../components/DateField'
import { isAmount, RupiahInput, type RupiahValue } from '../../components/RupiahInput'
import { callWithNotice, useOp } from '../../hooks'
import { orNull, submit } from './submit'
import { useCan } from '../../session'
import { FormModal, ModalButtons, useDirtySince } from '../../components/FormModal'
import { screenDate } from '../../i18n/months'
import { OpState } from '../../components/LoadState'
import { RoleCell } from './role'

interface RateDraft {
  id?: string
  role: string
  amount: RupiahValue
  validFrom: string
  validTo: string
  regulationId: string | null
}

function RateForm({ initial, onClose, onSaved }: { initial: RateDraft; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('honor')
  const { t: tc } = useTranslation()
  const [v, setV] = useState(initial)
  const dirty = useDirtySince(v)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = <K extends keyof RateDraft>(k: K, value: RateDraft[K]) => setV((s) => ({ ...s, [k]: value }))
  const save = async () => {
    if (!isAmount(v.amount)) return setErrors({ amount: tc('money.invalid') })
    const out = await submit(
      'honor.rateSave',
      { id: v.id, role: v.role, amount: Number(v.amount), validFrom: v.validFrom, validTo: orNull(v.validTo), regulationId: v.regulationId },
      setErrors,
      t('rate.saved'),
    )
    if (out) onSaved()
  }
  return (
    <FormModal opened onClose={onClose} dirty={dirty} title={t('rate.add')} size="lg">
      <Stack>
        <TextInput label={t('rate.role')} value={v.role} error={errors.role} onChange={(e) => set('role', e.currentTarget.value)} />
        <RupiahInput label={t('rate.amount')} value={v.amount} error={errors.amount} onChange={(x) => set('amount', x)} />
        <SimpleGrid cols={2}>
          <DateField label={t('rate.from')} value={v.validFrom} error={errors.validFrom} onChange={(x) => set('validFrom', x)} />
          <DateField label={t('rate.to')} value={v.validTo} error={errors.validTo} minDate={v.validFrom || undefined} onChange={(x) => set('validTo', x)} />
        </SimpleGrid>
        <RegulationPicker label={t('rate.decree')} value={v.regulationId} onChange={(x) => set('regulationId', x)} />
        <ModalButtons dirty={dirty} onClose={onClose} onSubmit={save} />
      </Stack>
    </FormModal>
  )
}

export function Rates() {
  const can = useCan()
  const { t } = useTranslation('honor')
  const rates = useOp('honor.rateList', {})
  const [editing, setEditing] = useState<RateDraft | null>(null)
  const edit = (r: HonorRate) => setEditing({ id: r.id, role: r.role, amount: r.amount, validFrom: r.validFrom, validTo: r.validTo ?? '', regulationId: r.regulationId })
  return (
    <Stack>
      <OpState op={rates} />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{t('rate.hint')}</Text>
        {can('honor.rateSave') && <Button onClick={() => setEditing({ role: 'pendamping', amount: '', validFrom: '', validTo: '', regulationId: null })}>{t('rate.add')}</Button>}
      </Group>
      {(rates.data ?? []).length === 0 ? <Text c="dimmed">{t('rate.none')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rate.role')}</Table.Th>
              <Table.Th ta="right">{t('rate.amount')}</Table.Th>
              <Table.Th>{t('rate.from')}</Table.Th>
              <Table.Th>{t('rate.to')}</Table.Th>
              <Table.Th>{t('rate.decree')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(rates.data ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <RoleCell role={r.role} />
                <Table.Td ta="right">{formatRupiah(r.amount)}</Table.Td>
                <Table.Td>{screenDate(r.validFrom)}</Table.Td>
                <Table.Td>{r.validTo ? screenDate(r.validTo) : '—'}</Table.Td>
                <Table.Td data-content="data"><Text size="xs">{r.regulationLabel ?? '—'}</Text></Table.Td>
                <Table.Td>
                  <RowActions label={`${t('rate.one')} ${r.amount}`} deleteWhat={`${t('rate.role')} ${t(`roles.${r.role}`, { defaultValue: r.role })} ${formatRupiah(r.amount)} (${screenDate(r.validFrom)})`} onEdit={() => edit(r)}
                    onDelete={async () => (await callWithNotice('honor.rateDelete', { id: r.id }, t('rate.deleted'))) && void rates.reload()} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <RateForm initial={editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), void rates.reload())} />}
    </Stack>
  )
}
