// Workspace permission assignments of the Databricks account API (identity federation): which account principals
// a workspace has, as USER or ADMIN. Same transport as the SCIM client (http.ts): retries honouring Retry-After,
// errors in the service's words without the token, and writes paced to the account API's published limits.
import type { CurrentAssignment } from '../../core/assignments.js'
import type { WorkspacePermission } from '../../core/model.js'
import type { JsonReviver, ScimRequestError } from './errors.js'
import { DatabricksHttp, type DatabricksHttpOptions, type HttpClientOptions, type RequestOptions } from './http.js'
import { ACCOUNT_WRITE_RATES } from './pacer.js'
import type { ScimStats } from './types.js'

/** The account SCIM base URL: `${host}/api/2.0/accounts/${accountId}/scim/v2`. */
export function accountScimBase(host: string, accountId: string): string {
  return `${accountApiBase(host, accountId)}/scim/v2`
}

/** `${host}/api/2.0/accounts/${accountId}`, the base of every account API path. */
export function accountApiBase(host: string, accountId: string): string {
  return `${host.replace(/\/+$/, '')}/api/2.0/accounts/${encodeURIComponent(accountId.trim())}`
}

/** Advice when the account host cannot be reached for good. */
export const ACCOUNT_HOST_FIX = 'Check the account host in the config (https://accounts.azuredatabricks.net).'

/** Advice on a 401 from any account API. */
export const ACCOUNT_TOKEN_FIX =
  'The Entra token was refused by the account API: check that tenant-id is the account’s tenant and that the service principal (client-id) is added to the Databricks account.'

/** What the account API clients share: the account id, and a JSON transport aimed at it (`target`: `account <id>`). */
export abstract class AccountApiClient {
  readonly accountId: string
  protected readonly http: DatabricksHttp

  constructor(
    options: HttpClientOptions & { accountId: string },
    own: Pick<DatabricksHttpOptions, 'baseUrl' | 'writeRates' | 'fixFor'>
  ) {
    this.accountId = options.accountId.trim()
    this.http = new DatabricksHttp({
      ...options,
      ...own,
      target: `account ${this.accountId}`,
      mediaType: 'json',
      hostFix: ACCOUNT_HOST_FIX
    })
  }

  stats(): ScimStats {
    return this.http.stats()
  }
}

/** One principal's assignment to a workspace, as the account API lists it: the core's shape, read exactly. */
export type PermissionAssignment = CurrentAssignment

/** What apply needs to write assignments (PermissionAssignmentsClient, or a fake in tests). */
export interface AssignmentsApi {
  assign(workspaceId: string, principalId: string, permissions: WorkspacePermission[]): Promise<void>
  unassign(workspaceId: string, principalId: string): Promise<void>
}

export interface PermissionAssignmentsClientOptions extends HttpClientOptions {
  /** Account console host, e.g. https://accounts.azuredatabricks.net (https origin). */
  host: string
  accountId: string
  /**
   * Requests per second by write method. Default ACCOUNT_WRITE_RATES (PUT and DELETE 5/s); `{}` turns pacing off.
   */
  writeRates?: HttpClientOptions['writeRates']
}

interface ListAnswer {
  permission_assignments?: unknown
}

export class PermissionAssignmentsClient extends AccountApiClient implements AssignmentsApi {
  constructor(options: PermissionAssignmentsClientOptions) {
    super(options, {
      writeRates: options.writeRates ?? ACCOUNT_WRITE_RATES,
      baseUrl: accountApiBase(options.host, options.accountId),
      fixFor
    })
  }

  /** Milliseconds writes waited for their pacing slot. */
  get pacedMs(): number {
    return this.http.pacedMs
  }

  /** Every principal assigned to the workspace (entries the service reports with an error and no id are left out). */
  async list(workspaceId: string): Promise<PermissionAssignment[]> {
    const path = `${workspacePath(workspaceId)}/permissionassignments`
    const body = await this.request('GET', path, { reviver: exactPrincipalIds })
    if (body === undefined) return []
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw this.unexpected('GET', path, body)
    const raw = (body as ListAnswer).permission_assignments ?? []
    if (!Array.isArray(raw)) throw this.unexpected('GET', path, body)
    const out: PermissionAssignment[] = []
    for (const entry of raw as unknown[]) {
      const assignment = parseAssignment(entry)
      if (assignment) out.push(assignment)
    }
    return out
  }

  /** Creates or replaces the principal's assignment (a PUT sets exactly `permissions`). */
  async assign(workspaceId: string, principalId: string, permissions: WorkspacePermission[]): Promise<void> {
    await this.request('PUT', principalPath(workspaceId, principalId), { body: { permissions } })
  }

  /** Removes the principal's assignment; a 404 on a retry (the first attempt's answer was lost) counts as done. */
  async unassign(workspaceId: string, principalId: string): Promise<void> {
    await this.request('DELETE', principalPath(workspaceId, principalId), { goneAfterRetryIsSuccess: true })
  }

  private request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.http.request(method, path, options)
  }

  private unexpected(method: string, path: string, body: unknown): ScimRequestError {
    const shown = typeof body === 'string' ? body.slice(0, 80).replace(/\s+/g, ' ') : typeof body
    return this.http.unexpectedAnswer(method, path, `something that is not a permission assignment list: ${shown}`)
  }
}

/**
 * `principal_id` is an int64 JSON number (databricks-sdk-py service/iam.py reads PrincipalOutput.principal_id with
 * `_int64`), and account ids go above 2^53, where `JSON.parse` rounds a number to another principal's id. So it is read
 * from its source text (JSON.parse source text access, Node ≥ 21) as the exact decimal string, and sent back as such.
 */
const exactPrincipalIds: JsonReviver = (key, value, context) =>
  key === 'principal_id' && typeof value === 'number' && context?.source !== undefined && /^\d+$/.test(context.source)
    ? context.source
    : value

const workspacePath = (workspaceId: string): string => `/workspaces/${encodeURIComponent(workspaceId.trim())}`

const principalPath = (workspaceId: string, principalId: string): string =>
  `${workspacePath(workspaceId)}/permissionassignments/principals/${encodeURIComponent(principalId)}`

function parseAssignment(entry: unknown): PermissionAssignment | undefined {
  if (entry === null || typeof entry !== 'object') return undefined
  const e = entry as Record<string, unknown>
  const principal = e.principal
  if (principal === null || typeof principal !== 'object') return undefined
  const p = principal as Record<string, unknown>
  const id = p.principal_id
  // A number that lost digits (a runtime without the source text) would name another principal: left out.
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isSafeInteger(id))) return undefined
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
  const groupName = text(p.group_name)
  const userName = text(p.user_name)
  const servicePrincipalName = text(p.service_principal_name)
  const displayName = text(p.display_name)
  const permissions = Array.isArray(e.permissions)
    ? e.permissions.filter((x): x is string => typeof x === 'string')
    : []
  return {
    principalId: String(id),
    ...(groupName !== undefined ? { groupName } : {}),
    ...(userName !== undefined ? { userName } : {}),
    ...(servicePrincipalName !== undefined ? { servicePrincipalName } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
    permissions
  }
}

function fixFor(status: number, method: string, path: string): string | undefined {
  if (status === 401) return ACCOUNT_TOKEN_FIX
  if (status === 403) {
    return 'Workspace assignments need a Databricks account admin: give the service principal (client-id) the account admin role (account console → User management).'
  }
  if (status === 404 && method === 'GET') {
    return `Check the workspace id (${path.split('/')[2] ?? '?'}) and the account id: the workspace must belong to this account and have identity federation enabled.`
  }
  return undefined
}
