import { IconCash } from '@tabler/icons-react'
import { lazy } from 'react'
import type { AreaDef } from '../types'
import { translations } from './translations'

// The screens load when the area is first opened, so the shell starts fast on old PCs.
export const area: AreaDef = {
  id: 'honor',
  order: 30,
  icon: IconCash,
  component: lazy(() => import('./Area')),
  translations,
  needs: 'honor.listList',
  // Pendamping and their honor are kabupaten work; a province pays no one.
  levels: ['kecamatan', 'kabupaten'],
}
