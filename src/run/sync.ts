// The sync of a run: the account first (when the config has one and the run includes it), then each selected
// workspace, a few at a time. Each target runs its steps in order (identities, then workspace assignments), each
// step with its own plan, breaker and status. A target that fails does not stop the others.
import type { Account, MaxDeletions, Workspace } from '../config/types.js'
import type { StepResult, SyncResult, TargetResult } from '../core/results.js'
import type { IdentitySource } from '../ports/identity-source.js'
import type { AssignmentsTarget, IdentityTarget } from '../ports/identity-target.js'
import { mapLimit } from '../util/concurrency.js'
import { aimRun, type AimDeps, type AimRun } from './aim-sync.js'
import { Ids } from './apply.js'
import { assignmentsStep, type AccountContext } from './assignments-step.js'
import { identitiesStep } from './identities-step.js'
import { runStep, type StepOptions } from './step.js'

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

/** The ports a sync reads and writes through. */
export interface SyncDeps {
  source: IdentitySource
  workspace(workspace: Workspace): IdentityTarget
  account?(account: Account): { identities: IdentityTarget; assignments: AssignmentsTarget }
  /** An account with automatic identity management (account.identity: aim): its identity API and Entra lookups. */
  aim?(account: Account): Omit<AimDeps, 'log'>
  log(message: string): void
}

/** The name the account target has in results, the summary and the plan file. */
export const ACCOUNT_TARGET = 'account'

const CANCELLED_BEFORE = 'The run was cancelled before this workspace started; nothing was changed in it.'

/** Write requests in flight at once for workspace assignments (the account API's write limits are low). */
const ASSIGNMENT_CONCURRENCY = 2

export async function sync(options: SyncOptions, deps: SyncDeps): Promise<SyncResult> {
  const stepOptions = (concurrency: number): StepOptions => ({
    dryRun: options.dryRun,
    concurrency,
    ...(options.signal ? { signal: options.signal } : {})
  })
  const results: TargetResult[] = []
  let account: AccountContext | undefined
  let aim: AimRun | undefined
  if (options.account?.identity === 'aim') {
    // Databricks brings identities and memberships from Entra itself: no SCIM identities step anywhere.
    const acc = options.account
    if (!deps.aim) throw new Error('internal error: an account with automatic identity management needs its API')
    aim = aimRun(acc, options.maxDeletions, { ...deps.aim(acc), log: deps.log })
    if (options.syncAccount) {
      const steps = await aim.account(stepOptions(options.writeConcurrency ?? 4), options.workspaces)
      results.push(target(ACCOUNT_TARGET, acc.host, steps, aim.requests()))
    }
  } else if (options.account && deps.account) {
    const acc = options.account
    const apis = deps.account(acc)
    // Without an account sync in this run (a per-workspace job), the configured names are the managed groups.
    account = {
      target: apis.assignments,
      managed: new Set(acc.groups.map((g) => g.databricks.toLowerCase())),
      removalAllows: acc.groups.every((g) => g.removal !== 'keep')
    }
    if (options.syncAccount) {
      const managed = new Set<string>()
      const step = identitiesStep({
        name: ACCOUNT_TARGET,
        groups: acc.groups,
        maxDeletions: options.maxDeletions ?? acc.maxDeletions,
        account: true,
        source: deps.source,
        target: () => apis.identities,
        log: deps.log,
        onManaged: (names) => names.forEach((n) => managed.add(n))
      })
      const identities = await runStep(step.spec, stepOptions(options.writeConcurrency ?? 4))
      results.push(target(ACCOUNT_TARGET, acc.host, [identities], step.requests()))
      account = { ...account, identities, managed }
    }
  }

  const workspaces = await mapLimit(options.workspaces, options.workspaceConcurrency ?? 2, async (ws) => {
    if (options.signal?.aborted) return { workspace: ws.name, host: ws.host, steps: [], error: CANCELLED_BEFORE }
    if (aim) return target(ws.name, ws.host, await aim.workspace(ws, stepOptions(ASSIGNMENT_CONCURRENCY)), undefined)
    const steps: StepResult[] = []
    // One registry per workspace: its steps may refer to what an earlier one created.
    const ids = new Ids()
    let requests
    // An identity-federated workspace may take all its identities from the account: no workspace SCIM then.
    if (ws.groups.length > 0) {
      const step = identitiesStep({
        name: ws.name,
        groups: ws.groups,
        maxDeletions: options.maxDeletions ?? ws.maxDeletions,
        account: false,
        source: deps.source,
        target: () => deps.workspace(ws),
        log: deps.log
      })
      steps.push(await runStep(step.spec, { ...stepOptions(options.writeConcurrency ?? 4), ids }))
      requests = step.requests()
    }
    if (ws.accountGroups.length > 0) {
      const spec = assignmentsStep({
        workspace: ws,
        account,
        maxDeletions: options.maxDeletions ?? ws.maxDeletions,
        ...(steps[0] ? { identities: steps[0] } : {})
      })
      steps.push(await runStep(spec, { ...stepOptions(ASSIGNMENT_CONCURRENCY), ids }))
    }
    return target(ws.name, ws.host, steps, requests)
  })
  return { dryRun: options.dryRun, workspaces: [...results, ...workspaces] }
}

function target(
  name: string,
  host: string,
  steps: StepResult[],
  requests: TargetResult['requests'] | undefined
): TargetResult {
  return { workspace: name, host, steps, ...(requests ? { requests } : {}) }
}
