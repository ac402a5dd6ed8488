import { AppError } from '../../../shared/result'
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
    throw new AppError('BUNDLE_TAMPERED', `Berkas bundel rusak atau telah diubah (waktu perubahan tidak sah). Berkas ditolak; tidak ada data yang diubah. Minta kiriman ulang.`)
  }
  const now = ctx.clock.now().getTime()
  if (ms > now + MAX_CLOCK_SKEW_MS) {
    const claimed = ms <= 253_402_300_799_999 ? formatDateLong(new Date(ms).toISOString().slice(0, 10)) : 'tahun yang tidak mungkin'
    throw new AppError(
      'BUNDLE_CLOCK_AHEAD',
      `Bundel dari ${sender.name} (${sender.wilayah_code}) memuat perubahan bertanggal ${claimed}, lebih dari sehari setelah tanggal komputer ini (${formatDateLong(new Date(now).toISOString().slice(0, 10))}). ` +
        'Minta kantor itu membetulkan tanggal dan jam komputernya, lalu membuat bundel baru. Jika tanggal komputer ini yang salah, betulkan dulu. Tidak ada data yang diubah.',
    )
  }
}
