// The normalized configuration every command consumes. Loading (load.ts) keeps the source position of
// each entry so later errors (validate, sync) can point at file:line:column.

import type { Entitlement, MappingInput, MaxDeletions, Nested, Removal, WorkspacePermission } from '../core/model.js'
import type { RateLimits } from './rate-limits.js'

// The settings' words belong to the core (it plans with them); the config speaks them.
export type { Entitlement, MaxDeletions, Nested, Removal, WorkspacePermission }
export type WorkspaceAuth = 'entra' | 'pat'

export interface SourcePosition {
  file: string
  /** 1-based. */
  line: number
  /** 1-based. */
  column: number
  /** Key path of the item, e.g. workspaces[0].groups[1] (for messages that point at it). */
  key?: string
}

export interface Defaults {
  removal: Removal
  nested: Nested
  maxDeletions: MaxDeletions
  entitlements: Entitlement[]
}

/** A group mapping as the core plans it, with where the config declares it. */
export interface GroupMapping extends MappingInput {
  at: SourcePosition
}

export interface Provisioning {
  appName: string
  notificationEmail?: string
  at: SourcePosition
}

export interface Workspace {
  name: string
  /** https origin, no trailing slash. */
  host: string
  auth: WorkspaceAuth
  tokenSecret?: string
  /**
   * `azure-resource-id`: the workspace's Azure resource id. With auth: entra the action sends it and an Azure Resource
   * Manager token of its service principal, so Databricks adds that service principal as a workspace admin.
   */
  azureResourceId?: string
  groups: GroupMapping[]
  maxDeletions: MaxDeletions
  /** Numeric workspace id for the account API: `workspace-id`, else the number in adb-<id>.<n>.azuredatabricks.net. */
  workspaceId?: string
  /** `rate-limits`: the workspace SCIM limits Databricks gave it, requests per second (where pacing starts). */
  rateLimits?: RateLimits
  /** Account groups assigned to this workspace; empty when the config assigns none. */
  accountGroups: AccountGroupAssignment[]
  /** `identity: aim`: service principals assigned to this workspace; absent when the config assigns none. */
  accountServicePrincipals?: AccountServicePrincipalAssignment[]
  provisioning?: Provisioning
  /** File that declares this workspace. */
  file: string
  at: SourcePosition
}

/** An account group assigned to a workspace (identity federation). */
export interface AccountGroupAssignment {
  /** Account group name: the Databricks name of an `account.groups` mapping, or any account group. */
  group: string
  permission: WorkspacePermission
  /** `identity: aim` only: the entitlements it gets directly in the workspace; absent, they are not managed. */
  entitlements?: Entitlement[]
  at: SourcePosition
}

/** `identity: aim`: a service principal of `account.service-principals` assigned to a workspace. */
export interface AccountServicePrincipalAssignment {
  /** The reference as `account.service-principals` lists it (display name, application id or object id). */
  servicePrincipal: string
  permission: WorkspacePermission
  entitlements?: Entitlement[]
  at: SourcePosition
}

/**
 * How identities reach the account: `scim`, the action provisions them through account SCIM; `aim`, Databricks'
 * automatic identity management brings them from Entra and the action only resolves, assigns and denies.
 */
export type AccountIdentity = 'scim' | 'aim'

/** `identity: aim`: an Entra service principal or user the account resolves by its object id. */
export interface AccountPrincipal {
  /** Service principal: display name, application id or object id; user: user principal name or object id. */
  entra: string
  /** `keep`: its workspace assignments are never removed. */
  removal: Removal
  at: SourcePosition
}

export type DenyKind = 'group' | 'servicePrincipal' | 'user'

/** `identity: aim`: one rule of the account access denylist. */
export interface DenyEntry {
  kind: DenyKind
  /** Group: display name or object id; user: UPN or object id; service principal: display name, appId or object id. */
  entra: string
  /** Lift the rule (delete it when it exists). */
  remove: boolean
  at: SourcePosition
}

export interface Account {
  id: string
  /** https origin, no trailing slash. */
  host: string
  /** Entra groups provisioned as account groups (entitlements do not apply at the account level). */
  groups: GroupMapping[]
  maxDeletions: MaxDeletions
  /** `aim` (automatic identity management); absent: `scim`. */
  identity?: AccountIdentity
  /** `rate-limits`: the account API limits Databricks gave it, requests per second (instead of the published ones). */
  rateLimits?: RateLimits
  /** `identity: aim`: Entra service principals and users resolved in the account (absent when none are listed). */
  servicePrincipals?: AccountPrincipal[]
  users?: AccountPrincipal[]
  /** `identity: aim`: the account access denylist the config manages (absent when the config has none). */
  deny?: DenyEntry[]
  file: string
  at: SourcePosition
}

export interface LoadedConfig {
  /** Files read, in the order they were matched (sorted). */
  files: string[]
  workspaces: Workspace[]
  account?: Account
}

/** One problem found while loading or validating, with where it is. */
export interface ConfigProblem {
  file: string
  line: number
  column: number
  /** Dotted/indexed key path, e.g. workspaces[0].groups[1].entra */
  key: string
  message: string
  severity: 'error' | 'warning'
}

/** What validate found: the files and selected workspaces, every problem, and the online check when it ran. */
export interface OnlineCheck {
  tenantId: string
  /** Entra reference (lower-cased) -> the group it resolved to, for refs that resolved to exactly one. */
  resolved: Map<string, { id: string; displayName: string }>
  checked: number
}

export interface ValidationResult {
  files: string[]
  workspaces: Workspace[]
  problems: ConfigProblem[]
  online?: OnlineCheck
  /** Why the online check could not run (sign-in or Graph failure); the check then fails. */
  onlineError?: string
}
