import { Badge, Button, Card, Checkbox, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { FRAMEWORK_SETTING, type Framework, type RefItem, type RefKind, type Skpd } from '../../../shared/contract/programme'
import { callWithNotice, useOp } from '../../hooks'
import { options, useT } from './shared'
import { OpState } from '../../components/LoadState'
import { Fields, FormModal, useDirtySince } from '../../components/FormModal'
import { useCan } from '../../session'

const PARENT: Partial<Record<RefKind, RefKind>> = { phi_activity: 'phi_part', target_group: 'life_stage' }
const KINDS: RefKind[] = ['phi_part', 'phi_activity', 'spm_field', 'life_stage', 'target_group', 'funding_source', 'puskesos_category']

/** The kabupaten's own lists: framework shown first, SKPD and their duties, PHI/SPM/ILP lists. */
export function Reference() {
  const t = useT()
  const ref = useOp('programme.reference', { includeInactive: true })
  const [skpd, setSkpd] = useState<Skpd | 'new' | null>(null)
  const [item, setItem] = useState<{ kind: RefKind; item: RefItem | null } | null>(null)
  const all = ref.data
  const can = useCan()
  const itemsOf = (k: RefKind): RefItem[] =>
    !all ? [] : k === 'phi_part' ? all.phiParts : k === 'phi_activity' ? all.phiParts.flatMap((p) => p.activities) : k === 'spm_field' ? all.spmFields : k === 'life_stage' ? all.lifeStages : k === 'target_group' ? all.targetGroups : k === 'funding_source' ? all.fundingSources : all.puskesosCategories
  const setFramework = async (f: string) => {
    if (await callWithNotice('settings.set', { key: FRAMEWORK_SETTING, value: f }, t('reference.frameworkSaved'))) void ref.reload()
  }
  return (
    <Stack>
      <OpState op={ref} />
      <Title order={3}>{t('reference.title')}</Title>
      <Card withBorder>
        <Text fw={600} mb={4}>{t('framework.label')}</Text>
        <SegmentedControl disabled={!can('settings.set')} value={all?.framework ?? 'phi'} onChange={(f) => void setFramework(f)} data={(['phi', 'spm', 'ilp'] as Framework[]).map((f) => ({ value: f, label: t(`framework.${f}`) }))} />
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={4}>{t('reference.skpd')}</Title>
          {can('programme.skpdSave') && <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setSkpd('new')}>{t('reference.addSkpd')}</Button>}
        </Group>
        <Table striped highlightOnHover data-content="data">
          <Table.Tbody>
            {(all?.skpd ?? []).map((s) => (
              <Table.Tr key={s.id} onClick={() => setSkpd(s)} style={{ cursor: 'pointer' }} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setSkpd(s)}>
                <Table.Td w={200} fw={600}>{s.shortName}{!s.active && <Badge ml={4} color="gray" size="xs">{t('reference.inactive')}</Badge>}</Table.Td>
                <Table.Td>{s.name}<Text size="xs" c="dimmed">{s.responsibilities}</Text></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {KINDS.map((k) => (
          <Card withBorder key={k}>
            <Group justify="space-between" mb="xs">
              <Title order={5}>{t(`reference.kinds.${k}`)}</Title>
              {can('programme.refItemSave') && <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => setItem({ kind: k, item: null })}>{t('reference.add')}</Button>}
            </Group>
            <Stack gap={2} data-content="data">
              {itemsOf(k).map((r) => (
                <Text key={r.id} component="button" type="button" ta="left" bd={0} bg="transparent" p={0} size="sm" c={r.active ? undefined : 'dimmed'} style={{ cursor: 'pointer' }} onClick={() => setItem({ kind: k, item: r })}>
                  {PARENT[k] && <Text span c="dimmed" size="xs">{itemsOf(PARENT[k]!).find((x) => x.code === r.parentCode)?.name ?? r.parentCode} · </Text>}
                  {r.name}{!r.active && ` (${t('reference.inactive')})`}
                </Text>
              ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
      <FormModal opened={!!skpd} onClose={() => setSkpd(null)} title={t('reference.skpd')} size="lg">
        {skpd && <SkpdForm initial={skpd === 'new' ? null : skpd} onSaved={() => (setSkpd(null), void ref.reload())} />}
      </FormModal>
      <FormModal opened={!!item} onClose={() => setItem(null)} title={item ? t(`reference.kinds.${item.kind}`) : ''}>
        {item && <RefItemForm kind={item.kind} initial={item.item} parents={PARENT[item.kind] ? itemsOf(PARENT[item.kind]!) : []} onSaved={() => (setItem(null), void ref.reload())} />}
      </FormModal>
    </Stack>
  )
}

function SkpdForm({ initial, onSaved }: { initial: Skpd | null; onSaved: () => void }) {
  const t = useT()
  const [v, setV] = useState({ code: initial?.code ?? '', name: initial?.name ?? '', shortName: initial?.shortName ?? '', responsibilities: initial?.responsibilities ?? '', active: initial?.active ?? true })
  useDirtySince(v)
  const editable = useCan()('programme.skpdSave')
  const save = async () => {
    if (await callWithNotice('programme.skpdSave', { id: initial?.id, ...v, responsibilities: v.responsibilities || null }, t('reference.saved'))) onSaved()
  }
  return (
    <Fields editable={editable}>
    <Stack>
      <SimpleGrid cols={2}>
        <TextInput label={t('fields.code')} value={v.code} onChange={(e) => setV({ ...v, code: e.currentTarget.value })} disabled={!!initial} />
        <TextInput label={t('fields.shortName')} value={v.shortName} onChange={(e) => setV({ ...v, shortName: e.currentTarget.value })} />
      </SimpleGrid>
      <TextInput label={t('fields.skpd')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} />
      <Textarea label={t('fields.responsibilities')} value={v.responsibilities} onChange={(e) => setV({ ...v, responsibilities: e.currentTarget.value })} autosize minRows={3} />
      <Checkbox label={t('fields.active')} checked={v.active} onChange={(e) => setV({ ...v, active: e.currentTarget.checked })} />
      {editable && <Group><Button onClick={() => void save()}>{t('common:action.save')}</Button></Group>}
    </Stack>
    </Fields>
  )
}

function RefItemForm({ kind, initial, parents, onSaved }: { kind: RefKind; initial: RefItem | null; parents: RefItem[]; onSaved: () => void }) {
  const t = useT()
  const [v, setV] = useState({ code: initial?.code ?? '', name: initial?.name ?? '', description: initial?.description ?? '', parentCode: initial?.parentCode ?? null, active: initial?.active ?? true })
  useDirtySince(v)
  const editable = useCan()('programme.refItemSave')
  const save = async () => {
    if (await callWithNotice('programme.refItemSave', { id: initial?.id, kind, ...v, description: v.description || null }, t('reference.saved'))) onSaved()
  }
  return (
    <Fields editable={editable}>
    <Stack>
      {PARENT[kind] && <Select searchable label={t('reference.parent')} data={options(parents)} value={v.parentCode} onChange={(x) => setV({ ...v, parentCode: x })} />}
      <TextInput label={t('fields.code')} value={v.code} onChange={(e) => setV({ ...v, code: e.currentTarget.value })} disabled={!!initial} />
      <TextInput label={t('fields.name')} value={v.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} />
      <Textarea label={t('fields.description')} value={v.description} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} autosize minRows={2} />
      <Checkbox label={t('fields.active')} checked={v.active} onChange={(e) => setV({ ...v, active: e.currentTarget.checked })} />
      {editable && <Group><Button onClick={() => void save()}>{t('common:action.save')}</Button></Group>}
    </Stack>
    </Fields>
  )
}
