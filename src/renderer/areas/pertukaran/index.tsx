import { IconArrowsExchange } from '@tabler/icons-react'
import { ComingSoon } from '../../components/ComingSoon'
import type { AreaDef } from '../types'

export const area: AreaDef = {
  id: 'pertukaran',
  order: 50,
  icon: IconArrowsExchange,
  component: () => <ComingSoon titleKey="nav.pertukaran" />,
}
