// Databricks SCIM resources as the action reads and writes them, the typed PATCH operations, and the
// small client interface the sync depends on (workspace level now; account level later).
import type { Entitlement } from '../../core/model.js'

export interface ScimValue<T extends string = string> {
  value: T
}

export interface ScimMember {
  value: string
  display?: string
  $ref?: string
}

export interface ScimUser {
  id: string
  userName: string
  displayName?: string
  active?: boolean
  externalId?: string
  entitlements?: ScimValue<string>[]
  groups?: ScimMember[]
}

export interface ScimServicePrincipal {
  id: string
  applicationId: string
  displayName?: string
  active?: boolean
  externalId?: string
  entitlements?: ScimValue<string>[]
  groups?: ScimMember[]
}

export interface ScimGroup {
  id: string
  displayName: string
  externalId?: string
  members?: ScimMember[]
  entitlements?: ScimValue<string>[]
  /** `WorkspaceGroup` (workspace-local) or `Group` (an account group; at account level every group). */
  meta?: { resourceType?: string }
}

/**
 * Whether workspace SCIM shows this group as an account group assigned to the workspace (identity federation):
 * workspace SCIM cannot change it (writes that involve it fail), so the action never adopts or writes it there.
 * At account level every group is `Group`, and the account's own.
 */
export const isAccountGroupInWorkspace = (scim: Pick<ScimApi, 'level'>, g: ScimGroup): boolean =>
  scim.level !== 'account' && g.meta?.resourceType === 'Group'

/**
 * Why such a group is not synced, and the fix. Workspace SCIM lists the account groups assigned to an
 * identity-federated workspace, but its "API calls will fail if they involve account groups"
 * (learn.microsoft.com/azure/databricks/archive/workspace-level-scim).
 */
export const ACCOUNT_GROUP_IN_WORKSPACE = {
  reason: 'it is an account group (identity federation), which workspace SCIM cannot change',
  fix: 'manage it at account level: list it under account.groups and assign it to this workspace with account-groups (or map the Entra group to another Databricks group name)'
} as const

/**
 * SCIM PATCH operations the action sends, one type per shape, so a malformed one cannot be built. The shapes are
 * the official clients': terraform-provider-databricks scim/ removes entitlements with a value list and sets
 * `active` as `[{ value: "false" }]` (also Databricks' knowledge base); a Go client cannot send a bare `false`.
 */
export type ScimPatchOp =
  | { op: 'add'; path: 'members'; value: ScimValue[] }
  | { op: 'remove'; path: `members[value eq "${string}"]` }
  | { op: 'add'; path: 'entitlements'; value: ScimValue<Entitlement>[] }
  | { op: 'remove'; path: 'entitlements'; value: ScimValue<Entitlement>[] }
  | { op: 'replace'; path: 'active'; value: [ScimValue<'true' | 'false'>] }
  | { op: 'replace'; path: 'displayName'; value: string }
  | { op: 'replace'; path: 'externalId'; value: string }

export const addMembers = (ids: readonly string[]): ScimPatchOp => ({
  op: 'add',
  path: 'members',
  value: ids.map((value) => ({ value }))
})
export const removeMember = (id: string): ScimPatchOp => ({ op: 'remove', path: `members[value eq "${id}"]` })
export const addEntitlements = (values: readonly Entitlement[]): ScimPatchOp => ({
  op: 'add',
  path: 'entitlements',
  value: values.map((value) => ({ value }))
})
export const removeEntitlements = (values: readonly Entitlement[]): ScimPatchOp => ({
  op: 'remove',
  path: 'entitlements',
  value: values.map((value) => ({ value }))
})
export const setActive = (active: boolean): ScimPatchOp => ({
  op: 'replace',
  path: 'active',
  value: [{ value: active ? 'true' : 'false' }]
})

export type ScimResourceType = 'Users' | 'ServicePrincipals' | 'Groups'

export interface NewUser {
  userName: string
  displayName?: string
  externalId?: string
  entitlements?: Entitlement[]
  active?: boolean
}

export interface NewServicePrincipal {
  applicationId: string
  displayName?: string
  externalId?: string
  entitlements?: Entitlement[]
  active?: boolean
}

export interface NewGroup {
  displayName: string
  externalId?: string
  entitlements?: Entitlement[]
}

/** What the sync needs from a Databricks identity API (workspace or account SCIM). */
export interface ScimApi {
  /** Workspace SCIM (the default) or account SCIM. */
  readonly level?: 'workspace' | 'account'
  /**
   * The application id of the service principal the action signs in as, when the token is its own (Entra auth):
   * the sync then finds itself in the service principal list instead of asking me().
   */
  readonly selfApplicationId?: string | undefined
  /** The identity the action runs as (never changed by a sync). */
  me(): Promise<{ id: string; userName?: string; applicationId?: string }>
  /**
   * Every user. `each` converts each one as its page is read, so that a large list's raw resources are dropped page
   * by page rather than held until the last page (the action's memory: bench/memory.ts).
   */
  listUsers<T = ScimUser>(each?: (user: ScimUser) => T): Promise<T[]>
  listServicePrincipals<T = ScimServicePrincipal>(each?: (sp: ScimServicePrincipal) => T): Promise<T[]>
  /** Groups without members (cheap); read members of the ones that matter with getGroup. */
  listGroups(): Promise<ScimGroup[]>
  getGroup(id: string): Promise<ScimGroup>
  /** Finds one resource by its key (userName, applicationId or displayName), for resuming after a 409. */
  findUser(userName: string): Promise<ScimUser | undefined>
  findServicePrincipal(applicationId: string): Promise<ScimServicePrincipal | undefined>
  findGroup(displayName: string): Promise<ScimGroup | undefined>
  createUser(user: NewUser): Promise<ScimUser>
  createServicePrincipal(sp: NewServicePrincipal): Promise<ScimServicePrincipal>
  createGroup(group: NewGroup): Promise<ScimGroup>
  patch(type: ScimResourceType, id: string, operations: ScimPatchOp[]): Promise<void>
  delete(type: ScimResourceType, id: string): Promise<void>
  /** Requests made so far, by method; and 429 answers received, for the summary and the benchmark. */
  stats(): ScimStats
}

export interface ScimStats {
  requests: Record<string, number>
  throttled: number
  retries: number
  /** Milliseconds spent waiting on Retry-After and backoff. */
  waitedMs: number
}
