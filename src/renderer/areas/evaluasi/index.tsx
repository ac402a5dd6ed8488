import { IconReportAnalytics } from '@tabler/icons-react'
import { ComingSoon } from '../../components/ComingSoon'
import type { AreaDef } from '../types'

export const area: AreaDef = {
  id: 'evaluasi',
  order: 40,
  icon: IconReportAnalytics,
  component: () => <ComingSoon titleKey="nav.evaluasi" />,
}
