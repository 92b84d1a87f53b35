// The identities planner, pure: desired state (a source's reads) vs actual state (a target's) -> a deterministic list
// of typed operations, the skips with their reasons, and the circuit breaker. No I/O; same input, same plan.
import { circuitBreaker } from './breaker.js'
import { buildDesired, desiredRef, gentlest, principalId, type DesiredGroup } from './desired.js'
import type {
  ActualGroup,
  ActualPrincipal,
  ActualState,
  Entitlement,
  MappingInput,
  MaxDeletions,
  Owns,
  PrincipalKind,
  PrincipalRef,
  Removal,
  Skip,
  SourceGroupRead
} from './model.js'
import { compareOperations, type Operation } from './operations.js'
import type { StepPlan } from './results.js'
import { ADMINS_GROUP, compareText, describePrincipal, isReservedGroup } from './text.js'

export interface PlanInput {
  mappings: { mapping: MappingInput; read: SourceGroupRead }[]
  actual: ActualState
  /** The target's ownership rule: only what it owns is deactivated or deleted. */
  owns: Owns
  /**
   * The target's display-name rule: whether it takes a new display name for this principal (default: every one).
   * A target where another system keeps some principals' names says no for those, and none is planned.
   */
  updatesDisplayName?: (p: ActualPrincipal) => boolean
  maxDeletions: MaxDeletions
}

/** An actual principal with its kind taken from the list it came from and its map key. */
interface Existing {
  kind: PrincipalKind
  pid: string
  p: ActualPrincipal
}

const existingRef = (e: Existing): PrincipalRef => ({
  kind: e.kind,
  key: e.p.key.toLowerCase(),
  id: e.p.id,
  display: describePrincipal(e.p.displayName, e.p.key)
})

const compareRefs = (a: PrincipalRef, b: PrincipalRef): number =>
  compareText(a.key, b.key) || compareText(a.kind, b.kind)

const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => compareText(a.id, b.id))

/** The identities step's plan: users, service principals, groups, their entitlements and memberships. */
export function planIdentities(input: PlanInput): StepPlan {
  const { actual, owns } = input
  const desired = buildDesired(input.mappings)
  const operations: Operation[] = []
  const skips: Skip[] = [...desired.skips]

  // ---- actual, indexed (sorted first so a duplicate resolves the same way whatever the input order) ----
  const existingByPid = new Map<string, Existing>()
  const existingById = new Map<string, Existing>()
  const lists: [PrincipalKind, ActualPrincipal[]][] = [
    ['user', actual.users],
    ['servicePrincipal', actual.servicePrincipals]
  ]
  for (const [kind, list] of lists) {
    for (const p of byId(list)) {
      const e: Existing = { kind, pid: principalId(kind, p.key), p }
      if (!existingByPid.has(e.pid)) existingByPid.set(e.pid, e)
      if (!existingById.has(p.id)) existingById.set(p.id, e)
    }
  }
  const existingSorted = [...existingById.values()].sort(
    (a, b) => compareText(a.p.key, b.p.key) || compareText(a.kind, b.kind) || compareText(a.p.id, b.p.id)
  )
  const actualGroups = byId(actual.groups)
  const adminIds = new Set(
    actualGroups.filter((g) => g.displayName.trim().toLowerCase() === ADMINS_GROUP).flatMap((g) => g.memberIds)
  )
  const protectedWhy = (id: string): string | undefined =>
    id === actual.selfId
      ? 'the identity this action runs as is never removed'
      : adminIds.has(id)
        ? 'members of the admins group are never removed'
        : undefined

  // ---- groups ----
  const claimed = new Set<string>()
  const findGroup = (g: DesiredGroup): { group: ActualGroup; byExternalId: boolean } | undefined => {
    const free = (a: ActualGroup): boolean => !claimed.has(a.id)
    const ids = new Set(g.sourceIds.map((id) => id.toLowerCase()))
    const byExternal = actualGroups.find(
      (a) => free(a) && a.externalId !== undefined && ids.has(a.externalId.toLowerCase())
    )
    if (byExternal) return { group: byExternal, byExternalId: true }
    const byName = actualGroups.find((a) => free(a) && a.displayName.toLowerCase() === g.name.toLowerCase())
    return byName ? { group: byName, byExternalId: false } : undefined
  }

  /** Members that left a group and are to be removed from it, by group; settled once identity removals are known. */
  const pendingRemovals: { group: string; groupId: string; members: Existing[] }[] = []
  /** Per actual principal id: the gentlest removal of the managed groups it left. */
  const leftRemoval = new Map<string, Removal>()
  const managedIdentities = new Set<string>()
  let managedMemberships = 0
  /** Desired groups whose target group is kept elsewhere. */
  const externalGroups: DesiredGroup[] = []

  for (const g of desired.groups) {
    if (isReservedGroup(g.name)) {
      skips.push(reservedSkip(g.name, g.name))
      continue
    }
    const found = findGroup(g)
    if (!found) {
      operations.push({
        kind: 'create-group',
        displayName: g.name,
        externalId: g.sourceIds[0] ?? '',
        entitlements: g.entitlements
      })
      const members = [...g.members].map((pid) => desiredMemberRef(pid))
      if (members.length > 0)
        operations.push({ kind: 'add-members', group: g.name, members: members.sort(compareRefs) })
      continue
    }
    const { group: a, byExternalId } = found
    claimed.add(a.id)
    if (isReservedGroup(a.displayName)) {
      skips.push(reservedSkip(a.displayName, g.name))
      continue
    }
    if (a.external) {
      // Its membership is kept elsewhere: not adopted, not written; its members are not made here for it.
      externalGroups.push(g)
      skips.push({
        reason: 'external-group',
        subject: a.displayName,
        group: g.name,
        detail: `not synced: ${a.external.reason}; ${a.external.fix}`
      })
      continue
    }
    if (byExternalId && a.displayName.toLowerCase() !== g.name.toLowerCase()) {
      operations.push({ kind: 'rename-group', groupId: a.id, from: a.displayName, to: g.name })
    }

    const has = new Set(a.entitlements)
    const add = g.entitlements.filter((e) => !has.has(e))
    const remove = [...has].filter((e) => !g.entitlements.includes(e as Entitlement)).sort() as Entitlement[]
    if (add.length > 0 || remove.length > 0) {
      operations.push({ kind: 'set-group-entitlements', group: g.name, groupId: a.id, add, remove })
    }

    const memberIds = new Set(a.memberIds)
    const additions = [...g.members]
      .filter((pid) => {
        const e = existingByPid.get(pid)
        return !e || !memberIds.has(e.p.id)
      })
      .map((pid) => desiredMemberRef(pid))
    if (additions.length > 0) {
      operations.push({ kind: 'add-members', group: g.name, groupId: a.id, members: additions.sort(compareRefs) })
    }

    // Current members that are users or service principals; group members (and unknown ids) are left alone.
    const current = existingSorted.filter((e) => memberIds.has(e.p.id))
    managedMemberships += current.length
    const leaving: Existing[] = []
    for (const e of current) {
      managedIdentities.add(e.p.id)
      if (g.members.has(e.pid)) continue
      if (!desired.principals.has(e.pid)) {
        const before = leftRemoval.get(e.p.id)
        leftRemoval.set(e.p.id, before ? gentlest(before, g.removal) : g.removal)
      }
      const subject = describePrincipal(e.p.displayName, e.p.key)
      if (g.removal === 'keep') {
        skips.push({
          reason: 'removal-keep',
          subject,
          group: g.name,
          detail: `not in the Entra group any more; kept in ${g.name} (removal: keep)`
        })
        continue
      }
      const why = protectedWhy(e.p.id)
      if (why) {
        skips.push({ reason: 'protected', subject, group: g.name, detail: `not removed from ${g.name}: ${why}` })
        continue
      }
      leaving.push(e)
    }
    if (leaving.length > 0) pendingRemovals.push({ group: g.name, groupId: a.id, members: leaving })
  }

  // Principals wanted only through groups kept elsewhere are not this target's to make.
  const wantedElsewhere = new Set(externalGroups.flatMap((g) => [...g.members]))
  for (const g of desired.groups)
    if (!externalGroups.includes(g)) for (const pid of g.members) wantedElsewhere.delete(pid)
  for (const pid of desired.membersOnlyPrincipals) wantedElsewhere.delete(pid)

  // ---- desired principals: create, or bring the existing one in step ----
  for (const d of desired.principals.values()) {
    if (wantedElsewhere.has(d.id)) continue
    const e = existingByPid.get(d.id)
    const entitlements = [...d.entitlements].sort()
    if (!e) {
      operations.push(
        d.kind === 'user'
          ? { kind: 'create-user', userName: d.name, displayName: d.displayName, externalId: d.sourceId, entitlements }
          : {
              kind: 'create-service-principal',
              applicationId: d.name,
              displayName: d.displayName,
              externalId: d.sourceId,
              entitlements
            }
      )
      continue
    }
    const principal = existingRef(e)
    if (d.displayName && (e.p.displayName ?? '') !== d.displayName && (input.updatesDisplayName?.(e.p) ?? true)) {
      operations.push({ kind: 'update-display-name', principal, from: e.p.displayName ?? '', to: d.displayName })
    }
    if (!e.p.active) operations.push({ kind: 'reactivate', principal })
    const missing = entitlements.filter((x) => !e.p.entitlements.includes(x))
    if (missing.length > 0) operations.push({ kind: 'add-entitlements', principal, add: missing })
  }

  // ---- identities no mapping wants any more ----
  if (desired.membersOnlyRemoval) {
    // Which principals a members-only mapping added cannot be known without state; the best sign is the one the
    // action leaves: an Entra object id as externalId and, directly, an entitlement those mappings give.
    const given = [...desired.membersOnlyEntitlements]
    const addedByMembersOnly = (p: ActualPrincipal): boolean =>
      owns(p) && (given.length === 0 || given.some((x) => p.entitlements.includes(x)))
    for (const e of existingSorted) {
      const added = addedByMembersOnly(e.p)
      if (added || desired.membersOnlyPrincipals.has(e.pid)) managedIdentities.add(e.p.id)
      if (!added || desired.principals.has(e.pid)) continue
      const before = leftRemoval.get(e.p.id)
      leftRemoval.set(e.p.id, before ? gentlest(before, desired.membersOnlyRemoval) : desired.membersOnlyRemoval)
    }
  }
  const deleted = new Set<string>()
  for (const e of existingSorted) {
    const removal = leftRemoval.get(e.p.id)
    if (removal !== 'deactivate' && removal !== 'delete') continue
    const subject = describePrincipal(e.p.displayName, e.p.key)
    const verb = removal === 'delete' ? 'deleted' : 'deactivated'
    const why = protectedWhy(e.p.id)
    if (why) {
      skips.push({ reason: 'protected', subject, detail: `not ${verb}: ${why}` })
    } else if (!owns(e.p)) {
      skips.push({
        reason: 'not-owned',
        subject,
        detail: `not ${verb}: the action did not create it (${owns.rule ?? 'no Entra object id as externalId'})`
      })
    } else if (removal === 'delete') {
      deleted.add(e.p.id)
      operations.push({ kind: 'delete', principal: existingRef(e) })
    } else if (e.p.active) {
      operations.push({ kind: 'deactivate', principal: existingRef(e) })
    }
  }

  // Deleting an identity takes its memberships with it: no separate removal for those.
  for (const r of pendingRemovals) {
    const members = r.members.filter((e) => !deleted.has(e.p.id)).map(existingRef)
    if (members.length > 0) {
      operations.push({
        kind: 'remove-members',
        group: r.group,
        groupId: r.groupId,
        members: members.sort(compareRefs)
      })
    }
  }

  operations.sort(compareOperations)
  return {
    step: 'identities',
    operations,
    skips: dedupeSkips(skips),
    breaker: circuitBreaker(operations, managedMemberships + managedIdentities.size, input.maxDeletions)
  }

  function desiredMemberRef(pid: string): PrincipalRef {
    const d = desired.principals.get(pid)
    if (!d) throw new Error(`planner: member ${pid} has no desired principal`)
    return desiredRef(d, existingByPid.get(pid)?.p.id)
  }
}

function reservedSkip(name: string, target: string): Skip {
  return {
    reason: 'protected',
    subject: name,
    group: target,
    detail: `${name} is a Databricks built-in group; the action never changes it`
  }
}

export function compareSkips(a: Skip, b: Skip): number {
  return (
    compareText(a.reason, b.reason) ||
    compareText(a.group ?? '', b.group ?? '') ||
    compareText(a.subject, b.subject) ||
    compareText(a.detail, b.detail)
  )
}

/** Sorted, each skip once. */
export function dedupeSkips(skips: readonly Skip[]): Skip[] {
  const seen = new Set<string>()
  return [...skips].sort(compareSkips).filter((s) => {
    const key = JSON.stringify([s.reason, s.group ?? null, s.subject, s.detail])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
