// One step of a target run, the same shape for every step: read -> plan -> guard (problems, then the circuit
// breaker) -> apply. Dry-run is apply skipped. Each step has its own plan, breaker, status and error, so one
// step's stop never hides what another step did.
import type { CircuitBreaker } from '../core/model.js'
import type { StepName, StepPlan, StepResult } from '../core/results.js'
import { describeError } from '../errors.js'
import { applyPlan, type ApplyOptions, type Writers } from './apply.js'

/** What a step's read found: the state to plan from, or why the step stops before planning. */
export type StepRead<A> = { ok: true; actual: A } | { ok: false; status: 'failed' | 'skipped'; error: string }

export interface StepSpec<A> {
  step: StepName
  read(): Promise<StepRead<A>>
  /** The plan, and problems that stop the step before anything is written (each one sentence with its fix). */
  plan(actual: A): { plan: StepPlan; problems: string[] }
  /** The error of a tripped breaker: what it would have removed, the limit, and that nothing was changed. */
  tripped(breaker: CircuitBreaker): string
  writers: Writers
  /** Why this step must not write although the run is not a dry-run (an earlier step did not complete). */
  blocked?: string | undefined
}

export interface StepOptions extends ApplyOptions {
  dryRun: boolean
}

export async function runStep<A>(spec: StepSpec<A>, options: StepOptions): Promise<StepResult> {
  const { step } = spec
  let plan: StepPlan
  let problems: string[]
  try {
    const read = await spec.read()
    if (!read.ok) return { step, status: read.status, results: [], error: read.error }
    ;({ plan, problems } = spec.plan(read.actual))
  } catch (error) {
    return { step, status: 'failed', results: [], error: describeError(error) }
  }
  const planned = plan.operations.map((operation) => ({ operation, status: 'planned' as const }))
  if (problems.length > 0) return { step, status: 'failed', plan, results: planned, error: problems.join(' ') }
  if (plan.breaker.tripped)
    return { step, status: 'tripped', plan, results: planned, error: spec.tripped(plan.breaker) }
  if (options.dryRun) return { step, status: 'planned', plan, results: planned }
  if (spec.blocked) return { step, status: 'skipped', plan, results: planned, error: spec.blocked }

  const results = await applyPlan(plan, spec.writers, options)
  const failed = results.filter((r) => r.status === 'failed').length
  const notMade = results.filter((r) => r.status === 'planned').length
  const errors = [
    ...(failed > 0 ? [`${failed} of ${results.length} operation(s) failed; a re-run retries them.`] : []),
    ...(notMade > 0
      ? [`The run was cancelled: ${notMade} of ${results.length} operation(s) were not made; the next run makes them.`]
      : [])
  ]
  return {
    step,
    status: errors.length > 0 ? 'failed' : results.length > 0 ? 'changed' : 'unchanged',
    plan,
    results,
    ...(errors.length > 0 ? { error: errors.join(' ') } : {})
  }
}
