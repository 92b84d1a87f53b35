// command: sync — sign in, read Entra (in full, or incrementally from the state file), run the sync (run/sync.ts)
// against the Databricks targets, then write the summary, the outputs and the plan file, and fail when a target
// failed or was stopped by a circuit breaker.
import * as core from '@actions/core'
import { realpathSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import type { SignInSettings } from '../auth/credential.js'
import { countChanges, failedTargets, targetError, targetStatus } from '../core/results.js'
import { ActionError, describeError } from '../errors.js'
import { commentOnPullRequest } from '../github/pull-request-comment.js'
import { actionsStateCache } from '../github/state-cache.js'
import type { Inputs } from '../inputs.js'
import { writePlanFile } from '../report/plan-file.js'
import { syncSection } from '../report/pr-comment.js'
import { addSyncSummary } from '../report/sync-summary.js'
import { redact } from '../secrets.js'
import { sync } from '../run/sync.js'
import { DeltaDirectory } from '../sources/entra/delta-directory.js'
import { EntraPrincipalLookup } from '../sources/entra/principal-lookup.js'
import { EntraSource } from '../sources/entra/source.js'
import { loadState, saveState, STATE_VERSION } from '../sources/entra/state-file.js'
import { cancellation, databricksTargets, signIn, workspaceDir, type SignedIn } from '../wiring.js'
import { isInside } from '../config/load.js'
import { loadForWriting } from './selection.js'
import { notSignedIn, readsAnything, signInError, signInFailure } from './sign-in-check.js'
import { warnAboutWriteAccess } from './pull-request-safety.js'
import { databricksToken } from '../auth/databricks-token.js'
import { isPullRequestEvent } from '../job-context.js'

export async function runSync(inputs: Inputs): Promise<void> {
  const { workspaces, settings, account, includesAccount } = await loadForWriting(inputs, 'Sync')
  const signal = cancellation()
  const signedIn = signIn(settings, inputs.graphEndpoint, signal)
  // state-file: auto: the state comes from (and goes back to) the Actions cache, in a file the action places.
  const cached = inputs.stateCache
    ? await actionsStateCache(
        {
          tenantId: settings.tenantId,
          graphEndpoint: inputs.graphEndpoint,
          workspaces: workspaces.map((w) => w.name),
          account: includesAccount,
          config: inputs.config,
          formatVersion: STATE_VERSION
        },
        process.env,
        core
      )
    : undefined
  await cached?.restore()
  const stateFile = cached?.path ?? inputs.stateFile
  const incremental = stateFile ? incrementalReads(stateFile, settings, inputs, signedIn, !!cached) : undefined
  const targets = databricksTargets(settings, signedIn, signal)
  core.info(
    `${inputs.dryRun ? 'Planning (dry-run)' : 'Syncing'} ${includesAccount ? `the account and ` : ''}${workspaces.length} workspace(s): ${workspaces
      .map((w) => w.name)
      .join(', ')}`
  )
  const notSigned = readsAnything(workspaces, account)
    ? await signInError(signedIn.credential, inputs.graphEndpoint)
    : undefined
  const result = notSigned
    ? notSignedIn(notSigned, inputs.dryRun, workspaces, includesAccount ? account : undefined)
    : await sync(
        {
          workspaces,
          syncAccount: includesAccount,
          ...(account ? { account } : {}),
          dryRun: inputs.dryRun,
          ...(inputs.maxDeletions ? { maxDeletions: inputs.maxDeletions } : {}),
          workspaceConcurrency: inputs.workspaceConcurrency,
          signal
        },
        {
          source: new EntraSource(incremental?.directory ?? signedIn.directory),
          workspace: targets.workspace,
          account: targets.account,
          aim: (acc) => ({
            target: targets.aim(acc),
            directory: new EntraPrincipalLookup(signedIn.directory, signedIn.identity),
            workspaceGroups: targets.workspaceGroups
          }),
          log: (message) => core.info(message)
        }
      )
  // Saved whenever this run's Entra reads succeeded (a dry-run's too): the state describes Entra, not the workspaces.
  if (incremental?.save()) await cached?.save()
  const reads = signedIn.directory.reader.stats
  if (reads) {
    result.graph = {
      total: reads.batches + reads.singles,
      reads: reads.steps,
      throttled: reads.throttled,
      retries: reads.retriedSteps,
      waitedMs: reads.waitedMs
    }
  }
  addSyncSummary(core.summary, result)
  if (inputs.dryRun && !result.signInError && isPullRequestEvent(inputs.job ?? {})) {
    await warnAboutWriteAccess({
      credential: signedIn.credential,
      graphEndpoint: inputs.graphEndpoint,
      identity: signedIn.identity,
      workspaces,
      token: (ws) => databricksToken(ws, signedIn.credential, signedIn.secrets),
      signal
    })
  }
  // A dry-run is the plan a pull request's reviewers read; a sync that writes is not commented.
  if (inputs.dryRun) await commentOnPullRequest(syncSection(result), inputs)
  const changes = countChanges(result)
  const failed = failedTargets(result)
  core.setOutput('changes', changes)
  core.setOutput('has-changes', changes > 0 ? 'true' : 'false')
  core.setOutput('failed-workspaces', failed.join(','))
  core.setOutput('plan', writePlanFile(result, process.env.RUNNER_TEMP || tmpdir()))
  for (const t of result.workspaces) {
    if (targetStatus(t) === 'skipped') core.warning(redact(`${t.workspace}: ${targetError(t) ?? 'skipped'}`))
  }
  if (result.signInError) throw new ActionError(signInFailure(result.signInError, failed))
  if (failed.length > 0) {
    const why = result.workspaces
      .filter((t) => failed.includes(t.workspace))
      .map((t) => `${t.workspace}: ${targetError(t) ?? targetStatus(t)}`)
      .join('\n')
    throw new ActionError(`${failed.length} of ${result.workspaces.length} workspace(s) failed:\n${why}`)
  }
  core.info(`${inputs.dryRun ? 'Planned' : 'Made'} ${changes} change(s).`)
}

/**
 * The incremental Entra reader of the state-file input: the previous run's state when it is usable (a warning says
 * why not), and save(), which writes this run's state and says whether it did (a failure to write only warns: the
 * next run reads all).
 */
function incrementalReads(
  file: string,
  settings: SignInSettings,
  inputs: Inputs,
  signedIn: SignedIn,
  /** The action chose the path (state-file: auto, under RUNNER_TEMP): no workspace check. */
  ownPath = false
): { directory: DeltaDirectory; save(): boolean } {
  const path = resolve(workspaceDir(), file)
  if (!ownPath && !inputs.allowOutsideWorkspace && !isInside(realWorkspace(), realParent(path))) {
    throw new ActionError(
      `The state-file input "${file}" is outside the repository checkout, so it is neither read nor written.`,
      'Use a path inside the workspace (e.g. .entra-sync/state.json, kept with actions/cache), or set allow-paths-outside-workspace: true.'
    )
  }
  const scope = { tenantId: settings.tenantId, graphEndpoint: inputs.graphEndpoint }
  const loaded = loadState(path, scope)
  const replace = !loaded || loaded.ok || loaded.replace
  if (loaded && !loaded.ok) {
    core.warning(
      `The state file ${file} is not used: ${loaded.reason}. This run reads everything${replace ? ' and writes a new one' : ' and leaves it as it is'}.`
    )
  }
  const directory = new DeltaDirectory(signedIn.directory, signedIn.identity, {
    ...scope,
    ...(loaded?.ok ? { previous: loaded.state } : {}),
    log: (message) => core.info(message),
    warn: (message) => core.warning(message)
  })
  return {
    directory,
    save: () => {
      const state = directory.snapshot()
      if (!state || !replace) return false
      try {
        saveState(path, state)
        core.info(`Entra: state saved to ${file} (${Object.keys(state.groups).length} group(s)).`)
        return true
      } catch (error) {
        core.warning(
          `The state file ${file} could not be written: ${describeError(error)}. The next run reads everything.`
        )
        return false
      }
    }
  }
}

const realWorkspace = (): string => realOrSelf(workspaceDir())

/** The file's path with symbolic links resolved: its own when it exists, else its folder's. */
function realParent(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return resolve(realOrSelf(dirname(file)), basename(file))
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
