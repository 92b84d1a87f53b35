// The Databricks SCIM client: workspace SCIM over fetch, with paging, filters, typed errors and retries that
// honour Retry-After. Writes are retried only where repeating them cannot do harm (see `request`).
import { setTimeout as delay } from 'node:timers/promises'
import packageJson from '../../package.json' with { type: 'json' }
import type { TokenProvider } from '../auth/databricks-token.js'
import { ActionError } from '../errors.js'
import {
  decideRetry,
  RetryBudget,
  retryAfterMs,
  retryPolicy,
  type AttemptCounts,
  type FailureKind,
  type RetryPolicy
} from '../util/retry.js'
import type {
  NewGroup,
  NewServicePrincipal,
  NewUser,
  ScimApi,
  ScimGroup,
  ScimPatchOp,
  ScimResourceType,
  ScimServicePrincipal,
  ScimStats,
  ScimUser
} from './types.js'

export const SCIM_SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error'
} as const

export const USER_AGENT = `entra-databricks-sync/${packageJson.version}`

/** Resources per list page. The API takes up to 10000; smaller pages keep each answer quick on big workspaces. */
export const DEFAULT_PAGE_SIZE = 1000
export const DEFAULT_TIMEOUT_MS = 60_000

const USER_ATTRIBUTES = 'id,userName,displayName,active,externalId,entitlements'
const SERVICE_PRINCIPAL_ATTRIBUTES = 'id,applicationId,displayName,active,externalId,entitlements'
const GROUP_LIST_EXCLUDED = 'members'

/** The workspace SCIM base URL of a workspace host (`https://adb-….azuredatabricks.net`, any path dropped). */
export function workspaceScimBase(host: string): string {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`)
  return `${url.origin}/api/2.0/preview/scim/v2`
}

/** A SCIM filter string literal: the value in double quotes, `"` and `\` escaped. */
export function scimString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

// ---------------------------------------------------------------------------------------------------------
// Errors

export interface ScimRequestErrorInit {
  workspace: string
  method: string
  /** Path under the SCIM base, without the query (e.g. `/Users`, `/Groups/123`). */
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

/** A SCIM request that failed; the message names the workspace, method, path and the service's detail. */
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

export interface ScimClientOptions {
  /** SCIM base URL, e.g. https://adb-1.1.azuredatabricks.net/api/2.0/preview/scim/v2 (see workspaceScimBase). */
  baseUrl: string
  /** Called before every request (an Entra token may be refreshed in between); never logged. */
  token: TokenProvider
  /** Workspace name, for messages. */
  workspace: string
  /** How the token was obtained, to word the fix of a 401. */
  auth?: 'entra' | 'pat'
  /** Resources per list page (default 1000, at most 10000). */
  pageSize?: number
  retry?: Partial<RetryPolicy>
  /** Per-attempt time limit (default 60 s); a timed-out attempt counts as a dropped connection. */
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  /** Clock for the retry budget (tests pair it with `sleep`). */
  now?: () => number
  /** Random source of the backoff jitter. */
  random?: () => number
  fetch?: typeof fetch
  /** Told about every retry before its wait (for a debug log). */
  onRetry?: (event: RetryEvent) => void
}

interface RequestOptions {
  query?: Record<string, string>
  body?: unknown
  /** A 404 after a retried attempt means the earlier attempt did the work (DELETE): answer undefined. */
  goneAfterRetryIsSuccess?: boolean
}

interface ListPage<T> {
  totalResults?: number
  itemsPerPage?: number
  Resources?: T[]
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
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504])

export class ScimClient implements ScimApi {
  readonly workspace: string
  readonly baseUrl: string
  private readonly token: TokenProvider
  private readonly auth: 'entra' | 'pat' | undefined
  private readonly pageSize: number
  private readonly policy: RetryPolicy
  private readonly budget: RetryBudget
  private readonly timeoutMs: number
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly fetchFn: typeof fetch
  private readonly onRetry: ((event: RetryEvent) => void) | undefined
  private readonly counters: ScimStats = { requests: {}, throttled: 0, retries: 0, waitedMs: 0 }

  constructor(options: ScimClientOptions) {
    this.workspace = options.workspace
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.token = options.token
    this.auth = options.auth
    this.pageSize = Math.max(1, Math.min(10_000, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)))
    this.policy = retryPolicy(options.retry)
    this.budget = new RetryBudget(this.policy.budgetMs, options.now ?? Date.now)
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.sleep = options.sleep ?? ((ms) => delay(ms))
    this.random = options.random ?? Math.random
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init))
    this.onRetry = options.onRetry
  }

  stats(): ScimStats {
    return { ...this.counters, requests: { ...this.counters.requests } }
  }

  // ----- reads

  async me(): Promise<{ id: string; userName?: string; applicationId?: string }> {
    const body = asObject(await this.request('GET', '/Me'), this.workspace, 'GET /Me')
    const id = body.id
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw unexpectedAnswer(this.workspace, 'GET', '/Me', 'an answer without an id')
    }
    const userName = typeof body.userName === 'string' ? body.userName : undefined
    // A service principal calling /Me is shown as a user whose userName is its application id.
    const applicationId =
      typeof body.applicationId === 'string'
        ? body.applicationId
        : userName && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(userName)
          ? userName
          : undefined
    return {
      id: String(id),
      ...(userName !== undefined ? { userName } : {}),
      ...(applicationId !== undefined ? { applicationId } : {})
    }
  }

  listUsers(): Promise<ScimUser[]> {
    return this.list<ScimUser>('/Users', { attributes: USER_ATTRIBUTES })
  }

  listServicePrincipals(): Promise<ScimServicePrincipal[]> {
    return this.list<ScimServicePrincipal>('/ServicePrincipals', { attributes: SERVICE_PRINCIPAL_ATTRIBUTES })
  }

  listGroups(): Promise<ScimGroup[]> {
    return this.list<ScimGroup>('/Groups', { excludedAttributes: GROUP_LIST_EXCLUDED })
  }

  async getGroup(id: string): Promise<ScimGroup> {
    const path = `/Groups/${encodeURIComponent(id)}`
    return resource<ScimGroup>(await this.request('GET', path), this.workspace, 'GET', path)
  }

  async findUser(userName: string): Promise<ScimUser | undefined> {
    const found = await this.find<ScimUser>('/Users', 'userName', userName, { attributes: USER_ATTRIBUTES })
    return pick(found, (u) => u.userName, userName)
  }

  async findServicePrincipal(applicationId: string): Promise<ScimServicePrincipal | undefined> {
    const found = await this.find<ScimServicePrincipal>('/ServicePrincipals', 'applicationId', applicationId, {
      attributes: SERVICE_PRINCIPAL_ATTRIBUTES
    })
    return pick(found, (sp) => sp.applicationId, applicationId)
  }

  /** The group with its members (a resume after a 409 goes on to compare them). */
  async findGroup(displayName: string): Promise<ScimGroup | undefined> {
    const found = await this.find<ScimGroup>('/Groups', 'displayName', displayName, {})
    return pick(found, (g) => g.displayName, displayName)
  }

  // ----- writes

  async createUser(user: NewUser): Promise<ScimUser> {
    const body = {
      schemas: [SCIM_SCHEMAS.user],
      userName: user.userName,
      ...optional(user, 'displayName', 'externalId', 'active'),
      ...entitlements(user.entitlements)
    }
    return resource<ScimUser>(await this.request('POST', '/Users', { body }), this.workspace, 'POST', '/Users')
  }

  async createServicePrincipal(sp: NewServicePrincipal): Promise<ScimServicePrincipal> {
    const body = {
      schemas: [SCIM_SCHEMAS.servicePrincipal],
      applicationId: sp.applicationId,
      ...optional(sp, 'displayName', 'externalId', 'active'),
      ...entitlements(sp.entitlements)
    }
    const path = '/ServicePrincipals'
    return resource<ScimServicePrincipal>(await this.request('POST', path, { body }), this.workspace, 'POST', path)
  }

  async createGroup(group: NewGroup): Promise<ScimGroup> {
    const body = {
      schemas: [SCIM_SCHEMAS.group],
      displayName: group.displayName,
      ...optional(group, 'externalId'),
      ...entitlements(group.entitlements)
    }
    return resource<ScimGroup>(await this.request('POST', '/Groups', { body }), this.workspace, 'POST', '/Groups')
  }

  async patch(type: ScimResourceType, id: string, operations: ScimPatchOp[]): Promise<void> {
    if (operations.length === 0) return
    const body = { schemas: [SCIM_SCHEMAS.patchOp], Operations: operations }
    await this.request('PATCH', `/${type}/${encodeURIComponent(id)}`, { body })
  }

  /** Deletes; a 404 on a retry (the first attempt's answer was lost) counts as done. */
  async delete(type: ScimResourceType, id: string): Promise<void> {
    await this.request('DELETE', `/${type}/${encodeURIComponent(id)}`, { goneAfterRetryIsSuccess: true })
  }

  // ----- paging and filters

  private async list<T extends { id: string }>(path: string, params: Record<string, string>): Promise<T[]> {
    const out: T[] = []
    const seen = new Set<string>()
    let startIndex = 1
    for (;;) {
      const query = { ...params, startIndex: String(startIndex), count: String(this.pageSize) }
      const page = asObject(await this.request('GET', path, { query }), this.workspace, `GET ${path}`) as ListPage<T>
      const resources = page.Resources ?? []
      if (!Array.isArray(resources))
        throw unexpectedAnswer(this.workspace, 'GET', path, 'a list whose Resources is not an array')
      let added = 0
      for (const r of resources) {
        const item = normalizeId<T>(r, this.workspace, 'GET', path)
        // Resources shifting between pages (a concurrent create or delete) must not yield duplicates.
        if (seen.has(item.id)) continue
        seen.add(item.id)
        out.push(item)
        added++
      }
      // An empty page ends the list; so does one with nothing new (a service that ignores startIndex).
      if (added === 0) break
      startIndex += resources.length
      const total = typeof page.totalResults === 'number' ? page.totalResults : undefined
      if (total !== undefined ? startIndex > total : resources.length < this.pageSize) break
    }
    return out
  }

  private async find<T extends { id: string }>(
    path: string,
    attribute: string,
    value: string,
    params: Record<string, string>
  ): Promise<T[]> {
    const query = { ...params, filter: `${attribute} eq ${scimString(value)}` }
    const page = asObject(await this.request('GET', path, { query }), this.workspace, `GET ${path}`) as ListPage<T>
    const resources = page.Resources ?? []
    if (!Array.isArray(resources))
      throw unexpectedAnswer(this.workspace, 'GET', path, 'a list whose Resources is not an array')
    return resources.map((r) => normalizeId(r, this.workspace, 'GET', path))
  }

  // ----- HTTP

  /**
   * One SCIM call with retries. Retried: 429 on every method; 500/502/503/504 and dropped connections on GET,
   * PATCH and DELETE (repeating them changes nothing: adding a present member or removing an absent one is a
   * no-op); on POST only 429 and 503 (refused before processing) and failures to connect. A POST that got
   * 500/502/504 or lost its connection may have created the resource: it fails with `maybeApplied`.
   */
  private async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const url = this.baseUrl + path + queryString(options.query)
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
    const counts: AttemptCounts = { throttled: 0, failed: 0 }
    let attempt = 0
    for (;;) {
      attempt++
      const token = await this.token()
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: 'application/scim+json, application/json',
        'User-Agent': USER_AGENT
      }
      if (payload !== undefined) headers['Content-Type'] = 'application/scim+json'
      this.counters.requests[method] = (this.counters.requests[method] ?? 0) + 1

      let status: number
      let text: string
      let retryAfterHeader: string | null
      try {
        const response = await this.fetchFn(url, {
          method,
          headers,
          ...(payload !== undefined ? { body: payload } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.timeoutMs)
        })
        status = response.status
        retryAfterHeader = response.headers.get('retry-after')
        text = await response.text()
      } catch (error) {
        const failure = networkFailure(error)
        const base = { workspace: this.workspace, method, path, status: 0, code: failure.code, attempts: attempt }
        if (failure.permanent) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            message: `Databricks ${this.workspace}: ${method} ${path} failed: ${failure.detail}`,
            fix: failure.fix ?? 'Check the workspace host in the config.'
          })
        }
        if (method === 'POST' && !failure.notSent) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            maybeApplied: true,
            message: `Databricks ${this.workspace}: ${method} ${path} got no answer: ${failure.detail}; the request may have been carried out.`
          })
        }
        counts.failed++
        const decision = decideRetry('failed', counts, undefined, this.policy, this.budget, this.random)
        if (!decision.retry) {
          throw new ScimRequestError({
            ...base,
            detail: failure.detail,
            message:
              `Databricks ${this.workspace}: ${method} ${path} failed: ${failure.detail}` +
              (attempt > 1 ? ` (after ${attempt} attempts)` : '')
          })
        }
        await this.wait({ method, path, status: 0, code: failure.code, attempt, ...decision, retryAfter: false })
        continue
      }

      if (status >= 200 && status < 300) return parseJson(text)
      if (status === 404 && options.goneAfterRetryIsSuccess && attempt > 1) return undefined

      const error = parseError(text, status)
      if (RETRYABLE_STATUS.has(status)) {
        const throttled = status === 429
        if (method === 'POST' && status !== 429 && status !== 503) {
          throw new ScimRequestError({
            workspace: this.workspace,
            method,
            path,
            status,
            ...error,
            attempts: attempt,
            maybeApplied: true,
            message: `Databricks ${this.workspace}: ${method} ${path} answered ${status}: ${error.detail} (the request may have been carried out)`
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
    this.onRetry?.({ workspace: this.workspace, ...event })
    if (event.delayMs > 0) await this.sleep(event.delayMs)
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
    const base = { workspace: this.workspace, method, path, status, ...error, attempts }
    const throttled = status === 429 || retryAfter !== undefined
    if (decision.reason === 'budget') {
      const spent = `${seconds(this.budget.usedMs)} of the ${seconds(this.policy.budgetMs)} retry budget already spent waiting`
      return new ScimRequestError({
        ...base,
        throttled,
        message: throttled
          ? `Databricks ${this.workspace}: ${method} ${path}: the service throttled for too long (answered ${status}` +
            `${retryAfter !== undefined ? ` asking to wait ${seconds(retryAfter)}` : ''}; ${spent}). Last answer: ${error.detail}`
          : `Databricks ${this.workspace}: ${method} ${path} kept failing past the retry budget (answered ${status} on ` +
            `${attempts} attempts; ${spent}). Last answer: ${error.detail}`,
        fix: 'Run again later; if it keeps happening, sync fewer workspaces at a time or raise the retry budget.'
      })
    }
    return new ScimRequestError({
      ...base,
      throttled,
      message: `Databricks ${this.workspace}: ${method} ${path} answered ${status} on ${attempts} attempts: ${error.detail}`
    })
  }

  private httpError(
    method: string,
    path: string,
    status: number,
    error: { detail: string; scimType?: string },
    attempts: number
  ): ScimRequestError {
    const init: ScimRequestErrorInit = { workspace: this.workspace, method, path, status, ...error, attempts }
    if (status === 401) {
      init.fix =
        this.auth === 'pat'
          ? 'The personal access token was refused (expired, revoked or made for another workspace): create a new one and store it in the Key Vault secret named by token-secret.'
          : this.auth === 'entra'
            ? 'The Entra token was refused: add the service principal (client-id) to the workspace as a workspace admin, and check that tenant-id is the workspace’s tenant.'
            : 'The token was refused: for auth: entra add the service principal (client-id) to the workspace as an admin; for auth: pat create a new personal access token and update the Key Vault secret.'
    } else if (status === 403) {
      init.fix =
        'The identity the action runs as must be a workspace admin: add it to the workspace’s admins group (Settings → Identity and access).'
    } else if (status === 404 && method === 'GET' && !path.slice(1).includes('/')) {
      init.fix =
        'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).'
    }
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

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function asObject(value: unknown, workspace: string, what: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  const shown = typeof value === 'string' ? value.slice(0, 80).replace(/\s+/g, ' ') : String(value)
  throw new ScimRequestError({
    workspace,
    method: what.split(' ')[0] ?? '',
    path: what.split(' ')[1] ?? '',
    status: 200,
    detail: 'the answer is not a JSON object',
    message: `Databricks ${workspace}: ${what} answered something that is not SCIM JSON: ${shown}`,
    fix: 'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).'
  })
}

function unexpectedAnswer(workspace: string, method: string, path: string, what: string): ScimRequestError {
  return new ScimRequestError({
    workspace,
    method,
    path,
    status: 200,
    detail: `unexpected answer: ${what}`,
    message: `Databricks ${workspace}: ${method} ${path} answered with ${what}.`,
    fix: 'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).'
  })
}

function normalizeId<T extends { id: string }>(value: unknown, workspace: string, method: string, path: string): T {
  const o = value as Record<string, unknown> | null
  if (!o || typeof o !== 'object' || (typeof o.id !== 'string' && typeof o.id !== 'number')) {
    throw unexpectedAnswer(workspace, method, path, 'a resource without an id')
  }
  return (typeof o.id === 'number' ? { ...o, id: String(o.id) } : o) as unknown as T
}

function resource<T extends { id: string }>(value: unknown, workspace: string, method: string, path: string): T {
  return normalizeId<T>(asObject(value, workspace, `${method} ${path}`), workspace, method, path)
}

/** The resource whose key equals `wanted` (case-insensitive), else the only one the filter returned. */
function pick<T>(found: T[], key: (item: T) => string | undefined, wanted: string): T | undefined {
  const lower = wanted.toLowerCase()
  return found.find((item) => key(item)?.toLowerCase() === lower) ?? (found.length === 1 ? found[0] : undefined)
}

function optional<T extends object, K extends keyof T>(source: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k]
  return out
}

function entitlements(values: readonly string[] | undefined): { entitlements?: { value: string }[] } {
  return values?.length ? { entitlements: values.map((value) => ({ value })) } : {}
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

interface NetworkFailure {
  code: string
  detail: string
  /** The request certainly did not reach the service. */
  notSent: boolean
  /** Retrying will not help. */
  permanent: boolean
  fix?: string
}

/** Describes a fetch failure (undici wraps the socket error in `cause`; timeouts are a DOMException). */
export function networkFailure(error: unknown): NetworkFailure {
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
    return {
      code,
      detail: tls ? `TLS certificate not trusted: ${message} (${code})` : `${message} (${code})`,
      notSent: true,
      permanent: true,
      fix: tls
        ? 'Check the workspace host; behind a TLS-inspecting proxy, give Node its CA with NODE_EXTRA_CA_CERTS.'
        : 'Check the workspace host in the config.'
    }
  }
  const detail =
    code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE'
      ? `connection closed (${code})`
      : `${message} (${code})`
  return { code, detail, notSent: NOT_SENT_CODES.has(code), permanent: false }
}
