// Reads what a workspace (or the account) has through SCIM, as the planner needs it: every user and service
// principal, and the members of the groups the config manages (plus `admins`, whose members are never removed).
// Also Databricks' ownership rule: what the action created carries the source's object id as externalId, and
// account groups seen in a workspace (identity federation), which workspace SCIM cannot change: kept elsewhere.
import type { ActualGroup, ActualPrincipal, ActualState } from '../../core/model.js'
import { ADMINS_GROUP } from '../../core/text.js'
import type { WantedGroup } from '../../ports/identity-target.js'
import { mapLimit } from '../../util/concurrency.js'
import { isGuid } from '../../util/guid.js'
import { Interner } from '../../util/intern.js'
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

/**
 * The names and externalIds of principals, shared by every workspace's read: a workspace lists the same users as
 * the others (one run per process, so the strings live as long as the run).
 */
const strings = new Interner()

export async function readActual(scim: ScimApi, wanted: readonly WantedGroup[]): Promise<ActualState> {
  // Signed in with its own Entra token, the action is the service principal of its application id: no /Me needed.
  const self = scim.selfApplicationId?.toLowerCase()
  // Each principal is made compact as its page arrives: ten workspaces read at once would otherwise hold every
  // raw SCIM resource until their last page.
  const [me, users, servicePrincipals, groups] = await Promise.all([
    self ? undefined : scim.me(),
    scim.listUsers(fromUser),
    scim.listServicePrincipals(fromServicePrincipal),
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
  // A member id is the same string as its principal's (one string per principal however many groups list it), and
  // a group's raw members (value, display, $ref each) are dropped as soon as it is read.
  const ids = new Map<string, string>()
  for (const p of [...users, ...servicePrincipals]) ids.set(p.id, p.id)
  const withMembers = await mapLimit([...read.values()], GROUP_READS, async (g) =>
    fromGroup(await scim.getGroup(g.id), ids)
  )
  return {
    users,
    servicePrincipals,
    groups: [
      ...withMembers,
      ...[...kept.values()].map((g) => ({ ...fromGroup({ ...g, members: [] }), external: ACCOUNT_GROUP_IN_WORKSPACE }))
    ],
    selfId: me ? me.id : (servicePrincipals.find((sp) => sp.key.toLowerCase() === self)?.id ?? ''),
    groupCount: groups.length
  }
}

const fromUser = (u: ScimUser): ActualPrincipal => fromPrincipal('user', u, u.userName)

const fromServicePrincipal = (sp: ScimServicePrincipal): ActualPrincipal =>
  fromPrincipal('servicePrincipal', sp, sp.applicationId)

/** A user or service principal as the core sees it, `key` its user name or application id. */
function fromPrincipal(
  kind: ActualPrincipal['kind'],
  p: ScimUser | ScimServicePrincipal,
  key: string
): ActualPrincipal {
  return {
    kind,
    id: p.id,
    key: strings.of(key),
    ...(p.displayName !== undefined ? { displayName: strings.of(p.displayName) } : {}),
    active: p.active !== false,
    ...(p.externalId ? { externalId: strings.of(p.externalId) } : {}),
    entitlements: (p.entitlements ?? []).map((e) => strings.of(e.value))
  }
}

function fromGroup(g: ScimGroup, ids?: ReadonlyMap<string, string>): ActualGroup {
  return {
    id: g.id,
    displayName: g.displayName,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    entitlements: (g.entitlements ?? []).map((e) => e.value),
    memberIds: (g.members ?? []).map((m) => ids?.get(m.value) ?? m.value)
  }
}
