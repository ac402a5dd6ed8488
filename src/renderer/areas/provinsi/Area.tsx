import { Tabs } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { navigate } from '../../router'
import { useOp } from '../../hooks'
import { Dashboard } from './Dashboard'
import { ProvinceOffers } from './Offers'
import { ProvinceReport } from './ProvinceReport'

/**
 * Routes: #/provinsi (dashboard), #/provinsi/tawaran (offers to the kabupaten/kota),
 * #/provinsi/cetak/<year>[/<province>] (the printed report; a province of a national office's data).
 * A national office offers nothing down (it has no offers tab).
 */
function Provinsi({ path }: { path: string[] }) {
  const { t } = useTranslation('provinsi')
  const office = useOp('office.get', {})
  if (path[0] === 'cetak' && path[1]) return <ProvinceReport year={Number(path[1])} province={path[2]} />
  if (office.data?.level === 'nasional') return <Dashboard />
  const tab = path[0] === 'tawaran' ? 'tawaran' : 'dasbor'
  return (
    <Tabs value={tab} onChange={(v) => navigate(v === 'tawaran' ? 'provinsi/tawaran' : 'provinsi')} keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="dasbor">{t('tabs.dashboard')}</Tabs.Tab>
        <Tabs.Tab value="tawaran">{t('tabs.offers')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="dasbor" pt="md"><Dashboard /></Tabs.Panel>
      <Tabs.Panel value="tawaran" pt="md"><ProvinceOffers /></Tabs.Panel>
    </Tabs>
  )
}

export default Provinsi
