import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

export const posyandu = sqliteTable(
  'posyandu',
  {
    ...travelling(),
    name: text('name').notNull(),
    desaCode: text('desa_code').notNull(),
    address: text('address'),
    rt: text('rt'),
    rw: text('rw'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    yearFounded: integer('year_founded'),
    kemendagriNumber: text('kemendagri_number'),
    isPhiModel: integer('is_phi_model').notNull().default(0),
    phiRegulationId: text('phi_regulation_id'),
    /** The decree naming it a PHI model, as written (e.g. "Kepbup 154/060/2014"), until regulations are linked. */
    phiDecree: text('phi_decree'),
    isIlp: integer('is_ilp').notNull().default(0),
    isSpmPilot: integer('is_spm_pilot').notNull().default(0),
    status: text('status', { enum: ['aktif', 'nonaktif'] }).notNull().default('aktif'),
    statusDate: text('status_date'),
    statusReason: text('status_reason'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('posyandu_desa').on(t.desaCode), index('posyandu_scope').on(t.scope)],
)

export const kader = sqliteTable(
  'kader',
  {
    ...travelling(),
    nik: text('nik').notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['L', 'P'] }).notNull(),
    birthDate: text('birth_date'),
    birthPlace: text('birth_place'),
    phone: text('phone'),
    education: text('education'),
    role: text('role', { enum: ['ketua', 'sekretaris', 'bendahara', 'anggota'] }).notNull().default('anggota'),
    activeFrom: text('active_from'),
    activeTo: text('active_to'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('kader_nik').on(t.nik), index('kader_scope').on(t.scope)],
)

/** A kader serves one or more posyandu over time. */
export const kaderPosyandu = sqliteTable(
  'kader_posyandu',
  {
    ...travelling(),
    kaderId: text('kader_id').notNull(),
    posyanduId: text('posyandu_id').notNull(),
    fromDate: text('from_date'),
    toDate: text('to_date'),
  },
  (t) => [index('kader_posyandu_kader').on(t.kaderId), index('kader_posyandu_posyandu').on(t.posyanduId)],
)

export const kaderTraining = sqliteTable(
  'kader_training',
  {
    ...travelling(),
    kaderId: text('kader_id').notNull(),
    name: text('name').notNull(),
    year: integer('year'),
    organiser: text('organiser'),
  },
  (t) => [index('kader_training_kader').on(t.kaderId)],
)

/**
 * A person's decision that a group of possible duplicates are different people. It holds
 * for exactly these members: when another kader joins the group, it is shown again.
 */
export const duplicateReview = sqliteTable(
  'duplicate_review',
  {
    ...travelling(),
    groupKey: text('group_key').notNull(),
    membersHash: text('members_hash').notNull(),
    decision: text('decision', { enum: ['berbeda'] }).notNull().default('berbeda'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('duplicate_review_group').on(t.groupKey)],
)
