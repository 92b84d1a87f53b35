// What every client of the action shares about the network: loopback hosts, how long a request may take, where a
// redirect it refused pointed, and how a failure to connect reads (TLS trust, never sent, worth retrying or not).

/** Loopback hosts: the only place the action relaxes checks meant for Microsoft's own hosts (emulators, demo). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/** A TLS failure to verify the server's certificate, as Node, undici and the SDKs word it. */
const UNTRUSTED_CERTIFICATE =
  /unable to verify the first certificate|self[- ]signed certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|certificate has expired|ERR_TLS_CERT_ALTNAME_INVALID/i

/**
 * The fix for a certificate the runner does not trust, or undefined when the error is not about one. The error's
 * messages and codes are read down its causes (MSAL, the SDKs and fetch wrap the TLS error).
 */
export function untrustedCertificateFix(error: unknown): string | undefined {
  const parts: string[] = []
  for (let e: unknown = error, i = 0; e && i < 5; i++) {
    if (typeof e === 'string') parts.push(e)
    else if (e instanceof Error) parts.push(e.message, String((e as { code?: unknown }).code ?? ''))
    e = (e as { cause?: unknown }).cause
  }
  if (!UNTRUSTED_CERTIFICATE.test(parts.join(' '))) return undefined
  return 'Behind a TLS-inspecting proxy, give Node its CA certificate with the NODE_EXTRA_CA_CERTS environment variable; otherwise check the host.'
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

export interface NetworkFailure {
  code: string
  detail: string
  /** The request certainly did not reach the service. */
  notSent: boolean
  /** Retrying will not help. */
  permanent: boolean
  fix?: string
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

/** How long one request (answer and body) may take before it is abandoned and retried like a 5xx. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000

/**
 * Environment variable that changes the timeout of the requests to GitHub's OIDC service, Entra ID, Key Vault and
 * Databricks (the end-to-end tests shorten it; Graph has its own, ENTRA_SYNC_GRAPH_TIMEOUT_MS).
 */
export const REQUEST_TIMEOUT_ENV = 'ENTRA_SYNC_HTTP_TIMEOUT_MS'

/** The timeout `env` asks for, else the default (a value that is not a positive number of ms is ignored). */
export function requestTimeoutMs(env: Record<string, string | undefined>): number {
  const value = Number(env[REQUEST_TIMEOUT_ENV])
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_REQUEST_TIMEOUT_MS
}

/**
 * Where a redirect points, for an error message: the origin of its Location, never the rest of it (the path and
 * query are the answerer's text). An absolute Location is read alone (`https:host/…` names that host, as a client
 * that follows it without a base would read it); a relative one is on the request's host.
 */
export function redirectTarget(location: string | null | undefined, requestUrl?: string): string {
  if (!location) return 'no address (the answer had no Location header)'
  let url: URL
  try {
    url = new URL(location)
  } catch {
    // A relative Location: on the request's host (named when the request URL is known).
    if (requestUrl === undefined) return 'another address on the same host'
    try {
      url = new URL(location, requestUrl)
    } catch {
      return 'an address that is not a URL'
    }
  }
  if (url.origin === 'null') return `a ${url.protocol} address`
  return requestUrl !== undefined && url.origin === new URL(requestUrl).origin
    ? `${url.origin} (the same host)`
    : url.origin
}

/** "1.5 s", "60 s": a duration for a message. */
export function seconds(ms: number): string {
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}
