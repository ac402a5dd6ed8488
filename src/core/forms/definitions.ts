import type Database from 'better-sqlite3'
import { v5 as uuidv5 } from 'uuid'
import { BUILTIN_FORMS, builtinForm } from '../../shared/forms/builtin'
import { canonical, describeChanges } from '../../shared/forms/diff'
import { checkForm, compileForm, type CompiledForm, type FormDef, type FormProblem, type Texts } from '../../shared/forms/form'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow } from '../db/rows'
import { kabupatenOf } from '../evaluation/sets'
import { msg } from '../../shared/messages'

const FORM_NS = '0b6f6a52-2d0e-4c64-9d7c-5a1f3e9b2c71'
/** One id per owner, code and version, so two PCs of one kabupaten saving the same version meet on one row. */
export const formDefinitionId = (scope: string, code: string, version: number) => uuidv5(`${scope}|${code}|${version}`, FORM_NS)

export interface FormInfo {
  form: FormDef
  /** Who the version in force comes from: the shipped file or the kabupaten (its scope). */
  owner: 'bawaan' | string
  versions: number[]
}

interface DefRow {
  scope: string
  code: string
  version: number
  definition_json: string
}

/** Every stored version of the kabupaten's forms, newest first per code. */
function storedVersions(sqlite: Database.Database, officeCode: string | null): DefRow[] {
  if (!officeCode) return []
  return sqlite
    .prepare(`SELECT scope, code, version, definition_json FROM form_definition WHERE scope = ? AND deleted_at IS NULL ORDER BY code, version DESC`)
    .all(kabupatenOf(officeCode)) as DefRow[]
}

/** The forms in force at this office: each code's newest version (the kabupaten's when it saved one). */
export function listForms(sqlite: Database.Database, officeCode: string | null): FormInfo[] {
  const stored = storedVersions(sqlite, officeCode)
  const codes = [...new Set([...BUILTIN_FORMS.map((f) => f.code), ...stored.map((r) => r.code)])]
  return codes.map((code) => {
    const rows = stored.filter((r) => r.code === code)
    const builtin = builtinForm(code)
    const versions = [...new Set([...rows.map((r) => r.version), ...(builtin ? [builtin.version] : [])])].sort((a, b) => a - b)
    const newest = rows[0]
    if (newest && (!builtin || newest.version >= builtin.version)) return { form: JSON.parse(newest.definition_json) as FormDef, owner: newest.scope, versions }
    return { form: builtin!, owner: 'bawaan', versions }
  })
}

/** One form: its newest version, or the given one (values keep the version they were entered on). */
export function getForm(sqlite: Database.Database, officeCode: string | null, code: string, version?: number): FormDef {
  const info = listForms(sqlite, officeCode).find((f) => f.form.code === code)
  if (!info) throw new AppError('FORM_UNKNOWN', msg('forms.unknown', { code, list: listForms(sqlite, officeCode).map((f) => f.form.code).join(', ') }))
  if (version === undefined || version === info.form.version) return info.form
  const row = storedVersions(sqlite, officeCode).find((r) => r.code === code && r.version === version)
  if (row) return JSON.parse(row.definition_json) as FormDef
  const builtin = builtinForm(code)
  if (builtin && builtin.version === version) return builtin
  throw new AppError('FORM_VERSION_UNKNOWN', msg('forms.versionUnknown', { code, version, list: info.versions.join(', ') }))
}

/** Compiled forms are cached by their definition text: expressions are parsed once. */
const compiledCache = new Map<string, CompiledForm>()
export function compiled(form: FormDef): CompiledForm {
  const key = JSON.stringify(form)
  let c = compiledCache.get(key)
  if (!c) {
    if (compiledCache.size > 200) compiledCache.clear()
    compiledCache.set(key, (c = compileForm(form)))
  }
  return c
}

/** The change list a kabupaten confirms before saving (what kecamatan offices will see). */
export function previewForm(ctx: Ctx, def: FormDef): { version: number; changes: Texts[]; problems: FormProblem[] } {
  const current = listForms(ctx.sqlite, ctx.officeCode()).find((f) => f.form.code === def.code)?.form ?? null
  const version = current ? current.version + 1 : 1
  const next = { ...def, version }
  return { version, changes: describeChanges(current, next), problems: checkForm(next) }
}

/**
 * Saves a form as its next version. Only the kabupaten owns forms (they travel to its
 * kecamatan); every expression is parsed and checked here, so a malformed rule is refused
 * when the form is saved, never when data is entered.
 */
export function saveForm(ctx: Ctx, def: FormDef): { form: FormDef; changes: Texts[] } {
  const office = ctx.requireOffice()
  if (office.level !== 'kabupaten') throw new AppError('KABUPATEN_ONLY', msg('refusal.formsKabupaten'))
  const { version, changes, problems } = previewForm(ctx, def)
  if (problems.length) throw new AppError('FORM_INVALID', msg('forms.invalid', { problems: problems.map((p) => p.msg) }), problems)
  const current = listForms(ctx.sqlite, office.wilayahCode).find((f) => f.form.code === def.code)?.form
  if (current && canonical({ ...current, version: 0, storage: undefined }) === canonical({ ...def, version: 0, storage: undefined })) {
    throw new AppError('FORM_UNCHANGED', msg('forms.unchanged', { code: def.code }))
  }
  const form: FormDef = { ...def, version, storage: current?.storage ?? (def.storage === 'monthly_report' ? 'form_report' : def.storage ?? 'form_report') }
  insertRow(
    ctx,
    'form_definition',
    { code: form.code, version, period_type: form.periodType, name: form.name.id, definition_json: JSON.stringify(form) },
    { id: formDefinitionId(office.wilayahCode, form.code, version), scope: office.wilayahCode },
  )
  return { form, changes }
}
