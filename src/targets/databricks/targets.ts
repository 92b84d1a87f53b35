// The Databricks targets behind the core's ports: a workspace's (or the account's) SCIM identity API, and the
// account's workspace assignments.
import type { RequestStats } from '../../core/results.js'
import type { AssignmentsTarget, IdentityTarget, WantedGroup } from '../../ports/identity-target.js'
import { readActual, ownedByExternalId } from './actual.js'
import type { AssignmentsApi, PermissionAssignment } from './assignments-client.js'
import { AssignmentsWriter } from './assignments-writer.js'
import { ScimWriter, type ScimWriterOptions } from './scim-writer.js'
import type { ScimApi } from './types.js'

export class ScimIdentityTarget implements IdentityTarget {
  readonly owns = ownedByExternalId
  readonly writer: ScimWriter

  constructor(
    readonly scim: ScimApi,
    options: ScimWriterOptions = {}
  ) {
    this.writer = new ScimWriter(scim, options)
  }

  read(wanted: readonly WantedGroup[]) {
    return readActual(this.scim, wanted)
  }

  requests(): RequestStats {
    const s = this.scim.stats()
    return {
      total: Object.values(s.requests).reduce((a, b) => a + b, 0),
      throttled: s.throttled,
      retries: s.retries,
      waitedMs: s.waitedMs
    }
  }
}

export class AccountAssignmentsTarget implements AssignmentsTarget {
  readonly writer: AssignmentsWriter

  constructor(
    private readonly api: AssignmentsApi & { list(workspaceId: string): Promise<PermissionAssignment[]> },
    private readonly accountScim: Pick<ScimApi, 'listGroups'>
  ) {
    this.writer = new AssignmentsWriter(api)
  }

  async list(workspaceId: string) {
    return (await this.api.list(workspaceId)).map((a) => ({
      principalId: a.principalId,
      ...(a.groupName ? { groupName: a.groupName } : {}),
      permissions: a.permissions
    }))
  }

  async groups() {
    return (await this.accountScim.listGroups()).map((g) => ({ id: g.id, displayName: g.displayName }))
  }
}
