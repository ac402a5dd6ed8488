import { Alert, Badge, Button, Card, Group, Modal, PasswordInput, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserInfo } from '../../../shared/contract/people'
import { ROLE_LABEL, ROLES, type Role } from '../../../shared/contract/roles'
import { callWithNotice, useOp } from '../../hooks'
import { navigate } from '../../router'
import { FormModal } from '../../components/FormModal'
import { useSession } from '../../session'
import { tableLabel } from '../pertukaran/labels'
import { screenDateTime } from '../../i18n/months'

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))

function Users() {
  const { t } = useTranslation('pengguna')
  const users = useOp('people.list', {})
  const [adding, setAdding] = useState(false)
  const [resetting, setResetting] = useState<UserInfo | null>(null)
  const [deactivating, setDeactivating] = useState<UserInfo | null>(null)
  const [newPassword, setNewPassword] = useState('')
  const form = useForm({ initialValues: { username: '', displayName: '', role: 'operator' as Role, password: '' } })
  const add = form.onSubmit(async (v) => {
    if (await callWithNotice('people.add', v, t('users.added'))) {
      setAdding(false)
      form.reset()
      void users.reload()
    }
  })
  const update = async (id: string, patch: { role?: Role; active?: boolean }) => {
    if (await callWithNotice('people.update', { id, ...patch }, t('users.saved'))) void users.reload()
  }
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('users.roleHelp')}</Text>
      <Group><Button onClick={() => setAdding(true)}>{t('users.add')}</Button></Group>
      <FormModal opened={adding} onClose={() => (setAdding(false), form.reset())} dirty={form.isDirty()} title={t('users.add')}>
        <form onSubmit={add}>
          <Stack>
            <TextInput label={t('users.name')} {...form.getInputProps('displayName')} />
            <TextInput label={t('users.username')} {...form.getInputProps('username')} />
            <Select label={t('users.role')} data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
            <PasswordInput label={t('users.password')} {...form.getInputProps('password')} />
            <Group justify="flex-end"><Button type="submit">{t('common:action.save')}</Button></Group>
          </Stack>
        </form>
      </FormModal>
      <FormModal opened={!!resetting} onClose={() => (setResetting(null), setNewPassword(''))} dirty={newPassword !== ''} title={`${t('users.reset')}: ${resetting?.username ?? ''}`}>
        <Stack>
          <PasswordInput label={t('users.newPassword')} value={newPassword} onChange={(e) => setNewPassword(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button
              onClick={async () => {
                if (resetting && (await callWithNotice('people.resetPassword', { id: resetting.id, password: newPassword }, t('users.resetDone')))) {
                  setResetting(null)
                  setNewPassword('')
                }
              }}
            >
              {t('common:action.save')}
            </Button>
          </Group>
        </Stack>
      </FormModal>
      <Modal opened={!!deactivating} onClose={() => setDeactivating(null)} title={t('users.deactivate')}>
        <Stack>
          <Text size="sm">{t('users.confirmDeactivate', { name: deactivating?.displayName })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeactivating(null)}>{t('common:action.cancel')}</Button>
            <Button color="red" onClick={() => (deactivating && void update(deactivating.id, { active: false }), setDeactivating(null))}>{t('users.deactivate')}</Button>
          </Group>
        </Stack>
      </Modal>
      <Table striped data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.username')}</Table.Th><Table.Th>{t('users.name')}</Table.Th><Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th><Table.Th>{t('users.lastLogin')}</Table.Th><Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>
                <Select size="xs" w={180} data={roleOptions} value={u.role} allowDeselect={false} aria-label={`${t('users.role')} ${u.username}`} onChange={(r) => r && r !== u.role && void update(u.id, { role: r as Role })} />
              </Table.Td>
              <Table.Td><Badge color={u.active ? 'teal' : 'gray'} variant="light">{u.active ? t('users.active') : t('users.inactive')}</Badge></Table.Td>
              <Table.Td>{u.lastLoginAt?.replace('T', ' ').slice(0, 16) ?? t('users.never')}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="subtle" onClick={() => setResetting(u)}>{t('users.reset')}</Button>
                  {u.active
                    ? <Button size="xs" variant="subtle" color="red" onClick={() => setDeactivating(u)}>{t('users.deactivate')}</Button>
                    : <Button size="xs" variant="subtle" onClick={() => void update(u.id, { active: true })}>{t('users.activate')}</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

function Audit() {
  const { t } = useTranslation('pengguna')
  const log = useOp('people.auditLog', { limit: 200 })
  const chain = log.data?.chain
  return (
    <Stack>
      {chain &&
        (chain.ok ? (
          <Alert color="teal" icon={<IconShieldCheck />} data-testid="audit-chain">{t('audit.chainOk', { n: chain.entries })}</Alert>
        ) : (
          <Alert color="red" icon={<IconAlertTriangle />} title={t('audit.chainBroken')} data-testid="audit-chain">
            <Stack gap={2}>{chain.problems.map((p, i) => <Text key={i} size="sm">{p.message}</Text>)}</Stack>
          </Alert>
        ))}
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.seq')}</Table.Th><Table.Th>{t('audit.at')}</Table.Th><Table.Th>{t('audit.user')}</Table.Th>
            <Table.Th>{t('audit.table')}</Table.Th><Table.Th>{t('audit.action')}</Table.Th><Table.Th>{t('audit.from')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(log.data?.entries ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>{screenDateTime(e.at)}</Table.Td>
              <Table.Td>{e.user}</Table.Td>
              <Table.Td data-table={e.table}>{tableLabel(e.table)}</Table.Td>
              <Table.Td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Table.Td>
              <Table.Td>{e.bundleId ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

function MyPassword() {
  const { t } = useTranslation('pengguna')
  const form = useForm({
    initialValues: { oldPassword: '', newPassword: '', confirm: '' },
    validate: { confirm: (v, all) => (v !== all.newPassword ? t('password.mismatch') : null) },
  })
  const submit = form.onSubmit(async (v) => {
    if (await callWithNotice('people.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword }, t('password.done'))) form.reset()
  })
  return (
    <Card withBorder maw={420}>
      <form onSubmit={submit}>
        <Stack>
          <PasswordInput label={t('password.old')} autoComplete="current-password" {...form.getInputProps('oldPassword')} />
          <PasswordInput label={t('password.new')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label={t('password.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group><Button type="submit">{t('password.save')}</Button></Group>
        </Stack>
      </form>
    </Card>
  )
}

export default function PeopleArea({ path }: { path: string[] }) {
  const { t } = useTranslation('pengguna')
  const { can } = useSession()
  const tabs = [
    can('people.list') && { id: 'users', label: t('tabs.users'), el: <Users /> },
    can('people.auditLog') && { id: 'audit', label: t('tabs.audit'), el: <Audit /> },
    { id: 'password', label: t('tabs.password'), el: <MyPassword /> },
  ].filter(Boolean) as { id: string; label: string; el: ReactNode }[]
  const current = tabs.find((x) => x.id === path[0]) ?? tabs[0]
  return (
    <Stack>
      <Title order={2}>{t('common:nav.pengguna')}</Title>
      <Tabs value={current.id} onChange={(v) => v && navigate(`pengguna/${v}`)} keepMounted={false}>
        <Tabs.List>{tabs.map((x) => <Tabs.Tab key={x.id} value={x.id}>{x.label}</Tabs.Tab>)}</Tabs.List>
        {tabs.map((x) => <Tabs.Panel key={x.id} value={x.id} pt="md">{x.el}</Tabs.Panel>)}
      </Tabs>
    </Stack>
  )
}
