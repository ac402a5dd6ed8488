import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { deleteRow, insertRow, restoreRow, updateRow } from '../../src/core/db/rows'
import { policyOf, refusal as policyRefusal } from '../../src/core/policy'
import { tempDir } from '../helpers/db'
import { makeOffices, receive, send, snapshot } from '../helpers/exchange'
import { propertyBudget } from '../helpers/budget'

// Sized by SIMPUL_PROPERTY_RUNS (tests/helpers/budget.ts); `npm run stress` runs it longer.
const budget = propertyBudget()

const KAB = '12.18'
const KEC = ['12.18.04', '12.18.05']

// Three enrolled offices made once; every run works on fresh copies of their folders.
const template = (() => {
  const { kab, kec } = makeOffices(KEC)
  const dirs = [kab, ...kec].map((c) => c.dataDir)
  for (const c of [kab, ...kec]) c.close()
  return dirs
})()

function openCopies(): Ctx[] {
  return template.map((dir) => {
    const copy = tempDir('simpul-prop-')
    cpSync(dir, copy, { recursive: true })
    return openContext({ dataFile: join(copy, 'simpul.sqlite'), host: 'cli', clock: fixedClock('2026-11-24T09:00:00+07:00') })
  })
}

type Step =
  | { kind: 'create'; office: number; master: boolean }
  | { kind: 'edit'; office: number; pick: number; field: 'address' | 'kemendagri_number' }
  | { kind: 'delete'; office: number; pick: number }
  | { kind: 'exchange'; kec: number; up: boolean; lost: boolean }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), office: fc.integer({ min: 0, max: 2 }), master: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), office: fc.integer({ min: 0, max: 2 }), pick: fc.nat(50), field: fc.constantFrom('address' as const, 'kemendagri_number' as const) }),
  fc.record({ kind: fc.constant('delete' as const), office: fc.integer({ min: 0, max: 2 }), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('exchange' as const), kec: fc.integer({ min: 0, max: 1 }), up: fc.boolean(), lost: fc.boolean() }),
  fc.record({ kind: fc.constant('exchange' as const), kec: fc.integer({ min: 0, max: 1 }), up: fc.boolean(), lost: fc.constant(false) }),
)

describe('convergence', () => {
  it('concurrent edits converge identically on all offices whatever the order of exchange, with lost bundles', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const offices = openCopies()
        const [kab, a, b] = offices
        const outDir = tempDir('simpul-prop-out-')
        let n = 0
        try {
          for (const s of steps) {
            if (s.kind === 'exchange') {
              const kec = offices[1 + s.kec]
              const [from, to] = s.up ? [kec, kab] : [kab, kec]
              const file = send(from, to, outDir)
              if (!s.lost) await receive(to, file)
              continue
            }
            const ctx = offices[s.office]
            const me = ctx.requireOffice()
            if (s.kind === 'create') {
              // Kabupaten master data is a regulation; a posyandu always belongs to a kecamatan.
              if (s.office === 0 && s.master) insertRow(ctx, 'regulation', { kind: 'perbup', number: `R${runs}-${n}`, year: 2026, title: `Perbup ${n}`, status: 'berlaku' })
              else {
                const scope = s.office === 0 ? KEC[n % 2] : me.wilayahCode
                insertRow(ctx, 'posyandu', { name: `P${runs}-${n}`, desa_code: `${scope}.${2000 + n}` }, { scope })
              }
              n++
              continue
            }
            const mine = (ctx.sqlite.prepare('SELECT id, scope, deleted_at FROM posyandu ORDER BY id').all() as { id: string; scope: string; deleted_at: string | null }[]).filter((r) =>
              !policyRefusal(policyOf('posyandu')!, me, r.scope, 'change'),
            )
            if (!mine.length) continue
            const target = mine[s.pick % mine.length]
            if (s.kind === 'edit') updateRow(ctx, 'posyandu', target.id, { [s.field]: `${me.wilayahCode}#${n++}` })
            else if (target.deleted_at) restoreRow(ctx, 'posyandu', target.id)
            else deleteRow(ctx, 'posyandu', target.id)
          }
          // Then everyone exchanges until quiet, with nothing lost.
          for (let round = 0; round < 2; round++) {
            for (const kec of [a, b]) {
              await receive(kab, send(kec, kab, outDir))
              await receive(kec, send(kab, kec, outDir))
            }
          }
          expect(snapshot(a)).toEqual(snapshot(kab, [KAB, KEC[0]]))
          expect(snapshot(b)).toEqual(snapshot(kab, [KAB, KEC[1]]))
          // Each office only holds rows it is concerned with.
          expect(snapshot(a).posyandu.every((r) => [KAB, KEC[0]].includes((r as { scope: string }).scope))).toBe(true)
        } finally {
          runs++
          for (const c of offices) {
            c.close()
            rmSync(c.dataDir, { recursive: true, force: true })
          }
          rmSync(outDir, { recursive: true, force: true })
        }
      }),
      { numRuns: budget.convergeRuns },
    )
  }, budget.timeoutMs(1000))
})
