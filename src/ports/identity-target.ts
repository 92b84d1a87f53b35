// The ports a target implements: an identity API (workspace or account SCIM today) that the identities step reads
// and writes, and the account's workspace assignments that the assignments step reads and writes.
import type { CurrentAssignment } from '../core/assignments.js'
import type { ActualPrincipal, ActualState, Owns } from '../core/model.js'
import type { RequestStats } from '../core/results.js'
import type { OperationWriter } from './writer.js'

/** A group the mappings target: found by the source group's id (externalId), else by name. */
export interface WantedGroup {
  sourceId: string
  name: string
}

export interface IdentityTarget {
  /** Every user and service principal, and the wanted groups (with their members) plus `admins`. */
  read(wanted: readonly WantedGroup[]): Promise<ActualState>
  /** The target's ownership rule: what the action created, and so may deactivate or delete. */
  readonly owns: Owns
  /** The target's display-name rule (see PlanInput): absent, every principal's display name is kept in step. */
  readonly updatesDisplayName?: (p: ActualPrincipal) => boolean
  /** Writes the identities port's operations. */
  readonly writer: OperationWriter
  /** Requests made so far, for the summary. */
  requests(): RequestStats
}

export interface AssignmentsTarget {
  /** The assignments a workspace has (users, service principals and groups). */
  list(workspaceId: string): Promise<CurrentAssignment[]>
  /** Every account group (without members). */
  groups(): Promise<{ id: string; displayName: string }[]>
  /** Writes the assignments port's operations. */
  readonly writer: OperationWriter
}
