import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Ctx } from '../../src/core/context'
import { generateDemo } from '../../src/core/demo'
import { monthlyRowPasses, rowToValues } from '../../src/core/evaluation/monthly'
import { columnsOf, rowProblems, TABLE_POLICIES, type TablePolicy } from '../../src/core/policy'
import { onCalendar } from '../../src/core/policy/columns'
import { compileRowTest } from '../../src/core/policy/fast'
import { z } from 'zod'
import { withDefaults } from '../../src/core/write'
import { validateMonthly, NUMERIC_FIELDS } from '../../src/shared/evaluation/fields'
import { decodeNik, isValidDate, nikPasses } from '../../src/shared/nik'
import { makeCtx } from '../helpers/db'
import { FIXTURES, form, NIK, T, travel, U, set } from '../helpers/rows'

/**
 * The row check's fast path (src/core/policy/fast.ts, the policies' quickCheck) against the plain
 * zod path: for every travelling table, valid rows (the demo's, and one written here for each
 * table the demo leaves empty) and thousands of mutated ones must get exactly the same
 * `rowProblems` — same verdict, same messages, same order.
 */

const RUNS = Number(process.env.FAST_CHECK_RUNS ?? 250)
// Values that sit on or beside the edges the column schemas draw.
const lengths = [0, 1, 2, 3, 4, 5, 7, 8, 29, 30, 31, 39, 40, 41, 59, 60, 61, 63, 64, 65, 99, 100, 101, 119, 120, 121, 127, 128, 129, 199, 200, 201, 299, 300, 301, 399, 400, 401, 499, 500, 501, 599, 600, 601, 999, 1000, 1001, 1999, 2000, 2001]
const STRINGS: unknown[] = [
  '', ' ', 'a', 'ab', 'abc', 'L', 'P', 'l', 'aktif', 'ketua', 'berbeda', 'open', 'locked', 'monthly', 'form', 'indicator_set', 'adopted', 'rule', 'checked', 'draft', 'full', 'III',
  ...lengths.map((n) => 'x'.repeat(n)),
  // code points, not UTF-16 units: 😀 is two units
  ...[1, 2, 3, 30, 31, 50, 51, 100, 101, 200, 201, 1000, 1001].map((n) => '😀'.repeat(n)),
  'é'.repeat(101), '\ud83d'.repeat(2),
  '2024-02-29', '2023-02-29', '2024-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-4-1', '0000-02-29', '1900-02-29', '2000-02-29', '9999-12-31', '2024-03-12', '2024-03-32', '2024-03-1', ' 2024-03-12',
  '2024-03', '2024-00', '2024-13', '2024-1', '2024', '20240', '2026-03',
  T, '2026-11-24', '2026-11-24T02:00', '2026-11-24T02:00:00+07:00', '2026-11-24T02:00:00.1234Z', '2026-11-24 02:00:00', 'kemarin',
  '001795485600000-000002', '1795485600000-2', U(1), U(1).toUpperCase(), `${U(1)} `, 'not-an-id', '01941f29-7c00-7137-aced-daaf45d52a0d',
  '33', '33.25', '33.25.01', '33.25.01.2001', '33.25.1', '33.25.01.200', '34.25.01.2001', '33.25.02.2001',
  NIK, NIK.slice(0, 15), `${NIK}1`, `${NIK.slice(0, 12)}0000`, `${NIK.slice(0, 6)}00${NIK.slice(8)}`, `${NIK.slice(0, 6)}72${NIK.slice(8)}`, `${NIK.slice(0, 6)}35${NIK.slice(8)}`, `${NIK.slice(0, 8)}13${NIK.slice(10)}`, `00${NIK.slice(2)}`, `3325.01${NIK.slice(6)}`, '1.21805E+15', `${NIK.slice(0, 15)}a`,
  '3325015202230017', '3325012902230017', '3325016902240017',
  '198405122010012003', '198405122010012', '198413122010012003', '19840512 2010012003', '198405122010013003', '198405122010012000',
  '09.876.543.1-012.000', '09.876.543.1-012', '0987654310120001', 'NPWP', '7700000001', '77', '7700-0000-01', '081234567890', '+6281234567890', '0212345678', '08123',
  '{}', '{', '[]', 'null', '1', '"s"', '{"s":10}', '{"S":10}', '{"s":"x"}', '{"s":[1]}', '{"s":true}', '{"a_b":1.5}', JSON.stringify(set), JSON.stringify(form), JSON.stringify({ ...form, version: 99 }), JSON.stringify({ ...set, code: 'lain' }),
  'peduli,sehat', 'peduli,,hijau', 'sehat,unknown',
  '003', '1234', 'ab',
]
const NUMBERS: unknown[] = [
  0, 1, 2, -1, 0.5, 1.5, -0, 3, 4, 5, 10, 36, 37, 40, 59, 60, 61, 90, 1944, 1945, 2024, 2026, 2100, 2101, 999, 1000, 1001, 2000, 2001, 4999, 5000, 5001, 9999, 10_000, 10_001, 100_000, 100_001,
  1_000_000, 1_000_001, 100_000_000, 100_000_001, 1e10, 1e10 + 1, 1e15, 1e15 + 1, -1e15, -1e15 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e300, NaN, Infinity, -Infinity,
  -11.5, -11.6, 6.5, 6.6, 94, 93.9, 141.5, 141.6, -6.9, 109.7, 999_999_999, 1_000_000_000, 1_000_000_001, 750_000, 712_500, 37_500,
]
const ODD: unknown[] = [null, undefined, true, false, {}, [], ['a'], { a: 1 }, new Date(0), 10n, Symbol.for('x'), () => 1]

interface Mutation {
  kind: 'set' | 'delete' | 'extra' | 'swap'
  column: number
  value: unknown
}
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'set', 'set', 'delete', 'extra', 'swap'),
  column: fc.nat(),
  value: fc.oneof(fc.constantFrom(...STRINGS), fc.constantFrom(...NUMBERS), fc.constantFrom(...ODD), fc.string({ maxLength: 30 }), fc.integer({ min: -10, max: 6000 }), fc.double({ noNaN: false })),
})

function mutate(base: Record<string, unknown>, keys: string[], ms: Mutation[]): Record<string, unknown> {
  const row = { ...base }
  for (const m of ms) {
    const k = keys[m.column % keys.length]
    if (m.kind === 'set') row[k] = m.value
    else if (m.kind === 'delete') delete row[k]
    else if (m.kind === 'extra') row[typeof m.value === 'string' && m.value ? m.value : 'kolom_lain'] = m.value
    else row[k] = base[keys[(m.column * 7 + 3) % keys.length]]
  }
  return row
}

let ctx: Ctx
const bases = new Map<string, Record<string, unknown>[]>()

beforeAll(() => {
  ctx = makeCtx({ office: '33.25' })
  generateDemo(ctx, { scale: 'kecamatan', seed: 11, years: 1 })
  for (const p of TABLE_POLICIES) {
    const demo = ctx.sqlite.prepare(`SELECT * FROM "${p.table}" ORDER BY random() LIMIT 40`).all() as Record<string, unknown>[]
    const fixture = withDefaults(ctx.sqlite, p.table, { ...travel(p, 0), ...FIXTURES[p.table] })
    bases.set(p.table, [fixture, ...demo.map((r) => withDefaults(ctx.sqlite, p.table, r))])
  }
}, 120_000)

const same = (p: TablePolicy, row: Record<string, unknown>, skip?: Set<string>) => {
  const zod = rowProblems(ctx.sqlite, p, row, skip, 'zod')
  expect(rowProblems(ctx.sqlite, p, row, skip), JSON.stringify(row, (_k, v) => (typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function' ? String(v) : v))).toEqual(zod)
  return zod.length === 0
}

describe('the fast row check gives the zod path’s answer', () => {
  it('has a valid row for every travelling table, and the fast path passes it without zod', () => {
    for (const p of TABLE_POLICIES) {
      expect(FIXTURES[p.table], `fixture for ${p.table}`).toBeDefined()
      for (const row of bases.get(p.table)!) {
        expect(rowProblems(ctx.sqlite, p, row, undefined, 'zod'), `${p.table} ${JSON.stringify(row)}`).toEqual([])
        expect(rowProblems(ctx.sqlite, p, row), p.table).toEqual([])
      }
    }
    // The demo's own rows are in: registry and monthly reports
    for (const t of ['posyandu', 'kader', 'kader_posyandu', 'monthly_report']) expect(bases.get(t)!.length, t).toBeGreaterThan(10)
  })

  it('every column of every table set to every edge value gives the same problems (a sweep)', () => {
    const stringify = (x: unknown) => (typeof x === 'string' && x.length > 20 ? `"${x.slice(0, 6)}…" (${x.length})` : String(x))
    const mismatches: string[] = []
    let compared = 0
    for (const p of TABLE_POLICIES) {
      for (const base of bases.get(p.table)!.slice(0, 1)) {
        const keys = Object.keys(base)
        for (const k of keys) {
          // each edge value, and each value of the row's other columns (a date where a month goes …)
          for (const value of [...STRINGS, ...NUMBERS, ...ODD, ...keys.map((o) => base[o])]) {
            const row = { ...base, [k]: value }
            compared++
            const fast = rowProblems(ctx.sqlite, p, row)
            const zod = rowProblems(ctx.sqlite, p, row, undefined, 'zod')
            if (JSON.stringify(fast) !== JSON.stringify(zod)) mismatches.push(`${p.table}.${k} = ${stringify(value)}: fast ${JSON.stringify(fast)} / zod ${JSON.stringify(zod)}`)
          }
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([])
    expect(compared).toBeGreaterThan(50_000)
  }, 300_000)

  for (const p of TABLE_POLICIES) {
    it(`${p.table}: mutated rows (wrong types, edges, dates, NIK/NIP, extra and missing columns) get the same problems`, () => {
      const list = bases.get(p.table)!
      const keys = columnsOf(ctx.sqlite, p.table).map((c) => c.name)
      // what a receiver is not sent arrives empty and is skipped
      const hides = Object.values(p.receivers).flatMap((g) => (g && g.rows !== 'none' && g.hide ? [new Set(g.hide)] : []))
      let valid = 0
      let invalid = 0
      fc.assert(
        fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat(), fc.boolean(), (pick, ms, hide, completed) => {
          const raw = mutate(list[pick % list.length], keys, ms)
          const row = completed ? withDefaults(ctx.sqlite, p.table, raw) : raw
          const skip = hides.length && hide % 3 === 0 ? hides[hide % hides.length] : undefined
          if (same(p, row, skip)) valid++
          else invalid++
        }),
        { numRuns: RUNS, seed: 17 },
      )
      // The property saw both verdicts: a fast path that said "valid" too often would have been caught.
      expect(invalid, `${p.table}: invalid rows`).toBeGreaterThan(RUNS / 4)
      expect(valid, `${p.table}: valid rows`).toBeGreaterThan(0)
    })
  }
})

describe('the compiled row test on its own', () => {
  it('says yes only where zod says yes: strangers, optional and missing columns, prototypes, schemas it cannot read', () => {
    const shape = { a: z.string().min(2).max(4), b: z.number().int().optional(), c: z.string().trim(), d: z.enum(['x', 'y']).nullable() }
    const test = compileRowTest(shape)
    const schema = z.strictObject(shape)
    const rows: unknown[] = [
      { a: 'abc', b: 1, c: 'q', d: 'x' },
      { a: 'abc', c: 'q', d: null, e: 1 }, // a stranger where an optional column is missing: same key count
      { a: 'abc', c: 'q', d: null },
      { a: '😀😀', b: 1, c: 'q', d: 'x' }, // two code points, four units
      { a: '😀😀😀', b: 1, c: 'q', d: 'x' },
      { a: 'abc', b: 1.5, c: 'q', d: 'x' },
      { a: 'abc', b: 1, c: ' q ', d: 'z' },
      Object.assign(Object.create({ inherited: 1 }), { a: 'abc', b: 1, c: 'q', d: 'x' }),
      [],
      null,
    ]
    for (const r of rows) if (test(r as Record<string, unknown>)) expect(schema.safeParse(r).success, JSON.stringify(r)).toBe(true)
    expect(test(rows[0] as Record<string, unknown>)).toBe(true)
    expect(test(rows[1] as Record<string, unknown>)).toBe(false)
  })

  it('with skipped columns: a skipped column may be missing or wrong, but a stranger in its place is still refused', () => {
    const shape = { a: z.string().min(2), h: z.string().nullable(), k: z.number().int() }
    const test = compileRowTest(shape)
    const schema = z.strictObject(shape)
    const skip = new Set(['h'])
    const passes = (r: Record<string, unknown>) => {
      const parsed = schema.safeParse(r)
      return parsed.success || parsed.error.issues.every((i) => i.path.length > 0 && skip.has(String(i.path[0])))
    }
    const rows: Record<string, unknown>[] = [
      { a: 'ab', h: null, k: 1 },
      { a: 'ab', h: 5, k: 1 }, // the skipped column wrong: its problem is ignored
      { a: 'ab', k: 1 }, // the skipped column missing
      { a: 'ab', k: 1, e: 1 }, // a stranger where the skipped column is missing: same key count
      { a: 'ab', h: null, k: 1, e: 1 },
      { a: 'a', h: null, k: 1 },
    ]
    for (const r of rows) expect(test(r, skip), JSON.stringify(r)).toBe(passes(r))
    // The same set changed after its first use: the test follows it.
    skip.add('k')
    expect(test({ a: 'ab', h: 5, k: 'x' }, skip)).toBe(true)
    skip.delete('k')
    expect(test({ a: 'ab', h: 5, k: 'x' }, skip)).toBe(false)
    expect(test({ a: 'ab', h: 5, k: 1 }, new Set(['h']))).toBe(true)
  })
})

describe('the NIK date check', () => {
  it('counts the days of a month exactly as Date does (years 0–99 read as 1900–1999, leap centuries, odd input)', () => {
    const byDate = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.constantFrom(0, 99, 100, 1900, 2000, 2100, 199_999, 200_001, 275_760, 0.5, NaN)), fc.oneof(fc.integer({ min: -1, max: 14 }), fc.constant(2.5)), fc.oneof(fc.integer({ min: -1, max: 33 }), fc.constantFrom(28.5, NaN)), (y, m, d) => {
        expect(isValidDate(y, m, d), `${y}-${m}-${d}`).toBe(byDate(y, m, d))
      }),
      { numRuns: RUNS * 20, seed: 3 },
    )
  })
})

describe('the quick NIK test', () => {
  it('accepts exactly the NIKs decodeNik finds valid and unchanged, for every century rule', () => {
    const byDecode = (s: string, today: string) => {
      const c = decodeNik(s, today)
      return c.valid && c.decoded?.nik === s
    }
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'))
    const day = fc.oneof(two, fc.constantFrom('00', '01', '28', '29', '30', '31', '32', '40', '41', '69', '70', '71', '72'))
    const nikLike = fc
      .tuple(fc.constantFrom('33', '00', '12', '9a'), fc.constantFrom('25', '00', '18'), fc.constantFrom('01', '00', '04'), day, two, two, fc.constantFrom('0017', '0000', '0001', '9999', '001'), fc.constantFrom('', '', '', ' ', '.', '-', '1', '٣'))
      .map(([p, k, c, d, m, y, s, tail]) => `${p}${k}${c}${d}${m}${y}${s}${tail}`)
    const today = fc.constantFrom('2100-12-31', '2026-12-01', '2024-02-29', '2000-01-01', '2099-06-15')
    fc.assert(
      fc.property(fc.oneof(nikLike, fc.string({ maxLength: 18 }), fc.stringMatching(/^\d{16}$/)), today, (s, t) => {
        expect(nikPasses(s, t), `${s} ${t}`).toBe(byDecode(s, t))
      }),
      { numRuns: RUNS * 40, seed: 17 },
    )
    for (const s of STRINGS) if (typeof s === 'string') expect(nikPasses(s, '2100-12-31'), s).toBe(byDecode(s, '2100-12-31'))
  })
})

describe('the calendar check of a date column', () => {
  it('says what Date read back says, for dates in the pattern and beside it', () => {
    const byDate = (s: string) => {
      const d = new Date(`${s}T00:00:00Z`)
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
    }
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'))
    const date = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), fc.constantFrom('1900', '2000', '2100', '0000', '+12345', '-0001', '20a4', '２０２４')), two, two, fc.constantFrom('-', '-', '/', '')).map(([y, m, d, sep]) => `${y}${sep}${m}${sep}${d}`)
    fc.assert(
      fc.property(fc.oneof(date, fc.string({ maxLength: 12 })), (s) => {
        expect(onCalendar(s), s).toBe(byDate(s))
      }),
      { numRuns: RUNS * 40, seed: 9 },
    )
    for (const s of ['2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '0000-02-29', '2024-04-31', '2024-12-31', '2024-13-01', '2024-00-01', '2024-01-00', '2024-1-01']) expect(onCalendar(s), s).toBe(byDate(s))
  })
})

describe('form definitions in a bundle', () => {
  it('a definition checkForm cannot read (no field list) is refused with a message, not a crash', () => {
    const offer = TABLE_POLICIES.find((p) => p.table === 'province_offer')!
    const formDef = TABLE_POLICIES.find((p) => p.table === 'form_definition')!
    const broken = JSON.stringify({ code: form.code, version: form.version, periodType: form.periodType, name: form.name, source: 'x', sections: form.sections })
    const o = withDefaults(ctx.sqlite, 'province_offer', { ...travel(offer, 1), ...FIXTURES.province_offer, kind: 'form', code: form.code, definition_json: broken })
    expect(rowProblems(ctx.sqlite, offer, o)).toEqual(['definisi formulir tidak lengkap atau rusak'])
    const f = withDefaults(ctx.sqlite, 'form_definition', { ...travel(formDef, 2), ...FIXTURES.form_definition, definition_json: broken })
    expect(rowProblems(ctx.sqlite, formDef, f)).toEqual(['definisi formulir tidak lengkap atau rusak'])
    // the same text twice: read once, the same answer
    expect(rowProblems(ctx.sqlite, formDef, f, undefined, 'zod')).toEqual(['definisi formulir tidak lengkap atau rusak'])
  })
})

describe('the monthly report’s quick check', () => {
  it('is true only when validateMonthly reports no error, on thousands of random months', () => {
    const odd = fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 12_000 }), fc.constantFrom(0.5, NaN, Infinity, -Infinity, '', '5', 5001, 2001, 10_001, 61, 60, 5000, -1, true))
    const pct = () => fc.integer({ min: 0, max: 100 })
    const month = fc.record({
      held: fc.constantFrom(1, 1, 1, 1, 0, 0, null, 2, true),
      closedEmpty: fc.boolean(),
      month: fc.constantFrom('2024-02', '2024-02', '2023-02', '2024-03', '', '2024-13'),
      open_date: fc.constantFrom(null, null, '', '2024-02-29', '2023-02-29', '2024-02-10', '2024-03-05', '2024-02-30', '2024-2-1', '2024-00-10', '2024-13-01', '2024-02-10T00:00', 12),
      programmes: fc.constantFrom(null, 'peduli,sehat', 'x'),
      s: fc.integer({ min: 0, max: 400 }),
      f: fc.array(pct(), { minLength: 24, maxLength: 24 }),
      empty: fc.nat(),
      // a real month is consistent (S ≥ K ≥ D …); these break one or two of its numbers
      changes: fc.array(fc.tuple(fc.constantFrom(...NUMERIC_FIELDS), odd), { maxLength: 2 }),
    })
    let passed = 0
    let errors = 0
    fc.assert(
      fc.property(month, (m) => {
        const of = (x: number, i: number) => Math.floor((x * m.f[i]) / 100)
        const v: Record<string, number | null> = { s: m.s, kader_on_duty: of(20, 0), pus: of(900, 1), kk: of(900, 2), bumil: of(60, 3), bumil_target: of(80, 4), bayi_target: of(80, 5), imunisasi: of(80, 6), pmt: of(m.s, 7) }
        v.k = of(m.s, 8)
        v.d = of(v.k!, 9)
        for (const [k, i] of [['n', 10], ['t', 11], ['o', 12], ['b', 13], ['bgm', 14]] as const) v[k] = of(v.d!, i)
        v.stunting_found = of(m.s, 15)
        v.stunting_referred = of(v.stunting_found!, 16)
        v.k4 = of(v.bumil!, 17)
        v.kb = of(v.pus!, 18)
        v.dana_sehat = of(v.kk!, 19)
        v.vit_a = of(m.s, 20)
        const r: Record<string, unknown> = { held: m.held, month: m.month, open_date: m.open_date, programmes: m.programmes, notes: null, deleted_at: null }
        NUMERIC_FIELDS.forEach((k, i) => (r[k] = (m.empty >> i) & 1 && i % 3 === 0 ? null : v[k]))
        if (m.held === 0 && m.closedEmpty) {
          r.open_date = null
          for (const k of NUMERIC_FIELDS) if (!['s', 'kk', 'pus', 'bumil_target', 'bayi_target'].includes(k)) r[k] = null
        }
        for (const [k, x] of m.changes) r[k] = x
        const errs = validateMonthly(rowToValues(r), m.month).filter((i) => i.severity === 'error')
        const quick = monthlyRowPasses(r, m.month)
        if (quick) expect(errs, JSON.stringify(r)).toEqual([])
        if (quick) passed++
        if (errs.length) errors++
      }),
      { numRuns: RUNS * 20, seed: 5 },
    )
    // both verdicts were seen often: the property could have caught a quick check that says yes too soon
    expect(passed).toBeGreaterThan(RUNS)
    expect(errors).toBeGreaterThan(RUNS)
  })

  it('agrees with validateMonthly when any one number of a real month moves to the edge of a rule or bound', () => {
    const rows = ctx.sqlite.prepare(`SELECT * FROM monthly_report WHERE held = 1 AND d IS NOT NULL ORDER BY random() LIMIT 30`).all() as Record<string, unknown>[]
    expect(rows.length).toBeGreaterThan(10)
    let disagreements = 0
    let errors = 0
    for (const base of rows) {
      const around = [...new Set(NUMERIC_FIELDS.flatMap((k) => (typeof base[k] === 'number' ? [base[k] as number, (base[k] as number) + 1, (base[k] as number) - 1] : [])))]
      for (const k of NUMERIC_FIELDS) {
        for (const x of [...around, null, 0, -1, 0.5, 60, 61, 2000, 2001, 5000, 5001, 10_000, 10_001, NaN]) {
          const r = { ...base, [k]: x }
          const errs = validateMonthly(rowToValues(r), String(r.month)).filter((i) => i.severity === 'error')
          if (errs.length) errors++
          if (monthlyRowPasses(r, String(r.month)) && errs.length) disagreements++
        }
      }
    }
    expect(disagreements).toBe(0)
    expect(errors).toBeGreaterThan(100)
  })

  it('passes the demo’s months (closed months included), so they never reach validateMonthly', () => {
    const rows = ctx.sqlite.prepare(`SELECT * FROM monthly_report`).all() as Record<string, unknown>[]
    expect(rows.some((r) => r.held === 0)).toBe(true)
    for (const r of rows) expect(monthlyRowPasses(r, String(r.month)), JSON.stringify(r)).toBe(true)
  })
})
