// Desired state, pure: what the Entra reads of one workspace's mappings ask for — the principals (once each,
// by identity key), the target groups with their members, and what was skipped on the way (disabled accounts,
// guests without mail, nested groups not followed).
import type { Entitlement, Removal } from '../config/types.js'
import type { EntraGroupRead, EntraPrincipal, MappingInput, PrincipalRef, Skip } from './model.js'

export type PrincipalKind = 'user' | 'servicePrincipal'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isGuid = (value: string | undefined): boolean => value !== undefined && GUID.test(value.trim())

/** Removal settings from the gentlest to the harshest: where mappings disagree, the gentler one wins. */
export const REMOVAL_ORDER: readonly Removal[] = ['keep', 'remove-membership', 'deactivate', 'delete']

export function gentlest(a: Removal, b: Removal): Removal {
  return REMOVAL_ORDER.indexOf(a) <= REMOVAL_ORDER.indexOf(b) ? a : b
}

/** Map key of a principal: kind plus lower-cased identity key. */
export const principalId = (kind: PrincipalKind, key: string): string => `${kind}:${key.toLowerCase()}`

/** Text for the summary: `Display Name (key)`, or the key alone when there is no other name. */
export function describePrincipal(displayName: string | undefined, key: string): string {
  const name = displayName?.trim()
  return name && name.toLowerCase() !== key.toLowerCase() ? `${name} (${key})` : key
}

export function isGuest(p: EntraPrincipal): boolean {
  return p.userType?.toLowerCase() === 'guest' || (p.userPrincipalName ?? '').toUpperCase().includes('#EXT#')
}

export type Identity =
  | { ok: true; kind: PrincipalKind; /** userName or applicationId as Entra spells it. */ name: string }
  | { ok: false; skip: Pick<Skip, 'reason' | 'detail'> }

/**
 * The Databricks identity of an Entra principal: users by userPrincipalName (guests by mail), service principals
 * by appId. Undefined for an entry that has no key at all (Graph always returns one; such an entry is ignored).
 */
export function identityOf(p: EntraPrincipal): Identity | undefined {
  if (p.accountEnabled === false) {
    return {
      ok: false,
      skip: { reason: 'disabled-account', detail: 'the account is disabled in Entra ID, so it is not synced' }
    }
  }
  if (p.kind === 'servicePrincipal') {
    const appId = p.appId?.trim()
    return appId ? { ok: true, kind: 'servicePrincipal', name: appId } : undefined
  }
  if (isGuest(p)) {
    const mail = p.mail?.trim()
    if (!mail) {
      return {
        ok: false,
        skip: {
          reason: 'guest-without-mail',
          detail: 'guest accounts are matched by their mail address, and this one has none'
        }
      }
    }
    return { ok: true, kind: 'user', name: mail }
  }
  const upn = p.userPrincipalName?.trim()
  return upn ? { ok: true, kind: 'user', name: upn } : undefined
}

/** Text naming an Entra principal in a skip. */
export function describeEntraPrincipal(p: EntraPrincipal): string {
  const key = p.kind === 'servicePrincipal' ? p.appId : isGuest(p) ? p.mail || p.userPrincipalName : p.userPrincipalName
  return describePrincipal(p.displayName, key?.trim() || p.id)
}

export interface DesiredPrincipal {
  kind: PrincipalKind
  /** principalId(kind, name). */
  id: string
  /** userName or applicationId as Entra spells it (what a created principal gets). */
  name: string
  displayName: string
  /** Entra object id (stamped as externalId on creation). */
  entraId: string
  /** Entitlements given directly: the union of those of the members-only mappings it is in. */
  entitlements: Set<Entitlement>
}

export interface DesiredGroup {
  /** Target Databricks group name. */
  name: string
  /** Entra group ids of the mappings targeting it (usually one), sorted. */
  entraIds: string[]
  /** Union of the mappings' entitlements, sorted. */
  entitlements: Entitlement[]
  /** The gentlest removal of the mappings targeting it. */
  removal: Removal
  /** principalId of each desired member. */
  members: Set<string>
}

export interface DesiredState {
  /** By principalId, in sorted order. */
  principals: Map<string, DesiredPrincipal>
  /** Sorted by lower-cased name. */
  groups: DesiredGroup[]
  /** Gentlest removal of the members-only mappings; undefined when there are none. */
  membersOnlyRemoval?: Removal
  /** principalIds desired by a members-only mapping. */
  membersOnlyPrincipals: Set<string>
  /** Union of the members-only mappings' entitlements (what the action gives the principals it adds directly). */
  membersOnlyEntitlements: Set<Entitlement>
  skips: Skip[]
}

/** The Databricks group a mapping targets: `databricks`, or the Entra display name when only an object id is given. */
export function targetGroupName(mapping: MappingInput, read: Pick<EntraGroupRead, 'displayName'>): string {
  return isGuid(mapping.entra) && mapping.databricks === mapping.entra ? read.displayName : mapping.databricks
}

/** Case-insensitive order, ties broken by the exact text (so it is total and deterministic). */
export function compareText(a: string, b: string): number {
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0
}

export function buildDesired(mappings: { mapping: MappingInput; read: EntraGroupRead }[]): DesiredState {
  // Sorted first, so every choice below (which entry wins a collision) is independent of input order.
  const sorted = mappings
    .map((m) => ({ ...m, name: targetGroupName(m.mapping, m.read) }))
    .sort(
      (a, b) =>
        compareText(a.name, b.name) ||
        compareText(a.read.id, b.read.id) ||
        compareText(a.mapping.entra, b.mapping.entra) ||
        Number(a.mapping.membersOnly) - Number(b.mapping.membersOnly)
    )
  const principals = new Map<string, DesiredPrincipal>()
  const groups = new Map<string, DesiredGroup>()
  const membersOnlyPrincipals = new Set<string>()
  const membersOnlyEntitlements = new Set<Entitlement>()
  const skips: Skip[] = []
  let membersOnlyRemoval: Removal | undefined

  for (const { mapping, read, name } of sorted) {
    let group: DesiredGroup | undefined
    if (mapping.membersOnly) {
      membersOnlyRemoval = membersOnlyRemoval ? gentlest(membersOnlyRemoval, mapping.removal) : mapping.removal
      for (const e of mapping.entitlements) membersOnlyEntitlements.add(e)
    } else {
      const groupKey = name.toLowerCase()
      group = groups.get(groupKey)
      if (!group) {
        group = { name, entraIds: [], entitlements: [], removal: mapping.removal, members: new Set() }
        groups.set(groupKey, group)
      }
      group.entraIds = [...new Set([...group.entraIds, read.id])].sort(compareText)
      group.entitlements = [...new Set([...group.entitlements, ...mapping.entitlements])].sort()
      group.removal = gentlest(group.removal, mapping.removal)
    }

    if (mapping.nested === 'direct') {
      for (const nested of [...new Set(read.nestedGroups)].sort(compareText)) {
        skips.push({
          reason: 'nested-group',
          subject: nested,
          group: name,
          detail: `members of nested group ${nested} not synced (nested: direct)`
        })
      }
    }

    const members = [...read.members].sort((a, b) => compareText(a.id, b.id) || compareText(a.kind, b.kind))
    for (const member of members) {
      const identity = identityOf(member)
      if (!identity) continue
      if (!identity.ok) {
        skips.push({ ...identity.skip, subject: describeEntraPrincipal(member), group: name })
        continue
      }
      const id = principalId(identity.kind, identity.name)
      let principal = principals.get(id)
      if (!principal) {
        principal = {
          kind: identity.kind,
          id,
          name: identity.name,
          displayName: member.displayName,
          entraId: member.id,
          entitlements: new Set()
        }
        principals.set(id, principal)
      }
      group?.members.add(id)
      if (mapping.membersOnly) {
        membersOnlyPrincipals.add(id)
        for (const e of mapping.entitlements) principal.entitlements.add(e)
      }
    }
  }

  return {
    principals: new Map([...principals].sort(([a], [b]) => compareText(a, b))),
    groups: [...groups.values()].sort((a, b) => compareText(a.name, b.name)),
    membersOnlyRemoval,
    membersOnlyPrincipals,
    membersOnlyEntitlements,
    skips
  }
}

export function desiredRef(p: DesiredPrincipal, databricksId: string | undefined): PrincipalRef {
  const ref: PrincipalRef = {
    kind: p.kind,
    key: p.name.toLowerCase(),
    display: describePrincipal(p.displayName, p.name)
  }
  if (databricksId !== undefined) ref.id = databricksId
  return ref
}
