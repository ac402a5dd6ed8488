// Starts the database worker from the TypeScript sources (host, CLI `serve`, tests), where
// nothing is bundled: tsx compiles src/core/worker/entry.ts in this thread. The Electron
// build bundles the same entry as out/main/worker.js instead (electron.vite.config.ts).
import { register } from 'tsx/esm/api'

register()
await import('./entry.ts')
