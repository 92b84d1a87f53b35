// Apply: the only code that has a plan written. Each operation starts once what it waits for has settled
// (core/dependencies.ts: an add waits for the creates of its group and members, not for every create), removals only
// once everything else has; each through the writer of its port, a few at a time (run/schedule.ts); and it stops
// starting new ones when the run is cancelled (the next run makes the rest).
import { describeError } from '../errors.js'
import type { PrincipalRef } from '../core/model.js'
import { scheduleOf } from '../core/dependencies.js'
import { PHASES, PORTS, phaseOf, portOf, type Operation, type Phase, type Port } from '../core/operations.js'
import type { OperationResult, StepPlan } from '../core/results.js'
import { notSent, type IdRegistry, type OperationWriter } from '../ports/writer.js'
import { runSchedule } from './schedule.js'

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
  /** Writes one operation (with the one it carries); the operations it settled. */
  const write = async (op: Operation): Promise<readonly Operation[]> => {
    // An operation carried by an earlier one is already done (or failed) by the time it comes.
    if (results.has(op)) return []
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
      if (options.signal?.aborted && notSent(error)) return batch
      for (const operation of batch)
        results.set(operation, { operation, status: 'failed', error: describeError(error) })
    }
    return batch
  }
  // What writers hold back (batched ownership marks) goes out when a phase's operations have all settled, so a
  // runner killed outright leaves no more unmarked than a phase-by-phase apply would, and before any removal.
  const settle = async (): Promise<void> => {
    for (const writer of new Set(Object.values(writers))) {
      for (const o of (await writer?.settle?.(ids)) ?? []) results.set(o.operation, o)
    }
  }
  for (const phases of STAGES) {
    const operations = plan.operations.filter((op) => phases.includes(phaseOf(op)) && !results.has(op))
    const index = new Map(operations.map((op, i) => [op, i]))
    await runSchedule(scheduleOf(operations), {
      concurrency: options.concurrency,
      ...(options.signal ? { signal: options.signal } : {}),
      run: async (i) => (await write(operations[i]!)).flatMap((op) => index.get(op) ?? []),
      phaseSettled: settle
    })
    await settle()
  }
  return plan.operations.map((op) => results.get(op) ?? { operation: op, status: 'planned' })
}

/**
 * Everything but removals runs as its dependencies allow; each removing phase starts only once everything before it
 * has settled (a failure earlier is known before anything is removed).
 */
const STAGES: readonly (readonly Phase[])[] = [PHASES.slice(0, PHASES.indexOf('remove')), ['remove'], ['retire']]

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
