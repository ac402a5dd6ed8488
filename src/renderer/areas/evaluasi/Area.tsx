import { Stack, Tabs, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../router'
import { Approvals } from './Approvals'
import { EvaluationReport } from './EvaluationReport'
import { FormEditor } from './FormEditor'
import { Completeness, MissingPrint } from './Completeness'
import { QualityPrint } from './Quality'
import { IndicatorSets } from './IndicatorSets'
import { MonthlyEntry } from './MonthlyEntry'
import { Periods } from './Periods'
import { RecapLauncher, RecapReport } from './RecapReport'
import { Scores } from './Scores'
import { StrataView } from './StrataView'
import { KabupatenOffers } from '../provinsi/Offers'
import { useOp } from '../../hooks'

const TABS = ['entri', 'persetujuan', 'kelengkapan', 'strata', 'periode', 'rekap', 'indikator', 'formulir', 'provinsi'] as const
const TAB_KEY = { entri: 'entry', persetujuan: 'approval', kelengkapan: 'completeness', strata: 'strata', periode: 'periods', rekap: 'recap', indikator: 'sets', formulir: 'forms', provinsi: 'province' } as const

/**
 * Routes: #/evaluasi/<tab>, #/evaluasi/laporan/periode/<id>, #/evaluasi/laporan/tahun/<year>/<set>,
 * #/evaluasi/rekap/<area>/<YYYY-MM>, #/evaluasi/belum-melapor/<form>/<period>/<area|->, #/evaluasi/mutu-data/<form>/<year>/<area|->.
 */
function Evaluasi({ path }: { path: string[] }) {
  const { t } = useTranslation('evaluasi')
  // Offers of the province (indicator sets, forms) are answered by the kabupaten.
  const office = useOp('office.get', {})
  const tabs = TABS.filter((x) => x !== 'provinsi' || office.data?.level === 'kabupaten')
  if (path[0] === 'periode' && path[1] && path[2] === 'nilai') return <Scores periodId={path[1]} />
  if (path[0] === 'laporan' && path[1] === 'periode') return <EvaluationReport source={{ periodId: path[2] }} />
  if (path[0] === 'laporan' && path[1] === 'tahun') return <EvaluationReport source={{ year: Number(path[2]), rules: path[3] }} />
  if (path[0] === 'rekap' && path[1] && path[2]) return <RecapReport area={path[1]} month={path[2]} />
  if (path[0] === 'mutu-data' && path[1] && path[2]) return <QualityPrint code={path[1]} year={Number(path[2])} area={path[3] && path[3] !== '-' ? path[3] : undefined} />
  if (path[0] === 'belum-melapor' && path[1] && path[2]) return <MissingPrint code={path[1]} period={path[2]} area={path[3] && path[3] !== '-' ? path[3] : undefined} />
  const tab = (TABS as readonly string[]).includes(path[0]) ? (path[0] as (typeof TABS)[number]) : 'entri'
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`evaluasi/${v}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((x) => <Tabs.Tab key={x} value={x}>{t(`tabs.${TAB_KEY[x]}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="entri" pt="md"><MonthlyEntry /></Tabs.Panel>
        <Tabs.Panel value="persetujuan" pt="md"><Approvals /></Tabs.Panel>
        <Tabs.Panel value="strata" pt="md"><StrataView /></Tabs.Panel>
        <Tabs.Panel value="periode" pt="md"><Periods /></Tabs.Panel>
        <Tabs.Panel value="rekap" pt="md"><RecapLauncher /></Tabs.Panel>
        <Tabs.Panel value="indikator" pt="md"><IndicatorSets /></Tabs.Panel>
        <Tabs.Panel value="kelengkapan" pt="md"><Completeness /></Tabs.Panel>
        <Tabs.Panel value="formulir" pt="md"><FormEditor /></Tabs.Panel>
        <Tabs.Panel value="provinsi" pt="md"><KabupatenOffers /></Tabs.Panel>
      </Tabs>
    </Stack>
  )
}

export default Evaluasi
