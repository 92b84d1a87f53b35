// Which objects a list selects: $filter (index-backed for equalities), $search, $orderby, and their header rules.
import type { DirObj } from './directory.js'
import { GraphHttpError } from './errors.js'
import type { Ctx } from './http.js'
import {
  compileFilter,
  equalityKeys,
  parseFilter,
  type FilterNode,
  type FilterSchema,
  type PropertyDef
} from '../odata-filter.js'

export interface ListSpec<T extends DirObj> {
  /** All objects of the collection in their stable order (or a function producing them). */
  items: () => Iterable<T>
  schema: FilterSchema<T>
  /** Properties allowed in $select. */
  selectable: ReadonlyMap<string, PropertyDef>
  typeName: string
  /** Context URL entity set, e.g. users or directoryObjects. */
  set: string
  /** Path of this collection below /v1.0/, for @odata.nextLink. */
  path: string
  withType: boolean
  /** Directory relationship collections need ConsistencyLevel: eventual for $filter, $search, $orderby. */
  relationship: boolean
  /** Exact-match lookup for indexed properties (undefined: not indexed). */
  lookup?: (prop: string, value: string) => T[] | undefined
  orderable?: string[]
  /** Objects the caller may not read: listed with their type and id only (directoryObject relationships). */
  limited?: (o: T) => boolean
}

export function requireAdvanced(ctx: Ctx, what: string): void {
  if (!ctx.advanced) {
    throw new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      `${what} is only supported with advanced query capabilities: send the header 'ConsistencyLevel: eventual'. Refer to https://aka.ms/graph-docs/advanced-queries for more information`
    )
  }
}

export function selectFilter<T extends DirObj>(ctx: Ctx, spec: ListSpec<T>): T[] {
  const filterText = ctx.query.get('filter')
  let node: FilterNode | undefined
  let predicate: ((o: T) => boolean) | undefined
  if (filterText !== undefined && filterText.trim() !== '') {
    if (spec.relationship) requireAdvanced(ctx, '$filter on a relationship')
    node = parseFilter(filterText)
    predicate = compileFilter(node, spec.schema, { advanced: ctx.advanced })
  }
  let items: T[]
  const keys = node && spec.lookup ? equalityKeys(node, (p) => spec.lookup?.(p, '') !== undefined) : undefined
  if (keys && spec.lookup) {
    const seen = new Set<T>()
    for (const { prop, value } of keys) for (const o of spec.lookup(prop, value) ?? []) seen.add(o)
    items = [...seen].sort((a, b) => a.ord - b.ord)
  } else {
    items = [...spec.items()]
  }
  if (predicate) items = items.filter(predicate)

  const search = ctx.query.get('search')
  if (search !== undefined && search.trim() !== '') {
    if (!ctx.advanced) {
      throw new GraphHttpError(
        400,
        'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
      )
    }
    items = items.filter(searchPredicate(search, spec.schema))
  }

  const orderby = ctx.query.get('orderby')
  if (orderby !== undefined && orderby.trim() !== '') {
    if (spec.relationship) requireAdvanced(ctx, '$orderby on a relationship')
    const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(orderby)
    const prop = m && spec.orderable?.find((p) => p.toLowerCase() === (m[1] ?? '').toLowerCase())
    if (!m || !prop) {
      throw new GraphHttpError(400, 'Request_UnsupportedQuery', `Sorting by '${orderby}' is not supported.`)
    }
    const dirSign = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1
    const val = (o: T): string => String(spec.schema.get(o, prop) ?? '').toLowerCase()
    items = items
      .map((o) => [val(o), o] as const)
      .sort((a, b) => (a[0] < b[0] ? -dirSign : a[0] > b[0] ? dirSign : a[1].ord - b[1].ord))
      .map(([, o]) => o)
  }
  return items
}

function searchPredicate<T>(search: string, schema: FilterSchema<T>): (o: T) => boolean {
  const text = search.trim().replace(/^"|"$/g, '')
  const clauses = text.split(/"\s+(AND|OR)\s+"/)
  const terms: Array<{ prop: string; words: string[] }> = []
  const ops: string[] = []
  clauses.forEach((c, i) => {
    if (i % 2 === 1) {
      ops.push(c)
      return
    }
    const m = /^([A-Za-z]+):(.*)$/.exec(c)
    if (!m || !schema.props.has((m[1] as string).toLowerCase())) {
      throw new GraphHttpError(400, 'Request_UnsupportedQuery', `Syntax error in $search: '${search}'.`)
    }
    const words = (m[2] as string)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
    terms.push({ prop: (m[1] as string).toLowerCase(), words })
  })
  const match = (o: T, t: { prop: string; words: string[] }): boolean => {
    const v = schema.get(o, schema.props.get(t.prop)?.name ?? t.prop)
    if (typeof v !== 'string') return false
    const tokens = v.toLowerCase().split(/[^\p{L}\p{N}]+/u)
    return t.words.every((w) => tokens.some((tok) => tok.startsWith(w)))
  }
  return (o) => {
    let result = match(o, terms[0] as { prop: string; words: string[] })
    for (let i = 1; i < terms.length; i++) {
      const r = match(o, terms[i] as { prop: string; words: string[] })
      result = ops[i - 1] === 'AND' ? result && r : result || r
    }
    return result
  }
}
