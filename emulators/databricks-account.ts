// Azure Databricks account emulator: the account SCIM API (/api/2.0/accounts/{account_id}/scim/v2) and workspace
// permission assignments (/api/2.0/accounts/{account_id}/workspaces/{workspace_id}/permissionassignments), with
// Entra (account-admin) bearer auth, the account's identity limits and, opt-in, its published rate limits.
//
// This is the entry point: auth, routing and the state tests see. The parts live in databricks-account/: the store
// (int64 ids above 2^53, AIM groups, undo), the SCIM write rules, permission assignments, error formats, limits.
import { DATABRICKS_RESOURCE_ID, ScimError, storeState, type GroupView, type ScimStore } from './databricks.js'
import type { ScimGroup, ScimServicePrincipal, ScimUser } from './databricks.js'
import {
  WorkspaceAssignments,
  type AssignmentView,
  type WorkspacePermission
} from './databricks-account/assignments.js'
import { databricksError, RestError, scimResponse } from './databricks-account/errors.js'
import {
  DEFAULT_ACCOUNT_LIMITS,
  PUBLISHED_ACCOUNT_RATE_LIMITS,
  type AccountLimits
} from './databricks-account/limits.js'
import {
  accessIdentityRules,
  identityApi,
  type DenyRule,
  type EntraTenant,
  type IdentityApiHost
} from './databricks-account/identity-api.js'
import { accountScim } from './databricks-account/scim.js'
import { seedAccountStore } from './databricks-account/store.js'
import type {
  AccountFixture,
  WorkspaceGroupFixture,
  WorkspaceServicePrincipalFixture,
  WorkspaceUserFixture
} from './fixture.js'
import type { EmulatorServer } from './server.js'
import type { EmulatorRequest, EmulatorResponse, Handler, TokenService } from './types.js'

export { type AssignmentView, type WorkspacePermission } from './databricks-account/assignments.js'
export {
  accountServerError,
  accountThrottled,
  databricksError,
  type DatabricksErrorBody
} from './databricks-account/errors.js'
export {
  DEFAULT_ACCOUNT_LIMITS,
  PUBLISHED_ACCOUNT_RATE_LIMITS,
  type AccountLimits
} from './databricks-account/limits.js'
export { AIM_GROUP_WRITE_DETAIL } from './databricks-account/scim.js'
export {
  MAX_DENY_RULES,
  type DenyRule,
  type EntraTenant,
  type TenantObject
} from './databricks-account/identity-api.js'

export const ACCOUNT_API_PREFIX = '/api/2.0/accounts'
/** The identity API (automatic identity management): `/api/2.0/identity/accounts/{account_id}/…`. */
export const IDENTITY_API_PREFIX = '/api/2.0/identity/accounts'

/** Read and seed access to the account, for tests, the demo and the benchmark. */
export interface AccountState {
  readonly id: string
  /** The live store (replaced by reset()). */
  readonly store: ScimStore
  /** Limits the API enforces on creates and memberships (seeding through this state ignores them). */
  limits: AccountLimits
  /**
   * The account uses automatic identity management (the fixture's `aim`): a group with an externalId is Entra's,
   * shows no members and refuses writes; a group cannot be created with an externalId. reset() restores the fixture's.
   */
  aim: boolean
  /** appIds accepted as account admins (besides service principals with the `account_admin` role). */
  readonly admins: Set<string>
  users(): ScimUser[]
  servicePrincipals(): ScimServicePrincipal[]
  /** Every group (an AIM group without members: see `group(name).memberNames`). */
  groups(): ScimGroup[]
  user(userName: string): ScimUser | undefined
  servicePrincipal(applicationId: string): ScimServicePrincipal | undefined
  /** A group; `memberNames` are its members as the account holds them (an AIM group's too). */
  group(displayName: string): GroupView | undefined
  /** Seeds a user; unlike a SCIM write, seeding keeps an `externalId` (another writer's). */
  addUser(user: WorkspaceUserFixture): ScimUser
  addServicePrincipal(sp: WorkspaceServicePrincipalFixture): ScimServicePrincipal
  /** Creates a group; `members` are identity keys (an AIM group: the members Entra gives it). */
  addGroup(group: WorkspaceGroupFixture): ScimGroup
  addMember(group: string, memberRef: string): void
  removeMember(group: string, memberRef: string): void
  /** Workspaces of the account (name and numeric id). */
  workspaces(): { name: string; id: string }[]
  /** Permission assignments of a workspace (by name or id), sorted by principal. */
  assignments(workspace: string): AssignmentView[]
  /** Assigns (or with [] unassigns) a principal, by identity key, to a workspace. */
  assign(workspace: string, principalRef: string, permissions: WorkspacePermission[]): void
  /** The account access denylist (automatic identity management), sorted by external id. */
  denyRules(): DenyRule[]
  /** Adds a rule for an Entra principal (any reference the tenant knows), as an account admin would by hand. */
  deny(entraRef: string): DenyRule
  /** The entitlements a principal (by identity key) holds directly in a workspace; undefined: not assigned. */
  entitlements(workspace: string, principalRef: string): string[] | undefined
  /** Sets the published rate limits on the account server (`PUBLISHED_ACCOUNT_RATE_LIMITS`). */
  applyPublishedLimits(): void
  /** Back to the fixture's identities and assignments (same ids as at start), its `aim`, and the default limits. */
  reset(): void
}

export interface AccountOptions {
  tenantId: string
  /** The account server, for applyPublishedLimits (index.ts binds it once the server listens). */
  server?: () => EmulatorServer | undefined
  /** The Entra tenant automatic identity management reads (index.ts: the Graph emulator's directory). */
  entra?: EntraTenant
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The account handler and its state. */
export function createAccount(
  account: AccountFixture,
  tokens: TokenService,
  opts: AccountOptions
): { handler: Handler; state: AccountState } {
  let store = seedAccountStore(account)
  const assignments = new WorkspaceAssignments(account, () => store)
  const rules = new Map<string, DenyRule>()
  const identity: IdentityApiHost = {
    accountId: account.id,
    get store() {
      return store
    },
    get limits() {
      return state.limits
    },
    assignments,
    entra: opts.entra,
    rules
  }
  const addRule = (ref: string): DenyRule => {
    const o = opts.entra?.(ref)
    if (!o) throw new Error(`account: the Entra tenant has no '${ref}' to deny`)
    const type = o.kind === 'group' ? 'GROUP' : o.kind === 'user' ? 'USER' : 'SERVICE_PRINCIPAL'
    const rule: DenyRule = { externalId: o.id, displayName: o.displayName, principalType: type }
    rules.set(o.id.toLowerCase(), rule)
    return rule
  }
  const seedRules = (): void => {
    rules.clear()
    for (const ref of account.denyRules ?? []) addRule(ref)
  }
  seedRules()

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
      if (!GUID.test(accountId))
        return fail(scim, 404, 'RESOURCE_DOES_NOT_EXIST', `Account ${accountId} does not exist.`)
      return fail(scim, 403, 'PERMISSION_DENIED', `${appId} is not authorized to access account ${accountId}.`)
    }
    const sp = store.servicePrincipalByAppId(appId)
    const admin = state.admins.has(appId.toLowerCase()) || (sp?.roles.includes('account_admin') ?? false)
    if (!admin || (sp && !sp.active)) {
      return fail(scim, 403, 'PERMISSION_DENIED', `Service principal ${appId} is not an account admin.`)
    }
    return undefined
  }

  // ----- routing

  const scim = {
    get store() {
      return store
    },
    get limits() {
      return state.limits
    },
    deleted: (id: string) => assignments.deleted(id)
  }

  const handler: Handler = async (req) => {
    const path = req.url.pathname.replace(/\/+$/, '')
    const notFound = (): EmulatorResponse =>
      databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.url.pathname}'`)
    const prefix = [ACCOUNT_API_PREFIX, IDENTITY_API_PREFIX].find((p) => path.startsWith(`${p}/`))
    if (!prefix) return notFound()
    let segments: string[]
    try {
      segments = path
        .slice(prefix.length + 1)
        .split('/')
        .map((s) => decodeURIComponent(s))
    } catch {
      return databricksError(400, 'MALFORMED_REQUEST', 'Malformed path.')
    }
    const [accountId = '', ...rest] = segments
    const isIdentity = prefix === IDENTITY_API_PREFIX && rest.length >= 2
    const isScim = !isIdentity && rest[0] === 'scim' && rest[1] === 'v2' && rest.length >= 3
    const isAssignments =
      !isIdentity && rest[0] === 'workspaces' && rest[2] === 'permissionassignments' && rest.length >= 3
    const isRules = prefix === ACCOUNT_API_PREFIX && rest[0] === 'account-access-identity-rules'
    // No /Me (nor anything else) at account level.
    if ((!isScim && !isAssignments && !isIdentity && !isRules) || (isScim && rest[2] === 'Me')) return notFound()
    try {
      const denied = await authenticate(req, accountId, isScim)
      if (denied) return denied.denied
      if (isIdentity) return identityApi(identity, req, rest)
      if (isRules) return accessIdentityRules(identity, req, rest.slice(1))
      return isScim ? accountScim(scim, req, rest.slice(2)) : assignments.handle(req, rest[1]!, rest.slice(3))
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
    get aim() {
      return store.aim
    },
    set aim(on: boolean) {
      store.aim = on
    },
    admins: new Set(account.admins.map((a) => a.toLowerCase())),
    ...storeState(() => store, {
      where: 'the account',
      context: 'account',
      unknownMember: (ref) => `account: '${ref}' is not a user, service principal or group of the account`
    }),
    workspaces: () => assignments.workspaces(),
    assignments: (workspace) => assignments.view(workspace),
    assign: (workspace, principalRef, permissions) => assignments.assign(workspace, principalRef, permissions),
    denyRules: () => [...rules.values()].sort((a, b) => a.externalId.localeCompare(b.externalId)),
    deny: addRule,
    entitlements: (workspace, principalRef) => {
      const w = assignments.workspaces().find((x) => x.name === workspace || x.id === workspace)
      const p = store.findByKey(principalRef)
      return w && p ? assignments.entitlements(w.id, p.id) : undefined
    },
    applyPublishedLimits: () => {
      const server = opts.server?.()
      if (!server) throw new Error('account: the account server is not running')
      server.setRateLimit(PUBLISHED_ACCOUNT_RATE_LIMITS)
    },
    reset: () => {
      store = seedAccountStore(account)
      assignments.seed()
      seedRules()
      state.limits = { ...DEFAULT_ACCOUNT_LIMITS }
    }
  }
  return { handler, state }
}
