// groups/delta: full and incremental rounds of groups and their member changes, paged by groups and by members.
import { compileFilter, parseFilter, type PropertyDef } from '../odata-filter.js'
import type { EmulatorResponse } from '../types.js'
import type { GroupObj, Kind, MemberEvent } from './directory.js'
import { serialize } from './entity-types.js'
import { GraphHttpError } from './errors.js'
import { baseHeaders, contextUrl, decodeToken, encodeToken, link, parseSelect, type Ctx } from './http.js'
import { key } from './ids.js'
import type { GraphService } from './service.js'

const DELTA_GROUPS_PER_PAGE = 100
const DELTA_MEMBERS_PER_PAGE = 1000

interface DeltaState {
  /** null: initial (full) round. */
  since: number | null
  snap: number
  sel: string[] | null
  f: string | null
}

export function groupsDelta(svc: GraphService, ctx: Ctx): EmulatorResponse {
  const { dir, types } = svc
  const selectable = new Map<string, PropertyDef>(types.group.props)
  selectable.set('members', { name: 'members', type: 'collection' })
  let state: DeltaState
  let gi = 0
  let mi = 0
  const skip = ctx.query.get('skiptoken')
  const deltaToken = ctx.query.get('deltatoken')
  if (skip !== undefined) {
    const t = decodeToken(skip, '$skiptoken')
    if (t.k !== 'delta' || typeof t.snap !== 'number') {
      throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $skiptoken value: '${skip}'.`)
    }
    state = t as unknown as DeltaState
    gi = typeof t.gi === 'number' ? t.gi : 0
    mi = typeof t.mi === 'number' ? t.mi : 0
  } else if (deltaToken !== undefined) {
    if (deltaToken === 'latest') {
      const t: DeltaState = { since: dir.seq, snap: dir.seq, sel: null, f: null }
      return deltaPage(svc, ctx, t, [], true, 0, 0)
    }
    const t = decodeToken(deltaToken, '$deltatoken')
    if (t.k !== 'deltaLink' || typeof t.since !== 'number') {
      throw new GraphHttpError(400, 'Request_BadRequest', `Invalid $deltatoken value: '${deltaToken}'.`)
    }
    state = { since: t.since, snap: dir.seq, sel: (t.sel as string[] | null) ?? null, f: (t.f as string) ?? null }
  } else {
    const sel = parseSelect(ctx, selectable, types.group.typeName)
    const f = ctx.query.get('filter')
    state = { since: null, snap: dir.seq, sel: sel ?? null, f: f && f.trim() ? f : null }
  }
  const entries = deltaEntries(svc, state)
  return deltaPage(svc, ctx, state, entries, false, gi, mi)
}

interface DeltaEntry {
  group: GroupObj
  removed: boolean
  full: boolean
  props: boolean
  /** Member changes (non-full entries). */
  changes?: Array<{ memberKey: string; kind: Kind; removed: boolean }>
}

function deltaEntries(svc: GraphService, state: DeltaState): DeltaEntry[] {
  const { dir, types } = svc
  const predicate = state.f
    ? compileFilter(parseFilter(state.f), types.group.filter, { advanced: true })
    : (): boolean => true
  const entries: DeltaEntry[] = []
  if (state.since === null) {
    for (const g of dir.groups.values()) {
      if (g.createdSeq <= state.snap && predicate(g))
        entries.push({ group: g, removed: false, full: true, props: true })
    }
    return entries
  }
  const since = state.since
  const byGroup = new Map<string, DeltaEntry>()
  const entryFor = (g: GroupObj): DeltaEntry => {
    let e = byGroup.get(key(g.id))
    if (!e) {
      e = { group: g, removed: false, full: false, props: false, changes: [] }
      byGroup.set(key(g.id), e)
    }
    return e
  }
  for (const g of dir.groups.values()) {
    if (g.createdSeq > state.snap) continue
    if (g.createdSeq > since) entryFor(g).full = true
    else if (g.propsSeq > since) entryFor(g).props = true
  }
  // Net member changes per (group, member) within (since, snap].
  let lo = 0
  let hi = dir.events.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((dir.events[mid] as MemberEvent).seq <= since) lo = mid + 1
    else hi = mid
  }
  const net = new Map<string, Map<string, MemberEvent>>()
  for (let i = lo; i < dir.events.length; i++) {
    const ev = dir.events[i] as MemberEvent
    if (ev.seq > state.snap) break
    let m = net.get(ev.groupKey)
    if (!m) net.set(ev.groupKey, (m = new Map()))
    m.set(ev.memberKey, ev)
  }
  for (const [gk, changes] of net) {
    const g = dir.groups.get(gk)
    if (!g || g.createdSeq > since) continue
    const e = entryFor(g)
    for (const ev of changes.values()) {
      e.changes?.push({ memberKey: ev.memberKey, kind: ev.memberKind, removed: ev.op === 'remove' })
    }
  }
  for (const [gk, t] of dir.tombstones) {
    if (t.seq > since && t.seq <= state.snap && t.group.createdSeq <= since && !dir.groups.has(gk)) {
      byGroup.set(gk, { group: t.group, removed: true, full: false, props: false })
    }
  }
  for (const e of byGroup.values()) if (predicate(e.group)) entries.push(e)
  return entries.sort((a, b) => a.group.ord - b.group.ord)
}

function deltaPage(
  svc: GraphService,
  ctx: Ctx,
  state: DeltaState,
  entries: DeltaEntry[],
  done: boolean,
  gi: number,
  mi: number
): EmulatorResponse {
  const { dir, types } = svc
  const sel = state.sel ?? undefined
  const withMembers = !sel || sel.includes('members')
  const propSelect = sel ? sel.filter((s) => s !== 'members') : undefined
  const value: Record<string, unknown>[] = []
  let budget = DELTA_MEMBERS_PER_PAGE
  while (!done && gi < entries.length && value.length < DELTA_GROUPS_PER_PAGE) {
    const e = entries[gi] as DeltaEntry
    if (e.removed) {
      value.push({ id: e.group.id, '@removed': { reason: 'changed' } })
      gi++
      mi = 0
      continue
    }
    const obj: Record<string, unknown> =
      mi > 0
        ? { id: e.group.id }
        : e.full || e.props
          ? serialize(types, e.group, propSelect && propSelect.length ? propSelect : propSelect ? [] : undefined, false)
          : { id: e.group.id }
    if (!withMembers || (!e.full && !e.changes?.length)) {
      value.push(obj)
      gi++
      mi = 0
      continue
    }
    const members = e.full
      ? [...e.group.members].map((mk) => ({ memberKey: mk, kind: dir.objects.get(mk)?.kind, removed: false }))
      : (e.changes ?? [])
    if (budget === 0) break
    const slice = members.slice(mi, mi + budget)
    obj['members@delta'] = slice.map((m) => {
      const o = dir.objects.get(m.memberKey)
      const kind = m.kind ?? o?.kind ?? 'user'
      const item: Record<string, unknown> = {
        '@odata.type': `#microsoft.graph.${kind}`,
        id: o?.id ?? m.memberKey
      }
      if (m.removed) item['@removed'] = { reason: 'deleted' }
      return item
    })
    value.push(obj)
    budget -= slice.length
    if (mi + slice.length < members.length) {
      mi += slice.length
      break
    }
    gi++
    mi = 0
  }
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(ctx, 'groups', sel ?? undefined)
  }
  if (!done && gi < entries.length) {
    body['@odata.nextLink'] = link(ctx, 'groups/delta', [['$skiptoken', encodeToken({ k: 'delta', ...state, gi, mi })]])
  } else {
    body['@odata.deltaLink'] = link(ctx, 'groups/delta', [
      ['$deltatoken', encodeToken({ k: 'deltaLink', since: state.snap, sel: state.sel, f: state.f })]
    ])
  }
  body.value = value
  return { status: 200, headers: { ...baseHeaders(ctx), 'x-ms-resource-unit': '5' }, body }
}
