import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

/**
 * The regulations everything else rests on (Perbup, Kepbup, Permendagri, SK Camat, ...).
 * A programme, a PHI model designation, a pendamping appointment or an honor rate points
 * here by `regulation_id`.
 */
export const regulation = sqliteTable(
  'regulation',
  {
    ...travelling(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    dateSigned: text('date_signed'),
    status: text('status', { enum: ['berlaku', 'diubah', 'dicabut'] }).notNull().default('berlaku'),
    /** The regulation that amended or revoked this one. */
    changedById: text('changed_by_id'),
    notes: text('notes'),
    /** The signed PDF, stored as files/regulations/<sha256>.pdf and checked on every open. */
    attachmentSha256: text('attachment_sha256'),
    attachmentSize: integer('attachment_size'),
    attachmentName: text('attachment_name'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('regulation_kind_year').on(t.kind, t.year)],
)
