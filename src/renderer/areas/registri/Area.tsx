import { Stack, Tabs } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../router'
import { Duplicates } from './Duplicates'
import { ImportPage } from './ImportPage'
import { KaderForm } from './KaderForm'
import { KaderList } from './KaderList'
import { PosyanduDetail } from './PosyanduDetail'
import { PosyanduForm } from './PosyanduForm'
import { PosyanduList } from './PosyanduList'
import { NS } from './shared'
import { useCan } from '../../session'

const TABS = ['posyandu', 'kader', 'impor', 'duplikat'] as const

/**
 * Routes: posyandu · posyandu/baru · posyandu/<id> · posyandu/<id>/ubah · kader · kader/baru[/<posyanduId>]
 * · kader/<id> · impor · duplikat.
 */
function Page({ path }: { path: string[] }) {
  const [section = 'posyandu', a, b] = path
  if (section === 'posyandu') {
    if (a === 'baru') return <PosyanduForm />
    if (a && b === 'ubah') return <PosyanduForm id={a} key={a} />
    if (a) return <PosyanduDetail id={a} key={a} />
    return <PosyanduList />
  }
  if (section === 'kader') {
    if (a === 'baru') return <KaderForm posyanduId={b} key={`new-${b ?? ''}`} />
    if (a) return <KaderForm id={a} key={a} />
    return <KaderList />
  }
  if (section === 'impor') return <ImportPage />
  return <Duplicates />
}

function Registry({ path }: { path: string[] }) {
  const { t } = useTranslation(NS)
  const current = TABS.find((x) => x === path[0]) ?? 'posyandu'
  const can = useCan()
  // Importing writes rows: the tab is only there for people who may import.
  const tabs = TABS.filter((x) => x !== 'impor' || can('registry.importPreview'))
  return (
    <Stack gap="md">
      <Tabs value={current} onChange={(v) => v && navigate(`registri/${v}`)}>
        <Tabs.List>
          {tabs.map((x) => <Tabs.Tab key={x} value={x}>{t(`tabs.${x}`)}</Tabs.Tab>)}
        </Tabs.List>
      </Tabs>
      <Page path={path} />
    </Stack>
  )
}

export default Registry
