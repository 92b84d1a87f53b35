// The shapes of SCIM identities: stored records, rendered resources, list queries and results, store options.

export type ResourceKind = 'user' | 'servicePrincipal' | 'group'

interface PrincipalBase {
  id: string
  displayName: string
  externalId: string | undefined
  entitlements: string[]
  roles: string[]
  /** Ids of the groups this principal is a direct member of. */
  memberOf: Set<string>
}

export interface ScimEmail {
  value: string
  type: string
  primary: boolean
}

export interface ScimName {
  givenName?: string
  familyName?: string
}

export interface UserRecord extends PrincipalBase {
  kind: 'user'
  userName: string
  emails: ScimEmail[]
  name: ScimName | undefined
  active: boolean
}

export interface ServicePrincipalRecord extends PrincipalBase {
  kind: 'servicePrincipal'
  applicationId: string
  active: boolean
}

export interface GroupRecord extends PrincipalBase {
  kind: 'group'
  /** Ids of direct members (users, service principals, groups). */
  members: Set<string>
  builtin: 'admins' | 'users' | undefined
  /**
   * An account group assigned to this workspace (identity federation): listed with meta.resourceType `Group`, and
   * refused to every workspace SCIM write that involves it.
   */
  accountGroup: boolean
}

export type PrincipalRecord = UserRecord | ServicePrincipalRecord | GroupRecord

export interface ScimValue {
  value: string
}

export interface ScimRef {
  value: string
  display: string
  $ref: string
  type?: string
}

export interface ScimUser {
  schemas: string[]
  id: string
  userName: string
  displayName?: string
  emails: ScimEmail[]
  name?: ScimName
  active: boolean
  entitlements?: ScimValue[]
  groups?: ScimRef[]
  roles?: ScimValue[]
  externalId?: string
}

export interface ScimServicePrincipal {
  schemas: string[]
  id: string
  applicationId: string
  displayName?: string
  active: boolean
  entitlements?: ScimValue[]
  groups?: ScimRef[]
  roles?: ScimValue[]
  externalId?: string
}

export interface ScimGroup {
  schemas: string[]
  id: string
  displayName: string
  members?: ScimRef[]
  groups?: ScimRef[]
  entitlements?: ScimValue[]
  roles?: ScimValue[]
  externalId?: string
  meta: { resourceType: string }
}

export interface ScimListResponse {
  schemas: string[]
  totalResults: number
  startIndex: number
  itemsPerPage: number
  /** Omitted when the page is empty, as Databricks does. */
  Resources?: Record<string, unknown>[]
}

export const RESOURCE_PATH: Record<ResourceKind, string> = {
  user: 'Users',
  servicePrincipal: 'ServicePrincipals',
  group: 'Groups'
}
export const KIND_NAME: Record<ResourceKind, string> = {
  user: 'User',
  servicePrincipal: 'Service Principal',
  group: 'Group'
}

export interface ListQuery {
  filter?: string | undefined
  /** 1-based; values below 1 are read as 1. */
  startIndex?: number | undefined
  /** Page size, capped at MAX_PAGE_SIZE. */
  count?: number | undefined
  sortBy?: string | undefined
  sortOrder?: 'ascending' | 'descending' | undefined
}

export interface ListResult {
  totalResults: number
  startIndex: number
  items: PrincipalRecord[]
}

export interface ScimStoreOptions {
  /** Seeds the deterministic id sequence (e.g. the workspace name), so different stores hand out different ids. */
  idSeed: string
  /** meta.resourceType of groups: WorkspaceGroup (workspace API) or Group (account API). */
  groupResourceType: string
  /** Create the built-in `admins` and `users` groups (workspace API). */
  builtinGroups: boolean
  /**
   * Workspace SCIM of an identity-federated workspace: a user's displayName is the account's, and a PATCH or PUT
   * that changes it is refused (400). Default false (the account API, and workspaces that are not federated).
   */
  identityFederation?: boolean
}
