// Workspace permission assignments of the account API (/workspaces/{workspace_id}/permissionassignments): which
// account principals each workspace has, as USER and/or ADMIN. `principal_id` is an int64 JSON number, written with
// all its digits (account ids go above 2^53, where JSON.parse rounds).
import type { PrincipalRecord, ResourceKind } from '../databricks.js'
import type { AccountFixture } from '../fixture.js'
import type { EmulatorRequest, EmulatorResponse } from '../types.js'
import { databricksError, RestError } from './errors.js'
import type { AccountStore } from './store.js'

export type WorkspacePermission = 'USER' | 'ADMIN'
const PERMISSIONS: readonly WorkspacePermission[] = ['USER', 'ADMIN']

export interface AssignmentView {
  /** Identity key: userName, applicationId or group displayName. */
  principal: string
  type: ResourceKind
  /** Account SCIM id (the principal_id of the API, as a string). */
  principalId: string
  displayName: string
  permissions: WorkspacePermission[]
}

/** A JSON number written from its exact decimal text (JSON.rawJSON, Node ≥ 21). */
const int64 = (digits: string): unknown => (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(digits)

const orderPermissions = (permissions: readonly WorkspacePermission[]): WorkspacePermission[] =>
  PERMISSIONS.filter((p) => permissions.includes(p))

/** The assignments of the account's workspaces, over the account store (replaced by reset: hence the getter). */
export class WorkspaceAssignments {
  private readonly workspaceList: { name: string; id: string }[]
  /** workspace id -> principal id -> permissions */
  private assignments = new Map<string, Map<string, WorkspacePermission[]>>()
  /** workspace id -> principal id -> entitlements granted directly (the identity API's words, WORKSPACE_ADMIN aside) */
  private direct = new Map<string, Map<string, string[]>>()

  constructor(
    private readonly account: AccountFixture,
    private readonly store: () => AccountStore
  ) {
    this.workspaceList = (account.workspaces ?? []).map((w) => ({ name: w.name, id: String(w.id) }))
    this.seed()
  }

  /** Back to the fixture's assignments. */
  seed(): void {
    this.assignments = new Map(this.workspaceList.map((w) => [w.id, new Map()]))
    this.direct = new Map(this.workspaceList.map((w) => [w.id, new Map()]))
    for (const w of this.account.workspaces ?? []) {
      for (const a of w.assignments ?? []) {
        const p = this.principalByKey(a.principal, `account: workspace ${w.name}`)
        this.assignments.get(String(w.id))!.set(p.id, orderPermissions(a.permissions))
      }
    }
  }

  workspaces(): { name: string; id: string }[] {
    return this.workspaceList.map((w) => ({ ...w }))
  }

  /** A principal deleted through SCIM loses its assignments everywhere. */
  deleted(principalId: string): void {
    for (const map of this.assignments.values()) map.delete(principalId)
    for (const map of this.direct.values()) map.delete(principalId)
  }

  /**
   * The entitlements a principal holds directly in a workspace (identity API), or undefined when it is not directly
   * assigned. The ADMIN permission shows as WORKSPACE_ADMIN (databricks-sdk-go service/iamv2 Entitlement).
   */
  entitlements(workspaceId: string, principalId: string): string[] | undefined {
    const permissions = this.assignments.get(workspaceId)?.get(principalId)
    if (!permissions) return undefined
    const direct = this.direct.get(workspaceId)?.get(principalId) ?? []
    return [...direct, ...(permissions.includes('ADMIN') ? ['WORKSPACE_ADMIN'] : [])].sort()
  }

  /**
   * Sets exactly these direct entitlements ("Create and update manage exactly this set"): WORKSPACE_ADMIN in it or
   * not makes the principal an admin or not (unclear in the sources; the stricter reading).
   */
  setEntitlements(workspaceId: string, principalId: string, entitlements: readonly string[]): string[] {
    const map = this.assignments.get(workspaceId)
    if (!map?.has(principalId)) throw new Error(`account: principal ${principalId} is not assigned to ${workspaceId}`)
    const admin = entitlements.includes('WORKSPACE_ADMIN')
    const before = map.get(principalId) ?? []
    const others = before.filter((p) => p !== 'ADMIN')
    map.set(principalId, admin ? orderPermissions([...others, 'ADMIN']) : others.length > 0 ? others : ['USER'])
    const direct = [...new Set(entitlements.filter((e) => e !== 'WORKSPACE_ADMIN'))]
    this.direct.get(workspaceId)?.set(principalId, direct)
    return this.entitlements(workspaceId, principalId) ?? []
  }

  view(workspace: string): AssignmentView[] {
    const store = this.store()
    return this.live(this.workspaceFor(workspace).id)
      .map(([p, permissions]) => ({
        principal: store.keyOf(p),
        type: p.kind,
        principalId: p.id,
        displayName: p.displayName,
        permissions: [...permissions]
      }))
      .sort((a, b) => a.principal.localeCompare(b.principal))
  }

  assign(workspace: string, principalRef: string, permissions: WorkspacePermission[]): void {
    const w = this.workspaceFor(workspace)
    const p = this.principalByKey(principalRef, `account: workspace ${w.name}`)
    const map = this.assignments.get(w.id)!
    if (!map.has(p.id) || permissions.length === 0) this.direct.get(w.id)?.set(p.id, [])
    if (permissions.length === 0) map.delete(p.id)
    else map.set(p.id, orderPermissions(permissions))
  }

  /** `tail`: the path segments after `permissionassignments`. */
  handle(req: EmulatorRequest, workspaceId: string, tail: string[]): EmulatorResponse {
    const method = req.method.toUpperCase()
    const notFound = (): EmulatorResponse =>
      databricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${req.method} ${req.url.pathname}'`)
    if (!/^\d+$/.test(workspaceId)) {
      throw new RestError(400, 'INVALID_PARAMETER_VALUE', `Invalid workspace id '${workspaceId}': expected a number.`)
    }
    const map = this.assignments.get(workspaceId)
    if (!map) throw new RestError(404, 'RESOURCE_DOES_NOT_EXIST', `Workspace ${workspaceId} does not exist.`)
    if (tail.length === 0) {
      if (method !== 'GET') return notFound()
      return {
        status: 200,
        body: { permission_assignments: this.live(workspaceId).map(([p, perms]) => assignmentJson(p, perms)) }
      }
    }
    if (tail.length === 1 && tail[0] === 'permissions') {
      if (method !== 'GET') return notFound()
      return {
        status: 200,
        body: {
          permissions: [
            { permission_level: 'USER', description: 'Can access the workspace with basic privileges.' },
            { permission_level: 'ADMIN', description: 'Can access the workspace and has workspace admin privileges.' }
          ]
        }
      }
    }
    if (tail.length !== 2 || tail[0] !== 'principals' || (method !== 'PUT' && method !== 'DELETE')) return notFound()
    const principalId = tail[1]!
    if (!/^\d+$/.test(principalId)) {
      throw new RestError(400, 'INVALID_PARAMETER_VALUE', `Invalid principal id '${principalId}': expected a number.`)
    }
    // The id as an int64 (leading zeros dropped), with all its digits: a rounded one names another principal.
    const p = this.store().findById(BigInt(principalId).toString())
    if (!p) throw new RestError(404, 'RESOURCE_DOES_NOT_EXIST', `Principal ${principalId} does not exist.`)
    if (method === 'DELETE') {
      this.direct.get(workspaceId)?.delete(p.id)
      if (!map.delete(p.id)) {
        throw new RestError(
          404,
          'RESOURCE_DOES_NOT_EXIST',
          `Principal ${principalId} has no permission assignment in workspace ${workspaceId}.`
        )
      }
      return { status: 200, body: {} }
    }
    const permissions = parsePermissions(requestJson(req).permissions)
    // A principal newly assigned holds no entitlement directly until one is set (the stricter reading).
    if (!map.has(p.id)) this.direct.get(workspaceId)?.set(p.id, [])
    map.set(p.id, permissions)
    return { status: 200, body: assignmentJson(p, permissions) }
  }

  /** Assignments of principals that no longer exist are gone (Databricks removes them with the principal). */
  private live(workspaceId: string): [PrincipalRecord, WorkspacePermission[]][] {
    const map = this.assignments.get(workspaceId) ?? new Map<string, WorkspacePermission[]>()
    const out: [PrincipalRecord, WorkspacePermission[]][] = []
    for (const [id, perms] of map) {
      const p = this.store().findById(id)
      if (p) out.push([p, perms])
      else map.delete(id)
    }
    return out
  }

  private workspaceFor(ref: string): { name: string; id: string } {
    const w = this.workspaceList.find((x) => x.id === ref) ?? this.workspaceList.find((x) => x.name === ref)
    if (!w) throw new Error(`account: no workspace '${ref}'`)
    return w
  }

  private principalByKey(ref: string, context: string): PrincipalRecord {
    const m = this.store().findByKey(ref)
    if (!m) throw new Error(`${context}: '${ref}' is not a user, service principal or group of the account`)
    return m
  }
}

function principalJson(p: PrincipalRecord): Record<string, unknown> {
  const o: Record<string, unknown> = { principal_id: int64(p.id), display_name: p.displayName }
  if (p.kind === 'user') o.user_name = p.userName
  else if (p.kind === 'servicePrincipal') o.service_principal_name = p.applicationId
  else o.group_name = p.displayName
  return o
}

function assignmentJson(p: PrincipalRecord, permissions: WorkspacePermission[]): Record<string, unknown> {
  return { principal: principalJson(p), permissions: [...permissions] }
}

function requestJson(req: EmulatorRequest): Record<string, unknown> {
  let body = req.body
  if (body === undefined) {
    if (req.rawBody.trim() === '') throw new RestError(400, 'MALFORMED_REQUEST', 'A JSON request body is required.')
    try {
      body = JSON.parse(req.rawBody) as unknown
    } catch {
      throw new RestError(400, 'MALFORMED_REQUEST', 'Could not parse request body as JSON.')
    }
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new RestError(400, 'MALFORMED_REQUEST', 'The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}

function parsePermissions(value: unknown): WorkspacePermission[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new RestError(400, 'INVALID_PARAMETER_VALUE', 'permissions must be a non-empty array of USER or ADMIN.')
  }
  for (const v of value) {
    if (typeof v !== 'string' || !(PERMISSIONS as readonly string[]).includes(v)) {
      throw new RestError(
        400,
        'INVALID_PARAMETER_VALUE',
        `Invalid permission ${JSON.stringify(v)}: expected one of ${PERMISSIONS.join(', ')}.`
      )
    }
  }
  return orderPermissions(value as WorkspacePermission[])
}
