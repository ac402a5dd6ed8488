#!/usr/bin/env node
// The `simpul` command: runs the TypeScript command line through tsx.
import { register } from 'tsx/esm/api'
register()
const { main } = await import('../src/cli/index.ts')
process.exitCode = await main(process.argv.slice(2))
