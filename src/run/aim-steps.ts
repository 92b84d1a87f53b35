// The steps of an account with automatic identity management (account.identity: aim), each read -> plan -> guard ->
// apply like every step (step.ts): the account's resolve (listed Entra principals brought into the account), its
// denylist, its readiness report (dry-run), and each workspace's assignments and entitlements. None of them writes a
// user or a membership: Databricks keeps those from Entra itself.
import { aimRefOf, planAimAssignments, type AimAssignmentWanted } from '../core/aim-assignments.js'
import { aimName, principalFor, type AccountEntry, type ResolvePlan, type SourceEntry } from '../core/aim.js'
import { circuitBreaker } from '../core/breaker.js'
import type { CurrentAssignment } from '../core/assignments.js'
import { planDenyRules, type CurrentRule, type DenyWanted } from '../core/deny-rules.js'
import type { AimKind, Entitlement, MaxDeletions } from '../core/model.js'
import { readinessFindings } from '../core/readiness.js'
import type { StepResult } from '../core/results.js'
import type { Workspace } from '../config/types.js'
import { describeError } from '../errors.js'
import { isGuid } from '../util/guid.js'
import { allOrFailures, type AimContext } from './aim-context.js'
import type { StepSpec } from './step.js'

/** The account group the action keeps as its record at account level (SCIM mode); never a readiness finding. */
const OWNERSHIP_GROUP = 'entra-databricks-sync-managed'

const failed = (error: string) => ({ ok: false as const, status: 'failed' as const, error })

/** The account's resolve: each listed principal the account does not have yet is resolved (created) now. */
export function resolveStep(
  ctx: AimContext,
  maxDeletions: MaxDeletions,
  log: (m: string) => void
): StepSpec<ResolvePlan> {
  return {
    step: 'resolve',
    writers: { 'identity-api': ctx.target.identityWriter },
    async read() {
      try {
        return { ok: true, actual: await ctx.resolvePlan() }
      } catch (error) {
        return failed(describeError(error))
      }
    },
    plan(resolved) {
      const present = resolved.principals.filter((p) => p.present).length
      log(`account: ${resolved.operations.length} principal(s) to resolve, ${present} already in the account`)
      return {
        plan: {
          step: 'resolve',
          operations: resolved.operations,
          skips: [],
          breaker: circuitBreaker(resolved.operations, 0, maxDeletions)
        },
        problems: []
      }
    },
    tripped: () => 'internal error: resolving removes nothing, so no breaker can trip'
  }
}

type DenyRead = { wanted: DenyWanted[]; rules: CurrentRule[] }

/** The denylist: a rule for each entry, lifted for entries marked remove; rules made by hand are left alone. */
export function denyStep(ctx: AimContext, maxDeletions: MaxDeletions): StepSpec<DenyRead> {
  return {
    step: 'deny',
    writers: { 'identity-api': ctx.target.identityWriter },
    async read() {
      try {
        const [rules, wanted] = await Promise.all([
          ctx.target.denyRules(),
          allOrFailures(
            (ctx.account.deny ?? []).map((entry) => async (): Promise<DenyWanted> => {
              let found: SourceEntry
              try {
                found = await ctx.directory.find(entry.kind, entry.entra)
              } catch (error) {
                // A rule to lift may name a principal deleted from Entra since: its object id still names the rule.
                if (!entry.remove || !isGuid(entry.entra)) throw error
                found = { kind: entry.kind, id: entry.entra.toLowerCase(), displayName: entry.entra }
              }
              return {
                principal: { kind: entry.kind, externalId: found.id, name: aimName(found) },
                remove: entry.remove
              }
            })
          )
        ])
        return { ok: true, actual: { wanted, rules } }
      } catch (error) {
        return failed(`The denylist was not changed: ${describeError(error)}`)
      }
    },
    plan({ wanted, rules }) {
      const planned = planDenyRules(wanted, rules)
      return {
        plan: {
          step: 'deny',
          operations: planned.operations,
          skips: [],
          breaker: circuitBreaker(planned.operations, rules.length, maxDeletions),
          findings: planned.findings
        },
        problems: planned.problems
      }
    },
    tripped: (b) =>
      `Circuit breaker: the plan lifts ${b.removals} denylist rule(s), over the limit of ${b.limit} (of ${b.base} rules); no rule was changed.`
  }
}

type ReadinessRead = Parameters<typeof readinessFindings>[0]

/**
 * What stands in the way of automatic identity management (the checks of Databricks' enablement prep script):
 * externalIds missing or not the Entra object id, duplicates, workspace-local groups shadowing account groups.
 * Reports only; a workspace whose groups cannot be read is reported as unchecked.
 */
export function readinessStep(
  ctx: AimContext,
  workspaces: readonly Workspace[],
  workspaceGroups: ((ws: Workspace) => Promise<{ displayName: string; local: boolean }[]>) | undefined
): StepSpec<ReadinessRead> {
  return {
    step: 'readiness',
    writers: {},
    async read() {
      try {
        const kinds: AimKind[] = ['user', 'servicePrincipal', 'group']
        const account = (await Promise.all(kinds.map((k) => ctx.accountList(k)))).flat()
        const withId = account.filter((a) => a.externalId)
        const without = account.filter((a) => !a.externalId && a.name !== OWNERSHIP_GROUP)
        const keyOf = (a: AccountEntry) => ({ kind: a.kind, key: a.kind === 'group' ? a.name : (a.key ?? a.name) })
        const [byObjectId, byKey, ws, plan] = await Promise.all([
          ctx.directory.byIds(withId.map((a) => a.externalId as string)),
          ctx.directory.byKeys([...without, ...withId].map(keyOf)),
          Promise.all(
            workspaces.map(async (w) => {
              if (!workspaceGroups) return { name: w.name, localGroups: [] as string[] }
              try {
                const groups = await workspaceGroups(w)
                return { name: w.name, localGroups: groups.filter((g) => g.local).map((g) => g.displayName) }
              } catch (error) {
                return { name: w.name, localGroups: [] as string[], error: describeError(error) }
              }
            })
          ),
          ctx.resolvePlan().catch(() => undefined)
        ])
        const resolving = (plan?.principals ?? []).filter((p) => p.kind === 'group' && !p.present).map((p) => p.name)
        return {
          ok: true,
          actual: { account, byObjectId, byKey, workspaces: ws, resolving, ignoreGroups: [OWNERSHIP_GROUP] }
        }
      } catch (error) {
        return failed(`The readiness check could not read the account or Entra: ${describeError(error)}`)
      }
    },
    plan(read) {
      const findings = readinessFindings(read)
      return {
        plan: {
          step: 'readiness',
          operations: [],
          skips: [],
          breaker: circuitBreaker([], 0, { kind: 'count', value: 0 }),
          findings
        },
        problems: []
      }
    },
    tripped: () => 'internal error: the readiness check plans nothing'
  }
}

type AssignmentsRead = {
  workspaceId: string
  wanted: AimAssignmentWanted[]
  current: CurrentAssignment[]
  managed: ResolvePlan['principals']
  entitlements: Map<string, Entitlement[]>
  problems: string[]
}

export interface AimAssignmentsStepInput {
  workspace: Workspace
  ctx: AimContext
  maxDeletions: MaxDeletions
  dryRun: boolean
  /** The account's resolve step of this run, when it ran: a workspace waits for it. */
  resolve?: StepResult
}

/** A workspace's groups and service principals, as USER or ADMIN, with the entitlements the config sets. */
export function aimAssignmentsStep(input: AimAssignmentsStepInput): StepSpec<AssignmentsRead> {
  const { workspace: ws, ctx } = input
  return {
    step: 'assignments',
    writers: { assignments: ctx.target.assignmentsWriter, 'identity-api': ctx.target.identityWriter },
    async read() {
      const status = input.resolve?.status
      if (status === 'failed' || status === 'tripped') {
        return failed('Nothing was assigned because the account’s principals were not resolved (see the account).')
      }
      if (!ws.workspaceId) return failed('Nothing was assigned: the workspace id is unknown (set workspace-id).')
      try {
        const [resolved, groups, current] = await Promise.all([
          ctx.resolvePlan(),
          ctx.accountList('group'),
          ctx.target.assignments(ws.workspaceId)
        ])
        const { wanted, problems } = wantedOf(ws, resolved, groups, input.dryRun)
        const assigned = new Set(current.map((c) => c.principalId))
        const entitlements = new Map<string, Entitlement[]>()
        await Promise.all(
          wanted.map(async (w) => {
            const id = w.principal.id
            if (w.entitlements === undefined || id === undefined || !assigned.has(id)) return
            const read = await ctx.target.entitlements(ws.workspaceId as string, id)
            if (read) entitlements.set(id, read)
          })
        )
        return {
          ok: true,
          actual: { workspaceId: ws.workspaceId, wanted, current, managed: resolved.principals, entitlements, problems }
        }
      } catch (error) {
        return failed(`Nothing was assigned: ${describeError(error)}`)
      }
    },
    plan({ workspaceId, wanted, current, managed, entitlements, problems }) {
      const planned = planAimAssignments({
        workspace: { name: ws.name, workspaceId },
        wanted,
        current,
        managed,
        entitlements
      })
      return {
        plan: {
          step: 'assignments',
          operations: planned.operations,
          skips: [],
          breaker: circuitBreaker(planned.operations, planned.base, input.maxDeletions),
          findings: planned.drift
        },
        problems
      }
    },
    tripped: (b) =>
      `Circuit breaker: the plan unassigns ${b.removals} group(s) or service principal(s), over the limit of ${b.limit} (of ${b.base} assigned); no assignment was changed.`
  }
}

/**
 * What the workspace's entries name: a listed principal (by its config reference, object id, application id or
 * Entra name), or for a group any account group of that name (never unassigned: the config does not manage it).
 */
function wantedOf(
  ws: Workspace,
  resolved: ResolvePlan,
  accountGroups: readonly AccountEntry[],
  dryRun: boolean
): { wanted: AimAssignmentWanted[]; problems: string[] } {
  const wanted: AimAssignmentWanted[] = []
  const problems: string[] = []
  const entries = [
    ...ws.accountGroups.map((a) => ({ kind: 'group' as const, ref: a.group, ...a })),
    ...(ws.accountServicePrincipals ?? []).map((a) => ({
      kind: 'servicePrincipal' as const,
      ref: a.servicePrincipal,
      ...a
    }))
  ]
  for (const e of entries) {
    const listed = principalFor(resolved.principals, e.kind, e.ref)
    const byName =
      listed || e.kind !== 'group' ? undefined : accountGroups.find((g) => g.name.toLowerCase() === e.ref.toLowerCase())
    const principal = listed
      ? aimRefOf(listed)
      : byName
        ? { kind: 'group' as const, externalId: byName.externalId ?? byName.id, name: byName.name, id: byName.id }
        : undefined
    if (!principal) {
      problems.push(
        e.kind === 'group'
          ? `workspace ${ws.name}: "${e.ref}" is neither in account.groups nor an account group; list the Entra group under account.groups.`
          : `workspace ${ws.name}: service principal "${e.ref}" is not in account.service-principals; list it there.`
      )
      continue
    }
    if (!principal.id && !dryRun && listed && !listed.present) {
      problems.push(
        `workspace ${ws.name}: ${e.kind === 'group' ? 'group' : 'service principal'} "${principal.name}" is not in the account yet; run the account first (workspace: account), which resolves it.`
      )
      continue
    }
    wanted.push({
      principal,
      permission: e.permission,
      ...(e.entitlements ? { entitlements: e.entitlements } : {})
    })
  }
  return { wanted, problems }
}
