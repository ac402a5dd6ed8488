import { msg, sayId, type Msg, type MsgParam } from '../messages'
/**
 * The expression language of report forms (validation rules and indicators), DHIS2-style:
 * `d <= s`, `n + t <= prev.d`, `d == n + t + o + b`, `if(s > 0, d / s, null)`.
 *
 * Small on purpose: a tokenizer, a recursive-descent parser to an AST (parsed once when a
 * form is saved or loaded) and a tree-walking evaluator — never `eval` or `Function`.
 * The renderer (as the operator types) and core (before saving) both use this module, so
 * they cannot disagree.
 *
 * Values are numbers, booleans or null. Null means "unknown" (a field not filled in, a
 * previous period without a report, a division by zero) and is never read as 0: arithmetic
 * and comparisons with null give null, `and`/`or`/`not` follow three-valued logic (false and
 * unknown = false; true or unknown = true). A rule that evaluates to null is "unknown": it
 * cannot be checked yet, and neither blocks nor passes silently.
 */

export type Value = number | boolean | null

export type BinaryOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or'

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  /** A field of this period (`d`) or of the previous one (`prev.d`). */
  | { kind: 'field'; key: string; prev: boolean }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'not'; arg: Expr }
  | { kind: 'bin'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] }

export type FunctionName = 'if' | 'isnull' | 'coalesce' | 'min' | 'max' | 'abs'

/** Arity of each function: [min, max]. */
const FUNCTIONS: Record<FunctionName, [number, number]> = {
  if: [3, 3],
  isnull: [1, 1],
  coalesce: [2, 8],
  min: [2, 8],
  max: [2, 8],
  abs: [1, 1],
}

export const MAX_EXPR_LENGTH = 1000

/** Words a field key may not be (they mean something in an expression). */
export const RESERVED_WORDS = ['and', 'or', 'not', 'true', 'false', 'null', 'prev', ...Object.keys(FUNCTIONS)]
const MAX_DEPTH = 40

/**
 * A refusal with the position (0-based) where it was found; the message is Bahasa Indonesia and
 * `msg` carries it by key (expr.*), so an English screen shows it in English.
 */
export class ExprError extends Error {
  constructor(
    readonly msg: Msg,
    readonly pos: number,
  ) {
    super(sayId(msg))
    this.name = 'ExprError'
  }
}

/* ---------- tokenizer ---------- */

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'end'; pos: number }

const OPS = ['<=', '>=', '==', '!=', '<>', '+', '-', '*', '/', '<', '>', '=', '(', ')', ',']

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
      continue
    }
    if (c >= '0' && c <= '9') {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!
      if (/^[A-Za-z_]/.test(src.slice(i + m[0].length))) throw new ExprError(msg('expr.numberLetter', { num: m[0] }), i)
      out.push({ t: 'num', v: Number(m[0]), pos: i })
      i += m[0].length
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?/.exec(src.slice(i))!
      out.push({ t: 'id', v: m[0], pos: i })
      i += m[0].length
      continue
    }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (!op) throw new ExprError(msg('expr.sign', { sign: c }), i)
    out.push({ t: 'op', v: op === '=' ? '==' : op === '<>' ? '!=' : op, pos: i })
    i += op.length
  }
  out.push({ t: 'end', pos: src.length })
  return out
}

/* ---------- parser ---------- */

const describe = (tok: Token): MsgParam => (tok.t === 'end' ? msg('expr.end') : `"${tok.t === 'num' ? tok.v : tok.v}"`)

/**
 * Parses an expression to its AST. Throws ExprError (with the position) on anything
 * malformed. Field names are not checked here: `compile` checks them against a form.
 */
export function parse(src: string): Expr {
  if (typeof src !== 'string' || !src.trim()) throw new ExprError(msg('expr.empty'), 0)
  if (src.length > MAX_EXPR_LENGTH) throw new ExprError(msg('expr.tooLong', { max: MAX_EXPR_LENGTH }), MAX_EXPR_LENGTH)
  const toks = tokenize(src)
  let p = 0
  let depth = 0
  const peek = () => toks[p]
  const isOp = (v: string) => peek().t === 'op' && (peek() as { v: string }).v === v
  const isWord = (w: string) => peek().t === 'id' && (peek() as { v: string }).v.toLowerCase() === w
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new ExprError(msg('expr.expected', { want: v, got: describe(peek()) }), peek().pos)
    p++
  }
  const nested = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExprError(msg('expr.tooDeep'), peek().pos)
    try {
      return f()
    } finally {
      depth--
    }
  }

  const orExpr = (): Expr =>
    nested(() => {
      let left = andExpr()
      while (isWord('or')) {
        p++
        left = { kind: 'bin', op: 'or', left, right: andExpr() }
      }
      return left
    })
  const andExpr = (): Expr => {
    let left = notExpr()
    while (isWord('and')) {
      p++
      left = { kind: 'bin', op: 'and', left, right: notExpr() }
    }
    return left
  }
  const notExpr = (): Expr => {
    if (isWord('not')) {
      p++
      return nested(() => ({ kind: 'not', arg: notExpr() }))
    }
    return comparison()
  }
  const comparison = (): Expr => {
    const left = additive()
    const t = peek()
    if (t.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      p++
      const right = additive()
      const n = peek()
      if (n.t === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(n.v)) {
        throw new ExprError(msg('expr.twoComparisons'), n.pos)
      }
      return { kind: 'bin', op: t.v as BinaryOp, left, right }
    }
    return left
  }
  const additive = (): Expr => {
    let left = multiplicative()
    while (isOp('+') || isOp('-')) {
      const op = (toks[p++] as { v: string }).v as BinaryOp
      left = { kind: 'bin', op, left, right: multiplicative() }
    }
    return left
  }
  const multiplicative = (): Expr => {
    let left = unary()
    while (isOp('*') || isOp('/')) {
      const op = (toks[p++] as { v: string }).v as BinaryOp
      left = { kind: 'bin', op, left, right: unary() }
    }
    return left
  }
  const unary = (): Expr => {
    if (isOp('-')) {
      p++
      return nested(() => ({ kind: 'neg', arg: unary() }))
    }
    return primary()
  }
  const primary = (): Expr => {
    const t = peek()
    if (t.t === 'num') {
      p++
      return { kind: 'num', value: t.v }
    }
    if (t.t === 'op' && t.v === '(') {
      p++
      const e = orExpr()
      expectOp(')')
      return e
    }
    if (t.t === 'id') {
      const word = t.v.toLowerCase()
      if (word === 'true' || word === 'false') return (p++, { kind: 'bool', value: word === 'true' })
      if (word === 'null') return (p++, { kind: 'null' })
      if (['and', 'or', 'not'].includes(word)) throw new ExprError(msg('expr.misplaced', { word: t.v }), t.pos)
      p++
      if (isOp('(')) {
        if (!(word in FUNCTIONS)) throw new ExprError(msg('expr.function', { name: t.v, list: Object.keys(FUNCTIONS).join(', ') }), t.pos)
        const fn = word as FunctionName
        p++
        const args: Expr[] = []
        if (!isOp(')')) {
          args.push(orExpr())
          while (isOp(',')) (p++, args.push(orExpr()))
        }
        expectOp(')')
        const [lo, hi] = FUNCTIONS[fn]
        if (args.length < lo || args.length > hi) {
          throw new ExprError(msg('expr.arguments', { fn, want: lo === hi ? String(lo) : `${lo}–${hi}`, given: args.length }), t.pos)
        }
        return { kind: 'call', fn, args }
      }
      const dot = t.v.indexOf('.')
      if (dot >= 0) {
        if (t.v.slice(0, dot).toLowerCase() !== 'prev') throw new ExprError(msg('expr.dot', { word: t.v }), t.pos)
        return { kind: 'field', key: t.v.slice(dot + 1), prev: true }
      }
      return { kind: 'field', key: t.v, prev: false }
    }
    throw new ExprError(msg('expr.operand', { got: describe(t) }), t.pos)
  }

  const e = orExpr()
  if (peek().t !== 'end') throw new ExprError(msg('expr.rest', { got: describe(peek()) }), peek().pos)
  return e
}

/* ---------- static checks ---------- */

export type ExprType = 'number' | 'boolean'

export interface CompileOptions {
  /** Field key → its type (booleans are yes/no fields). */
  fields: Record<string, ExprType>
  /** Whether `prev.<key>` may be used (false for forms without a previous period). */
  allowPrev?: boolean
  /** The type the whole expression must have (boolean for a rule, number for an indicator). */
  expect?: ExprType
}

/** An expression parsed once and checked against a form: evaluate it as often as needed. */
export interface Compiled {
  source: string
  ast: Expr
  type: ExprType | 'null'
  /** Fields it reads in this period and in the previous one (for "what is missing"). */
  fields: string[]
  prevFields: string[]
}

const TYPE_ID: Record<ExprType | 'null', Msg> = { number: msg('expr.type.number'), boolean: msg('expr.type.boolean'), null: msg('expr.type.null') }

/** Parses and type-checks. Throws ExprError with an Indonesian message on any problem. */
export function compile(source: string, opts: CompileOptions): Compiled {
  const ast = parse(source)
  const fields = new Set<string>()
  const prevFields = new Set<string>()
  const want = (e: Expr, t: ExprType, what: Msg) => {
    const got = typeOf(e)
    if (got !== 'null' && got !== t) throw new ExprError(msg('expr.mustBe', { what, want: TYPE_ID[t], got: TYPE_ID[got] }), 0)
  }
  const typeOf = (e: Expr): ExprType | 'null' => {
    switch (e.kind) {
      case 'num':
        return 'number'
      case 'bool':
        return 'boolean'
      case 'null':
        return 'null'
      case 'field': {
        const t = opts.fields[e.key]
        if (!t) {
          const known = Object.keys(opts.fields)
          throw new ExprError(known.length ? msg('expr.fieldKnown', { key: e.key, list: `${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` }) : msg('expr.field', { key: e.key }), 0)
        }
        if (e.prev && opts.allowPrev === false) throw new ExprError(msg('expr.noPrev', { key: e.key }), 0)
        ;(e.prev ? prevFields : fields).add(e.key)
        return t
      }
      case 'neg':
        want(e.arg, 'number', msg('expr.what.minus'))
        return 'number'
      case 'not':
        want(e.arg, 'boolean', msg('expr.what.not'))
        return 'boolean'
      case 'bin': {
        if (e.op === 'and' || e.op === 'or') {
          want(e.left, 'boolean', msg('expr.what.sides', { op: e.op }))
          want(e.right, 'boolean', msg('expr.what.sides', { op: e.op }))
          return 'boolean'
        }
        if (e.op === '==' || e.op === '!=') {
          const a = typeOf(e.left)
          const b = typeOf(e.right)
          if (a !== 'null' && b !== 'null' && a !== b) throw new ExprError(msg('expr.compares', { op: e.op, a: TYPE_ID[a], b: TYPE_ID[b] }), 0)
          return 'boolean'
        }
        const cmp = ['<', '<=', '>', '>='].includes(e.op)
        want(e.left, 'number', msg('expr.what.sides', { op: e.op }))
        want(e.right, 'number', msg('expr.what.sides', { op: e.op }))
        return cmp ? 'boolean' : 'number'
      }
      case 'call': {
        const ts = e.args.map(typeOf)
        switch (e.fn) {
          case 'isnull':
            return 'boolean'
          case 'abs':
            want(e.args[0], 'number', msg('expr.what.fn', { fn: 'abs' }))
            return 'number'
          case 'min':
          case 'max':
            e.args.forEach((a) => want(a, 'number', msg('expr.what.fn', { fn: e.fn })))
            return 'number'
          case 'if': {
            want(e.args[0], 'boolean', msg('expr.what.ifCondition'))
            const [, a, b] = ts
            if (a !== 'null' && b !== 'null' && a !== b) throw new ExprError(msg('expr.ifBranches', { a: TYPE_ID[a], b: TYPE_ID[b] }), 0)
            return a === 'null' ? b : a
          }
          case 'coalesce': {
            const known = ts.filter((t): t is ExprType => t !== 'null')
            if (new Set(known).size > 1) throw new ExprError(msg('expr.coalesce'), 0)
            return known[0] ?? 'null'
          }
        }
      }
    }
  }
  const type = typeOf(ast)
  if (opts.expect && type !== opts.expect) {
    throw new ExprError(msg(opts.expect === 'boolean' ? 'expr.ruleType' : 'expr.indicatorType', { got: TYPE_ID[type] }), 0)
  }
  return { source, ast, type, fields: [...fields], prevFields: [...prevFields] }
}

/* ---------- evaluation ---------- */

/** Values of this period and of the previous one; a missing key is unknown (null). */
export interface Scope {
  current: Record<string, unknown>
  previous?: Record<string, unknown> | null
}

const asValue = (v: unknown): Value => (typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'boolean' ? v : null)

export function evaluate(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'num':
    case 'bool':
      return e.value
    case 'null':
      return null
    case 'field':
      return asValue(e.prev ? scope.previous?.[e.key] : scope.current[e.key])
    case 'neg': {
      const v = evaluate(e.arg, scope)
      return typeof v === 'number' ? -v : null
    }
    case 'not': {
      const v = evaluate(e.arg, scope)
      return typeof v === 'boolean' ? !v : null
    }
    case 'bin': {
      if (e.op === 'and' || e.op === 'or') {
        const a = evaluate(e.left, scope)
        // Short-circuit only on a decided value; unknown still looks at the other side.
        if (e.op === 'and' && a === false) return false
        if (e.op === 'or' && a === true) return true
        const b = evaluate(e.right, scope)
        if (e.op === 'and') return b === false ? false : a === true && b === true ? true : null
        return b === true ? true : a === false && b === false ? false : null
      }
      const a = evaluate(e.left, scope)
      const b = evaluate(e.right, scope)
      if (a === null || b === null) return null
      if (e.op === '==') return a === b
      if (e.op === '!=') return a !== b
      if (typeof a !== 'number' || typeof b !== 'number') return null
      switch (e.op) {
        case '+':
          return a + b
        case '-':
          return a - b
        case '*':
          return a * b
        case '/':
          return b === 0 ? null : a / b
        case '<':
          return a < b
        case '<=':
          return a <= b
        case '>':
          return a > b
        case '>=':
          return a >= b
      }
      return null
    }
    case 'call': {
      switch (e.fn) {
        case 'if': {
          const c = evaluate(e.args[0], scope)
          if (c === null) return null
          return evaluate(c ? e.args[1] : e.args[2], scope)
        }
        case 'isnull':
          return evaluate(e.args[0], scope) === null
        case 'coalesce': {
          for (const a of e.args) {
            const v = evaluate(a, scope)
            if (v !== null) return v
          }
          return null
        }
        case 'abs': {
          const v = evaluate(e.args[0], scope)
          return typeof v === 'number' ? Math.abs(v) : null
        }
        case 'min':
        case 'max': {
          const vs = e.args.map((a) => evaluate(a, scope))
          if (vs.some((v) => typeof v !== 'number')) return null
          return e.fn === 'min' ? Math.min(...(vs as number[])) : Math.max(...(vs as number[]))
        }
      }
    }
  }
}

/** A rule's verdict: pass, fail, or unknown (some value it needs is missing). */
export type Verdict = 'pass' | 'fail' | 'unknown'

export function verdict(c: Compiled | Expr, scope: Scope): Verdict {
  const v = evaluate('ast' in c ? c.ast : c, scope)
  return v === true ? 'pass' : v === false ? 'fail' : 'unknown'
}

/* ---------- printing ---------- */

const PREC: Record<BinaryOp, number> = { or: 1, and: 2, '==': 4, '!=': 4, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 }

/** Canonical text of an AST (parses back to the same AST). */
export function print(e: Expr, parentPrec = 0): string {
  const wrap = (s: string, prec: number) => (prec < parentPrec ? `(${s})` : s)
  switch (e.kind) {
    case 'num':
      return String(e.value)
    case 'bool':
      return String(e.value)
    case 'null':
      return 'null'
    case 'field':
      return e.prev ? `prev.${e.key}` : e.key
    case 'neg':
      return wrap(`-${print(e.arg, 7)}`, 7)
    case 'not':
      return wrap(`not ${print(e.arg, 3)}`, 3)
    case 'bin': {
      const p = PREC[e.op]
      // Left-associative: the right side needs brackets at equal precedence; comparisons never chain.
      const cmp = p === 4
      return wrap(`${print(e.left, cmp ? p + 1 : p)} ${e.op} ${print(e.right, p + 1)}`, p)
    }
    case 'call':
      return `${e.fn}(${e.args.map((a) => print(a, 0)).join(', ')})`
  }
}

/** Position-aware message: "posisi 5: diharapkan ")"". */
export function describeError(err: unknown, source: string): string {
  return sayId(describeErrorMsg(err, source))
}

/** The same by key (the expression's own error too: `ExprError.msg`). */
export function describeErrorMsg(err: unknown, source: string): Msg {
  if (!(err instanceof ExprError)) throw err
  const src = source.length > 60 ? `${source.slice(0, 57)}…` : source
  return err.pos > 0 && err.pos < source.length ? msg('formCheck.exprAt', { src, why: err.msg, pos: err.pos + 1 }) : msg('formCheck.expr', { src, why: err.msg })
}
