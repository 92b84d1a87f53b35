// The targets of a run whose account uses automatic identity management (account.identity: aim). The account (when
// the run includes it): resolve the listed principals, keep the denylist, and in a dry-run report readiness. Then each
// workspace: its assignments and entitlements. No step of this mode writes a user or a membership.
import type { Account, MaxDeletions, Workspace } from '../config/types.js'
import type { StepResult, TargetResult } from '../core/results.js'
import type { AimAccountTarget } from '../ports/aim-target.js'
import type { PrincipalDirectory } from '../ports/principal-directory.js'
import { AimContext } from './aim-context.js'
import { aimAssignmentsStep, denyStep, readinessStep, resolveStep } from './aim-steps.js'
import { Ids } from './apply.js'
import { runStep, type StepOptions } from './step.js'

export interface AimDeps {
  target: AimAccountTarget
  directory: PrincipalDirectory
  /** A workspace's groups through its SCIM API, for the readiness check (absent: not checked). */
  workspaceGroups?(ws: Workspace): Promise<{ displayName: string; local: boolean }[]>
  log(message: string): void
}

export interface AimRun {
  /** The account's steps: resolve, denylist (when the config has one), readiness (dry-run). */
  account(options: StepOptions, workspaces: readonly Workspace[]): Promise<StepResult[]>
  /** A workspace's assignments step, or none when the config assigns it nothing. */
  workspace(ws: Workspace, options: StepOptions): Promise<StepResult[]>
  requests(): TargetResult['requests']
}

export function aimRun(account: Account, maxDeletions: MaxDeletions | undefined, deps: AimDeps): AimRun {
  const ctx = new AimContext(account, deps.target, deps.directory)
  let resolved: StepResult | undefined
  return {
    async account(options, workspaces) {
      const ids = new Ids()
      const max = maxDeletions ?? account.maxDeletions
      resolved = withCauses(await runStep(resolveStep(ctx, max, deps.log), { ...options, ids }))
      if (resolved.status === 'changed' || resolved.status === 'failed') await ctx.learn(ids).catch(() => undefined)
      const steps = [resolved]
      if (account.deny) steps.push(withCauses(await runStep(denyStep(ctx, max), options)))
      if (options.dryRun) {
        steps.push(await runStep(readinessStep(ctx, workspaces, deps.workspaceGroups?.bind(deps)), options))
      }
      return steps
    },
    async workspace(ws, options) {
      if (ws.accountGroups.length === 0 && (ws.accountServicePrincipals ?? []).length === 0) return []
      const spec = aimAssignmentsStep({
        workspace: ws,
        ctx,
        maxDeletions: maxDeletions ?? ws.maxDeletions,
        dryRun: options.dryRun,
        ...(resolved ? { resolve: resolved } : {})
      })
      return [withCauses(await runStep(spec, options))]
    },
    requests: () => deps.target.requests()
  }
}

/**
 * A step whose operations failed, with their distinct errors in its own: when every resolve fails alike (the
 * account is not on automatic identity management), the run's error says why, not only how many.
 */
function withCauses(step: StepResult): StepResult {
  const causes = [...new Set(step.results.flatMap((r) => (r.status === 'failed' && r.error ? [r.error] : [])))]
  if (causes.length === 0) return step
  const shown = causes.slice(0, 3).join(' ')
  const more = causes.length > 3 ? ` (and ${causes.length - 3} other error(s), in the summary)` : ''
  return { ...step, error: `${step.error ?? ''} ${shown}${more}`.trim() }
}
