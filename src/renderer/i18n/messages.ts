import { MESSAGES_ID } from '../../shared/messages'

/**
 * Core's messages by key (namespace `msg`): the Indonesian templates are core's own
 * (src/shared/messages.ts), the English ones sit here beside them. A key whose message has a
 * number (`n`) has `_one`/`_other` English forms; the translator passes `n` as i18next's count.
 */
const en = {
  text: { min_one: 'at least {{n}} letter', min: 'at least {{n}} letters', max_one: 'at most {{n}} letter', max: 'at most {{n}} letters', json: 'not valid JSON' },
  date: { format: 'the date must be YYYY-MM-DD', calendar: 'this date does not exist in the calendar', timestamp: 'not a valid time', month: 'the month must be YYYY-MM' },
  id: { invalid: 'not a valid identifier' },
  flag: { invalid: 'must be 0 or 1' },
  count: { integer: 'must be a whole number', negative: 'cannot be negative', max: 'at most {{n}}' },
  rupiah: { integer: 'rupiah must be a whole number', max: 'the amount is not plausible' },
  year: { invalid: 'the year is not plausible' },
  wilayah: { desa: 'not a valid village code', code: 'not a valid area code' },
  sex: { invalid: 'sex must be L (male) or P (female)' },
  phone: { invalid: 'not a valid mobile number' },
  npwp: { chars: 'an NPWP has only digits, dots and hyphens', length: 'an NPWP has 15 or 16 digits' },
  account: { invalid: 'not a valid account number' },
  nik: {
    NIK_SCIENTIFIC: 'NIK "{{raw}}" is written in scientific notation (an Excel accident); its last digits are lost. Type the NIK again as text.',
    NIK_NOT_DIGITS: 'A NIK has digits only.',
    NIK_LENGTH_one: 'A NIK has 16 digits ({{n}} character typed).',
    NIK_LENGTH: 'A NIK has 16 digits ({{n}} characters typed).',
    NIK_DATE: 'The birth date inside the NIK is impossible ({{date}}).',
    NIK_SERIAL: 'The serial number of a NIK (last 4 digits) cannot be 0000.',
    NIK_REGION_FORM: 'The region code in a NIK (first 6 digits) cannot contain 00.',
    NIK_REGION_UNKNOWN: 'Region code {{code}} in the NIK is not in the Kemendagri reference.',
    NIK_BIRTH_MISMATCH: 'Birth date {{entered}} differs from the date in the NIK ({{nik}}).',
    NIK_SEX_MISMATCH: 'Sex {{enteredSex}} differs from the NIK ({{nikSex}}).',
    invalid: 'A NIK has 16 digits',
  },
  nip: {
    digits: 'A NIP has digits only',
    length_one: 'A NIP has 18 digits ({{n}} typed)',
    length: 'A NIP has 18 digits ({{n}} typed)',
    birth: 'The first eight digits of a NIP are the birth date (YYYYMMDD)',
    tmt: 'Digits 9 to 14 of a NIP are the appointment month (YYYYMM)',
    sex: 'Digit 15 of a NIP is the sex (1 or 2)',
    spaces: 'Write a NIP as 18 digits without spaces',
  },
  sexWord: { L: 'male', P: 'female' },
  policy: {
    scopeLevel: '{{table}} belongs to {{level}} offices only; area {{scope}} is not a {{level}}',
    create: 'office {{office}} may not add {{tableLower}} of area {{scope}}',
    change: 'office {{office}} may not change {{tableLower}} of area {{scope}}',
    delete: 'office {{office}} may not delete {{tableLower}} of area {{scope}}',
    level: { provinsi: 'province', kabupaten: 'district', kecamatan: 'subdistrict', any: 'any' },
  },
  op: {
    unknown: 'Unknown operation: {{name}}',
    unauthenticated: 'Please log in first.',
    forbidden: 'You are logged in as {{role}}; this role may not run "{{op}}". Who may: {{who}}.',
    invalidInput: 'Some fields are not valid — {{issues}}',
    dbBusy: 'The database is busy with a long job (a bundle or spreadsheet import). Wait until it is done, then save again; nothing was changed.',
    noOffice: 'The office is not set up yet. Finish the first-run setup first.',
    notAllowed: 'Not allowed: {{why}}.',
    notFoundRow: 'Record not found ({{table}}).',
    invalidRow: '{{table}}{{label}} cannot be saved: {{problems}}.',
    problem: '{{column}}: {{text}}',
  },
  registry: {
    sameNik: 'This NIK is already used by cadre {{name}} (Subdistrict {{kec}}); it will be marked as a duplicate to check.',
    sameName: 'There is already a cadre {{name}} with the same birth date (NIK {{nik}}, Subdistrict {{kec}}); it will be marked as a duplicate to check.',
    plain: '{{text}}',
  },
  notFound: {
    posyandu: 'Posyandu not found (it may have been deleted).',
    period: 'Evaluation period not found.',
    periodPosyandu: 'This posyandu is not in the area of this period.',
    pendamping: 'Facilitator not found.',
    user: 'User not found.',
    conflict: 'Conflict not found.',
    reference: 'Reference item not found.',
    deleted: 'This record has been deleted.',
  },
}

export const messages = { id: MESSAGES_ID, en }
