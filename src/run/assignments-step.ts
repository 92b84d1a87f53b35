// The workspace-assignments step of a workspace: which account groups it has, as USER or ADMIN. Runs after the
// account's identities step (so the groups it created have ids) and after the workspace's own identities step
// (a workspace gets a group once its members are in); its own plan, breaker and status.
import { planAssignments } from '../core/assignments.js'
import { circuitBreaker } from '../core/breaker.js'
import type { MaxDeletions } from '../core/model.js'
import type { StepResult } from '../core/results.js'
import type { AccountGroupAssignment } from '../config/types.js'
import type { AssignmentsTarget } from '../ports/identity-target.js'
import { describeError } from '../errors.js'
import type { StepSpec } from './step.js'

/** The account this run knows: its assignments target and what its own identities step did. */
export interface AccountContext {
  target: AssignmentsTarget
  /** The account's identities step of this run, when it ran. */
  identities?: StepResult
  /** Lower-cased names of the account groups the config manages. */
  managed: ReadonlySet<string>
  /** Whether removal allows unassigning managed groups no longer listed (no account mapping keeps them). */
  removalAllows: boolean
}

export interface AssignmentsStepInput {
  workspace: { name: string; workspaceId?: string | undefined; accountGroups: readonly AccountGroupAssignment[] }
  account: AccountContext | undefined
  maxDeletions: MaxDeletions
  /** The workspace's own identities step of this run, when it ran: assignments wait for its members. */
  identities?: StepResult
}

type Read = {
  workspaceId: string
  current: Awaited<ReturnType<AssignmentsTarget['list']>>
  groups: Map<string, { id?: string }>
}

export function assignmentsStep(input: AssignmentsStepInput): StepSpec<Read> {
  const { workspace: ws, account } = input
  const stopped = input.identities && ['tripped', 'failed', 'skipped'].includes(input.identities.status)
  return {
    step: 'assignments',
    writers: account ? { assignments: account.target.writer } : {},
    ...(stopped
      ? { blocked: 'Account groups were not assigned because the workspace’s identities step did not complete.' }
      : {}),
    async read() {
      const fail = (error: string) => ({ ok: false as const, status: 'failed' as const, error })
      if (!account) return fail('Account groups cannot be assigned: the config declares no account.')
      const accountStep = account.identities?.status
      if (accountStep === 'failed' || accountStep === 'tripped') {
        return fail('Account groups were not assigned because the account sync did not complete.')
      }
      if (!ws.workspaceId)
        return fail('Account groups cannot be assigned: the workspace id is unknown (set workspace-id).')
      try {
        const current = await account.target.list(ws.workspaceId)
        const groups = new Map<string, { id?: string }>(
          (await account.target.groups()).map((g) => [g.displayName.toLowerCase(), { id: g.id }])
        )
        // In a dry-run the account's new groups exist only in its plan.
        for (const op of account.identities?.plan?.operations ?? []) {
          if (op.kind === 'create-group' && !groups.has(op.displayName.toLowerCase())) {
            groups.set(op.displayName.toLowerCase(), {})
          }
        }
        return { ok: true, actual: { workspaceId: ws.workspaceId, current, groups } }
      } catch (error) {
        return fail(`Assigning account groups failed: ${describeError(error)}`)
      }
    },
    plan({ workspaceId, current, groups }) {
      const planned = planAssignments({
        workspaces: [
          {
            name: ws.name,
            workspaceId,
            accountGroups: ws.accountGroups.map((a) => ({ group: a.group, permission: a.permission })),
            removalAllows: account?.removalAllows ?? false
          }
        ],
        current: new Map([[workspaceId, current]]),
        accountGroups: groups,
        managedGroupNames: account?.managed ?? new Set()
      })
      const base = current.filter((a) => a.groupName).length
      return {
        plan: {
          step: 'assignments',
          operations: planned.operations,
          skips: [],
          breaker: circuitBreaker(planned.operations, base, input.maxDeletions)
        },
        problems: planned.problems
      }
    },
    tripped: (b) =>
      `Circuit breaker: the plan unassigns ${b.removals} account group(s), over the limit of ${b.limit}; no assignment was changed.`
  }
}
