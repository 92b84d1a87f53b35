// The Databricks account identity API (databricks-sdk-py service/iamv2.py AccountIamV2API; databricks-sdk-go
// service/iamv2/impl.go), for accounts with automatic identity management: resolve a group, service principal or
// user by its Entra object id (creating it in the account when needed), the account access denylist (access identity
// rules), and the entitlements of a principal directly assigned to a workspace. Same transport as the other clients
// (http.ts): retries honouring Retry-After, errors in the service's words without the token.
import type { AimKind, Entitlement } from '../../core/model.js'
import { ScimConflictError, ScimNotFoundError, type JsonReviver, type ScimRequestError } from './errors.js'
import { AccountApiClient, ACCOUNT_TOKEN_FIX } from './assignments-client.js'
import type { HttpClientOptions, RequestOptions } from './http.js'

/** A principal as the identity API answers a resolve. */
export interface IdentityPrincipal {
  kind: AimKind
  /** Account principal id (int64, as a decimal string). */
  id: string
  externalId: string
  /** Group name, service principal display name, or user name. */
  name: string
  /** Service principals: application id; users: user name. */
  key?: string
}

/** One rule of the account access denylist. */
export interface AccessIdentityRule {
  externalId: string
  action: string
  displayName?: string
  /** GROUP, USER or SERVICE_PRINCIPAL, as the service fills it in. */
  principalType?: string
}

/** What apply and the AIM steps need of the identity API (IdentityApiClient, or a fake in tests). */
export interface IdentityApi {
  resolve(kind: AimKind, externalId: string): Promise<IdentityPrincipal>
  listDenyRules(): Promise<AccessIdentityRule[]>
  createDenyRule(externalId: string): Promise<void>
  deleteDenyRule(externalId: string): Promise<void>
  /** The entitlements granted directly in the workspace (API words), or undefined when it is not directly assigned. */
  workspaceEntitlements(workspaceId: string, principalId: string): Promise<string[] | undefined>
  setWorkspaceEntitlements(workspaceId: string, principalId: string, entitlements: string[]): Promise<void>
}

export interface IdentityApiClientOptions extends HttpClientOptions {
  /** Account console host, e.g. https://accounts.azuredatabricks.net (https origin). */
  host: string
  accountId: string
}

/** The resolve paths by kind: `…/{groups|service-principals|users}/resolve-by-external-id` (databricks-sdk-go impl.go). */
const COLLECTION: Record<AimKind, string> = {
  group: 'groups',
  servicePrincipal: 'service-principals',
  user: 'users'
}

/** The answer's field by kind (ResolveGroupResponse.group, ResolveServicePrincipalResponse.service_principal, …). */
const ANSWER_FIELD: Record<AimKind, string> = { group: 'group', servicePrincipal: 'service_principal', user: 'user' }

/**
 * The principal's id by kind: `group_id`, `service_principal_id`, `user_id` (databricks-sdk-py since 2026-08;
 * `internal_id` before).
 */
const ID_FIELDS: Record<AimKind, string[]> = {
  group: ['group_id', 'internal_id'],
  servicePrincipal: ['service_principal_id', 'internal_id'],
  user: ['user_id', 'internal_id']
}

/** Entitlements as the identity API spells them (databricks-sdk-go service/iamv2 model.go, Entitlement). */
export const API_ENTITLEMENTS: Record<Entitlement, string> = {
  'workspace-access': 'WORKSPACE_ACCESS',
  'databricks-sql-access': 'DATABRICKS_SQL_ACCESS',
  'allow-cluster-create': 'ALLOW_CLUSTER_CREATE',
  'allow-instance-pool-create': 'ALLOW_INSTANCE_POOL_CREATE'
}
/** The entitlement an ADMIN permission shows as. */
export const WORKSPACE_ADMIN = 'WORKSPACE_ADMIN'

/** Most denylist rules a page may hold; an account holds at most 100. */
const RULES_PAGE_SIZE = 100
const MAX_PAGES = 1000

/** Ids are int64: read from their source text so none is rounded above 2^53 (as in assignments-client.ts). */
const exactIds: JsonReviver = (key, value, context) =>
  /(^|_)id$/.test(key) && typeof value === 'number' && context?.source !== undefined && /^\d+$/.test(context.source)
    ? context.source
    : value

/** A JSON number written from its exact decimal text (JSON.rawJSON, Node ≥ 21). */
const int64 = (digits: string): unknown => (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(digits)

export class IdentityApiClient extends AccountApiClient implements IdentityApi {
  constructor(options: IdentityApiClientOptions) {
    super(options, {
      // No published rate for this API: no pacing, a 429 waits for its Retry-After.
      writeRates: options.writeRates ?? {},
      baseUrl: `${options.host.replace(/\/+$/, '')}/api/2.0`,
      fixFor
    })
  }

  async resolve(kind: AimKind, externalId: string): Promise<IdentityPrincipal> {
    const path = `${this.identityBase()}/${COLLECTION[kind]}/resolve-by-external-id`
    // Resolving twice gives the same principal: safe to retry after a lost answer.
    const body = await this.request('POST', path, { body: { external_id: externalId }, idempotent: true })
    const principal = field(body, ANSWER_FIELD[kind])
    const id = ID_FIELDS[kind].map((f) => principal?.[f]).find((v) => typeof v === 'string' && /^\d+$/.test(v))
    if (!principal || typeof id !== 'string') throw this.unexpected('POST', path, 'a resolved principal with an id')
    const text = (k: string): string | undefined =>
      typeof principal[k] === 'string' ? (principal[k] as string) : undefined
    const name =
      kind === 'group' ? text('group_name') : kind === 'servicePrincipal' ? text('display_name') : text('username')
    const key = kind === 'servicePrincipal' ? text('application_id') : kind === 'user' ? text('username') : undefined
    return {
      kind,
      id,
      externalId: text('external_id') ?? externalId,
      name: name ?? externalId,
      ...(key !== undefined ? { key } : {})
    }
  }

  async listDenyRules(): Promise<AccessIdentityRule[]> {
    const path = this.rulesPath()
    const rules: AccessIdentityRule[] = []
    const tokens = new Set<string>()
    let token: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, string> = {
        page_size: String(RULES_PAGE_SIZE),
        ...(token ? { page_token: token } : {})
      }
      const body = await this.request('GET', path, { query })
      const list = body === undefined ? [] : (body as Record<string, unknown>)?.account_access_identity_rules
      if (list !== undefined && !Array.isArray(list)) throw this.unexpected('GET', path, 'a list of rules')
      for (const entry of (list ?? []) as unknown[]) {
        const rule = parseRule(entry)
        if (rule) rules.push(rule)
      }
      const next = (body as Record<string, unknown> | undefined)?.next_page_token
      if (typeof next !== 'string' || next === '') return rules
      // A token seen before would read the same pages forever: the list is not read whole.
      if (tokens.has(next)) throw this.unexpected('GET', path, 'a next_page_token it gave before')
      tokens.add(next)
      token = next
    }
    throw this.unexpected('GET', path, `a list that ends within ${MAX_PAGES} pages`)
  }

  async createDenyRule(externalId: string): Promise<void> {
    try {
      // databricks-sdk-py create_account_access_identity_rule: the id in the query, the rule as the body.
      await this.request('POST', this.rulesPath(), {
        query: { external_principal_id: externalId },
        body: { action: 'DENY', external_principal_id: externalId }
      })
    } catch (error) {
      // Made already (an earlier attempt whose answer was lost): what was wanted.
      if (error instanceof ScimConflictError) return
      throw error
    }
  }

  async deleteDenyRule(externalId: string): Promise<void> {
    try {
      await this.request('DELETE', `${this.rulesPath()}/${encodeURIComponent(externalId)}`, {
        goneAfterRetryIsSuccess: true
      })
    } catch (error) {
      // Gone already (lifted by hand since the read): what was wanted.
      if (error instanceof ScimNotFoundError) return
      throw error
    }
  }

  async workspaceEntitlements(workspaceId: string, principalId: string): Promise<string[] | undefined> {
    const path = this.assignmentPath(workspaceId, principalId)
    try {
      const body = await this.request('GET', path)
      const list = (body as Record<string, unknown> | undefined)?.entitlements
      return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : []
    } catch (error) {
      if (error instanceof ScimNotFoundError) return undefined
      throw error
    }
  }

  async setWorkspaceEntitlements(workspaceId: string, principalId: string, entitlements: string[]): Promise<void> {
    // update_workspace_assignment: "Create and update manage exactly this set".
    await this.request('PATCH', this.assignmentPath(workspaceId, principalId), {
      query: { update_mask: 'entitlements' },
      body: { principal_id: int64(principalId), entitlements }
    })
  }

  private identityBase(): string {
    return `/identity/accounts/${encodeURIComponent(this.accountId)}`
  }

  /** `/api/2.0/{parent}/account-access-identity-rules` with parent `accounts/{account_id}` (databricks-sdk-py). */
  private rulesPath(): string {
    return `/accounts/${encodeURIComponent(this.accountId)}/account-access-identity-rules`
  }

  private assignmentPath(workspaceId: string, principalId: string): string {
    return `${this.identityBase()}/workspaces/${encodeURIComponent(workspaceId.trim())}/workspace-assignments/${encodeURIComponent(principalId)}`
  }

  private request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.http.request(method, path, { reviver: exactIds, ...options })
  }

  private unexpected(method: string, path: string, expected: string): ScimRequestError {
    return this.http.unexpectedAnswer(method, path, `something other than ${expected}.`)
  }
}

function field(body: unknown, name: string): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object') return undefined
  const value = (body as Record<string, unknown>)[name]
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function parseRule(entry: unknown): AccessIdentityRule | undefined {
  if (entry === null || typeof entry !== 'object') return undefined
  const e = entry as Record<string, unknown>
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
  // The name ends with the external id (accounts/{account_id}/account-access-identity-rules/{external_principal_id}).
  const externalId = text(e.external_principal_id) ?? text(e.name)?.split('/').pop()
  if (!externalId) return undefined
  const displayName = text(e.display_name)
  const principalType = text(e.principal_type)
  return {
    externalId,
    action: text(e.action) ?? 'DENY',
    ...(displayName !== undefined ? { displayName } : {}),
    ...(principalType !== undefined ? { principalType } : {})
  }
}

function fixFor(status: number, method: string, path: string): string | undefined {
  if (status === 401) return ACCOUNT_TOKEN_FIX
  if (status === 403) {
    return 'The identity API needs a Databricks account admin: give the service principal (client-id) the account admin role (account console → User management).'
  }
  if (path.endsWith('/resolve-by-external-id') && status === 404) {
    return 'Entra ID has no such object in the account’s tenant: check the reference in the config, and that the account’s automatic identity management reads this tenant.'
  }
  const needsAim =
    path.endsWith('/resolve-by-external-id') || (method === 'POST' && path.endsWith('/account-access-identity-rules'))
  if (needsAim && status >= 400 && status < 500 && status !== 409) {
    return 'Resolving by Entra object id and the denylist need automatic identity management: turn it on for the account (account console → Security → User provisioning → Automatic identity management), or remove `identity: aim` from the account in the config.'
  }
  if (method === 'PATCH' && status === 404) {
    return 'The principal is not directly assigned to the workspace: assign it (account-groups or account-service-principals) and run again.'
  }
  return undefined
}
