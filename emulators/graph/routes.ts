// The directory routes: groups, users, servicePrincipals (reads; writes go to provisioning), directoryObjects.
import type { EmulatorResponse } from '../types.js'
import {
  byId,
  countResponse,
  entityResponse,
  groupsSet,
  listResponse,
  relationship,
  servicePrincipalsSet,
  usersSet
} from './collections.js'
import type { DirObj, SpObj } from './directory.js'
import { badSegment, notFound } from './errors.js'
import { groupsDelta } from './groups-delta.js'
import { requireGet, type Ctx } from './http.js'
import { key } from './ids.js'
import { objectsDelta } from './objects-delta.js'
import { GRAPH_READ_ROLES, MEMBER_OF_ROLES, MEMBER_READ_ROLES, requireRoles } from './permissions.js'
import { provisioningRequest, provisioningResponse } from './provisioning-host.js'
import type { GraphService } from './service.js'

const DELTA = /^delta(\(\))?$/i

/** Routes a request below /v1.0/ ($batch aside) by its decoded path segments. */
export function route(svc: GraphService, ctx: Ctx, segs: string[]): EmulatorResponse | Promise<EmulatorResponse> {
  const [head = '', second, third, ...rest] = segs
  const headLower = head.toLowerCase()
  const spAlt = /^serviceprincipals\(appid='(.*)'\)$/i.exec(head)

  if (headLower === 'groups') return groups(svc, ctx, segs.slice(1))
  if (headLower === 'users') return users(svc, ctx, segs.slice(1))

  if (headLower === 'applicationtemplates' && second !== undefined && third?.toLowerCase() === 'instantiate') {
    if (rest.length) throw badSegment(rest[0] as string)
    return provisioningResponse(ctx, svc.provisioning.instantiate(provisioningRequest(ctx), second))
  }

  if (headLower === 'serviceprincipals' && second !== undefined && DELTA.test(second)) {
    if (third !== undefined) throw badSegment(third)
    requireGet(ctx)
    requireRoles(ctx, GRAPH_READ_ROLES.servicePrincipals)
    return objectsDelta(svc, ctx, 'servicePrincipal')
  }

  if (headLower === 'serviceprincipals' || spAlt) {
    return servicePrincipals(svc, ctx, spAlt?.[1], segs.slice(1))
  }

  if (headLower === 'directoryobjects' && second !== undefined && third === undefined) {
    requireGet(ctx)
    const o = svc.dir.objects.get(key(second))
    if (!o) throw notFound(second)
    requireRoles(
      ctx,
      o.kind === 'servicePrincipal'
        ? GRAPH_READ_ROLES.servicePrincipals
        : o.kind === 'device' || o.kind === 'orgContact'
          ? MEMBER_READ_ROLES[o.kind]
          : MEMBER_OF_ROLES
    )
    return entityResponse(svc.types, ctx, o, true)
  }

  throw badSegment(head)
}

/** groups[/…]; `tail` is the path after `groups`. */
function groups(svc: GraphService, ctx: Ctx, tail: string[]): EmulatorResponse {
  const [second, third, ...rest] = tail
  const { dir, members, types } = svc
  requireGet(ctx)
  requireRoles(ctx, GRAPH_READ_ROLES.groups)
  const spec = groupsSet(dir, types)
  if (second === undefined) return listResponse(types, ctx, spec, 2)
  if (second === '$count' && third === undefined) return countResponse(ctx, spec)
  if (DELTA.test(second) && third === undefined) return groupsDelta(svc, ctx)
  const g = byId(dir.groups, second)
  if (third === undefined) return entityResponse(types, ctx, g)
  const nav = third.toLowerCase()
  const base = `groups/${g.id}/${third}`
  if (nav === 'members') return relationship(types, ctx, base, () => members.directMembers(g), rest, 3)
  if (nav === 'transitivemembers') return relationship(types, ctx, base, () => members.transitiveMembers(g), rest, 5)
  if (nav === 'memberof' || nav === 'transitivememberof') {
    return relationship(types, ctx, base, () => members.parents(g, nav === 'transitivememberof'), rest, 2)
  }
  throw badSegment(third)
}

/** users[/…]; `tail` is the path after `users`. */
function users(svc: GraphService, ctx: Ctx, tail: string[]): EmulatorResponse {
  const [second, third, ...rest] = tail
  const { dir, members, types } = svc
  requireGet(ctx)
  if (second !== undefined && DELTA.test(second) && third === undefined) {
    requireRoles(ctx, GRAPH_READ_ROLES.users)
    return objectsDelta(svc, ctx, 'user')
  }
  if (second === undefined || second === '$count') {
    requireRoles(ctx, GRAPH_READ_ROLES.users)
    const spec = usersSet(dir, types)
    if (second === '$count' && third === undefined) return countResponse(ctx, spec)
    if (second === undefined) return listResponse(types, ctx, spec, 2)
  }
  const idOrUpn = second as string
  if (third === undefined) {
    requireRoles(ctx, GRAPH_READ_ROLES.users)
    const u = dir.findUser(idOrUpn)
    if (!u) throw notFound(idOrUpn)
    return entityResponse(types, ctx, u)
  }
  const nav = third.toLowerCase()
  if (nav === 'memberof' || nav === 'transitivememberof') {
    requireRoles(ctx, MEMBER_OF_ROLES)
    const u = dir.findUser(idOrUpn)
    if (!u) throw notFound(idOrUpn)
    const all = (): DirObj[] => members.parents(u, nav === 'transitivememberof')
    return relationship(types, ctx, `users/${u.id}/${third}`, all, rest, 2)
  }
  throw badSegment(third)
}

/** servicePrincipals[/{id}[/…]] or, with `altAppId`, servicePrincipals(appId='…')[/…]; `tail`: the path after it. */
function servicePrincipals(
  svc: GraphService,
  ctx: Ctx,
  altAppId: string | undefined,
  tail: string[]
): EmulatorResponse | Promise<EmulatorResponse> {
  const [second, third, ...rest] = tail
  const { dir, members, types } = svc
  const alt = altAppId !== undefined
  // Writes and the provisioning navigations (appRoleAssignedTo, synchronization): the provisioning service.
  const spTail = (alt ? [second, third, ...rest] : [third, ...rest]).filter((s): s is string => s !== undefined)
  const spNav = spTail[0]?.toLowerCase()
  const isEntity = alt || (second !== undefined && second !== '$count')
  if (
    isEntity &&
    (spNav === 'approleassignedto' ||
      spNav === 'synchronization' ||
      (spNav === undefined && ctx.req.method.toUpperCase() !== 'GET'))
  ) {
    const resolve = (): SpObj => {
      if (alt) {
        const found = dir.spsByAppId.get(key(altAppId))
        if (!found) throw notFound(altAppId)
        return found
      }
      return byId(dir.sps, second as string)
    }
    return svc.provisioning
      .route(provisioningRequest(ctx), spTail, resolve)
      .then((res) => provisioningResponse(ctx, res))
  }
  requireGet(ctx)
  requireRoles(ctx, GRAPH_READ_ROLES.servicePrincipals)
  let sp: SpObj | undefined
  let entityTail: Array<string | undefined>
  if (alt) {
    sp = dir.spsByAppId.get(key(altAppId))
    if (!sp) throw notFound(altAppId)
    entityTail = [second, third, ...rest]
  } else {
    const spec = servicePrincipalsSet(dir, types)
    if (second === undefined) return listResponse(types, ctx, spec, 2)
    if (second === '$count' && third === undefined) return countResponse(ctx, spec)
    sp = byId(dir.sps, second)
    entityTail = [third, ...rest]
  }
  const [nav, ...more] = entityTail.filter((s): s is string => s !== undefined)
  if (nav === undefined) return entityResponse(types, ctx, sp)
  if (nav.toLowerCase() === 'memberof' || nav.toLowerCase() === 'transitivememberof') {
    const s = sp
    return relationship(
      types,
      ctx,
      `servicePrincipals/${s.id}/${nav}`,
      () => members.parents(s, nav.toLowerCase() === 'transitivememberof'),
      more,
      2
    )
  }
  throw badSegment(nav)
}
