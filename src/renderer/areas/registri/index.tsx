import { IconBuildingCommunity } from '@tabler/icons-react'
import { ComingSoon } from '../../components/ComingSoon'
import type { AreaDef } from '../types'

export const area: AreaDef = {
  id: 'registri',
  order: 10,
  icon: IconBuildingCommunity,
  component: () => <ComingSoon titleKey="nav.registri" />,
}
