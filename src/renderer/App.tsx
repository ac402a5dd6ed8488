import { Alert, Center, Loader } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from './api'
import { useOp } from './hooks'
import { navigate } from './router'
import { LOGGED_OUT_EVENT, makeSession, SessionContext } from './session'
import { FirstAdmin, Login } from './shell/Login'
import { Setup } from './shell/Setup'
import { RecoveryCode } from './shell/Recovery'
import { Shell } from './shell/Shell'

export function App() {
  const { t } = useTranslation()
  const office = useOp('office.get', {})
  const who = useOp('people.whoami', {})
  // The recovery code of a database encrypted just now (setup, or the first administrator login after an upgrade): shown once.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null)
  useEffect(() => {
    const again = () => void who.reload()
    window.addEventListener(LOGGED_OUT_EVENT, again)
    return () => window.removeEventListener(LOGGED_OUT_EVENT, again)
  }, [who])
  const user = who.data?.user ?? null
  const session = useMemo(
    () =>
      user &&
      makeSession(user, async () => {
        await call('people.logout', {})
        who.setData({ user: null, hasUsers: true })
        navigate('')
      }),
    [user, who],
  )
  if ((office.loading && office.data === undefined) || (who.loading && who.data === undefined)) return <Center h="100vh"><Loader /></Center>
  const error = office.error ?? who.error
  if (error) return <Center h="100vh"><Alert color="red" title="Simpul">{error.message}</Alert></Center>
  if (!office.data) {
    return (
      <Setup
        onDone={({ user: admin, recoveryCode: code, ...o }) => {
          setRecoveryCode(code ?? null)
          office.setData(o)
          who.setData({ user: admin, hasUsers: true })
          navigate('registri')
          notifications.show({ color: 'green', message: t('setup.done') })
        }}
      />
    )
  }
  if (recoveryCode) return <RecoveryCode office={office.data} code={recoveryCode} onDone={() => setRecoveryCode(null)} />
  const loggedIn = (u: NonNullable<typeof user>, code?: string) => {
    setRecoveryCode(code ?? null)
    who.setData({ user: u, hasUsers: true })
    // A database that was locked: the office's full record can be read now.
    if (who.data?.locked) void office.reload()
  }
  if (!who.data?.hasUsers) return <FirstAdmin office={office.data} onDone={loggedIn} />
  if (!session) return <Login office={office.data} onDone={loggedIn} />
  return (
    <SessionContext.Provider value={session}>
      <Shell office={office.data} />
    </SessionContext.Provider>
  )
}
