// users/delta and servicePrincipals/delta: objects created, changed or deleted since a token, paged from a cursor.
import type { EmulatorResponse } from '../types.js'
import type { SpObj, UserObj } from './directory.js'
import { serialize, type EntityType } from './entity-types.js'
import { GraphHttpError } from './errors.js'
import {
  baseHeaders,
  contextUrl,
  decodeToken,
  encodeToken,
  header,
  link,
  PAGE_MAX,
  parseSelect,
  type Ctx
} from './http.js'
import type { GraphService } from './service.js'

// Tokens hold the round's start (`since`, null in the initial round), the seq when the round started (`snap`,
// the next deltaLink's `since`), the $select and, in a $skiptoken, the ord of the last object served (`c`). Pages
// walk the objects in ord order from that cursor, so objects added or deleted while a round is paged neither
// shift nor repeat entries; a change made during the round may be reported in this round and again in the next
// (Graph's at-least-once contract), never lost.

/** Objects per page (Prefer: odata.maxpagesize=N, 1..999, overrides). */
const DELTA_OBJECTS_PER_PAGE = 200

export type TrackedKind = 'user' | 'servicePrincipal'

interface ObjectsDeltaState {
  since: number | null
  snap: number
  sel: string[] | null
}

const objectsDeltaKinds = {
  user: { set: 'users', path: 'users/delta', skipKind: 'usersDelta', linkKind: 'usersDeltaLink' },
  servicePrincipal: {
    set: 'servicePrincipals',
    path: 'servicePrincipals/delta',
    skipKind: 'servicePrincipalsDelta',
    linkKind: 'servicePrincipalsDeltaLink'
  }
} as const

/** Query options Graph rejects on users/delta and servicePrincipals/delta. */
const OBJECTS_DELTA_UNSUPPORTED = ['filter', 'orderby', 'top', 'skip', 'search', 'count', 'expand']

/** `Prefer: odata.maxpagesize=N` (1..999) and `return=minimal`, as applied. */
function deltaPreferences(ctx: Ctx): { pageSize: number | undefined; minimal: boolean } {
  let pageSize: number | undefined
  let minimal = false
  for (const part of (header(ctx.req, 'prefer') ?? '').split(',')) {
    const [name = '', value = ''] = part.split('=').map((x) => x.trim().replace(/^"|"$/g, ''))
    if (name.toLowerCase() === 'odata.maxpagesize' && /^\d+$/.test(value)) {
      const n = Number(value)
      if (n >= 1 && n <= PAGE_MAX) pageSize = n
    } else if (name.toLowerCase() === 'return' && value.toLowerCase() === 'minimal') {
      minimal = true
    }
  }
  return { pageSize, minimal }
}

export function objectsDelta(svc: GraphService, ctx: Ctx, kind: TrackedKind): EmulatorResponse {
  const { dir, types } = svc
  const names = objectsDeltaKinds[kind]
  const t = types[kind] as EntityType<UserObj | SpObj>
  for (const option of OBJECTS_DELTA_UNSUPPORTED) {
    if (ctx.query.has(option)) {
      throw new GraphHttpError(
        400,
        'Request_UnsupportedQuery',
        `The query parameter '$${option}' is not supported with change tracking over the '${names.set}' resource.`
      )
    }
  }
  const prefs = deltaPreferences(ctx)
  const skip = ctx.query.get('skiptoken')
  const deltaToken = ctx.query.get('deltatoken')
  const validSel = (v: unknown): v is string[] | null =>
    v === null || (Array.isArray(v) && v.every((x) => typeof x === 'string' && t.props.has(x.toLowerCase())))
  let state: ObjectsDeltaState
  let cursor = -1
  let pageSize = prefs.pageSize
  if (skip !== undefined) {
    const tok = decodeToken(skip, '$skiptoken')
    if (
      tok.k !== names.skipKind ||
      typeof tok.snap !== 'number' ||
      !(tok.since === null || typeof tok.since === 'number') ||
      !validSel(tok.sel) ||
      typeof tok.c !== 'number'
    ) {
      throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $skiptoken value: '${skip}'.`)
    }
    state = { since: tok.since, snap: tok.snap, sel: tok.sel }
    cursor = tok.c
    // The page size of the round's first request carries on unless this request states its own.
    if (pageSize === undefined && typeof tok.n === 'number') pageSize = tok.n
  } else if (deltaToken !== undefined) {
    if (deltaToken === 'latest') {
      const sel = parseSelect(ctx, t.props, t.typeName)
      return objectsDeltaPage(svc, ctx, kind, { since: dir.seq, snap: dir.seq, sel: sel ?? null }, [], false, prefs)
    }
    const tok = decodeToken(deltaToken, '$deltatoken')
    if (tok.k !== names.linkKind || typeof tok.since !== 'number' || !validSel(tok.sel)) {
      throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $deltatoken value: '${deltaToken}'.`)
    }
    state = { since: tok.since, snap: dir.seq, sel: tok.sel }
  } else {
    const sel = parseSelect(ctx, t.props, t.typeName)
    state = { since: null, snap: dir.seq, sel: sel ?? null }
  }
  const size = pageSize ?? DELTA_OBJECTS_PER_PAGE
  const { entries, more } = objectsDeltaEntries(svc, kind, state, cursor, size)
  return objectsDeltaPage(svc, ctx, kind, state, entries, more, prefs, pageSize)
}

interface ObjectsDeltaEntry {
  obj: UserObj | SpObj
  removed: boolean
  /** Selected properties to return (undefined: the default set, for new objects without $select). */
  props: string[] | undefined
}

/** The next `size` entries after ord `cursor`, and whether more follow. */
function objectsDeltaEntries(
  svc: GraphService,
  kind: TrackedKind,
  state: ObjectsDeltaState,
  cursor: number,
  size: number
): { entries: ObjectsDeltaEntry[]; more: boolean } {
  const { dir, types } = svc
  const t = types[kind] as EntityType<UserObj | SpObj>
  const live: Iterable<UserObj | SpObj> = kind === 'user' ? dir.users.values() : dir.sps.values()
  const tombstones: Iterable<{ obj: UserObj | SpObj; seq: number }> =
    kind === 'user' ? dir.userTombstones.values() : dir.spTombstones.values()
  const since = state.since
  const selected = state.sel ?? t.defaults
  const entries: ObjectsDeltaEntry[] = []
  // Live objects iterate in ord order (Map insertion order; a re-added id is appended with a new ord), so
  // collecting size + 1 of them is enough: any later one sorts after every entry of this page.
  let liveCount = 0
  for (const o of live) {
    if (o.ord <= cursor) continue
    if (since === null || o.createdSeq > since) {
      entries.push({ obj: o, removed: false, props: state.sel ?? undefined })
    } else if (o.propsSeq > since) {
      // Only the selected properties changed since the token; an object whose changes are all unselected stays out.
      const props = selected.filter((name) => name !== 'id' && (o.changed?.get(name) ?? 0) > since)
      if (props.length === 0) continue
      entries.push({ obj: o, removed: false, props })
    } else {
      continue
    }
    if (++liveCount > size) break
  }
  if (since !== null) {
    // Deleted since the token. Also reported for an object created after it: a client that saw it (e.g. added
    // while the previous round was paged) must drop it, and one that did not ignores the unknown id.
    let hasRemoved = false
    for (const { obj, seq } of tombstones) {
      if (seq > since && obj.ord > cursor) {
        entries.push({ obj, removed: true, props: undefined })
        hasRemoved = true
      }
    }
    if (hasRemoved) entries.sort((a, b) => a.obj.ord - b.obj.ord)
  }
  return { entries: entries.slice(0, size), more: entries.length > size }
}

function objectsDeltaPage(
  svc: GraphService,
  ctx: Ctx,
  kind: TrackedKind,
  state: ObjectsDeltaState,
  entries: ObjectsDeltaEntry[],
  more: boolean,
  prefs: { pageSize: number | undefined; minimal: boolean },
  pageSize?: number
): EmulatorResponse {
  const names = objectsDeltaKinds[kind]
  const value = entries.map((e) =>
    e.removed ? { id: e.obj.id, '@removed': { reason: 'changed' } } : serialize(svc.types, e.obj, e.props, false)
  )
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(ctx, names.set, state.sel ?? undefined)
  }
  const last = entries[entries.length - 1]
  if (more && last) {
    const tok = { k: names.skipKind, ...state, c: last.obj.ord, ...(pageSize !== undefined ? { n: pageSize } : {}) }
    body['@odata.nextLink'] = link(ctx, names.path, [['$skiptoken', encodeToken(tok)]])
  } else {
    body['@odata.deltaLink'] = link(ctx, names.path, [
      ['$deltatoken', encodeToken({ k: names.linkKind, since: state.snap, sel: state.sel })]
    ])
  }
  body.value = value
  const applied: string[] = []
  if (prefs.pageSize !== undefined) applied.push(`odata.maxpagesize=${prefs.pageSize}`)
  if (prefs.minimal) applied.push('return=minimal')
  return {
    status: 200,
    headers: {
      ...baseHeaders(ctx),
      'x-ms-resource-unit': '5',
      ...(applied.length ? { 'preference-applied': applied.join(', ') } : {})
    },
    body
  }
}
