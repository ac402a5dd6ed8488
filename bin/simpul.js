#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
// The `simpul` command. The shebang caps glibc's per-thread heaps at two (scripts/start.mjs
// says why; npm's shims on Windows read it too). Runs the command line bundled in out/cli (scripts/build-cli.mjs: the
// same sources, rebuilt here first whenever a file under src/ is newer), which starts in a
// quarter of the time tsx needs to compile the sources again; tsx runs the sources when the
// bundle cannot be built or SIMPUL_CLI_TSX=1 asks for it.
import { pathToFileURL } from 'node:url'

const bundle = process.env.SIMPUL_CLI_TSX === '1' ? null : await (await import('../scripts/build-cli.mjs')).ensureCliBundle()
let main
if (bundle) {
  if (process.env.SIMPUL_DEBUG) process.setSourceMapsEnabled(true)
  ;({ main } = await import(pathToFileURL(bundle).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/index.ts'))
}
process.exitCode = await main(process.argv.slice(2))
