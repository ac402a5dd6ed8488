import type { z } from 'zod'

/**
 * The fast path of the row check (issue 17): a plain-JS test compiled ONCE from the very zod
 * schemas of a table's row (its policy's columns, the travelling columns, the SQL types),
 * so there is no second copy of the rules. It only ever answers "this row certainly passes
 * the schema" (true) or "ask zod" (false): a row it cannot prove valid is parsed by the zod
 * schema, which alone writes the messages. Soundness — true only where zod finds no issue —
 * is what tests/core/fast-check.test.ts tries to break.
 *
 * Reads zod 4's schema definitions (`_zod.def`): type, inner types, union options, literal and
 * enum values, and the checks (length, regex, bounds, integer). Refinements (NIK, NIP, dates,
 * JSON) run their own check function from the schema. Anything it does not know is tested by
 * that column's zod schema (still one source of truth, only slower).
 */
export type ValueTest = (v: unknown) => boolean

interface ZodCheckLike {
  _zod: { def: Record<string, unknown> & { check: string }; check: (payload: { value: unknown; issues: unknown[] }) => unknown }
}
interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string; checks?: ZodCheckLike[] }; values?: Set<unknown> }
  safeParse(v: unknown): { success: boolean }
}

/**
 * Refinement functions known to depend on nothing but the value (the calendar check of a date):
 * a column whose test calls only these and zod's own checks may remember the last text it
 * accepted, and pass the same text again without testing it (scope, origin, a posyandu id, a
 * month: the same in row after row of a bundle).
 */
const PURE = new WeakSet<object>()
export function pureRefinement<F extends (v: never) => unknown>(fn: F): F {
  PURE.add(fn)
  return fn
}

/**
 * A refinement's own quick test (a NIK's: `nikPasses`): pure, and true only where the
 * refinement — the last check of `schema` — adds no issue. The compiled test asks it first and
 * lets zod run the refinement only when it says no, so the refinement alone writes the messages.
 */
const QUICK = new WeakMap<object, ValueTest>()
export function withQuickTest<T extends z.ZodType>(schema: T, quick: (v: string) => boolean): T {
  const checks = (schema as unknown as ZodLike)._zod.def.checks
  const last = checks?.[checks.length - 1]
  if (!last) throw new Error('withQuickTest: the schema has no check')
  QUICK.set(last, quick as ValueTest)
  return schema
}

/** Runs one zod check itself on a value; passes when it reports nothing (and returns no promise). */
function runCheck(check: ZodCheckLike, v: unknown): boolean {
  const payload = { value: v, issues: [] as unknown[] }
  const r = check._zod.check(payload)
  return payload.issues.length === 0 && !(r instanceof Promise)
}

/**
 * The generated source refers to values it cannot write as literals (regexes, value sets,
 * refinement functions) as constants `R0`, `R1` … of its closure.
 */
class Source {
  readonly refs: unknown[] = []
  /** Whether the expression being built calls a function that may depend on more than the value. */
  impure = false
  ref(x: unknown): string {
    this.refs.push(x)
    return `R${this.refs.length - 1}`
  }
  num(x: number): string {
    return Number.isFinite(x) && !Object.is(x, -0) ? String(x) : this.ref(x)
  }
  /** A call to a test that decides the value by zod's own code (`pure`: depends on the value alone). */
  call(test: ValueTest, v: string, pure: boolean): string {
    if (!pure) this.impure = true
    return `${this.ref(test)}(${v})`
  }
}

/** An expression over `v` (a string, already type-checked) that is true only when the check passes; null: unknown check. */
function checkExpr(src: Source, check: ZodCheckLike, v: string): string | null {
  const d = check._zod.def
  // zod's own checks depend on the value alone; a custom one (superRefine) may not
  const zodDecides = () => src.call((x) => runCheck(check, x), v, d.check !== 'custom' || (typeof d.fn === 'function' && PURE.has(d.fn)))
  switch (d.check) {
    // zod measures text in code points: within the bound in UTF-16 units is within it in code points; otherwise zod counts.
    case 'max_length':
      return `(${v}.length <= ${src.num(d.maximum as number)} || ${zodDecides()})`
    case 'min_length':
      return `(${v}.length >= ${src.num(2 * (d.minimum as number))} || ${zodDecides()})`
    case 'string_format': {
      const pattern = d.pattern as RegExp | undefined
      if (d.format !== 'regex' || !pattern) return zodDecides()
      const r = src.ref(pattern)
      return pattern.global || pattern.sticky ? `(${r}.lastIndex = 0, ${r}.test(${v}))` : `${r}.test(${v})`
    }
    case 'greater_than':
      return typeof d.value === 'number' ? `${v} ${d.inclusive ? '>=' : '>'} ${src.num(d.value)}` : null
    case 'less_than':
      return typeof d.value === 'number' ? `${v} ${d.inclusive ? '<=' : '<'} ${src.num(d.value)}` : null
    case 'number_format':
      return d.format === 'safeint' ? `Number.isSafeInteger(${v})` : zodDecides()
    // refine: its own function, which passes the value when it returns true (anything else: zod decides);
    // superRefine (a bare check function): run as zod runs it
    case 'custom': {
      const quick = QUICK.get(check)
      if (quick) return `(${src.ref(quick)}(${v}) === true || ${zodDecides()})`
      if (typeof d.fn !== 'function') return zodDecides()
      if (!PURE.has(d.fn)) src.impure = true
      return `(${src.ref(d.fn)}(${v}) === true || ${zodDecides()})`
    }
    default:
      // overwrite (trim, case …) or a check not known here: the column's zod schema decides
      return null
  }
}

/** An expression over `v` that is true only when `schema` accepts it. */
function valueExpr(src: Source, schema: z.ZodType, v: string): string {
  const s = schema as unknown as ZodLike
  const def = s._zod.def
  const whole = () => src.call((x) => s.safeParse(x).success, v, false)
  let base: string
  switch (def.type) {
    case 'nullable': {
      const inner = valueExpr(src, def.innerType as z.ZodType, v)
      // a nullable of a nullable (a column's own nullable schema made nullable again) tests null once
      base = inner.startsWith(`(${v} === null || `) ? inner : `(${v} === null || ${inner})`
      break
    }
    case 'null':
      base = `${v} === null`
      break
    case 'union':
      if (def.inclusive === false || def.discriminator !== undefined) return whole()
      base = `(${(def.options as z.ZodType[]).map((o) => valueExpr(src, o, v)).join(' || ')})`
      break
    case 'literal':
    case 'enum': {
      const values = s._zod.values
      if (!values) return whole()
      const list = [...values]
      base =
        list.length <= 8 && list.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x) && !Object.is(x, -0)) || typeof x === 'boolean' || x === null)
          ? `(${list.map((x) => `${v} === ${JSON.stringify(x)}`).join(' || ')})`
          : `${src.ref(values)}.has(${v})`
      break
    }
    case 'string':
      if (def.coerce || def.format !== undefined) return whole()
      base = `typeof ${v} === "string"`
      break
    case 'number':
      if (def.coerce || (def.format !== undefined && def.format !== 'safeint')) return whole()
      base = `(typeof ${v} === "number" && Number.isFinite(${v}))`
      break
    default:
      return whole()
  }
  const parts = [base]
  for (const check of def.checks ?? []) {
    const e = checkExpr(src, check, v)
    if (e === null) return whole()
    parts.push(e)
  }
  // a safe integer is a finite number: the integer check stands for the number test
  const safeint = `Number.isSafeInteger(${v})`
  if (def.type === 'number' && parts.includes(safeint)) parts.splice(0, 1)
  return parts.length === 1 ? parts[0] : `(${parts.join(' && ')})`
}

export interface RowTest {
  (row: Record<string, unknown>, skip?: Set<string>): boolean
  /** The test with the columns of `skip` (as it holds them now) left out, for rows that all skip the same set. */
  forSkip(skip?: ReadonlySet<string>): (row: Record<string, unknown>) => boolean
}

/**
 * A row test from the columns of a strict object, generated as one plain function: true when
 * the row is a plain object with no column the table lacks and every column (other than the
 * skipped ones, whose problems the caller ignores) passes.
 */
export function compileRowTest(shape: Record<string, z.ZodType>): RowTest {
  const usual = compileFor(shape, new Set())
  // One test compiled per set of skipped columns (a receiver's hidden columns: the same few sets
  // row after row of a bundle), so a skipped column costs nothing instead of a lookup per column.
  const byNames = new Map<string, (row: Record<string, unknown>) => boolean>()
  const forSkip = (skip?: ReadonlySet<string>) => {
    if (skip === undefined || skip.size === 0) return usual
    const names = [...skip].sort()
    let test = byNames.get(names.join('\n'))
    if (!test) byNames.set(names.join('\n'), (test = compileFor(shape, new Set(names))))
    return test
  }
  const bySkip = new WeakMap<Set<string>, { names: string[]; test: (row: Record<string, unknown>) => boolean }>()
  const test = (row: Record<string, unknown>, skip?: Set<string>) => {
    if (skip === undefined || skip.size === 0) return usual(row)
    let hit = bySkip.get(skip)
    // The same set still (a Set may have changed since): as many names, each of them in it.
    if (!hit || hit.names.length !== skip.size || !hit.names.every((k) => skip.has(k))) bySkip.set(skip, (hit = { names: [...skip].sort(), test: forSkip(skip) }))
    return hit.test(row)
  }
  return Object.assign(test, { forSkip })
}

/** The row test with the columns of `skip` left out (their problems the caller ignores); they may be missing. */
function compileFor(shape: Record<string, z.ZodType>, skip: ReadonlySet<string>): (row: Record<string, unknown>) => boolean {
  const src = new Source()
  const keys = Object.keys(shape)
  const known = src.ref(new Set(keys))
  const lines: string[] = []
  const memos: string[] = []
  const skipped: string[] = []
  keys.forEach((k, i) => {
    const key = JSON.stringify(k)
    if (skip.has(k)) {
      skipped.push(key)
      return
    }
    const v = `v${i}`
    src.impure = false
    const expr = valueExpr(src, shape[k], v)
    // A pure test that does more than a type check remembers the last text it passed (L<i>).
    const memo = !src.impure && /\.test\(|R\d+\(/.test(expr)
    if (memo) memos.push(`let L${i} = NONE`)
    const test = memo ? `if (${v} !== L${i}) { if (!${expr}) return false; if (typeof ${v} === "string") L${i} = ${v} }` : `if (!${expr}) return false`
    lines.push(`const ${v} = row[${key}]`, test)
  })
  // Counting the keys proves there is no stranger among them when every column is there (each
  // tested column refuses undefined; a skipped one is proved there by \`in\`, none being named
  // like an Object property). A column may take undefined (optional) or be named like an Object
  // property: then each key is looked up.
  const countable = keys.every((k) => !(k in Object.prototype) && (skip.has(k) || !(shape[k] as unknown as ZodLike).safeParse(undefined).success))
  const present = skipped.map((key) => ` && ${key} in row`).join('')
  const body = `
    if (typeof row !== "object" || row === null || Array.isArray(row)) return false
    const proto = Object.getPrototypeOf(row)
    if (proto !== Object.prototype && proto !== null) return false
    if (${!countable}) { for (const k in row) if (!${known}.has(k)) return false }
    else { let n = 0; for (const k in row) n++; if (!(n === ${keys.length}${present})) { for (const k in row) if (!${known}.has(k)) return false } }
    try {
      ${lines.join('\n      ')}
    } catch {
      return false
    }
    return true`
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated once per table (and skipped set) from its schemas (see above)
  // each reference a constant of the closure (R0, R1 …): cheaper to reach than R[i] before V8 optimises the test
  const consts = [...src.refs.map((_, i) => `const R${i} = R[${i}]`), 'const NONE = {}', ...memos].join('\n')
  return new Function('R', `${consts}\nreturn function rowTest(row) {${body}\n}`)(src.refs) as (row: Record<string, unknown>) => boolean
}
