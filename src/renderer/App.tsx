import { Alert, Center, Loader } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from './api'
import { useOp } from './hooks'
import { navigate } from './router'
import { LOGGED_OUT_EVENT, makeSession, SessionContext } from './session'
import { FirstAdmin, Login } from './shell/Login'
import { Setup } from './shell/Setup'
import { Shell } from './shell/Shell'

export function App() {
  const { t } = useTranslation()
  const office = useOp('office.get', {})
  const who = useOp('people.whoami', {})
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
        onDone={({ user: admin, ...o }) => {
          office.setData(o)
          who.setData({ user: admin, hasUsers: true })
          navigate('registri')
          notifications.show({ color: 'green', message: t('setup.done') })
        }}
      />
    )
  }
  const loggedIn = (u: NonNullable<typeof user>) => who.setData({ user: u, hasUsers: true })
  if (!who.data?.hasUsers) return <FirstAdmin office={office.data} onDone={loggedIn} />
  if (!session) return <Login office={office.data} onDone={loggedIn} />
  return (
    <SessionContext.Provider value={session}>
      <Shell office={office.data} />
    </SessionContext.Provider>
  )
}
