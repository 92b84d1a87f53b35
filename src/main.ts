// Inputs -> command, with the one error boundary of the action. This is the composition root: it builds
// the real clients (Entra credential, Graph, Key Vault, SCIM) and hands them to the commands. The summary
// is written in `finally`, so a failed run still explains itself; failing to write it only warns.
import * as core from '@actions/core'
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { createCredential, type SignInSettings } from './auth/credential.js'
import { databricksToken } from './auth/databricks-token.js'
import { KeyVaultSecretReader } from './auth/keyvault.js'
import { ACCOUNT_TARGET, countChanges, failedWorkspaces, sync } from './commands/sync.js'
import { buildMatrix } from './commands/matrix.js'
import { countBySeverity, validate } from './commands/validate.js'
import { loadConfig, selectWorkspaces } from './config/index.js'
import type { Account, Workspace } from './config/types.js'
import { accountScimBase, PermissionAssignmentsClient } from './targets/databricks/assignments-client.js'
import { ACCOUNT_WRITE_RATES } from './targets/databricks/pacer.js'
import { ScimClient, workspaceScimBase } from './targets/databricks/scim-client.js'
import { GraphProvisioning } from './provisioning/graph-api.js'
import { provisionWorkspace } from './provisioning/provision.js'
import { addProvisioningSummary } from './report/provisioning-summary.js'
import { DeltaDirectory } from './sources/entra/delta-directory.js'
import { createGraphClient, GraphDirectory } from './sources/entra/graph.js'
import { loadState, saveState } from './sources/entra/state-file.js'
import { ActionError, describeError } from './errors.js'
import { parseInputs, type Inputs } from './inputs.js'
import { onCancel } from './isolate.js'
import { annotate } from './report/annotations.js'
import { writePlanFile } from './report/plan-file.js'
import { addMatrixSummary } from './report/matrix-summary.js'
import { addFailure, addProblemsTable } from './report/summary.js'
import { addSyncSummary } from './report/sync-summary.js'
import { addValidationSummary } from './report/validation-summary.js'
import { mask, redact } from './secrets.js'

export async function run(): Promise<void> {
  try {
    // Mask before anything else can print it.
    mask(core.getInput('client-secret'))
    const inputs = parseInputs((name) => core.getInput(name))
    switch (inputs.command) {
      case 'validate':
        await runValidate(inputs)
        break
      case 'sync':
        await runSync(inputs)
        break
      case 'provision-app':
        await runProvisionApp(inputs)
        break
      case 'matrix':
        await runMatrix(inputs)
        break
    }
  } catch (error) {
    const message = redact(describeError(error))
    core.setFailed(message)
    addFailure(core.summary, message)
  } finally {
    try {
      await core.summary.write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${describeError(error)}`)
    }
  }
}

/**
 * A cancelled workflow sends SIGINT, then SIGTERM seconds later, then kills. On the first, the sync lets the
 * requests in flight finish and starts no new one, so the summary, outputs and plan file say what was made (and the
 * next run makes the rest); a second signal ends the process at once.
 */
function cancellation(): AbortSignal {
  const controller = new AbortController()
  onCancel((signal) => {
    // A second signal ends the worker at once, and the process with its code.
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
    core.warning(`Received ${signal}: finishing the requests in flight and starting no new ones.`)
    controller.abort()
  })
  return controller.signal
}

function signInSettings(inputs: Inputs): SignInSettings | undefined {
  if (!inputs.tenantId || !inputs.clientId) return undefined
  return {
    tenantId: inputs.tenantId,
    clientId: inputs.clientId,
    audience: inputs.audience,
    authorityHost: inputs.authorityHost,
    ...(inputs.clientSecret ? { clientSecret: inputs.clientSecret } : {})
  }
}

function signIn(settings: SignInSettings, graphEndpoint: string) {
  const credential = createCredential(settings, (audience) => core.getIDToken(audience), mask)
  const identity = `app ${settings.clientId}`
  const graph = createGraphClient(credential, graphEndpoint)
  return { credential, identity, graph, directory: new GraphDirectory(graph, identity) }
}

const workspaceDir = (): string => process.env.GITHUB_WORKSPACE || process.cwd()

async function runValidate(inputs: Inputs): Promise<void> {
  const settings = signInSettings(inputs)
  const result = await validate({
    config: inputs.config,
    workspaces: inputs.workspaces,
    cwd: workspaceDir(),
    ...(settings
      ? { directory: { tenantId: settings.tenantId, open: () => signIn(settings, inputs.graphEndpoint).directory } }
      : {})
  })
  annotate(result.problems, core)
  addValidationSummary(core.summary, result)
  const { errors, warnings } = countBySeverity(result.problems)
  core.setOutput('errors', errors)
  core.setOutput('warnings', warnings)
  core.info(
    `Checked ${result.files.length} file(s), ${result.workspaces.length} workspace(s): ${errors} error(s), ${warnings} warning(s).`
  )
  if (result.onlineError) throw new Error(`The online check of Entra groups could not run. ${result.onlineError}`)
  if (errors > 0) core.setFailed(`Config validation found ${errors} error(s); see the annotations and the job summary.`)
}

/**
 * The selected workspaces (and the account, when the config has one and the run includes it: the workspace input
 * is empty or names `account`) of a valid config. Bad config never reaches the network: every problem is reported.
 */
async function loadSelected(
  inputs: Inputs,
  command: string
): Promise<{ workspaces: Workspace[]; account?: Account; syncAccount: boolean }> {
  const { config, problems } = await loadConfig(inputs.config, { cwd: workspaceDir() })
  const names = inputs.workspaces.filter((n) => n.toLowerCase() !== ACCOUNT_TARGET)
  const accountOnly = inputs.workspaces.length > 0 && names.length === 0
  const selection = accountOnly ? { workspaces: [], problems: [] } : selectWorkspaces(config, names)
  const syncAccount =
    config.account !== undefined && (inputs.workspaces.length === 0 || names.length < inputs.workspaces.length)
  const configProblems = [...problems, ...selection.problems]
  const errors = countBySeverity(configProblems).errors
  if (errors > 0) {
    annotate(configProblems, core)
    core.summary.addHeading(`❌ ${command} not started: the config has errors`, 2)
    addProblemsTable(core.summary, configProblems)
    throw new ActionError(
      `The config has ${errors} error(s), so nothing was changed.`,
      'Fix the problems annotated on the config files (run command: validate on pull requests to catch them before merge).'
    )
  }
  return { workspaces: selection.workspaces, ...(config.account ? { account: config.account } : {}), syncAccount }
}

/** For a command that writes: a valid config, and the sign-in settings it needs. */
async function loadForWriting(inputs: Inputs, command: string) {
  const { workspaces, account, syncAccount } = await loadSelected(inputs, command)
  const settings = signInSettings(inputs)
  if (!settings) {
    throw new ActionError(
      `command: ${command} needs an Entra sign-in, but tenant-id and client-id are not set.`,
      'Set tenant-id and client-id (and `permissions: id-token: write`), as the README shows.'
    )
  }
  return { workspaces, settings, syncAccount, ...(account ? { account } : {}) }
}

async function runSync(inputs: Inputs): Promise<void> {
  const { workspaces, settings, account, syncAccount } = await loadForWriting(inputs, 'Sync')
  const signal = cancellation()
  const signedIn = signIn(settings, inputs.graphEndpoint)
  const { credential, identity } = signedIn
  const incremental = inputs.stateFile ? incrementalReads(inputs.stateFile, settings, inputs, signedIn) : undefined
  const directory = incremental?.directory ?? signedIn.directory
  const secrets = new KeyVaultSecretReader(credential, mask, identity)
  core.info(
    `${inputs.dryRun ? 'Planning (dry-run)' : 'Syncing'} ${syncAccount ? `the account and ` : ''}${workspaces.length} workspace(s): ${workspaces
      .map((w) => w.name)
      .join(', ')}`
  )
  const accountToken = databricksToken({ name: ACCOUNT_TARGET, auth: 'entra' }, credential, secrets)
  const result = await sync(
    {
      workspaces,
      syncAccount,
      ...(account ? { account } : {}),
      dryRun: inputs.dryRun,
      ...(inputs.maxDeletions ? { maxDeletions: inputs.maxDeletions } : {}),
      workspaceConcurrency: inputs.workspaceConcurrency,
      signal
    },
    {
      directory,
      scim: (ws) =>
        new ScimClient({
          baseUrl: workspaceScimBase(ws.host),
          token: databricksToken(ws, credential, secrets),
          workspace: ws.name,
          auth: ws.auth,
          ...(ws.auth === 'entra' ? { selfApplicationId: settings.clientId } : {}),
          signal,
          onRetry: (event) => core.debug(`${ws.name}: ${JSON.stringify(event)}`)
        }),
      account: (acc) => ({
        scim: new ScimClient({
          baseUrl: accountScimBase(acc.host, acc.id),
          token: accountToken,
          workspace: `account ${acc.id}`,
          level: 'account',
          auth: 'entra',
          selfApplicationId: settings.clientId,
          writeRates: ACCOUNT_WRITE_RATES,
          signal
        }),
        assignments: new PermissionAssignmentsClient({
          host: acc.host,
          accountId: acc.id,
          token: accountToken,
          signal
        })
      }),
      log: (message) => core.info(message)
    }
  )
  incremental?.save()
  const reads = signedIn.directory.reader.stats
  if (reads) {
    result.graph = {
      requests: reads.batches + reads.singles,
      reads: reads.steps,
      throttled: reads.throttled,
      retries: reads.retriedSteps,
      waitedMs: reads.waitedMs
    }
  }
  addSyncSummary(core.summary, result)
  const changes = countChanges(result)
  const failed = failedWorkspaces(result)
  core.setOutput('changes', changes)
  core.setOutput('has-changes', changes > 0 ? 'true' : 'false')
  core.setOutput('failed-workspaces', failed.join(','))
  core.setOutput('plan', writePlanFile(result, process.env.RUNNER_TEMP || tmpdir()))
  for (const ws of result.workspaces) {
    if (ws.status === 'skipped') core.warning(redact(`${ws.workspace}: ${ws.error ?? 'skipped'}`))
  }
  if (failed.length > 0) {
    const why = result.workspaces
      .filter((ws) => failed.includes(ws.workspace))
      .map((ws) => `${ws.workspace}: ${ws.error ?? ws.status}`)
      .join('\n')
    throw new ActionError(`${failed.length} of ${result.workspaces.length} workspace(s) failed:\n${why}`)
  }
  core.info(`${inputs.dryRun ? 'Planned' : 'Made'} ${changes} change(s).`)
}

/**
 * The incremental Entra reader of the state-file input: the previous run's state when it is usable (a warning says
 * why not), and save(), which writes this run's state (a failure to write only warns: the next run reads all).
 */
function incrementalReads(
  file: string,
  settings: SignInSettings,
  inputs: Inputs,
  signedIn: ReturnType<typeof signIn>
): { directory: DeltaDirectory; save(): void } {
  const path = resolve(file)
  const scope = { tenantId: settings.tenantId, graphEndpoint: inputs.graphEndpoint }
  const loaded = loadState(path, scope)
  if (loaded && !loaded.ok) {
    core.warning(
      `The state file ${file} is not used: ${loaded.reason}. This run reads everything and writes a new one.`
    )
  }
  const directory = new DeltaDirectory(signedIn.directory, signedIn.identity, {
    ...scope,
    ...(loaded?.ok ? { previous: loaded.state } : {}),
    log: (message) => core.info(message)
  })
  return {
    directory,
    save: () => {
      const state = directory.snapshot()
      if (!state) return
      try {
        saveState(path, state)
        core.info(`Entra: state saved to ${file} (${Object.keys(state.groups).length} group(s)).`)
      } catch (error) {
        core.warning(
          `The state file ${file} could not be written: ${describeError(error)}. The next run reads everything.`
        )
      }
    }
  }
}

async function runProvisionApp(inputs: Inputs): Promise<void> {
  const { workspaces, settings } = await loadForWriting(inputs, 'provision-app')
  const targets = workspaces.filter((ws) => ws.provisioning)
  if (targets.length === 0) {
    throw new ActionError(
      `None of the selected workspaces (${workspaces.map((w) => w.name).join(', ')}) has a provisioning block.`,
      'Add `provisioning:` (app-name, notification-email) and `token-secret` to the workspace in the config.'
    )
  }
  const { credential, identity, graph, directory } = signIn(settings, inputs.graphEndpoint)
  const secrets = new KeyVaultSecretReader(credential, mask, identity)
  const provisioning = new GraphProvisioning(graph, identity)
  const results = []
  // One workspace at a time: the connector APIs are slow and rate-limited, and the log stays readable.
  for (const ws of targets) {
    core.info(`${inputs.dryRun ? 'Planning' : 'Provisioning'} the SCIM connector app of ${ws.name}`)
    results.push(await provisionWorkspace(ws, { graph: provisioning, directory, secrets, dryRun: inputs.dryRun }))
  }
  addProvisioningSummary(core.summary, results, inputs.dryRun)
  const changes = results.reduce((n, r) => n + r.changes.length, 0)
  const failed = results.filter((r) => r.status === 'failed')
  core.setOutput('changes', changes)
  core.setOutput('has-changes', changes > 0 ? 'true' : 'false')
  core.setOutput('failed-workspaces', failed.map((r) => r.workspace).join(','))
  if (failed.length > 0) {
    throw new ActionError(
      `${failed.length} of ${results.length} workspace(s) failed:\n${failed.map((r) => `${r.workspace}: ${r.error ?? 'failed'}`).join('\n')}`
    )
  }
  core.info(`${inputs.dryRun ? 'Planned' : 'Made'} ${changes} change(s).`)
}

async function runMatrix(inputs: Inputs): Promise<void> {
  const matrix = buildMatrix((await loadSelected(inputs, 'matrix')).workspaces)
  core.setOutput('matrix', JSON.stringify(matrix))
  addMatrixSummary(core.summary, matrix)
  core.info(`Matrix of ${matrix.include.length} workspace(s): ${matrix.include.map((e) => e.workspace).join(', ')}`)
}
