// GraphState, the tenant as tests see and change it (emu.graph): plain copies of objects and directory edits.
import type { DeviceFixture, OrgContactFixture, UserFixture } from '../fixture.js'
import type { GroupObj, SpObj, UserObj } from './directory.js'
import type {
  GraphGroup,
  GraphGroupInput,
  GraphServicePrincipal,
  GraphServicePrincipalInput,
  GraphServicePrincipalPatch,
  GraphUser,
  GraphUserPatch
} from './model.js'
import type { ProvisioningState } from './provisioning/api.js'
import type { GraphService } from './service.js'

/**
 * The tenant behind the emulator, for tests to change between runs. Member references are as in the fixture: a
 * user's UPN, a service principal's appId or displayName, a group's displayName, or any object id.
 */
export interface GraphState {
  addUser(user: UserFixture): GraphUser
  addServicePrincipal(sp: GraphServicePrincipalInput): GraphServicePrincipal
  /** Adds a device or an organizational contact (members groups may hold that have no Databricks identity). */
  addDevice(device: DeviceFixture): { id: string; displayName: string }
  addOrgContact(contact: OrgContactFixture): { id: string; displayName: string }
  /** Adds a group (members resolved against the current tenant). */
  addGroup(group: GraphGroupInput): GraphGroup
  /** Adds a direct member; false when it already was one. */
  addMember(group: string, member: string): boolean
  /** Removes a direct member; false when it was not one. */
  removeMember(group: string, member: string): boolean
  renameGroup(group: string, newDisplayName: string): GraphGroup
  /** Deletes a group; it also leaves every group it was a member of. */
  deleteGroup(group: string): void
  /** Deletes a user; it also leaves every group. users/delta then reports it as `@removed`. */
  deleteUser(user: string): void
  /** Deletes a service principal (by appId, displayName or id); it also leaves every group. */
  deleteServicePrincipal(sp: string): void
  /**
   * Changes a user found by UPN or id (e.g. accountEnabled false, a new userPrincipalName). Properties whose value
   * changes are recorded for users/delta (as is every add and delete, and the same for service principals).
   */
  setUser(user: string, patch: GraphUserPatch): GraphUser
  setServicePrincipal(sp: string, patch: GraphServicePrincipalPatch): GraphServicePrincipal
  group(group: string): GraphGroup | undefined
  groups(): GraphGroup[]
  user(user: string): GraphUser | undefined
  users(): GraphUser[]
  servicePrincipal(sp: string): GraphServicePrincipal | undefined
  servicePrincipals(): GraphServicePrincipal[]
  /** Object ids of a group's transitive members (nested groups flattened, each object once). */
  transitiveMemberIds(group: string): string[]
  /** Enterprise apps, synchronization jobs, secrets and app role assignments (graph/provisioning/). */
  provisioning: ProvisioningState
}

const userView = (u: UserObj): GraphUser => ({
  id: u.id,
  userPrincipalName: u.userPrincipalName,
  displayName: u.displayName,
  mail: u.mail,
  accountEnabled: u.accountEnabled,
  userType: u.userType
})

const spView = (s: SpObj): GraphServicePrincipal => ({
  id: s.id,
  appId: s.appId,
  displayName: s.displayName,
  accountEnabled: s.accountEnabled,
  servicePrincipalType: s.servicePrincipalType,
  appRoles: s.appRoles.map((r) => ({ ...r, allowedMemberTypes: [...r.allowedMemberTypes] })),
  tags: [...s.tags],
  applicationTemplateId: s.applicationTemplateId
})

export function createState(svc: GraphService): GraphState {
  const { dir, provisioning } = svc
  const groupView = (g: GroupObj): GraphGroup => ({
    id: g.id,
    displayName: g.displayName,
    mailNickname: g.mailNickname,
    securityEnabled: g.securityEnabled,
    mailEnabled: g.mailEnabled,
    description: g.description,
    members: [...g.members].map((mk) => dir.objects.get(mk)?.id ?? mk)
  })

  const state: GraphState = {
    addUser: (u) => userView(dir.addUser(u)),
    addServicePrincipal: (s) => spView(dir.addServicePrincipal(s)),
    addDevice: (d) => {
      const o = dir.addDevice(d)
      return { id: o.id, displayName: o.displayName }
    },
    addOrgContact: (c) => {
      const o = dir.addOrgContact(c)
      return { id: o.id, displayName: o.displayName }
    },
    addGroup: (g) => {
      const members = (g.members ?? []).map((ref) => dir.resolveRef(ref))
      const obj = dir.addGroupShell(g)
      for (const m of members) dir.addMember(obj, m)
      return groupView(obj)
    },
    addMember: (group, member) => dir.addMember(dir.group(group), dir.resolveRef(member)),
    removeMember: (group, member) => dir.removeMember(dir.group(group), dir.resolveRef(member)),
    renameGroup: (group, newName) => {
      const g = dir.group(group)
      dir.renameGroup(g, newName)
      return groupView(g)
    },
    deleteGroup: (group) => dir.deleteObject(dir.group(group)),
    deleteUser: (user) => dir.deleteObject(dir.user(user)),
    deleteServicePrincipal: (sp) => dir.deleteObject(dir.sp(sp)),
    setUser: (user, patch) => {
      const u = dir.user(user)
      dir.setUser(u, patch)
      return userView(u)
    },
    setServicePrincipal: (sp, patch) => {
      const s = dir.sp(sp)
      dir.setSp(s, patch)
      return spView(s)
    },
    group: (group) => {
      const g = dir.findGroup(group)
      return g ? groupView(g) : undefined
    },
    groups: () => [...dir.groups.values()].map(groupView),
    user: (user) => {
      const u = dir.findUser(user)
      return u ? userView(u) : undefined
    },
    users: () => [...dir.users.values()].map(userView),
    servicePrincipal: (sp) => {
      provisioning.tick()
      const s = dir.findSp(sp)
      return s ? spView(s) : undefined
    },
    servicePrincipals: () => {
      provisioning.tick()
      return [...dir.sps.values()].map(spView)
    },
    transitiveMemberIds: (group) => svc.members.transitiveMembers(dir.group(group)).map((o) => o.id),
    provisioning: provisioning.state
  }
  return state
}
