// The Databricks SCIM client: workspace or account SCIM over fetch, with paging, filters, typed errors, retries
// that honour Retry-After and optional pacing of writes (see http.ts and pacer.ts). Writes are retried only where repeating
// them cannot do harm (see DatabricksHttp.request).
import { ActionError } from '../../errors.js'
import { isGuid } from '../../util/guid.js'
import { ScimRequestError } from './errors.js'
import { DatabricksHttp, type HttpClientOptions, type RequestOptions } from './http.js'
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

export { ScimConflictError, ScimNotFoundError, ScimRequestError } from './errors.js'
export { USER_AGENT } from './http.js'

export const SCIM_SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  servicePrincipal: 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error'
} as const

/**
 * Resources per list page: the SCIM list references cap `count` at 100 (docs.databricks.com/api/scim/v1/list-users:
 * "count … Constraints: <= 100"), so the client never asks for more, and copes with a server that answers fewer.
 */
export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = MAX_PAGE_SIZE

const USER_ATTRIBUTES = 'id,userName,displayName,active,externalId,entitlements'
const SERVICE_PRINCIPAL_ATTRIBUTES = 'id,applicationId,displayName,active,externalId,entitlements'
const GROUP_LIST_EXCLUDED = 'members'

/** The workspace SCIM base URL of a workspace host (`https://adb-….azuredatabricks.net`, any path dropped). */
export function workspaceScimBase(host: string): string {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`)
  return `${url.origin}/api/2.0/preview/scim/v2`
}

/**
 * A SCIM filter string literal. RFC 7644 §3.4.2.2 takes string values from JSON (RFC 7159), so it is a JSON string:
 * `"` and `\` escaped, and control characters (a tab or line break in a group name) escaped too, never sent raw.
 */
export function scimString(value: string): string {
  return JSON.stringify(value)
}

// ---------------------------------------------------------------------------------------------------------
// Client

export interface ScimClientOptions extends HttpClientOptions {
  /** SCIM base URL: workspaceScimBase(host), or accountScimBase(host, accountId) from assignments-client. */
  baseUrl: string
  /** Workspace name (or e.g. `account <id>`), for messages. */
  workspace: string
  /** Workspace SCIM (default) or account SCIM: words the fixes of a 401 and a 403. */
  level?: 'workspace' | 'account'
  /** How the token was obtained, to word the fix of a 401. */
  auth?: 'entra' | 'pat'
  /** Resources per list page (default and at most 100). */
  pageSize?: number
  /**
   * The application id the action signs in as, when the token is its own (Entra auth). The account API has no /Me,
   * so at account level me() finds this service principal instead.
   */
  selfApplicationId?: string
}

interface ListPage<T> {
  totalResults?: number
  itemsPerPage?: number
  Resources?: T[]
}

export class ScimClient implements ScimApi {
  readonly workspace: string
  readonly baseUrl: string
  private readonly auth: 'entra' | 'pat' | undefined
  readonly level: 'workspace' | 'account'
  private readonly pageSize: number
  private readonly http: DatabricksHttp
  readonly selfApplicationId: string | undefined

  constructor(options: ScimClientOptions) {
    this.workspace = options.workspace
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.auth = options.auth
    this.level = options.level ?? 'workspace'
    this.selfApplicationId = options.selfApplicationId
    this.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)))
    this.http = new DatabricksHttp({
      ...options,
      baseUrl: this.baseUrl,
      target: options.workspace,
      mediaType: 'scim',
      fixFor: (status, method, path) => this.fixFor(status, method, path),
      hostFix:
        this.level === 'account'
          ? 'Check the account host in the config (https://accounts.azuredatabricks.net).'
          : 'Check the workspace host in the config.'
    })
  }

  stats(): ScimStats {
    return this.http.stats()
  }

  /** Milliseconds writes waited for their pacing slot (see writeRates). */
  get pacedMs(): number {
    return this.http.pacedMs
  }

  // ----- reads

  async me(): Promise<{ id: string; userName?: string; applicationId?: string }> {
    if (this.level === 'account') {
      // No /Me at account level: the action's own service principal, when the account has it, is "me".
      const self = this.selfApplicationId ? await this.findServicePrincipal(this.selfApplicationId) : undefined
      return self ? { id: self.id, applicationId: self.applicationId } : { id: '' }
    }
    const body = asObject(await this.request('GET', '/Me'), this.workspace, 'GET /Me')
    const id = body.id
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw unexpectedAnswer(this.workspace, 'GET', '/Me', 'an answer without an id')
    }
    const userName = typeof body.userName === 'string' ? body.userName : undefined
    // A service principal calling /Me is shown as a user whose userName is its application id.
    const applicationId =
      typeof body.applicationId === 'string' ? body.applicationId : userName && isGuid(userName) ? userName : undefined
    return {
      id: String(id),
      ...(userName !== undefined ? { userName } : {}),
      ...(applicationId !== undefined ? { applicationId } : {})
    }
  }

  listUsers<T = ScimUser>(each?: (user: ScimUser) => T): Promise<T[]> {
    return this.list<ScimUser, T>('/Users', { attributes: USER_ATTRIBUTES }, each)
  }

  listServicePrincipals<T = ScimServicePrincipal>(each?: (sp: ScimServicePrincipal) => T): Promise<T[]> {
    return this.list<ScimServicePrincipal, T>('/ServicePrincipals', { attributes: SERVICE_PRINCIPAL_ATTRIBUTES }, each)
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
    return pick(found, (u) => u.userName, userName, 'user')
  }

  async findServicePrincipal(applicationId: string): Promise<ScimServicePrincipal | undefined> {
    const found = await this.find<ScimServicePrincipal>('/ServicePrincipals', 'applicationId', applicationId, {
      attributes: SERVICE_PRINCIPAL_ATTRIBUTES
    })
    return pick(found, (sp) => sp.applicationId, applicationId, 'service principal')
  }

  /** The group with its members (a resume after a 409 goes on to compare them). */
  async findGroup(displayName: string): Promise<ScimGroup | undefined> {
    const found = await this.find<ScimGroup>('/Groups', 'displayName', displayName, {})
    return pick(found, (g) => g.displayName, displayName, 'group')
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

  /**
   * One PATCH. A retried one with a removal may find its first attempt's work done (that answer was lost): the
   * values are gone ("No such attribute", as terraform-provider-databricks scim/resource_entitlement.go tolerates),
   * or, for removals only, the resource itself (404). Both count as done.
   */
  async patch(type: ScimResourceType, id: string, operations: ScimPatchOp[]): Promise<void> {
    if (operations.length === 0) return
    const body = { schemas: [SCIM_SCHEMAS.patchOp], Operations: operations }
    const removes = operations.some((o) => o.op === 'remove')
    await this.request('PATCH', `/${type}/${encodeURIComponent(id)}`, {
      body,
      ...(removes
        ? {
            doneAfterRetry: (status: number, error: { detail: string }) => isNoSuchAttribute(status, error.detail),
            goneAfterRetryIsSuccess: operations.every((o) => o.op === 'remove')
          }
        : {})
    })
  }

  /** Deletes; a 404 on a retry (the first attempt's answer was lost) counts as done. */
  async delete(type: ScimResourceType, id: string): Promise<void> {
    await this.request('DELETE', `/${type}/${encodeURIComponent(id)}`, { goneAfterRetryIsSuccess: true })
  }

  // ----- paging and filters

  /**
   * Every resource of a list, page by page. A page may hold fewer than asked (any server may cap `count`): the list
   * goes on from startIndex + the page's length until totalResults (the latest page's) is read, never ending at a
   * short page. It fails rather than end short or loop: on an empty page, or one with nothing new, while
   * totalResults says more remain, and on more pages than the first totalResults allows (a page holds one at
   * least). Without totalResults, an empty page ends the list, as in the official SDKs.
   */
  private async list<T extends { id: string }, U = T>(
    path: string,
    params: Record<string, string>,
    each: (item: T) => U = (item) => item as unknown as U
  ): Promise<U[]> {
    const out: U[] = []
    const seen = new Set<string>()
    let startIndex = 1
    let maxPages: number | undefined
    for (let pages = 1; ; pages++) {
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
        out.push(each(item))
        added++
      }
      const total = typeof page.totalResults === 'number' ? page.totalResults : undefined
      const asked = startIndex
      startIndex += resources.length
      if (total === undefined) {
        if (resources.length === 0) break
        if (added === 0) throw this.pagingError(path, asked, 'a page with nothing new, and no totalResults')
        continue
      }
      if (startIndex > total) break
      const left = `while totalResults says ${total - asked + 1} more remain`
      if (resources.length === 0) throw this.pagingError(path, asked, `an empty page ${left}`)
      if (added === 0) throw this.pagingError(path, asked, `a page with nothing new ${left}`)
      maxPages ??= total
      if (pages >= maxPages) throw this.pagingError(path, asked, `more pages than its totalResults (${maxPages}) allow`)
    }
    return out
  }

  private pagingError(path: string, startIndex: number, what: string): ScimRequestError {
    return new ScimRequestError({
      workspace: this.workspace,
      method: 'GET',
      path,
      status: 200,
      detail: `the list did not page: ${what}`,
      message: `Databricks ${this.workspace}: GET ${path} (startIndex ${startIndex}) answered ${what}; the list was not read whole, so nothing was changed.`,
      fix: 'Run again (a failed read changes nothing); if it keeps happening, the SCIM API is not paging as it should: report it to Databricks support.'
    })
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

  private request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.http.request(method, path, options)
  }

  /** Advice for an error answer that is not retried. */
  private fixFor(status: number, method: string, path: string): string | undefined {
    const account = this.level === 'account'
    if (status === 401) {
      if (account) {
        return 'The Entra token was refused by the account API: check that tenant-id is the account’s tenant and that the service principal (client-id) is added to the Databricks account.'
      }
      return this.auth === 'pat'
        ? 'The personal access token was refused (expired, revoked or made for another workspace): create a new one and store it in the Key Vault secret named by token-secret.'
        : this.auth === 'entra'
          ? 'The Entra token was refused: add the service principal (client-id) to the workspace as a workspace admin, and check that tenant-id is the workspace’s tenant.'
          : 'The token was refused: for auth: entra add the service principal (client-id) to the workspace as an admin; for auth: pat create a new personal access token and update the Key Vault secret.'
    }
    if (status === 403) {
      return account
        ? 'The identity the action runs as must be a Databricks account admin: give its service principal the account admin role (account console → User management).'
        : this.auth === 'entra'
          ? 'The service principal the action runs as (client-id) must be a workspace admin: add it to the workspace’s admins group (Settings → Identity and access), or give it the Contributor role on the workspace in Azure and set azure-resource-id for this workspace in the config, so Databricks adds it as a workspace admin on its next request (if azure-resource-id is set already, check the id and the role).'
          : 'The identity the action runs as must be a workspace admin: add it to the workspace’s admins group (Settings → Identity and access).'
    }
    if (status === 404 && method === 'GET' && !path.slice(1).includes('/')) {
      return account
        ? 'Check the account id and host in the config: the account SCIM API is https://accounts.azuredatabricks.net/api/2.0/accounts/<account-id>/scim/v2.'
        : 'Check the workspace host in the config: it must be the workspace URL (https://adb-….azuredatabricks.net).'
    }
    return undefined
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

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

/** Databricks' answer to a removal whose values are not there (terraform-provider-databricks tolerates it). */
const isNoSuchAttribute = (status: number, detail: string): boolean =>
  status === 400 && /no such attribute/i.test(detail)

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
/**
 * The one resource whose key is exactly `wanted` (ignoring case). A server that ignored the filter answers with
 * others: adopting one of them would put the wrong identity in place of the intended one, so that is an error.
 */
function pick<T>(found: T[], key: (item: T) => string | undefined, wanted: string, what: string): T | undefined {
  const lower = wanted.toLowerCase()
  const exact = found.find((item) => key(item)?.toLowerCase() === lower)
  if (exact || found.length === 0) return exact
  const others = found
    .slice(0, 3)
    .map((item) => JSON.stringify(key(item) ?? '?'))
    .join(', ')
  throw new ActionError(
    `Databricks answered the lookup of ${what} "${wanted}" with ${found.length} other ${found.length === 1 ? 'entry' : 'entries'} (${others}${found.length > 3 ? ', …' : ''}), so the filter was not applied; nothing was adopted in its place.`,
    'This is a server problem: run again later; if it persists, check the workspace host points at Databricks and report it to Databricks support.'
  )
}

function optional<T extends object, K extends keyof T>(source: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k]
  return out
}

function entitlements(values: readonly string[] | undefined): { entitlements?: { value: string }[] } {
  return values?.length ? { entitlements: values.map((value) => ({ value })) } : {}
}
