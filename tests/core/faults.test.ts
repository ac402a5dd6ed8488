import { describe, expect, it } from 'vitest'
import { checkAfterCrash, crashSetup, freshCopy, hostileSetup, importInChild, mutant, prng, tryHostile } from '../helpers/faults'
import { tempDir } from '../helpers/db'
import { propertyBudget } from '../helpers/budget'

// Sized by SIMPUL_PROPERTY_RUNS (tests/helpers/budget.ts); `npm run stress` runs the long versions.
const budget = propertyBudget()
const HOSTILE = budget.hostileFiles
const KILLS = budget.kills

describe('hostile bundles', () => {
  it(`${HOSTILE} mutated or crafted bundles are each refused in time, with a message, writing nothing`, async () => {
    const s = hostileSetup()
    const dir = tempDir('simpul-hostile-')
    const bad: string[] = []
    const kinds = new Set<string>()
    for (let i = 0; i < HOSTILE; i++) {
      const m = mutant(s, i, dir)
      const o = await tryHostile(s, m)
      kinds.add(o.name)
      if (!o.refused || !o.unchanged || o.ms > 10_000 || !/[a-z]{3,}/.test(o.message) || /INTERNAL|kesalahan di dalam/i.test(o.message)) {
        bad.push(`#${i} ${o.name}: refused=${o.refused} unchanged=${o.unchanged} ${Math.round(o.ms)}ms "${o.message.slice(0, 160)}"`)
      }
    }
    expect(bad).toEqual([])
    expect(kinds.size).toBeGreaterThanOrEqual(12)
    // The valid bundle still imports afterwards: refusals left no half-state behind.
    const ok = await tryHostile(s, { name: 'valid', file: s.valid })
    expect(ok.refused).toBe(false)
    // And a replay of it is harmless.
    const replay = await tryHostile(s, { name: 'replay', file: s.valid })
    expect(replay.refused && replay.unchanged).toBe(true)
    expect(replay.message).toMatch(/sudah/)
  }, budget.timeoutMs(20))
})

describe('crash during import', () => {
  it(`a child importing a large bundle, SIGKILLed ${KILLS} times at random moments, leaves all or nothing`, async () => {
    const s = await crashSetup(3000)
    expect(s.after).toBe(s.before + 3000)
    const r = prng(20261125)
    for (let k = 0; k < KILLS; k++) {
      const dir = freshCopy(s.pristineDir)
      await importInChild(`${dir}/simpul.sqlite`, s.bundle, r.int(200, Math.max(400, Math.round(s.fullMs))))
      const after = checkAfterCrash(dir, s)
      expect(after.integrity).toBe(true)
      expect(after.allOrNothing, `count ${after.count}, expected ${s.before} or ${s.after}`).toBe(true)
    }
  }, budget.timeoutMs(3000))
})
