import { Alert, Center, Loader } from '@mantine/core'
import { useOp } from './hooks'
import { Setup } from './shell/Setup'
import { Shell } from './shell/Shell'
import { navigate } from './router'
import { notifications } from '@mantine/notifications'
import { useTranslation } from 'react-i18next'

export function App() {
  const { t } = useTranslation()
  const office = useOp('office.get', {})
  if (office.loading && office.data === undefined) return <Center h="100vh"><Loader /></Center>
  if (office.error) return <Center h="100vh"><Alert color="red" title="Simpul">{office.error.message}</Alert></Center>
  if (!office.data) {
    return (
      <Setup
        onDone={(o) => {
          office.setData(o)
          navigate('registri')
          notifications.show({ color: 'green', message: t('setup.done') })
        }}
      />
    )
  }
  return <Shell office={office.data} />
}
