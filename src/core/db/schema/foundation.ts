import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** Local key/value state: settings, the last HLC, reference versions. Never travels. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

/** This install's identity (exactly one row with is_self = 1). */
export const office = sqliteTable('office', {
  id: text('id').primaryKey(),
  wilayahCode: text('wilayah_code').notNull(),
  name: text('name').notNull(),
  level: text('level', { enum: ['kecamatan', 'kabupaten', 'provinsi', 'nasional'] }).notNull(),
  deviceId: text('device_id').notNull(),
  createdAt: text('created_at').notNull(),
  isSelf: integer('is_self').notNull().default(1),
})

/** Kemendagri reference: provinsi, kabupaten/kota, kecamatan, desa/kelurahan. */
export const wilayah = sqliteTable(
  'wilayah',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['nasional', 'provinsi', 'kabupaten', 'kecamatan', 'desa'] }).notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('wilayah_parent').on(t.parentCode)],
)

/** Who changed what: every create, update, delete and restore, with before and after, hash-chained. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    user: text('user').notNull(),
    officeCode: text('office_code').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    action: text('action', { enum: ['create', 'update', 'delete', 'restore', 'import'] }).notNull(),
    before: text('before_json'),
    after: text('after_json'),
    /** The logged-in person (app_user.id); null for entries written before people existed. */
    userId: text('user_id'),
    /** For rows that came in a bundle: the sending office and the bundle (office#seq). */
    sourceOffice: text('source_office'),
    bundleId: text('bundle_id'),
    /** Hash chain (src/core/db/audit-chain.ts): position, previous entry's hash, this entry's hash. */
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_row').on(t.tableName, t.rowId), index('audit_at').on(t.at), uniqueIndex('audit_seq').on(t.seq)],
)
