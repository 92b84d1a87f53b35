// Reads what a workspace has, as the planner needs it: every user and service principal, and the members
// of the groups the config manages (plus `admins`, whose members are never removed).
import type { ScimApi, ScimGroup, ScimServicePrincipal, ScimUser } from './types.js'
import type { ActualGroup, ActualPrincipal, ActualState, EntraGroupRead, MappingInput } from '../../core/model.js'
import { mapLimit } from '../../util/concurrency.js'
import { targetGroupName } from '../../core/desired.js'

/** Group reads in flight at once per workspace. */
const GROUP_READS = 4

export async function readActual(
  scim: ScimApi,
  mappings: readonly { mapping: MappingInput; read: EntraGroupRead }[]
): Promise<ActualState> {
  // Signed in with its own Entra token, the action is the service principal of its application id: no /Me needed.
  const self = scim.selfApplicationId?.toLowerCase()
  const [me, users, servicePrincipals, groups] = await Promise.all([
    self ? undefined : scim.me(),
    scim.listUsers(),
    scim.listServicePrincipals(),
    scim.listGroups()
  ])
  const byExternalId = new Map(groups.filter((g) => g.externalId).map((g) => [g.externalId as string, g]))
  const byName = new Map(groups.map((g) => [g.displayName.toLowerCase(), g]))
  const wanted = new Map<string, ScimGroup>()
  for (const { mapping, read } of mappings) {
    if (mapping.membersOnly) continue
    const group = byExternalId.get(read.id) ?? byName.get(targetGroupName(mapping, read).toLowerCase())
    if (group) wanted.set(group.id, group)
  }
  const admins = byName.get('admins')
  if (admins) wanted.set(admins.id, admins)
  const withMembers = await mapLimit([...wanted.values()], GROUP_READS, (g) => scim.getGroup(g.id))
  return {
    users: users.map(fromUser),
    servicePrincipals: servicePrincipals.map(fromServicePrincipal),
    groups: withMembers.map(fromGroup),
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
