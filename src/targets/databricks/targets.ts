// The Databricks targets behind the core's ports: a workspace's (or the account's) SCIM identity API, and the
// account's workspace assignments.
import type { ActualGroup, ActualPrincipal, ActualState, Owns } from '../../core/model.js'
import type { RequestStats } from '../../core/results.js'
import type { AssignmentsTarget, IdentityTarget, WantedGroup } from '../../ports/identity-target.js'
import type { OperationWriter } from '../../ports/writer.js'
import { readActual, ownedByExternalId } from './actual.js'
import type { AssignmentsApi, PermissionAssignment } from './assignments-client.js'
import { AssignmentsWriter } from './assignments-writer.js'
import { AccountOwnership, isOwnershipGroup, MarkingScim, MarkingWriter, OWNERSHIP_GROUP } from './ownership.js'
import { ScimWriter, type ScimWriterOptions } from './scim-writer.js'
import type { ScimApi } from './types.js'

export class ScimIdentityTarget implements IdentityTarget {
  readonly owns = ownedByExternalId
  readonly writer: OperationWriter
  /**
   * Workspace SCIM takes no user display names: under identity federation (the default for most workspaces, and for
   * every Azure workspace made since 9 November 2023) a user's displayName "cannot be updated through the Workspace
   * SCIM APIs" (databricks-sdk-go
   * service/iam/model.go, User.DisplayName), the account keeps it. Sending one would fail every run; so only the
   * account level, and service principals anywhere, have theirs kept in step. New users still get Entra's name.
   */
  readonly updatesDisplayName = (p: ActualPrincipal): boolean => this.scim.level === 'account' || p.kind !== 'user'

  constructor(
    readonly scim: ScimApi,
    options: ScimWriterOptions = {},
    writer: OperationWriter = new ScimWriter(scim, options)
  ) {
    this.writer = writer
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

/**
 * Why the account target leaves a group alone that carries an externalId it did not create: an identity provider
 * keeps it. With automatic identity management (on by default for accounts created since August 2025), "when AIM is
 * enabled and the group is an external identity (its external_id is set), only external_id can be updated; its other
 * fields are sourced from your identity provider" (databricks-sdk-py service/iamv2.py, update_group), and SCIM
 * writes to its members fail. Account SCIM says nowhere whether AIM is on, so every such group counts (the stricter
 * rule): an Entra provisioning connector's groups are left to the connector too.
 */
export const KEPT_BY_IDENTITY_PROVIDER = {
  reason:
    'its membership is kept by an identity provider (it has an externalId and this action did not create it); ' +
    'with automatic identity management, Databricks keeps an Entra group’s members itself and refuses SCIM changes to them',
  fix:
    'manage it with Databricks automatic identity management and only assign it to workspaces (account-groups), ' +
    `or map the Entra group to another Databricks group name; if this action created it, add it to the account group ${OWNERSHIP_GROUP}`
} as const

const OWNERSHIP_GROUP_MAPPED = {
  reason: `it is the account group that marks what this action created (${OWNERSHIP_GROUP})`,
  fix: 'map the Entra group to another Databricks group name'
} as const

/**
 * The account's identities: account SCIM, whose ownership rule is membership of the ownership group (ownership.ts),
 * which its writer keeps up after every create. The group itself is never planned on; groups with an externalId
 * that the action did not create are kept elsewhere (KEPT_BY_IDENTITY_PROVIDER).
 */
export class AccountIdentityTarget extends ScimIdentityTarget {
  override readonly owns: Owns
  private readonly ownership: AccountOwnership

  constructor(scim: ScimApi, options: ScimWriterOptions = {}) {
    const ownership = new AccountOwnership(scim, options.addBatch)
    const marking = new MarkingScim(scim, ownership)
    super(marking, options, new MarkingWriter(new ScimWriter(marking, options), ownership))
    this.ownership = ownership
    this.owns = ownership.owns
  }

  override async read(wanted: readonly WantedGroup[]): Promise<ActualState> {
    const actual = await readActual(this.scim, [...wanted, { sourceId: '', name: OWNERSHIP_GROUP }])
    this.ownership.load(actual.groups.find((g) => isOwnershipGroup(g.displayName)))
    const mapsOwnershipGroup = wanted.some((w) => isOwnershipGroup(w.name))
    const groups = actual.groups.flatMap((g): ActualGroup[] => {
      if (isOwnershipGroup(g.displayName)) return mapsOwnershipGroup ? [{ ...g, external: OWNERSHIP_GROUP_MAPPED }] : []
      if (g.externalId && !g.external && !this.ownership.ownsGroup(g.id)) {
        return [{ ...g, external: KEPT_BY_IDENTITY_PROVIDER }]
      }
      return [g]
    })
    return { ...actual, groups }
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

  list(workspaceId: string) {
    return this.api.list(workspaceId)
  }

  async groups() {
    return (await this.accountScim.listGroups()).map((g) => ({ id: g.id, displayName: g.displayName }))
  }
}
