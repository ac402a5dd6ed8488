import type { Handlers } from '../handlers'
import { attachmentPath, attachRegulationPdf, readAttachment } from './attachments'
import {
  createRegulation,
  getRegulation,
  regulationDependents,
  regulationDetail,
  searchRegulations,
  setRegulationStatus,
  updateRegulation,
} from './service'

export const regulationHandlers = {
  'regulation.search': (i, ctx) => searchRegulations(ctx.sqlite, i.text, i.kind, i.limit),
  'regulation.get': (i, ctx) => getRegulation(ctx.sqlite, i.id),
  'regulation.create': (i, ctx) => createRegulation(ctx, i),
  'regulation.update': ({ id, ...f }, ctx) => updateRegulation(ctx, id, f),
  'regulation.detail': (i, ctx) => regulationDetail(ctx, i.id),
  'regulation.dependents': (i, ctx) => regulationDependents(ctx.sqlite, i.id),
  'regulation.setStatus': (i, ctx) => setRegulationStatus(ctx, i.id, i.status, i.byId),
  'regulation.attach': (i, ctx) => attachRegulationPdf(ctx, i.id, i.fileName, i.base64),
  'regulation.attachment': (i, ctx) => readAttachment(ctx, i.id),
  'regulation.openAttachment': (i, ctx) => attachmentPath(ctx, i.id),
} satisfies Partial<Handlers>
