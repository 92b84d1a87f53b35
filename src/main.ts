// Inputs -> command, with the one error boundary of the action. The summary is written in `finally`, so
// a failed run still explains itself; failing to write it only warns.
import * as core from '@actions/core'
import { createCredential } from './auth/credential.js'
import { countBySeverity, validate } from './commands/validate.js'
import { createGraphClient, GraphDirectory } from './entra/graph.js'
import { describeError } from './errors.js'
import { parseInputs, type Inputs } from './inputs.js'
import { annotate } from './report/annotations.js'
import { addFailure } from './report/summary.js'
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
      default:
        throw new Error(
          `command "${inputs.command}" is part of the action's contract but not available in this version; available: validate.`
        )
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

async function runValidate(inputs: Inputs): Promise<void> {
  const signIn =
    inputs.tenantId && inputs.clientId ? { tenantId: inputs.tenantId, clientId: inputs.clientId } : undefined
  const result = await validate({
    config: inputs.config,
    workspaces: inputs.workspaces,
    cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
    ...(signIn
      ? {
          directory: {
            tenantId: signIn.tenantId,
            open: () => {
              const credential = createCredential(
                {
                  ...signIn,
                  audience: inputs.audience,
                  authorityHost: inputs.authorityHost,
                  ...(inputs.clientSecret ? { clientSecret: inputs.clientSecret } : {})
                },
                (audience) => core.getIDToken(audience),
                mask
              )
              return new GraphDirectory(createGraphClient(credential, inputs.graphEndpoint), `app ${signIn.clientId}`)
            }
          }
        }
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
