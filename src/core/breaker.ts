// The deletion circuit breaker, pure: one step of a run may remove at most max-deletions of what it manages. Over
// the limit the plan is still shown, but apply writes nothing in that step. What counts as a removal is each
// operation kind's own word (core/operations.ts), so a new destructive kind cannot slip past it.
import type { CircuitBreaker, MaxDeletions } from './model.js'
import { removalsOf, type Operation } from './operations.js'

/** The limit: a count as given, or a share of the base rounded down. */
export function deletionLimit(max: MaxDeletions, base: number): number {
  return max.kind === 'count' ? max.value : Math.floor((base * max.value) / 100)
}

/**
 * `base` is what the percentage applies to (for identities: the managed memberships plus the managed identities;
 * for assignments: the group assignments the workspace has). A plan that removes nothing never trips.
 */
export function circuitBreaker(operations: readonly Operation[], base: number, max: MaxDeletions): CircuitBreaker {
  const removals = operations.reduce((n, op) => n + removalsOf(op), 0)
  const limit = deletionLimit(max, base)
  return { removals, base, limit, maxDeletions: max, tripped: removals > limit }
}
