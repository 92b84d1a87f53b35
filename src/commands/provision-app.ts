// command: provision-app — for each selected workspace with a provisioning block, one at a time, make its SCIM
// connector app match the config (src/provisioning), then write the job summary and the outputs, and fail when a
// workspace failed. runProvisionApp loads the config (selection.ts) and signs in (wiring.ts); provisionApp gets
// the clients through small interfaces, so tests run it on fakes.
import * as core from '@actions/core'
import type { Workspace } from '../config/types.js'
import { ActionError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import { GraphProvisioning } from '../provisioning/graph-api.js'
import { provisionWorkspace, type ProvisioningClients } from '../provisioning/provision.js'
import { addProvisioningSummary } from '../report/provisioning-summary.js'
import type { Summary } from '../report/summary.js'
import { signIn } from '../wiring.js'
import { loadForWriting } from './selection.js'

export interface ProvisionAppOptions {
  /** The selected workspaces; those without a provisioning block are passed over. */
  workspaces: Workspace[]
  dryRun: boolean
}

/** Where the command reports: @actions/core in the action. */
export interface ProvisionAppReport {
  summary: Summary
  setOutput(name: string, value: unknown): void
  info(message: string): void
}

/**
 * Runs provision-app. `connect` builds the clients, and is only called once there is a workspace to provision.
 * Sets the outputs `changes`, `has-changes` and `failed-workspaces`; throws an ActionError naming each failed
 * workspace and why.
 */
export async function provisionApp(
  options: ProvisionAppOptions,
  connect: () => ProvisioningClients,
  report: ProvisionAppReport
): Promise<void> {
  const { workspaces, dryRun } = options
  const targets = workspaces.filter((ws) => ws.provisioning)
  if (targets.length === 0) {
    throw new ActionError(
      `None of the selected workspaces (${workspaces.map((w) => w.name).join(', ')}) has a provisioning block.`,
      'Add `provisioning:` (app-name, notification-email) and `token-secret` to the workspace in the config.'
    )
  }
  const clients = connect()
  const results = []
  // One workspace at a time: the connector APIs are slow and rate-limited, and the log stays readable.
  for (const ws of targets) {
    report.info(`${dryRun ? 'Planning' : 'Provisioning'} the SCIM connector app of ${ws.name}`)
    results.push(await provisionWorkspace(ws, { ...clients, dryRun }))
  }
  addProvisioningSummary(report.summary, results, dryRun)
  const changes = results.reduce((n, r) => n + r.changes.length, 0)
  const failed = results.filter((r) => r.status === 'failed')
  report.setOutput('changes', changes)
  report.setOutput('has-changes', changes > 0 ? 'true' : 'false')
  report.setOutput('failed-workspaces', failed.map((r) => r.workspace).join(','))
  if (failed.length > 0) {
    throw new ActionError(
      `${failed.length} of ${results.length} workspace(s) failed:\n${failed.map((r) => `${r.workspace}: ${r.error ?? 'failed'}`).join('\n')}`
    )
  }
  report.info(`${dryRun ? 'Planned' : 'Made'} ${changes} change(s).`)
}

/** The action's provision-app: a valid config and a sign-in, then provisionApp with the real Graph clients. */
export async function runProvisionApp(inputs: Inputs): Promise<void> {
  const { workspaces, settings } = await loadForWriting(inputs, 'provision-app')
  const connect = () => {
    const { graph, identity, directory, secrets } = signIn(settings, inputs.graphEndpoint)
    return { graph: new GraphProvisioning(graph, identity), directory, secrets }
  }
  await provisionApp({ workspaces, dryRun: inputs.dryRun }, connect, core)
}
