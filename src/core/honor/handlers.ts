import type { Handlers } from '../handlers'
import { addLine, cancelList, createList, deleteList, finaliseList, returnToDraft, verifyList, getList, listLists, markPaid, recap, refreshLines, removeLine, reviseList } from './lists'
import { deleteAssignment, deletePerson, deleteRate, listAssignments, listPersons, listRates, posyanduOptions, saveAssignment, savePerson, saveRate, searchKader } from './service'
import { computePph21 } from './tax'
import { honorListWorkbook } from './xlsx'
import { isoDate } from '../clock'

export const honorHandlers = {
  'honor.posyanduOptions': (_i, ctx) => posyanduOptions(ctx),
  'honor.kaderSearch': (i, ctx) => searchKader(ctx, i.text),
  'honor.personList': (i, ctx) => listPersons(ctx, i.text),
  'honor.personSave': (i, ctx) => savePerson(ctx, i),
  'honor.personDelete': (i, ctx) => deletePerson(ctx, i.id),
  'honor.assignmentList': (i, ctx) => listAssignments(ctx, i.personId),
  'honor.assignmentSave': (i, ctx) => saveAssignment(ctx, i),
  'honor.assignmentDelete': (i, ctx) => deleteAssignment(ctx, i.id),
  'honor.rateList': (_i, ctx) => listRates(ctx),
  'honor.rateSave': (i, ctx) => saveRate(ctx, i),
  'honor.rateDelete': (i, ctx) => deleteRate(ctx, i.id),
  'honor.listList': (i, ctx) => listLists(ctx, i.year),
  'honor.listCreate': (i, ctx) => createList(ctx, i),
  'honor.listGet': (i, ctx) => getList(ctx, i.id),
  'honor.listDelete': (i, ctx) => deleteList(ctx, i.id),
  'honor.lineAdd': (i, ctx) => addLine(ctx, i),
  'honor.lineRemove': (i, ctx) => removeLine(ctx, i.lineId, i.reason),
  'honor.listRefresh': (i, ctx) => refreshLines(ctx, i.id),
  'honor.verify': (i, ctx) => verifyList(ctx, i.id),
  'honor.returnToDraft': (i, ctx) => returnToDraft(ctx, i.id, i.reason),
  'honor.finalise': (i, ctx) => finaliseList(ctx, i.id),
  'honor.cancel': (i, ctx) => cancelList(ctx, i.id, i.reason),
  'honor.markPaid': (i, ctx) => markPaid(ctx, i.id, i.paidDate, i.paymentRef),
  'honor.revise': (i, ctx) => reviseList(ctx, i.id, i.reason),
  'honor.exportXlsx': async (i, ctx) => {
    const { fileName, buffer } = await honorListWorkbook(ctx, i.id)
    return { fileName, base64: buffer.toString('base64') }
  },
  'honor.recap': (i, ctx) => recap(ctx, i.year),
  'honor.taxPreview': (i, _ctx) => computePph21({ gross: i.gross, rule: i.rule, hasNpwp: i.hasNpwp, golongan: i.golongan, reason: i.reason, date: i.date ?? isoDate(_ctx.clock.now()) }),
} satisfies Partial<Handlers>
