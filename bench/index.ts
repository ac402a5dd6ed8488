import { dbOpen } from './benchmarks/db-open'
import { registryBench, registryNationalBench } from './benchmarks/registry'
import type { Benchmark } from './types'

/** Every benchmark the issues ask for; each area adds its own here. */
export const benchmarks: Benchmark[] = [dbOpen, registryBench, registryNationalBench]
