// SCIM 2.0 filter and PATCH path parsing (RFC 7644 §3.4.2.2 and §3.5.2), with a compiler to predicates.
// Attribute names are case-insensitive; string comparisons are case-insensitive unless the caller says an
// attribute is case-exact. Evaluation is linear in the size of the item.

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le'
export type FilterValue = string | number | boolean | null

/** An attribute path as written, without a schema URN prefix: `userName` -> ['userName'], `emails.value` -> ['emails', 'value']. */
export interface AttrPath {
  /** Schema URN prefix when the path was fully qualified, e.g. urn:ietf:params:scim:schemas:core:2.0:User. */
  schema?: string
  path: string[]
}

export type FilterNode =
  | { type: 'compare'; op: CompareOp; attr: AttrPath; value: FilterValue }
  | { type: 'present'; attr: AttrPath }
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; filter: FilterNode }
  /** `emails[type eq "work"]`: the inner filter applies to each value of the multi-valued attribute. */
  | { type: 'valuePath'; attr: AttrPath; filter: FilterNode }

/** A PATCH operation path: `members`, `name.givenName`, `members[value eq "1"]`, `emails[type eq "work"].value`. */
export interface PatchPath {
  schema?: string
  /** Top-level attribute as written. */
  attr: string
  filter?: FilterNode
  subAttr?: string
}

export class ScimFilterError extends Error {
  constructor(
    message: string,
    readonly scimType: 'invalidFilter' | 'invalidPath' = 'invalidFilter'
  ) {
    super(message)
    this.name = 'ScimFilterError'
  }
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'])

type Token =
  | { kind: '(' | ')' | '[' | ']'; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'word'; value: string; pos: number }

function tokenize(text: string, scimType: 'invalidFilter' | 'invalidPath'): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ kind: c, pos: i })
      i++
    } else if (c === '"') {
      const start = i
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw new ScimFilterError(`Unterminated string starting at ${start}`, scimType)
        const d = text[i]!
        if (d === '"') {
          i++
          break
        }
        if (d === '\\') {
          const e = text[i + 1]
          i += 2
          switch (e) {
            case '"':
            case '\\':
            case '/':
              value += e
              break
            case 'b':
              value += '\b'
              break
            case 'f':
              value += '\f'
              break
            case 'n':
              value += '\n'
              break
            case 'r':
              value += '\r'
              break
            case 't':
              value += '\t'
              break
            case 'u': {
              const hex = text.slice(i, i + 4)
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ScimFilterError(`Bad \\u escape at ${i - 2}`, scimType)
              value += String.fromCharCode(parseInt(hex, 16))
              i += 4
              break
            }
            default:
              throw new ScimFilterError(`Bad escape at ${i - 2}`, scimType)
          }
          continue
        }
        // A JSON string (RFC 7644 takes string values from RFC 7159): control characters must be escaped.
        if (d < ' ') throw new ScimFilterError(`Unescaped control character in string at ${i}`, scimType)
        value += d
        i++
      }
      tokens.push({ kind: 'string', value, pos: start })
    } else {
      const start = i
      while (i < text.length && !/[\s()[\]"]/.test(text[i]!)) i++
      tokens.push({ kind: 'word', value: text.slice(start, i), pos: start })
    }
  }
  return tokens
}

/** Splits `urn:...:User:name.givenName` into schema and dotted path; rejects malformed names. */
function parseAttrName(word: string, scimType: 'invalidFilter' | 'invalidPath'): AttrPath {
  let schema: string | undefined
  let name = word
  if (/^urn:/i.test(word)) {
    const cut = word.lastIndexOf(':')
    schema = word.slice(0, cut)
    name = word.slice(cut + 1)
  }
  const path = name.split('.')
  if (path.some((p) => !/^\$?[A-Za-z][\w$-]*$/.test(p)))
    throw new ScimFilterError(`Invalid attribute name '${word}'`, scimType)
  return schema === undefined ? { path } : { schema, path }
}

class Parser {
  private i = 0
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly scimType: 'invalidFilter' | 'invalidPath'
  ) {}

  fail(message: string): never {
    throw new ScimFilterError(`${message} in filter '${this.source}'`, this.scimType)
  }

  peek(): Token | undefined {
    return this.tokens[this.i]
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length
  }

  private isKeyword(t: Token | undefined, kw: string): boolean {
    return t !== undefined && t.kind === 'word' && t.value.toLowerCase() === kw
  }

  private expect(kind: '(' | ')' | '[' | ']'): void {
    const t = this.tokens[this.i]
    if (!t || t.kind !== kind) this.fail(t ? `Expected '${kind}' at ${t.pos}` : `Expected '${kind}' at end`)
    this.i++
  }

  parseOr(): FilterNode {
    let left = this.parseAnd()
    while (this.isKeyword(this.peek(), 'or')) {
      this.i++
      left = { type: 'or', left, right: this.parseAnd() }
    }
    return left
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary()
    while (this.isKeyword(this.peek(), 'and')) {
      this.i++
      left = { type: 'and', left, right: this.parseUnary() }
    }
    return left
  }

  private parseUnary(): FilterNode {
    const t = this.peek()
    if (this.isKeyword(t, 'not') && this.tokens[this.i + 1]?.kind === '(') {
      this.i++
      return { type: 'not', filter: this.parseUnary() }
    }
    return this.parseAtom()
  }

  private parseAtom(): FilterNode {
    const t = this.peek()
    if (!t) this.fail('Unexpected end')
    if (t.kind === '(') {
      this.i++
      const inner = this.parseOr()
      this.expect(')')
      return inner
    }
    if (t.kind !== 'word') this.fail(`Expected an attribute at ${t.pos}`)
    if (['and', 'or', 'not'].includes(t.value.toLowerCase())) this.fail(`Unexpected '${t.value}' at ${t.pos}`)
    this.i++
    const attr = parseAttrName(t.value, this.scimType)
    const next = this.peek()
    if (next?.kind === '[') {
      this.i++
      const filter = this.parseOr()
      this.expect(']')
      return { type: 'valuePath', attr, filter }
    }
    if (!next || next.kind !== 'word') this.fail(`Expected an operator after '${t.value}'`)
    const op = next.value.toLowerCase()
    this.i++
    if (op === 'pr') return { type: 'present', attr }
    if (!COMPARE_OPS.has(op)) this.fail(`Unknown operator '${next.value}' at ${next.pos}`)
    return { type: 'compare', op: op as CompareOp, attr, value: this.parseValue() }
  }

  private parseValue(): FilterValue {
    const t = this.peek()
    if (!t) this.fail('Expected a value at end')
    this.i++
    if (t.kind === 'string') return t.value
    if (t.kind === 'word') {
      const w = t.value.toLowerCase()
      if (w === 'true') return true
      if (w === 'false') return false
      if (w === 'null') return null
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t.value)) return Number(t.value)
    }
    return this.fail(`Expected a quoted string, number, true, false or null at ${t.pos}`)
  }
}

/** Parses a SCIM filter expression; throws ScimFilterError (scimType invalidFilter) when it is not valid. */
export function parseFilter(text: string): FilterNode {
  if (text.trim() === '') throw new ScimFilterError('Empty filter')
  const p = new Parser(tokenize(text, 'invalidFilter'), text, 'invalidFilter')
  const node = p.parseOr()
  if (!p.atEnd()) p.fail(`Unexpected '${describe(p.peek()!)}' at ${p.peek()!.pos}`)
  return node
}

function describe(t: Token): string {
  return t.kind === 'word' || t.kind === 'string' ? t.value : t.kind
}

/** Parses a PATCH operation path; throws ScimFilterError (scimType invalidPath) when it is not valid. */
export function parsePath(text: string): PatchPath {
  const src = text.trim()
  const open = src.indexOf('[')
  if (open < 0) {
    const attr = parseAttrName(src, 'invalidPath')
    if (attr.path.length > 2) throw new ScimFilterError(`Invalid path '${text}'`, 'invalidPath')
    return {
      ...(attr.schema !== undefined ? { schema: attr.schema } : {}),
      attr: attr.path[0]!,
      ...(attr.path[1] !== undefined ? { subAttr: attr.path[1] } : {})
    }
  }
  const attr = parseAttrName(src.slice(0, open), 'invalidPath')
  if (attr.path.length !== 1) throw new ScimFilterError(`Invalid path '${text}'`, 'invalidPath')
  // Find the matching ']' outside string literals.
  let close = -1
  let inString = false
  for (let i = open + 1; i < src.length; i++) {
    const c = src[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === ']') {
      close = i
      break
    }
  }
  if (close < 0) throw new ScimFilterError(`Unterminated '[' in path '${text}'`, 'invalidPath')
  const inner = src.slice(open + 1, close)
  if (inner.trim() === '') throw new ScimFilterError(`Empty value filter in path '${text}'`, 'invalidPath')
  const p = new Parser(tokenize(inner, 'invalidPath'), inner, 'invalidPath')
  const filter = p.parseOr()
  if (!p.atEnd()) p.fail(`Unexpected '${describe(p.peek()!)}'`)
  const rest = src.slice(close + 1)
  let subAttr: string | undefined
  if (rest !== '') {
    if (!/^\.[A-Za-z$][\w$-]*$/.test(rest)) throw new ScimFilterError(`Invalid path '${text}'`, 'invalidPath')
    subAttr = rest.slice(1)
  }
  return {
    ...(attr.schema !== undefined ? { schema: attr.schema } : {}),
    attr: attr.path[0]!,
    filter,
    ...(subAttr !== undefined ? { subAttr } : {})
  }
}

/** Reads an attribute path (lower-case names) from a value; arrays are flattened, so `emails.value` yields every value. */
export function resolvePath(value: unknown, path: readonly string[]): unknown {
  let current: unknown = value
  for (const name of path) {
    if (Array.isArray(current)) {
      const out: unknown[] = []
      for (const v of current) {
        const x = getKey(v, name)
        if (Array.isArray(x)) out.push(...(x as unknown[]))
        else if (x !== undefined) out.push(x)
      }
      current = out
    } else {
      current = getKey(current, name)
      if (current === undefined) return undefined
    }
  }
  return current
}

function getKey(obj: unknown, lowerName: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined
  const rec = obj as Record<string, unknown>
  if (lowerName in rec) return rec[lowerName]
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lowerName) return rec[k]
  return undefined
}

/** Reads the value at a lower-cased attribute path of an item. */
export type AttributeResolver<T> = (item: T, path: readonly string[]) => unknown

export interface CompileOptions {
  /** Whether string comparisons on this dotted lower-case path are case-sensitive (default: none are). */
  caseExact?: (path: string) => boolean
}

export type Predicate<T> = (item: T) => boolean

/** Compiles a filter into a predicate. `resolve` reads attributes (paths are given in lower case). */
export function compileFilter<T = unknown>(
  node: FilterNode,
  resolve: AttributeResolver<T> = resolvePath as AttributeResolver<T>,
  options: CompileOptions = {}
): Predicate<T> {
  switch (node.type) {
    case 'and': {
      const l = compileFilter(node.left, resolve, options)
      const r = compileFilter(node.right, resolve, options)
      return (x) => l(x) && r(x)
    }
    case 'or': {
      const l = compileFilter(node.left, resolve, options)
      const r = compileFilter(node.right, resolve, options)
      return (x) => l(x) || r(x)
    }
    case 'not': {
      const f = compileFilter(node.filter, resolve, options)
      return (x) => !f(x)
    }
    case 'present': {
      const path = lower(node.attr)
      return (x) => isPresent(resolve(x, path))
    }
    case 'valuePath': {
      const path = lower(node.attr)
      const prefix = path.join('.') + '.'
      const inner = compileFilter<unknown>(node.filter, resolvePath, {
        caseExact: (p) => options.caseExact?.(prefix + p) ?? false
      })
      return (x) => {
        const v = resolve(x, path)
        if (v === undefined || v === null) return false
        return Array.isArray(v) ? v.some((e) => inner(e)) : inner(v)
      }
    }
    case 'compare': {
      const path = lower(node.attr)
      const exact = options.caseExact?.(path.join('.')) ?? false
      const test = comparer(node.op, node.value, exact)
      if (node.op === 'ne') {
        const eq = comparer('eq', node.value, exact)
        return (x) => {
          const v = resolve(x, path)
          return Array.isArray(v) ? !v.some(eq) : !eq(v)
        }
      }
      return (x) => {
        const v = resolve(x, path)
        return Array.isArray(v) ? v.some(test) : test(v)
      }
    }
  }
}

function lower(attr: AttrPath): string[] {
  return attr.path.map((p) => p.toLowerCase())
}

function isPresent(v: unknown): boolean {
  if (v === undefined || v === null) return false
  if (typeof v === 'string') return v !== ''
  if (Array.isArray(v)) return v.some(isPresent)
  if (typeof v === 'object') return Object.keys(v).length > 0
  return true
}

/** A test of one (non-array) attribute value against a literal. */
function comparer(op: CompareOp, literal: FilterValue, caseExact: boolean): (v: unknown) => boolean {
  if (literal === null) {
    // Only eq/ne null are meaningful: "absent".
    return op === 'eq' ? (v) => v === undefined || v === null : () => false
  }
  const norm = (s: string): string => (caseExact ? s : s.toLowerCase())
  if (typeof literal === 'string') {
    const lit = norm(literal)
    const str = (v: unknown): string | undefined =>
      typeof v === 'string' ? norm(v) : typeof v === 'number' || typeof v === 'boolean' ? norm(String(v)) : undefined
    switch (op) {
      case 'eq':
        return (v) => str(v) === lit
      case 'ne':
        return (v) => str(v) !== lit
      case 'co':
        return (v) => str(v)?.includes(lit) ?? false
      case 'sw':
        return (v) => str(v)?.startsWith(lit) ?? false
      case 'ew':
        return (v) => str(v)?.endsWith(lit) ?? false
      default:
        return (v) => {
          const s = str(v)
          return s !== undefined && ordered(op, s < lit ? -1 : s > lit ? 1 : 0)
        }
    }
  }
  // Number or boolean literal: compare typed values, accepting their string forms.
  const coerce = (v: unknown): number | boolean | undefined => {
    if (typeof v === typeof literal) return v as number | boolean
    if (typeof v !== 'string') return undefined
    if (typeof literal === 'boolean') {
      const s = v.toLowerCase()
      return s === 'true' ? true : s === 'false' ? false : undefined
    }
    const n = Number(v)
    return v.trim() === '' || Number.isNaN(n) ? undefined : n
  }
  switch (op) {
    case 'eq':
      return (v) => coerce(v) === literal
    case 'ne':
      return (v) => coerce(v) !== literal
    case 'co':
    case 'sw':
    case 'ew': {
      const lit = String(literal)
      return (v) => {
        if (v === undefined || v === null || typeof v === 'object') return false
        const s = String(v)
        return op === 'co' ? s.includes(lit) : op === 'sw' ? s.startsWith(lit) : s.endsWith(lit)
      }
    }
    default:
      return (v) => {
        const c = coerce(v)
        if (c === undefined) return false
        return ordered(op, c < literal ? -1 : c > literal ? 1 : 0)
      }
  }
}

function ordered(op: CompareOp, cmp: number): boolean {
  switch (op) {
    case 'gt':
      return cmp > 0
    case 'ge':
      return cmp >= 0
    case 'lt':
      return cmp < 0
    case 'le':
      return cmp <= 0
    default:
      return false
  }
}

/** Renders a string as a SCIM filter literal: a JSON string (quotes, backslashes and control characters escaped). */
export function quoteFilterValue(value: string): string {
  return JSON.stringify(value)
}
