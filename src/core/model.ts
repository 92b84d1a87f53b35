// The sync's data: what Entra says (desired), what Databricks has (actual), and the plan between them.
import type { Entitlement, MaxDeletions, Nested, Removal } from '../config/types.js'

// ---- Entra (desired) ----

export interface EntraPrincipal {
  kind: 'user' | 'servicePrincipal'
  /** Entra object id. */
  id: string
  displayName: string
  /** Users: userPrincipalName. */
  userPrincipalName?: string
  mail?: string | null
  userType?: 'Member' | 'Guest' | string
  accountEnabled?: boolean
  /** Service principals: application (client) id. */
  appId?: string
}

/** One config group mapping with what Entra returned for it. */
export interface EntraGroupRead {
  /** The config reference (display name or object id). */
  ref: string
  /** Resolved Entra group. */
  id: string
  displayName: string
  /** Users and service principals (transitive for nested: flatten). Nested group objects are not included. */
  members: EntraPrincipal[]
  /** Display names of nested groups seen (with nested: direct these members were not synced). */
  nestedGroups: string[]
}

export interface MappingInput {
  entra: string
  /** Target Databricks group name as configured (equals entra when not set). */
  databricks: string
  entitlements: Entitlement[]
  membersOnly: boolean
  removal: Removal
  nested: Nested
}

// ---- Databricks (actual), normalized ----

export interface ActualPrincipal {
  kind: 'user' | 'servicePrincipal'
  id: string
  /** userName (users) or applicationId (service principals), as Databricks has it. */
  key: string
  displayName?: string
  active: boolean
  externalId?: string
  entitlements: string[]
}

export interface ActualGroup {
  id: string
  displayName: string
  externalId?: string
  entitlements: string[]
  /** Member ids (users, service principals and groups). */
  memberIds: string[]
}

export interface ActualState {
  users: ActualPrincipal[]
  servicePrincipals: ActualPrincipal[]
  /** The groups the mappings target (found by externalId or name), plus `admins`. */
  groups: ActualGroup[]
  /** The id of the identity the action runs as. */
  selfId?: string
  /** Every group the target holds, managed or not (the account's group limit counts them all). */
  groupCount?: number
}

// ---- Plan ----

/** Identity key: lower-cased userName (users) or applicationId (service principals). */
export interface PrincipalRef {
  kind: 'user' | 'servicePrincipal'
  key: string
  /** Databricks id when it exists already; created ones are resolved during apply. */
  id?: string
  /** For the summary. */
  display: string
}

export type Operation =
  | { kind: 'create-user'; userName: string; displayName: string; externalId: string; entitlements: Entitlement[] }
  | {
      kind: 'create-service-principal'
      applicationId: string
      displayName: string
      externalId: string
      entitlements: Entitlement[]
    }
  | { kind: 'create-group'; displayName: string; externalId: string; entitlements: Entitlement[] }
  | { kind: 'rename-group'; groupId: string; from: string; to: string }
  | { kind: 'update-display-name'; principal: PrincipalRef; from: string; to: string }
  | { kind: 'add-members'; group: string; groupId?: string; members: PrincipalRef[] }
  | { kind: 'remove-members'; group: string; groupId: string; members: PrincipalRef[] }
  | { kind: 'set-group-entitlements'; group: string; groupId?: string; add: Entitlement[]; remove: Entitlement[] }
  | { kind: 'add-entitlements'; principal: PrincipalRef; add: Entitlement[] }
  | { kind: 'reactivate'; principal: PrincipalRef }
  | { kind: 'deactivate'; principal: PrincipalRef }
  | { kind: 'delete'; principal: PrincipalRef }
  | {
      kind: 'assign-to-workspace'
      workspace: string
      workspaceId: string
      group: string
      /** Account group id; resolved during apply when the group is created in the same run. */
      groupId?: string
      permission: 'USER' | 'ADMIN'
    }
  | { kind: 'unassign-from-workspace'; workspace: string; workspaceId: string; group: string; groupId: string }

export type OperationKind = Operation['kind']

export type SkipReason =
  'disabled-account' | 'guest-without-mail' | 'not-owned' | 'protected' | 'nested-group' | 'removal-keep'

export interface Skip {
  reason: SkipReason
  /** Who or what was skipped (display text). */
  subject: string
  /** Human explanation. */
  detail: string
  group?: string
}

export interface CircuitBreaker {
  /** Removals the plan makes: memberships removed + identities deactivated or deleted. */
  removals: number
  /** Managed identities + memberships the percentage applies to. */
  base: number
  limit: number
  /** The setting the limit came from. */
  maxDeletions: MaxDeletions
  tripped: boolean
}

export interface WorkspacePlan {
  workspace: string
  operations: Operation[]
  skips: Skip[]
  breaker: CircuitBreaker
}

// ---- Results ----

export interface OperationResult {
  operation: Operation
  /** planned: dry-run or not reached; done: applied; failed: the API refused or the request failed. */
  status: 'planned' | 'done' | 'failed'
  error?: string
}

/**
 * changed/unchanged: applied; planned: dry-run; tripped: the circuit breaker stopped it (nothing written);
 * skipped: an Entra read was empty, so nothing was planned; failed: a read or write failed.
 */
export type WorkspaceStatus = 'changed' | 'unchanged' | 'planned' | 'tripped' | 'skipped' | 'failed'

export interface WorkspaceResult {
  workspace: string
  host: string
  status: WorkspaceStatus
  plan?: WorkspacePlan
  results: OperationResult[]
  /** Why the workspace failed or was skipped. */
  error?: string
  /** Requests to Databricks, 429s and time waited, for the summary. */
  requests?: { total: number; throttled: number; retries: number; waitedMs: number }
}

export interface SyncResult {
  dryRun: boolean
  workspaces: WorkspaceResult[]
  /** Microsoft Graph requests of the run's Entra reads, for the summary. */
  graph?: { requests: number; reads: number; throttled: number; retries: number; waitedMs: number }
}
