/**
 * The one budget of the long property tests (README, "Test budget"): SIMPUL_PROPERTY_RUNS.
 * `npm test` (CI or a developer's machine) uses DEFAULT_PROPERTY_RUNS so the whole suite
 * stays under ten minutes on two cores; `npm run stress` passes STRESS_PROPERTY_RUNS.
 */
export const DEFAULT_PROPERTY_RUNS = 50
export const STRESS_PROPERTY_RUNS = 1000

export function propertyBudget(runs = Number(process.env.SIMPUL_PROPERTY_RUNS ?? DEFAULT_PROPERTY_RUNS)) {
  const r = Math.max(1, Math.floor(runs) || DEFAULT_PROPERTY_RUNS)
  return {
    runs: r,
    /** fast-check runs of the three-office convergence property (~1 s each). */
    convergeRuns: r,
    /** Hostile bundles tried (~10 ms each). */
    hostileFiles: r * 6,
    /** SIGKILLed imports (~1 s each). */
    kills: Math.max(2, Math.round(r / 12)),
    /** Vitest timeout for a property of `perRunMs` per run, never under five minutes. */
    timeoutMs: (perRunMs: number) => Math.max(300_000, r * perRunMs * 3),
  }
}
