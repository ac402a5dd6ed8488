import { integer, text } from 'drizzle-orm/sqlite-core'

/**
 * Columns every travelling row carries (DESIGN.md §3): identity, owning office scope,
 * revision, hybrid logical clock of the last change, device that made it, tombstone.
 * No foreign-key constraints between travelling tables: rows arrive in bundles in any order.
 */
export const travelling = () => ({
  id: text('id').primaryKey(),
  scope: text('scope').notNull(),
  rev: integer('rev').notNull().default(1),
  hlc: text('hlc').notNull(),
  origin: text('origin').notNull(),
  deletedAt: text('deleted_at'),
})

export const TRAVELLING_COLUMNS = ['id', 'scope', 'rev', 'hlc', 'origin', 'deleted_at'] as const
