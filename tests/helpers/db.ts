import { dispatch } from '../../src/core/handlers'
import type { Input, OpName, Output } from '../../src/shared/contract'
import { AppError } from '../../src/shared/result'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixedClock, type Clock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { setupOffice } from '../../src/core/office/service'

const made: string[] = []
// Each test database holds the whole wilayah reference (~8 MB): remove the folders when the worker ends.
process.on('exit', () => {
  if (!process.env.SIMPUL_KEEP_TEMP) for (const d of made) rmSync(d, { recursive: true, force: true })
})

/** A fresh folder under the system temp dir, removed when the test process exits. */
export function tempDir(prefix = 'simpul-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

/** A real database file in a temp folder, migrated; optionally with an office set up. */
export function makeCtx(opts: { office?: string; level?: 'kecamatan' | 'kabupaten' | 'provinsi'; clock?: Clock; dir?: string } = {}): Ctx {
  const dir = opts.dir ?? tempDir()
  const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', clock: opts.clock ?? fixedClock('2026-11-24T09:00:00+07:00') })
  if (opts.office) {
    const parts = opts.office.split('.').length
    const level = opts.level ?? (parts === 1 ? 'provinsi' : parts === 2 ? 'kabupaten' : 'kecamatan')
    setupOffice(ctx, { wilayahCode: opts.office, level, name: `Kantor ${opts.office}`, operatorName: 'Penguji' })
  }
  return ctx
}

/** Calls an operation through the real dispatcher (validation included); throws its refusal. */
export async function callOp<K extends OpName>(ctx: Ctx, op: K, input: Input<K>): Promise<Output<K>> {
  const res = await dispatch(ctx, op, input)
  if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details)
  return res.data as Output<K>
}
