// Apply: the only code that has a plan written. It runs the operations phase by phase (core/operations.ts: ids
// first, then memberships, then workspace assignments, removals last), each through the writer of its port, a
// few at a time; and it stops starting new ones when the run is cancelled (the next run makes the rest).
import { describeError } from '../errors.js'
import type { PrincipalRef } from '../core/model.js'
import { PHASES, PORTS, phaseOf, portOf, type Operation, type Port } from '../core/operations.js'
import type { OperationResult, StepPlan } from '../core/results.js'
import { notSent, type IdRegistry, type OperationWriter } from '../ports/writer.js'
import { mapLimit } from '../util/concurrency.js'

/** The writer of each port; a plan with operations of a port that has none fails those operations. */
export type Writers = Partial<Record<Port, OperationWriter>>

export interface ApplyOptions {
  /** Write requests in flight at once. */
  concurrency: number
  /**
   * Aborted when the run is cancelled: requests in flight finish, no operation starts after it, and those not
   * started stay `planned` (the next run makes them).
   */
  signal?: AbortSignal
  /** Ids of what earlier steps of this run created (shared, so a later step can refer to them). */
  ids?: IdRegistry
}

export async function applyPlan(
  plan: Pick<StepPlan, 'operations'>,
  writers: Writers,
  options: ApplyOptions
): Promise<OperationResult[]> {
  const ids = options.ids ?? new Ids()
  const results = new Map<Operation, OperationResult>()
  const pairs = new Map<Operation, Operation>()
  for (const writer of Object.values(writers)) {
    for (const [first, second] of writer?.pairs?.(plan.operations) ?? []) pairs.set(first, second)
  }
  for (const phase of PHASES) {
    // An operation carried by an earlier one is already done (or failed) by the time its phase comes.
    const operations = plan.operations.filter((op) => phaseOf(op) === phase && !results.has(op))
    await mapLimit(operations, options.concurrency, async (op) => {
      if (options.signal?.aborted) return
      const carried = pairs.get(op)
      const batch = carried && !results.has(carried) ? [op, carried] : [op]
      const writer = writers[portOf(op)]
      try {
        if (!writer) throw new Error(PORTS[portOf(op)].missing)
        const outcomes = await writer.write(batch, ids)
        for (const o of outcomes ?? batch.map((operation) => ({ operation, status: 'done' as const }))) {
          results.set(o.operation, o)
        }
      } catch (error) {
        // Cancelled before its request was sent: not made, so it stays planned (the next run makes it).
        if (options.signal?.aborted && notSent(error)) return
        for (const operation of batch)
          results.set(operation, { operation, status: 'failed', error: describeError(error) })
      }
    })
    // What writers held back for the phase (batched ownership marks) goes out before the next phase starts.
    for (const writer of new Set(Object.values(writers))) {
      for (const o of (await writer?.settle?.(ids)) ?? []) results.set(o.operation, o)
    }
  }
  return plan.operations.map((op) => results.get(op) ?? { operation: op, status: 'planned' })
}

/** Ids of what this run created (or adopted), by kind and key, and groups by name. */
export class Ids implements IdRegistry {
  private readonly principals = new Map<string, string>()
  private readonly groups = new Map<string, string>()

  setPrincipal(kind: PrincipalRef['kind'], key: string, id: string): void {
    this.principals.set(`${kind}:${key.toLowerCase()}`, id)
  }

  principal(ref: PrincipalRef): string | undefined {
    return ref.id ?? this.principals.get(`${ref.kind}:${ref.key.toLowerCase()}`)
  }

  setGroup(name: string, id: string): void {
    this.groups.set(name.toLowerCase(), id)
  }

  group(name: string, id: string | undefined): string | undefined {
    return id ?? this.groups.get(name.toLowerCase())
  }
}
