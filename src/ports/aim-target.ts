// The port of an account with automatic identity management: what its steps read (the account's principals, the
// workspaces' assignments and direct entitlements, the denylist, workspace-local groups) and the writers of its
// operations (the identity API, and workspace permission assignments).
import type { AccountEntry } from '../core/aim.js'
import type { CurrentAssignment } from '../core/assignments.js'
import type { CurrentRule } from '../core/deny-rules.js'
import type { AimKind, Entitlement } from '../core/model.js'
import type { RequestStats } from '../core/results.js'
import type { OperationWriter } from './writer.js'

export interface AimAccountTarget {
  /** Every principal of `kind` the account has (with its externalId), as account SCIM lists them. */
  principals(kind: AimKind): Promise<AccountEntry[]>
  /** Every principal assigned to the workspace, with its permissions. */
  assignments(workspaceId: string): Promise<CurrentAssignment[]>
  /** The entitlements granted directly to the principal in the workspace; undefined when not directly assigned. */
  entitlements(workspaceId: string, principalId: string): Promise<Entitlement[] | undefined>
  /** The account access denylist. */
  denyRules(): Promise<CurrentRule[]>
  /** Writes resolve-principal, the denylist and entitlements. */
  readonly identityWriter: OperationWriter
  /** Writes the workspace assignments. */
  readonly assignmentsWriter: OperationWriter
  /** Requests made so far, for the summary. */
  requests(): RequestStats
}
