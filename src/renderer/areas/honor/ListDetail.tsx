import { ActionIcon, Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconDownload, IconPrinter, IconTrash } from '@tabler/icons-react'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Amounts, HonorLine, HonorListDetail } from '../../../shared/contract/honor'
import { formatRupiah } from '../../../shared/format'
import { downloadBase64, XLSX_TYPE } from '../../components/files'
import { DateField, MonthField } from '../../components/DateField'
import { callWithNotice, useOp } from '../../hooks'
import { href, navigate } from '../../router'
import { formatMonths, monthRange } from '../../../shared/honorFormat'
import { StatusBadge } from './StatusBadge'
import { useCan } from '../../session'
import type { HonorListSummary } from '../../../shared/contract/honor'
import { submit } from './submit'
import { FormModal, ModalButtons, useDirtySince } from '../../components/FormModal'
import { screenDate, screenLang, screenNumber, screenPeriod } from '../../i18n/months'
import i18next from 'i18next'

/** Core's tax formula ("pph21 × 50% × 990.000 × 120% (tanpa NPWP)") with the screen's number grouping and words. */
function taxBasisText(basis: string): string | undefined {
  if (!basis) return undefined
  if (screenLang() !== 'en') return basis
  return basis.replace('(tanpa NPWP)', `(${i18next.t('honor:detail.noNpwpBasis')})`).replace(/\d{1,3}(?:\.\d{3})+/g, (n) => screenNumber(Number(n.replace(/\./g, ''))))
}

/** A small modal asking for one or two text fields before an action. */
function Ask(props: { title: string; fields: { key: string; label: string; type?: string }[]; confirm: string; intro?: ReactNode; onClose: () => void; onSubmit: (v: Record<string, string>, setErrors: (e: Record<string, string>) => void) => Promise<boolean> }) {
  const [v, setV] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const dirty = useDirtySince(v)
  return (
    <FormModal opened onClose={props.onClose} dirty={dirty} title={props.title}>
      <Stack>
        {props.intro}
        {props.fields.map((f) => {
          const onValue = (value: string) => setV((s) => ({ ...s, [f.key]: value }))
          if (f.type === 'date') return <DateField key={f.key} label={f.label} value={v[f.key] ?? ''} error={errors[f.key]} onChange={onValue} notInFuture />
          if (f.type === 'month') return <MonthField key={f.key} label={f.label} value={v[f.key] ?? ''} error={errors[f.key]} onChange={onValue} />
          return <TextInput key={f.key} label={f.label} value={v[f.key] ?? ''} error={errors[f.key]} onChange={(e) => onValue(e.currentTarget.value)} />
        })}
        <ModalButtons dirty={dirty} onClose={props.onClose} onSubmit={async () => (await props.onSubmit(v, setErrors)) && props.onClose()} label={props.confirm} />
      </Stack>
    </FormModal>
  )
}

/** Who prepared, verified, approved and paid: what an inspector asks first. */
function Steps({ list }: { list: HonorListSummary }) {
  const { t } = useTranslation('honor')
  const day = (iso: string | null) => (iso ? screenDate(iso.slice(0, 10)) : '')
  const steps = [
    { label: t('detail.stepPrepared'), name: list.preparedByName ?? t('detail.legacyPreparer'), at: '' },
    { label: t('detail.stepVerified'), name: list.verifiedByName, at: day(list.verifiedAt) },
    { label: t('detail.stepApproved'), name: list.approvedByName, at: day(list.finalisedAt) },
    { label: t('detail.stepPaid'), name: list.paidByName, at: list.paidDate ? screenDate(list.paidDate) : '' },
  ]
  return (
    <Group gap="lg" data-testid="approval-steps" aria-label={t('detail.steps')}>
      {steps.map((s) => (
        <div key={s.label}>
          <Text size="xs" c="dimmed">{s.label}</Text>
          <Text size="sm" fw={500}>{s.name ?? '—'}</Text>
          {s.at && <Text size="xs" c="dimmed">{s.at}</Text>}
        </div>
      ))}
    </Group>
  )
}

const money = (n: number) => formatRupiah(n)
const NOWRAP = { whiteSpace: 'nowrap' } as const
const amounts = (a: Amounts | null) => (a ? `${formatMonths(a.months)} bln · ${money(a.net)}` : '—')

export function ListDetail({ id }: { id: string }) {
  const { t } = useTranslation('honor')
  const detail = useOp('honor.listGet', { id })
  const assignments = useOp('honor.assignmentList', {})
  const can = useCan()
  const [ask, setAsk] = useState<null | 'verify' | 'return' | 'finalise' | 'pay' | 'cancel' | 'revise' | 'add' | 'delete' | { remove: HonorLine }>(null)
  const [addAssignment, setAddAssignment] = useState<string | null>(null)
  const d = detail.data
  // A draft made before "one line per person": its preparer opening it regenerates it (once).
  const regroup = Boolean(d?.oldLines && d.list.status === 'draft' && can('honor.listRefresh'))
  useEffect(() => {
    if (regroup) void callWithNotice('honor.listRefresh', { id }, t('detail.regrouped')).then((next) => next && detail.setData(next))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [regroup, id])
  if (detail.error) return <Alert color="red">{detail.error.message}</Alert>
  if (!d) return <Text>…</Text>
  const { list } = d
  const draft = list.status === 'draft'
  // Lines change only while the list is prepared, and only by whoever prepares lists.
  const editable = draft && can('honor.lineRemove')
  const update = (next: HonorListDetail | undefined) => {
    if (next) detail.setData(next)
    return !!next
  }
  const exportXlsx = async () => {
    const out = await callWithNotice('honor.exportXlsx', { id })
    if (out) downloadBase64(out.base64, out.fileName, XLSX_TYPE)
  }

  return (
    <Stack>
      <Anchor href={href('honor/daftar')} size="sm">← {t('detail.back')}</Anchor>
      {d.oldLines && !regroup && <Alert color="blue" data-testid="old-lines">{t(draft ? 'detail.oldLinesDraft' : 'detail.oldLinesFinal')}</Alert>}
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2}>{list.number ?? t(`status.${list.status}`)}</Title>
            <StatusBadge status={list.status} />
            {list.revisionNo > 0 && <Text c="dimmed">{t('list.revision', { no: list.revisionNo })}</Text>}
          </Group>
          <Text data-content="data">{list.title}</Text>
          <Text size="sm" c="dimmed">{screenPeriod(list)} · {t('detail.funding')} {list.subKegiatanCode} {list.subKegiatanName} · {t('detail.fiscalYear', { year: list.fiscalYear })}</Text>
          {list.paidDate && <Text size="sm" c="green">{t('detail.paidInfo', { date: screenDate(list.paidDate), ref: list.paymentRef })}</Text>}
          {list.supersededBy && (
            <Anchor href={href(`honor/daftar/${list.supersededBy.id}`)} size="sm" c="orange">{t('list.supersededBy', { number: list.supersededBy.number ?? t('status.draft') })}</Anchor>
          )}
        </div>
        <Group>
          {draft && can('honor.verify') && <Button onClick={() => setAsk('verify')}>{t('detail.verify')}</Button>}
          {list.status === 'verified' && can('honor.finalise') && <Button onClick={() => setAsk('finalise')}>{t('detail.finalise')}</Button>}
          {list.status === 'verified' && can('honor.returnToDraft') && <Button variant="light" color="orange" onClick={() => setAsk('return')}>{t('detail.returnToDraft')}</Button>}
          {draft && can('honor.listRefresh') && <Button variant="light" onClick={async () => update(await callWithNotice('honor.listRefresh', { id }, t('detail.refreshed')))}>{t('detail.refresh')}</Button>}
          {list.status === 'final' && can('honor.markPaid') && <Button color="green" onClick={() => setAsk('pay')}>{t('detail.pay')}</Button>}
          {list.status === 'final' && can('honor.cancel') && <Button variant="light" color="red" onClick={() => setAsk('cancel')}>{t('detail.cancel')}</Button>}
          {(list.status === 'final' || list.status === 'paid') && !list.supersededBy && can('honor.revise') && <Button variant="light" onClick={() => setAsk('revise')}>{t('detail.revise')}</Button>}
          {can('honor.exportXlsx') && <Button variant="light" leftSection={<IconDownload size={16} />} onClick={() => void exportXlsx()}>{t('detail.xlsx')}</Button>}
          <Button variant="light" leftSection={<IconPrinter size={16} />} onClick={() => navigate(`honor/daftar/${id}/cetak`)}>{t('detail.print')}</Button>
          {draft && can('honor.listDelete') && <Button variant="subtle" color="red" onClick={() => setAsk('delete')}>{t('detail.delete')}</Button>}
        </Group>
      </Group>
      <Steps list={list} />
      {draft && list.returnNote && <Alert color="orange" py="xs">{t('detail.returnNote', { note: list.returnNote })}</Alert>}
      {list.status === 'cancelled' && (
        <Alert color="red" py="xs" data-testid="cancelled-info">
          {t('detail.cancelledInfo', { date: screenDate((list.cancelledAt ?? '').slice(0, 10)), name: list.cancelledByName ?? '', reason: list.cancelReason ?? '' })}
        </Alert>
      )}
      {(list.status === 'final' || list.status === 'paid') && <Alert color="blue" py="xs">{t('detail.frozen')}</Alert>}
      {d.overlaps.length > 0 && (
        <Alert color={list.revisionOf ? 'yellow' : 'red'} title={t('detail.overlapsTitle')} data-testid="overlaps">
          <Text size="sm">{list.revisionOf ? t('detail.overlapsRevision') : t('detail.overlapsRefuse')}</Text>
          {d.overlaps.map((o) => (
            <Text size="sm" key={`${o.otherListId}|${o.nik}`}>
              {t('detail.overlapLine', { name: o.personName, number: o.otherNumber ?? '', status: t(`status.${o.otherStatus}`), months: o.months })}
            </Text>
          ))}
        </Alert>
      )}
      {d.warnings.map((w) => <Alert key={w} color="yellow" py="xs">{w}</Alert>)}

      <Table.ScrollContainer minWidth={1000} className="sticky-first" scrollAreaProps={{ viewportProps: { tabIndex: 0, "aria-label": t("list.lines") } }}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('col.no')}</Table.Th>
            <Table.Th>{t('col.name')}</Table.Th>
            <Table.Th>{t('col.posyandu')}</Table.Th>
            <Table.Th>{t('col.months')}</Table.Th>
            <Table.Th ta="right">{t('col.rate')}</Table.Th>
            <Table.Th ta="right">{t('col.gross')}</Table.Th>
            <Table.Th ta="right">{t('col.tax')}</Table.Th>
            <Table.Th ta="right">{t('col.net')}</Table.Th>
            <Table.Th>{t('col.account')}</Table.Th>
            {editable && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.lines.map((l, i) => (
            <Table.Tr key={l.id}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>{l.personName}<Text size="xs" c="dimmed">{l.nik}</Text></Table.Td>
              <Table.Td>{l.posyanduName}<Text size="xs" c="dimmed">{l.desaName}, {l.kecamatanName}</Text></Table.Td>
              <Table.Td>{formatMonths(l.months)}<Text size="xs" c="dimmed" style={NOWRAP}>{monthRange(l.monthFrom, l.monthTo, screenLang())}</Text>{l.note && <Text size="xs" c="orange">{l.note}</Text>}</Table.Td>
              <Table.Td ta="right" style={NOWRAP}>{money(l.rate)}</Table.Td>
              <Table.Td ta="right" style={NOWRAP}>{money(l.gross)}</Table.Td>
              <Table.Td ta="right" style={NOWRAP} title={taxBasisText(l.taxBasis)}>{money(l.tax)}</Table.Td>
              <Table.Td ta="right" style={NOWRAP}>{money(l.net)}</Table.Td>
              <Table.Td><Text size="sm">{l.bankName} {l.accountNumber}</Text></Table.Td>
              {editable && (
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={`${t('detail.removeLine')} ${i + 1}`} onClick={() => setAsk({ remove: l })}><IconTrash size={16} /></ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Td colSpan={5}>{t('detail.total')}</Table.Td>
            <Table.Td ta="right" style={NOWRAP} data-testid="total-gross">{money(list.totalGross)}</Table.Td>
            <Table.Td ta="right" style={NOWRAP} data-testid="total-tax">{money(list.totalTax)}</Table.Td>
            <Table.Td ta="right" style={NOWRAP} data-testid="total-net">{money(list.totalNet)}</Table.Td>
            <Table.Td colSpan={editable ? 2 : 1} />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      </Table.ScrollContainer>
      <Text size="sm"><b>{t('detail.words')}:</b> <i>{d.totalWords}</i></Text>
      {editable && <Group><Button variant="light" onClick={() => setAsk('add')}>{t('detail.addLine')}</Button></Group>}

      {d.removed.length > 0 && (
        <>
          <Title order={5}>{t('detail.removed')}</Title>
          {d.removed.map((l) => <Text key={l.id} size="sm">{l.personName} — {l.posyanduName}, {monthRange(l.monthFrom, l.monthTo, screenLang())}: {l.changeReason}</Text>)}
        </>
      )}

      {d.diff && (
        <>
          <Title order={4}>{t('detail.diff', { number: d.diff.previousNumber ?? '' })}</Title>
          {list.revisionReason && <Text size="sm">{t('detail.reviseReason')}: {list.revisionReason}</Text>}
          {d.diff.rows.length === 0 ? <Text c="dimmed">{t('detail.noDiff')}</Text> : (
            <Table withTableBorder data-testid="diff">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('col.name')}</Table.Th>
                  <Table.Th>{t('col.posyandu')}</Table.Th>
                  <Table.Th>{t('detail.before')}</Table.Th>
                  <Table.Th>{t('detail.after')}</Table.Th>
                  <Table.Th ta="right">{t('detail.delta')} ({t('col.gross')})</Table.Th>
                  <Table.Th ta="right">{t('detail.delta')} ({t('col.net')})</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.diff.rows.map((r) => (
                  <Table.Tr key={`${r.personName}|${r.posyanduName}`}>
                    <Table.Td>{r.personName}</Table.Td>
                    <Table.Td>{r.posyanduName}</Table.Td>
                    <Table.Td>{amounts(r.before)}</Table.Td>
                    <Table.Td>{amounts(r.after)}</Table.Td>
                    <Table.Td ta="right" style={NOWRAP} c={r.delta.gross < 0 ? 'red' : 'green'}>{r.delta.gross > 0 ? '+' : ''}{money(r.delta.gross)}</Table.Td>
                    <Table.Td ta="right" style={NOWRAP} c={r.delta.net < 0 ? 'red' : 'green'}>{r.delta.net > 0 ? '+' : ''}{money(r.delta.net)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr fw={700}>
                  <Table.Td colSpan={4}>{t('detail.total')}</Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>{money(d.diff.total.delta.gross)}</Table.Td>
                  <Table.Td ta="right" style={NOWRAP}>{money(d.diff.total.delta.net)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          )}
        </>
      )}

      {ask === 'verify' && (
        <Ask
          title={t('detail.verify')}
          intro={<Text size="sm">{t('detail.verifyConfirm')}</Text>}
          fields={[]}
          confirm={t('detail.verify')}
          onClose={() => setAsk(null)}
          onSubmit={async (_v, setErrors) => update(await submit('honor.verify', { id }, setErrors, t('detail.verified')))}
        />
      )}
      {ask === 'return' && (
        <Ask
          title={t('detail.returnToDraft')}
          fields={[{ key: 'reason', label: t('detail.returnReason') }]}
          confirm={t('detail.returnToDraft')}
          onClose={() => setAsk(null)}
          onSubmit={async (v, setErrors) => update(await submit('honor.returnToDraft', { id, reason: v.reason ?? '' }, setErrors, t('detail.returned')))}
        />
      )}
      {ask === 'cancel' && (
        <Ask
          title={t('detail.cancel')}
          intro={<Text size="sm">{t('detail.cancelIntro')}</Text>}
          fields={[{ key: 'reason', label: t('detail.cancelReason') }]}
          confirm={t('detail.cancel')}
          onClose={() => setAsk(null)}
          onSubmit={async (v, setErrors) => update(await submit('honor.cancel', { id, reason: v.reason ?? '' }, setErrors, t('detail.cancelled')))}
        />
      )}
      {ask === 'delete' && (
        <Ask
          title={t('detail.delete')}
          intro={<Text size="sm">{t('detail.deleteConfirm')}</Text>}
          fields={[]}
          confirm={t('detail.delete')}
          onClose={() => setAsk(null)}
          onSubmit={async () => {
            const out = await callWithNotice('honor.listDelete', { id }, t('detail.deleted'))
            if (out) navigate('honor/daftar')
            return !!out
          }}
        />
      )}
      {ask === 'finalise' && (
        <Ask
          title={t('detail.finalise')}
          intro={<Text size="sm">{t('detail.finaliseConfirm')}</Text>}
          fields={[]}
          confirm={t('detail.finalise')}
          onClose={() => setAsk(null)}
          onSubmit={async (_v, setErrors) => {
            const out = await submit('honor.finalise', { id }, setErrors)
            if (out) notifications.show({ color: 'green', message: t('detail.finalised', { number: out.list.number }) })
            return update(out)
          }}
        />
      )}
      {ask === 'pay' && (
        <Ask
          title={t('detail.pay')}
          intro={<Text size="sm" c="dimmed">{t('detail.paidDateHint')}</Text>}
          fields={[{ key: 'paidDate', label: t('detail.paidDate'), type: 'date' }, { key: 'paymentRef', label: t('detail.paymentRef') }]}
          confirm={t('detail.pay')}
          onClose={() => setAsk(null)}
          onSubmit={async (v, setErrors) => update(await submit('honor.markPaid', { id, paidDate: v.paidDate ?? '', paymentRef: v.paymentRef ?? '' }, setErrors, t('detail.paid')))}
        />
      )}
      {ask === 'revise' && (
        <Ask
          title={t('detail.revise')}
          fields={[{ key: 'reason', label: t('detail.reviseReason') }]}
          confirm={t('detail.revise')}
          onClose={() => setAsk(null)}
          onSubmit={async (v, setErrors) => {
            const out = await submit('honor.revise', { id, reason: v.reason ?? '' }, setErrors, t('detail.revised'))
            if (out) navigate(`honor/daftar/${out.list.id}`)
            return !!out
          }}
        />
      )}
      {ask !== null && typeof ask === 'object' && (
        <Ask
          title={`${t('detail.removeLine')}: ${ask.remove.personName}`}
          fields={[{ key: 'reason', label: t('detail.reason') }]}
          confirm={t('detail.removeLine')}
          onClose={() => setAsk(null)}
          onSubmit={async (v, setErrors) => update(await submit('honor.lineRemove', { lineId: ask.remove.id, reason: v.reason ?? '' }, setErrors, t('detail.lineRemoved')))}
        />
      )}
      {ask === 'add' && (
        <Ask
          title={t('detail.addLine')}
          intro={
            <Select
              label={t('detail.assignment')}
              searchable
              value={addAssignment}
              onChange={setAddAssignment}
              data={(assignments.data ?? []).map((a) => ({ value: a.id, label: `${a.personName} — ${a.posyanduName} (${a.fromDate} s.d. ${a.toDate ?? '…'})` }))}
            />
          }
          fields={[{ key: 'monthFrom', label: t('list.monthFrom'), type: 'month' }, { key: 'monthTo', label: t('list.monthTo'), type: 'month' }, { key: 'reason', label: t('detail.reason') }]}
          confirm={t('detail.addLine')}
          onClose={() => setAsk(null)}
          onSubmit={async (v, setErrors) =>
            update(await submit('honor.lineAdd', { listId: id, assignmentId: addAssignment ?? '', monthFrom: v.monthFrom ?? '', monthTo: v.monthTo ?? '', reason: v.reason ?? '' }, setErrors, t('detail.lineAdded')))
          }
        />
      )}
    </Stack>
  )
}
