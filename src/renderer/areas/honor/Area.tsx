import { Alert, Stack, Tabs, Title } from '@mantine/core'
import { useOp } from '../../hooks'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../router'
import { ListDetail } from './ListDetail'
import { ListPrint } from './ListPrint'
import { Lists } from './Lists'
import { Persons } from './Persons'
import { Rates } from './Rates'
import { Recap } from './Recap'

const TABS = ['pendamping', 'tarif', 'daftar', 'rekap'] as const

function Honor({ path }: { path: string[] }) {
  const { t } = useTranslation('honor')
  const office = useOp('office.get', {})
  if (office.data && office.data.level !== 'kabupaten') {
    return (
      <Stack>
        <Title order={2}>{t('title')}</Title>
        <Alert color="blue">{t('kabupatenOnly')}</Alert>
      </Stack>
    )
  }
  if (path[0] === 'daftar' && path[1] && path[2] === 'cetak') return <ListPrint id={path[1]} />
  if (path[0] === 'daftar' && path[1]) return <ListDetail id={path[1]} />
  const tab = (TABS as readonly string[]).includes(path[0]) ? path[0] : 'pendamping'
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Tabs value={tab} onChange={(v) => navigate(`honor/${v}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="pendamping">{t('tabs.persons')}</Tabs.Tab>
          <Tabs.Tab value="tarif">{t('tabs.rates')}</Tabs.Tab>
          <Tabs.Tab value="daftar">{t('tabs.lists')}</Tabs.Tab>
          <Tabs.Tab value="rekap">{t('tabs.recap')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pendamping" pt="md"><Persons /></Tabs.Panel>
        <Tabs.Panel value="tarif" pt="md"><Rates /></Tabs.Panel>
        <Tabs.Panel value="daftar" pt="md"><Lists /></Tabs.Panel>
        <Tabs.Panel value="rekap" pt="md"><Recap /></Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

export default Honor
