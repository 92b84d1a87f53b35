// Workspace access of an account with automatic identity management, pure: the groups and service principals a
// workspace should have (by account id), as USER or ADMIN and with the entitlements the config sets, against what the
// account lists. Assignments of principals the account block lists and this workspace no longer does are removed
// (unless removal: keep); any other assignment the config does not mention is reported as drift and left alone.
import { RANK, satisfies, type CurrentAssignment } from './assignments.js'
import type { ResolvedPrincipal } from './aim.js'
import type { AimRef, Entitlement, WorkspacePermission } from './model.js'
import { compareOperations, type Operation } from './operations.js'
import type { Finding } from './results.js'
import { describePrincipal } from './text.js'

export interface AimAssignmentWanted {
  /** Its account id when the account has it (else it is resolved in this run). */
  principal: AimRef
  permission: WorkspacePermission
  /** The entitlements it gets directly; undefined: not managed. */
  entitlements?: Entitlement[]
}

export interface AimAssignmentInput {
  workspace: { name: string; workspaceId: string }
  wanted: readonly AimAssignmentWanted[]
  current: readonly CurrentAssignment[]
  /** The principals the account block lists (the ones whose assignments the config manages). */
  managed: readonly ResolvedPrincipal[]
  /** Direct entitlements by principal id, read for the wanted principals whose entitlements are managed. */
  entitlements: ReadonlyMap<string, readonly Entitlement[]>
}

export interface AimAssignmentPlan {
  operations: Operation[]
  /** Assignments the config does not mention. */
  drift: Finding[]
  /** What the breaker's share applies to: the group and service principal assignments the workspace has. */
  base: number
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x))

/** One entry per principal: listed twice (by name and by object id), it gets the higher permission. */
function merged(wanted: readonly AimAssignmentWanted[]): AimAssignmentWanted[] {
  const byObject = new Map<string, AimAssignmentWanted>()
  for (const w of wanted) {
    const key = `${w.principal.kind}:${w.principal.externalId.toLowerCase()}`
    const before = byObject.get(key)
    if (!before) byObject.set(key, w)
    else {
      byObject.set(key, {
        principal: before.principal,
        permission: RANK[w.permission] > RANK[before.permission] ? w.permission : before.permission,
        ...((before.entitlements ?? w.entitlements) ? { entitlements: before.entitlements ?? w.entitlements } : {})
      })
    }
  }
  return [...byObject.values()]
}

function currentName(c: CurrentAssignment): { kind: string; name: string } {
  if (c.groupName !== undefined) return { kind: 'group', name: c.groupName }
  if (c.servicePrincipalName !== undefined) {
    return { kind: 'service principal', name: describePrincipal(c.displayName, c.servicePrincipalName) }
  }
  if (c.userName !== undefined) return { kind: 'user', name: describePrincipal(c.displayName, c.userName) }
  return { kind: 'principal', name: c.displayName ?? c.principalId }
}

export function planAimAssignments(input: AimAssignmentInput): AimAssignmentPlan {
  const { workspace } = input
  const operations: Operation[] = []
  const current = new Map(input.current.map((c) => [c.principalId, c]))
  const wanted = merged(input.wanted)
  const wantedIds = new Set(wanted.flatMap((w) => (w.principal.id ? [w.principal.id] : [])))

  for (const w of wanted) {
    const id = w.principal.id
    const has = id !== undefined ? current.get(id) : undefined
    if (!has || !satisfies(has.permissions, w.permission)) {
      operations.push({
        kind: 'assign-principal',
        workspace: workspace.name,
        workspaceId: workspace.workspaceId,
        principal: w.principal,
        permission: w.permission
      })
    }
    if (w.entitlements === undefined) continue
    // Not assigned yet: it has no direct entitlements.
    const before = (has && id !== undefined ? input.entitlements.get(id) : undefined) ?? []
    if (!sameSet(before, w.entitlements)) {
      operations.push({
        kind: 'set-workspace-entitlements',
        workspace: workspace.name,
        workspaceId: workspace.workspaceId,
        principal: w.principal,
        permission: w.permission,
        entitlements: [...w.entitlements].sort(),
        from: [...before].sort()
      })
    }
  }

  const managed = new Map(input.managed.flatMap((p) => (p.id ? [[p.id, p] as const] : [])))
  const drift: Finding[] = []
  let base = 0
  for (const c of input.current) {
    if (c.userName === undefined) base++
    if (wantedIds.has(c.principalId)) continue
    const listed = managed.get(c.principalId)
    if (listed && listed.kind !== 'user') {
      if (listed.removal === 'keep') continue
      operations.push({
        kind: 'unassign-principal',
        workspace: workspace.name,
        workspaceId: workspace.workspaceId,
        principal: { kind: listed.kind, externalId: listed.externalId, name: listed.name, id: c.principalId }
      })
      continue
    }
    const { kind, name } = currentName(c)
    drift.push({
      kind: 'drift',
      subject: `${kind} ${name}`,
      detail: `assigned to workspace ${workspace.name} as ${c.permissions.join(', ') || 'nothing'}, and not in the config`,
      fix:
        kind === 'user'
          ? 'assign the user through an Entra group listed here, or remove the assignment in the account console'
          : `to manage it, list it under account.${kind === 'group' ? 'groups' : 'service-principals'} (and this workspace's account-${kind === 'group' ? 'groups' : 'service-principals'} to keep it); else remove it in the account console`
    })
  }
  operations.sort(compareOperations)
  drift.sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
  return { operations, drift, base }
}

/** A listed principal as an assignment names it. */
export const aimRefOf = (p: ResolvedPrincipal): AimRef => ({
  kind: p.kind,
  externalId: p.externalId,
  name: p.name,
  ...(p.id ? { id: p.id } : {})
})
