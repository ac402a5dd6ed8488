import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { travelling } from './columns'

/**
 * Pendamping and their honoraria (issue #6). Kabupaten master data: scope = kabupaten
 * code. Decrees are `regulation_id`. Lines keep a snapshot of the person and the
 * posyandu so a final list reads the same forever; triggers in 0005_honor.sql refuse
 * changes to a final or paid list and its lines.
 */
export const pendampingPerson = sqliteTable(
  'pendamping_person',
  {
    ...travelling(),
    kaderId: text('kader_id'),
    nik: text('nik').notNull(),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['L', 'P'] }).notNull(),
    address: text('address'),
    phone: text('phone'),
    education: text('education'),
    npwp: text('npwp'),
    /** NIK validated as NPWP (since 2024). */
    nikAsNpwp: integer('nik_as_npwp').notNull().default(0),
    bankName: text('bank_name'),
    accountNumber: text('account_number'),
    accountHolder: text('account_holder'),
    isPns: integer('is_pns').notNull().default(0),
    golongan: text('golongan', { enum: ['I', 'II', 'III', 'IV'] }),
    nip: text('nip'),
    /** Tax rule chosen for this person (tax-rules.json code). */
    taxRule: text('tax_rule', { enum: ['bukan_pegawai', 'pns_final', 'tanpa_potongan'] }).notNull().default('bukan_pegawai'),
    taxReason: text('tax_reason'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('pendamping_person_nik').on(t.nik)],
)

export const pendampingAssignment = sqliteTable(
  'pendamping_assignment',
  {
    ...travelling(),
    personId: text('person_id').notNull(),
    posyanduId: text('posyandu_id').notNull(),
    role: text('role').notNull().default('pendamping'),
    regulationId: text('regulation_id'),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date'),
    notes: text('notes'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('pendamping_assignment_person').on(t.personId), index('pendamping_assignment_posyandu').on(t.posyanduId)],
)

export const honorRate = sqliteTable('honor_rate', {
  ...travelling(),
  role: text('role').notNull().default('pendamping'),
  /** Rupiah per month. */
  amount: integer('amount').notNull(),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
  regulationId: text('regulation_id'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
})

export const honorList = sqliteTable(
  'honor_list',
  {
    ...travelling(),
    /** Given at finalisation, e.g. "003/HONOR/2026". */
    number: text('number'),
    title: text('title').notNull(),
    periodKind: text('period_kind', { enum: ['bulan', 'triwulan', 'kustom'] }).notNull(),
    /** First and last month, YYYY-MM. */
    monthFrom: text('month_from').notNull(),
    monthTo: text('month_to').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    subKegiatanCode: text('sub_kegiatan_code').notNull(),
    subKegiatanName: text('sub_kegiatan_name').notNull(),
    /** disusun → diverifikasi → disetujui (final) → dibayar; or a final list dibatalkan (issue 13). */
    status: text('status', { enum: ['draft', 'verified', 'final', 'paid', 'cancelled'] }).notNull().default('draft'),
    finalisedAt: text('finalised_at'),
    /** Frozen at finalisation: the database refuses lines beyond this count. */
    lineCount: integer('line_count'),
    totalGross: integer('total_gross'),
    totalTax: integer('total_tax'),
    totalNet: integer('total_net'),
    paidDate: text('paid_date'),
    paymentRef: text('payment_ref'),
    revisionOf: text('revision_of'),
    revisionNo: integer('revision_no').notNull().default(0),
    revisionReason: text('revision_reason'),
    partialMonthRule: text('partial_month_rule', { enum: ['full', 'prorate'] }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    // Who did each step (app_user id, and the name as it was, for print and audit).
    preparedBy: text('prepared_by'),
    preparedByName: text('prepared_by_name'),
    verifiedAt: text('verified_at'),
    verifiedBy: text('verified_by'),
    verifiedByName: text('verified_by_name'),
    approvedBy: text('approved_by'),
    approvedByName: text('approved_by_name'),
    paidBy: text('paid_by'),
    paidByName: text('paid_by_name'),
    cancelledAt: text('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    cancelledByName: text('cancelled_by_name'),
    cancelReason: text('cancel_reason'),
    /** Why a verifier or PPTK sent the list back to its preparer. */
    returnNote: text('return_note'),
  },
  (t) => [index('honor_list_year').on(t.fiscalYear)],
)

export const honorLine = sqliteTable(
  'honor_line',
  {
    ...travelling(),
    listId: text('list_id').notNull(),
    personId: text('person_id').notNull(),
    assignmentId: text('assignment_id'),
    posyanduId: text('posyandu_id').notNull(),
    rateId: text('rate_id'),
    // Snapshot for printing.
    personName: text('person_name').notNull(),
    nik: text('nik').notNull(),
    npwp: text('npwp'),
    posyanduName: text('posyandu_name').notNull(),
    desaName: text('desa_name').notNull(),
    kecamatanCode: text('kecamatan_code').notNull(),
    kecamatanName: text('kecamatan_name').notNull(),
    bankName: text('bank_name'),
    accountNumber: text('account_number'),
    accountHolder: text('account_holder'),
    monthFrom: text('month_from').notNull(),
    monthTo: text('month_to').notNull(),
    /** Months paid; fractional when a partial month is prorated. */
    months: real('months').notNull(),
    rate: integer('rate').notNull(),
    gross: integer('gross').notNull(),
    tax: integer('tax').notNull(),
    net: integer('net').notNull(),
    taxRule: text('tax_rule').notNull(),
    taxBasis: text('tax_basis').notNull(),
    note: text('note'),
    /** Why a line was added or removed by hand in a draft. */
    changeReason: text('change_reason'),
    sortNo: integer('sort_no').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('honor_line_list').on(t.listId), index('honor_line_person').on(t.personId)],
)
