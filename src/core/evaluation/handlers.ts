import type { Handlers } from '../handlers'
import { monthlyDesa, monthlyYear, saveMonthly } from './monthly'
import { createPeriod, getPeriod, listPeriods, lockPeriod, saveScore, listScores } from './periods'
import { listPosyandu, resolveArea } from './posyandu'
import { buildPrintedReport, buildRecap, buildReport } from './report'
import { indicatorSet, indicatorSets, saveThresholds } from './sets'
import { cachedStrata } from './strata'
import { recapWorkbook, reportWorkbook } from './xlsx'

export const evaluationHandlers = {
  'evaluation.posyandu': (i, ctx) => listPosyandu(ctx.sqlite, resolveArea(ctx, i.area).code),
  'evaluation.monthlyYear': (i, ctx) => monthlyYear(ctx, i.posyanduId, i.year),
  'evaluation.monthlyDesa': (i, ctx) => monthlyDesa(ctx, i.desaCode, i.month),
  'evaluation.monthlySave': (i, ctx) => saveMonthly(ctx, i.items),
  'evaluation.indicatorSets': (_i, ctx) => indicatorSets(ctx.sqlite, ctx.office()?.wilayahCode ?? null),
  'evaluation.indicatorSetSave': (i, ctx) => saveThresholds(ctx, i.code, i.thresholds),
  'evaluation.strata': (i, ctx) => cachedStrata(ctx.sqlite, resolveArea(ctx, i.area), i.year, indicatorSet(ctx.sqlite, ctx.officeCode(), i.rules), { previousYear: false }),
  'evaluation.periodList': (_i, ctx) => listPeriods(ctx.sqlite),
  'evaluation.periodCreate': (i, ctx) => createPeriod(ctx, i),
  'evaluation.periodLock': (i, ctx) => lockPeriod(ctx, i.id, buildReport(ctx, { periodId: getPeriod(ctx.sqlite, i.id).id }).dataHash),
  'evaluation.scoreList': (i, ctx) => listScores(ctx, i.periodId),
  'evaluation.scoreSave': (i, ctx) => saveScore(ctx, i),
  'evaluation.report': (i, ctx) => buildReport(ctx, i),
  'evaluation.reportPrint': (i, ctx) => buildPrintedReport(ctx, i),
  'evaluation.recap': (i, ctx) => buildRecap(ctx, i.area, i.month),
  'evaluation.exportXlsx': async (i, ctx) => {
    if (i.kind === 'recap') {
      const r = buildRecap(ctx, i.area, i.month)
      return { fileName: `rekap-skdn-${r.area.code}-${r.month}.xlsx`, base64: (await recapWorkbook(r)).toString('base64') }
    }
    const r = buildReport(ctx, i)
    return { fileName: `evaluasi-posyandu-${r.area.code}-${r.year}.xlsx`, base64: (await reportWorkbook(r)).toString('base64') }
  },
} satisfies Partial<Handlers>
