import type { z } from 'zod'
import type { Said } from '../../shared/messages'
import type { OfficeLevel } from '../../shared/area'

/**
 * Office levels, read from the wilayah code: `ID` nasional (the reserved root), `33`
 * provinsi, `33.25` kabupaten/kota, `33.25.01` kecamatan. Nothing else decides an office's level.
 */
export type Level = OfficeLevel

/** An office as the policy sees it. */
export interface Party {
  wilayahCode: string
  level: Level
  /**
   * Set on the SENDER of a bundle, to the office receiving it (`senderParty`): an office
   * sending up to an ancestor may relay rows it received from below (see `relays`).
   */
  sendingTo?: { wilayahCode: string; level: Level }
}

/**
 * How an office relates to a row's scope:
 * - `owner`: the office whose wilayah code is the scope;
 * - `above`: the office directly above the scope (the kabupaten of a kecamatan's rows).
 *
 * Deeper descendants are no relation for writing: a province never writes a kecamatan's
 * rows. It only RELAYS them upward, received from below (`relays` in policy/index.ts).
 */
export type Relation = 'owner' | 'above'

export type WriteOp = 'create' | 'change' | 'delete'

/**
 * What one receiving level is sent of a table.
 * - `scope`: the rows of its own scope, of the scopes above it (master data) and, for a
 *   higher office, of every scope below it;
 * - `none`: nothing; rows it still holds from older bundles are withdrawn;
 * - `where`: only the rows an SQL condition over the table (alias `t`) grants it
 *   (`@receiver` is its wilayah code). With `complete`, every bundle carries all granted
 *   rows, and the receiver drops any row of the sender's it holds that is no longer granted
 *   — for grants that depend on other rows (a pendamping sent where they are assigned).
 *   With `sinceArrival` as well, a complete section is sent only when the grant itself changed
 *   (or nothing was acknowledged yet); otherwise the rows that arrived in or changed in this
 *   database since the last acknowledged bundle (`row_arrival`, drizzle/0017) — for rows an
 *   office relays from below, whose HLC is not when they reached it.
 */
export type Grant =
  | { rows: 'scope'; hide?: string[] }
  | { rows: 'none' }
  | { rows: 'where'; where: string; complete?: boolean; hide?: string[]; sinceArrival?: boolean }

export interface TablePolicy {
  table: string
  /** What a person calls this table (import screens, messages). */
  label: { id: string; en: string }
  /** How one row is named to a person: name, masked NIK, posyandu, month. */
  rowLabel: (row: Record<string, unknown>) => string
  /** The level a row's scope must have; `any` for tables every level keeps for itself. */
  scopeLevel: Level | 'any'
  /** Which offices may create, change and delete rows, by their relation to the stored row's scope. */
  writers: Record<WriteOp, Relation[]>
  /** What each receiving level is sent. A level not named receives nothing of the table. */
  receivers: Partial<Record<Level, Grant>>
  /** Per-column schemas over the table's own (snake_case) columns; other columns get a schema from their SQL type. */
  columns?: Record<string, z.ZodType>
  /** Business rules over the whole row; returns its problems by key (empty: the row is fine). */
  check?: (row: Record<string, unknown>) => Said[]
  /**
   * A cheap proof that `check` finds nothing: true only when `check(row)` would return [];
   * false means "run check" (never a verdict of its own). For rules that cost a lot per row
   * (the monthly form); derived from the same rule data as `check`.
   */
  quickCheck?: (row: Record<string, unknown>) => boolean
  /**
   * Rows this row points at, which must belong to its own area (same scope, or below it for a
   * kabupaten row): a kecamatan reports only on its own posyandu. `when` limits the rule
   * (a closed membership may name the posyandu a kader left behind in another kecamatan).
   */
  refs?: { column: string; table: string; when?: (row: Record<string, unknown>) => boolean }[]
  /** Rules that other rows must obey (locks, final lists): applied after a bundle's data rows. */
  appliesAfterData?: boolean
}
