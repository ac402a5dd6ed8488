import type { OpName } from './index'

/**
 * Who may call what. Every operation of the contract names its roles here; the type
 * `{ [K in OpName]: ... }` makes a new operation without an entry a compile error, and
 * the dispatcher refuses anyone whose role is not listed. Screens use the same table
 * (`allowed`) to hide what a role cannot do.
 */
export const ROLES = ['admin', 'operator', 'verifikator', 'pptk', 'bendahara', 'evaluator', 'readonly'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Administrator',
  operator: 'Operator',
  verifikator: 'Verifikator',
  pptk: 'PPTK / Pimpinan',
  bendahara: 'Bendahara',
  evaluator: 'Evaluator',
  readonly: 'Hanya baca',
}

/** `public`: callable before anyone has logged in (first-run setup, login itself). */
export type RoleRule = 'public' | readonly Role[]

const ALL = ROLES
/** People who enter and change registry, programme and regulation data. */
const DATA = ['admin', 'operator'] as const
const ADMIN = ['admin'] as const
const EVAL = ['admin', 'evaluator'] as const
/** Honor data holds bank accounts and NPWP: not for the evaluation team. */
const HONOR_READ = ['admin', 'operator', 'verifikator', 'pptk', 'bendahara', 'readonly'] as const
const HONOR_WORK = ['admin', 'operator', 'verifikator', 'pptk', 'bendahara'] as const
/** Preparing a honor list (disusun) is the operator's job; checking, approving and paying are not. */
const HONOR_PREPARE = ['operator'] as const

export const opRoles: { readonly [K in OpName]: RoleRule } = {
  'app.info': 'public',
  'app.integrity': ALL,
  'app.diagnostics': ADMIN,
  'app.updateFromFile': ADMIN,
  'office.get': 'public',
  // Only while the database has no office; the service refuses it afterwards.
  'office.setup': 'public',
  // Letterhead, signatories and the update address: printed on every letter, and the
  // Electron main reads the update address before anyone logs in.
  'settings.get': 'public',
  'settings.set': DATA,
  // The setup screen chooses its wilayah before anyone exists to log in.
  'wilayah.children': 'public',
  'wilayah.get': 'public',
  'wilayah.search': 'public',
  'backup.list': ALL,
  'backup.create': ['admin', 'operator'],
  'backup.restore': ADMIN,
  'platform.printToPdf': ALL,
  'platform.upload': ALL,
  // The login screen switches language before anyone has logged in.
  'platform.setLanguage': 'public',

  'people.whoami': 'public',
  'people.login': 'public',
  'people.logout': 'public',
  // Only while the database has no user (an office set up before people existed).
  'people.firstAdmin': 'public',
  'people.recover': 'public',
  'people.list': ADMIN,
  'people.add': ADMIN,
  'people.update': ADMIN,
  'people.resetPassword': ADMIN,
  'people.changePassword': ALL,
  'people.auditLog': ['admin', 'verifikator', 'pptk', 'readonly'],

  'reportApproval.list': ALL,
  'reportApproval.submit': DATA,
  'reportApproval.approve': ['verifikator', 'pptk'],
  'reportApproval.reopen': ['verifikator', 'pptk'],
  'reportApproval.accept': ['verifikator', 'pptk'],
  'reportApproval.return': ['verifikator', 'pptk'],

  // Report forms (data sets) are kabupaten data, edited by whoever keeps the reports.
  'forms.list': ALL,
  'forms.get': ALL,
  'forms.preview': DATA,
  'forms.save': DATA,
  'forms.sheet': ALL,
  'forms.saveReports': DATA,
  'forms.completeness': ALL,
  'forms.quality': ALL,
  // The kecamatan's operator or verifier follows a finding up.
  'forms.mark': ['admin', 'operator', 'verifikator'],
  'forms.importPreview': DATA,
  'forms.importApply': DATA,

  'evaluation.posyandu': ALL,
  'evaluation.monthlyYear': ALL,
  'evaluation.monthlyDesa': ALL,
  'evaluation.monthlySave': DATA,
  'evaluation.indicatorSets': ALL,
  'evaluation.indicatorSetSave': EVAL,
  'evaluation.strata': ALL,
  'evaluation.periodList': ALL,
  'evaluation.periodCreate': EVAL,
  'evaluation.periodLock': EVAL,
  'evaluation.scoreList': ALL,
  'evaluation.scoreSave': EVAL,
  'evaluation.report': ALL,
  'evaluation.reportPrint': ALL,
  'evaluation.recap': ALL,
  'evaluation.exportXlsx': ALL,

  'exchange.officeCard': DATA,
  'exchange.cardPreview': ADMIN,
  'exchange.enrol': ADMIN,
  'exchange.peers': ALL,
  'exchange.revoke': ADMIN,
  'exchange.rekey': ADMIN,
  'exchange.bundleExport': DATA,
  'exchange.bundleOpen': DATA,
  'exchange.bundleDryRun': DATA,
  'exchange.bundleApply': DATA,
  'exchange.progress': DATA,
  'exchange.cancel': DATA,
  'exchange.history': ALL,
  'exchange.conflicts': ALL,
  'exchange.conflictReapply': DATA,
  'exchange.conflictDismiss': DATA,

  'honor.posyanduOptions': HONOR_READ,
  'honor.kaderSearch': HONOR_READ,
  'honor.personList': HONOR_READ,
  'honor.personSave': DATA,
  'honor.personDelete': DATA,
  'honor.assignmentList': HONOR_READ,
  'honor.assignmentSave': DATA,
  'honor.assignmentDelete': DATA,
  'honor.rateList': HONOR_READ,
  'honor.rateSave': DATA,
  'honor.rateDelete': DATA,
  'honor.listList': HONOR_READ,
  'honor.listCreate': HONOR_PREPARE,
  'honor.listGet': HONOR_READ,
  'honor.listDelete': HONOR_PREPARE,
  'honor.lineAdd': HONOR_PREPARE,
  'honor.lineRemove': HONOR_PREPARE,
  'honor.listRefresh': HONOR_PREPARE,
  'honor.verify': ['verifikator'],
  'honor.returnToDraft': ['verifikator', 'pptk'],
  'honor.finalise': ['pptk'],
  'honor.cancel': ['pptk'],
  'honor.markPaid': ['bendahara'],
  'honor.revise': HONOR_PREPARE,
  'honor.exportXlsx': HONOR_WORK,
  'honor.recap': HONOR_READ,
  'honor.taxPreview': HONOR_READ,

  'programme.reference': ALL,
  'programme.refItemSave': DATA,
  'programme.skpdSave': DATA,
  'programme.posyanduOptions': ALL,
  'programme.list': ALL,
  'programme.get': ALL,
  'programme.save': DATA,
  'programme.delete': DATA,
  'programme.summary': ALL,
  'programme.years': ALL,
  'programme.activityList': ALL,
  'programme.activitySave': DATA,
  'programme.activityDelete': DATA,
  'programme.puskesosList': ALL,
  'programme.puskesosSave': DATA,
  'programme.puskesosExport': DATA,

  'registry.places': ALL,
  'registry.nikCheck': ALL,
  'registry.posyanduList': ALL,
  'registry.posyanduGet': ALL,
  'registry.posyanduSave': DATA,
  'registry.posyanduDelete': DATA,
  'registry.kaderList': ALL,
  'registry.kaderGet': ALL,
  'registry.kaderSave': DATA,
  'registry.kaderDelete': DATA,
  'registry.auditFor': ALL,
  'registry.restore': DATA,
  'registry.duplicates': ALL,
  'registry.duplicateReview': DATA,
  'registry.importPreview': DATA,
  'registry.importApply': DATA,
  'registry.importErrors': DATA,
  'registry.exportXlsx': ['admin', 'operator', 'verifikator'],
  'registry.demo': ADMIN,
  'registry.kaderBulk': DATA,
  'registry.posyanduBulk': DATA,
  'province.summary': ALL,
  'province.years': ALL,
  'province.offers': ALL,
  'province.offer': EVAL,
  'province.offerDecide': EVAL,

  'regulation.search': ALL,
  'regulation.get': ALL,
  'regulation.create': DATA,
  'regulation.update': DATA,
  'regulation.detail': ALL,
  'regulation.dependents': ALL,
  'regulation.setStatus': DATA,
  'regulation.attach': DATA,
  'regulation.attachment': ALL,
  'regulation.openAttachment': ALL,
}

export const isPublicOp = (op: OpName): boolean => opRoles[op] === 'public'

/** May a person with this role call `op`? Public operations are open to everyone. */
export function allowed(role: Role | null | undefined, op: OpName): boolean {
  const rule = opRoles[op]
  if (rule === 'public') return true
  return !!role && rule.includes(role)
}

/** The roles named for an operation, for messages ("minta Bendahara"). */
export function rolesFor(op: OpName): readonly Role[] {
  const rule = opRoles[op]
  return rule === 'public' ? ROLES : rule
}
