// command: validate — the PR check. Reads every config file, reports every problem at file:line, and
// optionally checks online that each Entra group resolves to exactly one group. Never writes anywhere.
import * as core from '@actions/core'
import { loadConfig, selectTargets, sortProblems } from '../config/index.js'
import { countBySeverity } from '../config/problems.js'
import type { ConfigProblem, GroupMapping, OnlineCheck, ValidationResult } from '../config/types.js'
import { exactlyOneGroup } from '../sources/entra/resolve.js'
import type { EntraDirectory, EntraGroup } from '../sources/entra/types.js'
import { ActionError, describeError } from '../errors.js'
import { commentOnPullRequest } from '../github/pull-request-comment.js'
import type { Inputs } from '../inputs.js'
import { annotate } from '../report/annotations.js'
import { addValidationSummary } from '../report/validation-summary.js'
import { validationSection } from '../report/pr-comment.js'
import { mapLimit } from '../util/concurrency.js'
import { signIn, signInSettings, workspaceDir } from '../wiring.js'

export interface ValidateOptions {
  config: string
  workspaces: string[]
  cwd: string
  /** Config files outside cwd are read (the allow-paths-outside-workspace input). */
  allowOutside?: boolean
  /** Present when tenant-id/client-id were given: the online check runs. */
  directory?: { tenantId: string; open: () => EntraDirectory }
}

/** Graph lookups in flight at once: enough to be quick, few enough to stay clear of throttling. */
const LOOKUP_CONCURRENCY = 8

export async function validate(options: ValidateOptions): Promise<ValidationResult> {
  const { config, problems } = await loadConfig(options.config, {
    cwd: options.cwd,
    allowOutside: options.allowOutside ?? false
  })
  const selection = selectTargets(config, options.workspaces)
  const all = [...problems, ...selection.problems]
  const result: ValidationResult = { files: config.files, workspaces: selection.workspaces, problems: all }
  if (options.directory) {
    // What sync would read: the selected workspaces' groups, and the account's when the run includes it.
    const groups = [
      ...selection.workspaces.flatMap((ws) => ws.groups),
      ...(selection.includesAccount ? (selection.account?.groups ?? []) : [])
    ]
    try {
      const online = await checkOnline(groups, options.directory)
      result.online = online.check
      all.push(...online.problems)
    } catch (error) {
      result.onlineError = describeError(error)
    }
  }
  result.problems = sortProblems(all, config.files)
  return result
}

async function checkOnline(
  groups: readonly GroupMapping[],
  directory: NonNullable<ValidateOptions['directory']>
): Promise<{ check: OnlineCheck; problems: ConfigProblem[] }> {
  const uses = new Map<string, { ref: string; groups: GroupMapping[] }>()
  for (const g of groups) {
    const key = g.entra.toLowerCase()
    const use = uses.get(key) ?? { ref: g.entra, groups: [] }
    use.groups.push(g)
    uses.set(key, use)
  }
  const entra = directory.open()
  const problems: ConfigProblem[] = []
  const resolved = new Map<string, EntraGroup>()
  const entries = [...uses.entries()]
  const record = ([key, use]: [string, { ref: string; groups: GroupMapping[] }], found: EntraGroup[]): void => {
    try {
      resolved.set(key, exactlyOneGroup(use.ref, found, ` in tenant ${directory.tenantId}`))
    } catch (error) {
      const message = error instanceof ActionError && error.fix ? `${error.message} ${error.fix}` : describeError(error)
      for (const g of use.groups) problems.push(problemAt(g, message))
    }
  }
  // The first lookup also signs in; when that fails every lookup would fail alike, so the caller says it once.
  const first = entries[0]
  if (first) record(first, await entra.findGroups(first[1].ref))
  await mapLimit(entries.slice(1), LOOKUP_CONCURRENCY, async (entry) => {
    try {
      record(entry, await entra.findGroups(entry[1].ref))
    } catch (error) {
      for (const g of entry[1].groups) {
        problems.push(problemAt(g, `could not look up Entra group "${entry[1].ref}": ${describeError(error)}`))
      }
    }
  })
  return { check: { tenantId: directory.tenantId, resolved, checked: uses.size }, problems }
}

function problemAt(group: GroupMapping, message: string): ConfigProblem {
  return {
    file: group.at.file,
    line: group.at.line,
    column: group.at.column,
    key: group.at.key ?? '',
    message,
    severity: 'error'
  }
}

/** The action's validate: annotations at file:line, the summary, the `errors` and `warnings` outputs. */
export async function runValidate(inputs: Inputs): Promise<void> {
  const settings = signInSettings(inputs)
  const result = await validate({
    config: inputs.config,
    workspaces: inputs.workspaces,
    cwd: workspaceDir(),
    allowOutside: inputs.allowOutsideWorkspace,
    ...(settings
      ? { directory: { tenantId: settings.tenantId, open: () => signIn(settings, inputs.graphEndpoint).directory } }
      : {})
  })
  annotate(result.problems, core)
  addValidationSummary(core.summary, result)
  await commentOnPullRequest(validationSection(result), inputs)
  const { errors, warnings } = countBySeverity(result.problems)
  core.setOutput('errors', errors)
  core.setOutput('warnings', warnings)
  core.info(
    `Checked ${result.files.length} file(s), ${result.workspaces.length} workspace(s): ${errors} error(s), ${warnings} warning(s).`
  )
  if (result.onlineError) throw new Error(`The online check of Entra groups could not run. ${result.onlineError}`)
  if (errors > 0) core.setFailed(`Config validation found ${errors} error(s); see the annotations and the job summary.`)
}
