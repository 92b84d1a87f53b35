// Graph GETs gathered into JSON batches: the reads a sync starts together (name lookups of every group, then the
// first member page of each) go out as one `$batch` request per 20, not one request each. Graph throttles and
// fails the steps of a batch one by one, so a step answered 429/503/504 is sent again after its Retry-After, in a
// later batch, within one retry budget for the whole run. A request that gets no answer in time is abandoned
// (graph-transport.ts) and retried the same way. When the run is cancelled, every read still waiting (queued, in
// flight, or waiting out a Retry-After) ends at once with a cancellation error: a read changes nothing.
import { GraphError, RetryHandlerOptions, type Client } from '@microsoft/microsoft-graph-client'
import { setTimeout as sleep } from 'node:timers/promises'
import { ActionError } from '../../errors.js'
import { GraphRedirectRefused } from './graph-transport.js'
import {
  decideRetry,
  retryAfterMs,
  retryPolicy,
  RetryBudget,
  RETRYABLE_STATUS,
  type RetryPolicy
} from '../../util/retry.js'

/** Graph's limit of steps in one $batch. */
export const BATCH_MAX_STEPS = 20
/** $batch requests in flight at once. */
const BATCHES_IN_FLIGHT = 4
/** Retries are made here, for a plain GET as for a batch step: the client's own retry handler is switched off. */
const NO_CLIENT_RETRY = [new RetryHandlerOptions(0, 0)]

/** A GET by URL relative to the version root (`/groups/{id}/members?$top=999`), answered with the parsed body. */
export interface GraphReader {
  get(url: string): Promise<unknown>
  /** What the reads cost, for the job summary. */
  readonly stats?: GraphReadStats
}

export interface GraphReadStats {
  /** $batch requests sent. */
  batches: number
  /** GETs sent alone (a lone read needs no batch). */
  singles: number
  /** Reads answered, alone or as $batch steps, retries included. */
  steps: number
  /** Reads sent again (throttled, failed or dropped). */
  retriedSteps: number
  /** Reads Graph throttled (429). */
  throttled: number
  /** Milliseconds spent waiting to retry (overlapping waits counted once). */
  waitedMs: number
}

interface Step {
  url: string
  resolve(body: unknown): void
  reject(error: unknown): void
  throttled: number
  failed: number
}

interface BatchResponse {
  responses?: {
    id: string
    status: number
    headers?: Record<string, string>
    body?: unknown
  }[]
}

export interface BatchOptions {
  policy?: Partial<RetryPolicy>
  /** Whether the last token request failed: a request that never left for that reason is not retried. */
  signInFailed?: () => boolean
  /** The run's cancellation: reads not answered yet end with a cancellation error, none is sent or retried after. */
  signal?: AbortSignal
  /** Injectable for tests; must end (reject) when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>
  random?: () => number
}

/** The error of a read the run's cancellation ended. */
export function graphReadCancelled(): ActionError {
  return new ActionError(
    'The run was cancelled while reading Microsoft Graph: the read was not finished, so nothing was changed from it.'
  )
}

export class GraphBatcher implements GraphReader {
  private readonly queue: Step[] = []
  private scheduled = false
  private inFlight = 0
  /** After a 429, nothing is sent before this time: the whole app is throttled, not the one request. */
  private holdUntil = 0
  private holdTimer: NodeJS.Timeout | undefined
  private readonly policy: RetryPolicy
  private readonly budget: RetryBudget
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<unknown>
  private readonly random: () => number
  private readonly signInFailed: () => boolean
  private readonly signal: AbortSignal | undefined
  readonly stats: GraphReadStats = { batches: 0, singles: 0, steps: 0, retriedSteps: 0, throttled: 0, waitedMs: 0 }

  constructor(
    private readonly client: Client,
    options: BatchOptions = {}
  ) {
    this.policy = retryPolicy(options.policy)
    this.budget = new RetryBudget(this.policy.budgetMs)
    this.wait = options.sleep ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}))
    this.random = options.random ?? Math.random
    this.signInFailed = options.signInFailed ?? (() => false)
    this.signal = options.signal
    // Queued reads (and those held back after a 429) end now; those in flight end as their request is aborted.
    this.signal?.addEventListener('abort', () => this.pump(), { once: true })
  }

  get(url: string): Promise<unknown> {
    if (this.signal?.aborted) return Promise.reject(graphReadCancelled())
    return new Promise((resolve, reject) => {
      this.enqueue({ url, resolve, reject, throttled: 0, failed: 0 })
    })
  }

  private enqueue(step: Step): void {
    this.queue.push(step)
    if (this.scheduled) return
    this.scheduled = true
    // One turn of the event loop gathers the reads that callers start together.
    setImmediate(() => {
      this.scheduled = false
      this.pump()
    })
  }

  private pump(): void {
    if (this.signal?.aborted) {
      clearTimeout(this.holdTimer)
      this.holdTimer = undefined
      for (const step of this.queue.splice(0)) step.reject(graphReadCancelled())
      return
    }
    const hold = this.holdUntil - Date.now()
    if (hold > 0) {
      this.holdTimer ??= setTimeout(() => {
        this.holdTimer = undefined
        this.pump()
      }, hold)
      return
    }
    while (this.queue.length > 0 && this.inFlight < BATCHES_IN_FLIGHT) {
      const steps = this.queue.splice(0, BATCH_MAX_STEPS)
      this.inFlight++
      void this.send(steps).finally(() => {
        this.inFlight--
        this.pump()
      })
    }
  }

  private async send(steps: Step[]): Promise<void> {
    if (steps.length === 1) {
      const step = steps[0] as Step
      this.stats.singles++
      this.stats.steps++
      try {
        step.resolve(await this.client.api(step.url).middlewareOptions(NO_CLIENT_RETRY).get())
      } catch (error) {
        this.failed(step, error)
      }
      return
    }
    this.stats.batches++
    this.stats.steps += steps.length
    let answer: BatchResponse
    try {
      answer = (await this.client
        .api('/$batch')
        .middlewareOptions(NO_CLIENT_RETRY)
        .post({
          requests: steps.map((s, i) => ({ id: String(i), method: 'GET', url: s.url }))
        })) as BatchResponse
    } catch (error) {
      // The batch as a whole failed (no answer, or a 429/5xx of the batch itself): each step fails with it, and a
      // batch throttled as a whole waits its Retry-After like a throttled step.
      for (const step of steps) this.failed(step, error)
      return
    }
    const byId = new Map((answer.responses ?? []).map((r) => [r.id, r]))
    steps.forEach((step, i) => {
      const r = byId.get(String(i))
      if (!r) this.failed(step, new GraphError(-1, 'the $batch answer had no response for this request'))
      else if (r.status >= 200 && r.status < 300) step.resolve(r.body)
      else this.failed(step, stepError(r.status, r.body, r.headers))
    })
  }

  /**
   * A read that got an error instead of its answer: retried when Graph throttled it, failed transiently or gave no
   * answer; rejected when Graph refused it, or when it never left because signing in failed.
   */
  private failed(step: Step, error: unknown): void {
    if (this.signal?.aborted) {
      step.reject(graphReadCancelled())
      return
    }
    const status =
      error instanceof GraphError ? error.statusCode : error instanceof GraphRedirectRefused ? error.status : 0
    if ((status > 0 && !RETRYABLE_STATUS.has(status)) || (status <= 0 && this.signInFailed())) {
      step.reject(error)
      return
    }
    const retryAfter = error instanceof GraphError ? (error.headers?.get('retry-after') ?? undefined) : undefined
    this.retryOrReject(step, error, retryAfter, status === 429 ? 'throttled' : 'failed')
  }

  private retryOrReject(
    step: Step,
    error: unknown,
    retryAfter: string | undefined,
    kind: 'throttled' | 'failed'
  ): void {
    if (kind === 'throttled') {
      step.throttled++
      this.stats.throttled++
    } else step.failed++
    const decision = decideRetry(kind, step, retryAfterMs(retryAfter), this.policy, this.budget, this.random)
    if (!decision.retry) {
      step.reject(error)
      return
    }
    this.stats.retriedSteps++
    // Waits that overlap count once: the time the run spent waiting on Graph.
    this.stats.waitedMs = this.budget.usedMs
    if (kind === 'throttled') this.holdUntil = Math.max(this.holdUntil, Date.now() + decision.delayMs)
    this.wait(decision.delayMs, this.signal).then(
      () => this.enqueue(step),
      () => step.reject(graphReadCancelled())
    )
  }
}

/** A failed step as the GraphError the client throws for a plain request, so errors read the same either way. */
function stepError(status: number, body: unknown, headers: Record<string, string> | undefined): GraphError {
  const inner = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  const error = new GraphError(status, typeof inner?.message === 'string' ? inner.message : `HTTP ${status}`)
  if (typeof inner?.code === 'string') error.code = inner.code
  error.body = body
  error.headers = new Headers(headers)
  return error
}
