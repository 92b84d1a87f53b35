// Who may call Graph: accepted token audiences, the roles each read needs, and the sign-in of a request (401s).
import type { EmulatorRequest, EmulatorResponse, TokenService } from '../types.js'
import type { Kind } from './directory.js'
import { denied } from './errors.js'
import { errorResponse, header, type Ctx } from './http.js'

export const GRAPH_AUDIENCES: readonly string[] = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000'
]

/** Application permissions (roles) that allow each kind of read. */
export const GRAPH_READ_ROLES = {
  groups: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'Directory.Read.All',
    'GroupMember.ReadWrite.All',
    'Group.ReadWrite.All',
    'Directory.ReadWrite.All'
  ],
  users: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  servicePrincipals: [
    'Application.Read.All',
    'Application.ReadWrite.All',
    'Application.ReadWrite.OwnedBy',
    'Directory.Read.All',
    'Directory.ReadWrite.All'
  ]
} as const

/** memberOf and transitiveMemberOf of users and groups, and directoryObjects/{id} of a user or group. */
export const MEMBER_OF_ROLES = [...new Set([...GRAPH_READ_ROLES.groups, ...GRAPH_READ_ROLES.users])]

/**
 * Roles that let a caller read the properties of each kind of object in a directoryObject relationship (members,
 * transitiveMembers, memberOf). Without one, Graph still lists the object, with its @odata.type and id only
 * ("limited information returned for inaccessible member objects",
 * https://learn.microsoft.com/en-us/graph/permissions-overview#limited-information-returned-for-inaccessible-member-objects).
 * Application.ReadWrite.OwnedBy is left out: it reads only the apps the caller owns (the stricter reading).
 */
export const MEMBER_READ_ROLES: Readonly<Record<Kind, readonly string[]>> = {
  user: GRAPH_READ_ROLES.users,
  servicePrincipal: GRAPH_READ_ROLES.servicePrincipals.filter((r) => r !== 'Application.ReadWrite.OwnedBy'),
  group: GRAPH_READ_ROLES.groups,
  // https://learn.microsoft.com/en-us/graph/api/device-get, https://learn.microsoft.com/en-us/graph/api/orgcontact-get
  device: ['Device.Read.All', 'Device.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  orgContact: ['OrgContact.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All']
}

/** Whether the caller sees an object of this kind in a relationship in full, or only its type and id. */
export function readsMembersOf(ctx: Pick<Ctx, 'roles'>, kind: Kind): boolean {
  return MEMBER_READ_ROLES[kind].some((r) => ctx.roles.has(r))
}

export function requireRoles(ctx: Ctx, allowed: readonly string[]): void {
  if (!allowed.some((r) => ctx.roles.has(r))) throw denied()
}

/** The signed-in caller: the token's roles and appId (appid or azp claim). */
export interface Caller {
  roles: Set<string>
  appId: string | undefined
}

function authMessage(reason: string): string {
  if (/missing/i.test(reason)) return 'Access token is empty.'
  if (/audience/i.test(reason)) return 'Access token validation failure. Invalid audience.'
  if (/expired/i.test(reason)) return 'Lifetime validation failed, the token is expired.'
  return 'Access token validation failure.'
}

/** Checks the bearer token of a request: the caller, or the 401 answer. */
export async function authenticate(
  tokens: TokenService,
  req: EmulatorRequest,
  ids: { requestId: string; clientRequestId: string },
  extraAudiences: readonly string[] = []
): Promise<Caller | EmulatorResponse> {
  const origin = req.url.origin
  const authorization = header(req, 'authorization')
  const unauthorized = (message: string): EmulatorResponse =>
    errorResponse(ids, 401, 'InvalidAuthenticationToken', message, {
      'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`
    })
  if (!authorization || !/^bearer\s+\S/i.test(authorization)) return unauthorized('Access token is empty.')
  const audiences = [...GRAPH_AUDIENCES, ...extraAudiences, origin, `${origin}/`]
  const check = await tokens.verifyBearer(authorization, audiences)
  if (!check.ok) return unauthorized(authMessage(check.reason))
  return { roles: new Set(check.claims.roles ?? []), appId: check.claims.appid || check.claims.azp || undefined }
}
