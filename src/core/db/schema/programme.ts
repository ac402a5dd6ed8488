import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

/**
 * Reference lists that differ per kabupaten and are edited there: the five PHI parts and
 * their activities, the six SPM fields, target groups, ILP life stages, Puskesos complaint
 * categories. Shipped as defaults (src/core/programme/defaults.ts), loaded once per database
 * with kabupaten scope and deterministic ids, so every office's copy of a default is one row.
 */
export const refItem = sqliteTable(
  'ref_item',
  {
    ...travelling(),
    /** phi_part | phi_activity | spm_field | target_group | life_stage | puskesos_category */
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    /** phi_activity → its PHI part; target_group → its ILP life stage. */
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    description: text('description'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('ref_item_kind').on(t.scope, t.kind, t.code)],
)

/** The regional agencies (SKPD/OPD) that supervise and fund posyandu work. */
export const skpd = sqliteTable(
  'skpd',
  {
    ...travelling(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    responsibilities: text('responsibilities'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: integer('active').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('skpd_scope').on(t.scope, t.code)],
)

/** An SKPD's programme in one fiscal year, with money in integer rupiah. */
export const programme = sqliteTable(
  'programme',
  {
    ...travelling(),
    skpdId: text('skpd_id').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    name: text('name').notNull(),
    phiPart: text('phi_part'),
    spmField: text('spm_field'),
    /** JSON array of target_group codes. */
    targetGroups: text('target_groups').notNull().default('[]'),
    fundingSource: text('funding_source').notNull(),
    budget: integer('budget').notNull().default(0),
    realisation: integer('realisation').notNull().default(0),
    regulationId: text('regulation_id'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('programme_year').on(t.fiscalYear, t.skpdId), index('programme_regulation').on(t.regulationId)],
)

/** Posyandu a programme reaches (many per programme); tombstoned when removed. */
export const programmePosyandu = sqliteTable(
  'programme_posyandu',
  {
    ...travelling(),
    programmeId: text('programme_id').notNull(),
    posyanduId: text('posyandu_id').notNull(),
  },
  (t) => [index('programme_posyandu_programme').on(t.programmeId), index('programme_posyandu_posyandu').on(t.posyanduId)],
)

/** What happened at a posyandu beyond the monthly weighing: one line of its activity log. */
export const posyanduActivity = sqliteTable(
  'posyandu_activity',
  {
    ...travelling(),
    posyanduId: text('posyandu_id').notNull(),
    date: text('date').notNull(),
    phiPart: text('phi_part'),
    spmField: text('spm_field'),
    what: text('what').notNull(),
    /** JSON object target_group code → number of participants. */
    participants: text('participants').notNull().default('{}'),
    skpdId: text('skpd_id'),
    /** An agency not in the SKPD list (Baznas, a company's CSR, the PKK). */
    agencyOther: text('agency_other'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('posyandu_activity_posyandu').on(t.posyanduId, t.date)],
)

/** One person served at the Puskesos desk of a posyandu, and where they were referred. */
export const puskesosService = sqliteTable(
  'puskesos_service',
  {
    ...travelling(),
    posyanduId: text('posyandu_id').notNull(),
    date: text('date').notNull(),
    category: text('category').notNull(),
    personName: text('person_name'),
    nik: text('nik'),
    complaint: text('complaint'),
    referredSkpdId: text('referred_skpd_id'),
    referredOther: text('referred_other'),
    followUpStatus: text('follow_up_status', { enum: ['baru', 'dirujuk', 'ditindaklanjuti', 'selesai'] }).notNull().default('baru'),
    followUpNote: text('follow_up_note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('puskesos_service_posyandu').on(t.posyanduId, t.date)],
)
