import { dbOpen } from './benchmarks/db-open'
import { honorBench } from './benchmarks/honor'
import type { Benchmark } from './types'

/** Every benchmark the issues ask for; each area adds its own here. */
export const benchmarks: Benchmark[] = [dbOpen, honorBench]
