// How every Microsoft Graph request leaves: the Graph client's middleware chain with its RedirectHandler left out
// and a guard in its place. The SDK's default chain (msgraph-sdk-javascript docs/CreatingClientInstance.md,
// src/middleware/MiddlewareFactory.ts) follows up to 5 redirects with the Authorization header still set unless the
// Location is an absolute URL of another authority; `Location: https:host/…` has no "://", so the header went along.
// Graph has no reason to redirect a directory read, so the guard refuses every redirect (fetch's `redirect:
// 'manual'`: the 3xx comes back as an answer, nothing is sent to its Location), and bounds each request in time and
// by the run's cancellation.
import {
  AuthenticationHandler,
  GraphClientError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware
} from '@microsoft/microsoft-graph-client'

/** How long one Graph request (answer and body) may take before it is abandoned and retried like a 5xx. */
export const DEFAULT_GRAPH_TIMEOUT_MS = 60_000

/** Environment variable that shortens the timeout (the end-to-end tests set it; a slow tenant may lengthen it). */
export const GRAPH_TIMEOUT_ENV = 'ENTRA_SYNC_GRAPH_TIMEOUT_MS'

/** The timeout `env` asks for, else the default (a value that is not a positive number of ms is ignored). */
export function graphTimeoutMs(env: Record<string, string | undefined>): number {
  const value = Number(env[GRAPH_TIMEOUT_ENV])
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_GRAPH_TIMEOUT_MS
}

export interface GraphTransportOptions {
  /** Per request; default DEFAULT_GRAPH_TIMEOUT_MS. */
  timeoutMs?: number
  /** The run's cancellation: aborts the requests in flight (Graph reads change nothing). */
  signal?: AbortSignal
}

/** A request abandoned because it took too long (the error fetch rejects with, as AbortSignal.timeout would). */
export function timeoutError(timeoutMs: number): DOMException {
  return new DOMException(`no answer within ${seconds(timeoutMs)}`, 'TimeoutError')
}

export const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/** Statuses whose Response must have no body (the Fetch standard's null body statuses). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304])

/**
 * A 3xx answer, not followed. A GraphClientError, which the client passes through as it is (a GraphError it would
 * build from an answer without a JSON error body loses the headers, and with them the Location).
 */
export class GraphRedirectRefused extends GraphClientError {
  constructor(
    readonly status: number,
    /** The Location header, as the answer gave it. */
    readonly location: string | undefined
  ) {
    super(`Microsoft Graph answered ${status} (a redirect), which is not followed`)
    // GraphClientError's constructor sets its own prototype: this class's is put back, for instanceof.
    Object.setPrototypeOf(this, new.target.prototype)
    this.name = 'GraphRedirectRefused'
  }
}

/**
 * Refuses redirects and bounds a request: `redirect: 'manual'` makes fetch hand a 3xx back instead of following it,
 * and it is thrown as GraphRedirectRefused; the answer's body is read here, under the same timer, so a body that
 * stalls times out like an answer that never comes.
 */
export class GraphRequestGuard implements Middleware {
  private next: Middleware | undefined
  private readonly timeoutMs: number

  constructor(private readonly options: GraphTransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_GRAPH_TIMEOUT_MS
  }

  setNext(next: Middleware): void {
    this.next = next
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('GraphRequestGuard: no next middleware')
    const { signal } = this.options
    signal?.throwIfAborted()
    const abort = new AbortController()
    // A timer cleared with the answer (not AbortSignal.timeout, whose signal lives until it fires).
    const timer = setTimeout(() => abort.abort(timeoutError(this.timeoutMs)), this.timeoutMs)
    const cancel = (): void => abort.abort(signal?.reason)
    signal?.addEventListener('abort', cancel, { once: true })
    const given = context.options?.signal
    context.options = {
      ...context.options,
      redirect: 'manual',
      signal: given ? AbortSignal.any([given, abort.signal]) : abort.signal
    }
    try {
      await this.next.execute(context)
      const response = context.response
      if (response && response.status >= 300 && response.status < 400) {
        void response.body?.cancel().catch(() => undefined)
        throw new GraphRedirectRefused(response.status, response.headers.get('location') ?? undefined)
      }
      if (response) {
        const body = NULL_BODY_STATUS.has(response.status) ? null : await response.arrayBuffer()
        context.response = new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers
        })
      }
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', cancel)
    }
  }
}

/**
 * The SDK's default chain (authentication, retries, telemetry, the request itself) with the guard where the
 * RedirectHandler was. The retry handler stays for the callers that use it (provision-app); sync's reads switch it
 * off and retry themselves (graph-batch.ts).
 */
export function graphMiddleware(auth: AuthenticationProvider, options: GraphTransportOptions = {}): Middleware[] {
  return [
    new AuthenticationHandler(auth),
    new RetryHandler(new RetryHandlerOptions()),
    new GraphRequestGuard(options),
    new TelemetryHandler(),
    new HTTPMessageHandler()
  ]
}
