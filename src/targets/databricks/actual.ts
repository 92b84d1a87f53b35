// Reads what a workspace (or the account) has through SCIM, as the planner needs it: every user and service
// principal, and the members of the groups the config manages (plus `admins`, whose members are never removed).
// Also Databricks' ownership rule: what the action created carries the source's object id as externalId, and
// account groups seen in a workspace (identity federation), which workspace SCIM cannot change: kept elsewhere.
import type { ActualGroup, ActualPrincipal, ActualState } from '../../core/model.js'
import { ADMINS_GROUP } from '../../core/text.js'
import type { WantedGroup } from '../../ports/identity-target.js'
import { mapLimit } from '../../util/concurrency.js'
import { isGuid } from '../../util/guid.js'
import {
  ACCOUNT_GROUP_IN_WORKSPACE,
  isAccountGroupInWorkspace,
  type ScimApi,
  type ScimGroup,
  type ScimServicePrincipal,
  type ScimUser
} from './types.js'

/** The action stamps the Entra object id as externalId on what it creates: such a principal is its own. */
export const ownedByExternalId = (p: ActualPrincipal): boolean => isGuid(p.externalId)

/** Group reads in flight at once per workspace. */
const GROUP_READS = 4

export async function readActual(scim: ScimApi, wanted: readonly WantedGroup[]): Promise<ActualState> {
  // Signed in with its own Entra token, the action is the service principal of its application id: no /Me needed.
  const self = scim.selfApplicationId?.toLowerCase()
  const [me, users, servicePrincipals, groups] = await Promise.all([
    self ? undefined : scim.me(),
    scim.listUsers(),
    scim.listServicePrincipals(),
    scim.listGroups()
  ])
  const external = (g: ScimGroup): boolean => isAccountGroupInWorkspace(scim, g)
  // A workspace's own group wins over an account group of the same name or externalId (listed last, kept).
  const ordered = [...groups.filter(external), ...groups.filter((g) => !external(g))]
  const byExternalId = new Map(ordered.filter((g) => g.externalId).map((g) => [g.externalId as string, g]))
  const byName = new Map(ordered.map((g) => [g.displayName.toLowerCase(), g]))
  const read = new Map<string, ScimGroup>()
  const kept = new Map<string, ScimGroup>()
  for (const w of wanted) {
    const group = byExternalId.get(w.sourceId) ?? byName.get(w.name.toLowerCase())
    // An account group is never read or written here: the plan skips it with the fix.
    if (group) (external(group) ? kept : read).set(group.id, group)
  }
  const admins = byName.get(ADMINS_GROUP)
  if (admins) read.set(admins.id, admins)
  const withMembers = await mapLimit([...read.values()], GROUP_READS, (g) => scim.getGroup(g.id))
  return {
    users: users.map(fromUser),
    servicePrincipals: servicePrincipals.map(fromServicePrincipal),
    groups: [
      ...withMembers.map(fromGroup),
      ...[...kept.values()].map((g) => ({ ...fromGroup({ ...g, members: [] }), external: ACCOUNT_GROUP_IN_WORKSPACE }))
    ],
    selfId: me ? me.id : (servicePrincipals.find((sp) => sp.applicationId.toLowerCase() === self)?.id ?? ''),
    groupCount: groups.length
  }
}

function fromUser(u: ScimUser): ActualPrincipal {
  return {
    kind: 'user',
    id: u.id,
    key: u.userName,
    ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
    active: u.active !== false,
    ...(u.externalId ? { externalId: u.externalId } : {}),
    entitlements: (u.entitlements ?? []).map((e) => e.value)
  }
}

function fromServicePrincipal(sp: ScimServicePrincipal): ActualPrincipal {
  return {
    kind: 'servicePrincipal',
    id: sp.id,
    key: sp.applicationId,
    ...(sp.displayName !== undefined ? { displayName: sp.displayName } : {}),
    active: sp.active !== false,
    ...(sp.externalId ? { externalId: sp.externalId } : {}),
    entitlements: (sp.entitlements ?? []).map((e) => e.value)
  }
}

function fromGroup(g: ScimGroup): ActualGroup {
  return {
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    entitlements: (g.entitlements ?? []).map((e) => e.value),
    memberIds: (g.members ?? []).map((m) => m.value)
  }
}
