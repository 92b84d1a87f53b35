// Azure Databricks account emulator: the account SCIM API (/api/2.0/accounts/{account_id}/scim/v2) and workspace
// permission assignments (/api/2.0/accounts/{account_id}/workspaces/{workspace_id}/permissionassignments), with
// Entra (account-admin) bearer auth, the account's identity limits and, opt-in, its published rate limits.
//
// Identities live in the workspace emulator's ScimStore (no built-in groups, groups of resourceType "Group") and are
// served by its routeScim with group lists that omit members, as Databricks has done since 2025-08.
import {
  addMemberByKey as addWorkspaceMemberByKey,
  DATABRICKS_RESOURCE_ID,
  groupBody,
  routeScim,
  SCIM_SCHEMAS,
  ScimError,
  scimErrorResponse,
  ScimStore,
  type GroupRecord,
  type GroupView,
  type PrincipalRecord,
  type ResourceKind,
  type ScimGroup,
  type ScimServicePrincipal,
  type ScimUser,
  spBody,
  storeState,
  userBody
} from './databricks.js'
import type {
  AccountFixture,
  WorkspaceGroupFixture,
  WorkspaceServicePrincipalFixture,
  WorkspaceUserFixture
} from './fixture.js'
import type { EmulatorServer, RateLimit, RequestContext } from './server.js'
import type { EmulatorRequest, EmulatorResponse, Handler, TokenService } from './types.js'

export const ACCOUNT_API_PREFIX = '/api/2.0/accounts'

/** Identity limits the account API enforces. */
export interface AccountLimits {
  /** Users plus service principals in the account. */
  principals: number
  groups: number
  /** Direct group memberships of one principal (user, service principal or group). */
  membershipsPerPrincipal: number
}

/** Databricks' documented account limits. */
export const DEFAULT_ACCOUNT_LIMITS: Readonly<AccountLimits> = {
  principals: 10000,
  groups: 5000,
  membershipsPerPrincipal: 1500
}

const SCIM_PATH = String.raw`^/api/2\.0/accounts/[^/]+/scim/v2/(?:Users|Groups|ServicePrincipals)`
const ASSIGNMENTS_PATH = String.raw`^/api/2\.0/accounts/[^/]+/workspaces/[^/]+/permissionassignments`

/**
 * The published per-endpoint limits of the account API, one window each (per second, Retry-After 1): SCIM PATCH 2/s,
 * POST/PUT/DELETE 5/s, GET of one resource 20/s, list 240/s. Permission assignments get the same write/read
 * limits as SCIM (not published: an assumption).
 */
export const PUBLISHED_ACCOUNT_RATE_LIMITS: readonly RateLimit[] = [
  { limit: 2, windowMs: 1000, retryAfterSeconds: 1, methods: ['PATCH'], path: new RegExp(SCIM_PATH) },
  { limit: 5, windowMs: 1000, retryAfterSeconds: 1, methods: ['POST', 'PUT', 'DELETE'], path: new RegExp(SCIM_PATH) },
  { limit: 20, windowMs: 1000, retryAfterSeconds: 1, methods: ['GET'], path: new RegExp(`${SCIM_PATH}/[^/]+/?$`) },
  { limit: 240, windowMs: 1000, retryAfterSeconds: 1, methods: ['GET'], path: new RegExp(`${SCIM_PATH}/?$`) },
  { limit: 5, windowMs: 1000, retryAfterSeconds: 1, methods: ['PUT', 'DELETE'], path: new RegExp(ASSIGNMENTS_PATH) },
  { limit: 20, windowMs: 1000, retryAfterSeconds: 1, methods: ['GET'], path: new RegExp(ASSIGNMENTS_PATH) }
]

export type WorkspacePermission = 'USER' | 'ADMIN'
const PERMISSIONS: readonly WorkspacePermission[] = ['USER', 'ADMIN']

// ---------------------------------------------------------------------------------------------------------
// Error formats: SCIM endpoints answer SCIM errors, the other account endpoints { error_code, message }.

export interface DatabricksErrorBody {
  error_code: string
  message: string
}

export function databricksError(status: number, errorCode: string, message: string): EmulatorResponse {
  const body: DatabricksErrorBody = { error_code: errorCode, message }
  return { status, body }
}

class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string
  ) {
    super(message)
    this.name = 'RestError'
  }
}

const isScimPath = (path: string): boolean => /\/scim\/v2(\/|$)/.test(path)

function scimResponse(status: number, detail: string, scimType?: string): EmulatorResponse {
  return { ...scimErrorResponse(status, detail, scimType), headers: { 'Content-Type': 'application/scim+json' } }
}

/** 429 of the account server: SCIM error on SCIM paths, REQUEST_LIMIT_EXCEEDED elsewhere. */
export function accountThrottled(retryAfterSeconds: number, request?: RequestContext): EmulatorResponse {
  const message = `Too many requests. Please retry after ${retryAfterSeconds} seconds.`
  return request && isScimPath(request.path)
    ? scimResponse(429, message)
    : databricksError(429, 'REQUEST_LIMIT_EXCEEDED', message)
}

/** 5xx of the account server, in the format of the endpoint. */
export function accountServerError(status: number, message: string, request?: RequestContext): EmulatorResponse {
  if (request && isScimPath(request.path)) return scimResponse(status, message)
  return databricksError(status, status === 503 ? 'TEMPORARILY_UNAVAILABLE' : 'INTERNAL_ERROR', message)
}

// ---------------------------------------------------------------------------------------------------------
// The store: ScimStore plus a journal of membership changes, so a write that breaks a limit can be undone.

type JournalEntry = { added: boolean; group: GroupRecord; member: PrincipalRecord }

class AccountStore extends ScimStore {
  /** Set while a write runs: every membership change it makes. */
  journal: JournalEntry[] | undefined

  override link(group: GroupRecord, member: PrincipalRecord): void {
    const had = group.members.has(member.id)
    super.link(group, member)
    if (!had) this.journal?.push({ added: true, group, member })
  }

  override unlink(group: GroupRecord, member: PrincipalRecord): void {
    const had = group.members.has(member.id)
    super.unlink(group, member)
    if (had) this.journal?.push({ added: false, group, member })
  }
}

/** The mutable fields of a record, to put back when a write is undone. */
interface Snapshot {
  rec: PrincipalRecord
  displayName: string
  externalId: string | undefined
  entitlements: string[]
  roles: string[]
  active?: boolean
  name?: { givenName?: string; familyName?: string } | undefined
}

function snapshot(rec: PrincipalRecord): Snapshot {
  const s: Snapshot = {
    rec,
    displayName: rec.displayName,
    externalId: rec.externalId,
    entitlements: [...rec.entitlements],
    roles: [...rec.roles]
  }
  if (rec.kind !== 'group') s.active = rec.active
  if (rec.kind === 'user') s.name = rec.name && { ...rec.name }
  return s
}

const KIND_BY_SEGMENT: Record<string, ResourceKind> = {
  Users: 'user',
  ServicePrincipals: 'servicePrincipal',
  Groups: 'group'
}
const TYPE_NAME: Record<ResourceKind, string> = { user: 'User', servicePrincipal: 'Service principal', group: 'Group' }

// ---------------------------------------------------------------------------------------------------------
// State

export interface AssignmentView {
  /** Identity key: userName, applicationId or group displayName. */
  principal: string
  type: ResourceKind
  /** Account SCIM id (the principal_id of the API, as a string). */
  principalId: string
  displayName: string
  permissions: WorkspacePermission[]
}

/** Read and seed access to the account, for tests, the demo and the benchmark. */
export interface AccountState {
  readonly id: string
  /** The live store (replaced by reset()). */
  readonly store: ScimStore
  /** Limits the API enforces on creates and memberships (seeding through this state ignores them). */
  limits: AccountLimits
  /** appIds accepted as account admins (besides service principals with the `account_admin` role). */
  readonly admins: Set<string>
  users(): ScimUser[]
  servicePrincipals(): ScimServicePrincipal[]
  /** Every group, members included. */
  groups(): ScimGroup[]
  user(userName: string): ScimUser | undefined
  servicePrincipal(applicationId: string): ScimServicePrincipal | undefined
  group(displayName: string): GroupView | undefined
  addUser(user: WorkspaceUserFixture): ScimUser
  addServicePrincipal(sp: WorkspaceServicePrincipalFixture): ScimServicePrincipal
  /** Creates a group; `members` are identity keys. */
  addGroup(group: WorkspaceGroupFixture): ScimGroup
  addMember(group: string, memberRef: string): void
  removeMember(group: string, memberRef: string): void
  /** Workspaces of the account (name and numeric id). */
  workspaces(): { name: string; id: string }[]
  /** Permission assignments of a workspace (by name or id), sorted by principal. */
  assignments(workspace: string): AssignmentView[]
  /** Assigns (or with [] unassigns) a principal, by identity key, to a workspace. */
  assign(workspace: string, principalRef: string, permissions: WorkspacePermission[]): void
  /** Sets the published rate limits on the account server (`PUBLISHED_ACCOUNT_RATE_LIMITS`). */
  applyPublishedLimits(): void
  /** Back to the fixture's identities and assignments (same ids as at start) and the default limits. */
  reset(): void
}

export interface AccountOptions {
  tenantId: string
  /** The account server, for applyPublishedLimits (index.ts binds it once the server listens). */
  server?: () => EmulatorServer | undefined
}

function memberByKey(store: ScimStore, ref: string, context: string): PrincipalRecord {
  const m = store.findByKey(ref)
  if (!m) throw new Error(`${context}: '${ref}' is not a user, service principal or group of the account`)
  return m
}

const addMemberByKey = (store: ScimStore, group: GroupRecord, ref: string, context: string): void =>
  addWorkspaceMemberByKey(store, group, ref, context, 'the account')

/** A store holding the fixture's identities; each admin app is a service principal of the account. */
function seedAccountStore(account: AccountFixture): AccountStore {
  const store = new AccountStore({ idSeed: `account:${account.id}`, groupResourceType: 'Group', builtinGroups: false })
  for (const u of account.users ?? []) store.createUser(userBody(u))
  for (const sp of account.servicePrincipals ?? []) store.createServicePrincipal(spBody(sp))
  for (const appId of account.admins) {
    if (!store.servicePrincipalByAppId(appId)) store.createServicePrincipal(spBody({ applicationId: appId }))
  }
  const groups = (account.groups ?? []).map((g) => [store.createGroup(groupBody(g)), g] as const)
  for (const [rec, g] of groups) {
    for (const ref of g.members ?? []) addMemberByKey(store, rec, ref, `account: group ${g.displayName}`)
  }
  return store
}

/** The account handler and its state. */
export function createAccount(
  account: AccountFixture,
  tokens: TokenService,
  opts: AccountOptions
): { handler: Handler; state: AccountState } {
  let store = seedAccountStore(account)
  const workspaceList = (account.workspaces ?? []).map((w) => ({ name: w.name, id: String(w.id) }))
  /** workspace id -> principal id -> permissions */
  let assignments = new Map<string, Map<string, WorkspacePermission[]>>()

  const workspaceFor = (ref: string): { name: string; id: string } => {
    const w = workspaceList.find((x) => x.id === ref) ?? workspaceList.find((x) => x.name === ref)
    if (!w) throw new Error(`account: no workspace '${ref}'`)
    return w
  }

  const seedAssignments = (): void => {
    assignments = new Map(workspaceList.map((w) => [w.id, new Map()]))
    for (const w of account.workspaces ?? []) {
      for (const a of w.assignments ?? []) {
        const p = memberByKey(store, a.principal, `account: workspace ${w.name}`)
        assignments.get(String(w.id))!.set(p.id, orderPermissions(a.permissions))
      }
    }
  }
  seedAssignments()

  /** Assignments of principals that no longer exist are gone (Databricks removes them with the principal). */
  const liveAssignments = (workspaceId: string): [PrincipalRecord, WorkspacePermission[]][] => {
    const map = assignments.get(workspaceId) ?? new Map<string, WorkspacePermission[]>()
    const out: [PrincipalRecord, WorkspacePermission[]][] = []
    for (const [id, perms] of map) {
      const p = store.findById(id)
      if (p) out.push([p, perms])
      else map.delete(id)
    }
    return out
  }

  // ----- auth

  type Denied = { denied: EmulatorResponse }
  const fail = (scim: boolean, status: number, code: string, message: string): Denied => ({
    denied: scim ? scimResponse(status, message) : databricksError(status, code, message)
  })

  async function authenticate(req: EmulatorRequest, accountId: string, scim: boolean): Promise<Denied | undefined> {
    const header = req.headers.authorization
    let check
    try {
      check = await tokens.verifyBearer(header, [DATABRICKS_RESOURCE_ID])
    } catch {
      check = undefined
    }
    // Workspace PATs are not JWTs: the account API refuses them like any other invalid token.
    if (!check?.ok) return fail(scim, 401, 'UNAUTHENTICATED', 'Invalid access token.')
    if (opts.tenantId && check.claims.tid && check.claims.tid.toLowerCase() !== opts.tenantId.toLowerCase()) {
      return fail(scim, 401, 'UNAUTHENTICATED', 'Invalid access token: the token is for another tenant.')
    }
    const appId = check.claims.appid || check.claims.azp
    if (accountId.toLowerCase() !== account.id.toLowerCase()) {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(accountId)) {
        return fail(scim, 404, 'RESOURCE_DOES_NOT_EXIST', `Account ${accountId} does not exist.`)
      }
      return fail(scim, 403, 'PERMISSION_DENIED', `${appId} is not authorized to access account ${accountId}.`)
    }
    const sp = store.servicePrincipalByAppId(appId)
    const admin = state.admins.has(appId.toLowerCase()) || (sp?.roles.includes('account_admin') ?? false)
    if (!admin || (sp && !sp.active)) {
      return fail(scim, 403, 'PERMISSION_DENIED', `Service principal ${appId} is not an account admin.`)
    }
    return undefined
  }

  // ----- SCIM

  function overLimitMessage(entry: JournalEntry): string {
    const m = entry.member
    return (
      `${TYPE_NAME[m.kind]} ${store.keyOf(m)} cannot be added to group ${entry.group.displayName}: a principal can ` +
      `be a direct member of at most ${state.limits.membershipsPerPrincipal} groups.`
    )
  }

  function undo(journal: JournalEntry[], snap: Snapshot | undefined): void {
    store.journal = undefined
    for (const e of [...journal].reverse()) {
      if (e.added) store.unlink(e.group, e.member)
      else if (store.findById(e.group.id) && store.findById(e.member.id)) store.link(e.group, e.member)
    }
    if (!snap) return
    const rec = snap.rec
    if (rec.kind === 'group' && rec.displayName !== snap.displayName) {
      store.patch('group', rec.id, {
        schemas: [SCIM_SCHEMAS.patchOp],
        Operations: [{ op: 'replace', path: 'displayName', value: snap.displayName }]
      })
    }
    rec.displayName = snap.displayName
    rec.externalId = snap.externalId
    rec.entitlements = snap.entitlements
    rec.roles = snap.roles
    if (rec.kind !== 'group' && snap.active !== undefined) rec.active = snap.active
    if (rec.kind === 'user') rec.name = snap.name
  }

  function checkCreate(kind: ResourceKind): void {
    const limits = state.limits
    if (kind === 'group') {
      if (store.groups.size >= limits.groups) {
        throw new ScimError(
          400,
          `Cannot create group: the account has reached the maximum of ${limits.groups} groups.`,
          'invalidValue'
        )
      }
    } else if (store.users.size + store.servicePrincipals.size >= limits.principals) {
      throw new ScimError(
        400,
        `Cannot create ${kind === 'user' ? 'user' : 'service principal'}: the account has reached the maximum of ` +
          `${limits.principals} users and service principals.`,
        'invalidValue'
      )
    }
  }

  function scim(req: EmulatorRequest, segments: string[]): EmulatorResponse {
    const kind = KIND_BY_SEGMENT[segments[0] ?? '']
    const method = req.method.toUpperCase()
    if (!kind || segments.length > 2 || method === 'GET') {
      const res = routeScim(store, req, segments, { listGroupMembers: false })
      return res ?? scimErrorResponse(404, `No SCIM resource at ${req.url.pathname}.`)
    }
    if (method === 'POST' && segments.length === 1) checkCreate(kind)
    const target = segments.length === 2 ? store.find(kind, segments[1]!) : undefined
    const snap = target && snapshot(target)
    const journal: JournalEntry[] = []
    store.journal = journal
    let res: EmulatorResponse | undefined
    try {
      res = routeScim(store, req, segments, { listGroupMembers: false })
    } catch (e) {
      undo(journal, snap)
      throw e
    } finally {
      store.journal = undefined
    }
    const over = journal.find(
      (e) =>
        e.added && e.member.memberOf.has(e.group.id) && e.member.memberOf.size > state.limits.membershipsPerPrincipal
    )
    if (over) {
      const message = overLimitMessage(over)
      undo(journal, snap)
      const created = method === 'POST' && res && res.status === 201 ? (res.body as { id?: unknown }).id : undefined
      if (typeof created === 'string') store.delete(kind, created)
      throw new ScimError(400, message, 'invalidValue')
    }
    if (method === 'DELETE' && segments.length === 2 && res?.status === 204) {
      for (const map of assignments.values()) map.delete(segments[1]!)
    }
    return res ?? scimErrorResponse(404, `No SCIM resource at ${req.url.pathname}.`)
  }

  // ----- permission assignments

  function principalJson(p: PrincipalRecord): Record<string, unknown> {
    const o: Record<string, unknown> = { principal_id: Number(p.id), display_name: p.displayName }
    if (p.kind === 'user') o.user_name = p.userName
    else if (p.kind === 'servicePrincipal') o.service_principal_name = p.applicationId
    else o.group_name = p.displayName
    return o
  }

  function assignmentJson(p: PrincipalRecord, permissions: WorkspacePermission[]): Record<string, unknown> {
    return { principal: principalJson(p), permissions: [...permissions] }
  }

  function requestJson(req: EmulatorRequest): Record<string, unknown> {
    let body = req.body
    if (body === undefined) {
      if (req.rawBody.trim() === '') throw new RestError(400, 'MALFORMED_REQUEST', 'A JSON request body is required.')
      try {
        body = JSON.parse(req.rawBody) as unknown
      } catch {
        throw new RestError(400, 'MALFORMED_REQUEST', 'Could not parse request body as JSON.')
      }
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new RestError(400, 'MALFORMED_REQUEST', 'The request body must be a JSON object.')
    }
    return body as Record<string, unknown>
  }

  function parsePermissions(value: unknown): WorkspacePermission[] {
    if (!Array.isArray(value) || value.length === 0) {
      throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'permissions must be a non-empty array of USER or ADMIN.')
    }
    for (const v of value) {
      if (typeof v !== 'string' || !(PERMISSIONS as readonly string[]).includes(v)) {
        throw new RestError(
          400,
          'INVALID_PARAMETER_VALUE',
          `Invalid permission ${JSON.stringify(v)}: expected one of ${PERMISSIONS.join(', ')}.`
        )
      }
    }
    return orderPermissions(value as WorkspacePermission[])
  }

  function permissionAssignments(req: EmulatorRequest, workspaceId: string, tail: string[]): EmulatorResponse {
    const method = req.method.toUpperCase()
    const notFound = (): EmulatorResponse =>
      databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.url.pathname}'`)
    if (!/^\d+$/.test(workspaceId)) {
      throw new RestError(400, 'INVALID_PARAMETER_VALUE', `Invalid workspace id '${workspaceId}': expected a number.`)
    }
    const map = assignments.get(workspaceId)
    if (!map) throw new RestError(404, 'RESOURCE_DOES_NOT_EXIST', `Workspace ${workspaceId} does not exist.`)
    if (tail.length === 0) {
      if (method !== 'GET') return notFound()
      return {
        status: 200,
        body: { permission_assignments: liveAssignments(workspaceId).map(([p, perms]) => assignmentJson(p, perms)) }
      }
    }
    if (tail.length === 1 && tail[0] === 'permissions') {
      if (method !== 'GET') return notFound()
      return {
        status: 200,
        body: {
          permissions: [
            { permission_level: 'USER', description: 'Can access the workspace with basic privileges.' },
            { permission_level: 'ADMIN', description: 'Can access the workspace and has workspace admin privileges.' }
          ]
        }
      }
    }
    if (tail.length !== 2 || tail[0] !== 'principals' || (method !== 'PUT' && method !== 'DELETE')) return notFound()
    const principalId = tail[1]!
    if (!/^\d+$/.test(principalId)) {
      throw new RestError(400, 'INVALID_PARAMETER_VALUE', `Invalid principal id '${principalId}': expected a number.`)
    }
    // principal_id is a number in JSON; ids are below 2^53, so the decimal form is the SCIM id.
    const p = store.findById(String(Number(principalId)))
    if (!p) throw new RestError(404, 'RESOURCE_DOES_NOT_EXIST', `Principal ${principalId} does not exist.`)
    if (method === 'DELETE') {
      if (!map.delete(p.id)) {
        throw new RestError(
          404,
          'RESOURCE_DOES_NOT_EXIST',
          `Principal ${principalId} has no permission assignment in workspace ${workspaceId}.`
        )
      }
      return { status: 200, body: {} }
    }
    const permissions = parsePermissions(requestJson(req).permissions)
    map.set(p.id, permissions)
    return { status: 200, body: assignmentJson(p, permissions) }
  }

  // ----- routing

  const handler: Handler = async (req) => {
    const path = req.url.pathname.replace(/\/+$/, '')
    const notFound = (): EmulatorResponse =>
      databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.url.pathname}'`)
    if (!path.startsWith(`${ACCOUNT_API_PREFIX}/`)) return notFound()
    let segments: string[]
    try {
      segments = path
        .slice(ACCOUNT_API_PREFIX.length + 1)
        .split('/')
        .map((s) => decodeURIComponent(s))
    } catch {
      return databricksError(400, 'MALFORMED_REQUEST', 'Malformed path.')
    }
    const [accountId = '', ...rest] = segments
    const isScim = rest[0] === 'scim' && rest[1] === 'v2' && rest.length >= 3
    const isAssignments = rest[0] === 'workspaces' && rest[2] === 'permissionassignments' && rest.length >= 3
    // No /Me (nor anything else) at account level.
    if ((!isScim && !isAssignments) || (isScim && rest[2] === 'Me')) return notFound()
    try {
      const denied = await authenticate(req, accountId, isScim)
      if (denied) return denied.denied
      return isScim ? scim(req, rest.slice(2)) : permissionAssignments(req, rest[1]!, rest.slice(3))
    } catch (e) {
      if (e instanceof ScimError) return scimResponse(e.status, e.detail, e.scimType)
      if (e instanceof RestError) return databricksError(e.status, e.errorCode, e.message)
      const message = `Internal error: ${e instanceof Error ? e.message : String(e)}`
      return isScim ? scimResponse(500, message) : databricksError(500, 'INTERNAL_ERROR', message)
    }
  }

  // ----- state

  const state: AccountState = {
    id: account.id,
    get store() {
      return store
    },
    limits: { ...DEFAULT_ACCOUNT_LIMITS },
    admins: new Set(account.admins.map((a) => a.toLowerCase())),
    ...storeState(() => store, {
      where: 'the account',
      context: 'account',
      unknownMember: (ref) => `account: '${ref}' is not a user, service principal or group of the account`
    }),
    workspaces: () => workspaceList.map((w) => ({ ...w })),
    assignments: (workspace) =>
      liveAssignments(workspaceFor(workspace).id)
        .map(([p, permissions]) => ({
          principal: store.keyOf(p),
          type: p.kind,
          principalId: p.id,
          displayName: p.displayName,
          permissions: [...permissions]
        }))
        .sort((a, b) => a.principal.localeCompare(b.principal)),
    assign: (workspace, principalRef, permissions) => {
      const w = workspaceFor(workspace)
      const p = memberByKey(store, principalRef, `account: workspace ${w.name}`)
      const map = assignments.get(w.id)!
      if (permissions.length === 0) map.delete(p.id)
      else map.set(p.id, orderPermissions(permissions))
    },
    applyPublishedLimits: () => {
      const server = opts.server?.()
      if (!server) throw new Error('account: the account server is not running')
      server.setRateLimit(PUBLISHED_ACCOUNT_RATE_LIMITS)
    },
    reset: () => {
      store = seedAccountStore(account)
      seedAssignments()
      state.limits = { ...DEFAULT_ACCOUNT_LIMITS }
    }
  }
  return { handler, state }
}

function orderPermissions(permissions: readonly WorkspacePermission[]): WorkspacePermission[] {
  return PERMISSIONS.filter((p) => permissions.includes(p))
}
