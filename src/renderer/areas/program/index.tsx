import { IconBooks } from '@tabler/icons-react'
import { ComingSoon } from '../../components/ComingSoon'
import type { AreaDef } from '../types'

export const area: AreaDef = {
  id: 'program',
  order: 20,
  icon: IconBooks,
  component: () => <ComingSoon titleKey="nav.program" />,
}
