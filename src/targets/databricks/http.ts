// The HTTP client the Databricks clients share (workspace and account SCIM, workspace assignments): bearer token
// per request, retries that honour Retry-After, and requests paced (pacer.ts) under the service's limits, known or
// learned from its 429s. Failures come out as the typed errors of errors.ts.
import { setTimeout as delay } from 'node:timers/promises'
import packageJson from '../../../package.json' with { type: 'json' }
import type { HeaderProvider } from '../../auth/azure-workspace-headers.js'
import type { TokenProvider } from '../../auth/databricks-token.js'
import { DEFAULT_REQUEST_TIMEOUT_MS, redirectTarget, seconds } from '../../net.js'
import {
  decideRetry,
  RetryBudget,
  retryAfterMs,
  retryPolicy,
  type AttemptCounts,
  RETRYABLE_STATUS,
  type FailureKind,
  type RetryPolicy
} from '../../util/retry.js'
import {
  networkFailure,
  parseError,
  parseJson,
  ScimConflictError,
  type JsonReviver,
  ScimNotFoundError,
  ScimRequestError,
  type ScimRequestErrorInit
} from './errors.js'
import { laneOf, Pacer, type RateChange, type RequestRates } from './pacer.js'
import { httpsTransport, type HttpTransport } from './transport.js'
import type { ScimStats } from './types.js'

export const USER_AGENT = `entra-databricks-sync/${packageJson.version}`
export const DEFAULT_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS
/**
 * When the run is cancelled, a write in flight gets this long to be answered before it is abandoned (reported as
 * possibly made), so a stalled write cannot keep the run from writing its summary before the runner kills it; a
 * read in flight is abandoned at once (it changes nothing).
 */
export const CANCELLED_WRITE_GRACE_MS = 5_000

export interface RetryEvent {
  workspace: string
  method: string
  path: string
  /** HTTP status, or 0 for a network failure. */
  status: number
  /** Network error code when status is 0. */
  code?: string
  /** The attempt that failed (1-based). */
  attempt: number
  delayMs: number
  /** Whether the delay came from a Retry-After header. */
  retryAfter: boolean
}

/** Options every Databricks client takes (timing, retries, pacing, transport), passed through to DatabricksHttp. */
export interface HttpClientOptions {
  /** Called before every request (an Entra token may be refreshed in between); never logged. */
  token: TokenProvider
  /** More headers for every attempt, asked for after the token (Azure's workspace onboarding headers); never logged. */
  headers?: HeaderProvider
  retry?: Partial<RetryPolicy>
  /**
   * Per-attempt time limit (default 60 s); a timed-out attempt counts as a dropped connection, and the time it
   * took counts against the retry budget.
   */
  timeoutMs?: number
  /**
   * The wait budget, when several clients of one target share it (the account's SCIM and assignments); default
   * one of the client's own, of `retry.budgetMs`.
   */
  budget?: RetryBudget
  sleep?: (ms: number) => Promise<void>
  /** Clock for the retry budget and the pacing (tests pair it with `sleep`). */
  now?: () => number
  /** Random source of the backoff jitter. */
  random?: () => number
  /** The HTTP transport (default: node:https with keep-alive); tests may pass fetch. */
  fetch?: HttpTransport
  /** Told about every retry before its wait (for a debug log). */
  onRetry?: (event: RetryEvent) => void
  /**
   * Aborted when the run is cancelled: a request waiting to retry stops waiting and fails at once, a read in flight
   * is abandoned at once, a write in flight after `cancelledWriteGraceMs`.
   */
  signal?: AbortSignal
  /** How long a write in flight may still take once the run is cancelled (default CANCELLED_WRITE_GRACE_MS). */
  cancelledWriteGraceMs?: number
  /**
   * Known limits, requests per second by lane (a method, or LIST for a GET of a SCIM collection; e.g. ACCOUNT_RATES):
   * each request of a paced lane waits for its slot first, so the client stays under the service's limits. A 429
   * still waits its Retry-After, and lowers the lane's rate to what the service admitted (pacer.ts).
   */
  writeRates?: RequestRates
  /** Lanes whose limits are not known: they start at these rates and probe upward until the first 429. */
  probeRates?: RequestRates
  /** Told about every change of a lane's rate (for a debug log, and tests). */
  onRateChange?: (change: RateChange) => void
}

export interface DatabricksHttpOptions extends HttpClientOptions {
  baseUrl: string
  /** The target, for messages: the workspace name, or `account <id>`. */
  target: string
  /** scim: SCIM media types (application/scim+json); json: plain JSON. */
  mediaType: 'scim' | 'json'
  /** What to do about an error answer that is not retried (401, 403, 404 …); undefined for no advice. */
  fixFor?: (status: number, method: string, path: string) => string | undefined
  /** Advice when the host cannot be reached for good (DNS, TLS). */
  hostFix?: string
}

export interface RequestOptions {
  query?: Record<string, string>
  body?: unknown
  /** A 404 after a retried attempt means the earlier attempt did the work (DELETE): answer undefined. */
  goneAfterRetryIsSuccess?: boolean
  /** An error answer to a retried attempt that means the earlier attempt did the work: answer undefined. */
  doneAfterRetry?: (status: number, error: { detail: string; scimType?: string }) => boolean
  /** Reads the answer with this reviver (e.g. int64 ids kept exact). */
  reviver?: JsonReviver
  /** A POST that repeating changes nothing (resolve by external id): retried like a PUT. */
  idempotent?: boolean
}

const MEDIA_TYPES = {
  scim: { accept: 'application/scim+json, application/json', contentType: 'application/scim+json' },
  json: { accept: 'application/json', contentType: 'application/json' }
} as const

/** The reason an attempt is aborted with when the run is cancelled (a timeout aborts with a TimeoutError). */
const CANCELLED = Symbol('cancelled')

export class DatabricksHttp {
  readonly target: string
  readonly baseUrl: string
  private readonly token: TokenProvider
  private readonly extraHeaders: HeaderProvider | undefined
  private readonly policy: RetryPolicy
  private readonly budget: RetryBudget
  private readonly timeoutMs: number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly now: () => number
  private readonly random: () => number
  private readonly fetchFn: HttpTransport
  private readonly onRetry: ((event: RetryEvent) => void) | undefined
  private readonly signal: AbortSignal | undefined
  private readonly writeGraceMs: number
  private readonly pacer: Pacer
  private readonly media: { accept: string; contentType: string }
  private readonly fixFor: DatabricksHttpOptions['fixFor']
  private readonly hostFix: string
  private readonly counters: ScimStats = { requests: {}, throttled: 0, retries: 0, waitedMs: 0 }

  constructor(options: DatabricksHttpOptions) {
    this.target = options.target
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.token = options.token
    this.extraHeaders = options.headers
    this.policy = retryPolicy(options.retry)
    this.now = options.now ?? Date.now
    this.budget = options.budget ?? new RetryBudget(this.policy.budgetMs, this.now)
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    // The default sleep's timer is cleared on cancellation, so a cancelled run's process can end at once.
    const signal = options.signal
    const sleep =
      options.sleep ?? ((ms: number) => delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined))
    this.sleep = untilAborted(sleep, signal)
    this.random = options.random ?? Math.random
    this.fetchFn = options.fetch ?? httpsTransport()
    this.onRetry = options.onRetry
    this.signal = options.signal
    this.writeGraceMs = options.cancelledWriteGraceMs ?? CANCELLED_WRITE_GRACE_MS
    this.pacer = new Pacer(options.writeRates ?? {}, this.now, this.sleep, {
      ...(options.probeRates ? { probe: options.probeRates } : {}),
      ...(options.onRateChange ? { onChange: options.onRateChange } : {}),
      stopped: () => signal?.aborted ?? false
    })
    this.media = MEDIA_TYPES[options.mediaType]
    this.fixFor = options.fixFor
    this.hostFix = options.hostFix ?? 'Check the host in the config.'
  }

  stats(): ScimStats {
    return { ...this.counters, requests: { ...this.counters.requests } }
  }

  /** Milliseconds requests waited for their pacing slot (not counted in `stats().waitedMs`). */
  get pacedMs(): number {
    return this.pacer.waitedMs
  }

  /** A lane's current pacing rate, requests per second (undefined when the lane is not paced). */
  paceRate(lane: string): number | undefined {
    return this.pacer.rate(lane)
  }

  /**
   * One call with retries. Retried: 429 on every method; 500/502/503/504 and dropped connections on GET, PUT,
   * PATCH and DELETE (repeating them changes nothing: adding a present member or removing an absent one is a
   * no-op, a PUT sets the same value); on POST only 429 and 503 (refused before processing) and failures to
   * connect. A POST that got 500/502/504 or lost its connection may have created the resource: it fails with
   * `maybeApplied`. Every attempt of a paced method waits for its slot first. A redirect is never followed: the
   * 3xx fails the request, naming where it pointed (nothing, no token, was sent there). Once the client's budget
   * is used up (waiting out 429s and backoffs, and attempts that timed out), nothing more is sent.
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const url = this.baseUrl + path + queryString(options.query)
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
    const counts: AttemptCounts = { throttled: 0, failed: 0 }
    const target = this.target
    const lane = laneOf(method, path)
    let attempt = 0
    for (;;) {
      attempt++
      const release = await this.pacer.acquire(lane)
      // Cancelled while waiting for its slot (or a held method): not sent at all.
      if (this.signal?.aborted) {
        release()
        throw this.cancelled(method, path, 0, attempt, attempt === 1)
      }
      if (this.budget.spent) {
        release()
        throw this.budgetSpent(method, path, attempt)
      }
      let token: string
      let extra: Record<string, string> | undefined
      try {
        token = await this.token()
        extra = await this.extraHeaders?.()
      } catch (error) {
        release()
        throw error
      }
      const headers: Record<string, string> = {
        ...extra,
        Authorization: `Bearer ${token}`,
        Accept: this.media.accept,
        'User-Agent': USER_AGENT
      }
      if (payload !== undefined) headers['Content-Type'] = this.media.contentType
      this.counters.requests[method] = (this.counters.requests[method] ?? 0) + 1

      let status: number
      let text: string
      let retryAfterHeader: string | null
      let redirectLocation: string | null
      // A timer cleared with the answer, not AbortSignal.timeout: that signal (and the request it would abort) lives
      // until the timeout fires, which at hundreds of writes a second keeps a minute of finished requests in memory.
      const abort = new AbortController()
      const started = this.now()
      const timer = setTimeout(() => abort.abort(new DOMException('no answer in time', 'TimeoutError')), this.timeoutMs)
      const stopWaiting = this.onCancel(method, abort)
      try {
        const response = await this.fetchFn(url, {
          method,
          headers,
          ...(payload !== undefined ? { body: payload } : {}),
          redirect: 'manual',
          signal: abort.signal
        })
        status = response.status
        retryAfterHeader = response.headers.get('retry-after')
        redirectLocation = response.headers.get('location')
        text = await response.text()
      } catch (error) {
        clearTimeout(timer)
        stopWaiting()
        release()
        if (abort.signal.reason === CANCELLED) {
          throw this.cancelledInFlight(method, path, attempt)
        }
        const failure = networkFailure(error, this.hostFix)
        // An attempt that got no answer in time: its time counts against the budget, as a wait would.
        if (failure.code === 'TimeoutError') this.budget.spend(started)
        const base = { workspace: target, method, path, status: 0, code: failure.code, attempts: attempt }
        if (failure.permanent) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            message: `Databricks ${target}: ${method} ${path} failed: ${failure.detail}`,
            fix: failure.fix ?? this.hostFix
          })
        }
        if (method === 'POST' && !options.idempotent && !failure.notSent) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            maybeApplied: true,
            message: `Databricks ${target}: ${method} ${path} got no answer: ${failure.detail}; the request may have been carried out.`
          })
        }
        counts.failed++
        const decision = decideRetry('failed', counts, undefined, this.policy, this.budget, this.random)
        if (!decision.retry) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            message:
              `Databricks ${target}: ${method} ${path} failed: ${failure.detail}` +
              (decision.reason === 'budget'
                ? ` (after ${attempt} attempt${attempt > 1 ? 's' : ''}; ${this.budgetText()})`
                : attempt > 1
                  ? ` (after ${attempt} attempts)`
                  : '')
          })
        }
        await this.wait({ method, path, status: 0, code: failure.code, attempt, ...decision, retryAfter: false })
        continue
      }

      clearTimeout(timer)
      stopWaiting()
      release(status)
      if (status >= 200 && status < 300) return parseJson(text, options.reviver)
      if (status >= 300 && status < 400) throw this.redirected(method, path, url, status, redirectLocation)
      if (status === 404 && options.goneAfterRetryIsSuccess && attempt > 1) return undefined

      const error = parseError(text, status)
      if (attempt > 1 && options.doneAfterRetry?.(status, error)) return undefined
      if (RETRYABLE_STATUS.has(status)) {
        const throttled = status === 429
        if (method === 'POST' && !options.idempotent && status !== 429 && status !== 503) {
          throw new ScimRequestError({
            workspace: target,
            method,
            path,
            status,
            ...error,
            attempts: attempt,
            maybeApplied: true,
            message: `Databricks ${target}: ${method} ${path} answered ${status}: ${error.detail} (the request may have been carried out)`
          })
        }
        const kind: FailureKind = throttled ? 'throttled' : 'failed'
        if (throttled) {
          counts.throttled++
          this.counters.throttled++
        } else {
          counts.failed++
        }
        const retryAfter = retryAfterMs(retryAfterHeader)
        const decision = decideRetry(kind, counts, retryAfter, this.policy, this.budget, this.random)
        if (!decision.retry) throw this.gaveUp(method, path, status, error, attempt, decision, retryAfter)
        // Throttled anyway: the other requests of this lane wait too, rather than collect 429s of their own, and
        // the lane slows down to what the service admitted.
        if (throttled) this.pacer.throttled(lane, decision.delayMs, started)
        await this.wait({
          method,
          path,
          status,
          attempt,
          delayMs: decision.delayMs,
          retryAfter: retryAfter !== undefined
        })
        continue
      }
      throw this.httpError(method, path, status, error, attempt)
    }
  }

  /**
   * A success answer that is not what the API documents (another service at the host, or a proxy's page): the typed
   * error, `answered` saying what came, with the host advice.
   */
  unexpectedAnswer(method: string, path: string, answered: string): ScimRequestError {
    return new ScimRequestError({
      workspace: this.target,
      method,
      path,
      status: 200,
      detail: 'unexpected answer',
      message: `Databricks ${this.target}: ${method} ${path} answered ${answered}`,
      fix: this.hostFix
    })
  }

  private async wait(event: Omit<RetryEvent, 'workspace'>): Promise<void> {
    this.counters.retries++
    this.counters.waitedMs += event.delayMs
    this.onRetry?.({ workspace: this.target, ...event })
    if (event.delayMs > 0) await this.sleep(event.delayMs)
    if (this.signal?.aborted) throw this.cancelled(event.method, event.path, event.status, event.attempt)
  }

  /**
   * Abandons the attempt in `abort` when the run is cancelled: a read at once (it changes nothing), a write after its
   * grace. Returns the function that stops watching, called once the attempt is over.
   */
  private onCancel(method: string, abort: AbortController): () => void {
    const signal = this.signal
    if (!signal) return () => undefined
    let grace: NodeJS.Timeout | undefined
    const cancel = (): void => {
      if (method === 'GET') abort.abort(CANCELLED)
      else grace = setTimeout(() => abort.abort(CANCELLED), this.writeGraceMs)
    }
    if (signal.aborted) cancel()
    else signal.addEventListener('abort', cancel, { once: true })
    return () => {
      clearTimeout(grace)
      signal.removeEventListener('abort', cancel)
    }
  }

  private cancelledInFlight(method: string, path: string, attempt: number): ScimRequestError {
    const write = method !== 'GET'
    return new ScimRequestError({
      workspace: this.target,
      method,
      path,
      status: 0,
      detail: 'the run was cancelled',
      attempts: attempt,
      maybeApplied: write,
      message:
        `Databricks ${this.target}: ${method} ${path} was abandoned: the run was cancelled before its answer came` +
        (write ? ` (within ${seconds(this.writeGraceMs)}); the request may have been carried out.` : '.')
    })
  }

  /** A 3xx: not followed (the transport never follows one), so nothing went where it points. */
  private redirected(
    method: string,
    path: string,
    url: string,
    status: number,
    location: string | null
  ): ScimRequestError {
    return new ScimRequestError({
      workspace: this.target,
      method,
      path,
      status,
      detail: `a redirect (${status})`,
      message:
        `Databricks ${this.target}: ${method} ${path} answered ${status}, redirecting to ` +
        `${redirectTarget(location, url)}. The action follows no redirect: it sent nothing there (no request, no token).`,
      fix: `${this.hostFix.replace(/\.$/, '')}: it must be the ${this.target.startsWith('account ') ? 'account' : 'workspace'} URL itself, and no proxy between the runner and Databricks may rewrite its answers.`
    })
  }

  private budgetText(spent = 'spent waiting'): string {
    return `${seconds(this.budget.usedMs)} of the ${seconds(this.budget.budgetMs)} retry budget ${spent}`
  }

  private budgetSpent(method: string, path: string, attempt: number): ScimRequestError {
    return new ScimRequestError({
      workspace: this.target,
      method,
      path,
      status: 0,
      detail: 'the retry budget is spent',
      attempts: attempt,
      message:
        `Databricks ${this.target}: ${method} ${path} was not ${attempt > 1 ? 'retried' : 'sent'}: the service ` +
        `throttled, failed or did not answer for too long (${this.budgetText()}).`,
      fix: 'Run again later; if it keeps happening, sync fewer workspaces at a time or raise the retry budget.'
    })
  }

  private cancelled(method: string, path: string, status: number, attempt: number, notSent = false): ScimRequestError {
    return new ScimRequestError({
      workspace: this.target,
      method,
      path,
      status,
      detail: 'the run was cancelled',
      attempts: attempt,
      notSent,
      message: `Databricks ${this.target}: ${method} ${path} was not ${attempt > 1 ? 'retried' : 'sent'}: the run was cancelled.`
    })
  }

  private gaveUp(
    method: string,
    path: string,
    status: number,
    error: { detail: string; scimType?: string },
    attempts: number,
    decision: { reason: 'attempts' | 'budget'; delayMs: number },
    retryAfter: number | undefined
  ): ScimRequestError {
    const target = this.target
    const base = { workspace: target, method, path, status, ...error, attempts }
    const throttled = status === 429 || retryAfter !== undefined
    if (decision.reason === 'budget') {
      const spent = this.budgetText('already spent waiting')
      return new ScimRequestError({
        ...base,
        throttled,
        message: throttled
          ? `Databricks ${target}: ${method} ${path}: the service throttled for too long (answered ${status}` +
            `${retryAfter !== undefined ? ` asking to wait ${seconds(retryAfter)}` : ''}; ${spent}). Last answer: ${error.detail}`
          : `Databricks ${target}: ${method} ${path} kept failing past the retry budget (answered ${status} on ` +
            `${attempts} attempts; ${spent}). Last answer: ${error.detail}`,
        fix: 'Run again later; if it keeps happening, sync fewer workspaces at a time or raise the retry budget.'
      })
    }
    return new ScimRequestError({
      ...base,
      throttled,
      message: `Databricks ${target}: ${method} ${path} answered ${status} on ${attempts} attempts: ${error.detail}`
    })
  }

  private httpError(
    method: string,
    path: string,
    status: number,
    error: { detail: string; scimType?: string },
    attempts: number
  ): ScimRequestError {
    const init: ScimRequestErrorInit = { workspace: this.target, method, path, status, ...error, attempts }
    const fix = this.fixFor?.(status, method, path)
    if (fix !== undefined) init.fix = fix
    if (status === 409) return new ScimConflictError(init)
    if (status === 404) return new ScimNotFoundError(init)
    return new ScimRequestError(init)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

function queryString(query: Record<string, string> | undefined): string {
  if (!query) return ''
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** A sleep that ends early (resolves) once `signal` is aborted: a cancelled run stops waiting. */
function untilAborted(
  sleep: (ms: number) => Promise<void>,
  signal: AbortSignal | undefined
): (ms: number) => Promise<void> {
  if (!signal) return sleep
  return async (ms) => {
    if (signal.aborted) return
    let onAbort: (() => void) | undefined
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve
      signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      await Promise.race([sleep(ms), aborted])
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort)
    }
  }
}
