// The core's vocabulary: the settings a mapping carries, what a source says a group holds (desired), what a target
// holds (actual), and the references and skips a plan is made of. Sources (Entra) and targets (Databricks) convert
// their own shapes into these; the core never sees a client's type.

export type Removal = 'remove-membership' | 'deactivate' | 'delete' | 'keep'
export type Nested = 'flatten' | 'direct'
export type Entitlement =
  'workspace-access' | 'databricks-sql-access' | 'allow-cluster-create' | 'allow-instance-pool-create'
export type WorkspacePermission = 'USER' | 'ADMIN'

/** A count (`25`) or a share (`10%`) of managed identities or memberships. */
export type MaxDeletions = { kind: 'count'; value: number } | { kind: 'percent'; value: number }

export type PrincipalKind = 'user' | 'servicePrincipal'

// ---- desired: what a source says ----

/** A member as the target will know it: the source decided its key (and skipped those that have none). */
export interface SourcePrincipal {
  kind: PrincipalKind
  /** The source's object id, stamped as externalId on what the action creates. */
  sourceId: string
  /** userName (users) or applicationId (service principals), as the source spells it. */
  key: string
  displayName: string
}

/** A member the source holds but that has no identity in the target, and why. */
export interface SkippedMember {
  reason: SkipReason
  /** Who (display text). */
  subject: string
  detail: string
}

/** One config group mapping's group, as the source read it. */
export interface SourceGroupRead {
  /** The config reference (display name or object id). */
  ref: string
  /** The resolved group's object id. */
  id: string
  displayName: string
  /** Users and service principals (transitive for nested: flatten); nested group objects are not included. */
  members: SourcePrincipal[]
  /** Members left out, each with its reason (a disabled account, a guest without mail). */
  skipped: SkippedMember[]
  /** Display names of nested groups seen (with nested: direct their members are not synced). */
  nestedGroups: string[]
}

export interface MappingInput {
  /** The source group: display name or object id. */
  entra: string
  /** Target Databricks group name as configured (equals entra when not set). */
  databricks: string
  entitlements: Entitlement[]
  membersOnly: boolean
  removal: Removal
  nested: Nested
}

// ---- actual: what a target holds, normalized ----

export interface ActualPrincipal {
  kind: PrincipalKind
  id: string
  /** userName (users) or applicationId (service principals), as the target has it. */
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
  /**
   * Set when this target may not write the group: its membership is kept elsewhere (an account group seen through
   * workspace SCIM, a group automatic identity management keeps). Never adopted, never written; why, and the fix.
   */
  external?: { reason: string; fix: string }
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

/**
 * The target's ownership rule: whether the action created this principal (only then may it deactivate or delete it).
 * `rule` says what marks a principal as the action's, for the skip of one that is not (default: an Entra object id as
 * externalId).
 */
export type Owns = ((p: ActualPrincipal) => boolean) & { readonly rule?: string }

// ---- what plans are made of ----

/** Identity key: lower-cased userName (users) or applicationId (service principals). */
export interface PrincipalRef {
  kind: PrincipalKind
  key: string
  /** Target id when it exists already; created ones are resolved during apply. */
  id?: string
  /** For the summary. */
  display: string
}

export type SkipReason =
  | 'disabled-account'
  | 'guest-without-mail'
  | 'not-owned'
  | 'protected'
  | 'nested-group'
  | 'removal-keep'
  | 'account-limit'
  | 'external-group'
  | 'unsupported-member'

export interface Skip {
  reason: SkipReason
  /** Who or what was skipped (display text). */
  subject: string
  /** Human explanation. */
  detail: string
  group?: string
}

export interface CircuitBreaker {
  /** Removals the plan makes (as each operation kind counts them). */
  removals: number
  /** Managed identities, memberships or assignments the percentage applies to. */
  base: number
  limit: number
  /** The setting the limit came from. */
  maxDeletions: MaxDeletions
  tripped: boolean
}

// ---- automatic identity management (AIM): principals Databricks brings from the source itself ----

/** What an AIM account resolves by its source object id. */
export type AimKind = 'group' | 'servicePrincipal' | 'user'

/** A source principal as the account knows it (or will, once resolved). */
export interface AimRef {
  kind: AimKind
  /** The source's object id: the account principal's externalId. */
  externalId: string
  /** Display name (groups, service principals) or user principal name (users), for the summary. */
  name: string
  /** Account principal id (int64 as a decimal string) when the account has it; resolved ones get it at apply. */
  id?: string
}
