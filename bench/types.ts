/** One figure beside its same-run baseline and the goal the issues set. */
export interface BenchResult {
  name: string
  figure: number
  unit: string
  baseline: number | null
  baselineLabel: string
  goal: string
  /** Whether the figure meets the goal. */
  pass: boolean
  notes?: string
}

export interface Benchmark {
  name: string
  /** Only with --national: too slow or large for the everyday run. */
  national?: boolean
  run(opts: { national: boolean; /** 1 = the sizes the issues name; smaller while iterating. */ scale: number }): Promise<BenchResult[]> | BenchResult[]
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6
