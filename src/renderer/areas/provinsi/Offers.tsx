import { Alert, Badge, Button, Card, FileButton, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconFileUpload } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProvinceOffer } from '../../../shared/contract/province'
import type { IndicatorSet } from '../../../shared/evaluation/strata'
import { screenDate } from '../../i18n/months'
import { ask } from '../../components/confirm'
import { LoadState, OpState } from '../../components/LoadState'
import { callWithNotice, useOp } from '../../hooks'
import { useSession } from '../../session'
import { criterionLabel, setName } from '../evaluasi/explain'
import { SetCard } from '../evaluasi/IndicatorSets'

const pctOr = (c: { threshold: number; unit: string }) => (c.unit === '%' ? `${String(Math.round(c.threshold * 1000) / 10).replace('.', ',')}%` : `${c.threshold} ${c.unit}`)

/** "diadopsi sebagai …" / "memakai milik sendiri" / "belum menjawab", with a note when a newer version waits. */
function AnswerBadge({ decision, offerVersion, version }: { decision: 'adopted' | 'kept' | null; offerVersion: number | null; version: number }) {
  const { t } = useTranslation('provinsi')
  if (!decision) return <Badge color="gray" variant="light">{t('offers.pending')}</Badge>
  return (
    <Group gap={4}>
      <Badge color={decision === 'adopted' ? 'teal' : 'grape'} variant="light">{t(`offers.${decision}`)}</Badge>
      {offerVersion !== version && <Badge color="orange" variant="outline">{t('offers.newerVersion', { version: offerVersion })}</Badge>}
    </Group>
  )
}

/** Province: offer a set (its thresholds) or a form; see each kabupaten/kota's answer. */
export function ProvinceOffers() {
  const { t } = useTranslation('provinsi')
  const session = useSession()
  const offers = useOp('province.offers', {})
  const sets = useOp('evaluation.indicatorSets', {})
  const forms = useOp('forms.list', {})
  const [setCode, setSetCode] = useState<string | null>(null)
  const [name, setName_] = useState('')
  const [note, setNote] = useState('')
  const [formCode, setFormCode] = useState<string | null>(null)
  const [formFile, setFormFile] = useState<{ name: string; text: string } | null>(null)
  const canOffer = session.can('province.offer')
  const chosen = (sets.data ?? []).find((s) => s.code === setCode) ?? null
  const offerSet = (thresholds: Record<string, number>) =>
    callWithNotice('province.offer', { kind: 'indicator_set', code: setCode!, thresholds, name: name || undefined, note: note || undefined }, t('offers.offered'))
  const offerForm = async () => {
    if (!formCode) return
    if (await callWithNotice('province.offer', { kind: 'form', code: formCode, definitionJson: formFile?.text, note: note || undefined }, t('offers.offered'))) {
      setFormFile(null)
      void offers.reload()
    }
  }
  return (
    <Stack>
      <Text size="sm">{t('offers.introProvince')}</Text>
      {canOffer && (
        <Card withBorder>
          <Title order={4}>{t('offers.newTitle')}</Title>
          <Group align="end" mt="xs" wrap="wrap">
            <TextInput w={320} label={t('offers.name')} value={name} onChange={(e) => setName_(e.currentTarget.value)} placeholder={chosen ? setName(chosen) : ''} />
            <TextInput w={320} label={t('offers.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          </Group>
          <Group align="start" mt="sm" grow wrap="wrap">
            <Stack gap="xs" miw={380}>
              <Select label={t('offers.set')} data={(sets.data ?? []).map((s) => ({ value: s.code, label: setName(s) }))} value={setCode} onChange={setSetCode} data-testid="offer-set" />
              {chosen && (
                <SetCard key={chosen.code} set={chosen as IndicatorSet} editable onSaved={() => void offers.reload()} submit={{ label: t('offers.offerSet'), run: offerSet }} />
              )}
            </Stack>
            <Stack gap="xs" miw={300}>
              <Select label={t('offers.form')} data={(forms.data ?? []).map((f) => ({ value: f.form.code, label: `${f.form.code} — ${f.form.name.id}` }))} value={formCode} onChange={setFormCode} data-testid="offer-form" />
              <Group gap="xs">
                <FileButton accept="application/json,.json" onChange={(f) => void f?.text().then((text) => setFormFile({ name: f.name, text }))}>
                  {(props) => <Button {...props} variant="default" size="xs" leftSection={<IconFileUpload size={16} />}>{t('offers.formFile')}</Button>}
                </FileButton>
                <Text size="xs" c="dimmed">{formFile ? formFile.name : t('offers.formFileNone')}</Text>
              </Group>
              <Group><Button size="xs" disabled={!formCode} onClick={() => void offerForm()} data-testid="offer-form-submit">{t('offers.offerForm')}</Button></Group>
            </Stack>
          </Group>
        </Card>
      )}
      <LoadState loading={offers.loading} error={offers.error} hasData={!!offers.data} empty={offers.data?.length === 0} emptyText={t('offers.noneProvince')} reload={() => void offers.reload()}>
        <Stack gap="sm" data-testid="offer-list">
          {(offers.data ?? []).map((o) => (
            <Card withBorder key={o.id} data-testid={`offer-${o.code}`}>
              <Group justify="space-between">
                <Text fw={600}>{o.kind === 'form' ? t('offers.kindForm') : t('offers.kindSet')} {o.code} — {o.name}</Text>
                <Badge variant="outline">{t('offers.version', { version: o.version })} · {screenDate(o.offeredAt.slice(0, 10))}</Badge>
              </Group>
              {o.note && <Text size="sm" c="dimmed">{o.note}</Text>}
              <OfferDefinition o={o} />
              <Table mt="xs" withTableBorder fz="sm">
                <Table.Tbody>
                  {o.answers.map((a) => (
                    <Table.Tr key={a.code}>
                      <Table.Td w={260}>{a.name}</Table.Td>
                      <Table.Td><AnswerBadge decision={a.decision} offerVersion={a.offerVersion} version={o.version} /></Table.Td>
                      <Table.Td>{a.adoptedAs ?? ''}{a.decidedAt ? ` · ${screenDate(a.decidedAt.slice(0, 10))}` : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))}
        </Stack>
      </LoadState>
    </Stack>
  )
}

/** The thresholds an offered set carries, or the form's sections and field count. */
function OfferDefinition({ o, inline }: { o: ProvinceOffer; inline?: boolean }) {
  const as = inline ? 'span' : 'p'
  if (o.kind === 'indicator_set') {
    const set = o.definition as IndicatorSet
    return <Text size="sm" component={as}>{set.criteria.map((c) => `${criterionLabel(c)} ≥ ${pctOr(c)}`).join(' · ')}</Text>
  }
  const form = o.definition as { sections?: { fields?: unknown[] }[]; periodType?: string }
  const fields = (form.sections ?? []).reduce((n, s) => n + (s.fields?.length ?? 0), 0)
  return <Text size="sm" component={as}>{(form.sections ?? []).length} bagian, {fields} isian, {form.periodType === 'yearly' ? 'tahunan' : 'bulanan'}</Text>
}

/** Kabupaten: what its province offers, and its answer (adopt = its own copy / next form version; or keep its own). */
export function KabupatenOffers() {
  const { t } = useTranslation('provinsi')
  const session = useSession()
  const offers = useOp('province.offers', {})
  const sets = useOp('evaluation.indicatorSets', {})
  const can = session.can('province.offerDecide')
  const decide = async (o: ProvinceOffer, decision: 'adopt' | 'keep') => {
    const yes = await ask({
      title: decision === 'adopt' ? t('offers.adoptTitle', { code: o.code }) : t('offers.keepTitle', { code: o.code }),
      message: <Text size="sm">{decision === 'adopt' ? t(o.kind === 'form' ? 'offers.adoptFormWhat' : 'offers.adoptSetWhat') : t('offers.keepWhat')}</Text>,
      confirmLabel: decision === 'adopt' ? t('offers.adopt') : t('offers.keep'),
    })
    if (yes && (await callWithNotice('province.offerDecide', { offerId: o.id, decision }, t('offers.decided')))) (void offers.reload(), void sets.reload())
  }
  return (
    <Stack>
      <OpState op={offers} />
      <Text size="sm">{t('offers.introKabupaten')}</Text>
      {offers.data?.length === 0 && <Alert color="gray" data-testid="offers-none">{t('offers.noneKabupaten')}</Alert>}
      {(offers.data ?? []).map((o) => {
        const own = o.kind === 'indicator_set' ? (sets.data ?? []).find((s) => s.code === o.code) : null
        const waiting = !o.mine || o.mine.offerVersion !== o.version
        return (
          <Card withBorder key={o.id} data-testid={`offer-${o.code}`}>
            <Group justify="space-between">
              <Text fw={600}>{o.kind === 'form' ? t('offers.kindForm') : t('offers.kindSet')} {o.code} — {o.name}</Text>
              <Group gap="xs">
                <Badge variant="outline">{t('offers.version', { version: o.version })} · {screenDate(o.offeredAt.slice(0, 10))}</Badge>
                <AnswerBadge decision={o.mine?.decision ?? null} offerVersion={o.mine?.offerVersion ?? null} version={o.version} />
              </Group>
            </Group>
            {o.note && <Text size="sm" c="dimmed">{o.note}</Text>}
            <Text size="sm" mt={4}><b>{t('offers.offeredLabel')}</b> <OfferDefinition o={o} inline /></Text>
            {own && <Text size="sm"><b>{own.edited ? t('offers.ownEdited') : t('offers.ownShipped')}</b> {own.criteria.map((c) => `${criterionLabel(c)} ≥ ${pctOr(c)}`).join(' · ')}</Text>}
            {o.mine?.adoptedAs && <Text size="sm" c="teal.8">{t('offers.adoptedAs', { what: o.mine.adoptedAs })}</Text>}
            {can && waiting && (
              <Group mt="xs">
                <Button size="xs" onClick={() => void decide(o, 'adopt')}>{t('offers.adopt')}</Button>
                <Button size="xs" variant="default" onClick={() => void decide(o, 'keep')}>{t('offers.keep')}</Button>
              </Group>
            )}
          </Card>
        )
      })}
    </Stack>
  )
}
