import { IconUsers } from '@tabler/icons-react'
import { lazy } from 'react'
import type { AreaDef } from '../types'
import { translations } from './translations'

export const area: AreaDef = {
  id: 'pengguna',
  order: 85,
  icon: IconUsers,
  component: lazy(() => import('./Area')),
  translations,
}
