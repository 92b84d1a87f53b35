// The HTTPS shell around a service handler: TLS, body parsing, and the test knobs every emulator shares —
// latency, rate limiting (429 + Retry-After), injected faults (500/503/dropped connection) and a request log.
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EmulatorRequest, EmulatorResponse, Handler } from './types.js'

/**
 * Fault kinds: an error status in the service's format, a 429 in the service's format, a dropped socket, `lost`:
 * the request is carried out, then the socket is dropped before the answer (a write applied whose answer never
 * arrives), or `hang`: the request is never answered nor carried out, and is held until the client gives up (closes
 * the connection) or the server stops (a stalled service). Inside a Graph $batch (gate), `drop`, `lost` and `hang`
 * do not apply.
 */
export type FaultKind = '500' | '503' | '429' | 'drop' | 'lost' | 'hang'

/** How a Retry-After header is written: delay-seconds (default) or an HTTP date that many seconds ahead (to the second). */
export type RetryAfterFormat = 'seconds' | 'http-date'

export interface RateLimit {
  /** Requests admitted per window. */
  limit: number
  windowMs: number
  /** Retry-After value sent with 429; default: seconds until the oldest request leaves the window (at least 1). */
  retryAfterSeconds?: number
  /** Only these methods count and are limited (e.g. ['PATCH']); default all. */
  methods?: string[]
  /** Only paths matching this count and are limited; default all. */
  path?: RegExp
}

export interface FaultInjection {
  /** Probability (0..1) that a request gets a fault. */
  rate: number
  kinds: FaultKind[]
  /** Seed of the PRNG, so a run is reproducible. */
  seed: number
  /** Retry-After sent with injected 503/429 (none for 503 when unset; 1 for 429). */
  retryAfterSeconds?: number
  /** How that Retry-After is written (default seconds). */
  retryAfterFormat?: RetryAfterFormat
  methods?: string[]
  path?: RegExp
}

export interface RequestLogEntry {
  service: string
  method: string
  path: string
  /** Query parameters (first value of each name). */
  query: Record<string, string>
  /** Response status; 0 when the connection was dropped. */
  status: number
  /** Time from request arrival to the answer (or drop), including injected latency. */
  ms: number
  /** ISO time the request arrived. */
  at: string
  /** Parsed JSON or form body of writes (POST/PUT/PATCH/DELETE), secrets replaced by "[redacted]". */
  body?: unknown
  /** Set when the server answered with an injected fault or throttled the request. */
  fault?: FaultKind
}

/** The request an error answers (a service with several error formats picks one by path). */
export interface RequestContext {
  method: string
  path: string
}

export type ThrottledResponse = (retryAfterSeconds: number, request?: RequestContext) => EmulatorResponse
export type ErrorResponse = (status: number, message: string, request?: RequestContext) => EmulatorResponse

export interface ServerOptions {
  cert: string
  key: string
  host?: string
  port?: number
  latencyMs?: number
  /** The service's own 429 body (headers are added by the server). */
  throttledResponse?: ThrottledResponse
  /** The service's own error body for injected 500/503 and handler exceptions. */
  errorResponse?: ErrorResponse
  /** Called with each log entry (e.g. to build a combined log). */
  onLog?: (entry: RequestLogEntry) => void
  /** Called when the handler throws (default: print the stack to stderr); the client gets a 500 either way. */
  onHandlerError?: (error: unknown, req: EmulatorRequest) => void
  /** Strings never to be stored in the log (client secrets, PATs, vault values); replaced wherever they appear. */
  sensitive?: Set<string>
}

export const REDACTED = '[redacted]'

const SECRET_KEYS = new Set([
  'client_secret',
  'client_assertion',
  'assertion',
  'password',
  'secrettext',
  'access_token',
  'refresh_token',
  'id_token',
  'token_value'
])
const JWT = /^eyJ[\w-]*\.[\w-]*\.[\w-]*$/

/** Copies a request body for the log with secret-bearing values replaced. */
export function redactBody(service: string, body: unknown, sensitive?: ReadonlySet<string>): unknown {
  const scrub = (s: string): string => {
    if (JWT.test(s)) return REDACTED
    if (sensitive) for (const secret of sensitive) if (secret && s.includes(secret)) return REDACTED
    return s
  }
  const walk = (v: unknown, top: boolean): unknown => {
    if (typeof v === 'string') return scrub(v)
    if (Array.isArray(v)) return v.map((x) => walk(x, false))
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      // Graph synchronization secrets / validateCredentials: { key: 'SecretToken', value: '<PAT>' }
      const credentialPair = typeof o.key === 'string' && /secret|token|password/i.test(o.key)
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(o)) {
        if (SECRET_KEYS.has(k.toLowerCase())) out[k] = REDACTED
        else if (k === 'value' && (credentialPair || (top && service === 'keyvault'))) out[k] = REDACTED
        else out[k] = walk(x, false)
      }
      return out
    }
    return v
  }
  return walk(body, true)
}

/** mulberry32: a small, fast, seeded PRNG in [0, 1) (fault injection, the benchmark's tenant, seeded tests). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function defaultThrottled(retryAfterSeconds: number): EmulatorResponse {
  return {
    status: 429,
    body: { error: { code: 'TooManyRequests', message: `Too many requests. Retry after ${retryAfterSeconds} s.` } }
  }
}

function defaultError(status: number, message: string): EmulatorResponse {
  return { status, body: { error: { code: status === 503 ? 'ServiceUnavailable' : 'InternalServerError', message } } }
}

function matches(filter: { methods?: string[]; path?: RegExp }, method: string, path: string): boolean {
  if (filter.methods && !filter.methods.some((m) => m.toUpperCase() === method)) return false
  if (filter.path && !filter.path.test(path)) return false
  return true
}

function parseBody(headers: IncomingMessage['headers'], raw: string): unknown {
  if (!raw) return undefined
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw))
  if (type === 'application/json' || type.endsWith('+json') || (!type && /^\s*[[{]/.test(raw))) {
    try {
      return JSON.parse(raw) as unknown
    } catch {
      return undefined
    }
  }
  return undefined
}

export class EmulatorServer {
  readonly name: string
  /** Origin, e.g. https://127.0.0.1:43123 */
  url = ''
  port = 0
  /** Added to every request before it is answered. */
  latencyMs: number
  /** Requests this server answered (or dropped), oldest first. */
  readonly log: RequestLogEntry[] = []
  /** Counters since start (or resetKnobs). */
  readonly stats = { requests: 0, throttled: 0, faults: 0 }
  /** Requests received and not yet answered (a killed client's requests are still carried out). */
  inFlight = 0

  private rates: { limit: RateLimit; admitted: number[] }[] = []
  private faultCfg: FaultInjection | undefined
  private random: () => number = Math.random
  private queue: { kind: FaultKind; retryAfterSeconds?: number; retryAfterFormat?: RetryAfterFormat }[] = []
  /**
   * Called with each request once its body is read, before latency, faults and the handler (tests use it to act
   * at an exact moment: change the state the request will meet, or kill the client after its n-th write).
   */
  onRequest: ((request: { method: string; path: string; body: unknown }) => void) | undefined = undefined
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly throttled: ThrottledResponse
  private readonly errorResponse: ErrorResponse

  constructor(
    name: string,
    private readonly handler: Handler,
    private readonly opts: ServerOptions
  ) {
    this.name = name
    this.latencyMs = opts.latencyMs ?? 0
    this.throttled = opts.throttledResponse ?? defaultThrottled
    this.errorResponse = opts.errorResponse ?? defaultError
    this.server = createServer({ cert: opts.cert, key: opts.key }, (req, res) => void this.handle(req, res))
    this.server.on('secureConnection', (s: Socket) => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
  }

  /** The active rate limit (the first one when several are set), if any. */
  get rateLimit(): RateLimit | undefined {
    return this.rates[0]?.limit
  }

  /** Every active rate limit. */
  get rateLimits(): RateLimit[] {
    return this.rates.map((r) => r.limit)
  }

  /**
   * Sets (or with undefined / [] clears) the rate limit; the windows start empty. Several limits (e.g. one per
   * method) each keep their own window: a request counts against every limit it matches, and is refused (not
   * counted anywhere) when any of them is full.
   */
  setRateLimit(limit: RateLimit | readonly RateLimit[] | undefined): void {
    const list: readonly RateLimit[] = limit === undefined ? [] : 'limit' in limit ? [limit] : limit
    this.rates = list.map((l) => ({ limit: l, admitted: [] }))
  }

  get faults(): FaultInjection | undefined {
    return this.faultCfg
  }

  /** Sets (or clears) random fault injection; the PRNG restarts from the seed. */
  setFaults(faults: FaultInjection | undefined): void {
    this.faultCfg = faults
    this.random = faults ? prng(faults.seed) : Math.random
  }

  /** The next `n` requests fail with `kind`, before any other knob applies. */
  failNext(
    n: number,
    kind: FaultKind,
    opts: { retryAfterSeconds?: number; retryAfterFormat?: RetryAfterFormat } = {}
  ): void {
    for (let i = 0; i < n; i++) this.queue.push({ kind, ...opts })
  }

  /** Clears latency, rate limit, faults, the failNext queue and the counters (not the log). */
  resetKnobs(): void {
    this.latencyMs = 0
    this.setRateLimit(undefined)
    this.setFaults(undefined)
    this.queue = []
    Object.assign(this.stats, { requests: 0, throttled: 0, faults: 0 })
  }

  /**
   * Applies the rate limit and random faults (not failNext, not drops) to a request carried inside another one,
   * e.g. a step of a Graph $batch: returns the step's 429/5xx answer, or undefined to handle it normally.
   */
  gate(method: string, path: string): EmulatorResponse | undefined {
    const m = method.toUpperCase()
    const f = this.faultCfg
    if (f && f.kinds.length && matches(f, m, path) && this.random() < f.rate) {
      const kind = f.kinds[Math.floor(this.random() * f.kinds.length)]!
      if (kind !== 'drop' && kind !== 'lost' && kind !== 'hang') {
        this.stats.faults++
        if (kind === '429')
          return this.withRetryAfter(
            this.throttled(f.retryAfterSeconds ?? 1, { method: m, path }),
            f.retryAfterSeconds ?? 1,
            f.retryAfterFormat
          )
        const r = this.errorResponse(Number(kind), `Injected fault: ${kind}`, { method: m, path })
        return f.retryAfterSeconds === undefined ? r : this.withRetryAfter(r, f.retryAfterSeconds, f.retryAfterFormat)
      }
    }
    const retry = this.checkRate(m, path)
    if (retry === undefined) return undefined
    this.stats.throttled++
    return this.withRetryAfter(this.throttled(retry, { method: m, path }), retry)
  }

  clearLog(): void {
    this.log.length = 0
  }

  async listen(host = '127.0.0.1', port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.port = (this.server.address() as AddressInfo).port
    this.url = `https://${host.includes(':') ? `[${host}]` : host}:${this.port}`
    return this
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    for (const s of this.sockets) s.destroy()
    await closed
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++
    try {
      await this.answer(req, res)
    } finally {
      this.inFlight--
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now()
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? new URL(this.url).host}`)
    const entry: RequestLogEntry = {
      service: this.name,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      ms: 0,
      at: new Date(started).toISOString()
    }
    this.stats.requests++
    let rawBody = ''
    let bytes = Buffer.alloc(0)
    try {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      bytes = Buffer.concat(chunks)
      rawBody = bytes.toString('utf8')
    } catch {
      return // client went away
    }
    const body = parseBody(req.headers, rawBody)
    if (WRITE_METHODS.has(method) && body !== undefined) entry.body = redactBody(this.name, body, this.opts.sensitive)
    this.onRequest?.({ method, path: url.pathname, body })

    if (this.latencyMs > 0) await sleep(this.latencyMs)

    let response: EmulatorResponse | undefined
    const context: RequestContext = { method, path: url.pathname }
    const fault = this.pickFault(method, url.pathname)
    let lost = false
    if (fault?.kind === 'lost') {
      this.stats.faults++
      entry.fault = 'lost'
      lost = true
    } else if (fault) {
      this.stats.faults++
      entry.fault = fault.kind
      if (fault.kind === 'drop') {
        req.socket.destroy()
        this.record(entry, started)
        return
      }
      if (fault.kind === 'hang') {
        // No answer, ever: held until the client closes the connection (or the server stops).
        await new Promise<void>((resolve) => {
          if (req.socket.destroyed) resolve()
          else req.socket.once('close', () => resolve())
        })
        this.record(entry, started)
        return
      }
      if (fault.kind === '429') {
        const retry = fault.retryAfterSeconds ?? 1
        response = this.withRetryAfter(this.throttled(retry, context), retry, fault.retryAfterFormat)
      } else {
        const status = Number(fault.kind)
        response = this.errorResponse(status, `Injected fault: ${status}`, context)
        if (fault.retryAfterSeconds !== undefined)
          response = this.withRetryAfter(response, fault.retryAfterSeconds, fault.retryAfterFormat)
      }
    } else {
      const retry = this.checkRate(method, url.pathname)
      if (retry !== undefined) {
        this.stats.throttled++
        entry.fault = '429'
        response = this.withRetryAfter(this.throttled(retry, context), retry)
      }
    }

    if (!response) {
      const request: EmulatorRequest = { method, url, headers: req.headers, body, rawBody, bytes }
      try {
        response = await this.handler(request)
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e)
        if (this.opts.onHandlerError) this.opts.onHandlerError(e, request)
        else
          console.error(`[emulator ${this.name}] ${method} ${url.pathname}: ${e instanceof Error ? e.stack : message}`)
        response = this.errorResponse(500, `Unhandled emulator error: ${message}`, context)
      }
    }
    if (lost) {
      // Carried out, but the answer never leaves: the client sees a dropped connection.
      req.socket.destroy()
      this.record(entry, started)
      return
    }
    // Logged before the answer is written, so a client that has the response also finds it in the log.
    this.record(entry, started, response.status)
    this.send(res, response)
  }

  private record(entry: RequestLogEntry, started: number, status = 0): void {
    entry.status = status
    entry.ms = Date.now() - started
    this.log.push(entry)
    this.opts.onLog?.(entry)
  }

  private withRetryAfter(r: EmulatorResponse, seconds: number, format: RetryAfterFormat = 'seconds'): EmulatorResponse {
    const value = format === 'http-date' ? new Date(Date.now() + seconds * 1000).toUTCString() : String(seconds)
    return { ...r, headers: { ...r.headers, 'Retry-After': value } }
  }

  private pickFault(
    method: string,
    path: string
  ): { kind: FaultKind; retryAfterSeconds?: number; retryAfterFormat?: RetryAfterFormat } | undefined {
    const queued = this.queue.shift()
    if (queued) return queued
    const f = this.faultCfg
    if (!f || f.kinds.length === 0 || !matches(f, method, path)) return undefined
    if (this.random() >= f.rate) return undefined
    const kind = f.kinds[Math.floor(this.random() * f.kinds.length)]!
    return {
      kind,
      ...(f.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: f.retryAfterSeconds }),
      ...(f.retryAfterFormat === undefined ? {} : { retryAfterFormat: f.retryAfterFormat })
    }
  }

  /** Returns Retry-After seconds when the request is over a limit (the longest wait), else admits it. */
  private checkRate(method: string, path: string): number | undefined {
    const now = Date.now()
    const hit = this.rates.filter((r) => matches(r.limit, method, path))
    let retry: number | undefined
    for (const { limit: r, admitted } of hit) {
      while (admitted.length && admitted[0]! <= now - r.windowMs) admitted.shift()
      if (admitted.length < r.limit) continue
      const oldest = admitted[0] ?? now
      const wait = r.retryAfterSeconds ?? Math.max(1, Math.ceil((oldest + r.windowMs - now) / 1000))
      retry = Math.max(retry ?? 0, wait)
    }
    if (retry !== undefined) return retry
    for (const { admitted } of hit) admitted.push(now)
    return undefined
  }

  private send(res: ServerResponse, r: EmulatorResponse): void {
    const headers: Record<string, string> = { ...r.headers }
    const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name)
    let payload: string | Buffer | undefined
    if (r.body !== undefined && r.body !== null && r.status !== 204 && r.status !== 304) {
      if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) payload = r.body
      else {
        payload = JSON.stringify(r.body)
        if (!has('content-type')) headers['Content-Type'] = 'application/json; charset=utf-8'
      }
    }
    if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload))
    else if (r.status !== 204 && r.status !== 304) headers['Content-Length'] = '0'
    res.writeHead(r.status, headers)
    res.end(payload)
  }
}

/** Starts one emulator on its own HTTPS port. */
export async function startServer(
  name: string,
  handler: Handler,
  opts: ServerOptions & { host?: string; port?: number }
): Promise<EmulatorServer> {
  return new EmulatorServer(name, handler, opts).listen(opts.host ?? '127.0.0.1', opts.port ?? 0)
}
