// Collection answers: entity sets, list pages ($top, $skiptoken, $count), /$count, entities and relationships.
import type { EmulatorResponse } from '../types.js'
import type { Directory, DirObj, GroupObj, Kind, SpObj, UserObj } from './directory.js'
import { serialize, serializeLimited, type EntityType, type Types } from './entity-types.js'
import { badSegment, GraphHttpError, notFound } from './errors.js'
import { baseHeaders, contextUrl, decodeToken, encodeToken, link, parseSelect, parseTop, type Ctx } from './http.js'
import { GUID, key } from './ids.js'
import { readsMembersOf } from './permissions.js'
import { selectFilter, type ListSpec } from './query.js'

export function listResponse<T extends DirObj>(
  types: Types,
  ctx: Ctx,
  spec: ListSpec<T>,
  units: number
): EmulatorResponse {
  if (ctx.query.has('skip'))
    throw new GraphHttpError(400, 'Request_BadRequest', "'$skip' is not supported by the service.")
  if (ctx.query.has('expand')) {
    throw new GraphHttpError(400, 'Request_UnsupportedQuery', '$expand is not supported by the Graph emulator.')
  }
  const select = parseSelect(ctx, spec.selectable, spec.typeName)
  const top = parseTop(ctx)
  const countParam = ctx.query.get('count')
  const wantCount = countParam !== undefined && countParam.toLowerCase() === 'true'
  if (wantCount && !ctx.advanced) {
    throw new GraphHttpError(400, 'Request_BadRequest', '$count is not currently supported.')
  }
  const items = selectFilter(ctx, spec)
  let start = 0
  const skiptoken = ctx.query.get('skiptoken')
  if (skiptoken !== undefined) {
    const t = decodeToken(skiptoken, '$skiptoken')
    const o = typeof t.o === 'number' && t.o >= 0 ? t.o : 0
    start = o
    // Resume after the last object served when the collection shifted under the caller.
    if (typeof t.l === 'string' && key(items[o - 1]?.id ?? '') !== t.l) {
      const idx = items.findIndex((x) => key(x.id) === t.l)
      if (idx >= 0) start = idx + 1
    }
  }
  const page = items.slice(start, start + top)
  const body: Record<string, unknown> = { '@odata.context': contextUrl(ctx, spec.set, select) }
  if (wantCount) body['@odata.count'] = items.length
  if (start + top < items.length) {
    const params: Array<[string, string]> = []
    for (const [k, v] of ctx.req.url.searchParams) {
      if (k.replace(/^\$/, '').toLowerCase() !== 'skiptoken') params.push([k, v])
    }
    const last = page[page.length - 1]
    params.push(['$skiptoken', encodeToken({ o: start + top, l: last ? key(last.id) : undefined })])
    body['@odata.nextLink'] = link(ctx, spec.path, params)
  }
  body.value = page.map((o) =>
    spec.limited?.(o) ? serializeLimited(types, o, select) : serialize(types, o, select, spec.withType)
  )
  return { status: 200, headers: { ...baseHeaders(ctx), 'x-ms-resource-unit': String(units) }, body }
}

export function countResponse<T extends DirObj>(ctx: Ctx, spec: ListSpec<T>): EmulatorResponse {
  if (!ctx.advanced) {
    throw new GraphHttpError(
      400,
      'Request_UnsupportedQuery',
      "Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing. Refer to https://aka.ms/graph-docs/advanced-queries for more information"
    )
  }
  const n = selectFilter(ctx, spec).length
  return {
    status: 200,
    headers: { ...baseHeaders(ctx), 'content-type': 'text/plain;charset=utf-8' },
    body: String(n)
  }
}

export function entityResponse(types: Types, ctx: Ctx, o: DirObj, withType = false): EmulatorResponse {
  const t = types.byKind[o.kind]
  const select = parseSelect(ctx, t.props, t.typeName)
  if (ctx.query.has('expand')) {
    throw new GraphHttpError(400, 'Request_UnsupportedQuery', '$expand is not supported by the Graph emulator.')
  }
  const body = {
    '@odata.context': contextUrl(ctx, t.entitySet, select, true),
    ...serialize(types, o, select, withType)
  }
  return { status: 200, headers: { ...baseHeaders(ctx), 'x-ms-resource-unit': '1' }, body }
}

function userLookup(dir: Directory, prop: string, value: string): UserObj[] | undefined {
  switch (prop.toLowerCase()) {
    case 'id': {
      const u = dir.users.get(key(value))
      return u ? [u] : []
    }
    case 'userprincipalname': {
      const u = dir.usersByUpn.get(key(value))
      return u ? [u] : []
    }
    case 'mail':
      return dir.usersByMail.get(key(value)) ?? []
    default:
      return undefined
  }
}

function spLookup(dir: Directory, prop: string, value: string): SpObj[] | undefined {
  switch (prop.toLowerCase()) {
    case 'id': {
      const s = dir.sps.get(key(value))
      return s ? [s] : []
    }
    case 'appid': {
      const s = dir.spsByAppId.get(key(value))
      return s ? [s] : []
    }
    case 'displayname':
      return dir.spsByName.get(key(value)) ?? []
    default:
      return undefined
  }
}

function groupLookup(dir: Directory, prop: string, value: string): GroupObj[] | undefined {
  switch (prop.toLowerCase()) {
    case 'id': {
      const g = dir.groups.get(key(value))
      return g ? [g] : []
    }
    case 'displayname':
      return dir.groupsByName.get(key(value)) ?? []
    case 'mailnickname':
      return dir.groupsByNickname.get(key(value)) ?? []
    default:
      return undefined
  }
}

/** An entity set (users, groups, servicePrincipals) as a collection. */
function entitySet<T extends DirObj>(
  t: EntityType<T>,
  items: () => Iterable<T>,
  lookup: (prop: string, value: string) => T[] | undefined,
  orderable: string[]
): ListSpec<T> {
  return {
    items,
    schema: t.filter,
    selectable: t.props,
    typeName: t.typeName,
    set: t.entitySet,
    path: t.entitySet,
    withType: false,
    relationship: false,
    lookup,
    orderable
  }
}

export const groupsSet = (dir: Directory, types: Types): ListSpec<GroupObj> =>
  entitySet(
    types.group,
    () => dir.groups.values(),
    (p, v) => groupLookup(dir, p, v),
    ['displayName']
  )

export const usersSet = (dir: Directory, types: Types): ListSpec<UserObj> =>
  entitySet(
    types.user,
    () => dir.users.values(),
    (p, v) => userLookup(dir, p, v),
    ['displayName', 'userPrincipalName']
  )

export const servicePrincipalsSet = (dir: Directory, types: Types): ListSpec<SpObj> =>
  entitySet(
    types.servicePrincipal,
    () => dir.sps.values(),
    (p, v) => spLookup(dir, p, v),
    ['displayName']
  )

const kindByCast: Record<string, Kind> = {
  'microsoft.graph.user': 'user',
  'microsoft.graph.serviceprincipal': 'servicePrincipal',
  'microsoft.graph.group': 'group',
  'microsoft.graph.device': 'device',
  'microsoft.graph.orgcontact': 'orgContact'
}

/**
 * A relationship collection (members, transitiveMembers, memberOf, ...) with an optional type cast and /$count.
 * Objects of a kind the caller may not read are listed with their type and id only, as Graph does.
 */
export function relationship(
  types: Types,
  ctx: Ctx,
  basePath: string,
  all: () => DirObj[],
  rest: string[],
  units: number
): EmulatorResponse {
  let cast: Kind | undefined
  let i = 0
  if (rest[i] !== undefined && rest[i] !== '$count') {
    cast = kindByCast[(rest[i] as string).toLowerCase()]
    if (!cast) throw badSegment(rest[i] as string)
    i++
  }
  const count = rest[i] === '$count'
  if (count) i++
  if (i < rest.length) throw badSegment(rest[i] as string)
  const castType = cast ? types.byKind[cast] : undefined
  const limited = (o: DirObj): boolean => !readsMembersOf(ctx, o.kind)
  const schema = castType ? castType.filter : types.directoryObject
  const spec: ListSpec<DirObj> = {
    items: () => (cast ? all().filter((o) => o.kind === cast) : all()),
    // $filter, $search and $orderby see what the caller sees: null for the properties of an object it may not read
    // (how Graph filters those is not documented; matching nothing is the stricter reading).
    schema: {
      ...schema,
      get: (o, name) => (limited(o) && name.toLowerCase() !== 'id' ? null : schema.get(o, name))
    },
    selectable: castType ? castType.props : types.directoryObject.props,
    typeName: castType ? castType.typeName : 'microsoft.graph.directoryObject',
    set: castType ? castType.entitySet : 'directoryObjects',
    path: `${basePath}${cast ? `/${castType?.typeName}` : ''}`,
    withType: true,
    relationship: true,
    orderable: ['displayName'],
    limited
  }
  return count ? countResponse(ctx, spec) : listResponse(types, ctx, spec, units)
}

/** An object by id in a collection: a malformed id is 400, an unknown one 404 (as Graph). */
export function byId<T>(map: Map<string, T>, id: string): T {
  const o = map.get(key(id))
  if (o) return o
  if (!GUID.test(id)) throw new GraphHttpError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`)
  throw notFound(id)
}
