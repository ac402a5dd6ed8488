import { Alert, Badge, Button, Checkbox, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PendampingAssignment, PendampingPerson } from '../../../shared/contract/honor'
import type { Output } from '../../../shared/contract'
import { maskNik } from '../../../shared/privacy'
import { RegulationPicker } from '../../components/RegulationPicker'
import { DateField } from '../../components/DateField'
import { RowActions } from '../../components/RowActions'
import { NipInput, nipError } from '../../components/NipInput'
import { callWithNotice, useOp } from '../../hooks'
import { orNull, submit } from './submit'
import { useCan } from '../../session'
import { FormModal, ModalButtons, useDirtySince } from '../../components/FormModal'
import { screenDate } from '../../i18n/months'
import { OpState } from '../../components/LoadState'
import { RoleCell } from './role'

type PersonDraft = { kaderId?: string | null } & Record<'nik' | 'name' | 'address' | 'phone' | 'education' | 'npwp' | 'bankName' | 'accountNumber' | 'accountHolder' | 'nip' | 'taxReason', string> & {
  id?: string
  sex: 'L' | 'P'
  nikAsNpwp: boolean
  isPns: boolean
  golongan: string | null
  taxRule: string
}

const emptyPerson: PersonDraft = {
  nik: '', name: '', sex: 'P', address: '', phone: '', education: '', npwp: '', nikAsNpwp: false, bankName: '', accountNumber: '', accountHolder: '',
  isPns: false, golongan: null, nip: '', taxRule: 'auto', taxReason: '',
}

const fromPerson = (p: PendampingPerson): PersonDraft => ({
  id: p.id, kaderId: p.kaderId, nik: p.nik, name: p.name, sex: p.sex, address: p.address ?? '', phone: p.phone ?? '', education: p.education ?? '', npwp: p.npwp ?? '',
  nikAsNpwp: p.nikAsNpwp, bankName: p.bankName ?? '', accountNumber: p.accountNumber ?? '', accountHolder: p.accountHolder ?? '', isPns: p.isPns,
  golongan: p.golongan, nip: p.nip ?? '', taxRule: p.taxRule === (p.isPns ? 'pns_final' : 'bukan_pegawai') ? 'auto' : p.taxRule, taxReason: p.taxReason ?? '',
})

function PersonForm({ initial, onClose, onSaved }: { initial: PersonDraft; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('honor')
  const [v, setV] = useState(initial)
  const dirty = useDirtySince(v)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const set = <K extends keyof PersonDraft>(k: K, value: PersonDraft[K]) => setV((s) => ({ ...s, [k]: value }))
  const text = (k: keyof PersonDraft & string, label: string, props: Record<string, unknown> = {}) => (
    <TextInput label={label} value={v[k] as string} error={errors[k]} onChange={(e) => set(k, e.currentTarget.value as never)} {...props} />
  )
  const save = async () => {
    const nipWrong = v.isPns ? nipError(v.nip, true) : null
    if (nipWrong) return setErrors({ nip: nipWrong })
    const out = await submit(
      'honor.personSave',
      {
        id: v.id, kaderId: v.kaderId ?? null, nik: v.nik.trim(), name: v.name, sex: v.sex, address: orNull(v.address), phone: orNull(v.phone), education: orNull(v.education),
        npwp: orNull(v.npwp), nikAsNpwp: v.nikAsNpwp, bankName: orNull(v.bankName), accountNumber: orNull(v.accountNumber), accountHolder: orNull(v.accountHolder),
        isPns: v.isPns, golongan: v.isPns ? (v.golongan as 'I' | 'II' | 'III' | 'IV' | null) : null, nip: v.isPns ? orNull(v.nip) : null,
        taxRule: v.taxRule === 'auto' ? undefined : (v.taxRule as 'bukan_pegawai'), taxReason: orNull(v.taxReason),
      },
      setErrors,
      t('person.saved'),
    )
    if (out) onSaved()
  }
  return (
    <FormModal opened onClose={onClose} dirty={dirty} title={v.id ? t('person.edit') : t('person.add')} size="xl">
      <Stack>
        <KaderPicker
          value={v.kaderId ?? null}
          onPick={(k) => setV((s) => ({ ...s, kaderId: k.id, nik: k.nik, name: k.name, sex: k.sex, phone: k.phone ?? s.phone, education: k.education ?? s.education }))}
        />
        <SimpleGrid cols={2}>
          {text('nik', t('person.nik'), { maxLength: 16, inputMode: 'numeric', withAsterisk: true })}
          {text('name', t('person.name'), { withAsterisk: true })}
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} mb={4}>{t('person.sex')}</Text>
          <SegmentedControl value={v.sex} onChange={(x) => set('sex', x as 'L' | 'P')} data={[{ value: 'P', label: t('person.female') }, { value: 'L', label: t('person.male') }]} />
        </div>
        {text('address', t('person.address'))}
        <SimpleGrid cols={2}>
          {text('phone', t('person.phone'))}
          {text('education', t('person.education'))}
        </SimpleGrid>
        <SimpleGrid cols={2}>
          {text('npwp', t('person.npwp'))}
          <Checkbox mt={30} label={t('person.nikAsNpwp')} checked={v.nikAsNpwp} onChange={(e) => set('nikAsNpwp', e.currentTarget.checked)} />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          {text('bankName', t('person.bankName'))}
          {text('accountNumber', t('person.accountNumber'), { inputMode: 'numeric' })}
          {text('accountHolder', t('person.accountHolder'))}
        </SimpleGrid>
        <Checkbox label={t('person.isPns')} checked={v.isPns} onChange={(e) => set('isPns', e.currentTarget.checked)} />
        {v.isPns && (
          <SimpleGrid cols={2}>
            <Select searchable label={t('person.golongan')} data={['I', 'II', 'III', 'IV']} value={v.golongan} error={errors.golongan} onChange={(x) => set('golongan', x)} />
            <NipInput label={t('person.nip')} required value={v.nip} error={errors.nip} onChange={(x) => set('nip', x)} />
          </SimpleGrid>
        )}
        <Select
          label={t('person.taxRule')}
          value={v.taxRule}
          onChange={(x) => set('taxRule', x ?? 'auto')}
          allowDeselect={false}
          data={[
            { value: 'auto', label: t('person.taxAuto') },
            { value: 'bukan_pegawai', label: 'Bukan pegawai — PMK 168/2023 (2,5% bruto; 3% tanpa NPWP)' },
            { value: 'pns_final', label: 'PNS — PPh 21 final (gol. I–II 0%, III 5%, IV 15%)' },
            { value: 'tanpa_potongan', label: 'Tanpa potongan (keputusan kantor)' },
          ]}
        />
        {v.taxRule === 'tanpa_potongan' && text('taxReason', t('person.taxReason'))}
        <ModalButtons dirty={dirty} onClose={onClose} onSubmit={save} />
      </Stack>
    </FormModal>
  )
}

/** Takes NIK, name, sex, phone and education from a kader record (and keeps the link). */
function KaderPicker({ value, onPick }: { value: string | null; onPick: (k: Output<'honor.kaderSearch'>[number]) => void }) {
  const { t } = useTranslation('honor')
  const [text, setText] = useState('')
  const found = useOp('honor.kaderSearch', { text })
  const list = found.data ?? []
  return (
    <Select
      label={t('person.fromKader')}
      placeholder={t('person.fromKaderHint')}
      searchable
      clearable
      data={list.map((k) => ({ value: k.id, label: `${k.name} — ${k.nik}` }))}
      value={list.some((k) => k.id === value) ? value : null}
      onSearchChange={setText}
      onChange={(id) => {
        const k = list.find((x) => x.id === id)
        if (k) onPick(k)
      }}
      nothingFoundMessage={t('person.noKader')}
      filter={({ options }) => options}
    />
  )
}

interface AssignmentDraft {
  id?: string
  personId: string | null
  posyanduId: string | null
  role: string
  regulationId: string | null
  fromDate: string
  toDate: string
  notes: string
}

function AssignmentForm({ initial, persons, onClose, onSaved }: { initial: AssignmentDraft; persons: PendampingPerson[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('honor')
  const posyandu = useOp('honor.posyanduOptions', {})
  const [v, setV] = useState(initial)
  const dirty = useDirtySince(v)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [warnings, setWarnings] = useState<string[]>([])
  const set = <K extends keyof AssignmentDraft>(k: K, value: AssignmentDraft[K]) => setV((s) => ({ ...s, [k]: value }))
  const save = async () => {
    const out = await submit(
      'honor.assignmentSave',
      { id: v.id, personId: v.personId ?? '', posyanduId: v.posyanduId ?? '', role: v.role, regulationId: v.regulationId, fromDate: v.fromDate, toDate: orNull(v.toDate), notes: orNull(v.notes) },
      setErrors,
      t('assignment.saved'),
    )
    if (!out) return
    if (out.warnings.length) setWarnings(out.warnings)
    else onSaved()
  }
  return (
    <FormModal opened onClose={onClose} dirty={dirty} title={t('assignment.add')} size="lg">
      <Stack>
        <Select label={t('assignment.person')} searchable data={persons.map((p) => ({ value: p.id, label: `${p.name} — ${p.nik}` }))} value={v.personId} error={errors.personId} onChange={(x) => set('personId', x)} />
        <Select
          label={t('assignment.posyandu')}
          searchable
          data={(posyandu.data ?? []).map((p) => ({ value: p.id, label: `${p.name} — ${p.desaName}, ${p.kecamatanName}` }))}
          value={v.posyanduId}
          error={errors.posyanduId}
          onChange={(x) => set('posyanduId', x)}
          nothingFoundMessage={t('assignment.noPosyandu')}
        />
        <TextInput label={t('assignment.role')} value={v.role} error={errors.role} onChange={(e) => set('role', e.currentTarget.value)} />
        <RegulationPicker label={t('assignment.decree')} value={v.regulationId} onChange={(x) => set('regulationId', x)} />
        <SimpleGrid cols={2}>
          <DateField label={t('assignment.from')} value={v.fromDate} error={errors.fromDate} onChange={(x) => set('fromDate', x)} />
          <DateField label={t('assignment.to')} value={v.toDate} error={errors.toDate} minDate={v.fromDate || undefined} onChange={(x) => set('toDate', x)} />
        </SimpleGrid>
        <TextInput label={t('assignment.notes')} value={v.notes} onChange={(e) => set('notes', e.currentTarget.value)} />
        {warnings.map((w) => (
          <Alert key={w} color="yellow">{w}</Alert>
        ))}
        {warnings.length ? <Group justify="flex-end"><Button onClick={onSaved}>OK</Button></Group> : <ModalButtons dirty={dirty} onClose={onClose} onSubmit={save} />}
      </Stack>
    </FormModal>
  )
}

export function Persons() {
  const can = useCan()
  const { t } = useTranslation('honor')
  const [text, setText] = useState('')
  const persons = useOp('honor.personList', { text })
  const assignments = useOp('honor.assignmentList', {})
  const [editing, setEditing] = useState<PersonDraft | null>(null)
  const [assigning, setAssigning] = useState<AssignmentDraft | null>(null)
  const reload = () => (void persons.reload(), void assignments.reload())
  const list = persons.data ?? []

  const editAssignment = (a: PendampingAssignment) =>
    setAssigning({ id: a.id, personId: a.personId, posyanduId: a.posyanduId, role: a.role, regulationId: a.regulationId, fromDate: a.fromDate, toDate: a.toDate ?? '', notes: a.notes ?? '' })

  return (
    <Stack>
      <OpState op={assignments} />
      <OpState op={persons} />
      <Group justify="space-between">
        <TextInput placeholder={t('person.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} w={320} />
        <Group>
          {can('honor.personSave') && <Button onClick={() => setEditing(emptyPerson)}>{t('person.add')}</Button>}
          {can('honor.assignmentSave') && <Button variant="light" onClick={() => setAssigning({ personId: null, posyanduId: null, role: 'pendamping', regulationId: null, fromDate: '', toDate: '', notes: '' })}>
            {t('assignment.add')}
          </Button>}
        </Group>
      </Group>
      {list.length === 0 ? <Text c="dimmed">{t('person.none')}</Text> : (
        <Table.ScrollContainer minWidth={800} className="sticky-first">
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('person.name')}</Table.Th>
              <Table.Th>{t('person.nik')}</Table.Th>
              <Table.Th>{t('person.npwp')}</Table.Th>
              <Table.Th>{t('col.account')}</Table.Th>
              <Table.Th>{t('person.taxRule')}</Table.Th>
              <Table.Th>{t('person.active')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.name}{p.isPns && <Badge ml="xs" size="xs">PNS {p.golongan}</Badge>}</Table.Td>
                <Table.Td>{p.nik}</Table.Td>
                <Table.Td>{p.npwp ?? (p.nikAsNpwp ? 'NIK' : <Text span c="orange" size="sm">{t('person.noNpwp')}</Text>)}</Table.Td>
                <Table.Td>{p.accountNumber ? `${p.bankName ?? ''} ${p.accountNumber}` : '—'}</Table.Td>
                <Table.Td><Text size="sm">{t(`taxRules.${p.taxRule}`)}</Text>{p.taxReason && <Text size="xs" c="dimmed">{p.taxReason}</Text>}</Table.Td>
                <Table.Td>{p.activeAssignments}</Table.Td>
                <Table.Td>
                  <RowActions label={p.name} deleteWhat={`${p.name} (NIK ${maskNik(p.nik)})`} onEdit={() => setEditing(fromPerson(p))}
                    onDelete={async () => (await callWithNotice('honor.personDelete', { id: p.id }, t('person.deleted'))) && reload()} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4}>{t('assignment.title')}</Title>
      {(assignments.data ?? []).length === 0 ? <Text c="dimmed">{t('assignment.none')}</Text> : (
        <Table.ScrollContainer minWidth={800} className="sticky-first">
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('assignment.person')}</Table.Th>
              <Table.Th>{t('assignment.posyandu')}</Table.Th>
              <Table.Th>{t('assignment.role')}</Table.Th>
              <Table.Th>{t('assignment.decree')}</Table.Th>
              <Table.Th>{t('assignment.from')}</Table.Th>
              <Table.Th>{t('assignment.to')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(assignments.data ?? []).map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.personName}</Table.Td>
                <Table.Td>{a.posyanduName}<Text size="xs" c="dimmed">{a.desaName}, {a.kecamatanName}</Text></Table.Td>
                <RoleCell role={a.role} />
                <Table.Td data-content="data"><Text size="xs">{a.regulationLabel ?? '—'}</Text></Table.Td>
                <Table.Td>{screenDate(a.fromDate)}</Table.Td>
                <Table.Td>{a.toDate ? screenDate(a.toDate) : t('assignment.open')}</Table.Td>
                <Table.Td>
                  <RowActions label={`${t('assignment.one')} ${a.personName}`} deleteWhat={`${a.personName} — ${a.posyanduName} (${screenDate(a.fromDate)})`} onEdit={() => editAssignment(a)}
                    onDelete={async () => (await callWithNotice('honor.assignmentDelete', { id: a.id }, t('assignment.deleted'))) && reload()} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Table.ScrollContainer>
      )}
      {editing && <PersonForm initial={editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), reload())} />}
      {assigning && <AssignmentForm initial={assigning} persons={list} onClose={() => setAssigning(null)} onSaved={() => (setAssigning(null), reload())} />}
    </Stack>
  )
}
