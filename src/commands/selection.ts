// The selected targets of a valid config, for every command but validate: bad config never reaches the network,
// every problem is annotated at file:line, and the run stops before it signs in.
import * as core from '@actions/core'
import type { SignInSettings } from '../auth/credential.js'
import { loadConfig, selectTargets, type Selection } from '../config/index.js'
import { ActionError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import { annotate } from '../report/annotations.js'
import { addProblemsTable } from '../report/summary.js'
import { signInSettings, workspaceDir } from '../wiring.js'
import { countBySeverity } from '../config/problems.js'

export async function loadSelected(inputs: Inputs, command: string): Promise<Selection> {
  const { config, problems } = await loadConfig(inputs.config, {
    cwd: workspaceDir(),
    allowOutside: inputs.allowOutsideWorkspace
  })
  const selection = selectTargets(config, inputs.workspaces)
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
  return selection
}

/** For a command that writes: a valid config, and the sign-in settings it needs. */
export async function loadForWriting(
  inputs: Inputs,
  command: string
): Promise<Selection & { settings: SignInSettings }> {
  const selection = await loadSelected(inputs, command)
  const settings = signInSettings(inputs)
  if (!settings) {
    throw new ActionError(
      `command: ${command} needs an Entra sign-in, but tenant-id and client-id are not set.`,
      'Set tenant-id and client-id (and `permissions: id-token: write`), as the README shows.'
    )
  }
  return { ...selection, settings }
}
