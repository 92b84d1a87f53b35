// Desired state, pure: what the source reads of one target's mappings ask for — the principals (once each, by
// identity key), the target groups with their members, and what was skipped on the way (members the source left
// out, nested groups not followed). Which members have an identity, and under which key, is the source's rule.
import type {
  Entitlement,
  MappingInput,
  PrincipalKind,
  PrincipalRef,
  Removal,
  Skip,
  SourceGroupRead,
  SourcePrincipal
} from './model.js'
import { compareText, describePrincipal } from './text.js'

/** Removal settings from the gentlest to the harshest: where mappings disagree, the gentler one wins. */
export const REMOVAL_ORDER: readonly Removal[] = ['keep', 'remove-membership', 'deactivate', 'delete']

export function gentlest(a: Removal, b: Removal): Removal {
  return REMOVAL_ORDER.indexOf(a) <= REMOVAL_ORDER.indexOf(b) ? a : b
}

/** Map key of a principal: kind plus lower-cased identity key. */
export const principalId = (kind: PrincipalKind, key: string): string => `${kind}:${key.toLowerCase()}`

/** The strings a source member is planned under: its map key, its identity key, and the summary's text for it. */
export interface PrincipalNames {
  id: string
  key: string
  display: string
}

/**
 * One set of names per source member for the whole run: the source shares a member's object across every group and
 * target that lists it, so the plans of all workspaces share these strings instead of each building its own (a
 * first sync of a large estate refers to the same principals hundreds of thousands of times).
 */
const names = new WeakMap<SourcePrincipal, PrincipalNames>()

export function principalNames(member: SourcePrincipal): PrincipalNames {
  let found = names.get(member)
  if (!found) {
    found = {
      id: principalId(member.kind, member.key),
      key: member.key.toLowerCase(),
      display: describePrincipal(member.displayName, member.key)
    }
    names.set(member, found)
  }
  return found
}

export interface DesiredPrincipal {
  kind: PrincipalKind
  /** principalId(kind, name). */
  id: string
  /** userName or applicationId as the source spells it (what a created principal gets). */
  name: string
  displayName: string
  /** The source's object id (stamped as externalId on creation). */
  sourceId: string
  /** Entitlements given directly: the union of those of the members-only mappings it is in. */
  entitlements: Set<Entitlement>
  /** Its names in plans (principalNames: shared by every target's plan). */
  names: PrincipalNames
}

export interface DesiredGroup {
  /** Target Databricks group name. */
  name: string
  /** Source group ids of the mappings targeting it (usually one), sorted. */
  sourceIds: string[]
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
export function targetGroupName(mapping: MappingInput, read: Pick<SourceGroupRead, 'id' | 'displayName'>): string {
  return mapping.databricks === mapping.entra && mapping.entra.trim().toLowerCase() === read.id.toLowerCase()
    ? read.displayName
    : mapping.databricks
}

export function buildDesired(mappings: { mapping: MappingInput; read: SourceGroupRead }[]): DesiredState {
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
        group = { name, sourceIds: [], entitlements: [], removal: mapping.removal, members: new Set() }
        groups.set(groupKey, group)
      }
      group.sourceIds = [...new Set([...group.sourceIds, read.id])].sort(compareText)
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

    for (const skipped of read.skipped) skips.push({ ...skipped, group: name })
    const members = [...read.members].sort((a, b) => compareText(a.sourceId, b.sourceId) || compareText(a.kind, b.kind))
    for (const member of members) {
      const memberNames = principalNames(member)
      const id = memberNames.id
      let principal = principals.get(id)
      if (!principal) {
        principal = {
          kind: member.kind,
          id,
          name: member.key,
          displayName: member.displayName,
          sourceId: member.sourceId,
          entitlements: new Set(),
          names: memberNames
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
  const ref: PrincipalRef = { kind: p.kind, key: p.names.key, display: p.names.display }
  if (databricksId !== undefined) ref.id = databricksId
  return ref
}
