// A small OData v4 $filter parser and evaluator covering what Microsoft Graph accepts on directory objects:
// eq/ne/gt/ge/lt/le, in (...), startswith/endswith, not, and/or, parentheses, string/boolean/null/number
// literals ('' escapes a quote). String comparison is case-insensitive, as in the directory.

/** A query error in Graph's terms (status, error code and message). */
export class ODataQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
    this.name = 'ODataQueryError'
  }
}

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'number'; value: number }
  | { type: 'null' }

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'cmp'; op: CompareOp; prop: string; value: Literal }
  | { kind: 'in'; prop: string; values: Literal[] }
  | { kind: 'func'; name: 'startswith' | 'endswith' | 'contains'; prop: string; value: Literal }

type Token =
  { t: 'str'; v: string; pos: number } | { t: 'word'; v: string; pos: number } | { t: '(' | ')' | ','; pos: number }

function syntaxError(text: string, pos: number, detail?: string): ODataQueryError {
  const ch = text[pos]
  const what = detail ?? (ch === undefined ? 'unexpected end of expression' : `character '${ch}' is not valid`)
  return new ODataQueryError(
    'BadRequest',
    `Invalid filter clause: Syntax error: ${what} at position ${pos} in '${text}'.`
  )
}

function tokenize(text: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i] as string
    if (/\s/.test(ch)) {
      i++
    } else if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ t: ch, pos: i })
      i++
    } else if (ch === "'") {
      const start = i
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw syntaxError(text, start, 'unterminated string literal')
        const c = text[i] as string
        if (c === "'") {
          if (text[i + 1] === "'") {
            value += "'"
            i += 2
            continue
          }
          i++
          break
        }
        value += c
        i++
      }
      out.push({ t: 'str', v: value, pos: start })
    } else if (/[A-Za-z0-9_.$/:@+-]/.test(ch)) {
      const start = i
      while (i < text.length && /[A-Za-z0-9_.$/:@+-]/.test(text[i] as string)) i++
      out.push({ t: 'word', v: text.slice(start, i), pos: start })
    } else {
      throw syntaxError(text, i)
    }
  }
  return out
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])
const FUNCTIONS = new Set<string>(['startswith', 'endswith', 'contains'])

/** Parses a $filter expression; throws ODataQueryError (400) on a syntax error or an unsupported construct. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text)
  let p = 0
  const peek = (): Token | undefined => tokens[p]
  const posOf = (tok: Token | undefined): number => (tok ? tok.pos : text.length)
  const isWord = (tok: Token | undefined, w: string): boolean => tok?.t === 'word' && tok.v.toLowerCase() === w
  const expect = (t: '(' | ')' | ','): void => {
    const tok = peek()
    if (tok?.t !== t) throw syntaxError(text, posOf(tok), tok ? undefined : `expected '${t}'`)
    p++
  }
  const property = (): string => {
    const tok = peek()
    if (tok?.t !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(tok.v)) {
      throw syntaxError(text, posOf(tok), tok ? undefined : 'expected a property name')
    }
    if (tok.v.includes('/')) {
      throw new ODataQueryError(
        'Request_UnsupportedQuery',
        `Unsupported Query. The property path '${tok.v}' is not supported.`
      )
    }
    p++
    return tok.v
  }
  const literal = (): Literal => {
    const tok = peek()
    if (!tok) throw syntaxError(text, text.length, 'expected a literal')
    if (tok.t === 'str') {
      p++
      return { type: 'string', value: tok.v }
    }
    if (tok.t === 'word') {
      const w = tok.v.toLowerCase()
      if (w === 'true' || w === 'false') {
        p++
        return { type: 'boolean', value: w === 'true' }
      }
      if (w === 'null') {
        p++
        return { type: 'null' }
      }
      if (/^-?\d+(\.\d+)?$/.test(tok.v)) {
        p++
        return { type: 'number', value: Number(tok.v) }
      }
    }
    throw syntaxError(text, tok.pos)
  }
  const primary = (): FilterNode => {
    const tok = peek()
    if (!tok) throw syntaxError(text, text.length)
    if (tok.t === '(') {
      p++
      const inner = orExpr()
      expect(')')
      return inner
    }
    if (tok.t === 'word' && tokens[p + 1]?.t === '(') {
      const name = tok.v.toLowerCase()
      if (!FUNCTIONS.has(name)) {
        throw new ODataQueryError(
          'Request_UnsupportedQuery',
          `Unsupported Query. The function '${tok.v}' is not supported.`
        )
      }
      p += 2
      const prop = property()
      expect(',')
      const value = literal()
      expect(')')
      return { kind: 'func', name: name as 'startswith' | 'endswith' | 'contains', prop, value }
    }
    const prop = property()
    const opTok = peek()
    if (opTok?.t !== 'word') throw syntaxError(text, posOf(opTok), opTok ? undefined : 'expected an operator')
    const op = opTok.v.toLowerCase()
    p++
    if (op === 'in') {
      expect('(')
      const values: Literal[] = [literal()]
      while (peek()?.t === ',') {
        p++
        values.push(literal())
      }
      expect(')')
      return { kind: 'in', prop, values }
    }
    if (!COMPARE_OPS.has(op)) {
      throw new ODataQueryError(
        'BadRequest',
        `Invalid filter clause: Syntax error: '${opTok.v}' is not a supported operator at position ${opTok.pos} in '${text}'.`
      )
    }
    return { kind: 'cmp', op: op as CompareOp, prop, value: literal() }
  }
  const unary = (): FilterNode => {
    if (isWord(peek(), 'not')) {
      p++
      return { kind: 'not', operand: unary() }
    }
    return primary()
  }
  const andExpr = (): FilterNode => {
    let left = unary()
    while (isWord(peek(), 'and')) {
      p++
      left = { kind: 'and', left, right: unary() }
    }
    return left
  }
  const orExpr = (): FilterNode => {
    let left = andExpr()
    while (isWord(peek(), 'or')) {
      p++
      left = { kind: 'or', left, right: andExpr() }
    }
    return left
  }
  if (tokens.length === 0) throw new ODataQueryError('BadRequest', 'Invalid filter clause: the expression is empty.')
  const node = orExpr()
  if (p < tokens.length) throw syntaxError(text, posOf(peek()))
  return node
}

export type EdmType = 'string' | 'boolean' | 'datetime' | 'collection'

export interface PropertyDef {
  /** Canonical (camelCase) property name. */
  name: string
  type: EdmType
}

/** What a $filter may refer to on one entity type. */
export interface FilterSchema<T> {
  /** e.g. microsoft.graph.user (used in error messages). */
  typeName: string
  /** Lower-case property name -> definition. */
  props: ReadonlyMap<string, PropertyDef>
  /** Value of a property of an object (undefined when the object does not have it). */
  get(obj: T, name: string): unknown
}

export interface CompileOptions {
  /** Advanced query capabilities (ConsistencyLevel: eventual) enable ne, not and endswith. */
  advanced: boolean
}

const EDM: Record<EdmType | Literal['type'], string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  datetime: 'Edm.DateTimeOffset',
  collection: 'Collection(Edm.String)',
  number: 'Edm.Int32',
  null: 'null'
}
const OP_KIND: Record<CompareOp | 'in', string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  in: 'In'
}

function resourceName(typeName: string): string {
  const short = typeName.replace(/^microsoft\.graph\./, '')
  return short.charAt(0).toUpperCase() + short.slice(1)
}

/** Turns a parsed filter into a predicate, validating properties, types and supported operators. */
export function compileFilter<T>(
  node: FilterNode,
  schema: FilterSchema<T>,
  options: CompileOptions
): (obj: T) => boolean {
  const unsupported = (prop: string): ODataQueryError =>
    new ODataQueryError(
      'Request_UnsupportedQuery',
      `Unsupported or invalid query filter clause specified for property '${prop}' of resource '${resourceName(schema.typeName)}'.`
    )
  const lookup = (prop: string): PropertyDef => {
    const def = schema.props.get(prop.toLowerCase())
    if (!def)
      throw new ODataQueryError('BadRequest', `Could not find a property named '${prop}' on type '${schema.typeName}'.`)
    return def
  }
  const checkType = (def: PropertyDef, lit: Literal, op: CompareOp | 'in'): void => {
    if (lit.type === 'null') return
    const ok = (def.type === 'string' || def.type === 'datetime') && lit.type === 'string'
    if (ok || def.type === lit.type) return
    throw new ODataQueryError(
      'BadRequest',
      `A binary operator with incompatible types was detected. Found operand types '${EDM[def.type]}' and '${EDM[lit.type]}' for operator kind '${OP_KIND[op]}'.`
    )
  }
  const norm = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v === undefined ? null : v)
  const litValue = (lit: Literal): unknown =>
    lit.type === 'null' ? null : lit.type === 'string' ? lit.value.toLowerCase() : lit.value

  const build = (n: FilterNode): ((obj: T) => boolean) => {
    switch (n.kind) {
      case 'and': {
        const l = build(n.left)
        const r = build(n.right)
        return (o) => l(o) && r(o)
      }
      case 'or': {
        const l = build(n.left)
        const r = build(n.right)
        return (o) => l(o) || r(o)
      }
      case 'not': {
        if (!options.advanced) throw unsupported('not')
        const inner = build(n.operand)
        return (o) => !inner(o)
      }
      case 'in': {
        const def = lookup(n.prop)
        if (def.type === 'collection') throw unsupported(def.name)
        for (const v of n.values) checkType(def, v, 'in')
        const wanted = new Set(n.values.map(litValue))
        return (o) => wanted.has(norm(schema.get(o, def.name)))
      }
      case 'func': {
        const def = lookup(n.prop)
        if (def.type !== 'string' || n.value.type !== 'string') {
          throw new ODataQueryError(
            'BadRequest',
            `No function signature for the function with name '${n.name}' matches the specified arguments.`
          )
        }
        if (n.name === 'contains' || (n.name === 'endswith' && !options.advanced)) throw unsupported(def.name)
        const needle = n.value.value.toLowerCase()
        if (n.name === 'startswith') {
          return (o) => {
            const v = schema.get(o, def.name)
            return typeof v === 'string' && v.toLowerCase().startsWith(needle)
          }
        }
        return (o) => {
          const v = schema.get(o, def.name)
          return typeof v === 'string' && v.toLowerCase().endsWith(needle)
        }
      }
      case 'cmp': {
        const def = lookup(n.prop)
        if (def.type === 'collection') throw unsupported(def.name)
        checkType(def, n.value, n.op)
        const want = litValue(n.value)
        switch (n.op) {
          case 'eq':
            return (o) => norm(schema.get(o, def.name)) === want
          case 'ne':
            if (!options.advanced) throw unsupported(def.name)
            return (o) => norm(schema.get(o, def.name)) !== want
          default: {
            if (def.type === 'boolean' || want === null) throw unsupported(def.name)
            const op = n.op
            return (o) => {
              const v = norm(schema.get(o, def.name))
              if (v === null || typeof v !== typeof want) return false
              const a = v as string | number
              const b = want as string | number
              return op === 'gt' ? a > b : op === 'ge' ? a >= b : op === 'lt' ? a < b : a <= b
            }
          }
        }
      }
    }
  }
  return build(node)
}

/**
 * When a filter can only match objects whose property equals one of a few string values (eq, in, or-chains of
 * them, or one side of an and) on properties the caller has an index for, returns those (property, value) pairs so
 * the caller can use its index before evaluating the whole predicate. Undefined when a full scan is needed.
 */
export function equalityKeys(
  node: FilterNode,
  indexed: (prop: string) => boolean
): Array<{ prop: string; value: string }> | undefined {
  switch (node.kind) {
    case 'cmp':
      return node.op === 'eq' && node.value.type === 'string' && indexed(node.prop)
        ? [{ prop: node.prop, value: node.value.value }]
        : undefined
    case 'in': {
      if (!indexed(node.prop)) return undefined
      const out: Array<{ prop: string; value: string }> = []
      for (const v of node.values) {
        if (v.type !== 'string') return undefined
        out.push({ prop: node.prop, value: v.value })
      }
      return out
    }
    case 'or': {
      const l = equalityKeys(node.left, indexed)
      const r = l && equalityKeys(node.right, indexed)
      return l && r ? [...l, ...r] : undefined
    }
    case 'and':
      return equalityKeys(node.left, indexed) ?? equalityKeys(node.right, indexed)
    default:
      return undefined
  }
}
