// The errors of the Databricks clients, in the service's words: ScimRequestError and its 409/404 kinds, the
// reading of an error answer's detail (SCIM, Databricks or plain text), and the description of a request that
// got no answer at all (which network failures were never sent, and which are not worth retrying). Kept apart
// from the client so callers can catch and classify failures without the request machinery.
import { ActionError } from '../../errors.js'

export { networkFailure, type NetworkFailure } from '../../net.js'

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
  /** The request never left the runner (the run was cancelled while it waited for its slot). */
  notSent?: boolean
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
  readonly notSent: boolean
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
    this.notSent = init.notSent ?? false
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

/** JSON.parse's reviver with the source text of each primitive (Node ≥ 21), e.g. to read int64 numbers exactly. */
export type JsonReviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown

export function parseJson(text: string, reviver?: JsonReviver): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]) as unknown
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
