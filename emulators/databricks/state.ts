// What tests see of a SCIM store: WorkspaceState, and the read/seed methods workspace and account share.
import type { EmulatorRequest } from '../types.js'
import type { WorkspaceGroupFixture, WorkspaceServicePrincipalFixture, WorkspaceUserFixture } from '../fixture.js'
import type { OnboardingEvent } from './azure-onboarding.js'
import { SCIM_SCHEMAS } from './protocol.js'
import type { GroupRecord, PrincipalRecord, ScimGroup, ScimServicePrincipal, ScimUser } from './records.js'
import { addMemberByKey, groupBody, spBody, userBody } from './seed.js'
import type { ScimStore } from './store.js'

/** A group with the identity keys of its members (userName, applicationId or group displayName), sorted. */
export type GroupView = ScimGroup & { memberNames: string[] }

/** The read and seed methods every emulated SCIM store offers to tests (workspace and account alike). */
export type StoreState = Pick<
  WorkspaceState,
  | 'users'
  | 'servicePrincipals'
  | 'groups'
  | 'user'
  | 'servicePrincipal'
  | 'group'
  | 'addUser'
  | 'addServicePrincipal'
  | 'addGroup'
  | 'addMember'
  | 'removeMember'
>

/**
 * Those methods over a store that `reset()` may replace (hence the getter). `context` starts fixture errors
 * (`workspace x`, `account`); `where` ends them (`the workspace`); `unknownMember` words removeMember's.
 */
export function storeState(
  current: () => ScimStore,
  names: { context: string; where: string; unknownMember: (ref: string) => string }
): StoreState {
  const groupView = (store: ScimStore, g: GroupRecord): GroupView => ({
    ...store.renderGroup(g),
    memberNames: [...g.members]
      .map((id) => store.findById(id))
      .filter((m): m is PrincipalRecord => m !== undefined)
      .map((m) => store.keyOf(m))
      .sort((a, b) => a.localeCompare(b))
  })
  const groupNamed = (name: string): GroupRecord => {
    const g = current().groupByName(name)
    if (!g) throw new Error(`${names.context}: no group '${name}'`)
    return g
  }
  return {
    users: () => [...current().users.values()].map((u) => current().renderUser(u)),
    servicePrincipals: () =>
      [...current().servicePrincipals.values()].map((sp) => current().renderServicePrincipal(sp)),
    groups: () => [...current().groups.values()].map((g) => current().renderGroup(g)),
    user: (userName) => {
      const u = current().userByName(userName)
      return u && current().renderUser(u)
    },
    servicePrincipal: (applicationId) => {
      const sp = current().servicePrincipalByAppId(applicationId)
      return sp && current().renderServicePrincipal(sp)
    },
    group: (displayName) => {
      const g = current().groupByName(displayName)
      return g && groupView(current(), g)
    },
    addUser: (u) => current().renderUser(current().createUser(userBody(u))),
    addServicePrincipal: (sp) => current().renderServicePrincipal(current().createServicePrincipal(spBody(sp))),
    addGroup: (g) => {
      const store = current()
      const rec = store.createGroup(groupBody(g))
      for (const ref of g.members ?? []) {
        addMemberByKey(store, rec, ref, `${names.context}: group ${g.displayName}`, names.where)
      }
      return store.renderGroup(rec)
    },
    addMember: (group, memberRef) =>
      addMemberByKey(current(), groupNamed(group), memberRef, names.context, names.where),
    removeMember: (group, memberRef) => {
      const g = groupNamed(group)
      const m = current().findByKey(memberRef)
      if (!m) throw new Error(names.unknownMember(memberRef))
      if (g.accountGroup || (m.kind === 'group' && m.accountGroup)) return current().unlink(g, m)
      current().patch('group', g.id, {
        schemas: [SCIM_SCHEMAS.patchOp],
        Operations: [{ op: 'remove', path: 'members', value: [{ value: m.id }] }]
      })
    }
  }
}

/** Read and seed access to a workspace's identities, for tests, the demo and the benchmark. */
export interface WorkspaceState {
  readonly name: string
  /** The live store (replaced by reset()). */
  readonly store: ScimStore
  users(): ScimUser[]
  servicePrincipals(): ScimServicePrincipal[]
  /** Every group, members included. */
  groups(): ScimGroup[]
  user(userName: string): ScimUser | undefined
  servicePrincipal(applicationId: string): ScimServicePrincipal | undefined
  group(displayName: string): GroupView | undefined
  addUser(user: WorkspaceUserFixture): ScimUser
  addServicePrincipal(sp: WorkspaceServicePrincipalFixture): ScimServicePrincipal
  /** Creates a group; `members` are identity keys. */
  addGroup(group: WorkspaceGroupFixture): ScimGroup
  /**
   * Assigns an account group to the workspace (as the account's workspace assignment would, under identity
   * federation): listed with meta.resourceType `Group`, refused to workspace SCIM writes. `members` are identity keys.
   */
  addAccountGroup(group: WorkspaceGroupFixture): ScimGroup
  /** memberRef: a userName, applicationId or group displayName (an account group's members too). */
  addMember(group: string, memberRef: string): void
  removeMember(group: string, memberRef: string): void
  /** The workspace's Azure resource id (the fixture's `azureResourceId`, or one derived from the tenant and name). */
  readonly azureResourceId: string
  /** appIds with Contributor or Owner on the workspace resource (the fixture's `contributors`; tests may change it). */
  readonly contributors: Set<string>
  /** Each service principal added through Azure's onboarding headers, and each request refused over them. */
  readonly onboarding: OnboardingEvent[]
  /** Personal access tokens the workspace accepts now (the fixture's `pats` plus added ones, minus removed ones). */
  pats(): string[]
  /** Accepts a new PAT (as the workspace admin). */
  addPat(pat: string): void
  /** Stops accepting a PAT, as when it expires or is revoked; false when it was not accepted. */
  removePat(pat: string): boolean
  /**
   * Back to the fixture's state (same ids as at start; the PATs and contributors are the fixture's again, no onboarding
   * events; no beforeRequest).
   */
  reset(): void
  /**
   * Test hook, unset by default: called with each signed-in request just before the workspace handles it, e.g. to
   * play another writer that creates a group between a client's read and its write.
   */
  beforeRequest: ((req: EmulatorRequest) => void) | undefined
}
