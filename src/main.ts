// Inputs -> command, with the one error boundary of the action. Inputs are parsed once here; each command builds
// the clients it needs from the wiring (src/wiring.ts) and reports through the summary and outputs. The summary is
// written in `finally`, so a failed run still explains itself; failing to write it only warns.
import * as core from '@actions/core'
import { runMatrix } from './commands/matrix.js'
import { runProvisionApp } from './commands/provision-app.js'
import { runSync } from './commands/sync.js'
import { runValidate } from './commands/validate.js'
import { describeError } from './errors.js'
import { parseInputs, type Command, type Inputs } from './inputs.js'
import { addFailure } from './report/summary.js'
import { mask, redact } from './secrets.js'

const COMMANDS: Record<Command, (inputs: Inputs) => Promise<void>> = {
  validate: runValidate,
  sync: runSync,
  'provision-app': runProvisionApp,
  matrix: runMatrix
}

export async function run(): Promise<void> {
  try {
    // Mask before anything else can print it (the runner's OIDC request token too: it is never an input).
    mask(core.getInput('client-secret'))
    mask(process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    const inputs = parseInputs((name) => core.getInput(name))
    await COMMANDS[inputs.command](inputs)
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
