import type { Handlers } from '../handlers'
import { decideOffer, listOffers, offerDown } from './offers'
import { provinceSummary, provinceYears } from './service'

export const provinceHandlers = {
  'province.summary': (i, ctx) => provinceSummary(ctx, i.year, i.province),
  'province.years': (_i, ctx) => provinceYears(ctx),
  'province.offers': (_i, ctx) => listOffers(ctx),
  'province.offer': (i, ctx) => offerDown(ctx, i),
  'province.offerDecide': (i, ctx) => decideOffer(ctx, i),
} satisfies Partial<Handlers>
