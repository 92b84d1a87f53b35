// The HTTP machinery the Databricks clients share (workspace and account SCIM, workspace assignments): bearer
// token per request, typed errors in the service's words, retries that honour Retry-After, and pacing of writes
// so a client stays under the account API's published rates instead of provoking 429s.
import { setTimeout as delay } from 'node:timers/promises'
import packageJson from '../../../package.json' with { type: 'json' }
import type { TokenProvider } from '../../auth/databricks-token.js'
import { ActionError } from '../../errors.js'
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
import { httpsTransport, type HttpTransport } from './transport.js'
import type { ScimStats } from './types.js'

export const USER_AGENT = `entra-databricks-sync/${packageJson.version}`
export const DEFAULT_TIMEOUT_MS = 60_000

// ---------------------------------------------------------------------------------------------------------
// Errors

export interface ScimRequestErrorInit {
  /** The target, for messages: the workspace name, or `account <id>`. */
  workspace: string
  method: string
  /** Path under the client's base URL, without the query (e.g. `/Users`, `/Groups/123`). */
  path: string
  /** HTTP status; 0 when no answer came (connection dropped, timeout, TLS or DNS failure). */
  status: number
  detail: string
  scimType?: string
  /** Network error code (ECONNRESET, UND_ERR_SOCKET, TimeoutError …) when no answer came. */
  code?: string
  /** The request may have been carried out although no success answer arrived (a create whose connection dropped). */
  maybeApplied?: boolean
  /** The service kept throttling the request past the retry budget or attempts. */
  throttled?: boolean
  attempts?: number
  message?: string
  fix?: string
}

/** A Databricks request that failed; the message names the target, method, path and the service's detail. */
export class ScimRequestError extends ActionError {
  override readonly name: string = 'ScimRequestError'
  readonly workspace: string
  readonly method: string
  readonly path: string
  readonly status: number
  readonly detail: string
  readonly scimType: string | undefined
  readonly code: string | undefined
  readonly maybeApplied: boolean
  readonly throttled: boolean
  readonly attempts: number

  constructor(init: ScimRequestErrorInit) {
    super(
      init.message ??
        `Databricks ${init.workspace}: ${init.method} ${init.path} answered ${init.status}: ${init.detail}` +
          (init.attempts && init.attempts > 1 ? ` (after ${init.attempts} attempts)` : ''),
      init.fix
    )
    this.workspace = init.workspace
    this.method = init.method
    this.path = init.path
    this.status = init.status
    this.detail = init.detail
    this.scimType = init.scimType
    this.code = init.code
    this.maybeApplied = init.maybeApplied ?? false
    this.throttled = init.throttled ?? false
    this.attempts = init.attempts ?? 1
  }
}

/** 409 on create: the resource exists already (e.g. made by an interrupted run); look it up and go on. */
export class ScimConflictError extends ScimRequestError {
  override readonly name = 'ScimConflictError'
}

/** 404: the resource is not (or no longer) there. */
export class ScimNotFoundError extends ScimRequestError {
  override readonly name = 'ScimNotFoundError'
}

// ---------------------------------------------------------------------------------------------------------
// Pacing

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'
/** Requests per second allowed to start, by write method; a method left out is not paced. */
export type WriteRates = Partial<Record<WriteMethod, number>>

/** The account API's published write limits (PATCH 2/s, POST, PUT and DELETE 5/s). */
export const ACCOUNT_WRITE_RATES: Readonly<Record<WriteMethod, number>> = Object.freeze({
  PATCH: 2,
  POST: 5,
  PUT: 5,
  DELETE: 5
})

interface Lane {
  /** Milliseconds between starts: 1/rate. */
  interval: number
  /** Requests per window, and the window: `rate` per second as a whole number per window (2/s: 2 per 1000 ms). */
  limit: number
  windowMs: number
  /** Earliest start of the next request. */
  next: number
  inFlight: number
  /** When the latest requests finished (ascending, at most `limit`). */
  ends: number[]
  /** Woken when a request finishes. */
  waiters: (() => void)[]
}

/** Frees a pacing slot once the request's answer (or failure) came; calling it again does nothing. */
export type PaceRelease = () => void

const NO_PACING: PaceRelease = () => undefined

/**
 * Writes paced per method, two rules together:
 * - spaced starts: requests of a method start at least 1/rate apart, whatever their concurrency (the slot is
 *   taken synchronously, then waited for), so the service sees an even flow instead of bursts;
 * - a window guard: a request starts only while fewer than `limit` others are in flight or finished within the
 *   last window. A request reaches the service before its answer comes back, so however much the latency varies
 *   (a cold TLS connection, a slow answer), no window of the service ever sees more than the rate: sliding or fixed.
 */
export class Pacer {
  private readonly lanes = new Map<string, Lane>()
  /** Methods without a rate: no new request starts before this time after a 429 (the Retry-After). */
  private readonly holds = new Map<string, number>()
  /** Milliseconds requests spent waiting for their slot, all together. */
  waitedMs = 0

  constructor(
    rates: WriteRates,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>
  ) {
    for (const [method, rate] of Object.entries(rates)) {
      if (rate === undefined) continue
      if (!Number.isFinite(rate) || rate <= 0) throw new RangeError(`write rate of ${method} must be a number > 0`)
      const limit = Math.max(1, Math.floor(rate))
      this.lanes.set(method, {
        interval: 1000 / rate,
        limit,
        windowMs: (limit / rate) * 1000,
        next: -Infinity,
        inFlight: 0,
        ends: [],
        waiters: []
      })
    }
  }

  paces(method: string): boolean {
    return this.lanes.has(method)
  }

  /** Waits for a slot of `method` (at once when unpaced or free); call the answer when the request is over. */
  async acquire(method: string): Promise<PaceRelease> {
    const lane = this.lanes.get(method)
    if (!lane) {
      // Unpaced, but after a 429 the others wait too, instead of each meeting its own 429.
      const hold = (this.holds.get(method) ?? 0) - this.now()
      if (hold > 0) {
        await this.sleep(Math.ceil(hold))
        this.waitedMs += hold
      }
      return NO_PACING
    }
    const began = this.now()
    const start = Math.max(began, lane.next)
    lane.next = start + lane.interval
    if (start > began) await this.sleep(Math.ceil(start - began))
    for (;;) {
      const t = this.now()
      const recent = lane.ends.filter((end) => end > t - lane.windowMs)
      if (lane.inFlight + recent.length < lane.limit) break
      // Full: wait until the oldest recent request leaves the window, or one in flight finishes.
      const waits = [new Promise<void>((resolve) => lane.waiters.push(resolve))]
      const oldest = recent[0]
      if (oldest !== undefined) waits.push(this.sleep(Math.ceil(oldest + lane.windowMs - t)))
      await Promise.race(waits)
    }
    this.waitedMs += this.now() - began
    lane.inFlight++
    let released = false
    return () => {
      if (released) return
      released = true
      lane.inFlight--
      lane.ends.push(this.now())
      if (lane.ends.length > lane.limit) lane.ends.splice(0, lane.ends.length - lane.limit)
      for (const wake of lane.waiters.splice(0)) wake()
    }
  }

  /** The service throttled `method`: no new request of it starts before `until` (a retry's Retry-After). */
  holdUntil(method: string, until: number): void {
    const lane = this.lanes.get(method)
    if (lane) lane.next = Math.max(lane.next, until)
    else this.holds.set(method, Math.max(this.holds.get(method) ?? 0, until))
  }
}

// ---------------------------------------------------------------------------------------------------------
// Client

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
  retry?: Partial<RetryPolicy>
  /** Per-attempt time limit (default 60 s); a timed-out attempt counts as a dropped connection. */
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  /** Clock for the retry budget and the pacing (tests pair it with `sleep`). */
  now?: () => number
  /** Random source of the backoff jitter. */
  random?: () => number
  /** The HTTP transport (default: node:https with keep-alive); tests may pass fetch. */
  fetch?: HttpTransport
  /** Told about every retry before its wait (for a debug log). */
  onRetry?: (event: RetryEvent) => void
  /** Aborted when the run is cancelled: a request waiting to retry stops waiting and fails at once. */
  signal?: AbortSignal
  /**
   * Requests per second by write method (e.g. ACCOUNT_WRITE_RATES): each request of a paced method waits for its
   * slot first, so the client stays under the service's limits. A 429 still waits its Retry-After.
   */
  writeRates?: WriteRates
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
}

/** Network failures where the request certainly never reached the service (safe to repeat even a POST). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT'
])
/** Network failures not worth retrying: the host or its certificate is wrong. */
const PERMANENT_CODES = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

const MEDIA_TYPES = {
  scim: { accept: 'application/scim+json, application/json', contentType: 'application/scim+json' },
  json: { accept: 'application/json', contentType: 'application/json' }
} as const

export class DatabricksHttp {
  readonly target: string
  readonly baseUrl: string
  private readonly token: TokenProvider
  private readonly policy: RetryPolicy
  private readonly budget: RetryBudget
  private readonly timeoutMs: number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly now: () => number
  private readonly random: () => number
  private readonly fetchFn: HttpTransport
  private readonly onRetry: ((event: RetryEvent) => void) | undefined
  private readonly signal: AbortSignal | undefined
  private readonly pacer: Pacer
  private readonly media: { accept: string; contentType: string }
  private readonly fixFor: DatabricksHttpOptions['fixFor']
  private readonly hostFix: string
  private readonly counters: ScimStats = { requests: {}, throttled: 0, retries: 0, waitedMs: 0 }

  constructor(options: DatabricksHttpOptions) {
    this.target = options.target
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.token = options.token
    this.policy = retryPolicy(options.retry)
    this.now = options.now ?? Date.now
    this.budget = new RetryBudget(this.policy.budgetMs, this.now)
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
    this.pacer = new Pacer(options.writeRates ?? {}, this.now, this.sleep)
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

  /**
   * One call with retries. Retried: 429 on every method; 500/502/503/504 and dropped connections on GET, PUT,
   * PATCH and DELETE (repeating them changes nothing: adding a present member or removing an absent one is a
   * no-op, a PUT sets the same value); on POST only 429 and 503 (refused before processing) and failures to
   * connect. A POST that got 500/502/504 or lost its connection may have created the resource: it fails with
   * `maybeApplied`. Every attempt of a paced method waits for its slot first.
   */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const url = this.baseUrl + path + queryString(options.query)
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
    const counts: AttemptCounts = { throttled: 0, failed: 0 }
    const target = this.target
    let attempt = 0
    for (;;) {
      attempt++
      const release = await this.pacer.acquire(method)
      // Cancelled while waiting for its slot (or a held method): not sent at all.
      if (this.signal?.aborted) {
        release()
        throw this.cancelled(method, path, 0, attempt)
      }
      let token: string
      try {
        token = await this.token()
      } catch (error) {
        release()
        throw error
      }
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: this.media.accept,
        'User-Agent': USER_AGENT
      }
      if (payload !== undefined) headers['Content-Type'] = this.media.contentType
      this.counters.requests[method] = (this.counters.requests[method] ?? 0) + 1

      let status: number
      let text: string
      let retryAfterHeader: string | null
      // A timer cleared with the answer, not AbortSignal.timeout: that signal (and the request it would abort) lives
      // until the timeout fires, which at hundreds of writes a second keeps a minute of finished requests in memory.
      const abort = new AbortController()
      const timer = setTimeout(() => abort.abort(new DOMException('no answer in time', 'TimeoutError')), this.timeoutMs)
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
        text = await response.text()
      } catch (error) {
        clearTimeout(timer)
        release()
        const failure = networkFailure(error, this.hostFix)
        const base = { workspace: target, method, path, status: 0, code: failure.code, attempts: attempt }
        if (failure.permanent) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            message: `Databricks ${target}: ${method} ${path} failed: ${failure.detail}`,
            fix: failure.fix ?? this.hostFix
          })
        }
        if (method === 'POST' && !failure.notSent) {
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
              (attempt > 1 ? ` (after ${attempt} attempts)` : '')
          })
        }
        await this.wait({ method, path, status: 0, code: failure.code, attempt, ...decision, retryAfter: false })
        continue
      }

      clearTimeout(timer)
      release()
      if (status >= 200 && status < 300) return parseJson(text)
      if (status === 404 && options.goneAfterRetryIsSuccess && attempt > 1) return undefined

      const error = parseError(text, status)
      if (RETRYABLE_STATUS.has(status)) {
        const throttled = status === 429
        if (method === 'POST' && status !== 429 && status !== 503) {
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
        // Throttled anyway: the other requests of this method wait too, rather than collect 429s of their own.
        if (throttled) this.pacer.holdUntil(method, this.now() + decision.delayMs)
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

  private async wait(event: Omit<RetryEvent, 'workspace'>): Promise<void> {
    this.counters.retries++
    this.counters.waitedMs += event.delayMs
    this.onRetry?.({ workspace: this.target, ...event })
    if (event.delayMs > 0) await this.sleep(event.delayMs)
    if (this.signal?.aborted) throw this.cancelled(event.method, event.path, event.status, event.attempt)
  }

  private cancelled(method: string, path: string, status: number, attempt: number): ScimRequestError {
    return new ScimRequestError({
      workspace: this.target,
      method,
      path,
      status,
      detail: 'the run was cancelled',
      attempts: attempt,
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
      const spent = `${seconds(this.budget.usedMs)} of the ${seconds(this.policy.budgetMs)} retry budget already spent waiting`
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

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function seconds(ms: number): string {
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

/** The detail of an error answer: SCIM `{detail, scimType}`, Databricks `{error_code, message}`, or the text. */
export function parseError(text: string, status: number): { detail: string; scimType?: string } {
  const body = parseJson(text)
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const o = body as Record<string, unknown>
    const scimType = typeof o.scimType === 'string' ? o.scimType : undefined
    if (typeof o.detail === 'string' && o.detail !== '') return { detail: o.detail, ...(scimType ? { scimType } : {}) }
    if (typeof o.message === 'string' && o.message !== '') {
      return { detail: typeof o.error_code === 'string' ? `${o.error_code}: ${o.message}` : o.message }
    }
    const inner = o.error
    if (inner && typeof inner === 'object') {
      const e = inner as Record<string, unknown>
      if (typeof e.message === 'string')
        return { detail: typeof e.code === 'string' ? `${e.code}: ${e.message}` : e.message }
    }
    if (typeof o.error === 'string') {
      return { detail: typeof o.error_description === 'string' ? `${o.error}: ${o.error_description}` : o.error }
    }
  }
  const plain =
    typeof body === 'string'
      ? body
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim()
      : ''
  if (plain) return { detail: plain.length > 200 ? `${plain.slice(0, 200)}…` : plain }
  return { detail: `HTTP ${status}` }
}

export interface NetworkFailure {
  code: string
  detail: string
  /** The request certainly did not reach the service. */
  notSent: boolean
  /** Retrying will not help. */
  permanent: boolean
  fix?: string
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

/** Describes a fetch failure (undici wraps the socket error in `cause`; timeouts are a DOMException). */
export function networkFailure(error: unknown, hostFix = 'Check the workspace host in the config.'): NetworkFailure {
  // Duck-typed, not instanceof: fetch's errors may come from another realm (a test VM context).
  const field = (v: unknown, key: string): unknown =>
    v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
  const name = String(field(error, 'name') ?? '')
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { code: 'TimeoutError', detail: 'no answer in time', notSent: false, permanent: false }
  }
  // undici: TypeError('fetch failed', { cause: SocketError | system error | AggregateError of connect errors }).
  let cause: unknown = error
  for (let i = 0; i < 5 && field(cause, 'cause') !== undefined; i++) cause = field(cause, 'cause')
  const errors = field(cause, 'errors')
  if (field(cause, 'code') === undefined && Array.isArray(errors) && errors.length) cause = errors[0]
  const rawCode = field(cause, 'code')
  const code = typeof rawCode === 'string' ? rawCode : name || 'Error'
  const rawMessage = field(cause, 'message')
  const message = typeof rawMessage === 'string' && rawMessage !== '' ? rawMessage : String(cause)
  if (PERMANENT_CODES.has(code)) {
    const tls = code.includes('CERT') || code.includes('SIGNED') || code.includes('ISSUER') || code.includes('LEAF')
    const host = hostFix.replace(/\.$/, '')
    return {
      code,
      detail: tls ? `TLS certificate not trusted: ${message} (${code})` : `${message} (${code})`,
      notSent: true,
      permanent: true,
      fix: tls ? `${host}; behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS.` : hostFix
    }
  }
  const detail =
    code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE'
      ? `connection closed (${code})`
      : `${message} (${code})`
  return { code, detail, notSent: NOT_SENT_CODES.has(code), permanent: false }
}
