import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

/**
 * One posyandu's report for one month (SKDN and services). Scope = the posyandu's
 * kecamatan. One live row per posyandu and month (partial unique index in the migration);
 * the id is derived from posyandu and month so two offices entering the same month
 * meet on the same row. `held` 1 = open day held, 0 = marked "tidak buka".
 */
export const monthlyReport = sqliteTable(
  'monthly_report',
  {
    ...travelling(),
    posyanduId: text('posyandu_id').notNull(),
    month: text('month').notNull(),
    held: integer('held').notNull(),
    openDate: text('open_date'),
    kaderOnDuty: integer('kader_on_duty'),
    s: integer('s'),
    k: integer('k'),
    d: integer('d'),
    n: integer('n'),
    t: integer('t'),
    o: integer('o'),
    b: integer('b'),
    bgm: integer('bgm'),
    stuntingFound: integer('stunting_found'),
    stuntingReferred: integer('stunting_referred'),
    bumil: integer('bumil'),
    bumilTarget: integer('bumil_target'),
    k4: integer('k4'),
    bayiTarget: integer('bayi_target'),
    imunisasi: integer('imunisasi'),
    pus: integer('pus'),
    kb: integer('kb'),
    vitA: integer('vit_a'),
    pmt: integer('pmt'),
    /** Additional programme codes, comma-separated (peduli,sehat,spm-sosial). */
    programmes: text('programmes'),
    danaSehat: integer('dana_sehat'),
    kk: integer('kk'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Version of the SKDN form the month was entered on (rows from before forms: 1). */
    formVersion: integer('form_version').notNull().default(1),
    /** Values of fields a kabupaten added to the SKDN form (JSON, key → value). */
    extraJson: text('extra_json'),
  },
  (t) => [index('monthly_report_month').on(t.month), index('monthly_report_scope').on(t.scope)],
)

/**
 * A kabupaten's edited copy of a built-in indicator set (thresholds changed without code),
 * or its own set. Scope = the kabupaten. `definition_json` is the whole set.
 */
export const indicatorSet = sqliteTable('indicator_set', {
  ...travelling(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  definitionJson: text('definition_json').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/**
 * An evaluation period: which indicator set, which area, who evaluates; open → locked.
 * On locking the set is copied into `indicator_set_json` so later threshold edits do not
 * change a locked evaluation. Locked periods refuse changes (triggers in the migration).
 */
export const evaluationPeriod = sqliteTable('evaluation_period', {
  ...travelling(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  indicatorSetCode: text('indicator_set_code').notNull(),
  indicatorSetJson: text('indicator_set_json'),
  areaCode: text('area_code').notNull(),
  evaluators: text('evaluators'),
  status: text('status', { enum: ['open', 'locked'] }).notNull().default('open'),
  lockedAt: text('locked_at'),
  lockedBy: text('locked_by'),
  dataHash: text('data_hash'),
  notes: text('notes'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/** Manual scores of qualitative items (per period, posyandu and item), with notes. */
export const evaluationScore = sqliteTable(
  'evaluation_score',
  {
    ...travelling(),
    periodId: text('period_id').notNull(),
    posyanduId: text('posyandu_id').notNull(),
    item: text('item').notNull(),
    score: real('score').notNull(),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('evaluation_score_period').on(t.periodId)],
)
