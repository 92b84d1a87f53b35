// Seeding a store from the fixture: identities, members by identity key, and the SCIM bodies of fixture entries.
import type {
  WorkspaceFixture,
  WorkspaceGroupFixture,
  WorkspaceServicePrincipalFixture,
  WorkspaceUserFixture
} from '../fixture.js'
import { parseEntitlements } from './body.js'
import { SCIM_SCHEMAS } from './protocol.js'
import type { GroupRecord } from './records.js'
import { ScimStore } from './store.js'

/**
 * Builds a store holding the fixture's identities. Member references that resolve to nothing are fixture errors.
 * A workspace is identity-federated unless the fixture says otherwise; only such a workspace has account groups.
 */
export function seedWorkspaceStore(ws: WorkspaceFixture): ScimStore {
  const identityFederation = ws.identityFederation ?? true
  const store = new ScimStore({
    idSeed: ws.name,
    groupResourceType: 'WorkspaceGroup',
    builtinGroups: true,
    identityFederation
  })
  for (const u of ws.users ?? []) store.createUser(userBody(u))
  for (const sp of ws.servicePrincipals ?? []) store.createServicePrincipal(spBody(sp))
  const groups: [GroupRecord, WorkspaceGroupFixture][] = []
  for (const g of ws.groups ?? []) {
    const existing = store.groupByName(g.displayName)
    if (existing?.builtin) {
      if (g.externalId !== undefined) existing.externalId = g.externalId
      if (g.entitlements) existing.entitlements = parseEntitlements(g.entitlements.map((value) => ({ value }))) ?? []
      groups.push([existing, g])
    } else {
      groups.push([store.createGroup(groupBody({ ...g, members: [] })), g])
    }
  }
  for (const g of ws.accountGroups ?? []) {
    groups.push([createAccountGroup(store, { ...g, members: [] }, `workspace ${ws.name}`), g])
  }
  for (const [rec, g] of groups) {
    if (rec.builtin === 'users') continue
    for (const ref of g.members ?? []) addMemberByKey(store, rec, ref, `workspace ${ws.name}: group ${g.displayName}`)
  }
  return store
}

/** Adds a member found by its key (userName, applicationId or group name); an unknown key is a fixture error. */
export function addMemberByKey(
  store: ScimStore,
  group: GroupRecord,
  ref: string,
  context: string,
  where = 'the workspace'
): void {
  const m = store.findByKey(ref)
  if (!m) throw new Error(`${context}: member '${ref}' is not a user, service principal or group of ${where}`)
  // Seeding an account group's membership is the account's doing: workspace SCIM would refuse it.
  if (group.accountGroup || (m.kind === 'group' && m.accountGroup)) return store.link(group, m)
  store.patch('group', group.id, {
    schemas: [SCIM_SCHEMAS.patchOp],
    Operations: [{ op: 'add', path: 'members', value: [{ value: m.id }] }]
  })
}

/** An account group assigned to the workspace (identity-federated workspaces only), with its members by key. */
export function createAccountGroup(store: ScimStore, g: WorkspaceGroupFixture, context: string): GroupRecord {
  if (!store.options.identityFederation) {
    throw new Error(`${context}: account group ${g.displayName}: only an identity-federated workspace has them`)
  }
  const rec = store.createAccountGroup(groupBody(g))
  for (const ref of g.members ?? []) addMemberByKey(store, rec, ref, `${context}: account group ${g.displayName}`)
  return rec
}

export function userBody(u: WorkspaceUserFixture): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.user],
    userName: u.userName,
    ...(u.displayName !== undefined ? { displayName: u.displayName } : {}),
    ...(u.active !== undefined ? { active: u.active } : {}),
    ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
    ...(u.entitlements ? { entitlements: u.entitlements.map((value) => ({ value })) } : {})
  }
}

export function spBody(sp: WorkspaceServicePrincipalFixture): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.servicePrincipal],
    applicationId: sp.applicationId,
    ...(sp.displayName !== undefined ? { displayName: sp.displayName } : {}),
    ...(sp.active !== undefined ? { active: sp.active } : {}),
    ...(sp.externalId !== undefined ? { externalId: sp.externalId } : {}),
    ...(sp.entitlements ? { entitlements: sp.entitlements.map((value) => ({ value })) } : {})
  }
}

export function groupBody(g: WorkspaceGroupFixture): Record<string, unknown> {
  return {
    schemas: [SCIM_SCHEMAS.group],
    displayName: g.displayName,
    ...(g.externalId !== undefined ? { externalId: g.externalId } : {}),
    ...(g.entitlements ? { entitlements: g.entitlements.map((value) => ({ value })) } : {})
  }
}
