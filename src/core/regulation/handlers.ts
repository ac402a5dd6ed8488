import type { Handlers } from '../handlers'
import { createRegulation, getRegulation, searchRegulations } from './service'

export const regulationHandlers = {
  'regulation.search': (i, ctx) => searchRegulations(ctx.sqlite, i.text, i.kind, i.limit),
  'regulation.get': (i, ctx) => getRegulation(ctx.sqlite, i.id),
  'regulation.create': (i, ctx) => createRegulation(ctx, i),
} satisfies Partial<Handlers>
