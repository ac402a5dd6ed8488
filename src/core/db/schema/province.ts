import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

/** Active kader per posyandu, counted by the kabupaten for its province: numbers only, no person. */
export const kaderCount = sqliteTable(
  'kader_count',
  {
    ...travelling(),
    posyanduId: text('posyandu_id').notNull(),
    total: integer('total').notNull().default(0),
    male: integer('male').notNull().default(0),
    female: integer('female').notNull().default(0),
    trained: integer('trained').notNull().default(0),
    ketua: integer('ketua').notNull().default(0),
    sekretaris: integer('sekretaris').notNull().default(0),
    bendahara: integer('bendahara').notNull().default(0),
    anggota: integer('anggota').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('kader_count_posyandu').on(t.posyanduId)],
)

/** The stratum a kabupaten computed for one posyandu and year, with the indicator set it used. */
export const posyanduStratum = sqliteTable(
  'posyandu_stratum',
  {
    ...travelling(),
    posyanduId: text('posyandu_id').notNull(),
    year: integer('year').notNull(),
    stratum: text('stratum').notNull(),
    aktif: integer('aktif').notNull().default(0),
    setCode: text('set_code').notNull(),
    setName: text('set_name').notNull(),
    reason: text('reason'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('posyandu_stratum_year').on(t.posyanduId, t.year)],
)


/**
 * When each row province bundles carry last arrived or changed in this database (a local
 * counter, filled by triggers; drizzle/0017): "since the last acknowledged bundle" for rows
 * relayed from a kecamatan, whose HLC is the kecamatan's.
 */
export const rowArrival = sqliteTable(
  'row_arrival',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
  },
  (t) => [uniqueIndex('row_arrival_row').on(t.tableName, t.rowId)],
)

/** An indicator set or report form a province offers its kabupaten/kota (one row per kind and code; version +1 per new offer). */
export const provinceOffer = sqliteTable(
  'province_offer',
  {
    ...travelling(),
    kind: text('kind', { enum: ['indicator_set', 'form'] }).notNull(),
    code: text('code').notNull(),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    definitionJson: text('definition_json').notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('province_offer_code').on(t.scope, t.kind, t.code)],
)

/** A kabupaten's answer to one offer: adopted (as its own set / form version) or kept its own. */
export const offerDecision = sqliteTable(
  'offer_decision',
  {
    ...travelling(),
    offerId: text('offer_id').notNull(),
    offerVersion: integer('offer_version').notNull(),
    decision: text('decision', { enum: ['adopted', 'kept'] }).notNull(),
    adoptedAs: text('adopted_as'),
    note: text('note'),
    decidedBy: text('decided_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('offer_decision_offer').on(t.scope, t.offerId)],
)
