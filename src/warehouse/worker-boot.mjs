// Starts one loader process of a parallel `warehouse load` (src/warehouse/parallel.ts) from the
// TypeScript sources: tsx compiles src/warehouse/worker.ts in this process.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
