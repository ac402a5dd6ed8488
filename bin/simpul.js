#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
// The `simpul` command: runs the TypeScript command line through tsx. The shebang caps glibc's
// per-thread heaps at two (scripts/start.mjs says why); npm's shims on Windows read it too.
import { register } from 'tsx/esm/api'
register()
const { main } = await import('../src/cli/index.ts')
process.exitCode = await main(process.argv.slice(2))
