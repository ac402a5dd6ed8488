import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

/**
 * One version of a report form (data set): sections, fields, rules and indicators in
 * `definition_json` (src/shared/forms/form.ts). Scope = the kabupaten that owns it; it
 * travels down to its kecamatan. A changed form is a new version row; old versions stay,
 * because values keep the version they were entered with.
 */
export const formDefinition = sqliteTable('form_definition', {
  ...travelling(),
  code: text('code').notNull(),
  version: integer('version').notNull(),
  periodType: text('period_type', { enum: ['monthly', 'yearly'] }).notNull(),
  name: text('name').notNull(),
  definitionJson: text('definition_json').notNull(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

/**
 * One posyandu's report on one form for one period (YYYY-MM or YYYY), with the form version
 * it was entered on. Scope = the posyandu's kecamatan. The id is derived from form, posyandu
 * and period so two offices entering the same report meet on the same row. `created_at` is
 * when it was first entered (timeliness). SKDN keeps its own table, monthly_report.
 */
export const formReport = sqliteTable(
  'form_report',
  {
    ...travelling(),
    formCode: text('form_code').notNull(),
    formVersion: integer('form_version').notNull(),
    posyanduId: text('posyandu_id').notNull(),
    period: text('period').notNull(),
    valuesJson: text('values_json').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('form_report_period').on(t.formCode, t.period)],
)

/**
 * A follow-up mark on one data-quality finding: a rule violation (`kind` rule, `subject` the
 * rule id) or an outlier (`kind` outlier, `subject` the field key) of one posyandu's report
 * for one period. Scope = the posyandu's kecamatan, which owns it; the kabupaten sees it. The
 * id is derived from the finding, so two PCs marking the same finding meet on one row; it
 * stays when the finding is gone (the report was corrected), as its history.
 */
export const qualityMark = sqliteTable(
  'quality_mark',
  {
    ...travelling(),
    formCode: text('form_code').notNull(),
    posyanduId: text('posyandu_id').notNull(),
    period: text('period').notNull(),
    kind: text('kind', { enum: ['rule', 'outlier'] }).notNull(),
    subject: text('subject').notNull(),
    status: text('status', { enum: ['checked', 'fixed', 'follow_up'] }).notNull(),
    note: text('note'),
    /** The finding as it read when marked ("D (120) tidak boleh lebih dari S (100)"). */
    finding: text('finding').notNull(),
    markedAt: text('marked_at').notNull(),
    markedBy: text('marked_by'),
    markedByName: text('marked_by_name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('quality_mark_finding').on(t.formCode, t.posyanduId, t.period, t.kind, t.subject), index('quality_mark_period').on(t.formCode, t.period)],
)
