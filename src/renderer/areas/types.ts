import type { ComponentType } from 'react'
import type { OpName } from '../../shared/contract'

/**
 * One area of the navigation. Each folder under areas/ exports `area` from its
 * index.tsx; the shell finds them all, so areas are added without touching the shell.
 */
export interface AreaDef {
  /** Route prefix and i18n namespace, e.g. "registri". */
  id: string
  order: number
  icon: ComponentType<{ size?: number; stroke?: number }>
  /** Renders the area; `path` is the route below the area id. */
  component: ComponentType<{ path: string[] }>
  translations?: { id: object; en: object }
  /** Shown in the navigation only for these office levels (both when absent). */
  levels?: import('../../shared/contract/app').OfficeLevel[]
  /** Shown only to roles that may call this operation (its main list). */
  needs?: OpName
}
