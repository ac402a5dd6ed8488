import type { Handlers } from '../handlers'
import { provinceSummary } from './service'

export const provinceHandlers = {
  'province.summary': (i, ctx) => provinceSummary(ctx, i.year),
} satisfies Partial<Handlers>
