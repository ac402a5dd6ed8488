import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Vitest's forked workers are killed without running 'exit' handlers, so per-process cleanup
// left ~170 MB per test file in /tmp. One folder per run, removed by the main process at teardown.
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'simpul-run-'))
  process.env.SIMPUL_TEST_TMP = root
  return () => {
    if (!process.env.SIMPUL_KEEP_TEMP) rmSync(root, { recursive: true, force: true })
  }
}
