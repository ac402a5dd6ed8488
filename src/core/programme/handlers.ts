import type { Ctx } from '../context'
import type { Handlers } from '../handlers'
import { deleteActivity, listActivities, saveActivity } from './activity'
import { ensureProgrammeDefaults } from './defaults'
import { posyanduOptions } from './posyandu'
import { exportReferrals, listPuskesos, savePuskesos } from './puskesos'
import { programmeReference, saveRefItem, saveSkpd } from './reference'
import { deleteProgramme, getProgramme, listProgrammes, programmeYears, saveProgramme } from './service'
import { programmeSummary } from './summary'

/** Every programme operation first makes sure this kabupaten's reference defaults are loaded (once). */
const ready = (ctx: Ctx) => (ensureProgrammeDefaults(ctx), ctx)

export const programmeHandlers = {
  'programme.reference': (i, ctx) => programmeReference(ready(ctx), i.includeInactive),
  'programme.refItemSave': (i, ctx) => saveRefItem(ready(ctx), i),
  'programme.skpdSave': (i, ctx) => saveSkpd(ready(ctx), i),
  'programme.posyanduOptions': (_i, ctx) => posyanduOptions(ctx),
  'programme.list': (i, ctx) => listProgrammes(ready(ctx), i),
  'programme.get': (i, ctx) => getProgramme(ready(ctx), i.id),
  'programme.save': (i, ctx) => saveProgramme(ready(ctx), i),
  'programme.delete': (i, ctx) => deleteProgramme(ctx, i.id),
  'programme.summary': (i, ctx) => programmeSummary(ready(ctx), i.fiscalYear),
  'programme.years': (_i, ctx) => programmeYears(ctx),
  'programme.activityList': (i, ctx) => listActivities(ready(ctx), i),
  'programme.activitySave': (i, ctx) => saveActivity(ready(ctx), i),
  'programme.activityDelete': (i, ctx) => deleteActivity(ctx, i.id),
  'programme.puskesosList': (i, ctx) => listPuskesos(ready(ctx), i),
  'programme.puskesosSave': (i, ctx) => savePuskesos(ready(ctx), i),
  'programme.puskesosExport': (i, ctx) => exportReferrals(ready(ctx), i),
} satisfies Partial<Handlers>
