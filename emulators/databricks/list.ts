// SCIM lists: filter (index-backed for key equalities), sortBy/sortOrder and startIndex/count paging.
import { compileFilter, parseFilter, ScimFilterError, type FilterNode } from '../scim-filter.js'
import type { ScimIdentities } from './identities.js'
import { MAX_PAGE_SIZE, ScimError } from './protocol.js'
import type { ListQuery, ListResult, PrincipalRecord, ResourceKind } from './records.js'

export function listRecords(store: ScimIdentities, kind: ResourceKind, query: ListQuery = {}): ListResult {
  const map = store.mapOf(kind)
  let items: PrincipalRecord[]
  if (query.filter !== undefined && query.filter.trim() !== '') {
    let node: FilterNode
    try {
      node = parseFilter(query.filter)
    } catch (e) {
      if (e instanceof ScimFilterError) throw new ScimError(400, e.message, 'invalidFilter')
      throw e
    }
    const pred = compileFilter<PrincipalRecord>(node, (r, path) => store.attribute(r, path))
    const candidates = candidatesOf(store, kind, node)
    items = candidates ? candidates.filter(pred) : [...map.values()].filter(pred)
  } else {
    items = [...map.values()]
  }
  if (query.sortBy) {
    const path = attrPathOf(query.sortBy)
    const dir = query.sortOrder === 'descending' ? -1 : 1
    const keyed = items.map((r) => ({ r, k: sortKey(store.attribute(r, path)) }))
    keyed.sort((a, b) => {
      if (a.k === b.k) return 0
      if (a.k === undefined) return 1
      if (b.k === undefined) return -1
      return (a.k < b.k ? -1 : 1) * dir
    })
    items = keyed.map((x) => x.r)
  }
  const startIndex = Math.max(1, Math.floor(query.startIndex ?? 1))
  const count = Math.max(0, Math.min(MAX_PAGE_SIZE, Math.floor(query.count ?? MAX_PAGE_SIZE)))
  return { totalResults: items.length, startIndex, items: items.slice(startIndex - 1, startIndex - 1 + count) }
}

/** Records an equality filter on an indexed key can be limited to (undefined: scan everything). */
function candidatesOf(store: ScimIdentities, kind: ResourceKind, node: FilterNode): PrincipalRecord[] | undefined {
  if (node.type === 'compare') {
    if (node.op !== 'eq' || typeof node.value !== 'string' || node.attr.path.length !== 1) return undefined
    const attr = node.attr.path[0]!.toLowerCase()
    const v = node.value
    let id: string | undefined
    if (attr === 'id') id = v
    else if (kind === 'user' && attr === 'username') id = store.indexedId('user', v)
    else if (kind === 'servicePrincipal' && attr === 'applicationid') id = store.indexedId('servicePrincipal', v)
    else if (kind === 'group' && attr === 'displayname') id = store.indexedId('group', v)
    else return undefined
    const r = id === undefined ? undefined : store.find(kind, id)
    return r ? [r] : []
  }
  if (node.type === 'and') return candidatesOf(store, kind, node.left) ?? candidatesOf(store, kind, node.right)
  if (node.type === 'or') {
    const l = candidatesOf(store, kind, node.left)
    const r = l && candidatesOf(store, kind, node.right)
    if (!l || !r) return undefined
    const all = new Map<string, PrincipalRecord>()
    for (const x of [...l, ...r]) all.set(x.id, x)
    // Keep store order (ids grow with creation).
    return [...all.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }
  return undefined
}

function attrPathOf(text: string): string[] {
  const bare = /^urn:/i.test(text) ? text.slice(text.lastIndexOf(':') + 1) : text
  return bare.split('.').map((p) => p.toLowerCase())
}

function sortKey(v: unknown): string | number | undefined {
  const x = Array.isArray(v) ? v[0] : v
  if (x === undefined || x === null) return undefined
  if (typeof x === 'number') return x
  return String(x).toLowerCase()
}
