// The deletion circuit breaker, pure: one run may remove at most max-deletions managed memberships and identities
// per workspace. Over the limit the plan is still shown, but apply writes nothing to that workspace.
import type { MaxDeletions } from '../config/types.js'
import type { CircuitBreaker, Operation } from './model.js'

/** Removals an operation makes: each membership removed, identity deactivated or deleted, group unassigned. */
export function removalsOf(op: Operation): number {
  switch (op.kind) {
    case 'remove-members':
      return op.members.length
    case 'deactivate':
    case 'delete':
    case 'unassign-from-workspace':
      return 1
    default:
      return 0
  }
}

/** The limit: a count as given, or a share of the base rounded down. */
export function deletionLimit(max: MaxDeletions, base: number): number {
  return max.kind === 'count' ? max.value : Math.floor((base * max.value) / 100)
}

/**
 * `base` is what the percentage applies to: the managed memberships (current user and service-principal members of
 * the managed groups) plus the managed identities. A plan that removes nothing never trips, whatever the limit.
 */
export function circuitBreaker(operations: readonly Operation[], base: number, max: MaxDeletions): CircuitBreaker {
  const removals = operations.reduce((n, op) => n + removalsOf(op), 0)
  const limit = deletionLimit(max, base)
  return { removals, base, limit, maxDeletions: max, tripped: removals > limit }
}
