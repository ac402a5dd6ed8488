import { IconBooks } from '@tabler/icons-react'
import { lazy } from 'react'
import type { AreaDef } from '../types'
import { translations } from './i18n'

// The screens load when the area is first opened, so the shell starts fast on old PCs.
export const area: AreaDef = {
  id: 'program',
  order: 20,
  icon: IconBooks,
  component: lazy(() => import('./Area')),
  translations,
}
