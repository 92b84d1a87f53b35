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
}

/** SCIM PATCH operations the action sends, one type per shape, so a malformed one cannot be built. */
export type ScimPatchOp =
  | { op: 'add'; path: 'members'; value: ScimValue[] }
  | { op: 'remove'; path: `members[value eq "${string}"]` }
  | { op: 'add'; path: 'entitlements'; value: ScimValue<Entitlement>[] }
  | { op: 'remove'; path: `entitlements[value eq "${string}"]` }
  | { op: 'replace'; path: 'active'; value: boolean }
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
export const removeEntitlement = (value: Entitlement): ScimPatchOp => ({
  op: 'remove',
  path: `entitlements[value eq "${value}"]`
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
  /**
   * The application id of the service principal the action signs in as, when the token is its own (Entra auth):
   * the sync then finds itself in the service principal list instead of asking me().
   */
  readonly selfApplicationId?: string | undefined
  /** The identity the action runs as (never changed by a sync). */
  me(): Promise<{ id: string; userName?: string; applicationId?: string }>
  listUsers(): Promise<ScimUser[]>
  listServicePrincipals(): Promise<ScimServicePrincipal[]>
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
