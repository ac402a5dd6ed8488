import type { FormDef } from '../../shared/forms/form'
import type { Handlers } from '../handlers'
import { getForm, listForms, previewForm, saveForm } from './definitions'
import { formSheet, saveFormReports } from './reports'
import { completeness } from './completeness'
import { setMark } from './marks'
import { quality } from './quality'
import { applyFormImport, previewFormImport } from './sheet-import'

export const formsHandlers = {
  'forms.list': (_i, ctx) => listForms(ctx.sqlite, ctx.office()?.wilayahCode ?? null),
  'forms.get': (i, ctx) => getForm(ctx.sqlite, ctx.office()?.wilayahCode ?? null, i.code, i.version),
  'forms.preview': (i, ctx) => previewForm(ctx, i.form as FormDef),
  'forms.save': (i, ctx) => saveForm(ctx, i.form as FormDef),
  'forms.sheet': (i, ctx) => formSheet(ctx, i.code, i.period, i.area),
  'forms.saveReports': (i, ctx) => saveFormReports(ctx, i.code, i.items),
  'forms.completeness': (i, ctx) => completeness(ctx, i.code, i.period, i.area),
  'forms.quality': (i, ctx) => quality(ctx, i.code, i.year, i.area),
  'forms.mark': (i, ctx) => setMark(ctx, i),
  'forms.importPreview': (i, ctx) => previewFormImport(ctx, i.code, i.period, Buffer.from(i.base64, 'base64'), i.mapping),
  'forms.importApply': (i, ctx) => applyFormImport(ctx, i.code, i.period, Buffer.from(i.base64, 'base64'), i.mapping, i.validOnly),
} satisfies Partial<Handlers>
