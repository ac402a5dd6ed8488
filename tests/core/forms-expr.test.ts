import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compile, evaluate, ExprError, parse, print, verdict, type Expr } from '../../src/shared/forms/expr'
import { checkForm, compileForm, validateValues, type FormDef } from '../../src/shared/forms/form'

/* An independent reference: unknown is `undefined`, logic by truth tables, no shared code. */
type R = number | boolean | undefined
const AND: Record<string, R> = { tt: true, tf: false, tu: undefined, ft: false, ff: false, fu: false, ut: undefined, uf: false, uu: undefined }
const OR: Record<string, R> = { tt: true, tf: true, tu: true, ft: true, ff: false, fu: undefined, ut: true, uf: undefined, uu: undefined }
const letter = (v: R) => (v === true ? 't' : v === false ? 'f' : 'u')

function reference(e: Expr, cur: Record<string, unknown>, prev: Record<string, unknown> | null): R {
  const get = (src: Record<string, unknown> | null, k: string): R => {
    const v = src ? src[k] : undefined
    return typeof v === 'number' || typeof v === 'boolean' ? v : undefined
  }
  const r = (x: Expr) => reference(x, cur, prev)
  switch (e.kind) {
    case 'num':
    case 'bool':
      return e.value
    case 'null':
      return undefined
    case 'field':
      return get(e.prev ? prev : cur, e.key)
    case 'neg': {
      const v = r(e.arg)
      return v === undefined ? undefined : -(v as number)
    }
    case 'not': {
      const v = r(e.arg)
      return v === undefined ? undefined : !v
    }
    case 'bin': {
      const a = r(e.left)
      const b = r(e.right)
      if (e.op === 'and') return AND[letter(a) + letter(b)]
      if (e.op === 'or') return OR[letter(a) + letter(b)]
      if (a === undefined || b === undefined) return undefined
      const x = a as number
      const y = b as number
      const table: Record<string, () => R> = {
        '+': () => x + y,
        '-': () => x - y,
        '*': () => x * y,
        '/': () => (y === 0 ? undefined : x / y),
        '<': () => x < y,
        '<=': () => x <= y,
        '>': () => x > y,
        '>=': () => x >= y,
        '==': () => a === b,
        '!=': () => a !== b,
      }
      return table[e.op]()
    }
    case 'call': {
      const vs = e.args.map(r)
      if (e.fn === 'if') return vs[0] === undefined ? undefined : vs[0] ? vs[1] : vs[2]
      if (e.fn === 'isnull') return vs[0] === undefined
      if (e.fn === 'coalesce') return vs.find((v) => v !== undefined)
      if (e.fn === 'abs') return vs[0] === undefined ? undefined : Math.abs(vs[0] as number)
      if (vs.some((v) => v === undefined)) return undefined
      return e.fn === 'min' ? Math.min(...(vs as number[])) : Math.max(...(vs as number[]))
    }
  }
}

const NUM_FIELDS = ['s', 'k', 'd', 'n', 't', 'o', 'b']
const BOOL_FIELDS = ['buka', 'rujuk']
const fieldTypes = { ...Object.fromEntries(NUM_FIELDS.map((k) => [k, 'number' as const])), ...Object.fromEntries(BOOL_FIELDS.map((k) => [k, 'boolean' as const])) }

/** Well-typed random expressions: numeric ones and boolean ones. */
const { num: numExpr, bool: boolExpr } = fc.letrec<{ num: Expr; bool: Expr }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 60 }).map((value): Expr => ({ kind: 'num', value })),
    fc.record({ key: fc.constantFrom(...NUM_FIELDS), prev: fc.boolean() }).map((f): Expr => ({ kind: 'field', ...f })),
    fc.record({ op: fc.constantFrom('+', '-', '*', '/'), left: tie('num'), right: tie('num') }).map((b): Expr => ({ kind: 'bin', ...(b as { op: '+'; left: Expr; right: Expr }) })),
    tie('num').map((arg): Expr => ({ kind: 'neg', arg })),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, a, b]): Expr => ({ kind: 'call', fn: 'if', args: [c, a, b] })),
    fc.tuple(tie('num'), tie('num')).map((args): Expr => ({ kind: 'call', fn: 'coalesce', args })),
    fc.tuple(fc.constantFrom('min' as const, 'max' as const), tie('num'), tie('num')).map(([fn, a, b]): Expr => ({ kind: 'call', fn, args: [a, b] })),
    tie('num').map((a): Expr => ({ kind: 'call', fn: 'abs', args: [a] })),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean().map((value): Expr => ({ kind: 'bool', value })),
    fc.record({ key: fc.constantFrom(...BOOL_FIELDS), prev: fc.boolean() }).map((f): Expr => ({ kind: 'field', ...f })),
    fc.record({ op: fc.constantFrom('<', '<=', '>', '>=', '==', '!='), left: tie('num'), right: tie('num') }).map((b): Expr => ({ kind: 'bin', ...(b as { op: '<'; left: Expr; right: Expr }) })),
    fc.record({ op: fc.constantFrom('and', 'or'), left: tie('bool'), right: tie('bool') }).map((b): Expr => ({ kind: 'bin', ...(b as { op: 'and'; left: Expr; right: Expr }) })),
    tie('bool').map((arg): Expr => ({ kind: 'not', arg })),
    tie('num').map((a): Expr => ({ kind: 'call', fn: 'isnull', args: [a] })),
  ),
}))

const valueFor = (k: string) => (BOOL_FIELDS.includes(k) ? fc.option(fc.boolean(), { nil: null }) : fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }))
const record = fc.record(Object.fromEntries([...NUM_FIELDS, ...BOOL_FIELDS].map((k) => [k, valueFor(k)])))
const same = (a: unknown, b: unknown) => (a === null ? b === undefined : Object.is(a, b) || a === b)

describe('expression language', () => {
  it('a printed expression parses back to the same tree, and evaluates as the reference does (5,000 random cases)', () => {
    fc.assert(
      fc.property(fc.oneof(numExpr, boolExpr), record, fc.option(record, { nil: null }), (ast, cur, prev) => {
        const text = print(ast)
        const parsed = parse(text)
        expect(parsed).toEqual(ast)
        const c = compile(text, { fields: fieldTypes })
        const got = evaluate(c.ast, { current: cur, previous: prev })
        const want = reference(ast, cur, prev)
        if (!same(got, want)) throw new Error(`${text}: got ${got}, reference ${want}`)
      }),
      { numRuns: 5000 },
    )
  })

  it('a rule gives the same verdict through the form check (what the grid and the save both call) as the reference', () => {
    const form = (expr: string): FormDef => ({
      code: 'T1',
      version: 1,
      name: { id: 'Uji', en: 'Test' },
      periodType: 'monthly',
      source: 'uji',
      sections: [{ id: 'a', label: { id: 'A', en: 'A' } }],
      fields: [...NUM_FIELDS.map((key) => ({ key, section: 'a', label: { id: key, en: key }, type: 'integer' as const })), ...BOOL_FIELDS.map((key) => ({ key, section: 'a', label: { id: key, en: key }, type: 'yesno' as const }))],
      rules: [{ id: 'r', expr, importance: 'error', message: { id: 'salah', en: 'wrong' } }],
      indicators: [],
    })
    fc.assert(
      fc.property(boolExpr, fc.array(fc.tuple(record, fc.option(record, { nil: null })), { minLength: 5, maxLength: 5 }), (ast, inputs) => {
        const cf = compileForm(form(print(ast)))
        for (const [cur, prev] of inputs) {
          const failed = validateValues(cf, cur, prev).some((i) => i.rule === 'r')
          const want = reference(ast, cur, prev)
          expect(failed).toBe(want === false)
          expect(verdict(cf.rules[0].compiled, { current: cur, previous: prev })).toBe(want === true ? 'pass' : want === false ? 'fail' : 'unknown')
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('missing values are unknown, never 0', () => {
    const c = compile('n + t <= prev.d', { fields: fieldTypes, expect: 'boolean' })
    expect(verdict(c, { current: { n: 20, t: 5 }, previous: { d: 10 } })).toBe('fail')
    expect(verdict(c, { current: { n: 5, t: 5 }, previous: { d: 10 } })).toBe('pass')
    expect(verdict(c, { current: { n: 20, t: 5 }, previous: null })).toBe('unknown')
    expect(verdict(c, { current: { n: 20 }, previous: { d: 10 } })).toBe('unknown')
    const ds = compile('d / s', { fields: fieldTypes, expect: 'number' })
    expect(evaluate(ds.ast, { current: { d: 5, s: 0 } })).toBeNull()
    expect(evaluate(compile('d > 0 or isnull(s)', { fields: fieldTypes }).ast, { current: { d: 0 } })).toBe(true)
    expect(evaluate(compile('d > 0 and s > 0', { fields: fieldTypes }).ast, { current: { d: 0 } })).toBe(false)
    expect(evaluate(compile('D = N + T + O + B'.toLowerCase(), { fields: fieldTypes }).ast, { current: { d: 4, n: 1, t: 1, o: 1, b: 1 } })).toBe(true)
  })

  it('refuses malformed expressions with a position and an Indonesian message, and never throws anything else', () => {
    const bad = ['', 'd <=', 'd <= s <= k', '(d + s', 'd + * s', 'foo(d)', 'if(d > 1, 2)', 'x.d', 'd $ s', '3d', 'and d', 'd s', ')']
    for (const b of bad) expect(() => parse(b), b).toThrow(ExprError)
    expect(() => parse('('.repeat(200) + 'd' + ')'.repeat(200))).toThrow(/bertingkat/)
    expect(() => parse(`d + ${'1 + '.repeat(400)}1`)).toThrow(/terlalu panjang/)
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ds01 .+-*/<>=!(),prevandornotifnull'.split('')), maxLength: 30 }), (s) => {
        try {
          print(parse(s))
        } catch (e) {
          if (!(e instanceof ExprError)) throw e
        }
      }),
      { numRuns: 3000 },
    )
  })

  it('type errors and unknown fields are refused when a form is saved, not when data is', () => {
    const base: FormDef = {
      code: 'SKDN',
      version: 1,
      name: { id: 'SKDN', en: 'SKDN' },
      periodType: 'monthly',
      source: 'uji',
      sections: [{ id: 'skdn', label: { id: 'SKDN', en: 'SKDN' } }],
      fields: ['s', 'd', 'n', 't'].map((key) => ({ key, section: 'skdn', label: { id: key.toUpperCase(), en: key.toUpperCase() }, type: 'integer' as const })),
      rules: [],
      indicators: [],
    }
    expect(checkForm(base)).toEqual([])
    const withRule = (expr: string) => checkForm({ ...base, rules: [{ id: 'r1', expr, importance: 'error', message: { id: 'x', en: 'x' } }] })
    expect(withRule('n + t <= prev.d')).toEqual([])
    expect(withRule('d <= x')[0].message).toMatch(/isian "x" tidak ada/)
    expect(withRule('d + s')[0].message).toMatch(/benar\/salah/)
    expect(withRule('d <= (s')[0].message).toMatch(/diharapkan "\)"/)
    expect(withRule('(d < s) + 1')[0].message).toMatch(/harus angka/)
    const ind = checkForm({ ...base, indicators: [{ id: 'ds', label: { id: 'D/S', en: 'D/S' }, numerator: 'd', denominator: 's >', unit: '%' }] })
    expect(ind[0].message).toMatch(/penyebut/)
  })
})
