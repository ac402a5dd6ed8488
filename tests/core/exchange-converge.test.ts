import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { deleteRow, insertRow, restoreRow, updateRow } from '../../src/core/db/rows'
import { policyOf, refusal as policyRefusal } from '../../src/core/policy'
import { nextBundleRows, writeBundle } from '../../src/core/exchange/export'
import { newId } from '../../src/core/sync/ids'
import { AppError } from '../../src/shared/result'
import { tempDir, keyFor } from '../helpers/db'
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
    return openContext({ dataFile: join(copy, 'simpul.sqlite'), host: 'cli', clock: fixedClock('2026-11-24T09:00:00+07:00'), key: keyFor(join(copy, 'simpul.sqlite')) })
  })
}

type Step =
  | { kind: 'create'; office: number; master: boolean }
  | { kind: 'edit'; office: number; pick: number; field: 'address' | 'kemendagri_number' }
  | { kind: 'delete'; office: number; pick: number }
  | { kind: 'exchange'; kec: number; up: boolean; lost: boolean }
  | { kind: 'hostile'; kec: number; attack: Attack; pick: number }

/** What a kecamatan operator who controls their own database and keys might send instead of a bundle. */
type Attack = 'rename-neighbour' | 'honor-rate' | 'future-clock' | 'invalid-own' | 'steal-regulation'

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), office: fc.integer({ min: 0, max: 2 }), master: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), office: fc.integer({ min: 0, max: 2 }), pick: fc.nat(50), field: fc.constantFrom('address' as const, 'kemendagri_number' as const) }),
  fc.record({ kind: fc.constant('delete' as const), office: fc.integer({ min: 0, max: 2 }), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('exchange' as const), kec: fc.integer({ min: 0, max: 1 }), up: fc.boolean(), lost: fc.boolean() }),
  fc.record({ kind: fc.constant('exchange' as const), kec: fc.integer({ min: 0, max: 1 }), up: fc.boolean(), lost: fc.constant(false) }),
  fc.record({
    kind: fc.constant('hostile' as const),
    kec: fc.integer({ min: 0, max: 1 }),
    attack: fc.constantFrom<Attack>('rename-neighbour', 'honor-rate', 'future-clock', 'invalid-own', 'steal-regulation'),
    pick: fc.nat(50),
  }),
)

/** A crafted bundle from kecamatan `from`, signed with its real keys, or null when it has nothing to aim at. */
function hostileBundle(kab: Ctx, from: Ctx, s: Extract<Step, { kind: 'hostile' }>, outDir: string, n: number): string | null {
  const me = from.requireOffice().wilayahCode
  const pick = (rows: Record<string, unknown>[]) => (rows.length ? rows[s.pick % rows.length] : null)
  const later = (r: Record<string, unknown>, change: Record<string, unknown>) => ({ ...r, rev: Number(r.rev) + 5, ...change })
  let table = 'posyandu'
  let row: Record<string, unknown> | null = null
  if (s.attack === 'rename-neighbour') row = pick(kab.sqlite.prepare('SELECT * FROM posyandu WHERE scope <> ? ORDER BY id').all(me) as Record<string, unknown>[])
  if (s.attack === 'rename-neighbour' && row) row = later(row, { name: `Direbut ${n}` })
  if (s.attack === 'future-clock' || s.attack === 'invalid-own') {
    // A live row: a tombstone is never refused for its content (write/index.ts checkIncoming).
    const own = pick(from.sqlite.prepare('SELECT * FROM posyandu WHERE scope = ? AND deleted_at IS NULL ORDER BY id').all(me) as Record<string, unknown>[])
    if (own) row = s.attack === 'future-clock' ? later(own, { hlc: '999999999999999-999999' }) : later(own, { name: 'X' })
  }
  if (s.attack === 'steal-regulation') {
    table = 'regulation'
    const reg = pick(kab.sqlite.prepare('SELECT * FROM regulation ORDER BY id').all() as Record<string, unknown>[])
    row = reg ? later(reg, { scope: me, title: 'Diambil alih' }) : null
  }
  if (s.attack === 'honor-rate') {
    table = 'honor_rate'
    row = { id: newId(), scope: me, rev: 1, hlc: '001795485600000-000001', origin: 'x', deleted_at: null, role: 'pendamping', amount: 9_000_000, valid_from: '2026-01-01', valid_to: null, regulation_id: null, created_at: '2026-11-24', updated_at: '2026-11-24' }
  }
  if (!row) return null
  // A modified Simpul: its normal bundle, with the hostile row appended.
  const columns = Object.keys(row)
  const honest = [...nextBundleRows(from, KAB)].map((t) => ({ ...t, rows: [...t.rows] }))
  return writeBundle(from, KAB, [...honest, { name: table, columns, rows: [columns.map((c) => row![c])] }], { outDir }).file
}

describe('convergence', () => {
  it('concurrent edits converge identically on all offices whatever the order of exchange, with lost bundles and hostile bundles', async () => {
    let runs = 0
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const offices = openCopies()
        const [kab, a, b] = offices
        const outDir = tempDir('simpul-prop-out-')
        let n = 0
        try {
          for (const s of steps) {
            if (s.kind === 'hostile') {
              const file = hostileBundle(kab, offices[1 + s.kec], s, outDir, n++)
              if (!file) continue
              const before = snapshot(kab)
              // Refused whole (nothing changes), or — a row that breaks the rules of its own data — left out.
              const result = await receive(kab, file).catch((e: unknown) => e)
              if (result instanceof AppError) {
                expect(['BUNDLE_UNAUTHORISED', 'BUNDLE_CLOCK_AHEAD']).toContain(result.code)
                expect(snapshot(kab)).toEqual(before)
              } else {
                expect(s.attack).toBe('invalid-own')
                expect((result as { totals: { rejected: number } }).totals.rejected).toBe(1)
                expect((kab.sqlite.prepare(`SELECT count(*) AS n FROM posyandu WHERE name = 'X'`).get() as { n: number }).n).toBe(0)
              }
              continue
            }
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
    // Hostile steps make a run take up to a few seconds on a loaded machine.
  }, budget.timeoutMs(3000))
})
