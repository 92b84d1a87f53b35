// What a run made of its plans: a result per step (identities, workspace assignments, ...), steps per target
// (the account, each workspace), and the one definition of "a change" that the headline, the tables and the
// `changes` output all count.
import type { CircuitBreaker, Skip } from './model.js'
import type { Operation } from './operations.js'

/** The steps of a target run, in the order they run. */
export const STEPS = {
  identities: 'identities and memberships',
  assignments: 'workspace assignments',
  // Accounts with automatic identity management.
  resolve: 'principals resolved from Entra',
  deny: 'account access denylist',
  readiness: 'readiness for automatic identity management'
} as const
export type StepName = keyof typeof STEPS

export interface StepPlan {
  step: StepName
  operations: Operation[]
  skips: Skip[]
  breaker: CircuitBreaker
  /** What the step found and reports without changing it (drift, readiness), each with its fix. */
  findings?: Finding[]
}

/**
 * Something a step reports and leaves alone. drift: a principal assigned to a workspace that the config does not
 * mention; readiness: what stands in the way of automatic identity management; unmanaged-rule: a denylist rule the
 * config does not list; present: a listed principal the account already had.
 */
export interface Finding {
  kind: 'drift' | 'readiness' | 'unmanaged-rule' | 'present'
  /** readiness: which check (external-id-missing, external-id-mismatch, duplicate, shadowing-group, unchecked). */
  check?: string
  subject: string
  detail: string
  fix?: string
}

export interface OperationResult {
  operation: Operation
  /** planned: dry-run or not reached; done: applied; failed: the API refused or the request failed. */
  status: 'planned' | 'done' | 'failed'
  error?: string
}

/**
 * changed/unchanged: applied; planned: dry-run; tripped: the circuit breaker stopped it (nothing written);
 * skipped: not run (an empty Entra read, or an earlier step that did not complete); failed: a read or write failed.
 */
export type StepStatus = 'changed' | 'unchanged' | 'planned' | 'tripped' | 'skipped' | 'failed'

export interface StepResult {
  step: StepName
  status: StepStatus
  plan?: StepPlan
  results: OperationResult[]
  /** Why the step failed, tripped or was skipped. */
  error?: string
}

export interface RequestStats {
  total: number
  throttled: number
  retries: number
  waitedMs: number
}

/** A target: a workspace, or the account. */
export interface TargetResult {
  workspace: string
  host: string
  steps: StepResult[]
  /** A failure before any step could run (the run was cancelled first). */
  error?: string
  /** Requests to Databricks, 429s and time waited, for the summary. */
  requests?: RequestStats
}

export interface SyncResult {
  dryRun: boolean
  workspaces: TargetResult[]
  /** Signing in failed before any target was read: every target failed for this one reason, reported once. */
  signInError?: string
  /** Microsoft Graph requests of the run's Entra reads, for the summary. */
  graph?: RequestStats & { reads: number }
}

/** Worst first: a target's status is that of its worst step. */
const SEVERITY: readonly StepStatus[] = ['failed', 'tripped', 'skipped', 'planned', 'changed', 'unchanged']

export function targetStatus(target: TargetResult): StepStatus {
  if (target.error !== undefined || target.steps.length === 0)
    return target.error !== undefined ? 'failed' : 'unchanged'
  return SEVERITY.find((s) => target.steps.some((step) => step.status === s)) ?? 'unchanged'
}

/** The operations of a step that count as changes: done when applied, all of them in a dry-run, none when tripped. */
export function changesOf(step: StepResult): OperationResult[] {
  if (step.status === 'tripped') return []
  return step.status === 'planned' ? step.results : step.results.filter((r) => r.status === 'done')
}

export const targetChanges = (target: TargetResult): OperationResult[] => target.steps.flatMap(changesOf)

/**
 * The unit of "a change": each member added to or removed from a group counts once (as the summary's member columns
 * count them, and as one membership is one change in Databricks), and every other operation once (an identity
 * created, renamed, deactivated or deleted, an entitlement set, an assignment, a denylist rule, a principal resolved).
 */
export const changesIn = (op: Operation): number =>
  op.kind === 'add-members' || op.kind === 'remove-members' ? op.members.length : 1

/** A target's changes made (or, with dry-run, planned), in that unit: its Changes column in the summary. */
export const countTargetChanges = (target: TargetResult): number =>
  targetChanges(target).reduce((n, r) => n + changesIn(r.operation), 0)

/** Changes made (or, with dry-run, planned) across targets: the `changes` output and the summary's headline. */
export const countChanges = (result: SyncResult): number =>
  result.workspaces.reduce((n, t) => n + countTargetChanges(t), 0)

/** Targets that failed or were stopped by a circuit breaker. */
export const failedTargets = (result: SyncResult): string[] =>
  result.workspaces.filter((t) => ['failed', 'tripped'].includes(targetStatus(t))).map((t) => t.workspace)

/** Every operation result of a target, in step order. */
export const targetResults = (target: TargetResult): OperationResult[] => target.steps.flatMap((s) => s.results)

/** A target's error text: its own, then each step's. */
export const targetError = (target: TargetResult): string | undefined => {
  const errors = [target.error, ...target.steps.map((s) => s.error)].filter((e): e is string => e !== undefined)
  return errors.length > 0 ? errors.join(' ') : undefined
}
