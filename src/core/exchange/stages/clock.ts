import { AppError } from '../../../shared/result'
import { msg, type Loc } from '../../../shared/messages'
import { formatDateLong } from '../../../shared/format'
import type { Ctx } from '../../context'
import { parseHlc } from '../../sync/hlc'

/**
 * Clock safety: a received timestamp may run ahead of this office's clock by at most a day
 * (PCs drift, time zones differ). Anything further ahead — a sender's wrong date, or a
 * forged `999999999999999-999999` — is refused before it can move our clock, so nothing a
 * bundle carries can ever stop local saves.
 */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000

export function checkClaimedTime(ctx: Ctx, sender: { name: string; wilayah_code: string }, hlc: string): void {
  let ms: number
  try {
    ms = parseHlc(hlc).ms
  } catch {
    throw new AppError('BUNDLE_TAMPERED', msg('bundle.tampered', { why: msg('bundle.why.time') }))
  }
  const now = ctx.clock.now().getTime()
  if (ms > now + MAX_CLOCK_SKEW_MS) {
    const claimed = ms <= 253_402_300_799_999 ? bothDates(ms) : msg('bundle.impossibleYear')
    throw new AppError('BUNDLE_CLOCK_AHEAD', msg('bundle.clockAhead', { name: sender.name, code: sender.wilayah_code, claimed, today: bothDates(now) }))
  }
}

/** A date in words in both languages ("1 Desember 2026" / "1 December 2026"). */
function bothDates(ms: number): Loc {
  const iso = new Date(ms).toISOString().slice(0, 10)
  return { id: formatDateLong(iso), en: new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) }
}
