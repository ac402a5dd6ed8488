import { Stack, Tabs } from '@mantine/core'
import type { Framework } from '../../../shared/contract/programme'
import { navigate } from '../../router'
import { Activities } from './Activities'
import { ProgrammeForm, Programmes } from './Programmes'
import { Puskesos } from './Puskesos'
import { Reference } from './Reference'
import { RegulationPage } from './RegulationPage'
import { Regulations } from './Regulations'
import { Summary } from './Summary'
import { SummaryPrint } from './SummaryPrint'
import { useT } from './shared'

const TABS = ['program', 'ringkasan', 'regulasi', 'kegiatan', 'puskesos', 'referensi'] as const

/** #/program/<tab>[/<id>]: programmes, summary (and its print page), regulations, activities, Puskesos, reference. */
function ProgramArea({ path }: { path: string[] }) {
  const t = useT()
  const tab = (TABS as readonly string[]).includes(path[0]) ? path[0] : 'program'
  if (tab === 'ringkasan' && path[1] === 'cetak') return <SummaryPrint year={Number(path[2]) || new Date().getFullYear()} framework={(path[3] as Framework) ?? 'phi'} />
  const body = () => {
    switch (tab) {
      case 'ringkasan':
        return <Summary />
      case 'regulasi':
        return path[1] ? <RegulationPage key={path[1]} id={path[1]} /> : <Regulations />
      case 'kegiatan':
        return <Activities />
      case 'puskesos':
        return <Puskesos />
      case 'referensi':
        return <Reference />
      default:
        return path[1] ? <ProgrammeForm key={path[1]} id={path[1]} /> : <Programmes />
    }
  }
  return (
    <Stack>
      <Tabs value={tab} onChange={(v) => v && navigate(`program/${v}`)}>
        <Tabs.List>
          {TABS.map((x) => <Tabs.Tab key={x} value={x}>{t(`tabs.${x}`)}</Tabs.Tab>)}
        </Tabs.List>
      </Tabs>
      {body()}
    </Stack>
  )
}

export default ProgramArea
