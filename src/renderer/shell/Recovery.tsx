import { Alert, Anchor, Button, Card, Center, Code, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle, IconPrinter, IconShieldLock } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Office } from '../../shared/contract/app'
import type { UserInfo } from '../../shared/contract/people'
import { ApiError, call } from '../api'
import { AuthCard } from './AuthCard'

/**
 * Shown once, right after the database was encrypted (first-run setup, or the first
 * administrator login after an upgrade): the recovery code for the office safe, with a
 * print button. The code is never stored; after "continue" it is gone from this screen.
 */
export function RecoveryCode({ office, code, onDone }: { office: { name: string; wilayahCode?: string }; code: string; onDone: () => void }) {
  const { t } = useTranslation()
  return (
    <Center mih="100vh" bg="gray.0" p="md" className="recovery-sheet">
      <Card withBorder shadow="sm" w={620} p="xl">
        <Stack>
          <div>
            <Text c="teal.8" fw={700} size="sm">Simpul · {office.name}{office.wilayahCode ? ` (${office.wilayahCode})` : ''}</Text>
            <Group gap="xs"><IconShieldLock /><Title order={2}>{t('recovery.title')}</Title></Group>
          </div>
          <Text size="sm">{t('recovery.intro')}</Text>
          <Code block data-testid="recovery-code" style={{ fontSize: 21, letterSpacing: 1, textAlign: 'center', padding: '18px 8px', whiteSpace: 'nowrap' }}>
            {code}
          </Code>
          <Text size="xs" c="dimmed">{t('recovery.printedAt')}: {new Date().toLocaleString('id-ID')}</Text>
          <Alert color="yellow" icon={<IconAlertTriangle />}>{t('recovery.once')}</Alert>
          <Group justify="space-between" className="no-print">
            <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>{t('recovery.print')}</Button>
            <Button onClick={onDone}>{t('recovery.saved')}</Button>
          </Group>
        </Stack>
      </Card>
    </Center>
  )
}

/** "Lupa kata sandi?": the recovery code sets a new administrator password, then that administrator is logged in. */
export function RecoverForm({ office, onDone, onBack }: { office: Office; onDone: (u: UserInfo) => void; onBack: () => void }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm({
    initialValues: { code: '', username: '', password: '', confirm: '' },
    validate: {
      code: (v) => (v.replace(/[^A-Za-z0-9]/g, '').length !== 30 ? t('recovery.codeMissing') : null),
      username: (v) => (v.trim() ? null : t('login.usernameRule')),
      password: (v) => (v.length < 8 ? t('login.passwordShort') : null),
      confirm: (v, all) => (v !== all.password ? t('login.passwordMismatch') : null),
    },
  })
  const submit = form.onSubmit(async (v) => {
    setBusy(true)
    setError(null)
    try {
      onDone((await call('people.recover', { code: v.code, username: v.username, newPassword: v.password })).user)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  })
  return (
    <AuthCard office={office} title={t('recovery.formTitle')} intro={t('recovery.formIntro')} onSubmit={submit}>
            <TextInput label={t('recovery.code')} placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" autoFocus autoComplete="off" {...form.getInputProps('code')} />
            <TextInput label={t('recovery.admin')} autoComplete="username" {...form.getInputProps('username')} />
            <PasswordInput label={t('recovery.newPassword')} description={t('login.passwordHint')} autoComplete="new-password" {...form.getInputProps('password')} />
            <PasswordInput label={t('login.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
            {error && <Alert color="red" icon={<IconAlertTriangle />} data-testid="recover-error">{error}</Alert>}
            <Button type="submit" loading={busy}>{t('recovery.submit')}</Button>
            <Anchor component="button" type="button" size="sm" onClick={onBack}>{t('recovery.back')}</Anchor>
    </AuthCard>
  )
}
