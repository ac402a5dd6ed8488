import { dbOpen } from './benchmarks/db-open'
import { programmes } from './benchmarks/programmes'
import type { Benchmark } from './types'

/** Every benchmark the issues ask for; each area adds its own here. */
export const benchmarks: Benchmark[] = [dbOpen, programmes]
