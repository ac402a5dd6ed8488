import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * Exchange state. All local (never travels): the offices this one exchanges bundles
 * with, the history of bundles, and the conflicts a person should review.
 */
export const peerOffice = sqliteTable(
  'peer_office',
  {
    id: text('id').primaryKey(),
    wilayahCode: text('wilayah_code').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['kecamatan', 'kabupaten', 'provinsi', 'nasional'] }).notNull(),
    /** SPKI DER, base64. */
    signPublicKey: text('sign_public_key').notNull(),
    boxPublicKey: text('box_public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: text('status', { enum: ['active', 'revoked'] }).notNull().default('active'),
    enrolledAt: text('enrolled_at').notNull(),
    revokedAt: text('revoked_at'),
    /** Highest sequence of our bundles to this office. */
    lastSentSeq: integer('last_sent_seq').notNull().default(0),
    /** Highest sequence of their bundles imported here. */
    lastReceivedSeq: integer('last_received_seq').notNull().default(0),
    /** Highest sequence of our bundles they said they imported. */
    ackedSeq: integer('acked_seq').notNull().default(0),
    /** Records we rejected from their last bundle, reported back in our next receipt (JSON). */
    pendingRejects: text('pending_rejects'),
  },
  (t) => [uniqueIndex('peer_office_code').on(t.wilayahCode)],
)

export const bundleLog = sqliteTable(
  'bundle_log',
  {
    id: text('id').primaryKey(),
    direction: text('direction', { enum: ['out', 'in'] }).notNull(),
    peerCode: text('peer_code').notNull(),
    seq: integer('seq').notNull(),
    fileName: text('file_name').notNull(),
    /** From the manifest: when the sender made it. */
    createdAt: text('created_at').notNull(),
    processedAt: text('processed_at').notNull(),
    /** out: dibuat → diterima (acknowledged); in: diimpor. */
    status: text('status', { enum: ['dibuat', 'diterima', 'diimpor'] }).notNull(),
    /** out: the highest local HLC included; the next bundle after an ack starts above it. */
    highHlc: text('high_hlc'),
    rows: integer('rows').notNull().default(0),
    sizeBytes: integer('size_bytes').notNull().default(0),
    countsJson: text('counts_json').notNull(),
    /** Records rejected by a person (in) or reported rejected by the receiver (out), JSON. */
    rejectedJson: text('rejected_json'),
    /** out: the local arrival number (row_arrival.seq) the bundle was cut at (drizzle/0017). */
    highArrival: integer('high_arrival'),
    /** out: per table, a fingerprint of the receiver's grant when the bundle was made (JSON). */
    grantsJson: text('grants_json'),
  },
  (t) => [index('bundle_log_peer').on(t.peerCode, t.direction, t.seq)],
)

export const exchangeConflict = sqliteTable(
  'exchange_conflict',
  {
    id: text('id').primaryKey(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    peerCode: text('peer_code').notNull(),
    /** 'versi' both sides changed the row; 'unik' the row clashes with a unique rule. */
    kind: text('kind', { enum: ['versi', 'unik'] }).notNull(),
    detectedAt: text('detected_at').notNull(),
    winnerJson: text('winner_json'),
    loserJson: text('loser_json').notNull(),
    status: text('status', { enum: ['terbuka', 'diterapkan', 'diabaikan'] }).notNull().default('terbuka'),
    resolvedAt: text('resolved_at'),
  },
  (t) => [index('exchange_conflict_status').on(t.status, t.detectedAt)],
)
