// Every request to the sign-in services — GitHub's OIDC token service, Entra ID, Key Vault — goes through one
// guard: no redirect is followed (the 3xx fails the request, naming where it pointed: nothing is sent there), each
// attempt has a time limit, 429/5xx answers, dropped connections and attempts that timed out are retried within
// one wait budget the services share, and the run's cancellation ends any of them, waiting or in flight, at once
// (they only read). The SDKs' own retries and redirects are switched off, so the guard is the only one.
import type { TokenCredentialOptions } from '@azure/identity'
import { setTimeout as delay } from 'node:timers/promises'
import { ActionError } from '../errors.js'
import { DEFAULT_REQUEST_TIMEOUT_MS, networkFailure, redirectTarget, seconds } from '../net.js'
import {
  decideRetry,
  retryAfterMs,
  retryPolicy,
  RetryBudget,
  RETRYABLE_STATUS,
  type AttemptCounts,
  type RetryPolicy
} from '../util/retry.js'

// The pipeline types, as the SDK options this project depends on name them.
type PipelinePolicy = NonNullable<TokenCredentialOptions['additionalPolicies']>[number]['policy']
type PipelineRequest = Parameters<PipelinePolicy['sendRequest']>[0]
type PipelineResponse = Awaited<ReturnType<PipelinePolicy['sendRequest']>>
type AbortSignalLike = NonNullable<PipelineRequest['abortSignal']>

export interface RequestGuardOptions {
  /** Per attempt (answer and body); default DEFAULT_REQUEST_TIMEOUT_MS. */
  timeoutMs?: number
  /** The run's cancellation. */
  signal?: AbortSignal
  retry?: Partial<RetryPolicy>
}

/** A service the guard's requests go to, as errors name it. */
export interface GuardedService {
  /** e.g. "Entra ID", "Key Vault kv-data.vault.azure.net", "GitHub's OIDC token service". */
  name: string
  /** What to check when it redirects. */
  redirectFix: string
}

/** Why the guard ended a request. */
export type GuardFailureKind = 'redirect' | 'timeout' | 'budget' | 'cancelled'

/** A request the guard ended: its message names the service and what happened, never a token. */
export class GuardedRequestError extends ActionError {
  override readonly name = 'GuardedRequestError'
  constructor(
    readonly kind: GuardFailureKind,
    message: string,
    fix?: string,
    /** The HTTP status (a redirect's), or 0. */
    readonly status = 0
  ) {
    super(message, fix)
  }
}

/** What the guard needs of an answer (its body is read already: the SDK reads it whole, fetchText too). */
interface Answer {
  status: number
  header(name: string): string | undefined
}

const TIMED_OUT = Symbol('timed out')
const CANCELLED = Symbol('cancelled')

export class RequestGuard {
  readonly timeoutMs: number
  readonly budget: RetryBudget
  private readonly signal: AbortSignal | undefined
  private readonly policy: RetryPolicy
  /** The last failure per service, for callers whose SDK wraps the error and loses it (MSAL). */
  private readonly failures = new Map<string, { seq: number; error: GuardedRequestError }>()
  private seq = 0

  constructor(options: RequestGuardOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.signal = options.signal
    this.policy = retryPolicy(options.retry)
    this.budget = new RetryBudget(this.policy.budgetMs)
  }

  /** A mark to pass to `failureSince` (a counter of the failures the guard raised). */
  mark(): number {
    return this.seq
  }

  /** The last failure the guard raised for `service` after `mark`, if any. */
  failureSince(mark: number, service: GuardedService): GuardedRequestError | undefined {
    const last = this.failures.get(service.name)
    return last && last.seq > mark ? last.error : undefined
  }

  /**
   * The Azure SDK policy for a client of `service`: add it `perRetry` (next to the wire, inside the SDK's
   * authentication) with `retryOptions: { maxRetries: 0 }` and `redirectOptions: { maxRetries: 0 }`, as
   * `sdkOptions` does.
   */
  pipelinePolicy(service: GuardedService): PipelinePolicy {
    return {
      name: 'entraSyncRequestGuard',
      sendRequest: async (request: PipelineRequest, next) => {
        const given = request.abortSignal
        try {
          return await this.send<PipelineResponse>(
            service,
            request.method,
            request.url,
            async (signal) => {
              request.abortSignal = given ? either(signal, given) : signal
              return next(request)
            },
            (response) => ({
              status: response.status,
              header: (name) => response.headers.get(name)
            })
          )
        } finally {
          request.abortSignal = given
        }
      }
    }
  }

  /** Options that make an Azure SDK client's requests go through the guard alone. */
  sdkOptions(service: GuardedService) {
    return {
      retryOptions: { maxRetries: 0 },
      redirectOptions: { maxRetries: 0 },
      additionalPolicies: [{ policy: this.pipelinePolicy(service), position: 'perRetry' as const }]
    }
  }

  /** A GET through fetch, redirects refused, with the guard's timeout, retries and cancellation; body read. */
  async fetchText(
    service: GuardedService,
    url: string,
    headers: Record<string, string>
  ): Promise<{ status: number; text: string }> {
    return this.send(
      service,
      'GET',
      url,
      async (signal) => {
        const response = await fetch(url, { headers, redirect: 'manual', signal })
        // Read under the same timer: a body that stalls times out like an answer that never comes.
        return { response, text: await response.text() }
      },
      ({ response }) => ({
        status: response.status,
        header: (name) => response.headers.get(name) ?? undefined
      })
    ).then(({ response, text }) => ({ status: response.status, text }))
  }

  /**
   * One request, attempted until it is answered with something other than 429/5xx, or its attempts or the budget
   * run out. A 3xx fails it (GuardedRequestError 'redirect'): nothing is sent where it points.
   */
  private async send<T>(
    service: GuardedService,
    method: string,
    url: string,
    attempt: (signal: AbortSignal) => Promise<T>,
    view: (answer: T) => Answer
  ): Promise<T> {
    const counts: AttemptCounts = { throttled: 0, failed: 0 }
    for (let n = 1; ; n++) {
      if (this.signal?.aborted)
        throw this.fail(service, 'cancelled', `The run was cancelled before ${service.name} answered.`)
      if (this.budget.spent) {
        throw this.fail(
          service,
          'budget',
          `${service.name}: ${method} ${pathOf(url)} was not sent: ${this.spentText()}.`,
          'The sign-in services throttled, failed or did not answer for too long; run the workflow again later.'
        )
      }
      const started = Date.now()
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(TIMED_OUT), this.timeoutMs)
      const cancel = (): void => controller.abort(CANCELLED)
      this.signal?.addEventListener('abort', cancel, { once: true })
      let answer: T
      try {
        answer = await attempt(controller.signal)
      } catch (error) {
        if (controller.signal.reason === CANCELLED || this.signal?.aborted) {
          throw this.fail(service, 'cancelled', `The run was cancelled while waiting for ${service.name} to answer.`)
        }
        const timedOut = controller.signal.reason === TIMED_OUT
        if (timedOut) this.budget.spend(started)
        else if (networkFailure(error).permanent || !isNetworkError(error)) throw error
        counts.failed++
        const decision = decideRetry('failed', counts, undefined, this.policy, this.budget)
        if (!decision.retry) {
          if (!timedOut) throw error
          throw this.fail(
            service,
            'timeout',
            `${service.name} did not answer ${method} ${pathOf(url)} within ${seconds(this.timeoutMs)}` +
              ` (${n} attempt${n > 1 ? 's' : ''}${decision.reason === 'budget' ? `; ${this.spentText()}` : ''}).`,
            `${service.name} was slow or unreachable from the runner; run the workflow again later.`
          )
        }
        await this.wait(service, decision.delayMs)
        continue
      } finally {
        clearTimeout(timer)
        this.signal?.removeEventListener('abort', cancel)
      }
      const seen = view(answer)
      if (seen.status >= 300 && seen.status < 400) {
        throw this.fail(
          service,
          'redirect',
          `${service.name} answered ${method} ${pathOf(url)} with ${seen.status}, redirecting to ` +
            `${redirectTarget(seen.header('location'), url)}. The action follows no redirect: it sent nothing ` +
            'there (no request, no token, no credential).',
          service.redirectFix,
          seen.status
        )
      }
      if (!RETRYABLE_STATUS.has(seen.status)) return answer
      const throttled = seen.status === 429
      if (throttled) counts.throttled++
      else counts.failed++
      const retryAfter = retryAfterMs(seen.header('retry-after'))
      const decision = decideRetry(throttled ? 'throttled' : 'failed', counts, retryAfter, this.policy, this.budget)
      if (!decision.retry) {
        if (decision.reason === 'attempts') return answer
        throw this.fail(
          service,
          'budget',
          `${service.name} answered ${method} ${pathOf(url)} with ${seen.status}` +
            `${retryAfter !== undefined ? ` asking to wait ${seconds(retryAfter)}` : ''}, and waiting would go over the ` +
            `retry budget (${this.spentText()}).`,
          `${service.name} throttled or failed for too long; run the workflow again later.`
        )
      }
      await this.wait(service, decision.delayMs)
    }
  }

  private async wait(service: GuardedService, ms: number): Promise<void> {
    if (ms <= 0) return
    try {
      await delay(ms, undefined, this.signal ? { signal: this.signal } : {})
    } catch {
      // The sleep ends early only when the run is cancelled.
    }
    if (this.signal?.aborted) {
      throw this.fail(service, 'cancelled', `The run was cancelled while waiting to ask ${service.name} again.`)
    }
  }

  private spentText(): string {
    return `${seconds(this.budget.usedMs)} of the ${seconds(this.budget.budgetMs)} retry budget spent waiting`
  }

  private fail(
    service: GuardedService,
    kind: GuardFailureKind,
    message: string,
    fix?: string,
    status = 0
  ): GuardedRequestError {
    const error = new GuardedRequestError(kind, message, fix, status)
    this.failures.set(service.name, { seq: ++this.seq, error })
    return error
  }
}

/** A signal aborted when either is (the SDK's own signal may be an AbortSignalLike). */
function either(signal: AbortSignal, given: AbortSignalLike): AbortSignal {
  if (given instanceof AbortSignal) return AbortSignal.any([signal, given])
  const both = new AbortController()
  signal.addEventListener('abort', () => both.abort(signal.reason), { once: true })
  given.addEventListener('abort', () => both.abort(), { once: true })
  if (given.aborted) both.abort()
  return both.signal
}

/** The path of a URL, for a message (never its query: an OIDC request URL carries parameters). */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

/** A failure to connect or a dropped connection (the SDK's RestError or fetch's TypeError with a cause). */
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  if (error.name === 'RestError') return (error as { statusCode?: number }).statusCode === undefined
  return error.name === 'TypeError' && error.cause !== undefined
}
