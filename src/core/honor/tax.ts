import { formatNumber } from '../../shared/format'
import { AppError } from '../../shared/result'
import data from './tax-rules.json'
import { msg } from '../../shared/messages'

/**
 * PPh 21 on one honor payment, from the rules in tax-rules.json (data with validity
 * dates, DOMAIN.md). All arithmetic is on integers; the only rounding is `roundRupiah`.
 */
export type TaxRuleCode = 'bukan_pegawai' | 'pns_final' | 'tanpa_potongan'
export const TAX_RULE_CODES: TaxRuleCode[] = ['bukan_pegawai', 'pns_final', 'tanpa_potongan']
export type Golongan = 'I' | 'II' | 'III' | 'IV'
export const GOLONGAN: Golongan[] = ['I', 'II', 'III', 'IV']

interface Versioned {
  validFrom: string
  validTo: string | null
}
interface Bracket {
  upTo: number | null
  percent: number
}
interface RuleRow extends Versioned {
  code: string
  kind: 'pasal17_on_base' | 'final_by_golongan' | 'none'
  label: string
  basePercent?: number
  noNpwpPercent?: number
  golonganPercent?: Record<string, number>
}

const rules = data.rules as RuleRow[]
const pasal17 = data.pasal17 as (Versioned & { source: string; brackets: Bracket[] })[]
export const ROUNDING_TEXT: string = data.rounding.text

/** THE rounding to whole rupiah (tax, prorated honor), mode from tax-rules.json: exact num/den → rupiah. */
export function roundRupiah(numerator: bigint, denominator: bigint): number {
  const mode = data.rounding.mode as 'down' | 'nearest'
  const q = mode === 'down' ? numerator / denominator : (2n * numerator + denominator) / (2n * denominator)
  return Number(q)
}

const validOn = <T extends Versioned>(rows: T[], date: string): T | undefined =>
  rows.filter((r) => r.validFrom <= date && (r.validTo === null || r.validTo >= date)).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]

export interface TaxInput {
  gross: number
  rule: TaxRuleCode
  /** NPWP present, or NIK validated as NPWP. */
  hasNpwp: boolean
  golongan?: Golongan | null
  /** The date whose rules apply (YYYY-MM-DD), e.g. the last day of the honor period. */
  date: string
  /** Required for "tanpa_potongan". */
  reason?: string | null
}

export interface TaxResult {
  gross: number
  tax: number
  net: number
  rule: { code: TaxRuleCode; label: string; validFrom: string }
  /** How the figure came about, in Indonesian, e.g. "5% × 50% × 1.250.000". */
  basis: string
}


export function computePph21(input: TaxInput): TaxResult {
  const { gross } = input
  if (!Number.isSafeInteger(gross) || gross < 0) throw new AppError('TAX_GROSS', msg('honor.taxGross'))
  const rule = validOn(
    rules.filter((r) => r.code === input.rule),
    input.date,
  )
  if (!rule) throw new AppError('TAX_RULE_MISSING', msg('honor.taxRuleMissing', { rule: input.rule, date: input.date }))
  const ruleInfo = { code: input.rule, label: rule.label, validFrom: rule.validFrom }
  const done = (tax: number, basis: string): TaxResult => ({ gross, tax, net: gross - tax, rule: ruleInfo, basis })

  if (rule.kind === 'none') {
    if (!input.reason?.trim()) throw new AppError('TAX_REASON', msg('honor.taxRuleReason'))
    return done(0, `tanpa potongan: ${input.reason.trim()}`)
  }
  if (rule.kind === 'final_by_golongan') {
    if (!input.golongan) throw new AppError('TAX_GOLONGAN', msg('honor.taxGolongan'))
    const pct = rule.golonganPercent![input.golongan]
    return done(roundRupiah(BigInt(gross) * BigInt(pct), 100n), `${pct}% × ${formatNumber(gross)} (final, gol. ${input.golongan})`)
  }
  // Pasal 17 brackets on base = basePercent of gross. Work in gross × basePercent units
  // (= base × 100) so every intermediate amount stays an integer.
  const table = validOn(pasal17, input.date)
  if (!table) throw new AppError('TAX_RULE_MISSING', msg('honor.taxArt17Missing', { date: input.date }))
  const basePct = BigInt(rule.basePercent!)
  const base100 = BigInt(gross) * basePct
  let taxTimes10k = 0n
  let lower = 0n
  const used: string[] = []
  for (const b of table.brackets) {
    const upper = b.upTo === null ? null : BigInt(b.upTo) * 100n
    const slice = (upper === null || base100 < upper ? base100 : upper) - lower
    if (slice <= 0n) break
    taxTimes10k += slice * BigInt(b.percent)
    used.push(`${b.percent}%`)
    lower = upper ?? base100
  }
  const npwpPct = input.hasNpwp ? 100n : BigInt(rule.noNpwpPercent!)
  const tax = roundRupiah(taxTimes10k * npwpPct, 1_000_000n)
  const basis = `${used.join('+')} × ${rule.basePercent}% × ${formatNumber(gross)}${input.hasNpwp ? '' : ` × ${rule.noNpwpPercent}% (tanpa NPWP)`}`
  return done(tax, basis)
}

/** The rule a person gets unless the office chose another: PNS → final, others → bukan pegawai. */
export const defaultTaxRule = (isPns: boolean): TaxRuleCode => (isPns ? 'pns_final' : 'bukan_pegawai')

export const taxRuleLabel = (code: TaxRuleCode, date: string) => validOn(rules.filter((r) => r.code === code), date)?.label ?? code
