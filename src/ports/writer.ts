// The port that writes a plan's operations: one writer per port kind of core/operations.ts (a target's identity
// API, the account's workspace assignments). Apply (run/apply.ts) decides what runs when; a writer only writes.
import type { Operation } from '../core/operations.js'
import type { PrincipalRef } from '../core/model.js'

/** Ids of what this apply created (or adopted), so later operations, whichever port writes them, can refer to them. */
export interface IdRegistry {
  setPrincipal(kind: PrincipalRef['kind'], key: string, id: string): void
  principal(ref: PrincipalRef): string | undefined
  setGroup(name: string, id: string): void
  group(name: string, id: string | undefined): string | undefined
}

/**
 * A write's error that says its request never left the runner because the run was cancelled (it waited for its pacing
 * slot): the operation was not made, and stays planned for the next run rather than counting as failed.
 */
export function notSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { notSent?: unknown }).notSent === true
}

/** What became of one operation. */
export interface OperationOutcome {
  operation: Operation
  status: 'done' | 'failed'
  error?: string
}

export interface OperationWriter {
  /**
   * Operations that travel in one request with an earlier one (a group's removals in the PATCH that adds its
   * members): the earlier operation -> the one it carries. Asked once per plan; default none.
   */
  pairs?(operations: readonly Operation[]): ReadonlyMap<Operation, Operation>
  /**
   * Writes one operation, or a pair from pairs(). Throwing fails every operation given; an answer gives the outcome
   * of each (for a request that half succeeded).
   */
  write(operations: readonly Operation[], ids: IdRegistry): Promise<readonly OperationOutcome[] | void>
  /**
   * Sends what the writer held back (the account's ownership marks, sent in batches); outcomes that replace those of
   * operations whose held-back part failed. Apply calls it once every create has settled, before removals and at the
   * end, cancelled or not; it does not throw.
   */
  settle?(ids: IdRegistry): Promise<readonly OperationOutcome[]>
}
