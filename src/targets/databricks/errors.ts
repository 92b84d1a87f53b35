// The errors of the Databricks clients, in the service's words: ScimRequestError and its 409/404 kinds, the
// reading of an error answer's detail (SCIM, Databricks or plain text), and the description of a request that
// got no answer at all (which network failures were never sent, and which are not worth retrying). Kept apart
// from the client so callers can catch and classify failures without the request machinery.
import { ActionError } from '../../errors.js'

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

export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
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
