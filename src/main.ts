// Inputs -> command, with the one error boundary of the action. Inputs are parsed once here; each command builds
// the clients it needs from the wiring (src/wiring.ts) and reports through the summary and outputs. The summary is
// written in `finally`, so a failed run still explains itself; failing to write it only warns.
import * as core from '@actions/core'
import { describeError } from './errors.js'
import { pullRequestContext } from './github/context.js'
import { parseInputs, type Command, type Inputs } from './inputs.js'
import { parseJobContext } from './job-context.js'
import { addFailure, addRunLinks } from './report/summary.js'
import { mask, redact } from './secrets.js'

// Each command is loaded when it runs (a dynamic import, so the bundle keeps it in chunks of their own): a run
// evaluates only its own command's code and libraries.
const COMMANDS: Record<Command, (inputs: Inputs) => Promise<void>> = {
  validate: async (inputs) => (await import('./commands/validate.js')).runValidate(inputs),
  sync: async (inputs) => (await import('./commands/sync.js')).runSync(inputs),
  'provision-app': async (inputs) => (await import('./commands/provision-app.js')).runProvisionApp(inputs),
  matrix: async (inputs) => (await import('./commands/matrix.js')).runMatrix(inputs)
}

export async function run(): Promise<void> {
  const job = parseJobContext(process.env)
  try {
    // Mask before anything else can print it (the runner's OIDC request token too: it is never an input).
    mask(core.getInput('client-secret'))
    mask(core.getInput('github-token'))
    mask(process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    const inputs = parseInputs((name) => core.getInput(name), job, pullRequestContext(process.env))
    await COMMANDS[inputs.command](inputs)
  } catch (error) {
    const message = redact(describeError(error))
    core.setFailed(message)
    addFailure(core.summary, message)
  } finally {
    try {
      addRunLinks(core.summary, job)
      await core.summary.write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${describeError(error)}`)
    }
  }
}
