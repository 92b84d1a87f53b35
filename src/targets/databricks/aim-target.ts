// The account of automatic identity management behind its port: account SCIM lists for what the account has, the
// workspace permission assignments, and the identity API (resolve, denylist, direct entitlements).
import type { AccountEntry } from '../../core/aim.js'
import type { AimKind, Entitlement } from '../../core/model.js'
import type { RequestStats } from '../../core/results.js'
import type { AimAccountTarget } from '../../ports/aim-target.js'
import type { PermissionAssignmentsClient } from './assignments-client.js'
import { AssignmentsWriter } from './assignments-writer.js'
import { API_ENTITLEMENTS, type IdentityApi } from './identity-api-client.js'
import { IdentityApiWriter } from './identity-api-writer.js'
import type { ScimApi, ScimStats } from './types.js'

const ENTITLEMENT_BY_API = new Map(Object.entries(API_ENTITLEMENTS).map(([word, api]) => [api, word as Entitlement]))

export class DatabricksAimTarget implements AimAccountTarget {
  readonly identityWriter: IdentityApiWriter
  readonly assignmentsWriter: AssignmentsWriter

  constructor(
    private readonly scim: ScimApi,
    private readonly assignmentsApi: PermissionAssignmentsClient,
    private readonly identityApi: IdentityApi & { stats?(): ScimStats }
  ) {
    this.identityWriter = new IdentityApiWriter(identityApi)
    this.assignmentsWriter = new AssignmentsWriter(assignmentsApi)
  }

  async principals(kind: AimKind): Promise<AccountEntry[]> {
    const optional = (externalId: string | undefined) => (externalId ? { externalId } : {})
    if (kind === 'group') {
      return (await this.scim.listGroups()).map((g) => ({
        kind,
        id: g.id,
        name: g.displayName,
        ...optional(g.externalId)
      }))
    }
    if (kind === 'servicePrincipal') {
      return (await this.scim.listServicePrincipals()).map((s) => ({
        kind,
        id: s.id,
        name: s.displayName ?? s.applicationId,
        key: s.applicationId,
        ...optional(s.externalId),
        ...(s.active !== undefined ? { active: s.active } : {})
      }))
    }
    return (await this.scim.listUsers()).map((u) => ({
      kind,
      id: u.id,
      name: u.userName,
      key: u.userName,
      ...optional(u.externalId),
      ...(u.active !== undefined ? { active: u.active } : {})
    }))
  }

  async assignments(workspaceId: string) {
    return (await this.assignmentsApi.list(workspaceId)).map((a) => ({ ...a, permissions: [...a.permissions] }))
  }

  async entitlements(workspaceId: string, principalId: string): Promise<Entitlement[] | undefined> {
    const list = await this.identityApi.workspaceEntitlements(workspaceId, principalId)
    // WORKSPACE_ADMIN is the ADMIN permission (managed as such), and kinds the config has no word for stay out.
    return list?.flatMap((e) => {
      const word = ENTITLEMENT_BY_API.get(e)
      return word ? [word] : []
    })
  }

  denyRules() {
    return this.identityApi.listDenyRules()
  }

  requests(): RequestStats {
    const all = [this.scim.stats(), this.assignmentsApi.stats(), this.identityApi.stats?.()].filter(
      (s): s is ScimStats => s !== undefined
    )
    return {
      total: all.reduce((n, s) => n + Object.values(s.requests).reduce((a, b) => a + b, 0), 0),
      throttled: all.reduce((n, s) => n + s.throttled, 0),
      retries: all.reduce((n, s) => n + s.retries, 0),
      waitedMs: all.reduce((n, s) => n + s.waitedMs, 0)
    }
  }
}
