import { generateDemo } from '../demo'
import type { Handlers } from '../handlers'
import { placesInArea, officeArea } from './area'
import { auditFor, findDuplicates, restore, reviewDuplicates } from './audit'
import { bulkKader, deleteKader, getKader, listKader, saveKader } from './kader'
import { checkNik } from './nik'
import { bulkPosyandu, deletePosyandu, getPosyandu, listPosyandu, savePosyandu } from './posyandu'
import { applyImport, exportList, importErrorReport, previewImport } from './xlsx'

const bytes = (b64: string) => Buffer.from(b64, 'base64')

export const registryHandlers = {
  'registry.places': (_i, ctx) => placesInArea(ctx.sqlite, officeArea(ctx)),
  'registry.nikCheck': (i, ctx) => checkNik(ctx.sqlite, ctx.clock, i.nik, { birthDate: i.birthDate, sex: i.sex }),
  'registry.posyanduList': (i, ctx) => listPosyandu(ctx, i),
  'registry.posyanduGet': (i, ctx) => getPosyandu(ctx, i.id),
  'registry.posyanduSave': (i, ctx) => savePosyandu(ctx, i.id, i.data),
  'registry.posyanduDelete': (i, ctx) => deletePosyandu(ctx, i.id),
  'registry.kaderList': (i, ctx) => listKader(ctx, i),
  'registry.kaderGet': (i, ctx) => getKader(ctx, i.id),
  'registry.kaderSave': (i, ctx) => saveKader(ctx, i.id, i.data, i.acceptWarnings),
  'registry.kaderDelete': (i, ctx) => deleteKader(ctx, i.id),
  'registry.kaderBulk': (i, ctx) => bulkKader(ctx, i),
  'registry.posyanduBulk': (i, ctx) => bulkPosyandu(ctx, i),
  'registry.auditFor': (i, ctx) => auditFor(ctx, i.table, i.id),
  'registry.restore': (i, ctx) => restore(ctx, i.table, i.id),
  'registry.duplicates': (i, ctx) => findDuplicates(ctx, i.limit),
  'registry.duplicateReview': (i, ctx) => reviewDuplicates(ctx, i),
  // One transaction around the demo's batches: a cancelled or failed demo leaves the file as it was.
  'registry.demo': (i, ctx) => {
    const { scale, seed, counts, ms } = ctx.sqlite.transaction(() => generateDemo(ctx, { scale: i.scale, seed: i.seed }))()
    return { scale, seed, counts, ms }
  },
  'registry.importPreview': (i, ctx) => previewImport(ctx, i.kind, bytes(i.fileBase64), i.mapping),
  'registry.importApply': (i, ctx) => applyImport(ctx, i.kind, bytes(i.fileBase64), i.mapping, i.validOnly),
  'registry.importErrors': (i, ctx) => importErrorReport(ctx, i.kind, bytes(i.fileBase64), i.mapping),
  'registry.exportXlsx': (i, ctx) => exportList(ctx, i),
} satisfies Partial<Handlers>
