import { Stack, Tabs, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../router'
import { Conflicts } from './Conflicts'
import { History } from './History'
import { Offices } from './Offices'
import { Receive } from './Receive'
import { Send } from './Send'
import { useCan } from '../../session'
import type { OpName } from '../../../shared/contract'

const TABS = { kantor: Offices, kirim: Send, terima: Receive, riwayat: History, konflik: Conflicts } as const
const LABEL: Record<keyof typeof TABS, string> = { kantor: 'offices', kirim: 'send', terima: 'receive', riwayat: 'history', konflik: 'conflicts' }
type Tab = keyof typeof TABS
/** Sending and receiving bundles write data: those tabs are there only for people who may. */
const NEEDS: Partial<Record<Tab, OpName>> = { kirim: 'exchange.bundleExport', terima: 'exchange.bundleOpen' }

function Exchange({ path }: { path: string[] }) {
  const { t } = useTranslation('pertukaran')
  const can = useCan()
  const tabs = (Object.keys(TABS) as Tab[]).filter((k) => !NEEDS[k] || can(NEEDS[k]))
  const tab: Tab = tabs.includes(path[0] as Tab) ? (path[0] as Tab) : 'kantor'
  const Current = TABS[tab]
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed" size="sm" maw={900}>{t('intro')}</Text>
      <Tabs value={tab} onChange={(v) => v && navigate(`pertukaran/${v}`)}>
        <Tabs.List>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k}>{t(`tabs.${LABEL[k]}`)}</Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Current key={tab} />
    </Stack>
  )
}

export default Exchange
