import type { AreaDef } from './types'

const modules = import.meta.glob<{ area: AreaDef }>('./*/index.tsx', { eager: true })

export const areas: AreaDef[] = Object.values(modules)
  .map((m) => m.area)
  .sort((a, b) => a.order - b.order)
