import type { Handlers } from '../handlers'
import { provinceSummary, provinceYears } from './service'

export const provinceHandlers = {
  'province.summary': (i, ctx) => provinceSummary(ctx, i.year),
  'province.years': (_i, ctx) => provinceYears(ctx),
} satisfies Partial<Handlers>
