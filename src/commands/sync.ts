// command: sync — for the account (when the config has one) and each selected workspace: read Entra, read
// Databricks, plan, then apply (unless dry-run or the circuit breaker tripped); then assign account groups to
// workspaces. A target that fails does not stop the others.
import type { Account, GroupMapping, MaxDeletions, Workspace } from '../config/types.js'
import type { AssignmentsApi, PermissionAssignment } from '../targets/databricks/assignments-client.js'
import type { ScimApi } from '../targets/databricks/types.js'
import type { EntraDirectory } from '../sources/entra/graph.js'
import { describeError } from '../errors.js'
import { readActual } from '../targets/databricks/actual.js'
import { applyPlan } from '../run/apply.js'
import { checkAccountLimits } from '../core/account-limits.js'
import { planAssignments } from '../core/assignments.js'
import { circuitBreaker } from '../core/breaker.js'
import { targetGroupName } from '../core/desired.js'
import { planWorkspace } from '../core/plan.js'
import type { EntraGroupRead, MappingInput, SyncResult, WorkspacePlan, WorkspaceResult } from '../core/model.js'
import { mapLimit } from '../util/concurrency.js'

export interface SyncOptions {
  workspaces: Workspace[]
  /** The account, when the config declares one: its groups are assigned to workspaces. */
  account?: Account
  /** Whether this run also syncs the account's identities (before the workspaces). */
  syncAccount?: boolean
  dryRun: boolean
  /** The max-deletions input, which overrides the config's. */
  maxDeletions?: MaxDeletions
  /** Workspaces synced at once. */
  workspaceConcurrency?: number
  /** Write requests in flight at once per workspace. */
  writeConcurrency?: number
  /** Aborted when the run is cancelled (SIGINT/SIGTERM): no workspace or operation starts after it. */
  signal?: AbortSignal
}

/** The account-level APIs: account SCIM, and workspace permission assignments. */
export interface AccountApis {
  scim: ScimApi
  assignments: AssignmentsApi & { list(workspaceId: string): Promise<PermissionAssignment[]> }
}

export interface SyncDeps {
  directory: EntraDirectory
  scim(workspace: Workspace): ScimApi
  account?(account: Account): AccountApis
  log(message: string): void
}

/** What the sync reconciles: a workspace, or the account (identity federation). */
interface Target {
  name: string
  host: string
  groups: GroupMapping[]
  maxDeletions: MaxDeletions
  /** Account limits (principals, groups, memberships) apply. */
  account: boolean
}

interface AccountContext {
  apis: AccountApis
  /** The account sync of this run, when it ran. */
  result?: WorkspaceResult
  /** Lower-cased names of the account groups the config manages. */
  managed: Set<string>
}

const CANCELLED_BEFORE = 'The run was cancelled before this workspace started; nothing was changed in it.'

/** The name the account target has in results, the summary and the plan file. */
export const ACCOUNT_TARGET = 'account'

export async function sync(options: SyncOptions, deps: SyncDeps): Promise<SyncResult> {
  const results: WorkspaceResult[] = []
  let account: AccountContext | undefined
  if (options.account && deps.account) {
    const apis = deps.account(options.account)
    // Without an account sync in this run (a per-workspace job), the configured names are the managed groups.
    account = { apis, managed: new Set(options.account.groups.map((g) => g.databricks.toLowerCase())) }
    if (options.syncAccount) {
      const target: Target = {
        name: ACCOUNT_TARGET,
        host: options.account.host,
        groups: options.account.groups,
        maxDeletions: options.maxDeletions ?? options.account.maxDeletions,
        account: true
      }
      const { result, managed } = await syncTarget(target, () => apis.scim, options, deps)
      results.push(result)
      account = { apis, result, managed }
    }
  }
  const workspaces = await mapLimit(options.workspaces, options.workspaceConcurrency ?? 2, async (ws) => {
    if (options.signal?.aborted) {
      return { workspace: ws.name, host: ws.host, status: 'failed' as const, results: [], error: CANCELLED_BEFORE }
    }
    const target: Target = {
      name: ws.name,
      host: ws.host,
      groups: ws.groups,
      maxDeletions: ws.maxDeletions,
      account: false
    }
    // An identity-federated workspace may take all its identities from the account: no workspace SCIM then.
    let result =
      ws.groups.length > 0
        ? (await syncTarget(target, () => deps.scim(ws), options, deps)).result
        : { workspace: ws.name, host: ws.host, status: 'unchanged' as const, results: [] }
    if (ws.accountGroups.length > 0) result = await assignAccountGroups(ws, result, account, options)
    return result
  })
  return { dryRun: options.dryRun, workspaces: [...results, ...workspaces] }
}

/**
 * Assigns the workspace's account groups, after the account sync (so groups it created have ids). Assignments are
 * appended to the workspace's own plan and results.
 */
async function assignAccountGroups(
  ws: Workspace,
  result: WorkspaceResult,
  account: AccountContext | undefined,
  options: SyncOptions
): Promise<WorkspaceResult> {
  const fail = (error: string): WorkspaceResult => ({
    ...result,
    status: 'failed',
    error: result.error ? `${result.error} ${error}` : error
  })
  if (!account || !options.account) return fail('Account groups cannot be assigned: the config declares no account.')
  if (account.result?.status === 'failed' || account.result?.status === 'tripped') {
    return fail('Account groups were not assigned because the account sync did not complete.')
  }
  if (!ws.workspaceId) return fail('Account groups cannot be assigned: the workspace id is unknown (set workspace-id).')
  try {
    const current = await account.apis.assignments.list(ws.workspaceId)
    const groups = await account.apis.scim.listGroups()
    const accountGroups = new Map<string, { id?: string }>(
      groups.map((g) => [g.displayName.toLowerCase(), { id: g.id }])
    )
    // In a dry-run the account's new groups exist only in its plan.
    for (const op of account.result?.plan?.operations ?? []) {
      if (op.kind === 'create-group' && !accountGroups.has(op.displayName.toLowerCase())) {
        accountGroups.set(op.displayName.toLowerCase(), {})
      }
    }
    const planned = planAssignments({
      workspaces: [
        {
          name: ws.name,
          workspaceId: ws.workspaceId,
          accountGroups: ws.accountGroups.map((a) => ({ group: a.group, permission: a.permission })),
          removalAllows: options.account.groups.every((g) => g.removal !== 'keep')
        }
      ],
      current: new Map([
        [
          ws.workspaceId,
          current.map((a) => ({
            principalId: a.principalId,
            ...(a.groupName ? { groupName: a.groupName } : {}),
            permissions: a.permissions
          }))
        ]
      ]),
      accountGroups,
      managedGroupNames: account.managed
    })
    if (planned.problems.length > 0) return fail(planned.problems.join(' '))
    const operations = planned.operations
    const breaker = circuitBreaker(
      operations,
      current.filter((a) => a.groupName).length,
      options.maxDeletions ?? ws.maxDeletions
    )
    const plan: WorkspacePlan = {
      workspace: ws.name,
      operations: [...(result.plan?.operations ?? []), ...operations],
      skips: result.plan?.skips ?? [],
      breaker: result.plan?.breaker ?? breaker
    }
    const plannedResults = operations.map((operation) => ({ operation, status: 'planned' as const }))
    if (breaker.tripped) {
      return {
        ...result,
        plan,
        results: [...result.results, ...plannedResults],
        status: 'tripped',
        error: `Circuit breaker: the plan unassigns ${breaker.removals} account group(s), over the limit of ${breaker.limit}; no assignment was changed.`
      }
    }
    // Not applied in a dry-run, nor where the workspace's own sync stopped.
    if (options.dryRun || result.status === 'tripped' || result.status === 'failed' || result.status === 'skipped') {
      const status = options.dryRun && result.status === 'unchanged' ? 'planned' : result.status
      return { ...result, plan, results: [...result.results, ...plannedResults], status }
    }
    const applied = await applyPlan({ ...plan, operations }, account.apis.scim, {
      concurrency: 2,
      assignments: account.apis.assignments,
      ...(options.signal ? { signal: options.signal } : {})
    })
    const failed = applied.filter((r) => r.status !== 'done').length
    const results = [...result.results, ...applied]
    return {
      ...result,
      plan,
      results,
      status: failed > 0 ? 'failed' : results.some((r) => r.status === 'done') ? 'changed' : result.status,
      ...(failed > 0 ? { error: `${failed} workspace assignment(s) failed; a re-run retries them.` } : {})
    }
  } catch (error) {
    return fail(`Assigning account groups failed: ${describeError(error)}`)
  }
}

async function syncTarget(
  ws: Target,
  openScim: () => ScimApi,
  options: SyncOptions,
  deps: SyncDeps
): Promise<{ result: WorkspaceResult; managed: Set<string> }> {
  const managed = new Set<string>()
  const result = await syncTargetResult(ws, openScim, options, deps, managed)
  return { result, managed }
}

async function syncTargetResult(
  ws: Target,
  openScim: () => ScimApi,
  options: SyncOptions,
  deps: SyncDeps,
  managed: Set<string>
): Promise<WorkspaceResult> {
  const base = { workspace: ws.name, host: ws.host, results: [] }
  // 1. Entra first: a failed read must stop this workspace before anything else happens.
  let mappings: { mapping: MappingInput; read: EntraGroupRead }[]
  try {
    mappings = await Promise.all(
      ws.groups.map(async (g) => ({
        mapping: {
          entra: g.entra,
          databricks: g.databricks,
          entitlements: g.entitlements,
          membersOnly: g.membersOnly,
          removal: g.removal,
          nested: g.nested
        },
        read: await deps.directory.readGroup(g.entra, g.nested)
      }))
    )
  } catch (error) {
    return { ...base, status: 'failed', error: `Reading Entra failed, so nothing was changed: ${describeError(error)}` }
  }
  // An empty answer is indistinguishable from a bad read; it never means "everyone left".
  const empty = mappings.filter((m) => m.read.members.length === 0 && m.read.nestedGroups.length === 0)
  if (empty.length > 0) {
    return {
      ...base,
      status: 'skipped',
      error: `Entra returned no members for ${empty.map((m) => `"${m.read.displayName}"`).join(', ')}; the workspace was left unchanged rather than emptied. Add members in Entra, or remove the group from the config.`
    }
  }

  for (const m of mappings) if (!m.mapping.membersOnly) managed.add(targetGroupName(m.mapping, m.read).toLowerCase())
  const scim = openScim()
  const requests = () => {
    const s = scim.stats()
    return {
      total: Object.values(s.requests).reduce((a, b) => a + b, 0),
      throttled: s.throttled,
      retries: s.retries,
      waitedMs: s.waitedMs
    }
  }
  try {
    const actual = await readActual(scim, mappings)
    const plan = planWorkspace({
      workspace: ws.name,
      mappings,
      actual,
      maxDeletions: options.maxDeletions ?? ws.maxDeletions
    })
    deps.log(`${ws.name}: ${plan.operations.length} operation(s) planned, ${plan.skips.length} skipped`)
    const planned = plan.operations.map((operation) => ({ operation, status: 'planned' as const }))
    if (ws.account) {
      const violations = checkAccountLimits(plan, actual, undefined, {
        groups: Math.max(actual.groupCount ?? 0, actual.groups.length)
      })
      if (violations.length > 0) {
        return {
          ...base,
          status: 'failed',
          plan,
          results: planned,
          error: violations.map((v) => v.message).join(' '),
          requests: requests()
        }
      }
    }
    if (plan.breaker.tripped) {
      return {
        ...base,
        status: 'tripped',
        plan,
        results: planned,
        error: `Circuit breaker: the plan removes ${plan.breaker.removals}, over the limit of ${plan.breaker.limit} (of ${plan.breaker.base} managed); nothing was changed. Check the Entra groups, or raise max-deletions for this run.`,
        requests: requests()
      }
    }
    if (options.dryRun) return { ...base, status: 'planned', plan, results: planned, requests: requests() }
    const results = await applyPlan(plan, scim, {
      concurrency: options.writeConcurrency ?? 4,
      ...(options.signal ? { signal: options.signal } : {})
    })
    const failed = results.filter((r) => r.status === 'failed')
    const notMade = results.filter((r) => r.status === 'planned').length
    const errors = [
      ...(failed.length > 0
        ? [`${failed.length} of ${results.length} operation(s) failed; a re-run retries them.`]
        : []),
      ...(notMade > 0
        ? [
            `The run was cancelled: ${notMade} of ${results.length} operation(s) were not made; the next run makes them.`
          ]
        : [])
    ]
    return {
      ...base,
      status: errors.length > 0 ? 'failed' : results.length > 0 ? 'changed' : 'unchanged',
      plan,
      results,
      ...(errors.length > 0 ? { error: errors.join(' ') } : {}),
      requests: requests()
    }
  } catch (error) {
    return { ...base, status: 'failed', error: describeError(error), requests: requests() }
  }
}

/** Changes made (or, with dry-run, planned) across workspaces. */
export function countChanges(result: SyncResult): number {
  return result.workspaces.reduce(
    (n, ws) => n + (ws.status === 'planned' ? ws.results.length : ws.results.filter((r) => r.status === 'done').length),
    0
  )
}

export function failedWorkspaces(result: SyncResult): string[] {
  return result.workspaces.filter((ws) => ws.status === 'failed' || ws.status === 'tripped').map((ws) => ws.workspace)
}
