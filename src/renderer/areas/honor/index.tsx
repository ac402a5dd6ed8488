import { IconCash } from '@tabler/icons-react'
import { ComingSoon } from '../../components/ComingSoon'
import type { AreaDef } from '../types'

export const area: AreaDef = {
  id: 'honor',
  order: 30,
  icon: IconCash,
  component: () => <ComingSoon titleKey="nav.honor" />,
}
