// Workspace assignments, pure: which account groups each workspace should have (the config's `accountGroups`)
// against what the account API lists -> assign (missing, or another permission: a PUT replaces them) and unassign
// (only groups the config manages, only where removal allows it). User and service-principal assignments, and
// groups the config does not manage, are never touched.
import type { WorkspacePermission } from './model.js'
import { compareOperations, type Operation } from './operations.js'

export interface AssignmentWorkspace {
  /** Workspace name from the config (for messages and the summary). */
  name: string
  /** Numeric workspace id of the account API. */
  workspaceId: string
  accountGroups: { group: string; permission: WorkspacePermission }[]
  /** Whether assignments of managed groups no longer listed are removed (false: they are kept). */
  removalAllows: boolean
}

/** One assignment as the account API lists it. */
export interface CurrentAssignment {
  /** Account principal id (user, service principal or group). */
  principalId: string
  /** Set for a group principal only. */
  groupName?: string
  /** Set for a user only (AIM drift reports name them). */
  userName?: string
  /** Set for a service principal only: its application id. */
  servicePrincipalName?: string
  displayName?: string
  permissions: string[]
}

export interface AssignmentInput {
  workspaces: AssignmentWorkspace[]
  /** Current assignments by workspace id. A workspace missing here is taken as having none. */
  current: ReadonlyMap<string, readonly CurrentAssignment[]>
  /** Account groups by lower-cased name; an entry without id is created in this run (its id is known at apply). */
  accountGroups: ReadonlyMap<string, { id?: string }>
  /** Names of the account groups the config manages (account.groups), any case. */
  managedGroupNames: ReadonlySet<string>
}

export interface AssignmentPlan {
  /** assign-to-workspace and unassign-from-workspace, in apply order. */
  operations: Operation[]
  /** What could not be planned, one sentence each (an unknown account group, a workspace without id). */
  problems: string[]
}

export const RANK: Record<WorkspacePermission, number> = { USER: 1, ADMIN: 2 }

/** Whether what a principal has already gives exactly `wanted` (ADMIN may be listed with USER). */
export function satisfies(permissions: readonly string[], wanted: WorkspacePermission): boolean {
  const has = new Set(permissions.map((p) => p.toUpperCase()))
  return wanted === 'ADMIN' ? has.has('ADMIN') : has.has('USER') && !has.has('ADMIN')
}

export function planAssignments(input: AssignmentInput): AssignmentPlan {
  const operations: Operation[] = []
  const problems: string[] = []
  const managed = new Set([...input.managedGroupNames].map((n) => n.toLowerCase()))

  for (const ws of input.workspaces) {
    if (!ws.workspaceId.trim()) {
      if (ws.accountGroups.length > 0) {
        problems.push(
          `workspace ${ws.name}: no workspace id, so its account groups were not assigned; set workspace-id in the config.`
        )
      }
      continue
    }

    // Desired, once per group (a group listed twice gets the higher permission).
    const desired = new Map<string, { group: string; permission: WorkspacePermission }>()
    for (const a of ws.accountGroups) {
      const key = a.group.toLowerCase()
      const before = desired.get(key)
      if (!before || RANK[a.permission] > RANK[before.permission])
        desired.set(key, { group: before?.group ?? a.group, permission: a.permission })
    }

    const current = input.current.get(ws.workspaceId) ?? []
    const byPrincipal = new Map(current.map((c) => [c.principalId, c]))

    for (const [key, want] of [...desired].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const known = input.accountGroups.get(key)
      if (!known && !managed.has(key)) {
        problems.push(
          `workspace ${ws.name}: account group "${want.group}" does not exist in the account and no account.groups ` +
            'mapping creates it, so it was not assigned; check the name, or add the Entra group to account.groups.'
        )
        continue
      }
      const groupId = known?.id
      const has = groupId !== undefined ? byPrincipal.get(groupId) : undefined
      if (has && satisfies(has.permissions, want.permission)) continue
      operations.push({
        kind: 'assign-to-workspace',
        workspace: ws.name,
        workspaceId: ws.workspaceId,
        group: want.group,
        ...(groupId !== undefined ? { groupId } : {}),
        permission: want.permission
      })
    }

    if (!ws.removalAllows) continue
    for (const c of current) {
      // Group assignments only; and only of groups the config manages that this workspace no longer lists.
      if (c.groupName === undefined) continue
      const key = c.groupName.toLowerCase()
      if (!managed.has(key) || desired.has(key)) continue
      operations.push({
        kind: 'unassign-from-workspace',
        workspace: ws.name,
        workspaceId: ws.workspaceId,
        group: c.groupName,
        groupId: c.principalId
      })
    }
  }

  operations.sort(compareOperations)
  return { operations, problems }
}
