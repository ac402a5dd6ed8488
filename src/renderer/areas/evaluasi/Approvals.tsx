import { Badge, Button, Group, Modal, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReportMonthApproval } from '../../../shared/contract/reports'
import { callWithNotice, useOp } from '../../hooks'
import { screenMonth } from '../../i18n/months'
import { useCan } from '../../session'

const COLOR = { draft: 'gray', submitted: 'cyan', approved: 'blue', accepted: 'green', returned: 'orange' } as const

/** Submit → approve (kecamatan) → accept (kabupaten), per month, with who did each step. */
export function Approvals() {
  const { t } = useTranslation('evaluasi')
  const can = useCan()
  const office = useOp('office.get', {}).data
  const [year, setYear] = useState<number | string>(new Date().getFullYear())
  const list = useOp('reportApproval.list', { year: Number(year) || new Date().getFullYear() })
  const [asking, setAsking] = useState<null | { row: ReportMonthApproval; op: 'reportApproval.reopen' | 'reportApproval.return' }>(null)
  const [reason, setReason] = useState('')
  const kecamatan = office?.level === 'kecamatan'
  const run = async (p: Promise<unknown>) => (await p) && void list.reload()
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('approval.intro')}</Text>
      <NumberInput label={t('entry.year')} value={year} onChange={setYear} min={2000} max={2100} w={140} />
      {!kecamatan && list.data?.length === 0 && <Text c="dimmed">{t('approval.none')}</Text>}
      <Table striped data-testid="approvals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('approval.month')}</Table.Th>
            {!kecamatan && <Table.Th>{t('approval.kecamatan')}</Table.Th>}
            <Table.Th>{t('approval.reports')}</Table.Th>
            <Table.Th>{t('approval.status')}</Table.Th>
            <Table.Th>{t('approval.kabupaten')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data ?? []).map((r) => (
            <Table.Tr key={`${r.kecamatanCode}|${r.month}`}>
              <Table.Td>{screenMonth(r.month)}</Table.Td>
              {!kecamatan && <Table.Td>{r.kecamatanName}</Table.Td>}
              <Table.Td>{r.reports}</Table.Td>
              <Table.Td>
                <Badge color={COLOR[r.status]} variant="light">{t(`approval.${r.status}`)}</Badge>
                <Text size="xs" c="dimmed">{r.approvedByName ? t('approval.by', { name: r.approvedByName }) : r.submittedByName ? t('approval.by', { name: r.submittedByName }) : ''}</Text>
                {r.status === 'draft' && r.note && <Text size="xs" c="orange">{r.note}</Text>}
              </Table.Td>
              <Table.Td>
                {r.acceptance && <Badge color={COLOR[r.acceptance.status]} variant="light">{t(`approval.${r.acceptance.status}`)}</Badge>}
                {r.acceptance && <Text size="xs" c="dimmed">{t('approval.by', { name: r.acceptance.decidedByName })}{r.acceptance.note ? ` — ${r.acceptance.note}` : ''}</Text>}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {kecamatan && r.status === 'draft' && r.reports > 0 && r.acceptance?.status !== 'accepted' && can('reportApproval.submit') && (
                    <Button size="xs" onClick={() => void run(callWithNotice('reportApproval.submit', { month: r.month }, t('approval.done')))}>{t('approval.submit')}</Button>
                  )}
                  {kecamatan && r.status === 'submitted' && can('reportApproval.approve') && (
                    <Button size="xs" onClick={() => void run(callWithNotice('reportApproval.approve', { month: r.month }, t('approval.done')))}>{t('approval.approve')}</Button>
                  )}
                  {kecamatan && r.status !== 'draft' && r.acceptance?.status !== 'accepted' && can('reportApproval.reopen') && (
                    <Button size="xs" variant="light" color="orange" onClick={() => setAsking({ row: r, op: 'reportApproval.reopen' })}>{t('approval.reopen')}</Button>
                  )}
                  {!kecamatan && r.status === 'approved' && r.acceptance?.status !== 'accepted' && can('reportApproval.accept') && (
                    <Button size="xs" onClick={() => void run(callWithNotice('reportApproval.accept', { kecamatanCode: r.kecamatanCode, month: r.month }, t('approval.done')))}>{t('approval.accept')}</Button>
                  )}
                  {!kecamatan && can('reportApproval.return') && (
                    <Button size="xs" variant="light" color="orange" onClick={() => setAsking({ row: r, op: 'reportApproval.return' })}>{t('approval.return')}</Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!asking} onClose={() => setAsking(null)} title={asking ? `${t(asking.op === 'reportApproval.reopen' ? 'approval.reopen' : 'approval.return')}: ${screenMonth(asking.row.month)}` : ''}>
        <Stack>
          <TextInput label={t('approval.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button
              onClick={async () => {
                if (!asking) return
                const out =
                  asking.op === 'reportApproval.reopen'
                    ? await callWithNotice('reportApproval.reopen', { month: asking.row.month, reason }, t('approval.done'))
                    : await callWithNotice('reportApproval.return', { kecamatanCode: asking.row.kecamatanCode, month: asking.row.month, reason }, t('approval.done'))
                if (out) (setAsking(null), setReason(''), void list.reload())
              }}
            >
              {t('common:action.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  )
}
