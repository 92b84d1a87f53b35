// command: sync — for each selected workspace: read Entra, read Databricks, plan, then apply (unless dry-run
// or the circuit breaker tripped). A workspace that fails does not stop the others.
import type { MaxDeletions, Workspace } from '../config/types.js'
import type { ScimApi } from '../databricks/types.js'
import type { EntraDirectory } from '../entra/graph.js'
import { describeError } from '../errors.js'
import { readActual } from '../sync/actual.js'
import { applyPlan } from '../sync/apply.js'
import { planWorkspace } from '../sync/plan.js'
import type { EntraGroupRead, MappingInput, SyncResult, WorkspaceResult } from '../sync/types.js'
import { mapLimit } from '../util/concurrency.js'

export interface SyncOptions {
  workspaces: Workspace[]
  dryRun: boolean
  /** The max-deletions input, which overrides the config's. */
  maxDeletions?: MaxDeletions
  /** Workspaces synced at once. */
  workspaceConcurrency?: number
  /** Write requests in flight at once per workspace. */
  writeConcurrency?: number
}

export interface SyncDeps {
  directory: EntraDirectory
  scim(workspace: Workspace): ScimApi
  log(message: string): void
}

export async function sync(options: SyncOptions, deps: SyncDeps): Promise<SyncResult> {
  const workspaces = await mapLimit(options.workspaces, options.workspaceConcurrency ?? 2, (ws) =>
    syncWorkspace(ws, options, deps)
  )
  return { dryRun: options.dryRun, workspaces }
}

async function syncWorkspace(ws: Workspace, options: SyncOptions, deps: SyncDeps): Promise<WorkspaceResult> {
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

  const scim = deps.scim(ws)
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
    const results = await applyPlan(plan, scim, { concurrency: options.writeConcurrency ?? 4 })
    const failed = results.filter((r) => r.status === 'failed')
    return {
      ...base,
      status: failed.length > 0 ? 'failed' : results.length > 0 ? 'changed' : 'unchanged',
      plan,
      results,
      ...(failed.length > 0
        ? { error: `${failed.length} of ${results.length} operation(s) failed; a re-run retries them.` }
        : {}),
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
