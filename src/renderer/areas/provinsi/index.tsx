import { IconMapPin } from '@tabler/icons-react'
import { lazy } from 'react'
import type { AreaDef } from '../types'
import { translations } from './i18n'

// Only a province or national office sees it (first in its menu); it loads when first opened.
export const area: AreaDef = {
  id: 'provinsi',
  order: 5,
  icon: IconMapPin,
  component: lazy(() => import('./Area')),
  translations,
  levels: ['provinsi', 'nasional'],
  needs: 'province.summary',
}
