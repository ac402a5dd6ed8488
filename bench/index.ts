import { bundleSize } from './benchmarks/bundle'
import { dbOpen } from './benchmarks/db-open'
import { evaluation } from './benchmarks/evaluation'
import { exchange } from './benchmarks/exchange'
import { honorBench } from './benchmarks/honor'
import { policyCheck } from './benchmarks/policy-check'
import { programmes } from './benchmarks/programmes'
import { registryBench, registryNationalBench } from './benchmarks/registry'
import { warehouseNational } from './benchmarks/warehouse'
import type { Benchmark } from './types'

/** Every benchmark the issues ask for; each area adds its own here. */
export const benchmarks: Benchmark[] = [
  dbOpen,
  bundleSize,
  exchange,
  evaluation,
  honorBench,
  policyCheck,
  programmes,
  registryBench,
  registryNationalBench,
  warehouseNational,
]
