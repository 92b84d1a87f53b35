// The account identity API of automatic identity management (databricks-sdk-py service/iamv2.py AccountIamV2API,
// databricks-sdk-go service/iamv2/impl.go): resolve a group, service principal or user by its Entra object id
// (created from the Entra tenant when the account does not have it; an error when the account is not on AIM), the
// account access denylist (access identity rules), and the entitlements of a principal directly assigned to a
// workspace. Errors are `{ error_code, message }` (RestError).
import type { PrincipalRecord } from '../databricks.js'
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import type { WorkspaceAssignments } from './assignments.js'
import { RestError } from './errors.js'
import type { AccountLimits } from './limits.js'
import type { AccountStore } from './store.js'

/** An object of the Entra tenant, by object id. */
export interface TenantObject {
  kind: 'user' | 'servicePrincipal' | 'group'
  id: string
  displayName: string
  userPrincipalName?: string
  appId?: string
}

/** The Entra tenant the account's automatic identity management reads. */
export type EntraTenant = (objectId: string) => TenantObject | undefined

export type AimKind = TenantObject['kind']

/** One rule of the account access denylist. */
export interface DenyRule {
  externalId: string
  displayName: string
  principalType: 'GROUP' | 'USER' | 'SERVICE_PRINCIPAL'
}

/** Databricks' limit on an account's access identity rules ("Each account supports a maximum of 100 rules"). */
export const MAX_DENY_RULES = 100

/** Entitlements of the identity API (databricks-sdk-go service/iamv2 model.go, Entitlement). */
export const API_ENTITLEMENTS = [
  'ALLOW_CLUSTER_CREATE',
  'ALLOW_INSTANCE_POOL_CREATE',
  'DATABRICKS_SQL_ACCESS',
  'WORKSPACE_ACCESS',
  'WORKSPACE_ADMIN',
  'WORKSPACE_CONSUME'
] as const

const COLLECTIONS: Record<string, AimKind> = {
  groups: 'group',
  'service-principals': 'servicePrincipal',
  users: 'user'
}
const PRINCIPAL_TYPE: Record<AimKind, DenyRule['principalType']> = {
  group: 'GROUP',
  user: 'USER',
  servicePrincipal: 'SERVICE_PRINCIPAL'
}

/** A JSON number written from its exact decimal text (JSON.rawJSON, Node ≥ 21). */
const int64 = (digits: string): unknown => (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(digits)

export interface IdentityApiHost {
  readonly accountId: string
  readonly store: AccountStore
  readonly limits: AccountLimits
  readonly assignments: WorkspaceAssignments
  /** The tenant's objects by object id; absent: no tenant, every resolve finds nothing. */
  readonly entra: EntraTenant | undefined
  /** The denylist (kept across requests; reset with the account). */
  readonly rules: Map<string, DenyRule>
}

const notAim = (accountId: string): RestError =>
  // Not published beyond "if the customer is not onboarded onto AIM, this will return an error": code and wording
  // are the emulator's.
  new RestError(400, 'FEATURE_DISABLED', `Automatic identity management is not enabled for account ${accountId}.`)

/** `/api/2.0/identity/accounts/{account_id}/…`: `tail` are the segments after the account id. */
export function identityApi(host: IdentityApiHost, req: EmulatorRequest, tail: string[]): EmulatorResponse {
  const method = req.method.toUpperCase()
  const notFound = (): EmulatorResponse => {
    throw new RestError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.url.pathname}'`)
  }
  const [collection = '', action, ...rest] = tail
  const kind = COLLECTIONS[collection]
  if (kind && action === 'resolve-by-external-id' && rest.length === 0) {
    if (method !== 'POST') return notFound()
    return { status: 200, body: resolve(host, kind, requestJson(req)) }
  }
  // workspaces/{workspace_id}/workspace-assignments/{principal_id}
  if (collection === 'workspaces' && rest[0] === 'workspace-assignments' && rest.length === 2 && action) {
    if (method === 'GET') return { status: 200, body: workspaceAssignment(host, action, rest[1] as string) }
    if (method === 'PATCH') {
      const mask = (req.url.searchParams.get('update_mask') ?? '').split(',').map((s) => s.trim())
      if (!mask.includes('entitlements')) {
        throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'update_mask must name the fields to update: entitlements.')
      }
      return { status: 200, body: setEntitlements(host, action, rest[1] as string, requestJson(req)) }
    }
  }
  return notFound()
}

/** `/api/2.0/accounts/{account_id}/account-access-identity-rules[/{external_principal_id}]`. */
export function accessIdentityRules(host: IdentityApiHost, req: EmulatorRequest, tail: string[]): EmulatorResponse {
  const method = req.method.toUpperCase()
  if (tail.length === 0 && method === 'GET') return { status: 200, body: listRules(host, req) }
  if (tail.length === 0 && method === 'POST') {
    if (!host.store.aim) throw notAim(host.accountId)
    return { status: 200, body: createRule(host, req) }
  }
  const [externalId] = tail
  if (tail.length === 1 && externalId && (method === 'GET' || method === 'DELETE')) {
    const rule = host.rules.get(externalId.toLowerCase())
    if (!rule) {
      throw new RestError(404, 'RESOURCE_DOES_NOT_EXIST', `No account access identity rule for ${externalId}.`)
    }
    if (method === 'DELETE') {
      host.rules.delete(externalId.toLowerCase())
      return { status: 200, body: {} }
    }
    return { status: 200, body: ruleJson(host, rule) }
  }
  throw new RestError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.url.pathname}'`)
}

// ----- resolve

function resolve(host: IdentityApiHost, kind: AimKind, body: Record<string, unknown>): Record<string, unknown> {
  const externalId = body.external_id
  if (typeof externalId !== 'string' || externalId.trim() === '') {
    throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'external_id is required.')
  }
  if (!host.store.aim) throw notAim(host.accountId)
  const object = byObjectId(host, externalId)
  if (!object || object.kind !== kind) {
    throw new RestError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `No ${kind === 'servicePrincipal' ? 'service principal' : kind} with external id ${externalId} in the identity provider.`
    )
  }
  const rec = existing(host.store, object) ?? create(host, object)
  return { [kind === 'group' ? 'group' : kind === 'user' ? 'user' : 'service_principal']: principalJson(host, rec) }
}

/** The tenant's object with this object id (the tenant lookup also takes names, which resolving never does). */
function byObjectId(host: IdentityApiHost, externalId: string): TenantObject | undefined {
  const object = host.entra?.(externalId.trim())
  return object?.id.toLowerCase() === externalId.trim().toLowerCase() ? object : undefined
}

/** The account's principal for a tenant object: by externalId, or (users, service principals) by its key. */
function existing(store: AccountStore, o: TenantObject): PrincipalRecord | undefined {
  const id = o.id.toLowerCase()
  for (const rec of store.mapOf(o.kind).values()) if (rec.externalId?.toLowerCase() === id) return rec
  const byKey =
    o.kind === 'user' && o.userPrincipalName
      ? store.userByName(o.userPrincipalName)
      : o.kind === 'servicePrincipal' && o.appId
        ? store.servicePrincipalByAppId(o.appId)
        : undefined
  // The same person or application (user names and application ids are unique): it is linked to the Entra object.
  if (byKey && !byKey.externalId) byKey.externalId = o.id
  return byKey
}

function create(host: IdentityApiHost, o: TenantObject): PrincipalRecord {
  const { store, limits } = host
  if (o.kind === 'group') {
    if (store.groups.size >= limits.groups) {
      throw new RestError(400, 'INVALID_STATE', `The account has reached the maximum of ${limits.groups} groups.`)
    }
    if (store.groupByName(o.displayName)) {
      // Unclear in the sources (the enablement prep script reports duplicates appearing); refused here, the stricter.
      throw new RestError(
        409,
        'RESOURCE_ALREADY_EXISTS',
        `A group named ${o.displayName} already exists in the account without this external id.`
      )
    }
    return store.createGroup({ displayName: o.displayName, externalId: o.id })
  }
  if (store.users.size + store.servicePrincipals.size >= limits.principals) {
    throw new RestError(
      400,
      'INVALID_STATE',
      `The account has reached the maximum of ${limits.principals} users and service principals.`
    )
  }
  if (o.kind === 'servicePrincipal') {
    return store.createServicePrincipal({ applicationId: o.appId, displayName: o.displayName, externalId: o.id })
  }
  return store.createUser({ userName: o.userPrincipalName, displayName: o.displayName, externalId: o.id })
}

function principalJson(host: IdentityApiHost, rec: PrincipalRecord): Record<string, unknown> {
  const common = { account_id: host.accountId, external_id: rec.externalId }
  if (rec.kind === 'group') return { ...common, group_id: rec.id, group_name: rec.displayName }
  // The account's own status, as SCIM `active` has it (the AIM docs' "Inactive: No usage" is not modelled).
  const status = rec.active ? 'ACTIVE' : 'INACTIVE'
  if (rec.kind === 'servicePrincipal') {
    return {
      ...common,
      service_principal_id: rec.id,
      application_id: rec.applicationId,
      display_name: rec.displayName,
      account_sp_status: status
    }
  }
  return {
    ...common,
    user_id: rec.id,
    username: rec.userName,
    full_name: { given_name: rec.name?.givenName, family_name: rec.name?.familyName },
    account_user_status: status
  }
}

// ----- access identity rules

function createRule(host: IdentityApiHost, req: EmulatorRequest): Record<string, unknown> {
  const body = requestJson(req)
  const externalId = req.url.searchParams.get('external_principal_id') ?? ''
  if (externalId.trim() === '') {
    throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'external_principal_id is required.')
  }
  if (typeof body.external_principal_id === 'string' && body.external_principal_id !== externalId) {
    throw new RestError(
      400,
      'INVALID_PARAMETER_VALUE',
      'external_principal_id of the rule differs from the external_principal_id of the request.'
    )
  }
  if (body.action !== 'DENY') {
    throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'action must be DENY (the only action supported).')
  }
  const object = byObjectId(host, externalId)
  if (!object) {
    throw new RestError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `No principal with external id ${externalId} in the identity provider.`
    )
  }
  const key = object.id.toLowerCase()
  if (host.rules.has(key)) {
    throw new RestError(
      409,
      'RESOURCE_ALREADY_EXISTS',
      `An account access identity rule for ${externalId} already exists.`
    )
  }
  if (host.rules.size >= MAX_DENY_RULES) {
    throw new RestError(
      400,
      'INVALID_STATE',
      `The account already has the maximum of ${MAX_DENY_RULES} access identity rules.`
    )
  }
  // principal_type is filled in by the server "based on the external_principal_id" (databricks-sdk-py).
  const rule: DenyRule = {
    externalId: object.id,
    displayName: object.displayName,
    principalType: PRINCIPAL_TYPE[object.kind]
  }
  host.rules.set(key, rule)
  return ruleJson(host, rule)
}

function listRules(host: IdentityApiHost, req: EmulatorRequest): Record<string, unknown> {
  const all = [...host.rules.values()].sort((a, b) => a.externalId.localeCompare(b.externalId))
  const size = Math.max(1, Math.min(100, Number(req.url.searchParams.get('page_size') ?? '100') || 100))
  const token = req.url.searchParams.get('page_token')
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0
  if (!Number.isInteger(start) || start < 0) throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'Invalid page_token.')
  const page = all.slice(start, start + size)
  const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64url') : undefined
  return {
    account_access_identity_rules: page.map((r) => ruleJson(host, r)),
    ...(next ? { next_page_token: next } : {})
  }
}

function ruleJson(host: IdentityApiHost, r: DenyRule): Record<string, unknown> {
  return {
    name: `accounts/${host.accountId}/account-access-identity-rules/${r.externalId}`,
    external_principal_id: r.externalId,
    action: 'DENY',
    display_name: r.displayName,
    principal_type: r.principalType
  }
}

// ----- entitlements of a workspace's directly assigned principals

function workspaceAssignment(host: IdentityApiHost, workspaceId: string, principalId: string): Record<string, unknown> {
  const { p, entitlements } = assigned(host, workspaceId, principalId)
  return assignmentJson(host, workspaceId, p, entitlements)
}

function setEntitlements(
  host: IdentityApiHost,
  workspaceId: string,
  principalId: string,
  body: Record<string, unknown>
): Record<string, unknown> {
  const { p } = assigned(host, workspaceId, principalId)
  if (body.principal_id !== undefined && String(body.principal_id) !== p.id) {
    throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'principal_id of the body differs from the path.')
  }
  const list = body.entitlements ?? []
  if (!Array.isArray(list) || list.some((e) => !(API_ENTITLEMENTS as readonly unknown[]).includes(e))) {
    throw new RestError(
      400,
      'INVALID_PARAMETER_VALUE',
      `entitlements must be a list of ${API_ENTITLEMENTS.join(', ')}.`
    )
  }
  const entitlements = host.assignments.setEntitlements(workspaceId, p.id, list as string[])
  return assignmentJson(host, workspaceId, p, entitlements)
}

function assigned(host: IdentityApiHost, workspaceId: string, principalId: string) {
  if (!/^\d+$/.test(workspaceId) || !/^\d+$/.test(principalId)) {
    throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'workspace_id and principal_id must be numbers.')
  }
  const p = host.store.findById(BigInt(principalId).toString())
  const entitlements = p ? host.assignments.entitlements(workspaceId, p.id) : undefined
  if (!p || !entitlements) {
    throw new RestError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Principal ${principalId} is not directly assigned to workspace ${workspaceId}.`
    )
  }
  return { p, entitlements }
}

function assignmentJson(
  host: IdentityApiHost,
  workspaceId: string,
  p: PrincipalRecord,
  entitlements: readonly string[]
): Record<string, unknown> {
  return {
    account_id: host.accountId,
    workspace_id: int64(workspaceId),
    principal_id: int64(p.id),
    principal_type: PRINCIPAL_TYPE[p.kind],
    entitlements: [...entitlements],
    effective_entitlements: [...entitlements]
  }
}

/** The body, with int64 ids read from their source text (a JSON.parse of its own would round them). */
function requestJson(req: EmulatorRequest): Record<string, unknown> {
  if (req.rawBody.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(req.rawBody, (key, value, context?: { source?: string }) =>
      key.endsWith('_id') && typeof value === 'number' && context?.source ? context.source : value
    ) as unknown
  } catch {
    throw new RestError(400, 'MALFORMED_REQUEST', 'Could not parse request body as JSON.')
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RestError(400, 'MALFORMED_REQUEST', 'The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}
