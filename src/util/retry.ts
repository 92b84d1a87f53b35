// Retry timing for HTTP clients, pure: Retry-After parsing, exponential backoff with full jitter, and a wait
// budget shared by every request of one client. The clock and the random source are injectable for tests.

export interface RetryPolicy {
  /** Attempts per request, the first included, when it fails (5xx, dropped connection, timeout). */
  maxAttempts: number
  /** Backoff before the first retry (before jitter); doubles with each retry. */
  baseDelayMs: number
  /** Largest backoff (before jitter). A Retry-After header is honoured even when it is longer. */
  maxDelayMs: number
  /**
   * Wall-clock time one client may spend waiting to retry, all requests together (waits that overlap count
   * once), attempts that timed out included. A wait that would go over it is not made: the request fails, saying
   * the service throttled (or stalled) too long; once it is used up, the client sends nothing more.
   */
  budgetMs: number
  /** Attempts per request, the first included, when the service throttles it (429). */
  maxThrottledAttempts: number
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  // A first sync of thousands of identities can spend minutes in Retry-After waits; a scheduled job has hours.
  budgetMs: 600_000,
  maxThrottledAttempts: 20
})

/** HTTP statuses worth another attempt: throttled (429) or a transient server or gateway failure. */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

/** The default policy with `overrides` applied; rejects values that are not finite and non-negative. */
export function retryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY }
  for (const [key, value] of Object.entries(overrides) as [keyof RetryPolicy, number | undefined][]) {
    if (value === undefined) continue
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`retry policy: ${key} must be a number >= 0`)
    policy[key] = value
  }
  policy.maxAttempts = Math.max(1, Math.floor(policy.maxAttempts))
  policy.maxThrottledAttempts = Math.max(1, Math.floor(policy.maxThrottledAttempts))
  return policy
}

/**
 * Milliseconds a Retry-After header asks to wait: delay-seconds (`120`; decimals accepted) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`, 0 when already past). Undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined
  const value = header.trim()
  if (value === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  // Only something that looks like a date (letters and a time): Date.parse reads a bare "-5" or "12" as a year.
  if (!/[a-z]/i.test(value) || !/\d{1,2}:\d{2}/.test(value)) return undefined
  const at = Date.parse(value)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

/** Backoff before retry number `retry` (1-based): full jitter, uniform in [0, min(max, base * 2^(retry-1))). */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling)
}

/**
 * The waiting time a client has used, as the union of its wait intervals: concurrent requests waiting on the
 * same throttled service use the budget once, not once per request.
 */
export class RetryBudget {
  private used = 0
  private coveredUntil = -Infinity

  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = Date.now
  ) {}

  /** Milliseconds of the budget used so far. */
  get usedMs(): number {
    return this.used
  }

  /** What a wait of `delayMs` starting now would add to the used time. */
  cost(delayMs: number): number {
    const start = this.now()
    return Math.max(0, start + delayMs - Math.max(start, this.coveredUntil))
  }

  /** Records a wait of `delayMs` starting now, unless it would go over the budget (then returns false). */
  reserve(delayMs: number): boolean {
    const cost = this.cost(delayMs)
    if (this.used + cost > this.budgetMs) return false
    this.used += cost
    this.coveredUntil = Math.max(this.coveredUntil, this.now() + delayMs)
    return true
  }

  /**
   * Records time already lost, from `since` until now: an attempt that got no answer before its timeout. It is
   * counted even past the budget (it was spent), so a service that stalls uses the budget up like one that throttles.
   */
  spend(since: number): void {
    const now = this.now()
    this.used += Math.max(0, now - Math.max(since, this.coveredUntil))
    this.coveredUntil = Math.max(this.coveredUntil, now)
  }

  /** The budget is used up: the client sends nothing more (each request fails at once, saying so). */
  get spent(): boolean {
    return this.used > 0 && this.used >= this.budgetMs
  }
}

/** What went wrong with an attempt, as far as retrying is concerned. */
export type FailureKind = 'throttled' | 'failed'

export type RetryDecision =
  | { retry: true; delayMs: number }
  /** attempts: the request used its attempts; budget: waiting `delayMs` would go over the client's budget. */
  | { retry: false; reason: 'attempts' | 'budget'; delayMs: number }

/** Per-request attempt counts, kept by the caller and passed to `decideRetry`. */
export interface AttemptCounts {
  /** Attempts answered 429 so far, this one included. */
  throttled: number
  /** Attempts that failed otherwise so far, this one included. */
  failed: number
}

/**
 * Whether and when to retry after an attempt that failed with `kind`: the Retry-After value when the service
 * sent one (honoured exactly), else exponential backoff with full jitter. Reserves the wait in `budget`.
 */
export function decideRetry(
  kind: FailureKind,
  counts: AttemptCounts,
  retryAfter: number | undefined,
  policy: RetryPolicy,
  budget: RetryBudget,
  random: () => number = Math.random
): RetryDecision {
  const retries = counts.throttled + counts.failed
  const delayMs = retryAfter ?? backoffMs(retries, policy, random)
  const limit = kind === 'throttled' ? policy.maxThrottledAttempts : policy.maxAttempts
  const used = kind === 'throttled' ? counts.throttled : counts.failed
  if (used >= limit) return { retry: false, reason: 'attempts', delayMs }
  if (!budget.reserve(delayMs)) return { retry: false, reason: 'budget', delayMs }
  return { retry: true, delayMs }
}
