import { Alert, Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Office } from '../../shared/contract/app'
import type { UserInfo } from '../../shared/contract/people'
import { ApiError, call } from '../api'
import { AuthCard } from './AuthCard'
import { RecoverForm } from './Recovery'

/** Login: the password goes once to people.login; the session stays with the host or the main process. */
export function Login({ office, onDone }: { office: Office; onDone: (u: UserInfo, recoveryCode?: string) => void }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [recovering, setRecovering] = useState(false)
  const form = useForm({ initialValues: { username: '', password: '' } })
  const submit = form.onSubmit(async (v) => {
    setBusy(true)
    setError(null)
    try {
      const done = await call('people.login', v)
      onDone(done.user, done.recoveryCode)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
      form.setFieldValue('password', '')
    } finally {
      setBusy(false)
    }
  })
  if (recovering) return <RecoverForm office={office} onDone={(u) => onDone(u)} onBack={() => setRecovering(false)} />
  return (
    <AuthCard office={office} title={t('login.title')} width={420} onSubmit={submit}>
            <TextInput label={t('login.username')} autoComplete="username" autoFocus {...form.getInputProps('username')} />
            <PasswordInput label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
            {error && <Alert color="red" icon={<IconAlertTriangle />} data-testid="login-error">{error}</Alert>}
            <Button type="submit" loading={busy}>{t('login.submit')}</Button>
            <Text size="xs" c="dimmed">{t('login.hint')}</Text>
            <Anchor component="button" type="button" size="sm" onClick={() => setRecovering(true)}>{t('recovery.forgot')}</Anchor>
    </AuthCard>
  )
}

/** An office set up before people existed: its first administrator is created here. */
export function FirstAdmin({ office, onDone }: { office: Office; onDone: (u: UserInfo, recoveryCode?: string) => void }) {
  const { t } = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const form = useForm({ initialValues: { displayName: '', username: '', password: '', confirm: '' }, validate: adminValidate(t) })
  const submit = form.onSubmit(async (v) => {
    try {
      const done = await call('people.firstAdmin', { username: v.username, displayName: v.displayName, password: v.password })
      onDone(done.user, done.recoveryCode)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  })
  return (
    <AuthCard office={office} title={t('login.firstAdmin')} intro={t('login.firstAdminIntro')} onSubmit={submit}>
            <AdminFields form={form} />
            {error && <Alert color="red" icon={<IconAlertTriangle />}>{error}</Alert>}
            <Button type="submit">{t('login.createAdmin')}</Button>
    </AuthCard>
  )
}

type T = (k: string) => string
export const adminValidate = (t: T) => ({
  displayName: (v: string) => (v.trim().length < 2 ? t('login.nameShort') : null),
  username: (v: string) => (/^[a-z][a-z0-9._-]{2,31}$/.test(v.trim().toLowerCase()) ? null : t('login.usernameRule')),
  password: (v: string) => (v.length < 8 ? t('login.passwordShort') : null),
  confirm: (v: string, all: { password: string }) => (v !== all.password ? t('login.passwordMismatch') : null),
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function AdminFields({ form }: { form: { getInputProps: (k: string) => any } }) {
  const { t } = useTranslation()
  return (
    <>
      <TextInput label={t('login.displayName')} {...form.getInputProps('displayName')} />
      <TextInput label={t('login.username')} description={t('login.usernameRule')} autoComplete="username" {...form.getInputProps('username')} />
      <PasswordInput label={t('login.password')} description={t('login.passwordHint')} autoComplete="new-password" {...form.getInputProps('password')} />
      <PasswordInput label={t('login.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
    </>
  )
}
